"""Parameters given as short IRIs and slugs: `expand` reads the prefixed and short forms the tables print,
`resolve` looks them up in the graph before a query runs, so that a short form never silently matches
nothing. Values are checked (an IRI form, a slug of [a-z0-9-]) and written as RDF terms, never pasted."""
from __future__ import annotations

import difflib
import re

from rdflib import Literal, URIRef

from conflictkg.core.errors import ConflictKGError
from conflictkg.core.ns import ID, PREFIXES


class ParamError(ConflictKGError):
    """A parameter that names nothing in the graph, or several things (exit code 2)."""


_IRI = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
# the first part of the short IRIs the tables print (actor/isis) and of the prefixes a user may write (actor:isis)
KINDS = ("actor", "place", "fact", "article", "event", "record", "tally", "mention")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


def expand(value: str) -> str | None:
    """The full IRI of a prefixed or short IRI: ckg:Attack, ckgid:actor/isis, actor:isis, and actor/isis as the
    tables print it; a full IRI (bare or in <>) as it is; None for anything else (a slug, a label, a number)."""
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        v = v[1:-1]
    if _IRI.fullmatch(v):
        return v
    m = re.fullmatch(r"([A-Za-z][\w-]*):([^\s<>\"{}|\\^`]+)", v)
    if m and m[1] in PREFIXES:
        return str(PREFIXES[m[1]]) + m[2]
    if m and m[1] in KINDS:
        return f"{ID}{m[1]}/{m[2]}"
    m = re.fullmatch(r"([a-z]+)/[^\s<>\"{}|\\^`:]+", v)
    if m and m[1] in KINDS:
        return f"{ID}{v}"
    return None


def resolve(q, given: dict[str, str], select) -> dict[str, str]:
    """The parameters with their short IRIs and slugs made full IRIs, looked up with `select` (SPARQL text ->
    rows), so that a short form never silently matches nothing:

    - a prefixed or short IRI (ckg:Attack, actor:isis, actor/isis) becomes the full IRI, which must be in the
      graph (as a subject or an object), else the error lists close matches;
    - a slug (isis, abu-kamal) given to a parameter that takes an IRI becomes the one actor, place or article
      IRI that ends with it; none (for a parameter whose default is an IRI) or several is an error.

    Values are checked before they reach a query (an IRI form, a slug of [a-z0-9-]) and written as RDF terms."""
    out = dict(given)
    for name, value in given.items():
        full = expand(value)
        if full is not None and not (value.startswith("<") or _IRI.fullmatch(value)):
            if not select(_EXISTS.format(terms=URIRef(full).n3())):
                raise ParamError(f"--param {name}={value}: the graph has no {full}",
                                 fix=_close(full, select) or "give an IRI the tables list")
            out[name] = f"<{full}>"
        elif full is None and name in q.params and q.takes_iri(name) and _SLUG.fullmatch(value):
            guesses = [f"{ID}{kind}/{value}" for kind in ("actor", "place", "article")]
            guesses += [f"{ID}{kind}/{ds}/{value}" for kind in ("actor", "place") for ds in ("acled", "ucdp")]
            found = sorted(r["s"] for r in select(_EXISTS.format(terms=" ".join(URIRef(g).n3() for g in guesses))))
            if len(found) > 1:
                raise ParamError(f"--param {name}={value}: the slug names {len(found)} entities: "
                                 f"{', '.join(f.replace(str(ID), '') for f in found)}",
                                 fix=f"give one of them: --param {name}={found[0].replace(str(ID), '')}")
            if found:
                out[name] = f"<{found[0]}>"
            elif q.cells.get(name, "").startswith("<"):
                raise ParamError(f"--param {name}={value}: no actor, place or article has the slug '{value}'",
                                 fix="give a slug, short IRI (actor/isis) or IRI the tables list")
        elif full is None and q.cells.get(name, "").startswith("<") and not _SLUG.fullmatch(value):
            raise ParamError(f"--param {name}={value}: the parameter takes an IRI (its default is "
                             f"{q.cells[name]}), and '{value}' is none", fix=f"give an IRI, a short IRI such as "
                             f"actor/isis or a slug: --param {name}=isis")
    return out


_EXISTS = "SELECT ?s WHERE {{ VALUES ?s {{ {terms} }} FILTER EXISTS {{ {{ ?s ?p ?o }} UNION {{ ?x ?y ?s }} }} }}"


def _close(full: str, select) -> str:
    """'did you mean: …' with the graph's IRIs that start as `full` does and end most like it."""
    stem = full.rsplit("/", 1)[0] + "/"
    rows = select("SELECT DISTINCT ?s WHERE { ?s a ?c . FILTER (STRSTARTS(STR(?s), %s)) }"
                  % Literal(stem).n3())
    shown = {r["s"].replace(str(ID), ""): r["s"] for r in rows}
    close = difflib.get_close_matches(full.replace(str(ID), ""), sorted(shown), n=5, cutoff=0.6)
    return f"did you mean: {', '.join(close)}?" if close else ""
