"""Who holds what on a date: place states, areas of control and front lines from events.

A place's controller is read from its dated events up to the "as of" date: a capture
gives the place to its actor; a retreat takes it from the one who leaves; strikes or
attacks on a defender show that the defender is there. Fighting reported inside a place
in the last weeks makes it contested. Evidence ages: confidence halves every
HALF_LIFE_DAYS and after MAX_AGE_DAYS a state is no longer known. Analyst corrections win.

Areas are Voronoi cells around places with a known controller, clipped to Libya and to
a radius around each place (the empty desert is not painted), dissolved by faction.
Front lines are the borders between areas of different factions.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import shapely
from shapely.geometry import MultiPoint, Point, mapping, shape
from shapely.ops import unary_union

BOUNDARY_FILE = Path(__file__).resolve().parent.parent / "data" / "boundaries" / "libya.geojson"
CONTESTED_DAYS = 21      # fighting this recent makes a place contested
FRESH_CAPTURE_DAYS = 7   # a capture this recent is still being fought over
HALF_LIFE_DAYS = 90      # confidence halves this often without new evidence
MAX_AGE_DAYS = 365       # older than this, a state is no longer known
CELL_RADIUS_KM = 80      # an area reaches at most this far from its place
FIGHTING = frozenset({"clash", "attack", "advance"})
# Actions on a named defender that show the defender is there.
PRESENCE = frozenset({"airstrike", "attack"})
CONTESTED = "contested"
EDGE_TOLERANCE = 1e-6    # degrees: two areas closer than this share a border


@dataclass
class PlaceState:
    source_id: str
    name: str
    lat: float
    lon: float
    faction: str | None
    contested: bool
    confidence: float
    since: date | None            # the evidence the controller rests on
    last_evidence: date | None
    evidence: list[int] = field(default_factory=list)
    sources: int = 0              # independent sources behind the controller
    corrected: bool = False
    note: str = ""


@dataclass
class Evidence:
    id: int
    date: date
    action: str
    actor: str | None
    target: str | None
    claim: bool
    source: str


class ControlModel:
    """Events grouped by place once; states for any date are then cheap to compute."""

    def __init__(self, events: list[dict], corrections: list[dict] | None = None) -> None:
        self.places: dict[str, dict] = {}
        self.timeline: dict[str, list[Evidence]] = defaultdict(list)
        for event in events:
            day = _as_date_or_none(event.get("date"))
            if day is None or event.get("date_precision") not in ("day", "week"):
                continue  # "last year", "in May": too vague to move a front line
            if event.get("country") not in (None, "", "LY") or event.get("kind") in (
                    "country", "region", "admin1"):
                continue  # control is mapped inside Libya, town by town
            sid, name = town_of(event["source_id"], event["place"])
            self.places.setdefault(sid, {"name": name, "lat": event["lat"],
                                         "lon": event["lon"]})
            self.timeline[sid].append(Evidence(
                int(event["id"]), day, event["action"], _text(event.get("actor")),
                _text(event.get("target")), bool(event.get("claim")),
                str(event.get("source") or event.get("url") or event.get("article_id"))))
        for items in self.timeline.values():
            items.sort(key=lambda e: (e.date, e.id))
        self.corrections: dict[str, list[dict]] = defaultdict(list)
        for correction in corrections or []:
            self.corrections[correction["source_id"]].append(correction)
        for items in self.corrections.values():
            items.sort(key=lambda c: c["from_date"])
        self._states_by_date: dict[date, list[PlaceState]] = {}
        self._geometry_by_date: dict[date, tuple[dict, list]] = {}

    def state(self, source_id: str, as_of: date) -> PlaceState:
        info = self.places.get(source_id, {"name": source_id, "lat": 0.0, "lon": 0.0})
        state = PlaceState(source_id, info["name"], info["lat"], info["lon"], None, False,
                           0.0, None, None)
        holder, since, support, used = None, None, set(), []
        for item in self.timeline.get(source_id, []):
            if item.date > as_of:
                break
            if as_of - item.date > timedelta(days=MAX_AGE_DAYS):
                continue
            state.last_evidence = item.date
            if item.action == "capture" and item.actor:
                if item.actor != holder:
                    holder, since, support, used = item.actor, item.date, set(), []
                    if as_of - item.date <= timedelta(days=FRESH_CAPTURE_DAYS):
                        state.contested = True  # a town just taken is still fought over
                support.add(item.source)
                used.append(item.id)
            elif item.action == "retreat" and item.actor and item.actor == holder:
                holder, since, support, used = item.target, item.date, {item.source}, [item.id]
            elif item.action in PRESENCE and item.target and holder is None:
                holder, since, support, used = item.target, item.date, {item.source}, [item.id]
            elif item.action in PRESENCE and item.target == holder:
                support.add(item.source)
                used.append(item.id)
            if item.action in FIGHTING and as_of - item.date <= timedelta(days=CONTESTED_DAYS):
                state.contested = True
                used.append(item.id)
        state.faction, state.since, state.sources = holder, since, len(support)
        state.evidence = sorted(set(used))
        if holder is not None and since is not None:
            base = {1: 0.5, 2: 0.7}.get(len(support), 0.85)
            age = (as_of - since).days
            state.confidence = round(base * math.pow(0.5, age / HALF_LIFE_DAYS), 3)
        self._apply_correction(state, as_of)
        return state

    def geometry(self, as_of: date) -> tuple[dict, list]:
        """Areas by faction and the front lines between them on `as_of`, memoised like the
        states they are drawn from."""
        if as_of not in self._geometry_by_date:
            area_map = areas(self.states(as_of))
            self._geometry_by_date[as_of] = (area_map, front_lines(area_map))
        return self._geometry_by_date[as_of]

    def _apply_correction(self, state: PlaceState, as_of: date) -> None:
        current = [c for c in self.corrections.get(state.source_id, [])
                   if _as_date(c["from_date"]) <= as_of]
        if current:
            latest = current[-1]
            state.faction, state.contested = latest["faction"], bool(latest["contested"])
            state.confidence, state.corrected = 1.0, True
            state.since, state.note = _as_date(latest["from_date"]), latest.get("note") or ""

    def states(self, as_of: date, place_info: dict[str, dict] | None = None) -> list[PlaceState]:
        """Every place with evidence or a correction up to `as_of` (unknown ones left out).

        Memoised per date: the model is rebuilt whenever events or corrections change, and a
        dashboard rerun after a filter change asks for the same date again."""
        if place_info is None and as_of in self._states_by_date:
            return list(self._states_by_date[as_of])
        for sid, info in (place_info or {}).items():
            self.places.setdefault(sid, info)
        found = []
        for sid in sorted(set(self.timeline) | set(self.corrections)):
            state = self.state(sid, as_of)
            if state.faction is not None or state.contested:
                found.append(state)
        self._states_by_date[as_of] = found
        return list(found)


def town_of(source_id: str, name: str) -> tuple[str, str]:
    """A landmark or district that takes its town's point counts as that town."""
    from geo.gazetteer import default_gazetteer

    gazetteer = default_gazetteer()
    entry = gazetteer.by_gid(source_id)
    if entry is not None and entry.borrows_parent_point:
        parent = gazetteer.parent(entry)
        return parent.gid, parent.name
    return source_id, name


def _text(value) -> str | None:
    """A string field from a store row or a pandas record (where missing is NaN)."""
    return value if isinstance(value, str) and value else None


def _as_date_or_none(value) -> date | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        return _as_date(value)
    except (TypeError, ValueError):
        return None


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


@lru_cache(maxsize=1)
def libya_shape():
    data = json.loads(BOUNDARY_FILE.read_text(encoding="utf-8"))
    return unary_union([shape(f["geometry"]) for f in data["features"]])


def km_to_degrees(km: float, lat: float) -> tuple[float, float]:
    return km / 111.0, km / (111.0 * max(0.2, math.cos(math.radians(lat))))


def areas(states: list[PlaceState]) -> dict[str, object]:
    """Faction -> dissolved area (contested places form their own 'contested' area).

    Vectorised: every cell is cut to its place's reach in one call, cells are dissolved per
    faction, and only the few dissolved areas are clipped to the (detailed) border.
    """
    held = [s for s in states if s.faction or s.contested]
    if not held:
        return {}
    border = libya_shape()
    frame = border.envelope.buffer(2.0)
    # One cell per distinct point, in input order; places sharing a point share a cell.
    unique = list(dict.fromkeys((s.lon, s.lat) for s in held))
    if len(unique) == 1:
        cells = [frame]
    else:
        cells = list(shapely.voronoi_polygons(MultiPoint(unique), ordered=True,
                                              extend_to=frame).geoms)
    reaches = [reach_of(lon, lat) for lon, lat in unique]
    clipped = dict(zip(unique, shapely.intersection(cells, reaches), strict=True))
    by_faction: dict[str, list] = defaultdict(list)
    for state in held:
        key = CONTESTED if state.contested else state.faction
        by_faction[key].append(clipped[(state.lon, state.lat)])
    result = {}
    for faction, parts in by_faction.items():
        area = unary_union(parts).intersection(border)
        if not area.is_empty:
            result[faction] = area
    return result


def reach_of(lon: float, lat: float):
    """An ellipse of CELL_RADIUS_KM around a point (degrees shrink with latitude)."""
    dlat, dlon = km_to_degrees(CELL_RADIUS_KM, lat)
    circle = _unit_circle()
    return shapely.transform(circle, lambda xy: xy * (dlon, dlat) + (lon, lat))


@lru_cache(maxsize=1)
def _unit_circle():
    return Point(0.0, 0.0).buffer(1.0, quad_segs=6)


def front_lines(area_by_faction: dict[str, object]) -> list[tuple[str, str, object]]:
    """(faction, faction, line) for every border between two factions' areas."""
    lines = []
    keys = sorted(area_by_faction)
    for i, first in enumerate(keys):
        for second in keys[i + 1:]:
            # The edge two areas share, found robustly: one's outline inside the other's
            # outline widened by a hair (clipping leaves the two edges a few ulps apart).
            shared = area_by_faction[first].boundary.intersection(
                area_by_faction[second].buffer(EDGE_TOLERANCE))
            linear = [g for g in getattr(shared, "geoms", [shared])
                      if g.geom_type in ("LineString", "MultiLineString") and not g.is_empty
                      and g.length > EDGE_TOLERANCE * 10]
            if linear:
                lines.append((first, second, unary_union(linear)))
    return lines


def movements(events: list[dict], as_of: date, window_days: int = 30) -> list[dict]:
    """Advances with a known origin in the window before `as_of` (arrows on the map)."""
    found = []
    for event in events:
        day = _as_date_or_none(event.get("date"))
        if day is None or not _text(event.get("origin_source_id")):
            continue
        if timedelta(0) <= as_of - day <= timedelta(days=window_days):
            found.append(event)
    return found


def feature_collection(model: ControlModel, as_of: date, events: list[dict],
                       states: list[PlaceState] | None = None) -> dict:
    """Place states, areas, front lines and advances as one GeoJSON FeatureCollection
    (`states`: model.states(as_of), when the caller has them already)."""
    states = model.states(as_of) if states is None else states
    area_map, fronts = model.geometry(as_of)
    features = []
    for state in states:
        features.append({"type": "Feature", "geometry": mapping(Point(state.lon, state.lat)),
                         "properties": {"kind": "place", "source_id": state.source_id,
                                        "name": state.name, "faction": state.faction,
                                        "contested": state.contested,
                                        "confidence": state.confidence,
                                        "since": state.since.isoformat() if state.since else None,
                                        "sources": state.sources, "corrected": state.corrected,
                                        "note": state.note, "evidence": state.evidence}})
    for faction, area in sorted(area_map.items()):
        members = [s for s in states if (CONTESTED if s.contested else s.faction) == faction]
        features.append({"type": "Feature", "geometry": mapping(area),
                         "properties": {"kind": "area", "faction": faction,
                                        "contested": faction == CONTESTED,
                                        "confidence": round(max(s.confidence for s in members),
                                                            3),
                                        "evidence": sorted({i for s in members
                                                            for i in s.evidence})}})
    for first, second, line in fronts:
        features.append({"type": "Feature", "geometry": mapping(line),
                         "properties": {"kind": "frontline", "faction": first,
                                        "other_faction": second,
                                        "contested": CONTESTED in (first, second),
                                        "confidence": None, "evidence": []}})
    for event in movements(events, as_of):
        features.append({"type": "Feature", "geometry": {
            "type": "LineString", "coordinates": [[event["origin_lon"], event["origin_lat"]],
                                                  [event["lon"], event["lat"]]]},
            "properties": {"kind": "advance", "faction": _text(event.get("actor")),
                           "contested": False, "confidence": None,
                           "from": event["origin"], "to": event["place"],
                           "date": _as_date(event["date"]).isoformat(),
                           "evidence": [int(event["id"])]}})
    return {"type": "FeatureCollection", "as_of": as_of.isoformat(), "features": features}
