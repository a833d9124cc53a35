"""What the dashboard shows for a view: the filters, the rows they keep, and the link.

Pure functions over pandas tables, so the page logic is tested without Streamlit and a
view can be rebuilt from its URL (query parameters) alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from geo.control import CONTESTED, ControlModel, PlaceState, feature_collection
from geo.factions import UNKNOWN_COLOUR, load_lexicon
from geo.mentions import places_summary

ACTIONS = ["capture", "advance", "retreat", "airstrike", "clash", "attack", "casualties",
           "other"]
LIST_SEPARATOR = ","


@dataclass
class View:
    start: date
    end: date
    as_of: date
    factions: list[str] = field(default_factory=list)   # empty: all
    actions: list[str] = field(default_factory=list)    # empty: all
    sources: list[str] = field(default_factory=list)    # empty: all
    query: str = ""
    libya_only: bool = True
    place: str | None = None

    def to_params(self) -> dict[str, str]:
        """The view as query parameters (empty lists and defaults left out)."""
        params = {"from": self.start.isoformat(), "to": self.end.isoformat(),
                  "asof": self.as_of.isoformat()}
        for key, values in (("factions", self.factions), ("actions", self.actions),
                            ("sources", self.sources)):
            if values:
                params[key] = LIST_SEPARATOR.join(values)
        if self.query:
            params["q"] = self.query
        if not self.libya_only:
            params["ly"] = "0"
        if self.place:
            params["place"] = self.place
        return params


def _day(value: str | None, default: date, lowest: date, highest: date) -> date:
    """A date from a link, clamped to the data; a malformed one falls back to the default."""
    parsed = pd.to_datetime(value or "", errors="coerce")
    if pd.isna(parsed):
        return default
    return min(max(parsed.date(), lowest), highest)


def view_from_params(params: dict, lowest: date, highest: date) -> View:
    start = _day(params.get("from"), lowest, lowest, highest)
    end = max(_day(params.get("to"), highest, lowest, highest), start)
    as_of = _day(params.get("asof"), end, lowest, highest)

    def items(key: str, allowed: list[str] | None = None) -> list[str]:
        values = [v for v in (params.get(key) or "").split(LIST_SEPARATOR) if v]
        return [v for v in values if allowed is None or v in allowed]

    return View(start, end, as_of, items("factions", list(load_lexicon().factions)),
                items("actions", ACTIONS), items("sources"), params.get("q", "") or "",
                params.get("ly", "1") != "0", params.get("place") or None)


def _start_of(day: date, plus_days: int = 0) -> pd.Timestamp:
    """Midnight of `day` (+ days), for comparing datetime columns without per-row dates."""
    return pd.Timestamp(day) + pd.Timedelta(days=plus_days)


def filter_mentions(mentions: pd.DataFrame, view: View) -> pd.DataFrame:
    published = mentions["published"]
    kept = mentions[(published >= _start_of(view.start)) & (published < _start_of(view.end, 1))]
    if view.sources:
        kept = kept[kept["source"].isin(view.sources)]
    if view.query:  # matched on the distinct spellings, far fewer than the mentions
        needle = view.query.casefold()
        spellings = set(kept["name"].unique()) | set(kept["surface"].unique())
        names = {n for n in spellings if needle in n.casefold()}
        kept = kept[kept["name"].isin(names) | kept["surface"].isin(names)]
    return kept


def filter_events(events: pd.DataFrame, view: View, until: date | None = None) -> pd.DataFrame:
    """Events dated in the view's range (or up to `until`), of its factions and actions."""
    if events.empty:
        return events
    day = events["event_time"]
    kept = events[(day >= _start_of(view.start)) & (day < _start_of(until or view.end, 1))]
    if view.factions:
        kept = kept[kept["actor"].isin(view.factions) | kept["target"].isin(view.factions)]
    if view.actions:
        kept = kept[kept["action"].isin(view.actions)]
    if view.sources:
        kept = kept[kept["source"].isin(view.sources)]
    return kept


def events_frame(rows: list[dict]) -> pd.DataFrame:
    """Store event rows as a table; an undated event counts on its article's date."""
    frame = pd.DataFrame(rows)
    if frame.empty:
        return pd.DataFrame(columns=["id", "event_day", "event_time", "action", "actor",
                                     "target", "place", "source_id", "lat", "lon", "source"])
    dated = pd.to_datetime(frame["date"], errors="coerce")
    frame["event_time"] = dated.fillna(pd.to_datetime(frame["published"], errors="coerce"))
    frame["event_day"] = frame["event_time"].dt.date
    frame["source"] = frame["source"].fillna("")
    return frame


def places_with_control(mentions: pd.DataFrame, states: list[PlaceState]) -> pd.DataFrame:
    """The place summary with who holds each place (`states` on the view's date)."""
    lexicon = load_lexicon()
    places = places_summary(mentions)
    states = {s.source_id: s for s in states}
    factions, contested, colours, confidence = [], [], [], []
    for sid in places["source_id"]:
        state = states.get(sid)
        faction = state.faction if state else None
        factions.append(faction)
        contested.append(bool(state and state.contested))
        colours.append(lexicon.colour(faction) if faction else UNKNOWN_COLOUR)
        confidence.append(state.confidence if state else 0.0)
    places = places.assign(faction=factions, contested=contested, colour=colours,
                           control_confidence=confidence)
    return places


def events_per_day(events: pd.DataFrame) -> pd.DataFrame:
    """Counts by day and acting faction, for the timeline chart."""
    if events.empty:
        return pd.DataFrame(columns=["day", "faction", "events"])
    lexicon = load_lexicon()
    named = events["actor"].map(lambda k: lexicon.factions[k].name
                                if k in lexicon.factions else "unattributed")
    counts = events.assign(faction=named).groupby(["event_day", "faction"]).size()
    return counts.reset_index(name="events").rename(columns={"event_day": "day"})


def faction_colours() -> dict[str, str]:
    lexicon = load_lexicon()
    colours = {f.name: f.colour for f in lexicon.factions.values()}
    colours["unattributed"] = UNKNOWN_COLOUR
    colours[CONTESTED] = "#ff6f00"
    return colours


@dataclass
class PageData:
    """Everything one view of the dashboard shows, computed from the stored tables."""

    mentions: pd.DataFrame      # mentions kept by the filters
    events: pd.DataFrame        # events kept by the filters
    places: pd.DataFrame        # one row per place, with its holder on the "as of" date
    on_map: pd.DataFrame
    elsewhere: pd.DataFrame     # places outside Libya, listed beside the map
    control: dict               # areas, front lines, advances (GeoJSON)


def page_data(mentions: pd.DataFrame, events: pd.DataFrame, model: ControlModel,
              view: View) -> PageData:
    shown = filter_mentions(mentions, view)
    shown_events = filter_events(events, view)
    states = model.states(view.as_of)
    # Only advances with a known origin become arrows; the other events are not converted
    # (turning every row into a dict took seconds with 10,000 articles).
    advances = events[events["origin_source_id"].fillna("").astype(str) != ""] \
        if "origin_source_id" in events else events.iloc[:0]
    advances = filter_events(advances, view, view.as_of)
    control = feature_collection(model, view.as_of, advances.to_dict("records"), states)
    places = places_with_control(shown, states)
    on_map = places[places["country"] == "LY"] if view.libya_only else places
    return PageData(shown, shown_events, places, on_map, places[places["country"] != "LY"],
                    control)
