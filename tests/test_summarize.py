"""Summaries of points (geo.summarize, `corridors summarize`): counts and values near each
line, checked against geo.within line by line, and in each country, checked against a
brute-force point-in-polygon over the base map's countries."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import shlex
from collections import Counter

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from conftest import ROOT
from pyproj import Geod
from shapely import LineString, MultiPoint, Point

import geo
from geo import near as near_module
from geo.countries import country_codes
from geo.summarize import NO_POSITION, OUTSIDE

GEOD = Geod(ellps="WGS84")
#: Natural Earth's populated places: 243 points with a population (``pop_max``).
PLACES = "ne_110m_populated_places_simple.json"


# --------------------------------------------------------------------------- helpers


def eurasia(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Positions uniform in longitude and latitude over Eurasia (and the seas about it)."""
    return rng.uniform(-10.0, 145.0, n), rng.uniform(5.0, 72.0, n)


def near_the_edge(lines: gpd.GeoDataFrame, n: int, km: float, rng: np.random.Generator):
    """Positions about ``km`` from the lines, either side, and the line each is taken
    from: from a random point of a random leg, ``km`` ± 300 m across the leg. Their
    distance to that line is near ``km`` (less where it bends towards them), so both sides
    of the edge are tested."""
    geoms = np.asarray(lines.geometry.array, dtype=object)
    parts, owner = shapely.get_parts(geoms, return_index=True)
    coords, part = shapely.get_coordinates(parts, return_index=True)
    leg = np.flatnonzero(part[1:] == part[:-1])
    leg = leg[rng.integers(0, len(leg), n)]
    (lon1, lat1), (lon2, lat2) = coords[leg].T, coords[leg + 1].T
    az, _, length = GEOD.inv(lon1, lat1, lon2, lat2)
    lon, lat, back = GEOD.fwd(lon1, lat1, az, length * rng.uniform(0, 1, n))
    side = np.where(rng.uniform(0, 1, n) < 0.5, 90.0, -90.0)
    across = km * 1000.0 + rng.uniform(-300.0, 300.0, n)
    lon, lat, _ = GEOD.fwd(lon, lat, np.asarray(back) + 180.0 + side, across)
    return np.asarray(lon), np.asarray(lat), owner[part[leg]]


def points_frame(lon, lat, rng: np.random.Generator) -> gpd.GeoDataFrame:
    """Points with an ``amount``: whole numbers (so that sums in any order are exact), one
    in ten missing."""
    amount = rng.integers(0, 1_000_000, len(lon)).astype(float)
    amount[rng.uniform(0, 1, len(lon)) < 0.1] = np.nan
    return gpd.GeoDataFrame(
        {"name": [f"p{i}" for i in range(len(lon))], "amount": amount},
        geometry=gpd.points_from_xy(lon, lat),
        crs=4326,
    )


def brute_force_countries(lon: np.ndarray, lat: np.ndarray) -> list[str | None]:
    """The country of each position, by shapely's contains over every polygon of the base
    map's countries, one country after another in the base map's order (the first that
    contains a position keeps it). A polygon stored across ±180° (Russia's mainland and
    Wrangel Island, Fiji, Antarctica's ring) is taken with its western longitudes moved
    by +360°, and tested with the positions' longitudes in [0°, 360°)."""
    frame = geo.basemap.countries()
    codes = country_codes()
    assert codes["ne_name"].tolist() == frame["name"].tolist()
    out: list[str | None] = [None] * len(lon)
    east = np.where(lon < 0, lon + 360.0, lon)
    for code, geometry in zip(codes["alpha3"], frame.geometry, strict=True):
        for polygon in geometry.geoms:
            rings = [polygon.exterior, *polygon.interiors]
            if any((np.abs(np.diff(np.asarray(r.coords)[:, 0])) > 180).any() for r in rings):
                moved = shapely.transform(polygon, lambda xy: xy + [[360.0, 0.0]] * (xy < 0))
                inside = shapely.contains_xy(moved, east, lat)
            else:
                inside = shapely.contains_xy(polygon, lon, lat)
            for i in np.flatnonzero(inside):
                out[i] = out[i] or code
    return out


# --------------------------------------------------------------------------- by lines


def test_counts_and_sums_agree_with_within_for_every_rail_service(shipped):
    """summarize(points, by=rail services, km=100, values={"amount": "sum"}): for each
    service, the count and sum of what within(points, of=that service, km=100) gives."""
    services = shipped["rail/routes"]
    rng = np.random.default_rng(20240623)
    lon, lat = eurasia(1500, rng)
    edge_lon, edge_lat, taken_from = near_the_edge(services.frame, 1000, 100.0, rng)
    points = points_frame(np.r_[lon, edge_lon], np.r_[lat, edge_lat], rng)
    table = geo.summarize(points, by=services, km=100, values={"amount": "sum"})
    assert table.columns.tolist() == ["feature", "count", "amount_sum"]
    assert table["feature"].tolist() == services.frame["name"].tolist()
    sides: Counter = Counter()
    for i in range(len(services)):
        near = geo.within(points, of=services.frame.iloc[[i]], km=100)
        assert table["count"].iloc[i] == len(near), services.frame["name"].iloc[i]
        assert table["amount_sum"].iloc[i] == near["amount"].sum()
        sides.update(np.isin(1500 + np.flatnonzero(taken_from == i), near.index))
    # the check has teeth: most services have points near them, points near two services
    # count for both, and points by the edge of their line fall on both sides of it (most
    # within: a service's line bends, so another part of it is often nearer)
    assert (table["count"] > 20).sum() >= 25
    assert table["count"].sum() > 2 * len(geo.within(points, of=services, km=100))
    assert sides[True] > 500 and sides[False] > 30


def test_points_at_the_edge_of_km_agree_with_within():
    """Points 100 km ± 300 m across long geodesic legs (their nearest point is the foot,
    so they lie either side of the edge): each line's count is within's."""
    lines = gpd.GeoDataFrame(
        {"name": ["west–east", "north–south", "diagonal", "two legs"]},
        geometry=[
            LineString([(20, 50), (80, 45)]),
            LineString([(60, 70), (62, 10)]),
            LineString([(30, 20), (110, 60)]),
            LineString([(90, 25), (120, 30), (125, 55)]),
        ],
        crs=4326,
    )
    rng = np.random.default_rng(20240625)
    lon, lat, taken_from = near_the_edge(lines, 2000, 100.0, rng)
    points = points_frame(lon, lat, rng)
    table = geo.summarize(points, by=lines, km=100, values={"amount": ["sum", "count"]})
    sides: Counter = Counter()
    for i in range(len(lines)):
        near = geo.within(points, of=lines.iloc[[i]], km=100)
        assert table["count"].iloc[i] == len(near)
        assert table["amount_sum"].iloc[i] == near["amount"].sum()
        assert table["amount_count"].iloc[i] == near["amount"].notna().sum()
        sides.update(np.isin(np.flatnonzero(taken_from == i), near.index))
    assert sides[True] > 600 and sides[False] > 600


def test_a_point_near_two_lines_counts_for_both():
    lines = gpd.GeoDataFrame(
        {"name": ["equator", "1°N", "10°N"]},
        geometry=[
            LineString([(0, 0), (20, 0)]),
            LineString([(0, 1), (20, 1)]),
            LineString([(0, 10), (20, 10)]),
        ],
        crs=4326,
    )
    points = gpd.GeoDataFrame(
        {"teu": [1.0, 2.0, 4.0]}, geometry=[Point(10, 0.5), Point(10, 0.1), Point(10, 5)]
    )
    table = geo.summarize(points, by=lines, km=60, values={"teu": ["sum", "mean", "max"]})
    assert table.columns.tolist() == ["feature", "count", "teu_sum", "teu_mean", "teu_max"]
    assert table["feature"].tolist() == ["equator", "1°N", "10°N"]
    assert table["count"].tolist() == [2, 1, 0]
    assert table["teu_sum"].tolist() == [3.0, 1.0, 0.0]  # the sum of no value is 0
    np.testing.assert_array_equal(table["teu_mean"], [1.5, 1.0, np.nan])  # their mean: NaN
    np.testing.assert_array_equal(table["teu_max"], [2.0, 1.0, np.nan])


def test_lines_without_names_are_named_by_their_index():
    points = gpd.GeoDataFrame(geometry=[Point(10, 0.1)], crs=4326)
    lines = gpd.GeoSeries([LineString([(0, 0), (20, 0)]), None], index=[7, 9], crs=4326)
    table = geo.summarize(points, by=lines, km=50)
    assert table["feature"].tolist() == [7, 9] and table["count"].tolist() == [1, 0]


def test_a_multipoint_counts_once_by_its_nearest_point():
    lines = [LineString([(0, 0), (20, 0)])]
    points = gpd.GeoDataFrame(
        geometry=[MultiPoint([(5, 0.1), (6, 0.1), (10, 3)]), MultiPoint([(10, 3), (11, 3)])],
        crs=4326,
    )
    assert geo.summarize(points, by=lines, km=50)["count"].tolist() == [1]


@pytest.mark.parametrize("km", [0, -1, float("nan"), float("inf"), "50", True])
def test_km_is_checked_as_within_checks_it(km):
    points = gpd.GeoDataFrame(geometry=[Point(0, 0)], crs=4326)
    with pytest.raises(ValueError, match="Expected km to be a finite number > 0"):
        geo.summarize(points, by=LineString([(0, 0), (1, 0)]), km=km)


def test_km_is_required_with_lines_and_refused_with_countries():
    points = gpd.GeoDataFrame(geometry=[Point(0, 0)], crs=4326)
    with pytest.raises(ValueError, match=r"Expected km \(a finite number > 0\) with lines"):
        geo.summarize(points, by=LineString([(0, 0), (1, 0)]))
    with pytest.raises(ValueError, match="Expected no km with by='country'"):
        geo.summarize(points, by="country", km=50)


def test_by_is_country_or_lines():
    points = gpd.GeoDataFrame(geometry=[Point(0, 0)], crs=4326)
    with pytest.raises(ValueError, match=r"Expected by to be 'country' or lines.*'rail/routes'"):
        geo.summarize(points, by="rail/routes", km=5)
    with pytest.raises(ValueError, match=r"Expected LineString or MultiLineString.*Point at row 0"):
        geo.summarize(points, by=[Point(1, 1)], km=5)


def test_lines_and_polygons_as_points_are_refused():
    frame = gpd.GeoDataFrame(geometry=[Point(0, 0), shapely.box(0, 0, 1, 1)], crs=4326)
    for by, km in (("country", None), (LineString([(0, 0), (1, 0)]), 5)):
        with pytest.raises(ValueError, match=r"Expected Point or MultiPoint.*Polygon at row 1"):
            geo.summarize(frame, by=by, km=km)
    with pytest.raises(TypeError, match="Expected a GeoDataFrame or a Layer"):
        geo.summarize([Point(0, 0)], by="country")


# --------------------------------------------------------------------------- pairs_within


def test_pairs_in_batches_are_the_pairs_at_once(shipped, monkeypatch):
    services = shipped["rail/routes"].frame
    rng = np.random.default_rng(7)
    lon, lat, _ = near_the_edge(services, 300, 150.0, rng)
    geoms = [Point(x, y) for x, y in zip(lon, lat, strict=True)]
    # MultiPoints whose points are far apart in the input's order: in two batches
    geoms += [MultiPoint([(lon[i], lat[i]), (lon[-1 - i], lat[-1 - i])]) for i in range(40)]
    points = gpd.GeoDataFrame(geometry=geoms, crs=4326)
    whole = near_module.pairs_within(points, of=services, km=150)
    monkeypatch.setattr(near_module, "_PAIRS_AT_ONCE", 3_000)
    batched = near_module.pairs_within(points, of=services, km=150)
    assert len(whole) > 1000
    pd.testing.assert_frame_equal(batched, whole)


def test_pairs_beyond_half_a_meridian_are_every_point_and_line():
    points = gpd.GeoDataFrame(geometry=[Point(0, 0), None, Point(), Point(180, -89)], crs=4326)
    lines = [LineString([(0, 0), (1, 0)]), None, LineString([(-170, 80), (170, 80)])]
    pairs = near_module.pairs_within(points, of=lines, km=20_004)
    assert pairs.values.tolist() == [[0, 0], [3, 0], [0, 2], [3, 2]]
    assert near_module.pairs_within(points, of=lines, km=5_000).values.tolist() == [[0, 0]]


# --------------------------------------------------------------------------- by country


def test_points_in_kazakhstan_and_mongolia_are_in_kaz_and_mng():
    places = {
        "Almaty": (76.95, 43.25, "KAZ"),
        "Astana": (71.45, 51.17, "KAZ"),
        "Aktau": (51.2, 43.65, "KAZ"),
        "Ulaanbaatar": (106.92, 47.92, "MNG"),
        "Erenhot": (111.98, 43.65, "CHN"),
        "Zamyn-Üüd": (111.9, 43.72, "MNG"),
        "Khovd": (91.64, 48.01, "MNG"),
    }
    frame = gpd.GeoDataFrame(
        {"name": list(places), "n": range(len(places))},
        geometry=[Point(lon, lat) for lon, lat, _ in places.values()],
        crs=4326,
    )
    table = geo.summarize(frame, by="country", values={"n": "sum"}).set_index("iso_a3")
    expected = Counter(code for *_, code in places.values())
    assert table["count"].to_dict() == dict(expected)
    assert table.loc["KAZ", "name"] == "Kazakhstan" and table.loc["MNG", "name"] == "Mongolia"
    assert table.loc["KAZ", "n_sum"] == 0 + 1 + 2 and table.loc["MNG", "n_sum"] == 3 + 5 + 6


def test_countries_agree_with_brute_force_point_in_polygon():
    rng = np.random.default_rng(20240624)
    lon, lat = eurasia(3000, rng)
    # and across ±180°: Chukotka, the Bering Sea, Alaska
    lon = (np.r_[lon, rng.uniform(165.0, 195.0, 500)] + 180.0) % 360.0 - 180.0
    lat = np.r_[lat, rng.uniform(55.0, 72.0, 500)]
    points = points_frame(lon, lat, rng)
    table = geo.summarize(points, by="country", values={"amount": "sum"})
    expected = brute_force_countries(lon, lat)
    assert table["count"].sum() == len(points)  # none dropped, none twice
    got = {(c if c is not None else n): (k, s) for c, n, k, s in table.itertuples(index=False)}
    want: dict[str, tuple[int, float]] = {}
    for code, amount in zip(expected, points["amount"], strict=True):
        key = code if code is not None else OUTSIDE
        k, s = want.get(key, (0, 0.0))
        want[key] = (k + 1, s + (0.0 if math.isnan(amount) else amount))
    assert got == want
    assert {"RUS", "USA", "KAZ", "MNG", "CHN", "IND"} <= set(got) and want[OUTSIDE][0] > 500


def test_countries_come_by_count_then_code_then_those_outside():
    lonlat = [(76.9, 43.2), (71.4, 51.2), (106.9, 47.9), (2.35, 48.85), (60.0, 20.0), (0, 0)]
    frame = gpd.GeoDataFrame(geometry=[Point(p) for p in lonlat] + [None, Point()], crs=4326)
    table = geo.summarize(frame, by="country")
    assert table.values.tolist() == [
        ["KAZ", "Kazakhstan", 2],
        ["FRA", "France", 1],
        ["MNG", "Mongolia", 1],
        [None, OUTSIDE, 2],
        [None, NO_POSITION, 2],
    ]


def test_a_point_on_a_border_counts_once_where_length_by_country_puts_it():
    frame = geo.basemap.countries().set_index("name")
    shared = shapely.intersection(
        frame.loc["Kazakhstan", "geometry"].boundary, frame.loc["China", "geometry"].boundary
    )
    vertex = shapely.get_coordinates(shared)[5]
    assert shapely.intersects_xy(frame.loc["Kazakhstan", "geometry"], *vertex)
    assert shapely.intersects_xy(frame.loc["China", "geometry"], *vertex)
    table = geo.summarize(gpd.GeoDataFrame(geometry=[Point(vertex)], crs=4326), by="country")
    (where,) = geo.length_by_country(LineString([vertex, vertex]))["country"]
    assert table.values.tolist() == [[where, table["name"].iloc[0], 1]]
    # the first of the two in the base map's order
    order = country_codes()["alpha3"].tolist()
    assert where == min(("KAZ", "CHN"), key=order.index)


def test_a_multipoint_counts_once_in_each_country_it_touches():
    frame = gpd.GeoDataFrame(
        geometry=[MultiPoint([(76.9, 43.2), (71.4, 51.2), (106.9, 47.9), (60.0, 20.0)])],
        crs=4326,
    )
    table = geo.summarize(frame, by="country")
    assert table.values.tolist() == [
        ["KAZ", "Kazakhstan", 1],
        ["MNG", "Mongolia", 1],
        [None, OUTSIDE, 1],
    ]


def test_points_at_sea_and_in_another_crs_are_counted():
    frame = gpd.GeoDataFrame(
        geometry=[Point(76.95, 43.25), Point(65.0, 15.0), Point(50.5, 42.0)], crs=4326
    ).to_crs(3857)  # Almaty, the Arabian Sea, the Caspian
    table = geo.summarize(frame, by="country")
    assert table.values.tolist() == [["KAZ", "Kazakhstan", 1], [None, OUTSIDE, 2]]


# --------------------------------------------------------------------------- values


def test_missing_values_are_skipped():
    frame = gpd.GeoDataFrame(
        {
            "a": pd.array([5, None, 7, None], dtype="Int64"),
            "b": [None, None, None, 1.0],
            "t": ["x", None, float("nan"), "y"],
        },
        geometry=[Point(76.9, 43.2), Point(71.4, 51.2), Point(77.0, 43.0), Point(60.0, 20.0)],
        crs=4326,
    )
    stats = ["sum", "mean", "max", "min", "count"]
    table = geo.summarize(frame, by="country", values={"a": stats, "b": stats, "t": "count"})
    kaz = table.iloc[0]
    assert kaz["iso_a3"] == "KAZ" and kaz["count"] == 3
    assert [kaz[f"a_{s}"] for s in stats] == [12.0, 6.0, 7.0, 5.0, 2]
    assert kaz["b_sum"] == 0.0 and kaz["b_count"] == 0
    assert all(math.isnan(kaz[f"b_{s}"]) for s in ("mean", "max", "min"))
    assert kaz["t_count"] == 1 and table.iloc[1]["t_count"] == 1
    assert table["count"].dtype == np.int64 and table["a_count"].dtype == np.int64


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("12", "'12'"),
        ("n/a", "'n/a'"),
        (True, "True"),
        (float("inf"), "inf (a number too large for a float)"),
        (10**400, "1000000000"),
        ([1, 2], "[1, 2]"),
    ],
)
def test_a_value_that_is_not_a_number_is_named_with_its_column_and_row(value, shown):
    frame = gpd.GeoDataFrame(
        {"name": ["Almaty", "Aktau"], "teu": pd.Series([1.5, value], dtype=object)},
        geometry=[Point(76.9, 43.2), Point(51.2, 43.65)],
        crs=4326,
    )
    with pytest.raises(ValueError) as error:
        geo.summarize(frame, by="country", values={"teu": "sum"})
    message = str(error.value)
    assert message.startswith(
        "values: column 'teu', row 1 ('Aktau'): expected a finite number for 'sum', instead got "
    )
    assert shown in message
    # counting values takes any value
    table = geo.summarize(frame, by="country", values={"teu": "count"})
    assert table["teu_count"].tolist() == [2]


def test_every_unknown_column_and_statistic_is_named_at_once():
    frame = gpd.GeoDataFrame({"teu": [1.0]}, geometry=[Point(0, 0)], crs=4326)
    with pytest.raises(ValueError) as error:
        geo.summarize(frame, by="country", values={"nope": "sum", "teu": ["sum", "avg"]})
    assert str(error.value) == (
        "values: no column 'nope'; expected one of: 'teu'; column 'teu': expected 'sum', "
        "'mean', 'max', 'min', 'count', instead got 'avg'"
    )
    with pytest.raises(ValueError, match="Expected values to be a dict"):
        geo.summarize(frame, by="country", values=["teu"])
    with pytest.raises(ValueError, match="no column 'geometry'"):
        geo.summarize(frame, by="country", values={"geometry": "count"})


# --------------------------------------------------------------------------- the command


LINES_LAYER = {
    "type": "FeatureCollection",
    "name": "Two lines",
    "category": "other",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": '=HYPERLINK("http://x.example")\x1b[2J\u202eevil'},
            "geometry": {"type": "LineString", "coordinates": [[79, -20], [81, -20]]},
        },
        {
            "type": "Feature",
            "properties": {"name": "1°N"},
            "geometry": {"type": "LineString", "coordinates": [[79, -19], [81, -19]]},
        },
        {
            "type": "Feature",
            "properties": {"name": "a point"},
            "geometry": {"type": "Point", "coordinates": [80, -19.8]},
        },
    ],
}


def point_feature(lon, lat, **properties) -> dict:
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
    }


@pytest.fixture
def folders(tmp_path):
    """A layers folder with a layer of lines (and a point), and a file of points beside it
    with a numeric column, a text one and a hostile one."""
    (tmp_path / "layers").mkdir()
    (tmp_path / "layers" / "two.geojson").write_text(json.dumps(LINES_LAYER), encoding="utf-8")
    features = [
        point_feature(80, -19.7, name="a", teu=100, note="x", **{"=cmd|' /C calc'!A0": 1}),
        point_feature(80, -19.5, name="b", teu=None, note=None, **{"=cmd|' /C calc'!A0": 2}),
        point_feature(76.95, 43.25, name="Almaty", teu=5.5, note="y"),
        point_feature(65.0, 15.0, name="at sea", teu=1, note="z"),
    ]
    doc = {"type": "FeatureCollection", "name": "P", "category": "port", "features": features}
    (tmp_path / "points.geojson").write_text(json.dumps(doc), encoding="utf-8")
    return tmp_path


def test_command_table_by_lines(folders, cli):
    argv = ["summarize", "--layer", folders / "points.geojson", "--by", "two", "--km", "60"]
    status, out, err = cli(*argv, "--sum", "teu", "--mean", "teu", "--layers", folders / "layers")
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["feature", "count", "teu_sum", "teu_mean"]
    assert "\x1b" not in out and "\u202e" not in out and "\\x1b[2J\\u202eevil" in lines[1]
    assert lines[1].split()[-3:] == ["2", "100", "100"]
    assert lines[2].split() == ["1°N", "1", "0", "-"]
    assert lines[3] == (
        f"4 feature(s) of {folders / 'points.geojson'}; each counts for every line of two "
        "within 60 km of it (WGS84 geodesic distance)"
    )


def test_command_table_by_country(folders, cli):
    argv = ["summarize", "--layer", folders / "points.geojson", "--by", "country"]
    status, out, err = cli(*argv, "--max", "teu", "--min", "teu")
    assert status == 0 and err == ""
    assert [line.split() for line in out.splitlines()[:3]] == [
        ["iso_a3", "name", "count", "teu_max", "teu_min"],
        ["KAZ", "Kazakhstan", "1", "5.50", "5.50"],
        ["-", "outside", "every", "country", "3", "100", "1"],
    ]
    assert out.splitlines()[3].startswith("4 feature(s) of ")


def test_command_table_shows_years_as_years(tmp_path, cli):
    features = [
        point_feature(76.95, 43.25, name=n, start_year=y) for n, y in (("A", 2018), ("B", 2011))
    ]
    doc = {"type": "FeatureCollection", "name": "P", "category": "port", "features": features}
    (tmp_path / "points.geojson").write_text(json.dumps(doc), encoding="utf-8")
    argv = ["summarize", "--layer", tmp_path / "points.geojson", "--by", "country"]
    status, out, err = cli(*argv, "--max", "start_year", "--min", "start_year")
    assert (status, err) == (0, "")
    assert out.splitlines()[1].split() == ["KAZ", "Kazakhstan", "2", "2018", "2011"]


def test_command_csv_and_json_keep_hostile_text_inert(folders, cli):
    argv = ["summarize", "--layer", folders / "points.geojson", "--by", "two", "--km", "60"]
    argv += ["--sum", "teu", "=cmd|' /C calc'!A0", "--layers", folders / "layers"]
    status, out, err = cli(*argv, "--format", "csv")
    assert status == 0 and err == ""
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["feature", "count", "teu_sum", "'=cmd|' /C calc'!A0_sum"]
    assert rows[1][0] == '\'=HYPERLINK("http://x.example")\\x1b[2J\\u202eevil'
    assert rows[1][1:] == ["2", "100.0", "3.0"] and rows[2] == ["1°N", "1", "0.0", "2.0"]
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", out)
    status, out, err = cli(*argv, "--format", "json")
    assert status == 0 and err == ""
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", out)
    records = json.loads(out)
    assert records[0] == {
        "feature": LINES_LAYER["features"][0]["properties"]["name"],
        "count": 2,
        "teu_sum": 100.0,
        "=cmd|' /C calc'!A0_sum": 3.0,
    }


def test_command_json_by_country_writes_missing_as_null(folders, cli):
    argv = ["summarize", "--layer", folders / "points.geojson", "--by", "country"]
    status, out, _err = cli(*argv, "--mean", "teu", "--format", "json")
    assert status == 0
    assert json.loads(out) == [
        {"iso_a3": "KAZ", "name": "Kazakhstan", "count": 1, "teu_mean": 5.5},
        {"iso_a3": None, "name": OUTSIDE, "count": 3, "teu_mean": 50.5},
    ]
    points = folders / "empty.geojson"
    doc = {"type": "FeatureCollection", "name": "E", "category": "port", "features": []}
    points.write_text(json.dumps(doc), encoding="utf-8")
    status, out, _err = cli("summarize", "--layer", points, "--by", "country", "--format", "json")
    assert status == 0 and json.loads(out) == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--by", "nope", "--km", "5"], "no layer with id 'nope'"),
        (["--by", "two"], "Expected --km KM with --by two"),
        (["--by", "country", "--km", "5"], "Expected no --km with --by country"),
        (["--by", "two", "--km", "0"], "Expected km to be a finite number > 0"),
        (["--by", "country", "--sum", "note"], "values: column 'note', row 0 ('a'): expected "
         "a finite number for 'sum', instead got 'x' (and 2 more row(s))"),
        (["--by", "country", "--mean", "tue"], "values: no column 'tue'; expected one of:"),
    ],
)  # fmt: skip
def test_command_errors_are_one_line(folders, extra, message, cli):
    argv = ["summarize", "--layer", folders / "points.geojson", *extra]
    status, out, err = cli(*argv, "--layers", folders / "layers")
    assert status == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("corridors summarize: error: ")
    assert message in err


def test_command_refuses_a_file_of_lines_as_the_points(folders, cli):
    plain = folders / "lines.geojson"
    doc = {"type": "FeatureCollection", "features": LINES_LAYER["features"][:2]}
    plain.write_text(json.dumps(doc), encoding="utf-8")
    status, _out, err = cli("summarize", "--layer", plain, "--by", "country")
    assert status == 1 and err.count("\n") == 2  # the note that it was read, and the error
    note, error = err.splitlines()
    assert note.startswith(f"note: {plain} is not a layer file")
    assert error.startswith(f"corridors summarize: error: {plain}: feature 0 (")
    assert error.endswith(
        "expected Point or MultiPoint features for --layer, instead got LineString (and 1 more)"
    )
    assert "\x1b" not in err and "\u202e" not in err
    shipped = ROOT / "layers" / "rail" / "routes.geojson"
    status, _out, err = cli("summarize", "--layer", shipped, "--by", "country")
    assert status == 1 and "Expected a layer of points for --layer" in err
    assert err.count("\n") == 1


def test_command_refuses_a_layer_of_points_as_the_lines(folders, cli):
    argv = ["summarize", "--layer", folders / "points.geojson", "--by", "rail/terminals"]
    status, _out, err = cli(*argv, "--km", "5", "--layers", ROOT / "layers")
    assert status == 1 and err.count("\n") == 1
    assert "Expected a layer of lines for ID, instead got 'rail/terminals'" in err


def test_natural_earth_places_by_country_with_their_population(real, cli):
    path = real / PLACES
    argv = ["summarize", "--layer", path, "--by", "country", "--sum", "pop_max"]
    status, out, err = cli(*argv, "--format", "csv")
    assert status == 0
    assert err.startswith(f"note: {path} is not a layer file; read as 'corridors import' would")
    rows = list(csv.DictReader(io.StringIO(out)))
    places = gpd.read_file(path)
    codes = brute_force_countries(places.geometry.x.to_numpy(), places.geometry.y.to_numpy())
    want: dict[str, list] = {}
    for code, pop in zip(codes, places["pop_max"], strict=True):
        key = code or OUTSIDE
        want.setdefault(key, [0, 0])
        want[key] = [want[key][0] + 1, want[key][1] + int(pop)]
    got = {r["iso_a3"] or r["name"]: [int(r["count"]), float(r["pop_max_sum"])] for r in rows}
    assert got == want
    assert sum(n for n, _ in got.values()) == len(places) == 243
    assert rows[-1]["name"] == OUTSIDE and rows[-1]["iso_a3"] == ""
    by_code = {r["iso_a3"]: r for r in rows}
    # Beijing, Shanghai, Chengdu and Ürümqi; Astana; Ulaanbaatar
    china = places[places["adm0_a3"] == "CHN"]
    assert by_code["CHN"]["count"] == str(len(china))
    assert float(by_code["CHN"]["pop_max_sum"]) == china["pop_max"].sum()
    assert by_code["KAZ"]["name"] == "Kazakhstan" and by_code["MNG"]["name"] == "Mongolia"


# --------------------------------------------------------------------------- the README


def test_readme_examples_print_what_the_readme_shows(monkeypatch, cli):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = re.findall(r"^\$ corridors (summarize .*)\n((?:(?!\$ |```).*\n)*)", readme, re.M)
    assert len(examples) >= 2
    monkeypatch.chdir(ROOT)
    for command, expected in examples:
        status, out, _err = cli(*shlex.split(command))
        assert status == 0
        assert out == expected, command


def test_readme_python_example_runs_and_prints_what_it_shows(monkeypatch, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Summaries by line and by country", 1)[1].split("\n## ", 1)[0]
    code, printed = re.findall(r"```(?:python)?\n(.*?)```", section, re.S)[-2:]
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out == printed


@pytest.mark.data
def test_readme_numbers_of_the_shipped_layers(shipped):
    """What the README says of the shipped ports and terminals by country."""
    from geo.countries import country_at

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ports = shipped["maritime/ports"]
    table = geo.summarize(ports, by="country")
    outside = table.loc[table["name"] == OUTSIDE, "count"].item()
    assert f"{outside} of the {len(ports)} ports lie just off the coastline" in readme
    terminals = shipped["rail/terminals"].frame
    where = country_at(terminals.geometry.x, terminals.geometry.y)["country"]
    across = terminals["name"][where.notna() & (where != terminals["country"])].tolist()
    words = {3: "Three", 4: "Four", 5: "Five"}
    assert (
        f"{words[len(across)]} of the {len(terminals)} rail terminals, all at border "
        f"crossings ({', '.join(across)}), fall on the neighbour's side"
    ) in readme
