"""Benchmark control: areas and front lines for one date and for a year of daily frames.

500 places at real Libyan towns (from the gazetteer) and 20,000 synthetic events over 2016,
made with a fixed seed: captures, clashes and strikes by five factions. The peer in the
same run is the place-state step alone (no geometry).
Usage: python scripts/bench_control.py [--places 500] [--events 20000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.control import ControlModel, feature_collection  # noqa: E402
from geo.gazetteer import default_gazetteer  # noqa: E402

FACTIONS = ["gna", "lna", "islamic_state", "pfg", "bunyan_marsous"]
ACTIONS = ["capture"] * 3 + ["clash"] * 3 + ["airstrike"] * 2 + ["advance", "retreat"]


def libyan_towns(count: int) -> list:
    gazetteer = default_gazetteer()
    towns, row = [], 0
    while len(towns) < count and row < len(gazetteer):
        entry = gazetteer.entry(row)
        if entry.country == "LY" and entry.kind in ("city", "town", "village"):
            towns.append(entry)
        row += 1
    return towns


def synthetic_events(towns: list, count: int, seed: int = 11) -> list[dict]:
    rng = random.Random(seed)
    start = date(2016, 1, 1)
    events = []
    for number in range(count):
        town = rng.choice(towns)
        actor, target = rng.sample(FACTIONS, 2)
        events.append({"id": number, "date": start + timedelta(days=rng.randrange(366)),
                       "date_precision": "day", "action": rng.choice(ACTIONS),
                       "actor": actor, "target": target, "claim": rng.random() < 0.3,
                       "source": f"s{rng.randrange(50)}", "source_id": town.gid,
                       "place": town.name, "lat": town.lat, "lon": town.lon, "country": "LY",
                       "kind": town.kind})
    return events


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=500)
    parser.add_argument("--events", type=int, default=20_000)
    args = parser.parse_args(argv)
    towns = libyan_towns(args.places)
    events = synthetic_events(towns, args.events)
    start = time.perf_counter()
    model = ControlModel(events)
    print(f"{len(towns)} places, {len(events)} events; model built in "
          f"{(time.perf_counter() - start) * 1000:.0f} ms")
    feature_collection(model, date(2016, 6, 30), events)  # warm caches (boundary, gazetteer)

    day = date(2016, 9, 1)
    runs = []
    for _ in range(5):  # a fresh model each time: the model memoises states per date
        fresh = ControlModel(events)
        start = time.perf_counter()
        collection = feature_collection(fresh, day, events)
        runs.append(time.perf_counter() - start)
    kinds = [f["properties"]["kind"] for f in collection["features"]]
    print(f"one date ({day}): best {min(runs) * 1000:.0f} ms, median "
          f"{sorted(runs)[2] * 1000:.0f} ms (target < 200 ms); "
          f"{kinds.count('place')} places, {kinds.count('area')} areas, "
          f"{kinds.count('frontline')} front lines")
    fresh = ControlModel(events)
    start = time.perf_counter()
    fresh.states(day)
    print(f"  peer: place states alone {(time.perf_counter() - start) * 1000:.0f} ms")
    start = time.perf_counter()
    feature_collection(fresh, day, events)
    print(f"  the same date again (memoised, as in a dashboard rerun): "
          f"{(time.perf_counter() - start) * 1000:.0f} ms")

    start = time.perf_counter()
    frames = 0
    current = date(2016, 1, 1)
    while current.year == 2016:
        feature_collection(model, current, events)
        frames += 1
        current += timedelta(days=1)
    elapsed = time.perf_counter() - start
    print(f"a year of daily frames: {frames} frames in {elapsed:.1f} s "
          f"({elapsed / frames * 1000:.0f} ms a frame)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
