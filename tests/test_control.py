"""Control over time, areas and front lines: real sequences from the sample corpus, and the
rules on small hand-made timelines."""

import json
import subprocess
import sys
from datetime import date

import pytest
from shapely.geometry import Point, shape

from geo.control import ControlModel, areas, feature_collection, libya_shape
from geo.ingest import ingest, sources_for
from geo.store import Store
from tests.conftest import CORPUS, ROOT

SIRTE, WATIYA, BENGHAZI = "gn:2210554", "cur:al-watiya-air-base", "gn:88319"


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("control") / "corpus.sqlite"
    store = Store(f"sqlite:///{path}")
    ingest(store, sources_for([str(CORPUS)]))
    return store


@pytest.fixture(scope="module")
def corpus_model(corpus_store):
    return ControlModel(corpus_store.event_rows(), corpus_store.correction_rows())


def test_sirte_2016_contested_in_june_gna_held_in_december(corpus_model):
    june = corpus_model.state(SIRTE, date(2016, 6, 11))
    assert june.contested and june.faction == "islamic_state" and june.evidence
    september = corpus_model.state(SIRTE, date(2016, 9, 1))
    assert september.contested
    december = corpus_model.state(SIRTE, date(2016, 12, 20))
    assert december.faction == "gna" and not december.contested
    assert december.since <= date(2016, 12, 6) and december.sources >= 2


def test_2011_benghazi_and_2020_watiya_and_sirte(corpus_model):
    assert corpus_model.state(BENGHAZI, date(2011, 3, 21)).contested
    assert corpus_model.state(WATIYA, date(2020, 6, 6)).faction == "gna"
    assert corpus_model.state(SIRTE, date(2020, 6, 6)).faction == "lna"


def test_nothing_known_before_the_first_report(corpus_model):
    assert corpus_model.states(date(2010, 1, 1)) == []


def event(i, day, action, place=SIRTE, actor=None, target=None, source="s"):
    return {"id": i, "date": day, "date_precision": "day", "action": action, "actor": actor,
            "target": target, "claim": False, "source": source, "source_id": place,
            "place": "Sirte", "lat": 31.2089, "lon": 16.5887, "country": "LY", "kind": "city"}


def test_capture_retreat_decay_and_independent_sources():
    timeline = [event(1, date(2016, 5, 1), "capture", actor="islamic_state"),
                event(2, date(2016, 12, 6), "capture", actor="gna", source="a"),
                event(3, date(2016, 12, 7), "capture", actor="gna", source="b")]
    model = ControlModel(timeline)
    assert model.state(SIRTE, date(2016, 6, 1)).faction == "islamic_state"
    two_sources = model.state(SIRTE, date(2016, 12, 30))
    assert two_sources.faction == "gna" and two_sources.sources == 2
    one_source = ControlModel(timeline[:2]).state(SIRTE, date(2016, 12, 30))
    assert two_sources.confidence > one_source.confidence
    later = model.state(SIRTE, date(2017, 6, 30))
    assert later.faction == "gna" and later.confidence < two_sources.confidence
    assert model.state(SIRTE, date(2018, 6, 30)).faction is None  # stale: no longer known
    retreat = ControlModel(timeline[:1] + [event(4, date(2016, 7, 1), "retreat",
                                                 actor="islamic_state", target="gna")])
    assert retreat.state(SIRTE, date(2016, 7, 2)).faction == "gna"


def test_corrections_win_from_their_date():
    model = ControlModel([event(1, date(2016, 5, 1), "capture", actor="islamic_state")],
                         [{"source_id": SIRTE, "from_date": date(2016, 8, 1), "faction": "gna",
                           "contested": True, "note": "analyst"}])
    assert model.state(SIRTE, date(2016, 7, 1)).faction == "islamic_state"
    corrected = model.state(SIRTE, date(2016, 8, 2))
    assert corrected.faction == "gna" and corrected.corrected and corrected.note == "analyst"


def test_areas_are_clipped_to_libya_and_front_lines_separate_factions():
    west = event(1, date(2020, 5, 18), "capture", place="a", actor="gna")
    west.update(place="Gharyan", lat=32.17, lon=13.02)
    east = event(2, date(2020, 5, 18), "capture", place="b", actor="lna")
    east.update(place="Tarhuna", lat=32.435, lon=13.633)
    far = event(3, date(2020, 5, 18), "capture", place="c", actor="lna")
    far.update(place="Sirte", lat=31.21, lon=16.59)
    model = ControlModel([west, east, far])
    states = model.states(date(2020, 6, 1))
    area = areas(states)
    assert set(area) == {"gna", "lna"}
    border = libya_shape()
    for geometry in area.values():
        assert geometry.difference(border.buffer(1e-6)).area < 1e-9
    assert area["gna"].contains(Point(13.02, 32.17)) and area["lna"].contains(Point(13.633, 32.435))
    assert not area["lna"].contains(Point(15.0, 31.5))  # the desert between is not painted
    collection = feature_collection(model, date(2020, 6, 1), [])
    lines = [f for f in collection["features"] if f["properties"]["kind"] == "frontline"]
    assert len(lines) == 1
    line = shape(lines[0]["geometry"])
    assert line.length > 0.1 and line.distance(Point(13.3, 32.3)) < 0.3


def test_control_command_prints_geojson(corpus_store, tmp_path):
    url = str(corpus_store.engine.url)
    result = subprocess.run([sys.executable, "-m", "geo", "control", "--as-of", "2016-12-20",
                             "--db", url], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    collection = json.loads(result.stdout)
    kinds = {f["properties"]["kind"] for f in collection["features"]}
    assert {"place", "area"} <= kinds and collection["as_of"] == "2016-12-20"
    bad = subprocess.run([sys.executable, "-m", "geo", "control", "--as-of", "2016-13-01",
                          "--db", url], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "--as-of" in bad.stderr


def test_corrections_export_and_import_as_csv(tmp_path):
    source = Store(f"sqlite:///{tmp_path / 'a.sqlite'}")
    source.set_correction(SIRTE, date(2016, 12, 6), "gna", note="liberation, many sources")
    source.set_correction(WATIYA, date(2020, 5, 18), None, contested=True, note="")
    table = tmp_path / "corrections.csv"

    def run(*args):
        return subprocess.run([sys.executable, "-m", "geo", "corrections", *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)

    assert run("export", str(table), "--db", str(source.engine.url)).returncode == 0
    target = Store(f"sqlite:///{tmp_path / 'b.sqlite'}")
    result = run("import", str(table), "--db", str(target.engine.url))
    assert result.returncode == 0 and "imported 2" in result.stdout
    rows = {r["source_id"]: r for r in target.correction_rows()}
    assert rows[SIRTE]["faction"] == "gna" and rows[WATIYA]["contested"] is True
    model = ControlModel([], target.correction_rows())
    assert model.state(SIRTE, date(2017, 1, 1)).faction == "gna"
    table.write_text("source_id,from_date,faction,contested,note\n"
                     f"{SIRTE},2017-01-01,gna,0,ok\n{SIRTE},2017-13-01,nobody,0,bad\n")
    bad = run("import", str(table), "--db", str(target.engine.url))
    assert bad.returncode == 2 and "from_date" in bad.stderr
    assert len(target.correction_rows()) == 2  # the valid row was not applied either


def test_oil_terminals_contested_in_january_2016(corpus_model):
    assert corpus_model.state("cur:es-sider", date(2016, 1, 7)).contested
