#!/usr/bin/env python3
"""Write layers/digital/submarine_cables.geojson: the Digital Silk Road's PEACE submarine
cable, from tools/data/cables/peace.toml (its comments explain the fields).

The lines and landing points are TeleGeography's (Submarine Cable Map, CC BY-NC-SA 3.0),
copied into the TOML file; each [[cable]] table becomes one feature drawing the lines of the
TeleGeography features it names, with its landing points, status, years and published
length, each with the page that gives it. The script checks that every line belongs to a
cable, that every landing point of a cable ends one of its lines, and that every field is
known; it stops with the table and what is wrong otherwise.

Usage:  python3 tools/make_cables.py [--out DIR]
        (from the repository root; DIR: the layers folder, default layers/)
"""

import argparse
import itertools
import tomllib
from pathlib import Path

from pyproj import Geod

from geo.layers import write_layer

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data" / "cables" / "peace.toml"
GEOD = Geod(ellps="WGS84")
TELEGEOGRAPHY = (
    "TeleGeography, Submarine Cable Map (CC BY-NC-SA 3.0; github.com/stevesong/"
    "open_undersea_cable_map, commit e790349)"
)
#: the fields a [[cable]] table may have, and those it must
CABLE_FIELDS = {
    "name", "feature_ids", "landing_points", "status", "status_year", "status_source",
    "start_year", "start_year_source", "published_length_km", "published_length_source",
    "published_length_year", "published_length_lines", "source", "source_note",
}  # fmt: skip
REQUIRED = CABLE_FIELDS - {"source_note", "published_length_lines"}
#: how far a landing point may be from the end of a line it lands (km): TeleGeography's
#: lines end within 0.5 km of its landing points (Zafarana 0.47 km, Djibouti City 0.49 km)
END_KM = 1.0


def km(a, b):
    return GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000.0


def line_km(coords):
    return sum(km(a, b) for a, b in itertools.pairwise(coords))


def at(point):
    """A [[landing_point]]'s [lon, lat]."""
    return [point["lon"], point["lat"]]


def text(value):
    """A TOML multi-line string as one line (its line-continuation indents closed up)."""
    return " ".join(value.split())


def check(data):
    """Stop on an unknown or missing field, a line no cable draws, or a landing point that
    ends none of its cable's lines."""
    problems = []
    points = {p["id"]: p for p in data["landing_point"]}
    drawn = {fid for cable in data["cable"] for fid in cable.get("feature_ids", [])}
    for cable in data["cable"]:
        where = f"{DATA.name} [[cable]] {cable.get('name')!r}"
        if unknown := sorted(set(cable) - CABLE_FIELDS):
            problems.append(f"{where}: unknown fields {unknown}")
        if missing := sorted(REQUIRED - set(cable)):
            problems.append(f"{where}: missing {missing}")
        lines = [
            line for line in data["line"] if line["feature_id"] in cable.get("feature_ids", [])
        ]
        tips = [c for line in lines for c in (line["coordinates"][0], line["coordinates"][-1])]
        for pair in cable.get("published_length_lines", []):
            if pair not in [line["ends"] for line in lines]:
                problems.append(f"{where}: published_length_lines {pair} is none of its lines")
        for pid in cable.get("landing_points", []):
            if pid not in points:
                problems.append(f"{where}: landing point {pid!r} is not a [[landing_point]]")
            elif not tips or min(km(at(points[pid]), tip) for tip in tips) > END_KM:
                problems.append(f"{where}: {pid!r} ends none of its lines (within {END_KM} km)")
    for line in data["line"]:
        if line["feature_id"] not in drawn:
            problems.append(f"{DATA.name} [[line]] {line['ends']}: no [[cable]] draws it")
    if problems:
        raise SystemExit("\n".join(problems))


def feature(cable, data):
    """One cable's GeoJSON feature."""
    points = {p["id"]: p for p in data["landing_point"]}
    lines = [line for line in data["line"] if line["feature_id"] in cable["feature_ids"]]
    coords = [[[round(x, 5), round(y, 5)] for x, y in line["coordinates"]] for line in lines]
    measured = cable.get("published_length_lines")
    drawn = sum(
        line_km(c)
        for line, c in zip(lines, coords, strict=True)
        if measured is None or line["ends"] in measured
    )
    what = (
        "TeleGeography's lines drawn here come"
        if measured is None
        else ("TeleGeography's line " + "; ".join(" – ".join(ends) for ends in measured) + " comes")
    )
    landing = [
        {
            "name": points[pid]["name"],
            "lon": points[pid]["lon"],
            "lat": points[pid]["lat"],
            "source": f"TeleGeography landing point {pid!r} (landing-point-geo.json)",
        }
        for pid in cable["landing_points"]
    ]
    props = {
        "name": cable["name"],
        "status": cable["status"],
        "status_year": cable["status_year"],
        "status_source": text(cable["status_source"]),
        "start_year": cable["start_year"],
        "start_year_source": text(cable["start_year_source"]),
        "landing_points": landing,
        "published_length_km": cable["published_length_km"],
        "published_length_source": text(cable["published_length_source"]),
        "published_length_year": cable["published_length_year"],
        "length_note": (
            f"{what} to {drawn:,.0f} km on the WGS84 ellipsoid ({drawn / cable['published_length_km']:.3f} of the published "
            f"{cable['published_length_km']:,} km): a schematic route, straight between "
            "its bends."
        ),
        "source": (
            f"Lines and landing points: {TELEGEOGRAPHY}, features "
            f"{', '.join(cable['feature_ids'])} of cable/cable-geo.json "
            f"({len(lines)} lines), by tools/make_cables.py. " + text(cable["source"])
        ),
    }
    if "source_note" in cable:
        props["source_note"] = text(cable["source_note"])
    geometry = {"type": "MultiLineString", "coordinates": coords}
    return {"type": "Feature", "geometry": geometry, "properties": props}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "layers", help="layers folder (default: layers/)"
    )
    args = parser.parse_args()
    with open(DATA, "rb") as fh:
        data = tomllib.load(fh)
    check(data)
    layer = {key: text(value) for key, value in data["layer"].items()}
    feats = [feature(cable, data) for cable in data["cable"]]
    fc = {"type": "FeatureCollection", **layer, "features": feats}
    out = args.out / "digital" / "submarine_cables.geojson"
    write_layer(fc, out, strict=True)
    for f in feats:
        print(f"{f['properties']['name']}: {f['properties']['length_note']}")
    print(f"wrote {out}: {len(feats)} features")


if __name__ == "__main__":
    main()
