"""Copy the boundaries the app draws and clips with into data/boundaries.

From ../shared/data-sources/boundaries (Natural Earth 5.1.1, public domain):
  * libya.geojson: Libya's land polygon (clips areas of control);
  * libya_districts.geojson: the 22 shabiyat (GeoNames names, CC BY 4.0).
Usage: python scripts/build_boundaries.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args(argv)
    source = args.shared / "data-sources" / "boundaries"
    target = ROOT / "data" / "boundaries"
    target.mkdir(parents=True, exist_ok=True)
    countries = json.loads((source / "ne_10m_admin0_libya_neighbours.geojson").read_text())
    libya = [f for f in countries["features"] if f["properties"]["ADM0_A3"] == "LBY"]
    for feature in libya:
        feature["properties"] = {"name": "Libya", "iso_a2": "LY",
                                 "source": "Natural Earth 5.1.1 admin 0 (public domain)"}
    (target / "libya.geojson").write_text(json.dumps(
        {"type": "FeatureCollection", "features": libya}, separators=(",", ":")))
    districts = json.loads((source / "libya_shabiyat_ne10m_derived.geojson").read_text())
    (target / "libya_districts.geojson").write_text(json.dumps(districts, separators=(",", ":")))
    print(f"wrote {target / 'libya.geojson'} and {target / 'libya_districts.geojson'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
