"""Storage and ingestion on SQLite and PostgreSQL: idempotent, transactional, clear errors."""

import json

import pytest

from geo.extract import extract
from geo.ingest import Source, ingest, sources_for, text_source
from geo.store import Store, StoreError, article_key
from tests.conftest import CORPUS


def test_sample_corpus_ingests_once_however_often(store):
    first = ingest(store, sources_for([str(CORPUS)]))
    assert first.added == 34 and first.failed == [] and first.duplicates == 0
    again = ingest(store, sources_for([str(CORPUS)]))
    assert again.added == 0 and again.duplicates == 34
    counts = store.counts()
    assert counts["articles"] == 34
    assert counts["place_mentions"] >= 250 and counts["events"] >= 80
    sirte = [r for r in store.mention_rows() if r["name"] == "Sirte"]
    assert sirte and all(r["text"][r["start"]:r["end"]] == r["surface"] for r in sirte)


def test_same_text_with_other_spacing_is_a_duplicate(store):
    text = "Clashes broke out in Tripoli on Monday between rival militias."
    report = ingest(store, [text_source(text, published="2018-09-03"),
                            text_source("  " + text.replace(" ", "  ").upper(),
                                        published="2018-09-03")])
    assert (report.added, report.duplicates) == (1, 1)
    assert article_key(None, text) == article_key(None, text.upper() + "\n")


def test_a_bad_article_mid_batch_loses_nothing_else(store, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Fighting near Brega. Monday, 14 March 2011")
    bad = tmp_path / "bad.json"
    bad.write_text('{"text": ')
    sources = list(sources_for([str(good), str(bad)])) + [Source("empty", error="no text")]
    report = ingest(store, sources)
    assert report.added == 1 and len(report.failed) == 2
    assert "malformed JSON" in report.failed[0][1]
    assert store.counts()["articles"] == 1


def test_publication_date_sources(store):
    dated = text_source("TRIPOLI, Thursday, 09 June 2016 — Shelling hit Sirte on Wednesday.")
    undated = text_source("Shelling hit Derna.", id="undated")
    report = ingest(store, [dated, undated], default_published="2018-05-31")
    assert report.added == 2
    rows = {r["title"]: r for r in store.mention_rows()}
    assert str(rows["pasted text"]["published"]) == "2016-06-09"
    assert str(rows["undated"]["published"]) == "2018-05-31"
    events = store.event_rows()
    assert any(str(e["date"]) == "2016-06-08" and e["place"] == "Sirte" for e in events)


def test_csv_and_jsonl_sources(store, tmp_path):
    table = tmp_path / "articles.csv"
    table.write_text('title,published,text\n"One",2019-04-07,"Fighting near Gharyan."\n'
                     '"Two",2019-04-08,"Strikes on Tripoli."\n')
    lines = tmp_path / "articles.jsonl"
    lines.write_text(json.dumps({"id": "x", "text": "Clashes in Sabha.",
                                 "published": "2019-01-01"}) + "\n")
    report = ingest(store, sources_for([str(table), str(lines)]))
    assert report.added == 3 and not report.failed
    bad = tmp_path / "bad.csv"
    bad.write_text("title,body\nA,B\n")
    report = ingest(store, sources_for([str(bad)]))
    assert "needs a 'text' column" in report.failed[0][1]


def test_corrections_replace_the_same_day(store):
    from datetime import date

    store.set_correction("gn:2210554", date(2016, 12, 6), "gna", note="liberated")
    store.set_correction("gn:2210554", date(2016, 12, 6), "gna", contested=True)
    rows = store.correction_rows()
    assert len(rows) == 1 and rows[0]["contested"] is True


def test_dead_database_gets_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="cannot use database"):
        Store("postgresql+psycopg://nobody:secret@127.0.0.1:1/none")
    with pytest.raises(StoreError, match="nobody:\\*\\*\\*@"):
        Store("postgresql+psycopg://nobody:secret@127.0.0.1:1/none")
    with pytest.raises(StoreError):
        Store(f"sqlite:///{tmp_path}/no/such/folder/db.sqlite")


def test_extraction_is_stored_with_its_events(store):
    text = "Forces loyal to Khalifa Haftar said Monday they had captured Sirte."
    extraction = extract(text, "2020-01-06")
    stored = store.add_article(text=text, extraction=extraction, title="t")
    assert stored.added
    (event,) = [e for e in store.event_rows() if e["action"] == "capture"]
    assert event["place"] == "Sirte" and event["actor"] == "lna" and event["claim"] is True


def test_an_article_the_database_rejects_fails_alone(store):
    good = extract("Clashes broke out in Tripoli on Monday.", "2018-09-03")
    bad = extract("Drones struck Gharyan.", "2019-04-07")
    for event in bad.events:
        event["source_id"] = "no-such-place"  # breaks the foreign key to places
    sources = [text_source("Clashes broke out in Tripoli on Monday."),
               text_source("Drones struck Gharyan."),
               text_source("Fighting near Sirte.")]
    from geo.store import ArticleRecord

    results = store.add_articles([ArticleRecord(sources[0].document.text, good),
                                  ArticleRecord(sources[1].document.text, bad),
                                  ArticleRecord(sources[2].document.text,
                                                extract("Fighting near Sirte.", "2016-06-11"))])
    assert [r.added for r in results] == [True, False, True]
    assert results[1].error and "rejected by the database" in results[1].error
    assert store.counts()["articles"] == 2


def test_a_version_1_database_is_upgraded_in_place(tmp_path):
    from sqlalchemy import create_engine, text

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    Store(url)
    engine = create_engine(url)
    with engine.begin() as connection:  # make it look like a version-1 database
        for column in ("origin", "origin_source_id", "origin_lat", "origin_lon"):
            connection.execute(text(f"ALTER TABLE events DROP COLUMN {column}"))
        connection.execute(text("UPDATE schema_info SET version = 1"))
    store = Store(url)
    report = ingest(store, [text_source("Fighters from Misrata pushed into Sirte on Friday.",
                                        published="2016-06-10")])
    assert report.added == 1
    (event,) = store.event_rows()
    assert event["origin"] == "Misrata" and event["place"] == "Sirte"
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version FROM schema_info")).scalar() == 3
