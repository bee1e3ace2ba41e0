"""OWL 2 DL, checked by tools nobody on the project wrote: the OWL API's profile checker on the ontology and
on the owl export, and HermiT (through owlready2, as `conflictkg reason` runs it) loading that export."""
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import needs, needs_mark
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from conflictkg.core.errors import ConflictKGError
from conflictkg.core.ns import GEO, SEM
from conflictkg.model import release
from conflictkg.model.reason import for_reasoner, reason
from conflictkg.share.exports import export, store_graph

OWLAPI = "/usr/share/java/owlapi-api.jar"
# the OWL API and what it needs to parse RDF (all Debian dependencies of libowlapi-java)
JARS = ("owlapi-api", "owlapi-apibinding", "owlapi-impl", "owlapi-parsers", "guava", "caffeine", "commons-io",
        "commons-codec", "commons-rdf-api", "hppcrt", "jsr305", "slf4j-api", "slf4j-nop", "xz",
        "atinject-jsr330-api", "jackson-core", "jackson-databind", "jackson-annotations")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
CHECKER = Path(__file__).with_name("OwlProfile.java")
needs_java = needs_mark("java")


def owl2_dl_violations(path: Path) -> list[str]:
    """The OWL API's OWL 2 DL profile violations of an RDF file (empty: the file is OWL 2 DL)."""
    java = needs("java")
    needs(OWLAPI)
    classpath = ":".join(f"/usr/share/java/{jar}.jar" for jar in JARS)
    run = subprocess.run([java, "-Xmx1g", "-cp", classpath, str(CHECKER), str(path)],
                         capture_output=True, text=True, timeout=300)
    lines = run.stdout.splitlines()
    assert lines and lines[-1].startswith("violations: "), f"the checker did not run:\n{run.stderr[-2000:]}"
    violations = lines[:-1]
    assert len(violations) == int(lines[-1].split()[1]) and run.returncode == (1 if violations else 0)
    return violations


def test_the_ontology_is_owl2_dl_bug(tmp_path):
    """Regression: the OWL API found 550 violations in the ontology (SKOS and Dublin Core terms used as
    annotations without being declared, skos:ConceptScheme used as a class without being declared)."""
    path = tmp_path / "ontology.ttl"
    path.write_bytes(release.release_graph().serialize(format="turtle", encoding="utf-8"))
    assert owl2_dl_violations(path) == []
    assert owl2_dl_violations(release.release_path()) == []  # the released file, as published


def test_the_profile_checker_catches_an_undeclared_term(tmp_path):
    g = release.release_graph()
    g.remove((SKOS.definition, None, None))
    path = tmp_path / "ontology.ttl"
    path.write_bytes(g.serialize(format="turtle", encoding="utf-8"))
    violations = owl2_dl_violations(path)
    assert violations and all(v.startswith("UseOfUndeclaredAnnotationProperty") and "core#definition>" in v
                              for v in violations)


def test_the_owl_export_is_owl2_dl_bug(store, tmp_path):
    """Regression: the full export used xsd:date and geo:wktLiteral (outside the OWL 2 datatype map), and oa:,
    WGS84 and SKOS terms and sf:Point without declaring them: 7,729 violations."""
    path = tmp_path / "conflictkg.owl.ttl"
    path.write_bytes(export(store, "owl"))
    assert owl2_dl_violations(path) == []


def test_the_ttl_export_keeps_its_datatypes_and_is_not_dl(store, tmp_path):
    """The ttl export is unchanged: its xsd:date and geo:wktLiteral literals stay, which the checker refuses."""
    ttl = export(store, "ttl")
    assert b"^^xsd:date ;" in ttl or b"^^xsd:date ." in ttl
    assert b"^^geo:wktLiteral" in ttl and b"^^xsd:dateTime" not in ttl
    path = tmp_path / "conflictkg.ttl"
    path.write_bytes(ttl)
    kinds = {v.split(":", 1)[0] for v in owl2_dl_violations(path)}
    assert kinds == {"UseOfUndeclaredDatatype", "UseOfDefinedDatatypeInLiteral"}


def test_the_owl_export_keeps_every_fact_and_is_deterministic(store):
    owl, ttl = export(store, "owl"), export(store, "ttl")
    assert owl == export(store, "owl")
    a, b = (list(ox.parse(x, format=ox.RdfFormat.TURTLE)) for x in (ttl, owl))
    assert len(a) == len(b)
    changed = {(t.subject, t.predicate) for t in a} ^ {(t.subject, t.predicate) for t in b}
    assert changed == set()  # same subjects and properties; only literals were retyped
    dated = [t for t in b if t.predicate.value == str(SEM.hasLatestEndTimeStamp)]
    assert dated and all(t.object.datatype.value == str(XSD.dateTime) and t.object.value.endswith("T23:59:59")
                         for t in dated)


def _triple(p: URIRef, o: Literal) -> ox.Triple:
    lit = ox.Literal(str(o), datatype=ox.NamedNode(str(o.datatype)))
    return ox.Triple(ox.NamedNode("https://w3id.org/conflictkg/id/fact/a/e1"), ox.NamedNode(str(p)), lit)


def test_dates_become_the_instants_they_stand_for():
    begin = for_reasoner(_triple(SEM.hasEarliestBeginTimeStamp, Literal("2019-03-23", datatype=XSD.date)))
    end = for_reasoner(_triple(SEM.hasLatestEndTimeStamp, Literal("2019-03-31", datatype=XSD.date)))
    point = for_reasoner(_triple(SEM.hasTimeStamp, Literal("2019-03-25", datatype=XSD.date)))
    assert (begin.object.value, end.object.value, point.object.value) == (
        "2019-03-23T00:00:00", "2019-03-31T23:59:59", "2019-03-25T00:00:00")
    assert {t.object.datatype.value for t in (begin, end, point)} == {str(XSD.dateTime)}
    wkt = for_reasoner(_triple(GEO.asWKT, Literal("POINT(40.85 34.9)", datatype=GEO.wktLiteral)))
    assert (wkt.object.value, wkt.object.datatype.value) == ("POINT(40.85 34.9)", str(XSD.string))
    count = _triple(URIRef("https://w3id.org/conflictkg/ontology#value"), Literal("7", datatype=XSD.integer))
    assert for_reasoner(count) == count


def test_a_datatype_no_reasoner_knows_is_refused_by_name():
    with pytest.raises(ConflictKGError, match=r"gYear.*outside the OWL 2 datatype map") as e:
        for_reasoner(_triple(SEM.hasTimeStamp, Literal("2019", datatype=XSD.gYear)))
    assert "fact/a/e1" in str(e.value)


def _hermit(path: Path) -> None:
    """Load an RDF file in owlready2 and run HermiT on it, as a Protégé user would."""
    import owlready2

    owlready2.JAVA_EXE = needs("java")
    nt = path.with_suffix(".nt")
    nt.write_bytes(ox.serialize(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES))
    world = owlready2.World()
    onto = world.get_ontology(nt.as_uri()).load()
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)


@needs_java
def test_hermit_loads_the_owl_export_and_not_the_ttl_export(store, tmp_path):
    import owlready2

    owl = tmp_path / "conflictkg.owl.ttl"
    owl.write_bytes(export(store, "owl"))
    _hermit(owl)
    ttl = tmp_path / "conflictkg.ttl"
    ttl.write_bytes(export(store, "ttl"))
    with pytest.raises(owlready2.base.OwlReadyJavaError, match="not part of the OWL 2 datatype map"):
        _hermit(ttl)


@needs_java
def test_reason_gives_hermit_every_fact_with_its_literals(store):
    """`conflictkg reason` reasons over what the owl export holds, literals included (it used to leave them
    out): a literal no reasoner knows is refused rather than dropped."""
    data = store_graph(store, ontology=False)
    result = reason(data)
    assert result.consistent and result.individuals >= 2700
    data.add((URIRef("https://w3id.org/conflictkg/id/fact/a/e1"), SEM.hasTimeStamp, Literal("2019", datatype=XSD.gYear)))
    with pytest.raises(ConflictKGError, match="gYear"):
        reason(data)
