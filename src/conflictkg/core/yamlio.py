"""YAML that remembers the line of every mapping, so errors can point at the record."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import yaml

from .errors import InputError


class Record(dict):
    """A YAML mapping with the 1-based line it starts on."""

    line: int = 0


class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's parser when installed (the same YAML, much faster on long files), else PyYAML's."""


def _mapping(loader: Loader, node: yaml.MappingNode) -> Record:
    rec = Record(loader.construct_mapping(node, deep=True))
    rec.line = node.start_mark.line + 1
    return rec


Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def load(path: Path):
    """Parse a YAML file; a syntax error becomes an InputError with its line and column."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"not UTF-8 text ({e.reason} at byte {e.start})", file=str(path),
                         fix="save the file as UTF-8") from None
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", file=str(path)) from None
    try:
        return yaml.load(text, Loader=Loader)  # noqa: S506 - Loader is a SafeLoader
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise InputError(f"YAML syntax error: {getattr(e, 'problem', e)}", file=str(path),
                         line=mark.line + 1 if mark else None,
                         fix="check indentation and quoting on that line") from None


class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Fact files as people write them: a string is quoted only where YAML would misread it or where it
    starts or ends with a space or starts with punctuation."""


def _str(dumper: Dumper, value: str):
    style = '"' if value and (value != value.strip() or any(ch in value for ch in ":#'\"{}[],&*!|>%@`")
                              or unicodedata.category(value[0]).startswith("P")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


Dumper.add_representer(str, _str)
