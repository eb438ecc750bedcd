#!/usr/bin/env python3
"""Write layers/maritime/sea_lanes.geojson from layers/maritime/ports.geojson.

The legs, the two adjustments' parameters and the layer's texts are in
tools/data/sea_lanes/lanes.toml (its comments explain the fields).

Each leg of the 21st-Century Maritime Silk Road is routed with the `searoute` package
(Eurostat MARNET shipping-lane network), so it follows shipping lanes and does not cross
land. searoute snaps each port to its nearest network node; the lane therefore starts and
ends at those nodes (append_orig_dest=False), not at the port point itself.

Two adjustments, both recorded in the features' "source_note":
* The MARNET edge through the Corinth Canal is removed from a copy of the network, so the
  Piraeus – Rotterdam leg sails round the Peloponnese as ocean-going container ships do.
* Where the nearest network node is more than gap_km from the port (only Gwadar: the nearest
  node is ~112 km away), the lane is extended with a straight open-sea segment from the port
  to that node (searoute's append_orig_dest behaviour, applied to that end only).

Longitudes beyond ±180 are normalised to [-180, 180]; coordinates are rounded to 5
decimals and consecutive duplicate positions dropped.

Usage:  python3 tools/make_sea_lanes.py [--out DIR] [--ports FILE]
        (from the repository root; DIR: the layers folder, default layers/; FILE: the
        ports layer to route between, default layers/maritime/ports.geojson)
"""

import argparse
import copy
import itertools
import json
import tomllib
from pathlib import Path

import searoute as sr
from pyproj import Geod
from searoute.searoute import setup_M

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data" / "sea_lanes" / "lanes.toml"
GEOD = Geod(ellps="WGS84")


def gap_km(a, b):
    return GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000.0


def norm_lon(lon):
    return ((lon + 180.0) % 360.0) - 180.0 if not -180.0 <= lon <= 180.0 else lon


def clean(coords):
    out = []
    for lon, lat in coords:
        pt = [round(norm_lon(lon), 5), round(lat, 5)]
        if not out or out[-1] != pt:
            out.append(pt)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "layers", help="layers folder (default: layers/)"
    )
    parser.add_argument(
        "--ports",
        type=Path,
        default=ROOT / "layers" / "maritime" / "ports.geojson",
        help="ports layer (default: layers/maritime/ports.geojson)",
    )
    args = parser.parse_args()
    out = args.out / "maritime" / "sea_lanes.geojson"
    with open(DATA, "rb") as fh:
        data = tomllib.load(fh)
    ports = {
        f["properties"]["name"]: f["geometry"]["coordinates"]
        for f in json.loads(args.ports.read_text(encoding="utf-8"))["features"]
    }
    legs = [
        (a, b, part["name"]) for part in data["part"] for a, b in itertools.pairwise(part["ports"])
    ]
    M = copy.deepcopy(setup_M())
    M.remove_edge(*(tuple(node) for node in data["corinth_edge"]))
    feats = []
    for a, b, part in legs:
        r = sr.searoute(ports[a], ports[b], units="km", M=M, return_passages=True)
        raw = [list(c) for c in r["geometry"]["coordinates"]]
        notes = []
        r_default = sr.searoute(ports[a], ports[b], units="km")
        if abs(r_default["properties"]["length"] - r["properties"]["length"]) > 1e-6:
            notes.append(
                f"Corinth Canal edge removed from the MARNET network before routing "
                f"(with it searoute gives "
                f"{r_default['properties']['length']:.0f} km through the canal)."
            )
        for end, port in ((0, a), (-1, b)):
            g = gap_km(ports[port], raw[end])
            if g > data["gap_km"]:
                if end == 0:
                    raw.insert(0, list(ports[port]))
                else:
                    raw.append(list(ports[port]))
                notes.append(
                    f"Nearest MARNET node to {port} is {g:.0f} km away; a straight "
                    f"open-sea segment joins the port to it (not included in "
                    f"searoute_length_km)."
                )
        coords = clean(raw)
        props_extra = {"source_note": " ".join(notes)} if notes else {}
        passages = r["properties"].get("traversed_passages") or []
        if passages:
            props_extra["passages"] = sorted(passages)
        feats.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": coords},
                "properties": {
                    "name": f"{a} – {b}",
                    "from": a,
                    "to": b,
                    "part": part,
                    "source": data["features"]["source"],
                    "searoute_length_km": round(float(r["properties"]["length"]), 3),
                    **props_extra,
                },
            }
        )
        print(f"{a} – {b}: {r['properties']['length']:.1f} km, {len(coords)} vertices")
    fc = {"type": "FeatureCollection", **data["layer"], "features": feats}
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(fc, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    print(f"wrote {out}: {len(feats)} lanes")


if __name__ == "__main__":
    main()
