"""From documents to a table of place mentions with their evidence sentences.

The dashboard and exports read this one table, so the map, the evidence panel and the
counts always agree.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo.documents import Document, read_path
from geo.extract import extract
from geo.text import sentence_at, sentence_spans

CORPUS_DIR = Path(__file__).resolve().parent.parent / "data" / "corpus"
COLUMNS = ["doc_id", "title", "published", "source", "url", "surface", "start", "end", "name",
           "country", "lat", "lon", "kind", "precision", "confidence", "source_id",
           "sentence", "sentence_start"]


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
