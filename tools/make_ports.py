#!/usr/bin/env python3
"""Write layers/maritime/ports.geojson: ports of the 21st-Century Maritime Silk Road.

The ports are listed in tools/data/ports/ports.toml (its comments explain the fields).
Every port states where its coordinate comes from:
  coord = "searoute"       -> port list shipped with the searoute package
                              (searoute/data/ports.geojson, property "port" = UN/LOCODE)
  coord = "natural_earth"  -> Natural Earth 10m ports (ne_10m_ports.json), matched by
                              name + website field (NE repeats names, e.g. three "Piraeus")
  coord = "page"           -> a named web page that states the coordinates
and, separately, where its "role" statement comes from.

Natural Earth is read from ../shared/data/real-layers/ne_10m_ports.json (relative to the
repository root; env NE_PORTS overrides) at generation time only; nothing of it is copied
into the repository except the coordinates of the ports chosen.

Usage:  python3 tools/make_ports.py [--out DIR]   (DIR: the layers folder, default layers/)
"""

import argparse
import json
import os
import tomllib
from pathlib import Path

import searoute

from geo.layers import write_layer

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data" / "ports" / "ports.toml"
NE_PORTS = Path(
    os.environ.get(
        "NE_PORTS", ROOT.parent / "shared" / "data" / "real-layers" / "ne_10m_ports.json"
    )
)
SR_PORTS = Path(searoute.__file__).parent / "data" / "ports.geojson"
SR_VERSION = "1.6.0"

#: The fields a [[port]] table may have (see tools/data/ports/ports.toml).
FIELDS = {
    "common": {"name", "country", "locode", "coord", "role", "role_source", "source_note"},
    "searoute": {"searoute_port", "searoute_name"},
    "natural_earth": {"ne_name", "ne_website"},
    "page": {"lon", "lat", "coord_source"},
}


def load_searoute():
    with open(SR_PORTS, encoding="utf-8") as fh:
        d = json.load(fh)
    idx = {}
    for f in d["features"]:
        p = f["properties"]
        idx[(p["port"], p["name"])] = f["geometry"]["coordinates"]
    return idx


def load_ne():
    with open(NE_PORTS, encoding="utf-8") as fh:
        d = json.load(fh)
    return [
        (f["properties"].get("name"), f["properties"].get("website"), f["geometry"]["coordinates"])
        for f in d["features"]
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "layers", help="layers folder (default: layers/)"
    )
    out = parser.parse_args().out / "maritime" / "ports.geojson"
    with open(DATA, "rb") as fh:
        data = tomllib.load(fh)
    sr = load_searoute()
    ne = load_ne()
    feats = []
    names = set()
    for p in data["port"]:
        kind = p["coord"]
        if kind not in FIELDS or kind == "common":
            raise SystemExit(f"port {p['name']!r}: coord is one of searoute, natural_earth, page")
        unknown = set(p) - FIELDS["common"] - FIELDS[kind]
        if unknown:
            raise SystemExit(f"port {p['name']!r}: unknown fields {sorted(unknown)}")
        if kind == "searoute":
            code, srname = p["searoute_port"], p["searoute_name"]
            lon, lat = sr[(code, srname)]
            csrc = (
                f"searoute {SR_VERSION} port list (searoute/data/ports.geojson) entry "
                f"{code} '{srname}'"
            )
        elif kind == "natural_earth":
            nename, web = p["ne_name"], p.get("ne_website")
            hits = [c for n, w, c in ne if n == nename and w == web]
            if len(hits) != 1:
                raise SystemExit(f"NE lookup {nename!r}/{web!r}: {len(hits)} hits")
            lon, lat = hits[0]
            csrc = f"Natural Earth 10m ports, name '{nename}'" + (
                f", website {web}" if web else ", no website field"
            )
        else:
            lon, lat, csrc = p["lon"], p["lat"], p["coord_source"]
        assert p["name"] not in names, p["name"]
        names.add(p["name"])
        props = {"name": p["name"], "country": p["country"]}
        if p.get("locode"):
            props["locode"] = p["locode"]
        props["role"] = p["role"]
        props["source"] = f"Coordinates: {csrc}. Role: {p['role_source']}."
        if p.get("source_note"):
            props["source_note"] = p["source_note"]
        feats.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
                "properties": props,
            }
        )
    fc = {
        "type": "FeatureCollection",
        **data["layer"],
        "figures": data["figure"],
        "features": feats,
    }
    write_layer(fc, out, strict=True)
    print(f"wrote {out}: {len(feats)} ports")


if __name__ == "__main__":
    main()
