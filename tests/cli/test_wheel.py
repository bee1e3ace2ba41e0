"""An installed wheel, not the checkout: built, installed into a fresh venv, and used from another folder as a
user who ran `pip install conflictkg` would: build, a named query, export, serve and extract."""
import json
import os
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from helpers import free_port, stop, wait_until_up

ROOT = Path(__file__).resolve().parents[2]



@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(the venv's bin folder, a working folder outside the checkout, the environment to run in)."""
    tmp = tmp_path_factory.mktemp("wheel")
    # the user's environment: no PYTHONPATH into a checkout (pip would take that for an installed conflictkg)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp / "dist"), str(ROOT)],
                   check=True, cwd=tmp, env=env)
    wheel = next((tmp / "dist").glob("conflictkg-*.whl"))
    subprocess.run([sys.executable, "-m", "venv", str(tmp / "venv")], check=True, env=env)
    subprocess.run([str(tmp / "venv" / "bin" / "pip"), "install", "--quiet", str(wheel)], check=True, env=env)
    work = tmp / "work"
    work.mkdir()
    env["CONFLICTKG_STORE"] = str(tmp / "store")
    return tmp / "venv" / "bin", work, env


def run(installed, *args, **kw):
    bin_, work, env = installed
    return subprocess.run([str(bin_ / "conflictkg"), *args], cwd=work, env=env, capture_output=True, text=True,
                          timeout=600, **kw)


def test_the_wheel_is_what_runs(installed):
    bin_, work, env = installed
    where = subprocess.run([str(bin_ / "python"), "-c", "import conflictkg; print(conflictkg.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True).stdout
    assert str(bin_.parent) in where and str(ROOT) not in where


def test_build_query_export_extract_from_outside_the_checkout(installed):
    r = run(installed, "build")
    assert r.returncode == 0, r.stderr
    assert "from 5 articles" in r.stdout
    r = run(installed, "query", "transfer-deals", "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.splitlines()) > 3
    _, work, _ = installed
    r = run(installed, "export", "--format", "ttl", "-o", "graph.ttl")
    assert r.returncode == 0, r.stderr
    assert (work / "graph.ttl").stat().st_size > 100_000
    article = work / "sukhnah.txt"
    article.write_text("قُتل سبعة عناصر من قوات النظام السوري، أمس الثلاثاء، بهجوم شنّه عناصر تنظيم \"داعش\" "
                       "على نقطة عسكرية قرب مدينة السخنة في ريف حمص الشرقي.", encoding="utf-8")
    r = run(installed, "extract", str(article), "--published", "2023-05-17", "-o", "sukhnah.facts.yaml")
    assert r.returncode == 0, r.stderr
    assert "type: Attack" in (work / "sukhnah.facts.yaml").read_text(encoding="utf-8")


def test_serve_and_web_view_from_the_wheel(installed):
    bin_, work, env = installed
    if not (Path(env["CONFLICTKG_STORE"]) / "CURRENT").exists():
        assert run(installed, "build").returncode == 0
    port, ui = free_port(), free_port()
    proc = subprocess.Popen([str(bin_ / "conflictkg"), "serve", "--port", str(port), "--ui", "--ui-port", str(ui)],
                            cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert wait_until_up(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D")
        q = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})
        req = urllib.request.Request(f"http://127.0.0.1:{port}/query?{q}",
                                     headers={"Accept": "application/sparql-results+json"})
        data = json.load(urllib.request.urlopen(req, timeout=30))
        assert int(data["results"]["bindings"][0]["n"]["value"]) > 10_000
        assert wait_until_up(f"http://127.0.0.1:{ui}/")
        css = urllib.request.urlopen(f"http://127.0.0.1:{ui}/static/style.css", timeout=30).read()
        page = urllib.request.urlopen(f"http://127.0.0.1:{ui}/?q=" + urllib.parse.quote("البوكمال"), timeout=30).read()
        assert css.startswith(b"/* conflictkg web view */") and 'href="/place/abu-kamal"' in page.decode("utf-8")
    finally:
        stop(proc, 30)
