"""The layout's promises, checked on the source: arrows point down, no private names cross packages, one
reader of .rq files, small modules and functions."""
import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "conflictkg"

# what each package may import from (besides itself): cli → share, ask, ingest → curation → model → store → core
ALLOWED = {
    "core": set(),
    "store": {"core"},
    "model": {"store", "core"},
    "curation": {"model", "store", "core"},
    "ingest": {"curation", "model", "store", "core"},
    "ask": {"curation", "model", "store", "core"},
    "share": {"ask", "curation", "model", "store", "core"},
    "cli": {"share", "ask", "ingest", "curation", "model", "store", "core"},
}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def modules():
    return sorted(p for p in SRC.rglob("*.py") if "resources" not in p.relative_to(SRC).parts)


def package_of(path: Path) -> str:
    parts = path.relative_to(SRC).parts
    return parts[0].removesuffix(".py") if len(parts) > 1 or parts[0] == "cli.py" else ""


def imports(path: Path):
    """(imported module under conflictkg, names) for each import of a conflictkg module in `path`."""
    here = list(path.relative_to(SRC).with_suffix("").parts)
    package = here[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = base + (node.module.split(".") if node.module else [])
            elif node.module and node.module.split(".")[0] == "conflictkg":
                target = node.module.split(".")[1:]
            else:
                continue
            yield target, [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "conflictkg":
                    yield a.name.split(".")[1:], []


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_imports_point_down(path):
    own = package_of(path)
    if not own:
        return  # conflictkg/__init__ and __main__: the face, loading lazily
    for target, names in imports(path):
        if not target and all(n.startswith("__") for n in names):
            continue  # __version__ from the face
        # `from conflictkg.store import queries` names a module of that package
        top = target[0] if target else (names[0] if names else "")
        assert top == own or top in ALLOWED[own], f"{own} must not import from {top}: {'.'.join(target)}"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_private_name_crosses_a_package(path):
    own = package_of(path)
    for target, names in imports(path):
        if target and target[0] != own:
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            assert not private, f"{'.'.join(target)}: private name(s) {private} imported from another package"


def query_file_literals(path: Path) -> list[str]:
    """String pieces in code that name .rq files ("*.rq", f"{name}.rq"), and uses of QUERIES_DIR; prose in
    docstrings and help texts (which has spaces) does not count."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id in ("QUERIES_DIR", "QUALITY_DIR")]
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            s = node.value
            if s.endswith(".rq") and not any(c.isspace() for c in s):
                found.append(s)
    return found


def test_only_the_store_reads_query_files():
    readers = {str(p.relative_to(SRC)): query_file_literals(p) for p in modules()
               if p.relative_to(SRC).parts[0] != "store" and p.relative_to(SRC) != Path("core/resources.py")}
    assert {k: v for k, v in readers.items() if v} == {}, "read packaged queries with conflictkg.store.queries"


def test_modules_are_small():
    big = {str(p.relative_to(SRC)): n for p in modules() if (n := len(p.read_text().splitlines())) > MAX_MODULE_LINES}
    assert big == {}


def long_functions(path: Path) -> list[str]:
    """Functions over the limit without a comment '# long: why' on or just above their def line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for node in ast.walk(ast.parse("\n".join(lines))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            size = node.end_lineno - node.lineno + 1
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            around = lines[max(0, first - 2): node.lineno]
            if size > MAX_FUNCTION_LINES and not any("# long:" in line for line in around):
                out.append(f"{path.relative_to(SRC)}:{node.lineno} {node.name} ({size} lines)")
    return out


def test_functions_are_short_or_say_why():
    assert [f for p in modules() for f in long_functions(p)] == []


def test_the_checks_can_fail(tmp_path):
    """The checks above find what they look for."""
    bad = tmp_path / "conflictkg" / "core" / "bad.py"
    bad.parent.mkdir(parents=True)
    bad.write_text("from conflictkg.store.generations import _x\n" + "def f():\n" + "    pass\n" * 70
                   + "Q = QUERIES_DIR / f'{n}.rq'\n")
    global SRC
    saved, SRC = SRC, tmp_path / "conflictkg"
    try:
        assert list(imports(bad)) == [(["store", "generations"], ["_x"])]
        assert long_functions(bad) == ["core/bad.py:2 f (71 lines)"]
        assert query_file_literals(bad) == ["QUERIES_DIR", ".rq"]
        with pytest.raises(AssertionError):
            test_imports_point_down(bad)
        with pytest.raises(AssertionError):
            test_no_private_name_crosses_a_package(bad)
    finally:
        SRC = saved


def test_ruff_finds_nothing():
    """Unused imports, undefined names and import order (the rules are in pyproject.toml)."""
    import subprocess
    import sys

    root = SRC.parents[1]
    r = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "src", "tests", "bench", "tools", "examples"],
                       cwd=root, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-3000:]
