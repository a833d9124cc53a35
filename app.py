"""Front Lines dashboard: `streamlit run app.py`. A thin layout over the geo package."""

from __future__ import annotations

import html
from datetime import date

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.mapview import ATTRIBUTION, build_map, evidence_html, tooltip_for
from geo.mentions import load_corpus, mention_rows, places_summary

st.set_page_config(page_title="Front Lines: Libya", layout="wide")


@st.cache_data(show_spinner="Reading the sample corpus…")
def corpus_mentions() -> pd.DataFrame:
    return mention_rows(load_corpus())


def date_param(name: str, default: date, lowest: date, highest: date) -> date:
    """A date from the URL, clamped to the data; a malformed one falls back to the default."""
    value = pd.to_datetime(params.get(name, ""), errors="coerce")
    if pd.isna(value):
        return default
    return min(max(value.date(), lowest), highest)


mentions = corpus_mentions()
params = st.query_params
dated = mentions.dropna(subset=["published"])
lowest, highest = dated["published"].min().date(), dated["published"].max().date()

st.title("Front Lines: places in the news on Libya")
with st.sidebar:
    st.header("Filters")
    start = date_param("from", lowest, lowest, highest)
    end = max(date_param("to", highest, lowest, highest), start)
    chosen = st.date_input("Published between", value=(start, end), min_value=lowest,
                           max_value=highest, key="dates")
    query = st.text_input("Place search", value=params.get("q", ""), key="q")
    libya_only = st.toggle("Libya only on the map", value=params.get("ly", "1") == "1")

if isinstance(chosen, tuple) and len(chosen) == 2:
    start, end = chosen
shown = mentions[(mentions["published"].dt.date >= start) & (mentions["published"].dt.date <= end)]
if query:
    shown = shown[shown["name"].str.contains(query, case=False, regex=False)
                  | shown["surface"].str.contains(query, case=False, regex=False)]
params.update({"from": str(start), "to": str(end), "q": query, "ly": "1" if libya_only else "0"})

places = places_summary(shown)
on_map = places[places["country"] == "LY"] if libya_only else places
elsewhere = places[places["country"] != "LY"]
selected = params.get("place")

left, right = st.columns([3, 2])
with left:
    st.caption(f"{len(on_map)} places · {len(shown)} mentions · "
               f"{shown['doc_id'].nunique()} articles · {start} to {end}")
    state = st_folium(build_map(on_map, selected), height=560, use_container_width=True,
                      returned_objects=["last_object_clicked_tooltip"], key="map")
    clicked = (state or {}).get("last_object_clicked_tooltip")
    if clicked:
        match = on_map[on_map.apply(tooltip_for, axis=1) == clicked]
        if not match.empty and match.iloc[0]["source_id"] != selected:
            selected = match.iloc[0]["source_id"]
            params["place"] = selected
    st.caption(ATTRIBUTION)
with right:
    names = dict(zip(places["source_id"], places["name"], strict=True))
    options = [""] + list(places["source_id"])
    pick = st.selectbox("Evidence for place", options,
                        index=options.index(selected) if selected in options else 0,
                        format_func=lambda sid: names.get(sid, "choose a place"))
    if pick and pick != selected:
        selected = pick
        params["place"] = pick
    if selected and selected in names:
        rows = shown[shown["source_id"] == selected]
        st.subheader(names[selected])
        for _, row in rows.iterrows():
            day = row["published"].date() if pd.notna(row["published"]) else "undated"
            link = html.escape(row["url"], quote=True)
            marked = evidence_html(row["sentence"], row["start"] - row["sentence_start"],
                                   len(row["surface"]))
            st.markdown(
                f"{marked}<br><small>{day} · "
                f"<a href=\"{link}\" target=\"_blank\">{html.escape(row['title'])}</a> · "
                f"confidence {row['confidence']:.2f}</small>", unsafe_allow_html=True)
    st.subheader("Places outside Libya")
    st.dataframe(elsewhere[["name", "country", "mentions", "articles"]], hide_index=True,
                 use_container_width=True)
