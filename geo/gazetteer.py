"""The offline gazetteer: folded name -> candidate places, loaded once and lazily.

The files in data/gazetteer are built by scripts/build_gazetteer.py. Start-up only splits
lines: a row is parsed into an Entry the first time a lookup needs it, so loading stays
well under a second and untouched places cost a string each.
"""

from __future__ import annotations

import gzip
import math
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.text import APOSTROPHES, consonant_skeleton, fold, is_arabic, strip_article

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"

# Kinds whose point is the place itself; the others are areas or stand-ins.
SETTLEMENT_KINDS = frozenset({"city", "town", "village"})
AREA_KINDS = frozenset({"country", "continent", "admin1", "region"})
# The generic words that make a second-level division's name its own ("Madison County"):
# the build keeps such divisions, and recognition never reads them as a person's name.
ADMIN2_WORDS = frozenset({"County", "Parish", "Borough", "District"})


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place."""

    row: int
    gid: str
    name: str
    country: str
    admin1: str
    lat: float
    lon: float
    kind: str
    population: int
    parent_row: int | None
    prior: int

    borrows_parent_point: bool = False

    @property
    def precision(self) -> str:
        """exact / city / district / country: how far the point may be from the thing."""
        if self.kind in ("country", "continent"):
            return "country"
        if self.kind in ("admin1", "admin2", "region"):
            return "district"
        if self.kind in ("landmark", "district", "facility"):
            return "city" if self.borrows_parent_point else "exact"
        return "city"


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


# Letters of scholarly Arabic and Persian transliteration ("Al Fallūjah", "Ḩalab"): news
# writes these names without them. Other accents (Zürich, São Paulo, Kraków) are kept.
MARK_APOSTROPHES = frozenset(APOSTROPHES) - {"'"}  # ayn and hamza signs; a plain ' stays
TRANSLITERATION_MARKS = frozenset("āēīōūĀĒĪŌŪḩḥḤḨşṣŞṢţṭŢṬẓẒḍḌ‘’ʿʾ")


def plain_latin(name: str) -> str:
    """A Libyan name as news spells it: GeoNames' scholarly marks dropped ("Tājūrā’" ->
    "Tajura", "Al Aşābi‘ah" -> "Al Asabiah"); names in Arabic script are left alone."""
    if name.isascii() or is_arabic(name):
        return name
    letters = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in letters
                   if not unicodedata.combining(ch) and ch not in MARK_APOSTROPHES)


class Gazetteer:
    """Name index over the shipped places, plus places a user adds at run time."""

    def __init__(self, directory: Path = DATA_DIR) -> None:
        self.directory = directory
        with gzip.open(directory / "places.tsv.gz", "rt", encoding="utf-8") as handle:
            self._rows = handle.read().split("\n")[1:]
        if self._rows and not self._rows[-1]:
            self._rows.pop()
        with gzip.open(directory / "names.tsv.gz", "rt", encoding="utf-8") as handle:
            # key<TAB>rows per line: one split over the whole text, not one per line
            # (0.05 s instead of 0.3 s for 295,000 names).
            cells = handle.read().rstrip("\n").replace("\t", "\n").split("\n")
        self._names: dict[str, str | tuple[int, ...]] = dict(zip(cells[::2], cells[1::2],
                                                                 strict=True))
        self._entries: dict[int, Entry] = {}
        self._skeletons: dict[str, str] | None = None
        self._abbreviations: dict[str, Entry] | None = None
        self._demonyms: dict[str, int] | None = None
        self._demonym_first_words: frozenset[str] | None = None
        self._prefixes: set[str] | None = None
        self._first_words: set[str] | None = None
        self._gid_rows: dict[str, int] | None = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._rows)

    def entry(self, row: int) -> Entry:
        entry = self._entries.get(row)
        if entry is None:
            f = self._rows[row].split("\t")
            parent = int(f[8]) if f[8] else None
            borrows = False
            if parent is not None:
                up = self._rows[parent].split("\t")
                borrows = (up[4], up[5]) == (f[4], f[5])
            name = plain_latin(f[1]) if f[2] == "LY" or \
                any(ch in TRANSLITERATION_MARKS for ch in f[1]) else f[1]
            entry = Entry(row, f[0], name, f[2], f[3], float(f[4]), float(f[5]), f[6],
                          int(f[7] or 0), parent, int(f[9] or 0), borrows)
            self._entries[row] = entry
        return entry

    def rows_for_key(self, key: str) -> tuple[int, ...]:
        value = self._names.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = tuple(int(v) for v in value.split())
            self._names[key] = value
        return value

    def has_key(self, key: str) -> bool:
        return key in self._names

    def _build_prefixes(self) -> None:
        with self._lock:
            prefixes, first_words = set(), set()
            for name in self._names:
                position = name.find(" ")
                first_words.add(name if position < 0 else name[:position])
                while position > 0:
                    prefixes.add(name[:position])
                    position = name.find(" ", position + 1)
            self._first_words = first_words
            self._prefixes = prefixes

    def continues(self, key: str) -> bool:
        """Whether some multi-word name starts with `key` + " " (so a longer match may follow)."""
        if self._prefixes is None:
            self._build_prefixes()
        return key in self._prefixes

    def first_words(self) -> set[str]:
        """The first word of every name (folded): a word not here opens no name."""
        if self._first_words is None:
            self._build_prefixes()
        return self._first_words

    def lookup(self, name: str) -> list[Entry]:
        """Every place called `name` (folded; a leading Arabic article is optional)."""
        key = fold(name)
        rows = list(self.rows_for_key(key))
        bare = strip_article(key)
        if bare != key:
            rows += [r for r in self.rows_for_key(bare) if r not in rows]
        return [self.entry(r) for r in rows]

    def respellings(self, name: str) -> list[Entry]:
        """Libyan places whose name has the consonant skeleton of `name` (geo.text): the
        same town spelt with other vowels ("Tawergha" for GeoNames' "Tawurgha")."""
        if self._skeletons is None:
            with self._lock, gzip.open(self.directory / "skeletons.tsv.gz", "rt",
                                       encoding="utf-8") as handle:
                self._skeletons = dict(line.split("\t", 1)
                                       for line in handle.read().splitlines())
        rows = self._skeletons.get(consonant_skeleton(fold(name)))
        return [self.entry(int(r)) for r in rows.split()] if rows else []

    def state_abbreviation(self, text: str) -> Entry | None:
        """The state a U.S. abbreviation names ("W.Va.", "Calif.", "OH"), from the curated
        state_abbreviations.tsv; None for anything else."""
        if self._abbreviations is None:
            table: dict[str, Entry] = {}
            lines = (self.directory / "state_abbreviations.tsv").read_text(
                encoding="utf-8").splitlines()
            for line in lines:
                if line.startswith("#") or line.startswith("abbreviation\t"):
                    continue  # comments and the header
                abbreviation, state, country = line.split("\t")
                entry = next((e for e in self.lookup(state)
                              if e.kind == "admin1" and e.country == country), None)
                if entry is not None:
                    table[abbreviation] = entry
            self._abbreviations = table
        return self._abbreviations.get(text)

    def by_gid(self, gid: str) -> Entry | None:
        """The entry with this id ("gn:2210554", "cur:pentagon"), or None."""
        if self._gid_rows is None:
            with self._lock:
                self._gid_rows = {line[:line.index("\t")]: row
                                  for row, line in enumerate(self._rows)}
        row = self._gid_rows.get(gid)
        return self.entry(row) if row is not None else None

    def parent(self, entry: Entry) -> Entry | None:
        return self.entry(entry.parent_row) if entry.parent_row is not None else None

    def demonym_country(self, word: str, plural: bool = False) -> Entry | None:
        """The country a demonym names ("Libyan" -> Libya), or None; with `plural`, also
        its people ("Russians" -> Russia): context, though a people is not a place."""
        table = self.demonym_table()
        key = fold(word)
        row = table.get(key)
        if row is None and plural and key.endswith("s"):  # "Russians", "Iraqis"
            row = table.get(key[:-1])
        return self.entry(row) if row is not None else None

    def demonym_table(self) -> dict[str, int]:
        """Folded demonym -> its country's row, read from the rows once."""
        if self._demonyms is None:
            with self._lock:
                table: dict[str, int] = {}
                people: dict[str, int] = {}
                for row, line in enumerate(self._rows):
                    if not line.endswith("\t"):
                        population = int(line.split("\t")[7] or 0)
                        for demonym in line.rsplit("\t", 1)[1].split("|"):
                            # "American": the United States, not the Northern Mariana Islands
                            # (both list it): the most populous country that uses it.
                            if population > people.get(demonym, -1):
                                table[demonym], people[demonym] = row, population
                self._demonyms = table
        return self._demonyms

    def demonym_first_words(self) -> frozenset[str]:
        """First words of the demonyms of more than one word ("sri" of "Sri Lankan")."""
        if self._demonym_first_words is None:
            self._demonym_first_words = frozenset(
                key.split(" ", 1)[0] for key in self.demonym_table() if " " in key)
        return self._demonym_first_words

    def add_user_place(self, entry_fields: dict, names: list[str]) -> Entry:
        """Join a user-supplied place to the index; it wins over shipped places of the same
        name (a high prior). Adding the same gid again replaces it."""
        existing = self.by_gid(entry_fields["gid"])
        with self._lock:
            row = existing.row if existing is not None else len(self._rows)
            parent = entry_fields.get("parent_row")
            line = "\t".join(str(v) for v in (
                entry_fields["gid"], entry_fields["name"], entry_fields.get("country", ""),
                entry_fields.get("admin1", ""), entry_fields["lat"], entry_fields["lon"],
                entry_fields.get("kind", "village"), entry_fields.get("population", 0),
                "" if parent is None else parent, entry_fields.get("prior", 5), ""))
            if existing is None:
                self._rows.append(line)
            else:
                self._rows[row] = line
            if self._gid_rows is not None:
                self._gid_rows[entry_fields["gid"]] = row
            for key in {fold(n) for n in names if n.strip()}:
                current = self.rows_for_key(key)
                self._names[key] = (row,) + tuple(r for r in current if r != row)
            self._entries.pop(row, None)
            return self.entry(row)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded on first use and shared by the whole process."""
    return Gazetteer()


def apply_user_places(rows: list[dict], gazetteer: Gazetteer | None = None) -> int:
    """Join the store's user places (geo.store.user_places rows) to the gazetteer."""
    gazetteer = gazetteer or default_gazetteer()
    for row in rows:
        names = [row["name"]] + [n for n in (row.get("alternate_names") or "").split("|") if n]
        gazetteer.add_user_place({"gid": row["gid"], "name": row["name"],
                                  "country": row.get("country") or "", "lat": row["lat"],
                                  "lon": row["lon"], "kind": row.get("kind") or "village"},
                                 names)
    return len(rows)
