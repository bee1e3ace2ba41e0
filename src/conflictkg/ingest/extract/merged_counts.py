"""The counts of one incident told in several mentions (incidents.py merges the mentions): for each kind,
the larger count of each side, and the counts of different sides side by side (the ACLED row sums them). A
count without a side covers every side: it replaces the sided ones when it is larger than their sum, and is
dropped when it is not. A mention whose counts of a kind are all vague (عشرات القتلى) restates the toll another
mention gives in figures (80 قتيلا مدنيا): it adds no other side."""
from __future__ import annotations

from .candidates import uniq


def combine_counts(a: list[dict], b: list[dict]) -> list[dict]:
    """The counts of two mentions of one incident (see the module's doc). A mention without counts changes
    nothing: the counts of one mention are of different sides even when one has no side."""
    if not a or not b:
        return [dict(k) for k in a or b]
    out: list[dict] = []
    for kind in uniq(k["kind"] for k in a + b):
        ka, kb = [k for k in a if k["kind"] == kind], [k for k in b if k["kind"] == kind]
        ks = _restated(ka, kb) or _restated(kb, ka) or ka + kb
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


def _restated(exact: list[dict], vague: list[dict]) -> list[dict] | None:
    """`exact` alone, when every count of `vague` is vague and of a side `exact` does not name, and `exact` has a
    count in figures: "موقعة عشرات القتلى" told of the strikes that killed "80 قتيلا مدنيا على الأقل" are those
    dead, not another side's."""
    figures = [k for k in exact if not k.get("vague") and ("n" in k or "min" in k)]
    sides = {k.get("side") for k in exact}
    if figures and vague and all(k.get("vague") and k.get("side") not in sides | {None} for k in vague):
        return exact  # a vague count of the same side, or of none, is weighed as before (the larger wins)
    return None
