"""Ingestion: sources (files, folders, URLs, feeds, pasted text) into the store.

Each article is extracted and written on its own, so one bad article is reported with its
reason and the rest still land; the same article twice is stored once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from geo.dates import dateline_date
from geo.documents import Document, read_bytes, read_path
from geo.extract import InputError, check_published, extract
from geo.fetch import FetchError, fetch
from geo.store import ArticleRecord, Store, StoreError

URL_RE = re.compile(r"^https?://", re.I)
FILE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".csv")
MAX_FEED_ENTRIES = 200
# Files in an article folder that document it rather than report news.
NOT_ARTICLES = frozenset({"readme", "provenance", "annotation", "license", "licence",
                          "changelog", "gold"})


@dataclass
class Source:
    """One article to ingest, or the reason it could not be read."""

    name: str
    document: Document | None = None
    error: str | None = None
    published_source: str | None = None


@dataclass
class IngestReport:
    added: int = 0
    duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"added {self.added}, duplicates {self.duplicates}, failed {len(self.failed)}"]
        lines += [f"  failed: {name}: {reason}" for name, reason in self.failed]
        return "\n".join(lines)


def with_date(document: Document, default: str | None) -> tuple[Document, str | None]:
    """Fill the publication date: metadata, else a dateline in the text, else the user's."""
    if document.published:
        return document, "metadata"
    found = dateline_date(document.text)
    if found:
        document.published = found.isoformat()
        return document, "dateline"
    if default:
        document.published = default
        return document, "user"
    return document, None


def html_article(body: bytes, url: str) -> Document:
    """Main text, title and date of a web page (trafilatura), or InputError."""
    import json

    import trafilatura

    html = body.decode("utf-8", errors="replace")
    result = trafilatura.extract(html, output_format="json", with_metadata=True, url=url,
                                 include_comments=False)
    if not result:
        raise InputError(f"{url}: no article text found on the page")
    data = json.loads(result)
    text = data.get("text") or ""
    if not text.strip():
        raise InputError(f"{url}: no article text found on the page")
    published = None
    if data.get("date"):
        try:
            published = check_published(data["date"])
        except InputError:
            published = None
    return Document(url, text, published, data.get("title"), url, data.get("hostname"))


def looks_like_feed(content_type: str, body: bytes) -> bool:
    head = body[:500].lstrip().lower()
    return any(t in content_type for t in ("rss", "atom", "xml")) and not head.startswith(
        b"<!doctype html") or head.startswith((b"<?xml", b"<rss", b"<feed"))


def url_sources(url: str, allow_private: bool = False) -> Iterator[Source]:
    """A page gives one article; a feed gives one per entry (each entry's page fetched)."""
    try:
        fetched = fetch(url, allow_private=allow_private)
    except FetchError as error:
        yield Source(url, error=str(error))
        return
    if looks_like_feed(fetched.content_type, fetched.body):
        yield from feed_sources(fetched.url, fetched.body, allow_private)
        return
    try:
        yield Source(url, html_article(fetched.body, fetched.url))
    except InputError as error:
        yield Source(url, error=str(error))


def feed_sources(url: str, body: bytes, allow_private: bool) -> Iterator[Source]:
    import feedparser

    feed = feedparser.parse(body)
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None) or "no entries"
        yield Source(url, error=f"{url}: not a readable RSS or Atom feed ({reason})")
        return
    for entry in feed.entries[:MAX_FEED_ENTRIES]:
        link = entry.get("link")
        if not link:
            continue
        try:
            fetched = fetch(link, allow_private=allow_private)
            document = html_article(fetched.body, fetched.url)
        except (FetchError, InputError) as error:
            yield Source(link, error=str(error))
            continue
        if not document.published and entry.get("published_parsed"):
            parsed = entry["published_parsed"]
            document.published = f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
        document.title = document.title or entry.get("title")
        document.source = document.source or feed.feed.get("title")
        yield Source(link, document)


def path_sources(path: Path) -> Iterator[Source]:
    """A file's articles, or every article file in a folder (sorted, not recursive)."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in FILE_SUFFIXES
                       and p.stem.lower() not in NOT_ARTICLES)
        if not files:
            yield Source(str(path), error=f"{path}: no article files ({', '.join(FILE_SUFFIXES)})")
        for file in files:
            yield from path_sources(file)
        return
    try:
        for document in read_path(path):
            yield Source(f"{path}#{document.id}" if path.suffix in (".jsonl", ".csv")
                         else str(path), document)
    except InputError as error:
        yield Source(str(path), error=str(error))


def text_source(text: str, name: str = "pasted text", **fields) -> Source:
    try:
        document = read_bytes(text.encode("utf-8"), name + ".txt", fields.pop("id", None))[0]
    except InputError as error:
        return Source(name, error=str(error))
    for key, value in fields.items():
        setattr(document, key, value)
    return Source(name, document)


def sources_for(items: Iterable[str], allow_private: bool = False) -> Iterator[Source]:
    for item in items:
        if URL_RE.match(item):
            yield from url_sources(item, allow_private)
        else:
            yield from path_sources(Path(item))


BATCH_SIZE = 50


def ingest(store: Store, sources: Iterable[Source], default_published: str | None = None,
           progress: Callable[[Source, str], None] | None = None,
           batch_size: int = BATCH_SIZE, geocoder=None) -> IngestReport:
    """Extract and store every source; report what was added, already there or failed.

    Articles are committed in batches (each in its own savepoint); a source is counted as
    added only once its batch is committed.
    """
    from geo.gazetteer import apply_user_places

    apply_user_places(store.user_place_rows())
    report = IngestReport()
    pending: list[tuple[Source, ArticleRecord]] = []

    def flush() -> None:
        if not pending:
            return
        results = store.add_articles([record for _, record in pending])
        for (source, _), stored in zip(pending, results, strict=True):
            if stored.error:
                report.failed.append((source.name, stored.error))
                if progress:
                    progress(source, "failed")
                continue
            report.article_ids.append(stored.id)
            if stored.added:
                report.added += 1
            else:
                report.duplicates += 1
            if progress:
                progress(source, "added" if stored.added else "duplicate")
        pending.clear()

    for source in sources:
        reason = source.error
        if reason is None and not source.document.text.strip():
            reason = "empty article: no text"
        if reason is None:
            try:
                document, date_source = with_date(source.document, default_published)
                extraction = extract(document.text, document.published, doc_id=document.id,
                                     geocoder=geocoder)
            except InputError as error:
                reason = str(error)
            else:
                pending.append((source, ArticleRecord(
                    document.text, extraction, document.url, document.title or document.id,
                    document.source, date_source)))
                if len(pending) >= batch_size:
                    flush()
                continue
        report.failed.append((source.name, reason))
        if progress:
            progress(source, "failed")
    flush()
    return report


__all__ = ["IngestReport", "Source", "StoreError", "ingest", "sources_for", "text_source"]
