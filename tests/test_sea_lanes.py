"""The sea lanes keep off land, reach every port and have the shape issue 12 asks for.

The land is Natural Earth 4.1.0 1:10m land as world-atlas 2.0.2 publishes it, cut round
the lanes and ports (tests/data/world-atlas, see its README). Lanes may run over that land
only in the allowed crossings named in tools/data/sea_lanes/lanes.toml (canals, rivers and
a strait that 1:10m land draws over). Nothing here needs searoute or the network.

``SEA_LANES=FILE`` checks another version of the layer (e.g. one from ``git show``).
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import tomllib
from pathlib import Path

import numpy as np
import pytest
import shapely
from conftest import ROOT
from pyproj import Transformer

import geo

#: The shipped data checked, not code: left out by ``pytest -m "not data"``.
pytestmark = pytest.mark.data

LANES_FILE = Path(os.environ.get("SEA_LANES", ROOT / "layers" / "maritime" / "sea_lanes.geojson"))
PORTS_FILE = ROOT / "layers" / "maritime" / "ports.geojson"
FLAGSHIP_PORTS_FILE = ROOT / "layers" / "projects" / "ports.geojson"
LAND_DIR = ROOT / "tests" / "data" / "world-atlas"
LAND_FILE = LAND_DIR / "ne_10m_land_near_lanes.json"
DATA = ROOT / "tools" / "data" / "sea_lanes" / "lanes.toml"

#: Positions every STEP_KM along each lane's geodesic for the land and distance checks (a
#: 1 km chord is within a millimetre of its geodesic).
STEP_KM = 1.0
#: Land a lane may cross outside the allowed crossings. The lanes are cut where they meet
#: the coast, and their positions are rounded to 5 decimals (at most 0.8 m), so a lane's
#: end may sit a metre inside the coastline; 10 m is ten times that and far below any real
#: crossing (the old layer crossed 2 km of an island and 9.9 km of Cape Malea).
TOLERANCE_KM = 0.01
PORT_KM = 30.0


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


LANES = load(LANES_FILE)["features"]
PORTS = {
    f["properties"]["name"]: f["geometry"]["coordinates"] for f in load(PORTS_FILE)["features"]
}
with open(DATA, "rb") as fh:
    TABLE = tomllib.load(fh)
FLAGSHIP_PORTS = {
    f["properties"]["name"]: f["geometry"]["coordinates"]
    for f in load(FLAGSHIP_PORTS_FILE)["features"]
}
#: flagship ports beside another port's lane, and those with no lane yet (each with why)
BESIDE = {p["port"] for p in TABLE.get("beside_lane", [])}
WITHOUT = {p["port"] for p in TABLE.get("without_lane", [])}
MAIN_PART = TABLE["main_line"]["part"]
#: the parts of the [[diversion]] lanes: a second lane between two ports, not a branch
DIVERSION_PARTS = {d["part"] for d in TABLE.get("diversion", [])}


def topology_polygons(topo: dict, name: str) -> list[shapely.Geometry]:
    """A TopoJSON object's polygons in degrees, each made valid."""
    return [shapely.make_valid(p) for p in geo.basemap.topology_polygons(topo, name)]


@pytest.fixture(scope="module")
def land() -> tuple[shapely.STRtree, list[shapely.Geometry], shapely.Geometry]:
    topo = load(LAND_FILE)
    polygons = topology_polygons(topo, "land")
    return (
        shapely.STRtree(polygons),
        polygons,
        shapely.union_all(topology_polygons(topo, "coverage")),
    )


@functools.cache
def _dense(i: int) -> shapely.Geometry:
    line = shapely.LineString(LANES[i]["geometry"]["coordinates"])
    return geo.split_antimeridian(geo.densify_geodesic(line, max_segment_km=STEP_KM))


def dense(feature: dict) -> shapely.Geometry:
    """The lane with positions every STEP_KM along its geodesic, cut at ±180° (a lane across
    the Pacific steps from 180° to -180°: on the plane it would run the wrong way round the
    world, so it is checked as a MultiLineString in [-180, 180])."""
    return _dense(next(i for i, f in enumerate(LANES) if f is feature))


def crossing_zone(crossing: dict) -> shapely.Geometry:
    """Everything within radius_km of the crossing's MARNET edges, computed in an azimuthal
    equidistant projection centred on its first node (distances true from there, within
    0.1% over the few hundred km of a crossing)."""
    lon0, lat0 = crossing["path"][0]
    aeqd = f"+proj=aeqd +lat_0={lat0} +lon_0={lon0} +datum=WGS84 +units=m"
    back = Transformer.from_crs(aeqd, "EPSG:4326", always_xy=True)
    x, y = Transformer.from_crs("EPSG:4326", aeqd, always_xy=True).transform(
        *np.asarray(crossing["path"], dtype=float).T
    )
    zone = shapely.buffer(shapely.LineString(np.c_[x, y]), crossing["radius_km"] * 1000.0)
    zone = shapely.segmentize(zone, 200.0)
    return shapely.transform(zone, lambda xy: np.c_[back.transform(xy[:, 0], xy[:, 1])])


ZONES = {c["name"]: crossing_zone(c) for c in TABLE["allowed_crossing"]}


def over_land(line: shapely.LineString, land) -> shapely.Geometry:
    tree, polygons, _ = land
    hits = tree.query(line, predicate="intersects")
    return shapely.intersection(line, shapely.union_all([polygons[i] for i in hits]))


def test_the_land_file_is_world_atlas_with_its_licence():
    topo = load(LAND_FILE)
    assert "world-atlas 2.0.2" in topo["source"] and "Natural Earth 4.1.0" in topo["source"]
    assert topo["transform"]["translate"] == [-180, -85.22193775799991]  # land-10m's own
    licence = (LAND_DIR / "LICENSE").read_text()
    assert "Michael Bostock" in licence and "Permission to use, copy, modify" in licence
    assert {"land", "coverage"} <= topo["objects"].keys()
    # cut round the sea lanes (the Cape diversion's Atlantic too) and the Northern Sea Route
    assert LAND_FILE.stat().st_size < 600_000


def test_every_lane_is_inside_the_land_files_coverage(land):
    """Else land the lane crosses might have been cut away (regenerate the land file)."""
    coverage = land[2]
    outside = [f["properties"]["name"] for f in LANES if not coverage.covers(dense(f))]
    assert outside == []


def test_lanes_cross_land_only_in_the_allowed_crossings(land):
    allowed = shapely.union_all(list(ZONES.values()))
    crossed = {}
    for feature in LANES:
        outside = shapely.difference(over_land(dense(feature), land), allowed)
        crossed[feature["properties"]["name"]] = geo.geodesic_length(outside)
    worst = max(crossed, key=crossed.get)
    assert crossed[worst] < TOLERANCE_KM, {k: round(v, 2) for k, v in crossed.items() if v > 0}


def test_each_lane_names_the_crossings_it_runs_over_land_in(land):
    for feature in LANES:
        over = over_land(dense(feature), land)
        used = sorted(n for n, z in ZONES.items() if geo.geodesic_length(over.intersection(z)) > 0)
        assert sorted(feature["properties"].get("crossings", [])) == used, feature["properties"][
            "name"
        ]
        for name in used:
            assert name in feature["properties"]["source"]


def test_the_allowed_crossings_are_few_small_and_explained():
    assert {"Suez Canal", "Nieuwe Waterweg"} <= ZONES.keys()
    for c in TABLE["allowed_crossing"]:
        assert c["why"].strip() and len(c["path"]) >= 2, c["name"]
        assert 0 < c["radius_km"] <= 2, c["name"]


def test_every_port_is_within_30_km_of_a_lane():
    """Geodesic distance to the lanes' positions every STEP_KM (an upper bound on the
    distance to the line itself)."""
    positions = np.concatenate([shapely.get_coordinates(dense(f)) for f in LANES])
    far = {}
    for name, (lon, lat) in (PORTS | FLAGSHIP_PORTS).items():
        if name in WITHOUT:
            continue
        dlon = (positions[:, 0] - lon + 180.0) % 360.0 - 180.0  # across ±180° too
        near = positions[(np.abs(positions[:, 1] - lat) < 1.0) & (np.abs(dlon) < 1.5)]
        km = geo.distance_matrix([(lon, lat)], near if len(near) else positions).min()
        if km > PORT_KM:
            far[name] = round(float(km), 1)
    assert far == {}


def test_every_port_has_its_own_lane_from_the_main_line_or_a_branch_of_it():
    main = [f for f in LANES if f["properties"]["part"] == MAIN_PART]
    for a, b in itertools.pairwise(main):
        assert a["properties"]["to"] == b["properties"]["from"], "the main line is one chain"
    reached = {main[0]["properties"]["from"]} | {f["properties"]["to"] for f in main}
    for f in LANES:
        p = f["properties"]
        if p["part"] == MAIN_PART or p["part"] in DIVERSION_PARTS:
            continue
        assert p["from"] in reached, f"{p['name']}: its junction is on no earlier lane"
        assert p["to"] not in reached, f"{p['name']}: {p['to']} has a lane already"
        # the branch leaves from a position of a lane that serves its junction
        start = f["geometry"]["coordinates"][0]
        serving = [
            c
            for g in LANES
            if g is not f and p["from"] in (g["properties"]["from"], g["properties"]["to"])
            for c in g["geometry"]["coordinates"]
        ]
        assert geo.distance_matrix([start], serving).min() < 0.1, p["name"]
        reached.add(p["to"])
    assert reached == set(PORTS) | (set(FLAGSHIP_PORTS) - BESIDE - WITHOUT)


def test_every_port_has_a_lane_or_is_beside_one():
    """Issue 12 asks every port within 30 km of a lane: none is without, and those beside
    another port's lane are flagship ports that say why."""
    assert not WITHOUT
    assert BESIDE - set(FLAGSHIP_PORTS) == set()
    assert not (WITHOUT & BESIDE)
    for entry in TABLE.get("without_lane", []) + TABLE.get("beside_lane", []):
        assert entry["why"].strip(), entry["port"]


def test_gwadar_is_on_a_branch_of_its_own_not_on_the_main_line():
    main = [f for f in LANES if f["properties"]["part"] == MAIN_PART]
    assert all("Gwadar" not in (f["properties"]["from"], f["properties"]["to"]) for f in main)
    positions = np.concatenate([shapely.get_coordinates(dense(f)) for f in main])
    assert geo.distance_matrix([PORTS["Gwadar"]], positions).min() > 100  # not passing by it
    (own,) = [f for f in LANES if f["properties"]["to"] == "Gwadar"]
    assert own["properties"]["part"] != MAIN_PART
    assert not [f for f in LANES if f["properties"]["from"] == "Gwadar"]


def test_a_lane_through_the_strait_of_hormuz_reaches_khalifa_port():
    """Off land (the test above) from the main line to within 30 km of Khalifa Port, a lane
    can only have come through the Strait of Hormuz; MARNET says so too ('ormuz')."""
    khalifa = "Khalifa Port (Abu Dhabi)"
    (lane,) = [f for f in LANES if f["properties"]["to"] == khalifa]
    main_ports = set(TABLE["main_line"]["ports"])
    assert lane["properties"]["from"] in main_ports
    assert "ormuz" in lane["properties"]["passages"]
    end = lane["geometry"]["coordinates"][-1]
    assert geo.distance(end, PORTS[khalifa]) <= PORT_KM


def test_the_main_line_sails_colombo_to_djibouti_direct():
    main = [f for f in LANES if f["properties"]["part"] == MAIN_PART]
    legs = {(f["properties"]["from"], f["properties"]["to"]) for f in main}
    assert ("Colombo", "Djibouti (Doraleh)") in legs
    assert main[0]["properties"]["from"] == "Shanghai (Yangshan)"
    assert main[-1]["properties"]["to"] == "Rotterdam"


def test_sources_name_searoute_marnet_and_the_land():
    for f in LANES:
        source = f["properties"]["source"]
        assert "searoute 1.6.0" in source and "MARNET" in source, f["properties"]["name"]
        assert "Natural Earth 1:10m land" in source


#: Points in open sea (lon, lat), each a vertex of a lane in mid-ocean (so inside the
#: coverage): the broken whole-world land once covered the sea off Angola
SEA_POINTS = {
    "off Angola": (11.5, -16.5),
    "South Atlantic (Singapore – Lobito)": (13.80944, -22.90921),
    "Gulf of Guinea (Lobito – Lekki)": (8.02002, -1.03266),
    "Indian Ocean (Singapore – Lobito)": (61.10778, -28.9535),
    "North Pacific at 180° (Shanghai – Chancay)": (180.0, 50.0),
    "North Pacific at -150° (Shanghai – Chancay)": (-150.00218, 43.63569),
    "East Pacific (Shanghai – Chancay)": (-99.95967, 12.6214),
}


def test_no_land_polygon_spans_more_than_180_degrees(land):
    """A polygon stitched across ±180° (Chukotka, Fiji, Antarctica in world-atlas) taken as
    a plane ring spans the whole world and covers the sea; tools/make_test_land.py folds them."""
    _, polygons, _ = land
    bounds = shapely.bounds(np.asarray(polygons, dtype=object))
    wide = bounds[bounds[:, 2] - bounds[:, 0] > 180]
    assert not len(wide), wide.round(1).tolist()


@pytest.mark.parametrize("name", SEA_POINTS)
def test_open_sea_is_not_land(land, name):
    tree, _, coverage = land
    point = shapely.Point(SEA_POINTS[name])
    assert coverage.covers(point), f"{name} is outside the land file's coverage"
    assert not len(tree.query(point, predicate="intersects")), name


def test_the_chancay_lane_crosses_the_pacific_over_180_degrees():
    (lane,) = [f for f in LANES if f["properties"]["to"] == "Port of Chancay"]
    assert lane["properties"]["from"] == "Shanghai (Yangshan)"
    assert dense(lane).geom_type == "MultiLineString"  # cut at ±180°: it crosses there
    assert len(shapely.get_parts(dense(lane))) == 2  # once, eastward, not round the world
    # along the geodesic it is about as long as searoute's MARNET path plus the connector
    p = lane["properties"]
    drawn = geo.geodesic_length(shapely.LineString(lane["geometry"]["coordinates"]))
    assert abs(drawn - (p["searoute_length_km"] + p["connector_km"])) < 0.01 * drawn
    assert drawn < 20_000  # the way across the Pacific, not west round Africa


def test_the_west_african_ports_are_reached_round_the_cape_of_good_hope():
    (lane,) = [f for f in LANES if f["properties"]["to"] == "Port of Lobito"]
    assert lane["properties"]["from"] in TABLE["main_line"]["ports"]
    lats = np.asarray(lane["geometry"]["coordinates"])[:, 1]
    assert lats.min() < -34.35  # south of the Cape of Good Hope (34.36 S)
    for port in ("Kribi Deep Sea Port", "Lekki Deep Sea Port"):
        (own,) = [f for f in LANES if f["properties"]["to"] == port]
        assert own["properties"]["from"] == "Port of Lobito"
