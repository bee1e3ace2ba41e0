# Two commands on a fresh machine: `make demo` builds the knowledge graph from the bundled articles,
# `make test` runs the tests. Both create .venv and install conflictkg into it first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench bench-import release-ontology clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/conflictkg build
	$(BIN)/conflictkg stats
	$(BIN)/conflictkg quality
	$(BIN)/conflictkg reason
	mkdir -p out
	$(BIN)/conflictkg query transfer-deals --format csv > out/transfer-deals.csv
	$(BIN)/conflictkg analyze --out out/analysis
	$(BIN)/conflictkg export --format geojson -o out/conflictkg.geojson
	$(BIN)/conflictkg export --format acled-csv -o out/conflictkg-acled.csv

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/store_load.py

# ACLED imports at 10k, 100k and 1M rows against the naive rdflib + pySHACL path (about 40 minutes)
bench-import: $(STAMP)
	$(BIN)/python bench/import_bench.py --rows 10000 100000 --million --limit 300

# the ontology's release file, ontology/release/conflictkg-<version>.ttl (a test fails when it is stale)
release-ontology: $(STAMP)
	$(BIN)/python tools/release_ontology.py

clean:
	rm -rf $(VENV) build *.egg-info
