"""A count over several sides together («19 of the regime forces and the gunmen loyal to them») stays one count."""
import pytest
import yaml
from rdflib import URIRef

from conflictkg.core import ns
from conflictkg.core.errors import FactErrors
from conflictkg.core.ns import CKG
from conflictkg.curation.build import facts_graph
from conflictkg.model import shacl

ARTICLE = "003_117490c947766292"
EVENT = {
    "id": "zz1", "type": "Attack", "statement": "event",
    "quote": "شن التنظيم الارهابي داعش هجومًا ارهابيًا فى منطقة البادية فى وسط البلاد، قُتل فيه 19 عنصرًا من قوات النظام والمسلحين الموالين لها",
    "summary": "test event", "places": ["eastern-rif-hama"], "perpetrator": ["isis"],
    "target": ["syrian-regime-forces", "pro-regime-militias"], "reporter": "al-fajr", "certainty": "reported",
}


def with_counts(seeds, counts):
    path = seeds / "facts" / f"{ARTICLE}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["events"].append(dict(EVENT, counts=counts))
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return URIRef(f"{ns.fact(ARTICLE, 'zz1')}/count/1")


def test_a_list_of_sides_is_one_joint_count(seeds):
    count = with_counts(seeds, [{"kind": "killed", "side": ["syrian-regime-forces", "pro-regime-militias"], "n": 19}])
    g = facts_graph(seeds)
    assert set(g.objects(count, CKG.jointSide)) == {ns.actor("syrian-regime-forces"), ns.actor("pro-regime-militias")}
    assert g.value(count, CKG.side) is None  # no side carries the 19 alone
    assert int(g.value(count, CKG.lowerBound)) == 19


def test_a_joint_count_of_one_actor_is_refused_with_the_fix(seeds):
    with_counts(seeds, [{"kind": "killed", "side": ["isis", "isis"], "n": 3}])
    with pytest.raises(FactErrors) as e:
        facts_graph(seeds)
    text = str(e.value)
    assert f"facts/{ARTICLE}.yaml" in text and "[zz1]" in text and "fewer than two different actors" in text
    assert "write a single side as a plain id" in text


def test_a_joint_side_that_is_no_actor_is_refused(seeds):
    with_counts(seeds, [{"kind": "killed", "side": ["isis", "martians"], "n": 3}])
    with pytest.raises(FactErrors, match="unknown actor 'martians'"):
        facts_graph(seeds)


@pytest.mark.parametrize("engine", ["pyshacl", "fast"])
def test_shapes_refuse_a_joint_count_with_one_side_or_a_single_side_too(seeds, engine):
    count = with_counts(seeds, [{"kind": "killed", "side": ["syrian-regime-forces", "pro-regime-militias"], "n": 19}])
    g = facts_graph(seeds)
    assert shacl.validate(g, engine=engine).conforms
    g.remove((count, CKG.jointSide, ns.actor("pro-regime-militias")))
    g.add((count, CKG.side, ns.actor("syrian-regime-forces")))
    report = shacl.validate(g, engine=engine)
    shapes = {(r.shape, r.message) for r in report.results if r.focus == str(count)}
    assert ("JointCountShape", "A joint count names at least two actors (side: [a, b] in the fact file).") in shapes
    assert ("JointCountShape", "A joint count has no single side: its sides are all ckg:jointSide.") in shapes
