"""Serving the store over the SPARQL 1.1 Protocol with the Oxigraph server (PyPI package `oxigraph`)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .errors import ConflictKGError
from .store import Store


class ServeError(ConflictKGError):
    """The server cannot be found or did not start (exit code 2)."""


def oxigraph_exe() -> str:
    """The `oxigraph` server executable: on PATH, or beside this Python (a venv's bin/)."""
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not os.path.exists(found):
        raise ServeError("the Oxigraph server is not installed", fix="pip install oxigraph")
    return found


def command(store: Store, host: str, port: int, *, writable: bool, timeout: int) -> list[str]:
    gen = store.current()
    if gen is None:
        raise ServeError(f"no knowledge graph in {store.path}", fix="run 'conflictkg build' first")
    # read-only by default; --writable opens the live generation for SPARQL UPDATE until the next build
    mode = "serve" if writable else "serve-read-only"
    return [oxigraph_exe(), mode, "--location", str(gen), "--bind", f"{host}:{port}", "--union-default-graph",
            "--timeout-s", str(timeout)]


def start(store: Store, host: str = "127.0.0.1", port: int = 7878, *, writable: bool = False,
          timeout: int = 30, wait: float = 20) -> tuple[subprocess.Popen, str]:
    """Start the server and wait until it answers. Returns the process and the query endpoint URL."""
    proc = subprocess.Popen(command(store, host, port, writable=writable, timeout=timeout),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://{host}:{port}/query"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode("utf-8", "replace").strip().splitlines()
            raise ServeError(f"the Oxigraph server stopped: {err[-1] if err else proc.returncode}",
                             fix="is the port free, and is no build writing the store?")
        try:
            urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.1)
    stop(proc)
    raise ServeError(f"the Oxigraph server did not answer on {host}:{port} within {wait:g} s")


def stop(proc: subprocess.Popen) -> None:
    """Terminate the server and wait for it, killing it if it does not stop."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
