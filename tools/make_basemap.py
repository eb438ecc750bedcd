#!/usr/bin/env python3
"""Write geo/data/basemap_geometry.json: the map page's base map geometry, derived from
the vendored Natural Earth 1:50m countries (geo/static/vendor/world-atlas) by
geo.mapspec.basemap_geometry_text, and geo/data/country_labels.json, its country names
and their label points (geo.labels.country_labels_text). Run it after tools/vendor.py
changes that file.

Usage:  python3 tools/make_basemap.py   (from the repository root)
"""

from pathlib import Path

from geo import labels, mapspec

DATA = Path(__file__).resolve().parents[1] / "geo" / "data"
OUT = DATA / mapspec.BASEMAP_FILE

if __name__ == "__main__":
    for path, text in (
        (OUT, mapspec.basemap_geometry_text()),
        (DATA / labels.COUNTRY_LABELS_FILE, labels.country_labels_text()),
    ):
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(path.parents[2])} ({len(text):,} bytes)")
