"""Arabic spelling variants resolve to one entity each."""
import pytest

from conflictkg.core.resources import SEEDS_DIR
from conflictkg.curation.resolve import Resolver
from conflictkg.curation.seeds import read_corpus


@pytest.fixture(scope="module")
def resolver():
    return Resolver(read_corpus(SEEDS_DIR))


def test_no_spelling_is_claimed_by_two_actors_or_two_places(resolver):
    assert resolver.ambiguous() == {}


def test_a_state_and_its_territory_may_share_a_name(resolver):
    assert resolver.lookup("تركيا") == {"actor:turkey", "place:turkey"}


@pytest.mark.parametrize("spellings, entity", [
    (["سورية", "سوريا"], "place:syria"),
    (["البوكمال", "البو كمال", "مدينة البوكمال"[6:]], "place:abu-kamal"),
    (["داعش", "تنظيم الدولة", "د ا ع ش", "تنظيم داعش"], "actor:isis"),
    (["قسد", "قوات سورية الديمقراطية", "قوات سوريا الديموقراطية", "وقوات سوريا الديمقراطية"], "actor:sdf"),
    (["صبيحان", "صبيخان"], "place:subaykhan"),
    (["الميليشيات الموالية لإيران", "المليشيات الإيرانية"], "actor:iran-backed-militias"),
    (["إسطنبول", "اسطنبول"], "place:istanbul"),
    (["قونيا", "قونية"], "place:konya"),
])
def test_variants_resolve_to_one_entity(resolver, spellings, entity):
    for s in spellings:
        assert resolver.lookup(s) == {entity}, s


def test_unknown_name_resolves_to_nothing(resolver):
    assert resolver.lookup("كاتماندو") == set()
