"""Pushing the graph to any store that speaks the SPARQL 1.1 Graph Store HTTP Protocol."""
from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request

from conflictkg.core.errors import ConflictKGError
from conflictkg.store.generations import Store

from .exports import export


class PushError(ConflictKGError):
    """The remote store refused the data or could not be reached (exit code 2)."""


class _SigningDigestAuth(urllib.request.HTTPDigestAuthHandler):
    """Digest auth that, once challenged, signs every later request up front. urllib's own handler sends
    each request unsigned first; a store that answers that 401 without reading the body (Virtuoso) can cut
    a large upload off with a broken pipe before urllib sees the challenge."""

    challenge: dict | None = None

    def retry_http_digest_auth(self, req, auth):
        self.challenge = urllib.request.parse_keqv_list(
            filter(None, urllib.request.parse_http_list(auth.split(" ", 1)[1])))
        return super().retry_http_digest_auth(req, auth)

    def http_request(self, req):
        if self.challenge is not None and not req.has_header(self.auth_header):
            signed = self.get_authorization(req, self.challenge)
            if signed:
                req.add_unredirected_header(self.auth_header, f"Digest {signed}")
        return req

    https_request = http_request


def _opener(url: str, user: str | None, password: str | None, auth: str):
    handlers = []
    if user is not None:
        mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        mgr.add_password(None, url, user, password or "")
        handlers.append(_SigningDigestAuth(mgr) if auth == "digest" else urllib.request.HTTPBasicAuthHandler(mgr))
    return urllib.request.build_opener(*handlers)


def _challenge(opener, url: str, timeout: float) -> None:
    """A body-less request first, so that the digest challenge is known before any data is sent."""
    try:
        opener.open(urllib.request.Request(url, method="HEAD"), timeout=timeout).close()
    except urllib.error.HTTPError as e:
        if e.code == 401:
            raise PushError("refused with HTTP 401: wrong user or password", file=url,
                            fix="check --user and --password (or $CONFLICTKG_PASSWORD) and --auth") from None
        # any other answer (404: the graph is not there yet) still brought the challenge
    except (urllib.error.URLError, TimeoutError, ConnectionError) as e:
        raise PushError(f"cannot reach the store: {getattr(e, 'reason', e)}", file=url) from None


def target_url(endpoint: str, graph: str | None) -> str:
    sep = "&" if "?" in endpoint else "?"
    return f"{endpoint}{sep}" + (urllib.parse.urlencode({"graph": graph}) if graph else "default")


def chunks(ntriples: bytes, size: int) -> list[bytes]:
    """N-Triples in chunks of `size` lines. Triples with blank nodes all go in the first chunk: a blank
    node's label only holds within one request."""
    lines = [line for line in ntriples.split(b"\n") if line.strip()]
    blank = [line for line in lines if b"_:" in line]
    plain = [line for line in lines if b"_:" not in line]
    out, first = [], blank + plain[: max(0, size - len(blank))]
    out.append(first)
    rest = plain[len(first) - len(blank):]
    out += [rest[i:i + size] for i in range(0, len(rest), size)]
    return [b"\n".join(c) + b"\n" for c in out if c]


def _send(opener, method: str, url: str, body: bytes, retries: int, timeout: float) -> None:
    for attempt in range(retries + 1):
        req = urllib.request.Request(url, data=body, method=method,
                                     headers={"Content-Type": "application/n-triples"})
        try:
            with opener.open(req, timeout=timeout) as resp:
                resp.read()
            return
        except urllib.error.HTTPError as e:
            if e.code < 500 or attempt == retries:  # 4xx will not get better by trying again
                detail = e.read().decode("utf-8", "replace")[:300].strip()
                raise PushError(f"{method} refused with HTTP {e.code}: {detail or e.reason}", file=url,
                                fix="check the URL, the graph IRI and the credentials") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as e:
            if attempt == retries:
                raise PushError(f"cannot reach the store: {getattr(e, 'reason', e)}", file=url) from None
        time.sleep(0.5 * 2 ** attempt)


def remote_count(endpoint: str, graph: str | None, opener, timeout: float) -> int:
    """Triples in the target graph, by fetching it back (GSP GET) and counting N-Triples lines."""
    req = urllib.request.Request(target_url(endpoint, graph), headers={"Accept": "application/n-triples"})
    with opener.open(req, timeout=timeout) as resp:
        return sum(1 for line in resp.read().split(b"\n") if line.strip() and not line.startswith(b"#"))


def push(store: Store, endpoint: str, *, graph: str | None = None, replace: bool = False, user: str | None = None,
         password: str | None = None, auth: str = "basic", chunk_size: int = 5000, retries: int = 3,
         timeout: float = 60, progress=None) -> dict:
    """Upload the store (facts and ontology) into `graph` (default graph if None). Returns the counts."""
    data = export(store, "nt")
    parts = chunks(data, chunk_size)
    opener = _opener(endpoint, user, password, auth)
    url = target_url(endpoint, graph)
    if user is not None and auth == "digest":
        _challenge(opener, url, timeout)
    sent = 0
    for i, part in enumerate(parts):
        _send(opener, "PUT" if (replace and i == 0) else "POST", url, part, retries, timeout)
        sent += part.count(b"\n")
        if progress:
            progress(part.count(b"\n"))
    remote = remote_count(endpoint, graph, opener, timeout)
    # after --replace the graph holds exactly what was sent; after an append, at least that
    if (replace and remote != sent) or remote < sent:
        raise PushError(f"the store holds {remote} triples in the graph after the push, {sent} were sent",
                        file=url, fix="another writer may be using the graph; push again with --replace")
    return {"sent": sent, "remote": remote, "chunks": len(parts), "graph": graph or "(default graph)"}
