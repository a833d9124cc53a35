"""The folium map: places, areas of control, front lines, advances, events and heat.

Everything shown comes from article text, which is untrusted: every string that reaches
HTML goes through html.escape here. Markers are one per place (and one per place and
action for events), never one per mention, so the page stays small however many articles.
"""

from __future__ import annotations

import html
import math

import folium
import pandas as pd
from branca.element import Element
from folium.plugins import HeatMap, PolyLineTextPath

from geo.control import CONTESTED
from geo.factions import UNKNOWN_COLOUR, load_lexicon

LIBYA_CENTER = (27.0, 17.0)
LIBYA_BOUNDS = ((19.5, 9.3), (33.3, 25.2))
PRECISION_STYLE = {  # exact points solid; city-level stand-ins lighter; areas dashed
    "exact": {"dash_array": None, "fill_opacity": 0.85},
    "city": {"dash_array": None, "fill_opacity": 0.65},
    "district": {"dash_array": "4 4", "fill_opacity": 0.3},
    "country": {"dash_array": "2 6", "fill_opacity": 0.15},
}
ACTION_COLOURS = {"capture": "#b71c1c", "advance": "#e65100", "retreat": "#6d4c41",
                  "airstrike": "#4a148c", "clash": "#d50000", "attack": "#ad1457",
                  "casualties": "#000000", "other": "#607d8b"}
CONTESTED_COLOUR = "#ff6f00"
ATTRIBUTION = ("Place names © OpenStreetMap contributors (ODbL) · GeoNames (CC BY 4.0) · "
               "Natural Earth (public domain)")


def radius_for(mentions: int) -> float:
    return 5.0 + 4.0 * math.sqrt(mentions)


def tooltip_for(row) -> str:
    """Plain-text tooltip; the dashboard reads the selected place back from it."""
    return f"{row['name']} ({int(row['mentions'])})"


def evidence_html(sentence: str, begin: int, length: int) -> str:
    """The sentence escaped, with the mention at sentence[begin:begin+length] marked."""
    end = begin + length
    return (html.escape(sentence[:begin]) + f"<mark>{html.escape(sentence[begin:end])}</mark>"
            + html.escape(sentence[end:]))


def faction_label(key: str | None) -> str:
    factions = load_lexicon().factions
    if key == CONTESTED:
        return "contested"
    return factions[key].name if key in factions else "unknown"


def area_style(feature: dict) -> dict:
    faction = feature["properties"]["faction"]
    colour = CONTESTED_COLOUR if faction == CONTESTED else load_lexicon().colour(faction)
    return {"color": colour, "fillColor": colour, "weight": 1, "fillOpacity": 0.22,
            "dashArray": "6 4" if faction == CONTESTED else None}


def front_style(_feature: dict) -> dict:
    return {"color": "#d50000", "weight": 4, "dashArray": "10 6", "opacity": 0.9}


def _control_layers(fmap: folium.Map, control: dict | None) -> None:
    if not control:
        return
    features = control.get("features", [])
    kinds = {"area": [], "frontline": [], "advance": []}
    for feature in features:
        kind = feature["properties"]["kind"]
        if kind in kinds:
            safe = {"type": "Feature", "geometry": feature["geometry"], "properties": {
                "faction": feature["properties"].get("faction"),
                "label": html.escape(faction_label(feature["properties"].get("faction"))),
                "other": html.escape(faction_label(feature["properties"].get("other_faction"))),
            }}
            kinds[kind].append((safe, feature))
    areas = folium.FeatureGroup(name="Areas of control", show=True)
    if kinds["area"]:
        folium.GeoJson({"type": "FeatureCollection", "features": [s for s, _ in kinds["area"]]},
                       style_function=area_style,
                       tooltip=folium.GeoJsonTooltip(["label"], labels=False)).add_to(areas)
    areas.add_to(fmap)
    fronts = folium.FeatureGroup(name="Front lines", show=True)
    if kinds["frontline"]:
        folium.GeoJson({"type": "FeatureCollection",
                        "features": [s for s, _ in kinds["frontline"]]},
                       style_function=front_style,
                       tooltip=folium.GeoJsonTooltip(["label", "other"], labels=False)
                       ).add_to(fronts)
    fronts.add_to(fmap)
    moves = folium.FeatureGroup(name="Advances", show=True)
    for _, feature in kinds["advance"]:
        (lon1, lat1), (lon2, lat2) = feature["geometry"]["coordinates"]
        props = feature["properties"]
        line = folium.PolyLine([(lat1, lon1), (lat2, lon2)], color="#e65100", weight=3,
                               tooltip=html.escape(f"advance {props['from']} → {props['to']} "
                                                   f"({props['date']})"))
        line.add_to(moves)
        PolyLineTextPath(line, "  ►  ", repeat=True, offset=5,
                         attributes={"fill": "#e65100", "font-size": "14"}).add_to(moves)
    moves.add_to(fmap)


def event_style(feature: dict) -> dict:
    props = feature["properties"]
    return {"color": ACTION_COLOURS.get(props["action"], ACTION_COLOURS["other"]),
            "radius": props["radius"], "weight": 2, "fill": False,
            "dashArray": "2 3" if props["action"] == "airstrike" else None}


def _event_layer(fmap: folium.Map, events: pd.DataFrame) -> None:
    """One circle per place and action, all in one GeoJSON layer: a folium object per
    circle cost 2 ms of every rerun each (measured with 10,000 articles)."""
    layer = folium.FeatureGroup(name="Events", show=True)
    if not events.empty:
        grouped = events.groupby(["source_id", "action"]).agg(
            place=("place", "first"), lat=("lat", "first"), lon=("lon", "first"),
            count=("id", "size"), first=("event_time", "min"), last=("event_time", "max"))
        features = [{
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(row.lon), float(row.lat)]},
            "properties": {
                "action": action, "radius": 4 + min(6, int(row.count)),
                "label": html.escape(f"{action} × {int(row.count)} at {row.place} "
                                     f"({row.first:%Y-%m-%d} – {row.last:%Y-%m-%d})")}}
            for (_, action), row in zip(grouped.index, grouped.itertuples(), strict=True)]
        folium.GeoJson({"type": "FeatureCollection", "features": features},
                       marker=folium.CircleMarker(), style_function=event_style,
                       tooltip=folium.GeoJsonTooltip(["label"], labels=False)).add_to(layer)
    layer.add_to(fmap)


def _legend(fmap: folium.Map, factions_shown: list[str]) -> None:
    lexicon = load_lexicon()
    rows = "".join(
        f'<div><span style="background:{html.escape(lexicon.colour(k))}"></span>'
        f"{html.escape(faction_label(k))}</div>" for k in factions_shown if k)
    rows += (f'<div><span style="background:{CONTESTED_COLOUR}"></span>contested</div>'
             f'<div><span style="background:{UNKNOWN_COLOUR}"></span>holder unknown</div>'
             '<div><i>dashed circle</i>: district/area-level place</div>'
             '<div style="color:#d50000"><b>- - -</b> front line</div>')
    # Bottom left, over the open desert: the towns and front lines are on the coast.
    fmap.get_root().html.add_child(Element(
        '<style>.fl-legend{position:absolute;bottom:64px;left:10px;z-index:9999;'
        'background:rgba(255,255,255,.92);padding:6px 8px;font:12px sans-serif;'
        'border-radius:4px;max-width:60%}.fl-legend span{display:inline-block;width:11px;'
        'height:11px;margin-right:5px;border-radius:50%}</style>'
        f'<div class="fl-legend" id="fl-legend"><b>Held by</b>{rows}</div>'))


def build_map(places: pd.DataFrame, selected: str | None = None, control: dict | None = None,
              events: pd.DataFrame | None = None, heat: bool = True) -> folium.Map:
    """The whole map for one view; `places` has one row per place (see views)."""
    fmap = folium.Map(location=LIBYA_CENTER, zoom_start=5, tiles="OpenStreetMap",
                      control_scale=True, attr=ATTRIBUTION)
    # Circles, lines, GeoJSON and popups need Leaflet and jQuery (folium builds popup content
    # with $()); its default Bootstrap and Font Awesome files, for icons this map does not
    # use, would only slow the first paint (about 350 kB from three CDNs).
    fmap.default_js = [(name, url) for name, url in fmap.default_js
                       if name in ("leaflet", "jquery")]
    fmap.default_css = [(name, url) for name, url in fmap.default_css if name == "leaflet_css"]
    fmap.fit_bounds(LIBYA_BOUNDS)
    _control_layers(fmap, control)
    if events is not None:
        _event_layer(fmap, events)
    if heat and not places.empty:
        HeatMap([(r["lat"], r["lon"], float(r["mentions"])) for _, r in places.iterrows()],
                name="Heat of mentions", show=False, radius=25).add_to(fmap)
    layer = folium.FeatureGroup(name="Places", show=True)
    for _, row in places.iterrows():
        style = PRECISION_STYLE.get(row["precision"], PRECISION_STYLE["city"])
        is_selected = row["source_id"] == selected
        faction = row.get("faction")
        holder = "contested" if row.get("contested") else faction_label(faction)
        popup = (f"<b>{html.escape(str(row['name']))}</b><br>"
                 f"{int(row['mentions'])} mentions in {int(row['articles'])} articles<br>"
                 f"held by: {html.escape(holder)}<br>"
                 f"precision: {html.escape(str(row['precision']))}")
        folium.CircleMarker(
            location=(row["lat"], row["lon"]), radius=radius_for(int(row["mentions"])),
            color="#000000" if is_selected else (CONTESTED_COLOUR if row.get("contested")
                                                 else "#263238"),
            weight=4 if is_selected else (3 if row.get("contested") else 1),
            fill=True, fill_color=row.get("colour", UNKNOWN_COLOUR),
            fill_opacity=style["fill_opacity"], dash_array=style["dash_array"],
            tooltip=html.escape(tooltip_for(row)), popup=folium.Popup(popup, max_width=260),
        ).add_to(layer)
    layer.add_to(fmap)
    folium.LayerControl(collapsed=True).add_to(fmap)
    shown = [f for f in dict.fromkeys(places.get("faction", pd.Series(dtype=object)))
             if isinstance(f, str)]
    _legend(fmap, shown)
    return fmap
