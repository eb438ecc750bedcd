#!/usr/bin/env python3
"""Write tests/data/world-atlas/ne_10m_land_near_lanes.json: Natural Earth 1:10m land near the sea lanes.

The land is Natural Earth 4.1.0's 1:10m land (public domain) as the npm package
``world-atlas`` 2.0.2 publishes it (``land-10m.json``, TopoJSON, ISC licence). The tarball is
fetched with ``npm pack`` and checked against the sha512 integrity recorded for world-atlas
in geo/static/vendor/vendor.toml (the base map vendors the same release).

The cut: the *coverage* is every 0.5-degree cell that overlaps the latitude/longitude box
of a 100 km circle round any position of the sea lanes (layers/maritime/sea_lanes.geojson,
the Northern Sea Route, layers/maritime/northern_sea_route.geojson, and the submarine cables,
layers/digital/submarine_cables.geojson; positions every 5 km along the geodesic) or round any port (layers/maritime/ports.geojson and layers/projects/ports.geojson),
so every point within 100 km of a lane or a port is inside it. The land kept is the
published land polygons, made valid and merged, inside the coverage.

The file is TopoJSON in the published file's own quantization (its ``transform``: a grid
of 0.0036 by 0.0017 degree), with two objects, ``coverage`` and ``land``. The land's
positions are the published ones, exactly; only the cut's new positions, on the edge of
the coverage (at least 100 km from any lane), are snapped to that grid. Each ring is an
arc of its own. Where the coverage holds a line, the land in the file is all the land the
line can cross.

With ``--all`` the whole world's land is written (no cut, coverage the whole globe): the
file to route new lanes with (``tools/make_sea_lanes.py --land FILE``) before the test
file is cut round them.

Usage:  python3 tools/make_test_land.py [--tarball FILE] [--all] [--out FILE]
        (from the repository root; needs npm unless --tarball names world-atlas-2.0.2.tgz)
"""

from __future__ import annotations

import argparse
import base64
import functools
import hashlib
import io
import json
import math
import tarfile
import tempfile
import tomllib
from pathlib import Path

import numpy as np
import shapely
from vendor import VENDOR, fetch_tarball

from geo.basemap import topology_polygons

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "tests" / "data" / "world-atlas"
OUT = OUT_DIR / "ne_10m_land_near_lanes.json"
#: the lanes: the sea lanes, the Northern Sea Route (tools/make_polar_route.py) and the
#: submarine cables (tools/make_cables.py)
LANES = (
    ROOT / "layers" / "maritime" / "sea_lanes.geojson",
    ROOT / "layers" / "maritime" / "northern_sea_route.geojson",
    ROOT / "layers" / "digital" / "submarine_cables.geojson",
)
#: the ports the lanes serve: the maritime ports and the flagship ports
PORTS = (
    ROOT / "layers" / "maritime" / "ports.geojson",
    ROOT / "layers" / "projects" / "ports.geojson",
)
PACKAGE = "world-atlas"
VERSION = "2.0.2"
MEMBER = "package/land-10m.json"

RADIUS_KM = 100.0
CELL_DEG = 0.5
STEP_KM = 5.0
#: Kilometres in a degree of latitude at its shortest (at the equator, 110.574 km) and in a
#: degree of longitude on the equator (111.319 km, WGS84: a degree of longitude at latitude
#: phi is at least 111.319 cos phi km); dividing by them can only overstate the box.
KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LON = 111.319


def tarball_bytes(path: Path | None) -> bytes:
    """The world-atlas tarball (npm pack, or the file given), checked against vendor.toml."""
    manifest = tomllib.loads((VENDOR / "vendor.toml").read_text(encoding="utf-8"))
    pkg = next(p for p in manifest["package"] if p["name"] == PACKAGE)
    if pkg["version"] != VERSION:
        raise SystemExit(f"vendor.toml records {PACKAGE} {pkg['version']}, expected {VERSION}")
    if path is None:
        with tempfile.TemporaryDirectory() as tmp:
            return fetch_tarball(PACKAGE, VERSION, pkg["integrity"], Path(tmp))
    data = path.read_bytes()
    algo, _, expected = pkg["integrity"].partition("-")
    got = base64.b64encode(hashlib.new(algo, data).digest()).decode()
    if got != expected:
        raise SystemExit(f"{path}: {algo} is {got}, vendor.toml records {expected}")
    return data


def folded(polygon: shapely.Polygon, turn: int, equator: float) -> list[shapely.Polygon]:
    """The polygon cut at ±180° and folded into [-180, 180], in the topology's grid.

    world-atlas stitches Natural Earth's polygons across ±180° (Chukotka with Eurasia and
    Africa, Wrangel Island, Fiji, Antarctica), so their rings step across it; on the plane
    such a ring spans the whole world and covers the sea. As geo/countries.py does, each
    ring is unwrapped (continuous longitudes, a ring round a pole closed along the pole)
    and the polygon is what an odd number of its rings cover; the part east of +180° (or
    west of -180°) is then moved by a turn (``turn``: 360° in grid units) back into range.
    ``equator`` is the grid's y of latitude 0, to tell which pole a ring goes round. A polygon whose rings do not step across ±180° comes back as it is.
    """
    rings = [np.asarray(r.coords) for r in (polygon.exterior, *polygon.interiors)]
    if not any((np.abs(np.diff(r[:, 0])) > turn / 2).any() for r in rings):
        return [polygon]
    areas = []
    for xy in rings:
        step = (np.diff(xy[:, 0]) + turn / 2) % turn - turn / 2
        x = xy[0, 0] + np.r_[0.0, np.cumsum(step)]
        x -= turn * np.floor(x.min() / turn)  # start in [0, turn): east of -180°
        ring = np.column_stack([x, xy[:, 1]])
        if abs(x[-1] - x[0]) > 1e-9:  # round a pole: close it along the pole (beyond ±90°)
            pole = 1e9 if xy[:, 1].mean() > equator else -1e9
            ring = np.vstack([ring, [[x[-1], pole], [x[0], pole]]])
        areas.append(shapely.make_valid(shapely.Polygon(ring)))
    whole = functools.reduce(shapely.symmetric_difference, areas)
    out = []
    for k in (-1, 0, 1, 2):
        piece = shapely.intersection(whole, shapely.box(k * turn, -2e9, (k + 1) * turn, 2e9))
        moved = shapely.transform(piece, lambda xy, k=k: xy - [k * turn, 0.0])
        out += [p for p in polygons_of(moved) if p.area > 0]
    return out


def positions(lanes: tuple[Path, ...], ports: tuple[Path, ...]) -> np.ndarray:
    """Every port, and the lanes' positions at most STEP_KM apart along the geodesic."""
    import geo  # the package's geodesic densification (WGS84)

    pts = [
        f["geometry"]["coordinates"]
        for path in ports
        for f in json.loads(path.read_text())["features"]
    ]
    lines = [
        line
        for path in lanes
        for f in json.loads(path.read_text())["features"]
        for line in shapely.get_parts(shapely.from_geojson(json.dumps(f["geometry"])))
    ]
    dense = geo.densify_geodesic(lines, max_segment_km=STEP_KM)
    return np.concatenate([np.asarray(pts, dtype=float), shapely.get_coordinates(dense)])


def coverage(points: np.ndarray) -> shapely.Geometry:
    """The CELL_DEG cells overlapping the lat/lon box of a RADIUS_KM circle round any point."""
    cells: set[tuple[int, int]] = set()
    dlat = RADIUS_KM / KM_PER_DEG_LAT
    for lon, lat in points:
        lat0, lat1 = max(lat - dlat, -90.0), min(lat + dlat, 90.0)
        widest = min(max(abs(lat0), abs(lat1)), 89.0)
        dlon = RADIUS_KM / (KM_PER_DEG_LON * math.cos(math.radians(widest)))
        for i in range(
            math.floor((lon - dlon) / CELL_DEG), math.floor((lon + dlon) / CELL_DEG) + 1
        ):
            for j in range(math.floor(lat0 / CELL_DEG), math.floor(lat1 / CELL_DEG) + 1):
                cells.add((i, j))
    boxes = [
        shapely.box(i * CELL_DEG, j * CELL_DEG, (i + 1) * CELL_DEG, (j + 1) * CELL_DEG)
        for i, j in sorted(cells)
    ]
    return shapely.coverage_union_all(boxes)


def polygons_of(geom) -> list[shapely.Polygon]:
    """The polygons in a geometry (or an array of them), however deeply collected."""
    parts = shapely.get_parts(geom)
    while (multi := np.isin(shapely.get_type_id(parts), (6, 7))).any():
        parts = np.concatenate([parts[~multi], shapely.get_parts(parts[multi])])
    return [g for g in parts if g.geom_type == "Polygon"]


def encode(polygons: list[shapely.Polygon], arcs: list) -> dict:
    """A TopoJSON MultiPolygon of integer-grid polygons; each ring becomes a new arc."""
    out = []
    for poly in polygons:
        rings = []
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords, dtype=np.int64)
            arcs.append(np.concatenate([xy[:1], np.diff(xy, axis=0)]).tolist())
            rings.append([len(arcs) - 1])
        out.append(rings)
    return {"type": "MultiPolygon", "arcs": out}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, help=f"{PACKAGE}-{VERSION}.tgz (default: npm pack)")
    parser.add_argument("--all", action="store_true", help="the whole world's land, uncut")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output (default: {OUT})")
    parser.add_argument(
        "--lanes", type=Path, nargs="+", default=LANES, help="the lanes to cut round"
    )
    args = parser.parse_args()

    data = tarball_bytes(args.tarball)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        topo = json.load(tar.extractfile(MEMBER))
        licence = tar.extractfile("package/LICENSE").read()
    scale = np.asarray(topo["transform"]["scale"], dtype=float)
    translate = np.asarray(topo["transform"]["translate"], dtype=float)

    def to_grid(geom: shapely.Geometry) -> shapely.Geometry:
        return shapely.transform(geom, lambda xy: (xy - translate) / scale)

    turn = round(360.0 / scale[0])  # a turn of longitude in grid units (99999)
    if not math.isclose(turn * scale[0], 360.0, rel_tol=1e-12):
        raise SystemExit(f"{MEMBER}: 360° is not a whole number of grid units: {360 / scale[0]}")
    flat = [
        p
        for poly in topology_polygons(topo, "land", grid=True)
        for p in folded(poly, turn, -translate[1] / scale[1])
    ]
    valid = shapely.make_valid(np.asarray(flat, dtype=object))
    land = shapely.union_all(polygons_of(shapely.union_all(polygons_of(valid))))
    if args.all:
        cover = shapely.box(-180, -90, 180, 90)
        cut = "the whole world (no cut)"
    else:
        cover = coverage(positions(args.lanes, PORTS))
        cut = (
            f"the land inside the coverage: every {CELL_DEG}-degree cell overlapping the "
            f"latitude/longitude box of a {RADIUS_KM:.0f} km circle round a port of "
            f"layers/maritime/ports.geojson or layers/projects/ports.geojson or a position (every {STEP_KM:.0f} km) of the lanes "
            f"of layers/maritime/sea_lanes.geojson, layers/maritime/northern_sea_route.geojson "
            f"and layers/digital/submarine_cables.geojson"
        )
    cover = shapely.set_precision(to_grid(cover), 1.0)
    land = shapely.set_precision(shapely.intersection(land, cover), 1.0)

    def parts(geom: shapely.Geometry) -> list[shapely.Polygon]:
        return polygons_of(shapely.orient_polygons(geom, exterior_cw=True))  # d3-geo's winding

    arcs: list = []
    land_parts = parts(land)
    objects = {
        "coverage": {"type": "GeometryCollection", "geometries": [encode(parts(cover), arcs)]},
        "land": {"type": "GeometryCollection", "geometries": [encode(land_parts, arcs)]},
    }
    source = (
        f"Natural Earth 4.1.0 1:10m land (public domain) as published in the npm package "
        f"{PACKAGE} {VERSION} ({MEMBER.removeprefix('package/')}, ISC licence: LICENSE), "
        f"made valid and merged; cut by tools/make_test_land.py: {cut}."
    )
    doc = {
        "type": "Topology",
        "name": "Natural Earth 1:10m land near the sea lanes",
        "source": source,
        "transform": topo["transform"],
        "objects": objects,
        "arcs": arcs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, separators=(",", ":"))
        fh.write("\n")
    if args.out.resolve() == OUT.resolve():
        (OUT_DIR / "LICENSE").write_bytes(licence)
    print(f"wrote {args.out}: {len(land_parts)} polygons, {args.out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
