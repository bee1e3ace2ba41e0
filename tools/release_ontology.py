"""Write the ontology's release file, ontology/release/conflictkg-<version>.ttl (the sources merged under
their versionIRI). Run after changing the ontology; tests/test_ontology.py checks that it is up to date.

    python tools/release_ontology.py
"""
from conflictkg.model.release import write

if __name__ == "__main__":
    print(f"wrote {write()}")
