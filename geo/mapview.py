"""Folium map of the places: one circle per place, sized by mentions, styled by precision.

Everything shown comes from article text, which is untrusted: every string that reaches
HTML goes through html.escape here.
"""

from __future__ import annotations

import html
import math

import folium
import pandas as pd

LIBYA_CENTER = (27.0, 17.0)
LIBYA_BOUNDS = ((19.5, 9.3), (33.3, 25.2))
PRECISION_STYLE = {  # exact points solid; city-level stand-ins dashed; areas faint
    "exact": {"dash_array": None, "fill_opacity": 0.75},
    "city": {"dash_array": None, "fill_opacity": 0.55},
    "district": {"dash_array": "4 4", "fill_opacity": 0.25},
    "country": {"dash_array": "2 6", "fill_opacity": 0.15},
}
ATTRIBUTION = ("Place names © OpenStreetMap contributors (ODbL) · GeoNames (CC BY 4.0) · "
               "Natural Earth")


def radius_for(mentions: int) -> float:
    return 5.0 + 4.0 * math.sqrt(mentions)


def tooltip_for(row: pd.Series) -> str:
    """Plain-text tooltip; the dashboard reads the selected place back from it."""
    return f"{row['name']} ({int(row['mentions'])})"


def evidence_html(sentence: str, begin: int, length: int) -> str:
    """The sentence escaped, with the mention at sentence[begin:begin+length] marked."""
    end = begin + length
    return (html.escape(sentence[:begin]) + f"<mark>{html.escape(sentence[begin:end])}</mark>"
            + html.escape(sentence[end:]))


def build_map(places: pd.DataFrame, selected: str | None = None) -> folium.Map:
    fmap = folium.Map(location=LIBYA_CENTER, zoom_start=5, tiles="OpenStreetMap",
                      control_scale=True, attr=ATTRIBUTION)
    fmap.fit_bounds(LIBYA_BOUNDS)
    for _, row in places.iterrows():
        style = PRECISION_STYLE.get(row["precision"], PRECISION_STYLE["city"])
        is_selected = row["source_id"] == selected
        popup = (f"<b>{html.escape(str(row['name']))}</b><br>"
                 f"{int(row['mentions'])} mentions in {int(row['articles'])} articles<br>"
                 f"precision: {html.escape(str(row['precision']))}")
        folium.CircleMarker(
            location=(row["lat"], row["lon"]), radius=radius_for(int(row["mentions"])),
            color="#b30000" if is_selected else "#1f4e79", weight=3 if is_selected else 1.5,
            fill=True, fill_color="#2b7bba", fill_opacity=style["fill_opacity"],
            dash_array=style["dash_array"],
            tooltip=html.escape(tooltip_for(row)), popup=folium.Popup(popup, max_width=260),
        ).add_to(fmap)
    return fmap
