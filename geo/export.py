"""Exports of stored events: ACLED-like CSV, GeoJSON and KML.

All three carry the same rows, so a figure made from one can be checked against another.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from xml.sax.saxutils import escape

from geo.factions import load_lexicon

# ACLED's time precision: 1 day, 2 week or so, 3 month or vaguer.
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, None: 3}
# ACLED's geo precision: 1 the place itself, 2 near it or part of a region, 3 a larger area.
GEO_PRECISION = {"exact": 1, "city": 1, "district": 2, "country": 3}
CSV_COLUMNS = ["event_id", "event_date", "year", "time_precision", "event_type",
               "sub_event_type", "action", "actor1", "actor2", "country", "location",
               "latitude", "longitude", "geo_precision", "fatalities", "claim", "source",
               "source_url", "notes"]


def acled_rows(events: list[dict]) -> list[dict]:
    lexicon = load_lexicon()

    def faction_name(key: str | None) -> str:
        return lexicon.factions[key].name if key in lexicon.factions else (key or "")

    rows = []
    for event in events:
        day = event["date"] or event["published"]
        rows.append({
            "event_id": f"FL{event['id']}",
            "event_date": day.isoformat() if isinstance(day, date) else (day or ""),
            "year": day.year if isinstance(day, date) else "",
            "time_precision": TIME_PRECISION.get(event["date_precision"], 3),
            "event_type": event["acled_event_type"],
            "sub_event_type": event["acled_sub_event_type"],
            "action": event["action"],
            "actor1": faction_name(event["actor"]), "actor2": faction_name(event["target"]),
            "country": event["country"], "location": event["place"],
            "latitude": round(event["lat"], 5), "longitude": round(event["lon"], 5),
            "geo_precision": 2 if event["place_from_context"] else 1,
            "fatalities": event["fatalities"] if event["fatalities"] is not None else "",
            "claim": "claim" if event["claim"] else "",
            "source": event["source"] or event["title"] or "",
            "source_url": event["url"] or "",
            "notes": event["evidence"],
        })
    return rows


def to_csv(events: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(acled_rows(events))
    return buffer.getvalue()


def to_geojson(events: list[dict]) -> str:
    features = [{
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
        "properties": {k: v for k, v in row.items() if k not in ("latitude", "longitude")},
    } for row in acled_rows(events)]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def to_kml(events: list[dict]) -> str:
    placemarks = []
    for row in acled_rows(events):
        placemarks.append(
            "<Placemark>"
            f"<name>{escape(row['action'])}: {escape(row['location'])}</name>"
            f"<TimeStamp><when>{escape(row['event_date'])}</when></TimeStamp>"
            f"<description>{escape(row['notes'])}</description>"
            f"<Point><coordinates>{row['longitude']},{row['latitude']}</coordinates></Point>"
            "</Placemark>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Front Lines events'
            "</name>" + "".join(placemarks) + "</Document></kml>\n")


FORMATS = {"csv": to_csv, "geojson": to_geojson, "kml": to_kml}
