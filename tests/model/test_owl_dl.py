"""OWL 2 DL, checked by a tool nobody on the project wrote: the OWL API's profile checker on the ontology."""
import subprocess
from pathlib import Path

from helpers import needs
from rdflib.namespace import SKOS

from conflictkg.model import release

OWLAPI = "/usr/share/java/owlapi-api.jar"
# the OWL API and what it needs to parse RDF (all Debian dependencies of libowlapi-java)
JARS = ("owlapi-api", "owlapi-apibinding", "owlapi-impl", "owlapi-parsers", "guava", "caffeine", "commons-io",
        "commons-codec", "commons-rdf-api", "hppcrt", "jsr305", "slf4j-api", "slf4j-nop", "xz",
        "atinject-jsr330-api", "jackson-core", "jackson-databind", "jackson-annotations")
CHECKER = Path(__file__).with_name("OwlProfile.java")


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
