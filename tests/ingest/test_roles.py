"""Roles: who did an act and to whom, read from real clauses."""
from conflictkg.ingest.extract import extract

# seed article 001: the observatory's count of the victims of ISIS attacks in the desert
VICTIMS = ("كما وثّق المرصد السوري، مقتل 4 مدنيين عاملين في حقول الغاز، و11 من الرعاة، بالإضافة لسيدة، في هجمات "
           "التنظيم.")


def test_civilians_before_a_violent_act_are_its_victims_not_its_side_bug():
    """Regression: the last actor before a noun of violence was its perpetrator even when it was a group of
    civilians: the shepherds killed in ISIS's attacks were the attackers (and civilians so named became
    actor1 of air strikes, which then parted two mentions of one strike: the perpetrator of one was the target
    of the other). Civilians (seeds/actors.yaml class CivilianGroup) are never the side that strikes."""
    (e,) = extract(VICTIMS, published="2021-11-20").facts["events"]
    assert e["type"] == "Attack" and not e.get("perpetrator")
    assert {"civilians", "gas-field-workers", "shepherds"} <= set(e["target"])
    assert e["counts"] == [{"kind": "killed", "side": "civilians", "n": 4}]
