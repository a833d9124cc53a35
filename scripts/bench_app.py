"""Benchmark the dashboard: server-side time of a rerun after a filter change, and the size
of the map's HTML, on the sample corpus and on a store of N synthetic articles.

Uses Streamlit's AppTest (the real script, no browser). The peer in the same run is the
first, cold run of the same page.
Usage: python scripts/bench_app.py [--articles 10000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def measure(label: str, database_url: str) -> None:
    from streamlit.testing.v1 import AppTest

    os.environ["DATABASE_URL"] = database_url
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=900)
    start = time.perf_counter()
    app.run()
    cold = time.perf_counter() - start
    if app.exception:
        raise SystemExit(f"{label}: the page failed: {app.exception}")
    runs = []
    for query in ("Sirte", "Tripoli", "Benghazi", "Misrata", "Derna", "Ajdabiya", "Zawiya",
                  ""):
        app.sidebar.text_input[0].set_value(query)
        start = time.perf_counter()
        app.run()
        runs.append(time.perf_counter() - start)
    runs.sort()
    print(f"{label:14} first run {cold * 1000:7.0f} ms; rerun after a filter change "
          f"({len(runs)} changes): best {runs[0] * 1000:4.0f} ms, median "
          f"{runs[len(runs) // 2] * 1000:4.0f} ms, worst {runs[-1] * 1000:4.0f} ms "
          f"(target <= 300 ms); map HTML {map_megabytes(database_url):.2f} MB "
          "(target <= 1.5 MB)")


def map_megabytes(database_url: str) -> float:
    """The default view's map, built by the same functions as the page, as HTML."""
    from geo.control import ControlModel
    from geo.mapview import build_map
    from geo.mentions import mentions_frame
    from geo.store import Store
    from geo.views import events_frame, page_data, view_from_params

    store = Store(database_url)
    mentions = mentions_frame(store.mention_rows())
    events = events_frame(store.event_rows())
    model = ControlModel(events.to_dict("records"), store.correction_rows())
    days = mentions["published"].dropna().dt.date
    view = view_from_params({}, days.min(), days.max())
    data = page_data(mentions, events, model, view)
    fmap = build_map(data.on_map, None, data.control, data.events)
    return len(fmap.get_root().render().encode("utf-8")) / 1e6


VISITS = 7


def map_visible_seconds(database_url: str) -> tuple[float, float, float, float] | None:
    """Median seconds from opening the page in Chromium to the first drawn marker, on a first
    visit (empty browser cache) and a return visit, then the same to the whole page shown
    (None: no browser).

    Uses the browser tests' offline set-up: folium's CDN scripts from local copies."""
    import re
    import socket
    import subprocess
    import urllib.request

    from tests.test_browser import CHROMIUM, REASON, offline

    if REASON:
        print(f"map visible: not measured ({REASON})")
        return None
    from playwright.sync_api import sync_playwright

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = dict(os.environ, DATABASE_URL=database_url)
    server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py",
                               "--server.headless", "true", "--server.port", str(port)],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(180):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            def visit(context) -> tuple[float, float]:
                """(map visible, whole page shown) in seconds from opening the page."""
                page = context.new_page()
                start = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}/", timeout=120_000)
                page.frame_locator("iframe[title='streamlit_folium.st_folium']").locator(
                    "path.leaflet-interactive").first.wait_for(state="attached",
                                                               timeout=120_000)
                map_shown = time.perf_counter() - start
                # The last widgets of the sidebar, the header and the right-hand column.
                for text in ("Libya only on the map", "Step +7 days", "Places outside Libya"):
                    page.get_by_text(text).first.wait_for(state="visible", timeout=120_000)
                whole = time.perf_counter() - start
                page.close()
                return map_shown, whole

            first, again = [], []
            # The first visit also warms the server's caches. Seven more: visits here vary
            # by +-0.5 s, and a median of three moved by as much between runs.
            for _ in range(1 + VISITS):
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                # Only the CDN requests go through the offline stand-in: intercepting the
                # app's own requests too would add a round trip to each of its ~100 scripts.
                context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), offline)
                first.append(visit(context))
                again.append(visit(context))  # a return visit: scripts in the browser cache
                context.close()
            browser.close()
        def median(visits: list[tuple[float, float]], part: int) -> float:
            return sorted(v[part] for v in visits[1:])[VISITS // 2]

        return (median(first, 0), median(again, 0), median(first, 1), median(again, 1))
    finally:
        server.terminate()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        measure("sample corpus", f"sqlite:///{folder}/sample.sqlite")
        seconds = map_visible_seconds(f"sqlite:///{folder}/sample.sqlite")
        if seconds is not None:
            print(f"map visible in Chromium (sample corpus, warm server, median of {VISITS}): "
                  f"first visit {seconds[0]:.1f} s, return visit {seconds[1]:.1f} s "
                  f"(target <= 3 s); whole page {seconds[2]:.1f} s / {seconds[3]:.1f} s")
        from bench_ingest import synthetic_sources

        from geo.ingest import ingest
        from geo.store import Store

        url = f"sqlite:///{folder}/big.sqlite"
        store = Store(url)
        start = time.perf_counter()
        ingest(store, synthetic_sources(args.articles))
        print(f"(ingested {args.articles} synthetic articles in "
              f"{time.perf_counter() - start:.0f} s)")
        measure(f"{args.articles} articles", url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
