import shutil
from pathlib import Path

import pytest

from conflictkg.curation.build import build
from conflictkg.core.resources import SEEDS_DIR
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
def seeds(tmp_path) -> Path:
    """A private copy of the seeds that a test may break."""
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, dst)
    return dst
