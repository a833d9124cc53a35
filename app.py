"""Front Lines dashboard: `streamlit run app.py`. A thin layout over the geo package."""

from __future__ import annotations

import gc
import html
import json
import os
import time
from datetime import date, timedelta

import altair as alt
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.control import ControlModel
from geo.documents import read_bytes
from geo.export import FORMATS
from geo.extract import InputError
from geo.factions import load_lexicon
from geo.geocode import SETTING as GEOCODER_SETTING
from geo.geocode import GeocodeFailure, from_settings
from geo.ingest import Source, ingest, text_source, url_sources
from geo.mapview import ATTRIBUTION, build_map, evidence_html, tooltip_for
from geo.mentions import CORPUS_DIR, mentions_frame
from geo.store import Store, StoreError
from geo.text import fold
from geo.views import (
    ACTIONS,
    events_frame,
    events_per_day,
    faction_colours,
    page_data,
    view_from_params,
)

st.set_page_config(page_title="Front Lines: Libya", layout="wide")
MAX_UPLOAD_MB = 20
PLAY_STEP_DAYS = 7
ELSEWHERE_ROWS = 25
MAP_HEAD_START_S = 0.3  # see the first run's pause after the map (0.1 s gave no gain)


def setting(name: str, default: str = "") -> str:
    """A deployment setting: Streamlit secrets first (hosted), then the environment."""
    try:
        if name in st.secrets:
            return str(st.secrets[name])
    except Exception:  # noqa: BLE001  (no secrets file: local run)
        pass
    return os.environ.get(name, default)


READ_ONLY = setting("FRONTLINES_READ_ONLY", "0").lower() in ("1", "true", "yes")


@st.cache_resource(show_spinner="Opening the store…")
def get_store() -> Store:
    store = Store(setting("DATABASE_URL") or None)
    if store.counts()["articles"] == 0:
        from geo.ingest import sources_for

        ingest(store, sources_for([str(CORPUS_DIR)]))
    return store


# cache_resource, not cache_data: the tables are read-only here, and cache_data unpickles a
# fresh copy on every rerun (0.1 s of each filter change with 10,000 articles, measured).
@st.cache_resource(show_spinner="Loading articles…", max_entries=4)
def load_tables(version: tuple) -> tuple[pd.DataFrame, pd.DataFrame, list[dict]]:
    store = get_store()
    return (mentions_frame(store.mention_rows()), events_frame(store.event_rows()),
            store.correction_rows())


@st.cache_resource(max_entries=4)
def control_model(version: tuple) -> ControlModel:
    _, events, corrections = load_tables(version)
    return ControlModel(events.to_dict("records"), corrections)


@st.cache_resource(max_entries=4)
def settle_memory(version: tuple) -> None:
    """Once per data version, after loading: move what is loaded out of the garbage
    collector's sight. Its full collections over these tables and models paused reruns
    by 120-150 ms (measured); with them frozen, 16 ms."""
    gc.collect()
    gc.freeze()


def forget_tables() -> None:
    """After a change the counts do not show (a moved place, a correction): reload."""
    load_tables.clear()
    control_model.clear()


try:
    store = get_store()
    counts = store.counts()
except StoreError as error:
    st.error(f"The database cannot be used: {error}")
    st.stop()
version = (counts["articles"], counts["events"], counts["corrections"])
mentions, events, corrections = load_tables(version)
model = control_model(version)
settle_memory(version)
lexicon = load_lexicon()

dated = mentions.dropna(subset=["published"])
lowest = dated["published"].min().date() if not dated.empty else date(2011, 1, 1)
highest = dated["published"].max().date() if not dated.empty else date.today()
view = view_from_params(st.query_params.to_dict(), lowest, highest)
faction_keys = list(lexicon.factions)
all_sources = sorted(s for s in mentions["source"].unique() if s)
# The filters are keyed widgets whose values are read from the session before they are
# drawn: the map is then sent to the browser first, and the sidebar and header after it
# (the browser showed the map 0.3-0.5 s sooner in two interleaved 8-visit A/B runs).
for key, value in {"dates": (view.start, view.end), "factions": view.factions,
                   "actions": view.actions,
                   "sources": [s for s in view.sources if s in all_sources],
                   "query": view.query, "libya_only": view.libya_only,
                   "as_of": view.as_of}.items():
    st.session_state.setdefault(key, value)


def toggle_play() -> None:
    """Play steps the "as of" date a week per second; at the last day it starts over."""
    st.session_state.playing = not st.session_state.get("playing", False)
    if st.session_state.playing and st.session_state.as_of >= highest:
        st.session_state.as_of = lowest


def step_forward() -> None:
    st.session_state.as_of = min(highest, st.session_state.as_of +
                                 timedelta(days=PLAY_STEP_DAYS))


if st.session_state.get("playing"):
    if st.session_state.pop("play_tick", False):
        step_forward()
    st.session_state.playing = st.session_state.as_of < highest
chosen = st.session_state.dates
if isinstance(chosen, tuple | list) and len(chosen) == 2:
    view.start, view.end = chosen
view.factions, view.actions = st.session_state.factions, st.session_state.actions
view.sources, view.query = st.session_state.sources, st.session_state.query
view.libya_only, view.as_of = st.session_state.libya_only, st.session_state.as_of

header = st.container()  # drawn after the map, shown above it
data = page_data(mentions, events, model, view)
shown, shown_events, places = data.mentions, data.events, data.places
on_map, elsewhere = data.on_map, data.elsewhere

left, right = st.columns([3, 2])
with left:
    st.caption(f"{len(on_map)} places · {len(shown)} mentions · {shown['doc_id'].nunique()} "
               f"articles · {len(shown_events)} events · {view.start} to {view.end} · "
               f"control as of {view.as_of}")
    fmap = build_map(on_map, view.place, data.control, shown_events)
    # render=False: st_folium renders the map's elements itself; its extra whole-figure
    # render produced the same component arguments at twice the cost (measured).
    state = st_folium(fmap, height=520, use_container_width=True, render=False,
                      returned_objects=["last_object_clicked_tooltip"], key="map")
    if not st.session_state.get("map_sent"):
        # A session's first run pauses here, with the map sent and the rest of the page not:
        # the browser mounts the map before it renders the other widgets. Measured in
        # interleaved 8-visit A/B runs: map visible 3.7 -> 2.6 s, whole page 3.9 -> 3.7 s.
        st.session_state.map_sent = True
        time.sleep(MAP_HEAD_START_S)
    clicked = (state or {}).get("last_object_clicked_tooltip")
    if clicked:
        match = on_map[on_map.apply(tooltip_for, axis=1) == clicked]
        if not match.empty:
            view.place = match.iloc[0]["source_id"]
    st.caption(ATTRIBUTION + " · Articles: U.S. government and VOA (public domain), "
               "Wikinews (CC BY 2.5) · see data/corpus/PROVENANCE.md")

with right:
    names = dict(zip(places["source_id"], places["name"], strict=True))
    options = [""] + list(places["source_id"])
    pick = st.selectbox("Evidence for place", options,
                        index=options.index(view.place) if view.place in options else 0,
                        format_func=lambda sid: names.get(sid, "choose a place"))
    if pick:
        view.place = pick
    if view.place and view.place in names:
        rows = shown[shown["source_id"] == view.place]
        st.subheader(names[view.place])
        state_now = model.state(view.place, view.as_of)
        holder = "contested" if state_now.contested else (
            lexicon.factions[state_now.faction].name if state_now.faction in lexicon.factions
            else "unknown")
        st.markdown(f"**Held by on {view.as_of}:** {html.escape(holder)} "
                    f"(confidence {state_now.confidence:.2f}"
                    f"{', analyst correction' if state_now.corrected else ''})")
        first = rows.iloc[0] if not rows.empty else None
        if first is not None:
            alternatives = json.loads(first["alternatives"] or "[]")
            alt_text = "; ".join(f"{a['name']}, {a['country']} ({a['confidence']:.2f})"
                                 for a in alternatives) or "none"
            st.caption(f"Geocoded as {first['name']}, {first['country']} "
                       f"({first['precision']} precision, confidence "
                       f"{first['confidence']:.2f}); alternatives: {html.escape(alt_text)}")
            if alternatives and not READ_ONLY:
                labels = [f"{a['name']}, {a['country']} ({a['lat']:.3f}, {a['lon']:.3f})"
                          for a in alternatives]
                choice = st.selectbox("Wrong place? Pick another candidate", [""] + labels)
                if choice and st.button("Use this candidate"):
                    picked = alternatives[labels.index(choice)]
                    new = {"source_id": picked["source_id"], "name": picked["name"],
                           "country": picked["country"], "lat": picked["lat"],
                           "lon": picked["lon"], "kind": picked["kind"]}
                    moved = store.reassign_place(view.place, first["surface"], new)
                    store.put_user_place(f"user:{fold(first['surface']).replace(' ', '-')}",
                                         picked["name"], picked["lat"], picked["lon"],
                                         picked["kind"], picked["country"],
                                         [first["surface"]],
                                         f"picked instead of {first['name']}")
                    forget_tables()
                    st.success(f"Moved {moved} mentions of {first['surface']} to "
                               f"{picked['name']}; new articles will place it there too.")
        for _, row in rows.head(50).iterrows():
            day = row["published"].date() if pd.notna(row["published"]) else "undated"
            link = html.escape(row["url"], quote=True)
            marked = evidence_html(row["sentence"], row["start"] - row["sentence_start"],
                                   len(row["surface"]))
            title = html.escape(row["title"])
            source = f'<a href="{link}" target="_blank">{title}</a>' if link else title
            st.markdown(f"{marked}<br><small>{day} · {source} · "
                        f"{html.escape(row['source'])}</small>", unsafe_allow_html=True)
        if not READ_ONLY:
            with st.form("correction"):
                st.markdown("**Correct who holds this place**")
                faction = st.selectbox("Faction", [""] + list(lexicon.factions),
                                       format_func=lambda k: lexicon.factions[k].name
                                       if k else "unknown")
                contested = st.checkbox("Contested")
                since = st.date_input("From", value=view.as_of)
                note = st.text_input("Note (source, reasoning)")
                if st.form_submit_button("Save correction"):
                    store.set_correction(view.place, since, faction or None, contested, note)
                    forget_tables()
                    st.success("Saved; it wins over what the articles suggest from that date.")
    st.subheader("Places outside Libya")
    # A static table: the interactive grid's scripts would delay the map's first paint.
    top = elsewhere.sort_values("mentions", ascending=False).head(ELSEWHERE_ROWS)
    st.table(top[["name", "country", "mentions", "articles"]].set_index("name"))
    if len(elsewhere) > ELSEWHERE_ROWS:
        st.caption(f"and {len(elsewhere) - ELSEWHERE_ROWS} more; search a name to see it")


with st.sidebar:
    st.header("Filters")
    st.date_input("Published between", min_value=lowest, max_value=highest, key="dates")
    st.multiselect("Factions", faction_keys, key="factions",
                   format_func=lambda k: lexicon.factions[k].name)
    st.multiselect("Actions", ACTIONS, key="actions")
    st.multiselect("Sources", all_sources, key="sources")
    st.text_input("Place search", key="query")
    st.toggle("Libya only on the map", key="libya_only")
    st.caption("Every filter is in the page's link: copy it to share this view.")

with header:
    st.title("Front Lines: places and fighting in the news on Libya")
    st.slider("As of", min_value=lowest, max_value=highest, key="as_of",
              format="YYYY-MM-DD", help="Areas of control and front lines on this date")
    play_left, play_right, _ = st.columns([1, 1, 6])
    play_left.button("⏸ Pause" if st.session_state.get("playing") else "▶ Play",
                     on_click=toggle_play)
    play_right.button("Step +7 days", on_click=step_forward)


def events_per_day_tab() -> None:
    """Events per day by faction, with the "as of" date marked."""
    per_day = events_per_day(shown_events)
    if per_day.empty:
        st.caption("No dated events in this view.")
        return
    colours = faction_colours()
    names = sorted(per_day["faction"].unique())
    chart = alt.Chart(per_day).mark_bar().encode(
        x=alt.X("day:T", title="Event date"), y=alt.Y("events:Q", title="Events"),
        color=alt.Color("faction:N", scale=alt.Scale(
            domain=names, range=[colours.get(n, "#9e9e9e") for n in names])),
        tooltip=["day:T", "faction:N", "events:Q"]).properties(height=160)
    rule = alt.Chart(pd.DataFrame({"day": [pd.Timestamp(view.as_of)]})).mark_rule(
        color="red").encode(x="day:T")
    st.altair_chart(chart + rule, width="stretch")


def export_tab() -> None:
    """Downloads of what is shown; each file is built only when its button is clicked."""
    rows = shown_events.to_dict("records")
    for column, (label, extension, mime) in zip(st.columns(4), [
            ("CSV (ACLED-like)", "csv", "text/csv"),
            ("GeoJSON", "geojson", "application/geo+json"),
            ("KML", "kml", "application/vnd.google-earth.kml+xml")], strict=False):
        # Built only when clicked: a rerun does not pay for files nobody downloads.
        column.download_button(label, lambda ext=extension: FORMATS[ext](rows),
                               f"frontlines.{extension}", mime, on_click="ignore")
    st.columns(4)[3].download_button("Map (HTML)", lambda: fmap.get_root().render(),
                                     "frontlines-map.html", "text/html", on_click="ignore")


def add_articles_tab() -> None:
    pasted = st.text_area("Paste an article", height=120)
    pasted_date = st.text_input("Its publication date (YYYY-MM-DD, optional)")
    uploads = st.file_uploader("Or upload files (.txt .md .html .json .jsonl .csv)",
                               accept_multiple_files=True,
                               type=["txt", "md", "html", "htm", "json", "jsonl", "csv"])
    url = st.text_input("Or a web page or RSS/Atom feed URL")
    online = st.toggle("Ask an online geocoder (Nominatim, cached, 1 request/s) for "
                       "places the offline gazetteer lacks",
                       value=setting(GEOCODER_SETTING, "off").lower()
                       not in ("", "0", "off", "false", "no"))
    if st.button("Add to the map"):
        sources: list[Source] = []
        if pasted.strip():
            sources.append(text_source(pasted))
        for upload in uploads or []:
            data = upload.getvalue()
            if len(data) > MAX_UPLOAD_MB * 2**20:
                sources.append(Source(upload.name, error=f"{upload.name}: over "
                                                          f"{MAX_UPLOAD_MB} MB"))
                continue
            try:
                sources += [Source(upload.name, d) for d in read_bytes(data, upload.name)]
            except InputError as error:
                sources.append(Source(upload.name, error=str(error)))
        if url.strip():
            sources += list(url_sources(url.strip()))
        if not sources:
            st.warning("Nothing to add: paste text, upload a file or give a URL.")
        else:
            bar = st.progress(0.0, text="Reading…")
            done = [0]

            def progress(source, outcome):
                done[0] += 1
                bar.progress(done[0] / len(sources), text=f"{outcome}: {source.name}")

            try:
                geocoder = from_settings(
                    store, setting(GEOCODER_SETTING) or "nominatim",
                    api_key=setting("FRONTLINES_GEOCODER_API_KEY") or None) \
                    if online else None
                report = ingest(store, sources, pasted_date.strip() or None, progress,
                                geocoder=geocoder)
            except (StoreError, InputError, GeocodeFailure) as error:
                st.error(str(error))
            else:
                st.success(f"Added {report.added}, already there {report.duplicates}, "
                           f"failed {len(report.failed)}.")
                for name, reason in report.failed:
                    st.error(f"{name}: {reason}")
                forget_tables()


def unplaced_tab() -> None:
    unplaced = pd.DataFrame(store.unresolved_rows())
    st.caption(f"{len(unplaced)} names read like places but could not be placed; "
               "nothing is dropped silently.")
    if not unplaced.empty:
        st.dataframe(unplaced[["surface", "reason", "sentence", "title"]], hide_index=True,
                     width="stretch")
    if not READ_ONLY:
        with st.form("user_place"):
            st.markdown("**Add a place the gazetteer lacks** (used for articles added from now "
                        "on; it wins over the shipped gazetteer)")
            name = st.text_input("Name")
            alternates = st.text_input("Other spellings (separated by |)")
            lat = st.number_input("Latitude", -90.0, 90.0, 31.0, format="%.5f")
            lon = st.number_input("Longitude", -180.0, 180.0, 16.0, format="%.5f")
            kind = st.selectbox("Kind", ["village", "town", "city", "district", "landmark",
                                         "facility"])
            note = st.text_input("Note (source of the coordinates)")
            if st.form_submit_button("Add place") and name.strip():
                store.put_user_place(f"user:{fold(name).replace(' ', '-')}", name.strip(),
                                     lat, lon, kind, "LY",
                                     [a.strip() for a in alternates.split("|") if a.strip()],
                                     note)
                st.success(f"Added {name}.")


def about_tab() -> None:
    st.markdown(
        "Front Lines finds every place named in the articles (offline gazetteer: GeoNames, "
        "OpenStreetMap, Natural Earth), dates what they report, and infers who holds each "
        "town on the chosen date from the events: captures, retreats, strikes on a defender; "
        "recent fighting makes a place contested; old evidence fades. Areas are the towns' "
        "Voronoi cells, clipped to Libya and to 80 km; front lines are where areas of "
        "different factions meet. Analyst corrections win.\n\n" + ATTRIBUTION)


# Only the open tab's content is built and sent, so the first paint (the map) does not wait
# for the uploader, tables and download widgets of tabs nobody has opened.
TABS = {"Events per day": events_per_day_tab, "Export": export_tab,
        "Add articles": add_articles_tab, "Unplaced names": unplaced_tab, "About": about_tab}
if READ_ONLY:
    del TABS["Add articles"]
for tab, build in zip(st.tabs(list(TABS), default="About", on_change="rerun", key="tab"),
                      TABS.values(), strict=True):
    if tab.open:
        with tab:
            build()

st.query_params.from_dict(view.to_params())
if st.session_state.get("playing"):
    time.sleep(1.0)
    st.session_state.play_tick = True  # the slider is drawn: the next run steps
    st.rerun()
