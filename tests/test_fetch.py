"""URL and feed ingestion against a local HTTP server; refusals for unsafe URLs."""

from http.server import BaseHTTPRequestHandler

import pytest

from geo.fetch import FetchError, check_url, fetch
from geo.ingest import ingest, sources_for, url_sources
from tests.http_stub import reply, serving

ARTICLE = """<html><head><title>Forces enter Sirte</title>
<meta property="article:published_time" content="2016-06-10T08:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Forces enter Sirte</h1>
<p>Forces aligned with the unity government entered Sirte on Thursday after heavy fighting
near the Ouagadougou conference centre, officials said. The battle has lasted weeks.</p>
<p>Militias from Misrata reached the outskirts of the city earlier in the week, officials
said, and more fighters arrived from Tripoli.</p></article><footer>(c)</footer></body></html>"""


def feed(base):
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Test feed</title>
<item><title>One</title><link>{base}/article</link>
<pubDate>Fri, 10 Jun 2016 08:00:00 GMT</pubDate></item>
<item><title>Gone</title><link>{base}/missing</link></item></channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_port}"
        routes = {
            "/article": (200, "text/html", ARTICLE),
            "/feed": (200, "application/rss+xml", feed(base)),
            "/huge": (200, "text/html", "x" * (6 * 1024 * 1024)),
            "/empty": (200, "text/html", "<html><body></body></html>"),
        }
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        if self.path == "/redirect-out":
            self.send_response(302)
            self.send_header("Location", "http://10.0.0.1/secret")
            self.end_headers()
            return
        reply(self, *routes.get(self.path, (404, "text/plain", "not found")))

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    with serving(Handler) as address:
        yield f"http://{address}"


@pytest.mark.parametrize("url,reason", [
    ("file:///etc/passwd", "only http and https"),
    ("ftp://example.org/x", "only http and https"),
    ("http://127.0.0.1/", "non-public address 127.0.0.1"),
    ("http://localhost:8501/", "non-public address"),
    ("http://169.254.169.254/latest/meta-data", "non-public address"),
    ("http://10.1.2.3/", "non-public address"),
    ("http://[::1]/", "non-public address"),
    ("http:///nohost", "no host name"),
])
def test_unsafe_urls_are_refused_with_a_reason(url, reason):
    with pytest.raises(FetchError, match=reason):
        check_url(url)


def test_page_is_fetched_and_its_main_text_and_date_kept(server):
    (source,) = list(url_sources(f"{server}/article", allow_private=True))
    assert source.error is None
    assert source.document.title == "Forces enter Sirte"
    assert source.document.published == "2016-06-10"
    assert "Ouagadougou conference centre" in source.document.text
    assert "Home | World" not in source.document.text


def test_redirects_are_followed_and_rechecked(server):
    assert fetch(f"{server}/redirect", allow_private=True).url.endswith("/article")
    with pytest.raises(FetchError):
        fetch(f"{server}/redirect-out")  # loopback itself is refused without the test flag


def test_size_limit_and_http_errors(server):
    with pytest.raises(FetchError, match="over the|more than"):
        fetch(f"{server}/huge", allow_private=True)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(f"{server}/nothing", allow_private=True)


def test_feed_entries_are_ingested_and_failures_reported(server, tmp_path):
    from geo.store import Store

    store = Store(f"sqlite:///{tmp_path / 'feed.sqlite'}")
    sources = list(url_sources(f"{server}/feed", allow_private=True))
    report = ingest(store, sources)
    assert report.added == 1
    assert len(report.failed) == 1 and "HTTP 404" in report.failed[0][1]
    (event_place,) = {e["place"] for e in store.event_rows() if e["action"] == "advance"} \
        or {"none"}
    assert event_place == "Sirte"


def test_a_page_without_text_and_a_refused_url_fail_cleanly(server, tmp_path):
    from geo.store import Store

    store = Store(f"sqlite:///{tmp_path / 'x.sqlite'}")
    report = ingest(store, list(url_sources(f"{server}/empty", allow_private=True))
                    + list(sources_for(["http://127.0.0.1:9/x"])))
    assert report.added == 0 and len(report.failed) == 2
    assert "no article text" in report.failed[0][1]
    assert "non-public address" in report.failed[1][1]
