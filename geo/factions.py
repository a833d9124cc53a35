"""The faction lexicon (data/factions.yaml): who is named in a sentence, and their colours.

Aliases match as whole words, longest first; all-capital aliases ("IS", "GNA") match only
in capitals, so "is" is never Islamic State. When an alias belongs to several factions
("government forces" is Gaddafi's in 2011 and the GNA's in 2016) the article's year decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FACTIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "factions.yaml"
UNKNOWN_COLOUR = "#9e9e9e"


@dataclass(frozen=True)
class Faction:
    id: str
    name: str
    colour: str
    first_year: int
    last_year: int
    side: str
    parent: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class FactionMention:
    start: int
    end: int
    faction: str


class FactionLexicon:
    def __init__(self, factions: dict[str, Faction]) -> None:
        self.factions = factions
        owners: dict[str, list[str]] = {}
        for faction in factions.values():
            for alias in faction.aliases:
                owners.setdefault(alias, []).append(faction.id)
        self.owners = owners
        ordered = sorted(owners, key=len, reverse=True)
        folded = [re.escape(a) for a in ordered if not a.isupper()]
        capitals = [re.escape(a) for a in ordered if a.isupper()]
        parts = []
        if folded:
            parts.append(r"(?i:" + "|".join(folded) + ")")
        if capitals:
            parts.append("|".join(capitals))
        # Not inside a longer word or compound, except "pro-Haftar": the same side.
        self.pattern = re.compile(r"(?:(?<![\w-])|(?<=\b[Pp]ro-))(?:" + "|".join(parts)
                                  + r")(?!\w)")
        self.by_lower = {a.lower(): a for a in owners if not a.isupper()}

    def find(self, text: str, year: int | None = None) -> list[FactionMention]:
        found: list[FactionMention] = []
        for match in self.pattern.finditer(text):
            alias = match.group()
            if alias[0].islower() and found and text[found[-1].end:match.start()] == " ":
                continue  # "the Libya Dawn coalition": the noun of the name before it
            alias = alias if alias in self.owners else self.by_lower.get(alias.lower(), alias)
            faction = self.choose(self.owners.get(alias, []), year)
            if faction:
                found.append(FactionMention(match.start(), match.end(), faction))
        return found

    def choose(self, candidates: list[str], year: int | None) -> str | None:
        if not candidates:
            return None
        if year is None:
            return candidates[0]
        active = [c for c in candidates
                  if self.factions[c].first_year <= year <= self.factions[c].last_year]
        return active[0] if active else None  # "Gadhafi" in 2016 is history, not a side

    def colour(self, faction: str | None) -> str:
        return self.factions[faction].colour if faction in self.factions else UNKNOWN_COLOUR


def parse_factions(data: object, source: str = "factions file") -> dict[str, Faction]:
    """Validate the YAML structure; errors name the faction and the field."""
    if not isinstance(data, dict) or not isinstance(data.get("factions"), dict):
        raise ValueError(f"{source}: expected a top-level 'factions:' mapping")
    factions = {}
    for key, item in data["factions"].items():
        if not isinstance(item, dict) or not item.get("aliases"):
            raise ValueError(f"{source}: faction {key!r} needs a mapping with 'aliases'")
        years = item.get("years") or [1900, 2100]
        factions[key] = Faction(str(key), str(item.get("name", key)),
                                str(item.get("colour", UNKNOWN_COLOUR)), int(years[0]),
                                int(years[-1]), str(item.get("side", "other")),
                                item.get("parent"), tuple(str(a) for a in item["aliases"]))
    return factions


@lru_cache(maxsize=4)
def load_lexicon(path: Path = FACTIONS_FILE) -> FactionLexicon:
    import yaml

    with open(path, encoding="utf-8") as handle:
        return FactionLexicon(parse_factions(yaml.safe_load(handle), str(path)))
