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
