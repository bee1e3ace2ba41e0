"""The counts of one incident told in several mentions (incidents.py merges the mentions): for each kind,
the larger count of each side, and the counts of different sides side by side (the ACLED row sums them). A
count without a side covers every side: it replaces the sided ones when it is larger than their sum, and is
dropped when it is not."""
from __future__ import annotations

from .candidates import uniq


def combine_counts(a: list[dict], b: list[dict]) -> list[dict]:
    """The counts of two mentions of one incident (see the module's doc). A mention without counts changes
    nothing: the counts of one mention are of different sides even when one has no side."""
    if not a or not b:
        return [dict(k) for k in a or b]
    out: list[dict] = []
    for kind in uniq(k["kind"] for k in a + b):
        ks = [k for k in a + b if k["kind"] == kind]
        best: dict = {}
        for k in ks:
            side = k.get("side")
            if side not in best or _lower(k) > _lower(best[side]):
                best[side] = k
        whole = best.pop(None, None)
        if whole is not None and (not best or _lower(whole) > sum(_lower(k) for k in best.values())):
            out.append(whole)
        else:
            out += list(best.values())
    return out


def _lower(k: dict) -> int:
    return k.get("n", k.get("min", 0)) or 0
