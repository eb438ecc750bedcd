#!/usr/bin/env python3
"""Write layers/maritime/sea_lanes.geojson from the ports of layers/maritime/ports.geojson
and layers/projects/ports.geojson (the flagship ports).

The main line, the branches (a port-to-junction list), the MARNET edges removed, the land
crossings allowed and the layer's texts are in tools/data/sea_lanes/lanes.toml (its
comments explain the fields).

Each lane is routed with the `searoute` package (Eurostat MARNET shipping-lane network) on
a copy of the network less the removed edges. searoute snaps each port to its nearest
network node (a destination in port_node goes to the node given there); the lane starts and
ends at those nodes (append_orig_dest=False), not at the port point itself. Then:

* Where a port is more than gap_km from its node, a straight (geodesic) connector joins the
  node to the port (searoute's append_orig_dest behaviour, applied to that end only).
* The lane is checked against Natural Earth 1:10m land (the `land` file of lanes.toml, or
  --land), at positions dense_km apart along its geodesic, outside the allowed crossings.
  Where it meets land within gap_km of its destination port (a harbour basin or headland
  that the 1:10m coast draws over the port, or the connector's end), it is cut where it
  first meets land; land anywhere else stops the script.

A lane across ±180° (the Pacific) is routed and checked with continuous longitudes, as one
plane line running past 180°, against the land and the crossings with their copies a turn
east and west; in the layer its longitudes are normalised to [-180, 180] (one LineString
that steps across ±180°, as geo.unwrap_antimeridian draws and geo.split_antimeridian
exports); coordinates are rounded to 5
decimals and consecutive duplicate positions dropped. Each lane's "source" says how it was
made; searoute_length_km is searoute's own length of the MARNET path, connector_km the
connector's geodesic length as drawn, cut_km the geodesic length cut off at the coast.

Usage:  python3 tools/make_sea_lanes.py [--out DIR] [--ports FILE...] [--land FILE]
        (from the repository root; DIR: the layers folder, default layers/; FILE: the
        ports layers to route between, default the two above; the land file,
        default the one lanes.toml names; `tools/make_test_land.py --all` writes the whole
        world's, to route lanes that leave the test file's coverage)
"""

import argparse
import copy
import importlib.metadata
import itertools
import json
import math
import tomllib
from pathlib import Path

import numpy as np
import searoute as sr
import shapely
from pyproj import Geod, Transformer
from searoute.searoute import setup_M

from geo.basemap import topology_polygons as _topology_polygons
from geo.layers import write_layer

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data" / "sea_lanes" / "lanes.toml"
GEOD = Geod(ellps="WGS84")
LAND_SOURCE = "Natural Earth 1:10m land (world-atlas 2.0.2)"
#: the passages searoute keeps lanes out of unless told otherwise (its own default)
DEFAULT_RESTRICTIONS = ["northwest"]
#: the properties a [[diversion]] of lanes.toml gives its lane as they are
DIVERSION_PROPERTIES = (
    "status", "status_year", "status_source", "start_year", "start_year_source",
    "published_length_km", "published_length_source", "published_length_year", "source_note",
)  # fmt: skip
#: the layers whose ports get lanes (the maritime ports and the flagship ports)
PORT_LAYERS = ("layers/maritime/ports.geojson", "layers/projects/ports.geojson")


def km(a, b):
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


def continuous(coords):
    """The positions with longitudes moved by whole turns so that no step jumps more than
    180° (a lane across ±180° stays one plane line, running past 180° or -180°)."""
    out = [list(coords[0])]
    for lon, lat in coords[1:]:
        prev = out[-1][0]
        out.append(
            [lon if abs(lon - prev) <= 180.0 else lon + 360.0 * round((prev - lon) / 360.0), lat]
        )
    return out


def turned(geoms):
    """The geometries and their copies moved a turn east and west (±360° of longitude), so a
    line unwrapped across ±180° meets the land (or zone) it runs over there."""
    geoms = np.asarray(geoms, dtype=object)
    shift = [
        shapely.transform(geoms, lambda xy, d=d: xy + np.array([d, 0.0])) for d in (360.0, -360.0)
    ]
    return np.concatenate([geoms, *shift])


def dense(coords, step_km):
    """The line's positions with geodesic points inserted at most step_km apart, longitudes
    continuous (see continuous()); and, for each given position, its index in the result."""
    out, index = [list(coords[0])], [0]
    for a, b in itertools.pairwise(coords):
        n = math.ceil(km(a, b) / step_km) - 1
        if n > 0:
            out += [list(p) for p in GEOD.npts(a[0], a[1], b[0], b[1], n)]
        out.append(list(b))
        index.append(len(out) - 1)
    return continuous(out), index


def geodesic_km(coords):
    return sum(km(a, b) for a, b in itertools.pairwise(coords))


def topology_polygons(topo, name):
    """The polygons of a TopoJSON object, in degrees, made valid."""
    return shapely.make_valid(np.asarray(_topology_polygons(topo, name), dtype=object))


class Land:
    """The land polygons of the land file, and the region (coverage) they are complete in,
    each with its copies a turn east and west (see turned())."""

    def __init__(self, path: Path):
        topo = json.loads(path.read_text(encoding="utf-8"))
        parts = shapely.get_parts(topology_polygons(topo, "land"))
        while (multi := np.isin(shapely.get_type_id(parts), (6, 7))).any():
            parts = np.concatenate([parts[~multi], shapely.get_parts(parts[multi])])
        self.polygons = turned(parts[shapely.get_type_id(parts) == 3])
        self.tree = shapely.STRtree(self.polygons)
        self.coverage = shapely.union_all(turned(topology_polygons(topo, "coverage")))
        shapely.prepare(self.coverage)

    def over(self, line: shapely.LineString) -> shapely.Geometry:
        """The line's parts over land."""
        hits = self.tree.query(line, predicate="intersects")
        if not len(hits):
            return shapely.LineString()
        return shapely.intersection(line, shapely.union_all(self.polygons[hits]))


def pieces(geom):
    """The lines of a geometry of positive length, merged where they join."""
    if geom.is_empty:
        return []
    parts = shapely.get_parts(shapely.line_merge(shapely.union_all(shapely.get_parts(geom))))
    return [g for g in parts if g.geom_type == "LineString" and g.length > 0]


def crossing_zone(crossing):
    """Everything within radius_km of the crossing's MARNET edges (a local azimuthal
    equidistant projection centred on its first node)."""
    lon0, lat0 = crossing["path"][0]
    aeqd = f"+proj=aeqd +lat_0={lat0} +lon_0={lon0} +datum=WGS84 +units=m"
    fwd = Transformer.from_crs("EPSG:4326", aeqd, always_xy=True)
    back = Transformer.from_crs(aeqd, "EPSG:4326", always_xy=True)
    x, y = fwd.transform(*np.asarray(crossing["path"], dtype=float).T)
    zone = shapely.buffer(
        shapely.LineString(np.c_[x, y]), crossing["radius_km"] * 1000.0, quad_segs=32
    )
    zone = shapely.segmentize(zone, 200.0)
    return shapely.transform(zone, lambda xy: np.c_[back.transform(xy[:, 0], xy[:, 1])])


class Router:
    """Routes lanes on MARNET less the removed edges and checks them against the land."""

    def __init__(self, data, ports, land):
        self.data, self.ports, self.land = data, ports, land
        self.M = copy.deepcopy(setup_M())
        for edge in data["removed_edge"]:
            self.M.remove_edge(*(tuple(node) for node in edge["nodes"]))
        self.port_nodes = {p["port"]: p["node"] for p in data.get("port_node", [])}
        self.zones = {
            c["name"]: shapely.union_all(turned([crossing_zone(c)]))
            for c in data["allowed_crossing"]
        }
        self.allowed = shapely.union_all(list(self.zones.values()))

    def lane(self, a, b, restrictions=None):
        """The lane from port a to port b: its coordinates, how it was made, its properties.
        restrictions: the searoute passages the lane may not take (default searoute's own,
        the Northwest Passage)."""
        ports, gap = self.ports, self.data["gap_km"]
        r = sr.searoute(
            ports[a],
            self.port_nodes.get(b, ports[b]),
            units="km",
            M=self.M,
            return_passages=True,
            restrictions=restrictions or DEFAULT_RESTRICTIONS,
        )
        raw = continuous([[norm_lon(c[0]), c[1]] for c in r["geometry"]["coordinates"]])
        if km(ports[a], raw[0]) > gap:
            raise SystemExit(f"{a}: {km(ports[a], raw[0]):.0f} km from MARNET, over gap_km")
        node = (
            f"the node given for {b} in port_node"
            if b in self.port_nodes
            else f"the node nearest {b}"
        )
        steps = [
            f"shortest MARNET path from the node nearest {a} ({km(ports[a], raw[0]):.1f} km "
            f"from the port) to {node} ({km(ports[b], raw[-1]):.1f} km), on MARNET less "
            f"the {len(self.data['removed_edge'])} edges of removed_edge in "
            f"tools/data/sea_lanes/lanes.toml (the Corinth Canal and edges over land)"
        ]
        connector = 0.0
        if km(ports[b], raw[-1]) > gap:
            connector = km(raw[-1], ports[b])
            raw = continuous([*raw, list(ports[b])])
            steps.append(f"a straight geodesic connector from that node to {b}")
        points, index = dense(raw, self.data["dense_km"])
        line = shapely.LineString(points)
        if not self.land.coverage.covers(line):
            raise SystemExit(f"{a} – {b} leaves the land file's coverage: see its README")
        over = self.land.over(line)
        crossed = {}
        for name, zone in self.zones.items():
            inside = sum(geodesic_km(g.coords) for g in pieces(shapely.intersection(over, zone)))
            if inside > 0:
                crossed[name] = inside
        cut = 0.0
        outside = pieces(shapely.difference(over, self.allowed))
        if outside:
            first = min(line.project(shapely.Point(g.coords[0])) for g in outside)
            at = line.interpolate(first)
            if km(ports[b], (at.x, at.y)) > gap:
                where = ", ".join(f"{g.coords[0][1]:.3f} N {g.coords[0][0]:.3f} E" for g in outside)
                raise SystemExit(f"{a} – {b} runs over land at {where}: remove the edge there")
            before = [line.project(shapely.Point(points[i])) < first for i in index]
            total = geodesic_km(raw)
            raw = [*itertools.compress(raw, before), [at.x, at.y]]
            cut = total - geodesic_km(raw)
            connector = max(0.0, connector - cut)
            steps.append(
                f"cut where it first meets {LAND_SOURCE}, {km(ports[b], raw[-1]):.1f} km "
                f"from the port"
            )
        if crossed:
            over_text = "over it only in the allowed crossings of lanes.toml: " + ", ".join(
                f"{name} ({length:.1f} km)" for name, length in crossed.items()
            )
        else:
            over_text = "clear of it"
        steps.append(f"checked against {LAND_SOURCE} every {self.data['dense_km']} km: {over_text}")
        props = {"searoute_length_km": round(float(r["properties"]["length"]), 3)}
        if connector:
            props["connector_km"] = round(connector, 3)
        if cut:
            props["cut_km"] = round(cut, 3)
        if crossed:
            props["crossings"] = list(crossed)
        if passages := r["properties"].get("traversed_passages"):
            props["passages"] = sorted(passages)
        return clean(raw), steps, props


def text(value):
    """A TOML multi-line string as one line (its line-continuation indents closed up)."""
    return " ".join(str(value).split())


def diversion(router, d, version):
    """The lane of a [[diversion]] of lanes.toml: from port to port with some of searoute's
    passages closed, with its status, years and published length as the table gives them."""
    a, b, closed = d["from"], d["to"], d["restrictions"]
    coords, steps, props = router.lane(a, b, restrictions=closed)
    steps[0] += f", with searoute's passages {', '.join(closed)} closed to it"
    source = (
        f"searoute {version} (Eurostat MARNET shipping-lane network) between the ports of "
        f"{' and '.join(PORT_LAYERS)}, by tools/make_sea_lanes.py: "
        + "; ".join(steps)
        + ". "
        + text(d["why"])
    )
    if "published_length_km" in d:
        ratio = props["searoute_length_km"] / d["published_length_km"]
        props["length_note"] = (
            f"searoute's length, {props['searoute_length_km']:,.0f} km, is {ratio:.3f} of the "
            f"published {d['published_length_km']:,} km."
        )
    facts = {
        k: text(d[k]) if isinstance(d[k], str) else d[k] for k in DIVERSION_PROPERTIES if k in d
    }
    print(f"{d['name']}: {props['searoute_length_km']:.1f} km, {len(coords)} vertices")
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": coords},
        "properties": {
            "name": d["name"],
            "from": a,
            "to": b,
            "part": d["part"],
            **facts,
            "source": source,
            **props,
        },
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "layers", help="layers folder (default: layers/)"
    )
    parser.add_argument(
        "--ports",
        type=Path,
        nargs="+",
        default=[ROOT / p for p in PORT_LAYERS],
        help=f"ports layers (default: {' '.join(PORT_LAYERS)})",
    )
    parser.add_argument("--land", type=Path, help="land file (default: lanes.toml's `land`)")
    args = parser.parse_args()
    out = args.out / "maritime" / "sea_lanes.geojson"
    with open(DATA, "rb") as fh:
        data = tomllib.load(fh)
    version = importlib.metadata.version("searoute")
    if version != data["searoute_version"]:
        raise SystemExit(
            f"searoute {version} installed; the lanes are made with {data['searoute_version']}"
        )
    land = Land(args.land or ROOT / data["land"])
    ports = {
        f["properties"]["name"]: f["geometry"]["coordinates"]
        for path in args.ports
        for f in json.loads(path.read_text(encoding="utf-8"))["features"]
    }
    router = Router(data, ports, land)
    main_line = data["main_line"]
    legs = [(a, b, main_line["part"], None) for a, b in itertools.pairwise(main_line["ports"])]
    reached = set(main_line["ports"])
    for branch in data["branch"]:
        if branch["junction"] not in reached:
            raise SystemExit(f"junction {branch['junction']} is on no earlier lane")
        for port in branch["ports"]:
            if port in reached:
                raise SystemExit(f"{port} has a lane already")
            legs.append((branch["junction"], port, branch["part"], branch.get("why")))
            reached.add(port)
    for d in data.get("diversion", []):
        for port in (d["from"], d["to"]):
            if port not in reached:
                raise SystemExit(f"diversion {d['name']!r}: {port} is on no lane")
    beside = {p["port"]: p for p in data.get("beside_lane", [])}
    without = {p["port"] for p in data.get("without_lane", [])}
    if missing := sorted(set(ports) - reached - set(beside) - without):
        raise SystemExit(f"ports without a lane: {', '.join(missing)}")
    feats = []
    for a, b, part, why in legs:
        coords, steps, props = router.lane(a, b)
        source = (
            f"searoute {version} (Eurostat MARNET shipping-lane network) between the ports of "
            f"{' and '.join(PORT_LAYERS)}, by tools/make_sea_lanes.py: " + "; ".join(steps) + "."
        )
        if why:  # why the branch leaves from its junction, with the sources that say so
            source += " Branch from " + a + ": " + " ".join(why.split())
        feats.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": coords},
                "properties": {
                    "name": f"{a} – {b}",
                    "from": a,
                    "to": b,
                    "part": part,
                    "source": source,
                    **props,
                },
            }
        )
        print(f"{a} – {b}: {props['searoute_length_km']:.1f} km, {len(coords)} vertices")
    feats += [diversion(router, d, version) for d in data.get("diversion", [])]
    for name, entry in beside.items():  # a port beside another's lane: check it is near
        lanes = [
            f["geometry"]["coordinates"]
            for f in feats
            if entry["lane_port"] in (f["properties"]["from"], f["properties"]["to"])
        ]
        near = min(km(ports[name], c) for line in lanes for c in dense(line, 1.0)[0])
        if near > data["gap_km"]:
            raise SystemExit(f"{name}: {near:.1f} km from the lanes of {entry['lane_port']}")
        print(f"{name}: beside the lanes of {entry['lane_port']}, {near:.1f} km")
    fc = {"type": "FeatureCollection", **data["layer"], "features": feats}
    write_layer(fc, out, strict=True)
    print(f"wrote {out}: {len(feats)} lanes")


if __name__ == "__main__":
    main()
