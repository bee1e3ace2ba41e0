"""Small helpers the tests share."""
import re
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest

# A short news text in the style of the seeds: an attack with its toll, arrests, air strikes and an accusation
NEWS = (
    "قُتل سبعة عناصر من قوات النظام السوري، أمس الثلاثاء، بهجوم شنّه عناصر تنظيم \"داعش\" على نقطة عسكرية "
    "قرب مدينة السخنة في ريف حمص الشرقي، بحسب المرصد السوري لحقوق الإنسان.\n"
    "وفي سياق متصل، اعتقلت قوات سوريا الديمقراطية \"قسد\" نحو 12 شخصاً يُشتبه بانتمائهم إلى خلايا التنظيم "
    "في بلدة البصيرة بريف دير الزور الشرقي.\n"
    "ويُرجّح أن الطيران الروسي شنّ غارات على مواقع التنظيم في بادية الرقة خلال الشهر الماضي.\n"
    "واتهمت قسد الميليشيات الإيرانية بقصف قرى في ريف دير الزور الشرقي بين 3 و5 قذائف.\n"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen, seconds: float = 30) -> None:
    """Terminate a server process and wait for it; kill it if it does not stop within `seconds`."""
    proc.terminate()
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def http(url, data: bytes | None = None, headers: dict | None = None, timeout: float = 30):
    """(status, body) of a request; HTTP errors are answers too."""
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def wait_until_up(url: str, seconds: float = 60) -> bool:
    """True once GET `url` answers (any HTTP status below 500), False after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return True
        except urllib.error.HTTPError as e:
            if e.code < 500:
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


EXTERNAL = {  # program: the Debian package .ci/run installs for it
    "java": "default-jre-headless",
    "virtuoso-t": "virtuoso-opensource-7-bin",
    "chromium": "chromium",
    "rapper": "raptor2-utils",
    "ogrinfo": "gdal-bin",
    "/usr/share/java/owlapi-api.jar": "libowlapi-java",  # a library, not a program: needs() looks for the file
}


def _find(program: str) -> str | None:
    if program.startswith("/"):
        return program if Path(program).is_file() else None
    return shutil.which(program)


def needs(program: str) -> str:
    """The program's path (or the file's, for an absolute path), or skip the test saying which Debian
    package brings it."""
    path = _find(program)
    if path is None:
        pytest.skip(f"needs {program} (Debian package {EXTERNAL[program]}), which is not installed")
    return path


def needs_mark(program: str):
    """The same as a mark, for whole tests or modules."""
    return pytest.mark.skipif(_find(program) is None,
                              reason=f"needs {program} (Debian package {EXTERNAL[program]}), which is not installed")


JAVA_LIBS = Path("/usr/share/java")


def jena_java(tmp: Path) -> list[str]:
    """`java -cp …` for Jena's command-line tools from Debian's libapache-jena-java 4.5, mended: its relocated
    Xerces classes look for their message files under xerces/impl/, where jena-core.jar does not have them,
    and die at start-up (XSSimpleTypeDecl.applyFacets1); a small jar of those files, copied to the names it
    looks for, mends it. Skips where Java or Jena is absent."""
    needs("java")
    if not (JAVA_LIBS / "jena-cmds.jar").is_file():
        pytest.skip("needs jena-cmds.jar (Debian package libapache-jena-java), which is not installed")
    mend, prefix = Path(tmp) / "jena-xerces-messages.jar", "org/apache/jena/ext/xerces/impl/"
    with zipfile.ZipFile(JAVA_LIBS / "jena-core.jar") as core, zipfile.ZipFile(mend, "w") as out:
        for name in core.namelist():
            if name.startswith((prefix + "msg/", prefix + "xpath/regex/")) and name.endswith(".properties"):
                out.writestr("xerces/impl/" + name[len(prefix):], core.read(name))
    # Jena and its dependencies are Debian's jars in /usr/share/java; of the SLF4J bindings, only the silent one
    jars = [p for p in sorted(JAVA_LIBS.glob("*.jar")) if not re.search(r"log4j|slf4j", p.name)]
    jars += [JAVA_LIBS / "slf4j-api.jar", JAVA_LIBS / "slf4j-nop.jar", mend]
    return ["java", "-cp", ":".join(map(str, jars))]


def copy_store(src, dst):
    """A private, writable copy of a built store at `dst` (a Store), without the source's lock and leases:
    a copied lease would keep the copy's first generation alive for the whole session."""
    from conflictkg.store import Store

    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(".lock", ".leases"))
    return Store(dst)


def kept_as_the_writer_keeps(store):
    """Put a store copy's kept table back to what the writer keeps: tests run before may have kept listings in
    the shared seed store the copy was made from, and a kept listing answers without the queries under test."""
    from conflictkg.store import summary

    summary.path_of(store.current()).unlink(missing_ok=True)
    summary.keep(store.open(), store.current())


def wsgi_get(app, path, **params):
    """(status, body) of a GET on a WSGI app, without a server."""
    from wsgiref.util import setup_testing_defaults

    env = {}
    setup_testing_defaults(env)
    env["PATH_INFO"] = path
    env["QUERY_STRING"] = urllib.parse.urlencode(params)
    out = {}
    body = b"".join(app(env, lambda status, headers: out.update(status=status)))
    return int(out["status"].split()[0]), body.decode("utf-8")


def import_fixtures(store, batch_size: int = 2) -> list:
    """The UCDP and both ACLED layout fixtures imported into `store` in small batches (their events are linked
    as duplicates across sources); the import results."""
    from conflictkg.ingest.imports.run import import_file

    data = Path(__file__).parent / "data" / "import"
    return [import_file(data / f"{name}.csv", dataset, store, batch_size=batch_size)
            for dataset, name in (("ucdp", "ucdp-ged"), ("acled", "acled-2019-layout"), ("acled", "acled-2025-layout"))]


def import_synthetic(store, tmp_path, n: int = 300) -> None:
    """`n` rows of bench/synth_acled.py imported into `store`, every tenth made an arrest, a capture or (with two
    actors) an agreement, so that each listing (arrests, control-changes, deals) has rows to be cut inside."""
    import csv
    import sys

    from conflictkg.ingest.imports.run import import_file

    path = tmp_path / "acled.csv"
    subprocess.run([sys.executable, str(Path(__file__).resolve().parents[1] / "bench" / "synth_acled.py"), str(n),
                    "-o", str(path)], check=True)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    kinds = {1: ("Strategic developments", "Strategic developments", "Arrests"),
             2: ("Political violence", "Battles", "Government regains territory"),
             3: ("Strategic developments", "Strategic developments", "Agreement")}  # (disorder, event, sub-event)
    for i, row in enumerate(rows):
        if i % 10 in kinds and (i % 10 != 3 or row["actor2"]):  # an agreement has two parties
            row["disorder_type"], row["event_type"], row["sub_event_type"] = kinds[i % 10]
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    assert import_file(path, "acled", store, batch_size=100).imported == n
