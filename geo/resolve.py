"""Toponym resolution: choose, for each recognised name, the place the document means.

Each candidate gets a score from what is known before reading (population, kind, curated
priority), the focus region, and what the document says: countries it names, places it
names without ambiguity nearby, states and countries that hold a town it clearly names, and
"X, Y" qualifiers. The states and countries settled by a first reading are context for a
second ("Georgia" read as the US state draws Athens to Georgia). One sense per name per
document.
The softmax of the scores is the confidence; the runners-up are the alternatives.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from geo.gazetteer import AREA_KINDS, Entry, Gazetteer, distance_km
from geo.recognize import Mention

KIND_BONUS = {"country": 6.0, "continent": 5.0, "admin1": 1.0, "admin2": 0.5, "region": 1.5,
              "city": 0.5,
              "town": 0.0, "village": -0.5, "facility": 0.0, "landmark": 0.0, "district": -0.5}
FOCUS_BONUS = 3.5          # a candidate inside the focus region (Libya by default)
FOCUS_DOC_BONUS = 2.0      # ... more when the document is about the focus region
COUNTRY_IN_DOC_BONUS = 2.5  # the document names the candidate's country
REGION_IN_DOC_BONUS = 2.0  # ... or the candidate's province or state ("Alexandria" in a
                           # story that names Louisiana)
NEAR_BONUS = 2.5           # the candidate lies near places the document names unambiguously
QUALIFIER_BONUS = 8.0      # "Paris, Texas": the next name contains this candidate
# "Georgia" in a story that names Atlanta: a state or country that contains the likeliest
# sense of another name in the text (and is not named after a town of its own) is meant.
CONTAINS_DOC_BONUS = 8.0
SHARED_REGION_NAMES = 2    # names with a town in one state before it counts as the text's
SETTLED_CONFIDENCE = 0.6   # a state or country chosen this surely is context for a re-read
# "Aleppo", "Raqqa": a province named after its city means the city unless qualified
# ("Aleppo province" is its own name in the gazetteer).
NAMESAKE_REGION_PENALTY = 2.0
SETTLEMENTS = frozenset({"city", "town", "village"})
TOWNS_AND_COUNTIES = SETTLEMENTS | {"admin2"}
TEMPERATURE = 1.2
# How often the top candidate of each kind is right when nothing else competes (measured on
# GeoWebNews, LGL and the Libya gold): a name with one candidate can still be a place the
# gazetteer lacks. Confidence = share of the score x this reliability.
KIND_RELIABILITY = {"city": 0.97, "town": 0.85, "village": 0.65, "admin1": 0.93, "admin2": 0.9,
                    "country": 0.97, "continent": 0.9, "region": 0.9, "district": 0.9,
                    "landmark": 0.97, "facility": 0.97}
FOCUS_RELIABILITY = 0.98
# A name matched by its consonants only (Recognizer.respelled) is less sure to be that
# place; an estimate, as the gold sets hold too few such names to measure it.
RESPELLED_RELIABILITY = 0.8
MAX_CANDIDATES = 60


@dataclass
class Resolution:
    entry: Entry
    confidence: float
    alternatives: list[tuple[Entry, float]]


class Resolver:
    def __init__(self, gazetteer: Gazetteer, focus: str | None = "LY") -> None:
        self.gazetteer = gazetteer
        self.focus = focus

    def prior(self, entry: Entry) -> float:
        return (math.log10(entry.population + 10) + KIND_BONUS.get(entry.kind, 0.0)
                + 2.0 * entry.prior)

    def resolve(self, text: str, mentions: list[Mention],
                peoples: set[str] = frozenset()) -> list[Resolution]:
        """peoples: countries whose people the text names ("Lebanese"), as context."""
        by_key: dict[str, list[Entry]] = {}
        for mention in mentions:
            if mention.key not in by_key:  # one sense per name: its first mention's list
                by_key[mention.key] = sorted(mention.candidates, key=self.prior,
                                             reverse=True)[:MAX_CANDIDATES]
        clear = self.anchors(by_key)
        qualifiers = self.qualifiers(text, mentions, by_key)
        shared = self.shared_region(by_key)
        chosen = self.choose(by_key, clear, peoples, qualifiers, shared)
        # Second reading: states and countries settled by the first ("Georgia", meant as the
        # state because the text names Atlanta) now place the text's other towns.
        settled = {key: found.entry for key, found in chosen.items()
                   if found.entry.kind in ("admin1", "admin2", "country") and
                   found.confidence >= SETTLED_CONFIDENCE}
        if any(clear.get(key) is not entry for key, entry in settled.items()):
            chosen = self.choose(by_key, clear | settled, peoples, qualifiers, shared)
        respelled = {m.key for m in mentions if m.respelled}
        for key in respelled:  # once per name, however often it is mentioned
            found = chosen[key]
            chosen[key] = Resolution(found.entry, found.confidence * RESPELLED_RELIABILITY,
                                     found.alternatives)
        return [chosen[m.key] for m in mentions]

    def choose(self, by_key: dict[str, list[Entry]], clear: dict[str, Entry],
               peoples: set[str], qualifiers: dict[str, list[Entry]],
               shared: tuple[str, str] | None = None) -> dict[str, Resolution]:
        """One reading of the text: each name's sense given the places `clear` settles and
        the state its names share (`shared`)."""
        anchors = list(clear.values())
        # A state, or a county ("Edgar County"), names its country and state too.
        countries = {e.country for e in anchors if e.kind in ("country", "admin1", "admin2")
                     } | peoples
        regions = {(e.country, e.admin1) for e in anchors if e.kind in ("admin1", "admin2")}
        if shared is not None:
            regions.add(shared)
        focus_share = (sum(e.country == self.focus for e in anchors) / len(anchors)
                       if anchors else 0.0)
        focus_bonus = FOCUS_BONUS + FOCUS_DOC_BONUS * focus_share
        chosen: dict[str, Resolution] = {}
        for key, candidates in by_key.items():
            capitals = {(c.country, c.admin1) for c in candidates if c.kind in SETTLEMENTS}
            scores = [self.score(c, anchors, countries, regions, focus_bonus, qualifiers.get(key))
                      - (NAMESAKE_REGION_PENALTY if c.kind == "admin1" and
                         (c.country, c.admin1) in capitals else 0.0)
                      + (CONTAINS_DOC_BONUS if len(candidates) > 1 and
                         c.kind in ("admin1", "country") and
                         (c.country, c.admin1) not in capitals and
                         self.contains_another(c, key, clear) else 0.0)
                      for c in candidates]
            chosen[key] = self.decide(candidates, scores)
        return chosen

    def shared_region(self, by_key: dict[str, list[Entry]]) -> tuple[str, str] | None:
        """The state that holds a town or county of more of the text's names than any other
        state, when it also holds the likeliest sense of one of them: "Columbus", "Dublin"
        and "Franklin County" are all in Ohio. None when that is fewer than
        SHARED_REGION_NAMES names or two states tie."""
        coverage: dict[tuple[str, str], int] = {}
        for candidates in by_key.values():
            for region in {(c.country, c.admin1) for c in candidates
                           if c.kind in TOWNS_AND_COUNTIES and c.admin1}:
                coverage[region] = coverage.get(region, 0) + 1
        likeliest = {(c[0].country, c[0].admin1) for c in by_key.values() if c}
        most = max(coverage.values(), default=0)
        best = [region for region, count in coverage.items()
                if count == most and region in likeliest]
        return best[0] if most >= SHARED_REGION_NAMES and len(best) == 1 else None

    def anchors(self, by_key: dict[str, list[Entry]]) -> dict[str, Entry]:
        """Places the document names with one clear sense, by name: context for the others."""
        anchors = {}
        for key, candidates in by_key.items():
            if len(candidates) == 1 or \
                    self.prior(candidates[0]) - self.prior(candidates[1]) >= 2.0:
                anchors[key] = candidates[0]
        return anchors

    def qualifiers(self, text: str, mentions: list[Mention],
                   by_key: dict[str, list[Entry]]) -> dict[str, list[Entry]]:
        """"Sirte, Libya" / "Paris, Texas": the containing place named right after; "the
        Lebanese city of Tripoli": the country of the people named before."""
        result: dict[str, list[Entry]] = {m.key: [m.qualifier] for m in mentions
                                          if m.qualifier is not None}
        for mention, nxt in zip(mentions, mentions[1:], strict=False):
            gap = text[mention.end:nxt.start]
            if gap.strip() == "," and len(gap) <= 3:
                containers = [c for c in by_key[nxt.key] if c.kind in ("country", "admin1")]
                if containers:
                    result.setdefault(mention.key, containers)
        return result

    def score(self, entry: Entry, anchors: list[Entry], countries: set[str],
              regions: set[tuple[str, str]], focus_bonus: float,
              containers: list[Entry] | None) -> float:
        score = self.prior(entry)
        if self.focus and entry.country == self.focus and entry.kind not in ("country",):
            score += focus_bonus
        if entry.country in countries and entry.kind != "country":
            score += COUNTRY_IN_DOC_BONUS
        if (entry.country, entry.admin1) in regions and entry.kind not in AREA_KINDS:
            score += REGION_IN_DOC_BONUS
        near = [a for a in anchors if a is not entry and a.kind not in ("country", "continent")]
        if near and entry.kind not in ("country", "continent"):
            closest = min(distance_km(entry.lat, entry.lon, a.lat, a.lon) for a in near)
            score += NEAR_BONUS * max(0.0, 1.0 - closest / 800.0)
        if containers and any(self.contains(c, entry) for c in containers):
            score += QUALIFIER_BONUS
        return score

    def contains_another(self, area: Entry, key: str, clear: dict[str, Entry]) -> bool:
        """Does `area` contain a town or county another name of the text clearly means?"""
        return any(other != key and entry.kind in TOWNS_AND_COUNTIES and self.contains(area, entry)
                   for other, entry in clear.items())

    @staticmethod
    def contains(container: Entry, entry: Entry) -> bool:
        if container.kind == "country":
            return entry.country == container.country and entry is not container
        return entry.country == container.country and entry.admin1 == container.admin1 \
            and entry is not container

    def reliability(self, entry: Entry) -> float:
        """How often such a choice is right; the focus region's gazetteer is near complete."""
        kind = KIND_RELIABILITY.get(entry.kind, 0.9)
        return max(kind, FOCUS_RELIABILITY) if entry.country == self.focus else kind

    def decide(self, candidates: list[Entry], scores: list[float]) -> Resolution:
        order = sorted(range(len(candidates)), key=lambda k: scores[k], reverse=True)
        top = scores[order[0]]
        weights = [math.exp((scores[k] - top) / TEMPERATURE) for k in order]
        total = sum(weights)
        ranked = [(candidates[k], w / total * self.reliability(candidates[k]))
                  for k, w in zip(order, weights, strict=True)]
        return Resolution(ranked[0][0], ranked[0][1], ranked[1:4])
