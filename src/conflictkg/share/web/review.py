"""The review page of the web view: a fact file's records with their evidence highlighted in its sentence,
and, when the server is --writable, accept and reject buttons that rewrite the file as 'conflictkg review'
does (atomically, one decision at a time, under a lock). Read-only otherwise.

The fact file and its article are the ones `serve --ui --review FACTS --article ARTICLE` names: the page
never opens a path a request gives. A decision is a POST carrying the page's token, so another site's
form cannot make one.
"""
from __future__ import annotations

import secrets
import threading
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from conflictkg.core.errors import ConflictKGError, InputError
from conflictkg.curation import review as rv
from conflictkg.curation.articles import read_article

from .pages import Response, page

MAX_FORM = 4096  # bytes of a decision's form


@dataclass
class Review:
    facts: Path
    article: Path
    writable: bool = False
    token: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def items(self) -> list[dict]:
        data = rv.read(self.facts)
        text, _ = read_article(self.article)
        out = []
        for section, rec in rv.records(data):
            try:
                ctx = rv.context(text, rec)
            except ConflictKGError as e:
                ctx = rv.Context("", "", f"(the evidence is not in the article: {e.message})", 0, 0)
            out.append({"id": str(rec.get("id")), "section": section, "fields": rv.describe(section, rec),
                        "review": rec.get("review"), "ctx": ctx})
        return out

    def decide(self, body: bytes) -> Response:
        form = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode("utf-8", "replace")).items()}
        if not secrets.compare_digest(form.get("token", ""), self.token):
            raise Forbidden("the form's token is missing or stale: reload the review page")
        action, rid = form.get("action"), form.get("id", "")
        if action not in ("accept", "reject"):
            raise InputError("the action is accept or reject")
        with self.lock:
            data = rv.read(self.facts)
            out = rv.apply(data, {rid} if action == "accept" else set(), {rid} if action == "reject" else set(),
                           by="web view")
            rv.write_atomic(self.facts, rv.dump(out.data, rv.header(self.facts, out)))
        return Response("303 See Other", "text/plain; charset=utf-8", f"{rid}: {action}ed\n".encode(),
                        [("Location", f"/review#{rid}")])


class Forbidden(ConflictKGError):
    status = 403


def view(app, req) -> Response:
    """The review page (GET)."""
    r: Review | None = app.review
    if r is None:
        return page("message.html", "404 Not Found", title="No review",
                    text="Start the server with --review FACTS.yaml --article ARTICLE.txt to review a fact file.")
    items = r.items()
    left = sum(1 for x in items if not x["review"])
    return page("review.html", title=f"Review: {r.facts.name}", items=items, left=left, writable=r.writable,
                token=r.token, article=r.article.name)
