"""The store: articles, place mentions, events, places and analyst corrections.

SQLAlchemy Core over SQLite (embedded default) or PostgreSQL (DATABASE_URL, for shared or
hosted use). Each article is written in its own transaction, keyed by its URL or by a hash
of its normalised text, so ingesting the same article twice stores it once and a failure
part-way through a batch keeps every article already written.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError

from geo.extract import Extraction

SCHEMA_VERSION = 3
DEFAULT_DB = Path(__file__).resolve().parent.parent / "var" / "frontlines.sqlite"

metadata = MetaData()
schema_info = Table("schema_info", metadata,
                    Column("id", Integer, primary_key=True),
                    Column("version", Integer, nullable=False))
articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(64), nullable=False, unique=True),
    Column("url", Text), Column("title", Text), Column("source", Text),
    Column("published", Date), Column("published_source", String(16)),
    Column("text", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False))
places = Table(
    "places", metadata,
    Column("source_id", String(64), primary_key=True),
    Column("name", Text, nullable=False), Column("country", String(2)),
    Column("lat", Float, nullable=False), Column("lon", Float, nullable=False),
    Column("kind", String(16)), Column("precision", String(16)))
mentions = Table(
    "place_mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("source_id", String(64), ForeignKey("places.source_id"), nullable=False,
           index=True),
    Column("surface", Text, nullable=False), Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False), Column("confidence", Float),
    Column("alternatives", Text))
events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("date", Date, index=True), Column("date_precision", String(8)),
    Column("date_text", Text),
    Column("source_id", String(64), ForeignKey("places.source_id"), nullable=False,
           index=True),
    Column("action", String(16), nullable=False),
    Column("acled_event_type", Text), Column("acled_sub_event_type", Text),
    Column("actor", String(64)), Column("target", String(64)),
    Column("fatalities", Integer), Column("claim", Boolean, nullable=False),
    Column("evidence", Text, nullable=False), Column("start", Integer),
    Column("end", Integer), Column("place_from_context", Boolean, nullable=False),
    # version 2: movements ("fighters from Misrata pushed into Sirte")
    Column("origin", Text), Column("origin_source_id", String(64)),
    Column("origin_lat", Float), Column("origin_lon", Float))
corrections = Table(
    "corrections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_id", String(64), nullable=False, index=True),
    Column("from_date", Date, nullable=False),
    Column("faction", String(64)), Column("contested", Boolean, nullable=False,
                                              default=False),
    Column("note", Text), Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("source_id", "from_date", name="one_correction_per_place_and_day"))


# version 3: names the gazetteer lacks (unplaced, geocoded online, or added by users)
unresolved = Table(
    "unresolved", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("surface", Text, nullable=False), Column("start", Integer),
    Column("end", Integer), Column("sentence", Text), Column("reason", Text))
geocode_cache = Table(
    "geocode_cache", metadata,
    Column("provider", String(32), primary_key=True),
    Column("query", String(300), primary_key=True),
    Column("answer", Text, nullable=False),  # JSON list; [] is a cached "not found"
    Column("fetched_at", DateTime(timezone=True), nullable=False))
user_places = Table(
    "user_places", metadata,
    Column("gid", String(64), primary_key=True),
    Column("name", Text, nullable=False), Column("alternate_names", Text),
    Column("lat", Float, nullable=False), Column("lon", Float, nullable=False),
    Column("kind", String(16)), Column("country", String(2)), Column("note", Text),
    Column("created_at", DateTime(timezone=True), nullable=False))


class StoreError(RuntimeError):
    """The database cannot be used; the message says which and why, in one line."""


def database_url(explicit: str | None = None) -> str:
    """--db, else DATABASE_URL, else the embedded SQLite file under var/."""
    url = explicit or os.environ.get("DATABASE_URL")
    if url:
        if url.startswith("postgres://"):
            url = "postgresql://" + url[len("postgres://"):]
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://"):]
        return url
    DEFAULT_DB.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_DB}"


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _mention_row(article_id: int, place) -> dict:
    return {"article_id": article_id, "source_id": place.source_id, "surface": place.surface,
            "start": place.start, "end": place.end, "confidence": place.confidence,
            "alternatives": json.dumps([a.__dict__ for a in place.alternatives])}


def _event_row(article_id: int, found: dict) -> dict:
    return {"article_id": article_id, "date": _day(found["date"]),
            **{k: found[k] for k in EVENT_FIELDS}}


def _sqlite_pragmas(connection, _record) -> None:
    """WAL and normal sync: readers never block the writer, commits stay crash-safe."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def article_key(url: str | None, text: str) -> str:
    """Same URL, or same text up to case and white space: same article."""
    if url:
        basis = "url:" + url.strip().split("#")[0].rstrip("/").lower()
    else:
        basis = "text:" + re.sub(r"\s+", " ", text).strip().lower()
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


def redact(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


EVENT_FIELDS = ("date_precision", "date_text", "source_id", "action", "acled_event_type",
                "acled_sub_event_type", "actor", "target", "fatalities", "claim", "evidence",
                "start", "end", "place_from_context", "origin", "origin_source_id", "origin_lat",
                "origin_lon")


@dataclass
class _PlaceRow:
    """The fields of a place row, for places that do not come from an extraction."""

    source_id: str
    name: str
    country: str
    lat: float
    lon: float
    kind: str = "village"
    precision: str = "city"


@dataclass
class ArticleRecord:
    """An article ready to store: its text, what extraction found, and where it came from."""

    text: str
    extraction: Extraction
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published_source: str | None = None


@dataclass
class StoredArticle:
    id: int | None
    added: bool
    error: str | None = None  # why the database refused it (then id is None)


class Store:
    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        try:
            self.engine: Engine = create_engine(self.url, future=True, pool_pre_ping=True)
        except (SQLAlchemyError, ImportError, ValueError) as error:
            raise StoreError(f"bad database URL {redact(self.url)!r}: {error}") from None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.initialise()

    # -- schema ----------------------------------------------------------------------------
    def initialise(self) -> None:
        """Create the tables, or check an existing schema and upgrade it."""
        try:
            metadata.create_all(self.engine)
            with self.engine.begin() as connection:
                version = connection.execute(select(schema_info.c.version)).scalar()
                if version is None:
                    connection.execute(insert(schema_info).values(id=1, version=SCHEMA_VERSION))
                elif version > SCHEMA_VERSION:
                    raise StoreError(f"database schema {version} is newer than this app "
                                     f"({SCHEMA_VERSION}); upgrade Front Lines")
                elif version < SCHEMA_VERSION:
                    upgrade(connection, version)
        except SQLAlchemyError as error:
            raise StoreError(f"cannot use database {redact(self.url)}: "
                             f"{str(error.orig or error).splitlines()[0]}") from None

    # -- writing ---------------------------------------------------------------------------
    def add_article(self, *, text: str, extraction: Extraction, url: str | None = None,
                    title: str | None = None, source: str | None = None,
                    published_source: str | None = None) -> StoredArticle:
        """Store one article with its places and events, all or nothing."""
        return self.add_articles([ArticleRecord(text, extraction, url, title, source,
                                                published_source)])[0]

    def add_articles(self, records: list[ArticleRecord]) -> list[StoredArticle]:
        """Store a batch in one transaction: bulk inserts when all goes well; when the
        database refuses something, article by article in savepoints, so only the bad
        article is left out."""
        try:
            with self.engine.begin() as connection:
                keys = [article_key(r.url, r.text) for r in records]
                known = dict(connection.execute(select(articles.c.key, articles.c.id).where(
                    articles.c.key.in_(set(keys)))).all())
                fresh, seen = [], set(known)
                for record, key in zip(records, keys, strict=True):
                    if key not in seen:
                        fresh.append((record, key))
                        seen.add(key)
                try:
                    with connection.begin_nested():
                        new_ids = self._write_bulk(connection, fresh)
                except (IntegrityError, DataError):
                    return [self._write_one(connection, record) for record in records]
                known.update(new_ids)
                first = {key: record for record, key in reversed(fresh)}
                return [StoredArticle(known[key], first.get(key) is record)
                        for record, key in zip(records, keys, strict=True)]
        except SQLAlchemyError as error:
            raise StoreError(f"cannot write to {redact(self.url)}: "
                             f"{str(getattr(error, 'orig', None) or error).splitlines()[0]}"
                             ) from None

    def _write_bulk(self, connection, fresh: list[tuple[ArticleRecord, str]]) -> dict[str, int]:
        """Insert new articles and everything found in them with one statement per table."""
        if not fresh:
            return {}
        now = datetime.now(UTC)
        rows = [{"key": key, "url": r.url, "title": r.title, "source": r.source,
                 "published": _day(r.extraction.published),
                 "published_source": r.published_source, "text": r.text, "ingested_at": now}
                for r, key in fresh]
        inserted = connection.execute(
            insert(articles).returning(articles.c.id, sort_by_parameter_order=True), rows)
        ids = [row[0] for row in inserted]
        self._insert_places(connection, [p for r, _ in fresh for p in r.extraction.places])
        mention_rows = [_mention_row(article_id, p) for (r, _), article_id in
                        zip(fresh, ids, strict=True) for p in r.extraction.places]
        if mention_rows:
            connection.execute(insert(mentions), mention_rows)
        event_rows = [_event_row(article_id, e) for (r, _), article_id in
                      zip(fresh, ids, strict=True) for e in r.extraction.events]
        if event_rows:
            connection.execute(insert(events), event_rows)
        unplaced = [{"article_id": article_id, "surface": u.surface, "start": u.start,
                     "end": u.end, "sentence": u.sentence, "reason": u.reason}
                    for (r, _), article_id in zip(fresh, ids, strict=True)
                    for u in r.extraction.unresolved]
        if unplaced:
            connection.execute(insert(unresolved), unplaced)
        return {key: article_id for (_, key), article_id in zip(fresh, ids, strict=True)}

    def _write_one(self, connection, record: ArticleRecord) -> StoredArticle:
        key = article_key(record.url, record.text)
        existing = connection.execute(select(articles.c.id).where(articles.c.key == key)).scalar()
        if existing is not None:
            return StoredArticle(existing, False)
        try:
            with connection.begin_nested():
                article_id = self._write_bulk(connection, [(record, key)])[key]
        except (IntegrityError, DataError) as error:
            # The savepoint is rolled back: this article only. Either another writer stored
            # the same article between our check and our insert, or its data is bad.
            existing = connection.execute(
                select(articles.c.id).where(articles.c.key == key)).scalar()
            if existing is not None:
                return StoredArticle(existing, False)
            reason = str(getattr(error, "orig", None) or error).splitlines()[0]
            return StoredArticle(None, False, f"rejected by the database: {reason}")
        return StoredArticle(article_id, True)

    def _insert_places(self, connection, found: list) -> None:
        """Add the places not stored yet; a place another writer just added is fine."""
        rows = {p.source_id: {"source_id": p.source_id, "name": p.name, "country": p.country,
                              "lat": p.lat, "lon": p.lon, "kind": p.kind,
                              "precision": p.precision} for p in found}
        if not rows:
            return
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        else:
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        connection.execute(dialect_insert(places).on_conflict_do_nothing(
            index_elements=["source_id"]), list(rows.values()))

    def set_correction(self, source_id: str, from_date: date, faction: str | None,
                       contested: bool = False, note: str = "") -> None:
        """An analyst's state for a place from a date on; replaces one for the same day."""
        with self.engine.begin() as connection:
            connection.execute(delete(corrections).where(
                (corrections.c.source_id == source_id) & (corrections.c.from_date == from_date)))
            connection.execute(insert(corrections).values(
                source_id=source_id, from_date=from_date, faction=faction,
                contested=contested, note=note, created_at=datetime.now(UTC)))

    # -- reading ---------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        with self.engine.connect() as connection:
            return {table.name: connection.execute(select(func.count()).select_from(
                table)).scalar() for table in (articles, places, mentions, events, corrections,
                                               unresolved, geocode_cache, user_places)}

    def mention_rows(self) -> Iterator[dict]:
        """Every place mention joined with its article and place (for the map and exports)."""
        query = select(
            articles.c.id.label("article_id"), articles.c.title, articles.c.url,
            articles.c.source, articles.c.published, articles.c.text,
            mentions.c.surface, mentions.c.start, mentions.c.end, mentions.c.confidence,
            mentions.c.alternatives, places.c.source_id, places.c.name, places.c.country,
            places.c.lat, places.c.lon, places.c.kind, places.c.precision,
        ).select_from(mentions.join(articles).join(places)).order_by(
            articles.c.published, articles.c.id, mentions.c.start)
        with self.engine.connect() as connection:
            for row in connection.execute(query).mappings():
                yield dict(row)

    def event_rows(self, start: date | None = None, end: date | None = None) -> list[dict]:
        query = select(
            events, articles.c.title, articles.c.url, articles.c.source,
            articles.c.published, places.c.name.label("place"), places.c.country,
            places.c.lat, places.c.lon, places.c.kind,
        ).select_from(events.join(articles).join(places)).order_by(events.c.date, events.c.id)
        if start:
            query = query.where(events.c.date >= start)
        if end:
            query = query.where(events.c.date <= end)
        with self.engine.connect() as connection:
            return [dict(row) for row in connection.execute(query).mappings()]

    def unresolved_rows(self) -> list[dict]:
        query = select(unresolved, articles.c.title, articles.c.published).select_from(
            unresolved.join(articles)).order_by(unresolved.c.surface)
        with self.engine.connect() as connection:
            return [dict(r) for r in connection.execute(query).mappings()]

    # -- online geocoding cache -------------------------------------------------------------
    def get_geocode(self, provider: str, query: str) -> list[dict] | None:
        with self.engine.connect() as connection:
            answer = connection.execute(select(geocode_cache.c.answer).where(
                (geocode_cache.c.provider == provider) & (geocode_cache.c.query == query))
            ).scalar()
        return json.loads(answer) if answer is not None else None

    def put_geocode(self, provider: str, query: str, answer: list[dict]) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(geocode_cache).where(
                (geocode_cache.c.provider == provider) & (geocode_cache.c.query == query)))
            connection.execute(insert(geocode_cache).values(
                provider=provider, query=query, answer=json.dumps(answer),
                fetched_at=datetime.now(UTC)))

    def geocode_cache_rows(self) -> list[dict]:
        with self.engine.connect() as connection:
            return [{"provider": r.provider, "query": r.query, "answer": json.loads(r.answer)}
                    for r in connection.execute(select(geocode_cache).order_by(
                        geocode_cache.c.provider, geocode_cache.c.query))]

    # -- user gazetteer -----------------------------------------------------------------------
    def put_user_place(self, gid: str, name: str, lat: float, lon: float, kind: str = "village",
                       country: str = "LY", alternate_names: list[str] | None = None,
                       note: str = "") -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(user_places).where(user_places.c.gid == gid))
            connection.execute(insert(user_places).values(
                gid=gid, name=name, lat=lat, lon=lon, kind=kind, country=country,
                alternate_names="|".join(alternate_names or []), note=note,
                created_at=datetime.now(UTC)))

    def reassign_place(self, old_source_id: str, surface: str, new: dict) -> int:
        """A user picked another candidate for `surface`: move its mentions (and the events
        at the old place) to `new` (source_id, name, country, lat, lon, kind, precision)."""
        with self.engine.begin() as connection:
            self._insert_places(connection, [_PlaceRow(**new)])
            moved = connection.execute(update(mentions).where(
                (mentions.c.source_id == old_source_id) & (mentions.c.surface == surface)
            ).values(source_id=new["source_id"])).rowcount
            connection.execute(update(events).where(events.c.source_id == old_source_id)
                               .values(source_id=new["source_id"]))
        return moved

    def user_place_rows(self) -> list[dict]:
        with self.engine.connect() as connection:
            return [dict(r) for r in connection.execute(
                select(user_places).order_by(user_places.c.gid)).mappings()]

    def correction_rows(self) -> list[dict]:
        with self.engine.connect() as connection:
            return [dict(r) for r in connection.execute(
                select(corrections).order_by(corrections.c.from_date)).mappings()]


def upgrade(connection, version: int) -> None:
    """Bring an older schema up to SCHEMA_VERSION, one step at a time."""
    steps: dict[int, list[str]] = {  # version -> statements that lead to version + 1
        1: ["ALTER TABLE events ADD COLUMN origin TEXT",
            "ALTER TABLE events ADD COLUMN origin_source_id VARCHAR(64)",
            "ALTER TABLE events ADD COLUMN origin_lat FLOAT",
            "ALTER TABLE events ADD COLUMN origin_lon FLOAT"],
        2: [],  # the new tables of version 3 are made by create_all
    }
    while version < SCHEMA_VERSION:
        for statement in steps.get(version, []):
            connection.exec_driver_sql(statement)
        version += 1
    connection.execute(update(schema_info).values(version=SCHEMA_VERSION))
