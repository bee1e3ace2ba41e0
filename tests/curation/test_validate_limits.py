"""`conflictkg validate` on hostile RDF files: each is refused quickly with exit code 2, an error naming the
file, the line and the limit, and without any network or file access. The inputs are generated just past
each limit (core.rdflimits); files just within the limits still validate."""
import http.server
import json
import threading
import time

import pytest
from click.testing import CliRunner
from helpers import free_port

from conflictkg.cli import main
from conflictkg.core.rdflimits import MAX_DEPTH, MAX_LIST, MAX_LIST_TOTAL

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
PREFIX = "@prefix ex: <http://example.org/> .\n"


def validate(path):
    t = time.perf_counter()
    r = CliRunner().invoke(main, ["validate", str(path)])
    return r, time.perf_counter() - t


def refused(path, *needles, line=None):
    r, seconds = validate(path)
    assert r.exit_code == 2, r.output
    assert seconds < 10, seconds
    where = f"{path}:{line}:" if line else str(path)
    for n in (where, "refused:", "fix:", *needles):
        assert n in r.output, r.output
    return r


def billion_laughs(levels: int = 10) -> str:
    ents = ['<!ENTITY l0 "lol">'] + [f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, levels + 1)]
    return ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + "\n".join(ents) + "\n]>\n"
            f'<rdf:RDF xmlns:rdf="{RDF}" xmlns:ex="http://example.org/">\n'
            f'<rdf:Description rdf:about="http://example.org/s"><ex:p>&l{levels};</ex:p></rdf:Description>\n'
            "</rdf:RDF>\n")


def test_billion_laughs_is_refused_fast_bug(tmp_path):
    """Regression: a 933-byte RDF/XML file of nested entities ran for over 300 s."""
    path = tmp_path / "laughs.rdf"
    path.write_text(billion_laughs(), encoding="utf-8")
    assert path.stat().st_size < 1024  # expands to 3 × 10¹⁰ bytes
    refused(path, "the XML declares the entity 'l0'", "entity expansion is off", line=3)


def test_external_entity_is_refused_without_reading_it(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret", encoding="utf-8")
    path = tmp_path / "xxe.rdf"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "file://{secret}">]>\n'
                    f'<rdf:RDF xmlns:rdf="{RDF}" xmlns:ex="http://example.org/"><rdf:Description '
                    'rdf:about="http://example.org/s"><ex:p>&x;</ex:p></rdf:Description></rdf:RDF>\n', encoding="utf-8")
    r = refused(path, "external entity 'x'")
    assert "the secret" not in r.output


def turtle_list(members: int) -> str:
    return PREFIX + "ex:s ex:p (\n" + "".join(f'ex:m{i} "x{i}"@en "{i}"^^<http://www.w3.org/2001/XMLSchema#int>\n'
                                               for i in range(members // 3)) + "ex:last " * (members % 3) + ") .\n"


def test_turtle_list_past_the_limit_is_refused_bug(tmp_path):
    """Regression: an 18 MB Turtle file holding one list of 2M members took 8.8 GB."""
    ok = tmp_path / "ok.ttl"
    ok.write_text(turtle_list(MAX_LIST), encoding="utf-8")
    r, _ = validate(ok)
    assert r.exit_code == 0, r.output
    path = tmp_path / "list.ttl"
    path.write_text(turtle_list(MAX_LIST + 1), encoding="utf-8")
    refused(path, f"an RDF list of more than {MAX_LIST:,} members (the limit)", line=MAX_LIST // 3 + 3)


def test_many_lists_past_the_total_are_refused(tmp_path):
    lists = MAX_LIST_TOTAL // MAX_LIST
    text = PREFIX + "".join(f"ex:s{j} ex:p (" + " ".join(f"ex:m{i}" for i in range(MAX_LIST)) + ") .\n"
                            for j in range(lists)) + "ex:t ex:p ( ex:one_more ) .\n"
    path = tmp_path / "lists.ttl"
    path.write_text(text, encoding="utf-8")
    refused(path, f"more than {MAX_LIST_TOTAL:,} list members in the file", line=lists + 2)


def test_turtle_nesting_past_the_limit_is_refused(tmp_path):
    ok, deep = tmp_path / "ok.ttl", tmp_path / "deep.ttl"
    ok.write_text(PREFIX + "ex:s ex:p " + "[ ex:p " * (MAX_DEPTH - 1) + "( ex:o )" + " ]" * (MAX_DEPTH - 1) + " .\n")
    assert validate(ok)[0].exit_code == 0
    deep.write_text(PREFIX + "ex:s ex:p " + "[ ex:p " * MAX_DEPTH + "( ex:o )" + " ]" * MAX_DEPTH + " .\n")
    refused(deep, f"nested more than {MAX_DEPTH} levels deep", line=2)


def test_strings_iris_and_comments_are_no_list_members(tmp_path):
    """Parentheses inside strings, IRIs and comments open no list: the count is of real members only."""
    path = tmp_path / "tricky.ttl"
    path.write_text(PREFIX + "# ( ( (\n" + 'ex:s ex:p "( ( (" , """ ) ( \n (""" , <http://example.org/(> ;\n'
                    + "  ex:q ( " + " ".join(f'"a)b{i}"' for i in range(MAX_LIST)) + " ) .\n", encoding="utf-8")
    assert validate(path)[0].exit_code == 0


def test_rdfxml_collection_past_the_limit_is_refused(tmp_path):
    items = "".join(f'<rdf:Description rdf:about="http://example.org/m{i}"/>\n' for i in range(MAX_LIST + 1))
    path = tmp_path / "collection.rdf"
    path.write_text(f'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="{RDF}" xmlns:ex="http://example.org/">\n'
                    f'<rdf:Description rdf:about="http://example.org/s"><ex:p rdf:parseType="Collection">\n{items}'
                    "</ex:p></rdf:Description></rdf:RDF>\n", encoding="utf-8")
    refused(path, f"an RDF list of more than {MAX_LIST:,} members", line=MAX_LIST + 4)


def test_jsonld_list_and_nesting_past_the_limits_are_refused(tmp_path):
    ctx = {"ex": "http://example.org/", "items": {"@id": "ex:items", "@container": "@list"}}
    explicit = tmp_path / "list.jsonld"
    explicit.write_text(json.dumps({"@context": ctx, "@id": "ex:s", "ex:p": {"@list": list(range(MAX_LIST + 1))}}))
    refused(explicit, f"an RDF list of more than {MAX_LIST:,} members")
    container = tmp_path / "container.jsonld"
    container.write_text(json.dumps({"@context": ctx, "@id": "ex:s", "items": list(range(MAX_LIST + 1))}))
    refused(container, f"an RDF list of more than {MAX_LIST:,} members")
    deep = tmp_path / "deep.jsonld"
    node = {"@id": "ex:leaf"}
    for _ in range(MAX_DEPTH):
        node = {"ex:p": node}
    deep.write_text(json.dumps({"@context": ctx, **node}))
    refused(deep, f"nested more than {MAX_DEPTH} levels deep")


class Counting(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):
        Counting.hits.append(self.path)
        body = json.dumps({"@context": {"ex": "http://example.org/"}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def context_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Counting.hits = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_jsonld_remote_or_file_context_is_refused_without_fetching_it_bug(tmp_path, context_server):
    """Regression: a JSON-LD file's remote @context was fetched over the network while validating, and
    file:// ones were read."""
    local = tmp_path / "context.jsonld"
    local.write_text(json.dumps({"@context": {"ex": "http://example.org/"}}))
    doc = {"@id": "ex:s", "ex:p": "x"}
    for i, ctx in enumerate([f"{context_server}/context.jsonld", f"file://{local}", [{"ex": "http://example.org/"},
                             f"{context_server}/second.jsonld"], {"@import": f"{context_server}/imported.jsonld"},
                             "context.jsonld"]):
        path = tmp_path / f"remote{i}.jsonld"
        path.write_text(json.dumps({"@context": ctx, **doc}))
        refused(path, "is not in the file", "copy the context's object into the file")
    nested = tmp_path / "nested.jsonld"
    nested.write_text(json.dumps({"@context": {"ex": "http://example.org/"}, "@id": "ex:s",
                                  "ex:p": {"@context": f"{context_server}/nested.jsonld", "@id": "ex:o"}}))
    refused(nested, "is not in the file")
    assert Counting.hits == []
    inline = tmp_path / "inline.jsonld"
    inline.write_text(json.dumps({"@context": {"ex": "http://example.org/"}, **doc}))
    assert validate(inline)[0].exit_code == 0
