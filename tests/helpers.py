"""Small helpers the tests share."""
import shutil
import socket
import subprocess
import time
import urllib.request
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
