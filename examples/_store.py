"""What the example scripts share: --seeds DIR (build those seeds into a temporary store; the default is the
demo seeds) or --store DIR (an existing store, e.g. the one `conflictkg build` writes)."""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from conflictkg import Store, build
from conflictkg.core.resources import SEEDS_DIR


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    where = p.add_mutually_exclusive_group()
    where.add_argument("--seeds", type=Path, help="seeds folder to build (default: the demo seeds)")
    where.add_argument("--store", type=Path, help="an existing store folder")
    return p


def open_store(args: argparse.Namespace) -> Store:
    if args.store:
        return Store(args.store)
    tmp = tempfile.mkdtemp(prefix="conflictkg-example-")  # left for the OS to clean: the store is read after
    return Store(build(args.seeds or SEEDS_DIR, Path(tmp) / "store").store)
