"""From stored mentions to a table of place mentions with their evidence sentences.

The dashboard and exports read this one table, so the map, the evidence panel and the
counts always agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from geo.documents import Document, read_path
from geo.text import sentence_at, sentence_spans

CORPUS_DIR = Path(__file__).resolve().parent.parent / "data" / "corpus"
COLUMNS = ["doc_id", "title", "published", "source", "url", "surface", "start", "end", "name",
           "country", "lat", "lon", "kind", "precision", "confidence", "source_id",
           "alternatives", "sentence", "sentence_start"]


def load_corpus(directory: Path = CORPUS_DIR) -> list[Document]:
    """Every article JSON in the folder (gold annotations and notes are not articles)."""
    documents = []
    for path in sorted(directory.glob("*.json")):
        documents.extend(read_path(path))
    return documents


def mentions_frame(rows: Iterable[dict]) -> pd.DataFrame:
    """Store mention rows (with their article's text) as a table with evidence sentences.

    Sentences are found once per article, not once per mention.
    """
    records, spans_of = [], {}
    for row in rows:
        text = row["text"]
        if row["article_id"] not in spans_of:
            spans_of = {row["article_id"]: sentence_spans(text)}
        sentence_start, sentence_end = sentence_at(spans_of[row["article_id"]], row["start"])
        records.append({
            "doc_id": row["article_id"], "title": row["title"] or "", "published":
            row["published"], "source": row["source"] or "", "url": row["url"] or "",
            "surface": row["surface"], "start": row["start"], "end": row["end"],
            "name": row["name"], "country": row["country"], "lat": row["lat"],
            "lon": row["lon"], "kind": row["kind"], "precision": row["precision"],
            "confidence": row["confidence"], "source_id": row["source_id"],
            "alternatives": row.get("alternatives") or "[]",
            "sentence": text[sentence_start:max(sentence_end, row["end"])],
            "sentence_start": sentence_start})
    frame = pd.DataFrame(records, columns=COLUMNS)
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
