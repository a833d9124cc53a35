"""End to end in a real Chromium (Debian's package, driven by Playwright): the dashboard as a
user sees it. No internet: folium's CDN scripts are served from local npm copies that
.ci/run installs into var/browser-assets, other CDN files get an empty answer, tiles fail.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
ASSETS = ROOT / "var" / "browser-assets" / "node_modules"
LOCAL_COPIES = {  # what folium asks a CDN for -> our copy
    "leaflet@1.9.3/dist/leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet@1.9.3/dist/leaflet.css": "leaflet/dist/leaflet.css",
    "jquery-3.7.1.min.js": "jquery/dist/jquery.min.js",
    "leaflet-textpath@1.2.3/leaflet.textpath.min.js": "leaflet-textpath/leaflet.textpath.js",
    "leaflet_heat.min.js": "leaflet.heat/dist/leaflet-heat.js",
}


def browser_ready() -> str | None:
    if not CHROMIUM.exists():
        return "Debian's chromium is not installed (.ci/run installs it)"
    if not (ASSETS / "leaflet").exists():
        return "local Leaflet copies missing (.ci/run installs them with npm)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    return None


REASON = browser_ready()
if REASON and os.environ.get("CI"):
    raise RuntimeError(f"CI must run the browser tests: {REASON}")
pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path_factory.mktemp('e2e')}/e2e.sqlite")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false"], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("streamlit did not start")
    yield base
    process.terminate()
    process.wait(timeout=20)


def offline(route):
    """Serve folium's CDN files from local copies; the rest of the internet is absent."""
    url = route.request.url
    if url.startswith("http://127.0.0.1"):
        return route.continue_()
    for suffix, local in LOCAL_COPIES.items():
        if url.endswith(suffix):
            kind = "text/css" if url.endswith(".css") else "application/javascript"
            return route.fulfill(status=200, content_type=kind,
                                 body=(ASSETS / local).read_bytes())
    if url.endswith((".js", ".css")):
        kind = "text/css" if url.endswith(".css") else "application/javascript"
        return route.fulfill(status=200, content_type=kind, body=b"")
    return route.abort()  # map tiles and anything else


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route("**/*", offline)
    page = context.new_page()
    yield page
    context.close()


def open_app(page, base: str, query: str = ""):
    page.goto(f"{base}/{query}", timeout=90_000)
    map_frame = page.frame_locator("iframe[title='streamlit_folium.st_folium']")
    map_frame.locator("path.leaflet-interactive").first.wait_for(state="attached", timeout=90_000)
    page.wait_for_timeout(1000)
    return map_frame


def markers(map_frame) -> int:
    return map_frame.locator(".leaflet-overlay-pane path.leaflet-interactive").count()


def hover_until(map_frame, page, wanted: str) -> bool:
    """Point at each circle until its tooltip names the place `wanted`; click that circle."""
    paths = map_frame.locator(".leaflet-overlay-pane path.leaflet-interactive")
    for index in range(paths.count()):
        path = paths.nth(index)
        path.dispatch_event("mouseover")  # this circle's own tooltip, even under another
        tooltip = map_frame.locator(".leaflet-tooltip")
        if tooltip.count() and re.fullmatch(rf"{re.escape(wanted)} \(\d+\)",
                                            tooltip.last.inner_text().strip()):
            path.dispatch_event("click")  # on this very circle, whatever is drawn over it
            return True
    return False


def test_map_shows_markers_and_narrower_dates_show_fewer(page, server):
    everything = open_app(page, server)
    page.get_by_text("33 articles", exact=False).first.wait_for(timeout=60_000)
    total = markers(everything)
    assert total >= 15
    june = open_app(page, server, "?from=2016-06-01&to=2016-06-30&asof=2016-06-11")
    page.get_by_text(" 1 articles", exact=False).first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # the map redraws after the caption
    assert markers(june) < total


def test_clicking_a_place_shows_its_evidence(page, server):
    map_frame = open_app(page, server, "?from=2016-06-01&to=2016-06-30&asof=2016-06-11")
    assert hover_until(map_frame, page, "Sirte")
    page.get_by_role("heading", name="Sirte").wait_for(timeout=30_000)
    page.locator("mark", has_text="Sirte").first.wait_for(timeout=30_000)
    assert page.locator("mark", has_text="Sirte").count() >= 1


def test_a_permalink_restores_the_view(page, server):
    open_app(page, server, "?from=2016-06-01&to=2016-06-30&asof=2016-06-11&place=gn:2210554")
    page.get_by_role("heading", name="Sirte").wait_for(timeout=30_000)
    page.get_by_text("2016-06-01 to 2016-06-30 · control as of 2016-06-11",
                     exact=False).first.wait_for(timeout=30_000)


def test_an_uploaded_article_adds_its_pin_and_a_hostile_one_runs_nothing(page, server,
                                                                         tmp_path):
    article = tmp_path / "ghadames-report.txt"
    article.write_text("GHADAMES, Tuesday, 14 May 2019 — Clashes broke out in Ghadames on "
                       "Monday, residents said. <script>window.__pwned = 1</script> "
                       '<img src=x onerror="window.__pwned = 2"> The fighting in Ghadames '
                       "ended by evening.")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x00binary")
    map_frame = open_app(page, server)
    before = markers(map_frame)
    page.get_by_role("tab", name="Add articles").click()
    page.locator("input[type=file]").set_input_files([str(article), str(binary)])
    for name in (article.name, binary.name):  # uploaded before the button is pressed
        page.get_by_text(name, exact=True).first.wait_for(timeout=30_000)
    page.wait_for_timeout(1000)  # and the rerun the upload triggers has finished
    page.get_by_role("button", name="Add to the map").click()
    page.get_by_text("Added 1").wait_for(timeout=60_000)
    page.get_by_text("binary data (NUL bytes)", exact=False).first.wait_for(timeout=30_000)
    page.goto(f"{server}/?place=", timeout=60_000)
    map_frame = open_app(page, server, "?from=2019-05-01&to=2019-05-31&asof=2019-05-14")
    assert hover_until(map_frame, page, "Ghadames")
    page.get_by_role("heading", name="Ghadames").wait_for(timeout=30_000)
    shown_as_text = page.get_by_text("<script>window.__pwned = 1</script>", exact=False)
    shown_as_text.first.wait_for(timeout=30_000)  # the markup is shown, as text
    assert page.evaluate("window.__pwned") is None
    for frame in page.frames:
        assert frame.evaluate("window.__pwned") is None
    assert markers(open_app(page, server)) >= before


def test_phone_width_layout_still_shows_the_map(browser, server):
    context = browser.new_context(viewport={"width": 400, "height": 900})
    context.route("**/*", offline)
    page = context.new_page()
    try:
        assert markers(open_app(page, server)) >= 15
    finally:
        context.close()
