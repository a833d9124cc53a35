"""Score the geoparser against gold annotations, the way the field reports it.

Two gold formats are read:
  * the Libya corpus format (../shared/corpus/gold.jsonl): one line per article with
    `places[].spans`, the article text in `<id>.json` beside the gold file. Its convention
    leaves demonyms and continents out, so extraction runs in the default mode.
  * the GeoWebNews/LGL format: one line per document with `text` and `toponyms`. Those
    corpora count demonyms and continents as toponyms, so extraction runs with broad=True.
Spans match when they overlap, one to one. Distances are great-circle kilometres.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from geo.extract import PlaceMention, find_places
from geo.gazetteer import distance_km


@dataclass
class GoldToponym:
    start: int
    end: int
    surface: str
    lat: float | None
    lon: float | None
    country: str | None = None


@dataclass
class GoldDocument:
    id: str
    text: str
    toponyms: list[GoldToponym]
    broad: bool
    published: str | None = None
    events: list[dict] = field(default_factory=list)


def load_gold(path: Path) -> list[GoldDocument]:
    documents = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: not JSON ({error.msg})") from None
            documents.append(_gold_document(path, record))
    return documents


def _gold_document(path: Path, record: dict) -> GoldDocument:
    if "toponyms" in record:
        toponyms = [GoldToponym(t["start"], t["end"], t["name"], t.get("lat"), t.get("lon"))
                    for t in record["toponyms"]]
        return GoldDocument(record["id"], record["text"], toponyms, broad=True)
    article = json.loads((path.parent / f"{record['id']}.json").read_text(encoding="utf-8"))
    toponyms = [GoldToponym(s, e, p["surface"], p["lat"], p["lon"], p["country"])
                for p in record["places"] for s, e in p["spans"]]
    toponyms.sort(key=lambda t: t.start)
    return GoldDocument(record["id"], article["text"], toponyms, broad=False,
                        published=article.get("published"), events=record.get("events", []))


@dataclass
class Scores:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    gold_with_coords: int = 0
    matched_with_coords: int = 0
    within_25: int = 0
    within_161: int = 0
    errors_km: list[float] = field(default_factory=list)
    calibration: list[tuple[float, bool]] = field(default_factory=list)  # confidence, right
    focus_left_focus: int = 0  # gold places in the focus country resolved outside it
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def report(self) -> dict:
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        resolved = self.matched_with_coords or 1
        total = self.gold_with_coords or 1
        return {
            "gold": self.gold, "predicted": self.predicted, "matched": self.matched,
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "acc@25km": round(self.within_25 / resolved, 4),
            "acc@161km": round(self.within_161 / resolved, 4),
            "median_error_km": round(statistics.median(self.errors_km), 1)
            if self.errors_km else None,
            "end_to_end@25km": round(self.within_25 / total, 4),
            "end_to_end@161km": round(self.within_161 / total, 4),
            "focus_places_resolved_abroad": self.focus_left_focus,
            "confidence_ece": expected_calibration_error(self.calibration),
        }


def expected_calibration_error(pairs: list[tuple[float, bool]], bins: int = 10) -> float | None:
    """Mean gap between stated confidence and the share resolved within 161 km, by bin."""
    if not pairs:
        return None
    total, gap = len(pairs), 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        members = [(c, ok) for c, ok in pairs if low <= c < high or (b == bins - 1 and c == 1)]
        if members:
            mean_confidence = sum(c for c, _ in members) / len(members)
            accuracy = sum(ok for _, ok in members) / len(members)
            gap += len(members) / total * abs(mean_confidence - accuracy)
    return round(gap, 4)


def match_spans(gold: list[GoldToponym], predicted: list[PlaceMention]):
    """Pairs of (gold, predicted) whose spans overlap, each used once, in text order."""
    pairs, used = [], set()
    for g in gold:
        for k, p in enumerate(predicted):
            if k not in used and p.start < g.end and g.start < p.end:
                pairs.append((g, p))
                used.add(k)
                break
    return pairs, used


def score_document(document: GoldDocument, scores: Scores, focus: str | None) -> None:
    predicted = find_places(document.text, focus=focus, broad=document.broad)
    pairs, used = match_spans(document.toponyms, predicted)
    matched_gold = {id(g) for g, _ in pairs}
    scores.gold += len(document.toponyms)
    scores.predicted += len(predicted)
    scores.matched += len(pairs)
    scores.gold_with_coords += sum(t.lat is not None for t in document.toponyms)
    for g, p in pairs:
        if g.lat is None:
            continue
        scores.matched_with_coords += 1
        km = distance_km(g.lat, g.lon, p.lat, p.lon)
        scores.errors_km.append(km)
        scores.within_25 += km <= 25
        scores.within_161 += km <= 161
        scores.calibration.append((p.confidence, km <= 161))
        if g.country and focus and g.country == focus and p.country != focus:
            scores.focus_left_focus += 1
        if km > 161:
            scores.wrong.append(f"{document.id}: {g.surface!r} -> {p.name}, {p.country} "
                                f"({km:.0f} km)")
    scores.misses += [f"{document.id}: {g.surface!r} @{g.start}" for g in document.toponyms
                      if id(g) not in matched_gold]
    scores.false_alarms += [f"{document.id}: {p.surface!r} @{p.start} -> {p.name}, "
                            f"{p.country}" for k, p in enumerate(predicted) if k not in used]


def evaluate_places(path: Path, focus: str | None = "LY") -> Scores:
    scores = Scores()
    for document in load_gold(path):
        score_document(document, scores, focus)
    return scores


@dataclass
class EventScores:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    place_and_action: int = 0  # gold events matched ignoring the date
    date_right: int = 0        # ... of which the date is right too
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def report(self) -> dict:
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"gold": self.gold, "predicted": self.predicted, "matched": self.matched,
                "precision": round(precision, 4), "recall": round(recall, 4),
                "f1": round(f1, 4), "dates_right": round(
                    self.date_right / self.place_and_action, 4) if self.place_and_action else 0.0}


def same_date(gold: dict, event: dict) -> bool:
    """Gold gives a day, or null when the text allows none; we give a date and precision."""
    if gold["date"] is None:
        return event["date"] is None or event["date_precision"] != "day"
    return event["date"] == gold["date"] and event["date_precision"] == "day"


def same_place_and_action(gold: dict, event: dict) -> bool:
    return gold["action"] == event["action"] and \
        distance_km(gold["lat"], gold["lon"], event["lat"], event["lon"]) <= 25


def greedy_pairs(gold: list[dict], predicted: list[dict], match) -> list[tuple[dict, dict]]:
    """One-to-one pairs that `match`, closest places first."""
    options = sorted(((distance_km(g["lat"], g["lon"], p["lat"], p["lon"]), i, k)
                      for i, g in enumerate(gold) for k, p in enumerate(predicted)
                      if match(g, p)))
    pairs, used_gold, used_predicted = [], set(), set()
    for _, i, k in options:
        if i not in used_gold and k not in used_predicted:
            pairs.append((gold[i], predicted[k]))
            used_gold.add(i)
            used_predicted.add(k)
    return pairs


def evaluate_events(path: Path, focus: str | None = "LY") -> EventScores:
    """Events against the corpus gold: same date, place within 25 km, same action."""
    from geo.extract import extract

    scores = EventScores()
    for document in load_gold(path):
        if document.broad:
            continue  # GeoWebNews and LGL annotate no events
        predicted = extract(document.text, document.published, focus=focus).events
        full = greedy_pairs(document.events, predicted,
                            lambda g, p: same_place_and_action(g, p) and same_date(g, p))
        hit_gold = {id(g) for g, _ in full}
        hit_pred = {id(p) for _, p in full}
        # Dates are judged on every event found at the right place with the right action:
        # the full matches, plus the leftovers that match but for the date.
        loose = greedy_pairs([g for g in document.events if id(g) not in hit_gold],
                             [p for p in predicted if id(p) not in hit_pred],
                             same_place_and_action)
        scores.gold += len(document.events)
        scores.predicted += len(predicted)
        scores.matched += len(full)
        scores.place_and_action += len(full) + len(loose)
        scores.date_right += len(full)
        scores.misses += [f"{document.id}: {g['date']} {g['action']} {g['place']} | "
                          f"{g['evidence'][:90]}" for g in document.events
                          if id(g) not in hit_gold]
        scores.false_alarms += [f"{document.id}: {p['date']}/{p['date_precision']} "
                                f"{p['action']} {p['place']} | {p['evidence'][:90]}"
                                for p in predicted if id(p) not in hit_pred]
    return scores
