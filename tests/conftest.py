import os
import shutil
from pathlib import Path

import pytest
from helpers import copy_store

from conflictkg.core.resources import SEEDS_DIR
from conflictkg.curation.build import build
from conflictkg.store.generations import Store


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The real seeds built once into a private store."""
    path = tmp_path_factory.mktemp("store")
    result = build(SEEDS_DIR, path)
    return result


@pytest.fixture(scope="session")
def store(built) -> Store:
    return Store(built.store)


@pytest.fixture
def kg(built, tmp_path) -> Store:
    """A private, writable copy of the built seed store (without the shared store's lock and leases)."""
    return copy_store(built.store, tmp_path / "store")


@pytest.fixture
def seeds(tmp_path) -> Path:
    """A private copy of the seeds that a test may break."""
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, dst)
    return dst


# ---------------------------------------------------------------- unit and integration tests
# Tests live in folders by the package they test (core, store, model, curation, ingest, ask, share, cli).
# A test is an integration test when it needs the built seed store, or sits in a module that starts servers
# or processes; the rest are unit tests that build only what they need.
INTEGRATION_MODULES = {"test_serve_push", "test_virtuoso", "test_browser", "test_wheel", "test_import",
                       "test_import_bad_input", "test_ingest", "test_bad_input", "test_cli", "test_store"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if {"built", "store"} & set(item.fixturenames) or item.module.__name__ in INTEGRATION_MODULES:
            item.add_marker(pytest.mark.integration)


# ---------------------------------------------------------------- tests that need a program from outside
# Such a test skips with a reason starting "needs " where the program is absent. Under CI (CI=true), which
# installs every one of them, any such skip fails the run: a green CI must have run them all.
_external_skips: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped and isinstance(report.longrepr, tuple) and str(report.longrepr[2]).startswith(
            ("needs ", "Skipped: needs ")):
        _external_skips.append(f"{report.nodeid}: {report.longrepr[2]}")


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("CI") and _external_skips:
        print("\nCI installs every program the tests need, yet these tests skipped:\n  "
              + "\n  ".join(sorted(set(_external_skips))))
        session.exitstatus = 1
