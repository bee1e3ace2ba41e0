"""Rendering pages: the Jinja2 environment over templates/, and the response a view gives back.

Autoescape is on, and every value a template prints goes through html.escape (not markupsafe's own
spelling, &#39;), so the pages are byte for byte what the f-string version wrote. Only macro output,
already escaped piece by piece, passes through as markup.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

TEMPLATES = Path(__file__).parent / "templates"
HTML = "text/html; charset=utf-8"


def escape(value) -> Markup:
    """Escape one printed value as html.escape does; markup (a macro's output) is left as it is."""
    if hasattr(value, "__html__"):
        return value
    return Markup(html.escape(str(value)))


ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                  finalize=escape, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                  auto_reload=False)  # package data: the templates do not change while serving


@dataclass
class Response:
    status: str
    ctype: str
    body: bytes
    headers: list[tuple[str, str]] = field(default_factory=list)  # more headers (Location of a redirect)


def render(template: str, **context) -> bytes:
    return ENV.get_template(template).render(**context).encode("utf-8")


def page(template: str, status: str = "200 OK", **context) -> Response:
    """An HTML page from a template; `title` goes to <title> and <h1> (see base.html)."""
    return Response(status, HTML, render(template, **context))


def message(title: str, text: str, status: str) -> Response:
    """A page that only says something: not found, or why a request failed."""
    return page("message.html", status, title=title, text=text)
