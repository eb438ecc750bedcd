#!/usr/bin/env python3
"""Write geo/data/basemap_geometry.json: the map page's base map geometry, derived from
the vendored Natural Earth 1:50m countries (geo/static/vendor/world-atlas) by
geo.mapspec.basemap_geometry_text. Run it after tools/vendor.py changes that file.

Usage:  python3 tools/make_basemap.py   (from the repository root)
"""

from pathlib import Path

from geo import mapspec

OUT = Path(__file__).resolve().parents[1] / "geo" / "data" / mapspec.BASEMAP_FILE

if __name__ == "__main__":
    text = mapspec.basemap_geometry_text()
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(OUT.parents[2])} ({len(text):,} bytes)")
