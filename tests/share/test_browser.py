"""The web view in a real browser: Playwright driving Debian's Chromium (no browser download)."""
import shutil
import threading

import pytest
from helpers import free_port, needs

from conflictkg.share.web.app import serve_ui

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def site(store):
    needs("chromium")
    port = free_port()
    server = serve_ui(store, "127.0.0.1", port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


@pytest.fixture(scope="module")
def page(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser.new_page(viewport={"width": 1280, "height": 900})
        browser.close()


def test_search_event_evidence_place_map(site, page, tmp_path):
    page.goto(site + "/")
    page.fill("input[name=q]", "البوكمال")  # spelled without the space the registry uses
    page.press("input[name=q]", "Enter")
    page.click("a[href='/place/abu-kamal']")
    page.wait_for_url(site + "/place/abu-kamal")  # on a loaded machine the title was read before the page came
    assert page.title().startswith("Abu Kamal")
    assert page.locator("p.ar").inner_text() == "البو كمال"

    page.click("a:has-text('The attacks concentrated on the al-Katf quarter')")  # a fact at Abu Kamal
    mark = page.locator("mark#evidence")
    mark.scroll_into_view_if_needed()
    assert mark.is_visible()
    assert mark.inner_text() == "الهجمات تركّزت على حي الكتف ومنطقة البساتين في المحيط الشرقي من مدينة البوكمال"
    article = page.locator("article.ar")
    assert article.evaluate("el => getComputedStyle(el).direction") == "rtl"
    box, outer = mark.bounding_box(), article.bounding_box()
    assert outer["x"] <= box["x"] and box["x"] + box["width"] <= outer["x"] + outer["width"] + 1
    page.screenshot(path=str(tmp_path / "event.png"), full_page=True)

    page.click("li:has-text('hasPlace') a")
    page.wait_for_url(site + "/place/**")
    page.click("header a[href='/map']")
    circles = page.locator("svg circle")
    assert circles.count() >= 60 and page.locator("svg polygon").count() >= 5
    page.screenshot(path=str(tmp_path / "map.png"))
    for shot in ("event.png", "map.png"):
        data = (tmp_path / shot).read_bytes()
        assert data[:4] == b"\x89PNG" and len(data) > 30000


def test_script_in_a_search_is_shown_as_text(site, page):
    page.goto(site + "/?q=" + "<script>window.pwned=1</script>")
    assert page.evaluate("window.pwned === undefined")
    assert "<script>window.pwned=1</script>" in page.locator("h1").inner_text()
