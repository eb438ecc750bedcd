#!/usr/bin/env python3
"""Write layers/maritime/northern_sea_route.geojson: the Polar Silk Road, the Northern Sea
Route, from tools/data/sea_lanes/northern_sea_route.toml (its comments explain the fields).

searoute's MARNET network has no edges along Russia's Arctic coast, so the lane is drawn
through the waypoints of the TOML file (straits and seas, each at a named page's
coordinates). Between two waypoints it is the geodesic; where that meets Natural Earth
1:10m land (the `land` file of the TOML file, or --land), the leg goes round it: the land
polygons it meets are taken in an azimuthal equidistant projection centred on the leg, and
the leg follows the shortest way round their convex hull grown by margin_km (through the
hull's corners; a corner is a turn point of the lane). The new legs are checked again, and
so on, until every leg is clear; the lane is then checked against the land every dense_km,
as tools/make_sea_lanes.py checks the sea lanes (and against the land file's coverage). The
feature's "source" lists the waypoints and every detour with the land it goes round.

Usage:  python3 tools/make_polar_route.py [--out DIR] [--land FILE]
        (from the repository root; DIR: the layers folder, default layers/; FILE: the land
        file, default the one the TOML file names; see tests/data/world-atlas/README.md)
"""

import argparse
import itertools
import tomllib
from pathlib import Path

import networkx as nx
import numpy as np
import shapely
from make_sea_lanes import LAND_SOURCE, Land, clean, dense, geodesic_km, pieces
from pyproj import Transformer
from tool_data import degrees

from geo.layers import write_layer

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data" / "sea_lanes" / "northern_sea_route.toml"
#: a leg is detoured at most this many times before the script gives up
MAX_DETOURS = 20
ROUTE_FIELDS = {
    "name", "status", "status_year", "status_source", "start_year", "start_year_source",
    "season_note", "published_length_km", "published_length_source", "length_note_reason",
    "source", "source_note",
}  # fmt: skip


def text(value):
    """A TOML multi-line string as one line (its line-continuation indents closed up)."""
    return " ".join(str(value).split())


def hits(land: Land, a, b, step_km: float) -> list[int]:
    """The land polygons (indices into land.polygons) the geodesic a-b runs over."""
    line = shapely.LineString(dense([a, b], step_km)[0])
    found = land.tree.query(line, predicate="intersects")
    return [int(i) for i in found if geodesic_km_over(line, land.polygons[i]) > 0]


def geodesic_km_over(line, polygon) -> float:
    return sum(geodesic_km(list(g.coords)) for g in pieces(shapely.intersection(line, polygon)))


def round_hull(a, b, polygons, margin_km: float) -> list[list[float]]:
    """The shortest way from a to b round the convex hull of the polygons grown by
    margin_km, in an azimuthal equidistant projection centred between a and b: the hull's
    corners it turns at, as [lon, lat]."""
    lon0, lat0 = dense([a, b], geodesic_km([a, b]) / 2.0)[0][1]  # the geodesic's midpoint
    aeqd = f"+proj=aeqd +lat_0={lat0} +lon_0={lon0} +datum=WGS84 +units=m"
    fwd = Transformer.from_crs("EPSG:4326", aeqd, always_xy=True)
    back = Transformer.from_crs(aeqd, "EPSG:4326", always_xy=True)
    plane = [
        shapely.transform(p, lambda xy: np.c_[fwd.transform(xy[:, 0], xy[:, 1])]) for p in polygons
    ]
    hull = shapely.union_all(plane).convex_hull.buffer(margin_km * 1000.0, quad_segs=4)
    inner = hull.buffer(-1.0)  # a segment along the hull's edge does not enter it
    corners = [tuple(c) for c in hull.exterior.coords[:-1]]
    pa, pb = tuple(fwd.transform(*a)), tuple(fwd.transform(*b))
    if hull.contains(shapely.Point(pa)) or hull.contains(shapely.Point(pb)):
        raise ValueError("a waypoint lies within the land's hull")
    graph = nx.Graph()
    points = [pa, pb, *corners]
    for p, q in itertools.combinations(points, 2):
        seg = shapely.LineString([p, q])
        if not seg.intersects(inner):
            graph.add_edge(p, q, weight=seg.length)
    path = nx.shortest_path(graph, pa, pb, weight="weight")
    return [list(back.transform(*p)) for p in path[1:-1]]


def route(waypoints, land: Land, step_km: float, margin_km: float):
    """The lane through the waypoints, clear of the land: its positions, and one line for
    each detour (the leg, the land it goes round, its turn points)."""
    coords = [list(w["at"]) for w in waypoints]
    names = [w["name"] for w in waypoints]
    notes = []
    out = [coords[0]]
    for (a, b), (na, nb) in zip(itertools.pairwise(coords), itertools.pairwise(names), strict=True):
        leg = [a, b]
        for _ in range(MAX_DETOURS):
            bad = next(
                ((i, found) for i, (p, q) in enumerate(itertools.pairwise(leg))
                 if (found := hits(land, p, q, step_km))),
                None,
            )  # fmt: skip
            if bad is None:
                break
            i, found = bad
            polygons = land.polygons[found]
            turns = round_hull(leg[i], leg[i + 1], polygons, margin_km)
            line = shapely.LineString(dense(leg[i : i + 2], step_km)[0])
            runs = pieces(shapely.intersection(line, shapely.union_all(polygons)))
            runs.sort(key=lambda g: line.project(shapely.Point(g.coords[0])))
            notes.append(
                f"{na} – {nb}: the geodesic ran over {LAND_SOURCE} for "
                + ", ".join(
                    f"{geodesic_km(list(g.coords)):.1f} km from {g.coords[0][1]:.3f} N "
                    f"{g.coords[0][0]:.3f} E"
                    for g in runs
                )
                + f"; the lane turns {margin_km:g} km off the convex hull of that land at "
                + ", ".join(f"{t[1]:.3f} N {t[0]:.3f} E" for t in turns)
            )
            leg = [*leg[: i + 1], *turns, *leg[i + 1 :]]
        else:
            raise SystemExit(f"{na} – {nb}: still over land after {MAX_DETOURS} detours")
        out += leg[1:]
    return out, notes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "layers", help="layers folder (default: layers/)"
    )
    parser.add_argument("--land", type=Path, help="land file (default: the TOML file's `land`)")
    args = parser.parse_args()
    with open(DATA, "rb") as fh:
        data = tomllib.load(fh)
    if unknown := sorted(set(data["route"]) - ROUTE_FIELDS):
        raise SystemExit(f"{DATA.name} [route]: unknown fields {unknown}")
    land = Land(args.land or ROOT / data["land"])
    waypoints = [
        {
            "name": w["name"],
            "at": [degrees(w["lon"]), degrees(w["lat"])],
            "source": text(w["source"]),
        }
        for w in data["waypoint"]
    ]
    for w in waypoints:
        if land.tree.query(shapely.Point(w["at"]), predicate="intersects").size:
            raise SystemExit(f"{DATA.name}: waypoint {w['name']!r} lies on {LAND_SOURCE}")
    coords, notes = route(waypoints, land, data["dense_km"], data["margin_km"])
    line = shapely.LineString(dense(coords, data["dense_km"])[0])
    if not land.coverage.covers(line):
        raise SystemExit("the route leaves the land file's coverage: see its README")
    if outside := pieces(land.over(line)):
        where = ", ".join(f"{g.coords[0][1]:.3f} N {g.coords[0][0]:.3f} E" for g in outside)
        raise SystemExit(f"the route runs over land at {where}")
    r = data["route"]
    drawn = geodesic_km(coords)
    props = {
        "name": r["name"],
        "status": r["status"],
        "status_year": r["status_year"],
        "status_source": text(r["status_source"]),
        "start_year": r["start_year"],
        "start_year_source": text(r["start_year_source"]),
        "season_note": text(r["season_note"]),
        "via": [
            {
                "name": w["name"],
                "lon": round(w["at"][0], 5),
                "lat": round(w["at"][1], 5),
                "source": w["source"],
            }
            for w in waypoints
        ],
        "published_length_km": r["published_length_km"],
        "published_length_source": text(r["published_length_source"]),
        "length_note": (
            f"Drawn at {drawn:,.0f} km on the WGS84 ellipsoid, {drawn / r['published_length_km']:.3f}"
            f" of the published {r['published_length_km']:,} km: {text(r['length_note_reason'])}."
        ),
        "source": (
            f"Through the {len(waypoints)} waypoints of 'via', geodesic between them, by "
            "tools/make_polar_route.py from tools/data/sea_lanes/northern_sea_route.toml; "
            + "; ".join(notes)
            + f"; checked against {LAND_SOURCE} every {data['dense_km']} km: clear of it. "
            + text(r["source"])
        ),
        "source_note": text(r["source_note"]),
    }
    figures = [{**f, "source": text(f["source"])} for f in data.get("figure", [])]
    layer = {k: text(v) for k, v in data["layer"].items()}
    geometry = {"type": "LineString", "coordinates": clean(coords)}
    fc = {
        "type": "FeatureCollection",
        **layer,
        "figures": figures,
        "features": [{"type": "Feature", "geometry": geometry, "properties": props}],
    }
    out = args.out / "maritime" / "northern_sea_route.geojson"
    write_layer(fc, out, strict=True)
    for note in notes:
        print(note)
    print(f"wrote {out}: {props['length_note']}")


if __name__ == "__main__":
    main()
