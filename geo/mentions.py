"""From documents to a table of place mentions with their evidence sentences.

The dashboard and exports read this one table, so the map, the evidence panel and the
counts always agree.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

import pandas as pd

from geo.documents import Document, read_path
from geo.extract import extract

CORPUS_DIR = Path(__file__).resolve().parent.parent / "data" / "corpus"
SENTENCE_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(]?[A-Z0-9])|\n+")
COLUMNS = ["doc_id", "title", "published", "source", "url", "surface", "start", "end", "name",
           "country", "lat", "lon", "kind", "precision", "confidence", "source_id",
           "sentence", "sentence_start"]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, in text order."""
    spans, left = [], 0
    for match in [*SENTENCE_BOUNDARY.finditer(text), None]:
        right = match.start() if match else len(text)
        chunk = text[left:right]
        stripped = chunk.lstrip()
        if stripped.strip():
            begin = left + len(chunk) - len(stripped)
            spans.append((begin, begin + len(stripped.rstrip())))
        if match:
            left = match.end()
    return spans


def sentence_at(spans: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The sentence span holding `offset` (spans from sentence_spans)."""
    index = max(0, bisect.bisect_right(spans, (offset, float("inf"))) - 1)
    return spans[index]


def load_corpus(directory: Path = CORPUS_DIR) -> list[Document]:
    """Every article JSON in the folder (gold annotations and notes are not articles)."""
    documents = []
    for path in sorted(directory.glob("*.json")):
        documents.extend(read_path(path))
    return documents


def mention_rows(documents: list[Document]) -> pd.DataFrame:
    rows = []
    for document in documents:
        result = extract(document.text, document.published, doc_id=document.id)
        spans = sentence_spans(document.text)
        for place in result.places:
            sentence_start, sentence_end = sentence_at(spans, place.start)
            sentence = document.text[sentence_start:max(sentence_end, place.end)]
            rows.append({
                "doc_id": document.id, "title": document.title or document.id,
                "published": document.published, "source": document.source or "",
                "url": document.url or "", "surface": place.surface, "start": place.start,
                "end": place.end, "name": place.name, "country": place.country,
                "lat": place.lat, "lon": place.lon, "kind": place.kind,
                "precision": place.precision, "confidence": place.confidence,
                "source_id": place.source_id, "sentence": sentence,
                "sentence_start": sentence_start})
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["published"] = pd.to_datetime(frame["published"], errors="coerce")
    return frame


def places_summary(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per place: where it is, how often and in how many articles it is named."""
    if mentions.empty:
        return pd.DataFrame(columns=["source_id", "name", "country", "lat", "lon", "kind",
                                     "precision", "mentions", "articles", "first", "last"])
    grouped = mentions.groupby("source_id")
    summary = grouped.agg(name=("name", "first"), country=("country", "first"),
                          lat=("lat", "first"), lon=("lon", "first"), kind=("kind", "first"),
                          precision=("precision", "first"), mentions=("doc_id", "size"),
                          articles=("doc_id", "nunique"), first=("published", "min"),
                          last=("published", "max"))
    return summary.reset_index().sort_values("mentions", ascending=False)
