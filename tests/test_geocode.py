"""Online geocoding through geopy's real Nominatim client against a local stand-in server:
answers, empty answers, 429, 500, slow answers and malformed JSON; the cache and the rate
limit; unresolved names kept with their reason; user places."""

import json
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

import pytest

from geo import extract
from geo.geocode import from_settings
from geo.ingest import ingest, text_source
from geo.store import Store
from tests.conftest import ROOT
from tests.http_stub import reply, serving

WADI_JARIF = [{"place_id": 1, "osm_type": "node", "osm_id": 42, "lat": "30.95",
               "lon": "16.62", "name": "Wadi Jarif", "display_name": "Wadi Jarif, Sirte, Libya",
               "addresstype": "village", "importance": 0.3,
               "address": {"country_code": "ly"}}]
ELSEWHERE = [{"place_id": 2, "osm_type": "node", "osm_id": 43, "lat": "-33.9",
              "lon": "18.4", "name": "Wadi Jarif", "display_name": "Wadi Jarif, elsewhere",
              "addresstype": "village", "importance": 0.31,
              "address": {"country_code": "za"}}]


class Nominatim(BaseHTTPRequestHandler):
    calls: list[tuple[float, str]] = []
    flaky = {"count": 0}

    def do_GET(self):  # noqa: N802
        query = parse_qs(urlsplit(self.path).query).get("q", [""])[0]
        Nominatim.calls.append((time.monotonic(), query))
        if query == "Wadi Jarif":
            self.answer(200, json.dumps(ELSEWHERE + WADI_JARIF))
        elif query == "Qasr Nowhere":
            self.answer(200, "[]")
        elif query == "Ratelimitia":
            self.answer(429, '{"error": "rate limited"}')
        elif query == "Broken Town":
            self.answer(500, "internal error")
        elif query == "Garbled Town":
            self.answer(200, "{not json")
        elif query == "Slow Town":
            time.sleep(1.5)
            self.answer(200, "[]")
        elif query == "Flaky Town":
            Nominatim.flaky["count"] += 1
            if Nominatim.flaky["count"] == 1:
                self.answer(503, "try later")
            else:
                self.answer(200, json.dumps(WADI_JARIF))
        else:
            self.answer(200, "[]")

    def answer(self, code, body):
        reply(self, code, "application/json", body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def nominatim():
    with serving(Nominatim) as address:
        yield address


@pytest.fixture
def store(tmp_path):
    return Store(f"sqlite:///{tmp_path / 'geo.sqlite'}")


def geocoder(store, domain, **options):
    return from_settings(store, "nominatim", domain=domain, scheme="http", timeout=1,
                         min_delay_seconds=options.pop("min_delay_seconds", 0.2),
                         error_wait_seconds=0.1, **options)


TEXT = "IS fighters fled to Wadi Jarif, 30 km south of Sirte, after clashes in Sirte."


def test_service_candidates_are_scored_with_the_documents_context(store, nominatim):
    found = extract(TEXT, "2016-06-10", geocoder=geocoder(store, nominatim))
    jarif = next(p for p in found.places if p.surface == "Wadi Jarif")
    assert jarif.country == "LY" and jarif.lat == pytest.approx(30.95)
    assert jarif.source_id.startswith("nominatim:node/42")
    assert any(a.country == "ZA" for a in jarif.alternatives)
    assert found.unresolved == []


def test_the_cache_answers_the_second_time_even_across_processes(store, nominatim):
    Nominatim.calls.clear()
    extract(TEXT, "2016-06-10", geocoder=geocoder(store, nominatim))
    extract(TEXT, "2016-06-10", geocoder=geocoder(store, nominatim))
    assert [q for _, q in Nominatim.calls] == ["Wadi Jarif"]
    assert store.get_geocode("nominatim", "Wadi Jarif")[1]["country"] == "LY"


def test_empty_answers_are_cached_and_the_place_stays_unresolved(store, nominatim):
    Nominatim.calls.clear()
    text = "Fighting reached the town of Qasr Nowhere on Monday."
    for _ in range(2):
        found = extract(text, "2016-06-10", geocoder=geocoder(store, nominatim))
        (missing,) = found.unresolved
        assert missing.surface == "Qasr Nowhere" and "found nothing" in missing.reason
        assert missing.sentence == text
    assert [q for _, q in Nominatim.calls] == ["Qasr Nowhere"]


def test_the_rate_limit_holds(store, nominatim):
    Nominatim.calls.clear()
    online = geocoder(store, nominatim, min_delay_seconds=0.4)
    for name in ("Alpha Place", "Beta Place", "Gamma Place"):
        online.candidates(name)
    times = [t for t, _ in Nominatim.calls]
    assert len(times) == 3
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 0.38


@pytest.mark.parametrize("name,reason", [("Ratelimitia", "RateLimited"),
                                         ("Broken Town", "failed"),
                                         ("Garbled Town", "failed"),
                                         ("Slow Town", "failed")])
def test_failures_leave_the_place_unresolved_with_a_reason(store, nominatim, name, reason):
    found = extract(f"Clashes broke out in the town of {name} and in Sirte.", "2016-06-10",
                    geocoder=geocoder(store, nominatim, max_retries=1))
    (missing,) = found.unresolved
    assert missing.surface == name and "online geocoder failed" in missing.reason
    assert reason in missing.reason or reason == "failed"
    assert [p.name for p in found.places] == ["Sirte"]
    assert store.get_geocode("nominatim", name) is None  # failures are not cached


def test_retries_with_backoff_recover_from_a_503(store, nominatim):
    Nominatim.flaky["count"] = 0
    found = extract("Clashes in the town of Flaky Town.", "2016-06-10",
                    geocoder=geocoder(store, nominatim, max_retries=2))
    assert [p.surface for p in found.places] == ["Flaky Town"]
    assert Nominatim.flaky["count"] == 2


def test_failures_never_break_an_ingest_and_unresolved_are_stored(store, nominatim):
    report = ingest(store, [text_source("Shelling hit the town of Broken Town and Sirte.",
                                        published="2016-06-10"),
                            text_source("Clashes in Derna.", published="2016-06-10")],
                    geocoder=geocoder(store, nominatim, max_retries=0))
    assert report.added == 2 and not report.failed
    (row,) = store.unresolved_rows()
    assert row["surface"] == "Broken Town" and "failed" in row["reason"]


def test_user_places_join_the_gazetteer_and_win(store, tmp_path):
    table = tmp_path / "places.csv"
    table.write_text("name,alternate_names,lat,lon,kind,note\n"
                     "Qasr Nowhere,Kasr Nowhere,30.5,17.1,village,field report\n"
                     "Bad Place,,abc,1,village,\n")
    bad = subprocess.run([sys.executable, "-m", "geo", "user-places", "import", str(table),
                          "--db", str(store.engine.url)], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert bad.returncode == 2 and "numeric 'lat'" in bad.stderr
    table.write_text("name,alternate_names,lat,lon,kind,note\n"
                     "Qasr Nowhere,Kasr Nowhere,30.5,17.1,village,field report\n")
    good = subprocess.run([sys.executable, "-m", "geo", "user-places", "import", str(table),
                           "--db", str(store.engine.url)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert good.returncode == 0, good.stderr
    report = ingest(store, [text_source("Fighters entered Kasr Nowhere on Monday.",
                                        published="2016-06-10")])
    assert report.added == 1
    (row,) = [r for r in store.mention_rows() if r["surface"] == "Kasr Nowhere"]
    assert row["name"] == "Qasr Nowhere" and row["lat"] == pytest.approx(30.5)


def test_cache_export_and_import_round_trip(store, nominatim, tmp_path):
    extract(TEXT, "2016-06-10", geocoder=geocoder(store, nominatim))
    dump = tmp_path / "cache.jsonl"
    url = str(store.engine.url)
    out = subprocess.run([sys.executable, "-m", "geo", "geocode-cache", "export", str(dump),
                          "--db", url], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "exported 1" in out.stdout
    fresh = Store(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    back = subprocess.run([sys.executable, "-m", "geo", "geocode-cache", "import", str(dump),
                           "--db", str(fresh.engine.url)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert back.returncode == 0 and "imported 1" in back.stdout
    assert fresh.get_geocode("nominatim", "Wadi Jarif") == store.get_geocode("nominatim",
                                                                             "Wadi Jarif")
