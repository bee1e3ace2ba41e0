"""Arabic spelling variants resolve to one entity each: in the registries, and in what extraction finds."""
import pytest

from conflictkg.core.arabic import match_key
from conflictkg.core.normalise import normalise
from conflictkg.core.resources import SEEDS_DIR
from conflictkg.curation.seeds import read_corpus
from conflictkg.ingest.extract.lexicon import Lexicon
from conflictkg.ingest.extract.match import tokens


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.load()


def found(lex: Lexicon, name: str) -> set[str]:
    """The entities extraction finds in `name` written alone: whole-name matches only."""
    toks = tokens(normalise(name))
    out = set()
    for kind, matcher in (("actor", lex.actor_matcher), ("place", lex.place_matcher)):
        for m in matcher.find(toks):
            if m.first == 0 and m.last == len(toks) - 1:
                out.add(f"{kind}:{m.value.id if kind == 'actor' else m.value}")
    return out


def test_no_spelling_is_claimed_by_two_actors_or_two_places():
    """A state and its territory (actor and place 'turkey') may share a name; two actors, or two places,
    may not: a fact file or a matcher could not tell them apart."""
    corpus = read_corpus(SEEDS_DIR)
    claims: dict[str, set[str]] = {}
    for kind, table in (("actor", corpus.actors), ("place", corpus.places)):
        for eid, e in table.items():
            for name in [e["ar"], *(e.get("variants") or [])]:
                claims.setdefault(match_key(name, drop_spaces=True), set()).add(f"{kind}:{eid}")
    clashes = {k: v for k, v in claims.items() if len({e.split(":")[0] for e in v}) != len(v)}
    assert clashes == {}


def test_a_state_and_its_territory_may_share_a_name(lexicon):
    assert found(lexicon, "تركيا") == {"actor:turkey", "place:turkey"}


@pytest.mark.parametrize("spellings, entity", [
    (["سورية", "سوريا"], "place:syria"),
    (["البوكمال", "البو كمال"], "place:abu-kamal"),
    (["داعش", "تنظيم الدولة", "د ا ع ش", "تنظيم داعش"], "actor:isis"),
    (["قسد", "قوات سورية الديمقراطية", "قوات سوريا الديموقراطية", "وقوات سوريا الديمقراطية"], "actor:sdf"),
    (["صبيحان", "صبيخان"], "place:subaykhan"),
    (["الميليشيات الموالية لإيران", "المليشيات الإيرانية"], "actor:iran-backed-militias"),
    (["إسطنبول", "اسطنبول"], "place:istanbul"),
    (["قونيا", "قونية"], "place:konya"),
])
def test_variants_resolve_to_one_entity(lexicon, spellings, entity):
    for s in spellings:
        assert found(lexicon, s) == {entity}, s


def test_unknown_name_resolves_to_nothing(lexicon):
    assert found(lexicon, "كاتماندو") == set()
