"""Draw the ontology's class hierarchy (conflictkg classes only) to docs/img/class-hierarchy.png.

    python tools/draw_ontology.py
"""
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from rdflib.namespace import OWL, RDF, RDFS  # noqa: E402

from conflictkg.core.ns import CKG  # noqa: E402
from conflictkg.model import ontology  # noqa: E402

ROOTS = ["Actor", "Place", "Fact", "Article", "Count", "DealTerm", "Concept"]
COLOURS = {"Actor": "#c0392b", "Place": "#27ae60", "Fact": "#2c3e50", "Article": "#7f8c8d",
           "Count": "#8e44ad", "DealTerm": "#8e44ad", "Concept": "#7f8c8d"}


def children_map(g):
    kids = {}
    for c in g.subjects(RDF.type, OWL.Class):
        if not str(c).startswith(str(CKG)):
            continue
        for sup in g.objects(c, RDFS.subClassOf):
            if str(sup).startswith(str(CKG)):
                kids.setdefault(sup.split("#")[1], []).append(c.split("#")[1])
    return {k: sorted(v) for k, v in kids.items()}


def main():
    g = ontology.graph()
    kids = children_map(g)
    rows = []  # (depth, name, root)

    def walk(name, depth, root, seen):
        rows.append((depth, name, root))
        for k in kids.get(name, []):
            if k not in seen:
                walk(k, depth + 1, root, seen | {k})

    for r in ROOTS:
        walk(r, 0, r, {r})
    # three columns of an indented tree
    cols, per = 3, -(-len(rows) // 3)
    fig, ax = plt.subplots(figsize=(15, per * 0.24 + 1))
    ax.axis("off")
    for i, (depth, name, root) in enumerate(rows):
        col, line = divmod(i, per)
        x, y = col / cols + depth * 0.018, 1 - (line + 1) / (per + 1)
        ax.text(x, y, ("└ " if depth else "") + name, fontsize=9, family="DejaVu Sans",
                color=COLOURS[root], weight="bold" if depth == 0 else "normal", transform=ax.transAxes)
    ax.set_title("conflictkg ontology: class hierarchy (ckg: classes; multiple parents appear twice)", fontsize=12)
    out = Path(__file__).resolve().parents[1] / "docs" / "img" / "class-hierarchy.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110, bbox_inches="tight")
    print(f"wrote {out} ({len(rows)} rows)")


if __name__ == "__main__":
    main()
