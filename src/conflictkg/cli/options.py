"""What the commands share: click options used by several of them (in the style of sqlite-utils' cli.py),
and the wrapper that shows a library error as a click error with the library's exit code."""
from __future__ import annotations

from pathlib import Path

import click

from conflictkg.core.errors import ConflictKGError
from conflictkg.core.resources import SEEDS_DIR
from conflictkg.share.exports import EXPORTERS
from conflictkg.store.generations import Store


class Failure(click.ClickException):
    """A library error shown as a click error, keeping the library's exit code."""

    def __init__(self, error: ConflictKGError):
        super().__init__(str(error))
        self.exit_code = error.exit_code


def call(fn, *args, **kwargs):
    """Call the library; a ConflictKGError becomes a Failure (message and exit code kept)."""
    try:
        return fn(*args, **kwargs)
    except ConflictKGError as e:
        raise Failure(e) from None


def store_of(ctx: click.Context) -> Store:
    """The store chosen with the group's --store option."""
    return Store(ctx.obj["store"])


def store_option(fn):
    return click.option("--store", type=click.Path(path_type=Path), envvar="CONFLICTKG_STORE", default=None,
                        help="Store folder (default: $CONFLICTKG_STORE or ~/.local/share/conflictkg/store).")(fn)


def seeds_option(help: str):
    """--seeds: an existing seeds folder, the project's demo seeds by default."""
    return click.option("--seeds", type=click.Path(exists=True, file_okay=False, path_type=Path),
                        default=SEEDS_DIR, show_default=True, help=help)


def auth_options(user_help: str, password_help: str):
    """--user, --password (or $CONFLICTKG_PASSWORD) and --auth for a SPARQL endpoint's HTTP auth."""
    def decorate(fn):
        fn = click.option("--auth", type=click.Choice(["basic", "digest"]), default="basic", show_default=True)(fn)
        fn = click.option("--password", help=password_help, envvar="CONFLICTKG_PASSWORD")(fn)
        return click.option("--user", help=user_help)(fn)
    return decorate


def export_format_option(fn):
    """--format of 'export': the choices and their help come from the exporters' registry."""
    formats = "; ".join(f"{name}: {cls.help}" for name, cls in EXPORTERS.items())
    return click.option("--format", "fmt", type=click.Choice(list(EXPORTERS)), default="ttl", show_default=True,
                        help=f"Output format ({formats}).")(fn)


def event_filter_options(kinds: tuple[str, ...] = (), *, what: str = "events"):
    """--from, --to, --governorate, --place, --actor, --role, --type, --kind and --source: which events to keep
    (conflictkg.ask.events.Filters); `kinds` is --kind's default. `filters_of` turns them into Filters."""
    from conflictkg.ask.events import KINDS, ROLES, SOURCES

    options = [
        click.option("--from", "start", metavar="DATE", help=f"Keep {what} whose date span reaches this day or later "
                     "(YYYY-MM-DD, YYYY-MM or YYYY: its first day). A span counts when it overlaps the range."),
        click.option("--to", "end", metavar="DATE", help=f"Keep {what} whose date span starts on this day or "
                     "earlier (YYYY-MM-DD, YYYY-MM or YYYY: its last day). Undated events overlap no range."),
        click.option("--within", is_flag=True, help="With --from/--to: only events whose whole date span lies in "
                     "the range (the rule of counts by period), not every one that overlaps it."),
        click.option("--governorate", "governorates", multiple=True, metavar="NAME",
                     help="In this governorate: English or Arabic name, slug or IRI (repeatable)."),
        click.option("--place", "places", multiple=True, metavar="NAME",
                     help="At this place or anywhere part of it (repeatable)."),
        click.option("--actor", "actors", multiple=True, metavar="NAME",
                     help="With this actor in the role of --role (repeatable)."),
        click.option("--role", type=click.Choice(ROLES), default="any", show_default=True,
                     help="The --actor's role: perpetrator, target, party, or any of them."),
        click.option("--type", "types", multiple=True, metavar="TYPE",
                     help="Of this event type or any subtype of it: Attack, ckg:Ambush, كمين (repeatable)."),
        click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS), default=kinds,
                     show_default=bool(kinds), help="Statement kind (repeatable)"
                     + ("" if kinds else " [default: all]") + "."),
        click.option("--source", "sources", multiple=True, type=click.Choice(SOURCES),
                     help="Where the event comes from: curated seeds, extracted articles, ACLED or UCDP imports "
                     "(repeatable; default: all)."),
    ]

    def decorate(fn):
        for option in reversed(options):
            fn = option(fn)
        return fn
    return decorate


FILTER_NAMES = ("start", "end", "within", "governorates", "places", "actors", "role", "types", "kinds", "sources")


def filters_of(options: dict):
    """The Filters of the options `event_filter_options` added (taken out of `options`)."""
    from conflictkg.ask.events import Filters, bound

    kw = {k: options.pop(k) for k in FILTER_NAMES}
    kw["start"] = call(bound, kw["start"]) if kw["start"] else None
    kw["end"] = call(bound, kw["end"], end=True) if kw["end"] else None
    return Filters(**{k: tuple(v) if isinstance(v, (list, tuple)) else v for k, v in kw.items()})
