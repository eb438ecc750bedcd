"""What lies near a line (geo.within, `corridors near`): exact geodesic distances from
points to lines, checked against brute force."""

from __future__ import annotations

import itertools
import json
import sys

import geopandas as gpd
import numpy as np
import pytest
import shapely
from conftest import ROOT
from pyproj import Geod
from shapely import LineString, MultiLineString, MultiPoint, Point

import geo
from geo import near as near_module

GEOD = Geod(ellps="WGS84")
#: Brute force: the line sampled every SAMPLE_M metres along its geodesics. It is never
#: nearer than the exact distance, and for points over MIN_KM away never further than
#: (SAMPLE_M / 2)**2 / (2 * MIN_KM km) = 0.06 m: the test asks for agreement to 1 m.
SAMPLE_M = 50.0
MIN_KM = 5.0
TOLERANCE_M = 1.0

LINES = {
    "across ±180°": LineString([(170, 60), (-170, 65), (-150, 50)]),
    "near the north pole": LineString([(0, 85), (120, 88), (-100, 86)]),
    "near the south pole": LineString([(-30, -80), (150, -86)]),
    "Karakoram": MultiLineString(
        [[(75.99, 39.47), (74.8, 36.2), (73.05, 33.7)], [(73, 33), (67, 30)]]
    ),
    "a long leg": LineString([(-10, 10), (60, 40)]),
}


def brute_force_m(point: tuple[float, float], line) -> float:
    best = np.inf
    for part in getattr(line, "geoms", [line]):
        c = np.asarray(part.coords)
        for (lon1, lat1), (lon2, lat2) in itertools.pairwise(c):
            r = GEOD.inv_intermediate(
                lon1, lat1, lon2, lat2, del_s=SAMPLE_M, initial_idx=0, terminus_idx=0,
                return_back_azimuth=False,
            )  # fmt: skip
            lons, lats = np.asarray(r.lons), np.asarray(r.lats)
            n = len(lons)
            d = GEOD.inv(np.full(n, point[0]), np.full(n, point[1]), lons, lats)[2]
            best = min(best, float(d.min()))
    return best


def random_points_near(line, n: int, rng: np.random.Generator) -> list[tuple[float, float]]:
    """Points scattered about the line as drawn: along its legs with longitudes made
    continuous (across ±180° the short way, not round the world on the plane)."""
    line = geo.unwrap_antimeridian(line)
    out = []
    for _ in range(n):
        on = line.interpolate(rng.uniform(0, 1), normalized=True)
        lon = (on.x + rng.normal(0, 2) + 180) % 360 - 180
        out.append((lon, float(np.clip(on.y + rng.normal(0, 1), -89.95, 89.95))))
    return out


@pytest.mark.parametrize("name", LINES)
def test_distances_agree_with_brute_force(name):
    rng = np.random.default_rng(list(LINES).index(name))
    line = LINES[name]
    points = random_points_near(line, 8, rng)
    frame = gpd.GeoDataFrame({"name": range(len(points))}, geometry=[Point(p) for p in points])
    near = geo.within(frame, of=line, km=1000)
    brute = np.array([brute_force_m(p, line) for p in points])
    checked = brute > MIN_KM * 1000
    assert checked.sum() >= 4
    got = near["distance_km"].reindex(frame.index).to_numpy() * 1000
    assert not np.isnan(got[checked & (brute < 1000e3)]).any()
    both = checked & ~np.isnan(got)
    assert (got[both] <= brute[both] + 1e-6).all()  # exact: never further than a sample
    assert np.abs(got[both] - brute[both]).max() < TOLERANCE_M
    # and what is left out is further than km
    assert (brute[np.isnan(got)] > 1000e3 - TOLERANCE_M).all()


def test_rows_within_km_keep_their_order_and_columns():
    frame = gpd.GeoDataFrame(
        {"name": ["far", "b", "a"], "berths": [1, 2, 3]},
        geometry=[Point(10, 5), Point(10, 0.4), Point(5, -0.1)],
        crs=4326,
    )
    near = geo.within(frame, of=LineString([(0, 0), (20, 0)]), km=50)
    assert near["name"].tolist() == ["b", "a"] and near["berths"].tolist() == [2, 3]
    assert near.index.tolist() == [1, 2]
    assert isinstance(near, gpd.GeoDataFrame)
    # exactly the meridian arc to the equator
    assert near["distance_km"].iloc[0] * 1000 == pytest.approx(
        GEOD.inv(10, 0.4, 10, 0)[2], abs=1e-3
    )


def test_the_nearest_line_is_named():
    lines = gpd.GeoDataFrame(
        {"name": ["south", "north"]},
        geometry=[LineString([(0, 0), (20, 0)]), LineString([(0, 2), (20, 2)])],
        crs=4326,
    )
    frame = gpd.GeoDataFrame({"name": ["p"]}, geometry=[Point(10, 1.5)], crs=4326)
    assert geo.within(frame, of=lines, km=100)["nearest"].tolist() == ["north"]


def test_a_multipoint_counts_by_its_nearest_point():
    frame = gpd.GeoDataFrame(geometry=[MultiPoint([(10, 5), (10, 0.2)])], crs=4326)
    near = geo.within(frame, of=LineString([(0, 0), (20, 0)]), km=50)
    assert near["distance_km"].iloc[0] == pytest.approx(GEOD.inv(10, 0.2, 10, 0)[2] / 1000)


def test_a_layer_is_taken_as_its_frame(shipped):
    near = geo.within(shipped["maritime/ports"], of=shipped["corridors/cpec"], km=50)
    assert "Gwadar" in near["name"].tolist()


def test_km_may_be_a_numpy_number():
    frame = gpd.GeoDataFrame(geometry=[Point(0, 0.1)], crs=4326)
    for km in (np.int64(50), np.float32(50)):
        assert len(geo.within(frame, of=LineString([(0, 0), (1, 0)]), km=km)) == 1


@pytest.mark.parametrize("km", [0, -1, float("nan"), float("inf"), "50", True, np.True_])
def test_km_must_be_a_positive_number(km):
    frame = gpd.GeoDataFrame(geometry=[Point(0, 0)], crs=4326)
    with pytest.raises(ValueError, match="Expected km to be a finite number > 0"):
        geo.within(frame, of=LineString([(0, 0), (1, 0)]), km=km)


def test_lines_in_frame_are_refused():
    frame = gpd.GeoDataFrame(geometry=[Point(0, 0), LineString([(0, 0), (1, 1)])], crs=4326)
    with pytest.raises(ValueError, match=r"Expected Point or MultiPoint.*LineString at row 1"):
        geo.within(frame, of=LineString([(0, 0), (1, 0)]), km=5)


def test_a_line_with_nan_made_in_python_is_refused_naming_its_row():
    odd = shapely.set_coordinates(LineString([(0, 0), (1, 1)]), np.array([[0, 0], [np.nan, 1]]))
    frame = gpd.GeoDataFrame(geometry=[Point(0, 0.1)], crs=4326)
    with pytest.raises(ValueError, match="finite longitudes and latitudes in 'of', instead got "
                       "NaN or infinity at row 1"):  # fmt: skip
        geo.within(frame, of=[LineString([(0, 0), (1, 0)]), odd], km=50)


def test_missing_and_empty_points_are_never_near():
    frame = gpd.GeoDataFrame(geometry=[None, Point(), Point(0, 0.01)], crs=4326)
    near = geo.within(frame, of=LineString([(0, 0), (1, 0)]), km=5)
    assert near.index.tolist() == [2]


def test_nothing_within_km_is_an_empty_result(shipped):
    near = geo.within(shipped["maritime/ports"], of=shipped["corridors/cpec"], km=0.001)
    assert len(near) == 0
    assert {"name", "distance_km", "nearest"} <= set(near.columns)


@pytest.mark.parametrize("km", [1e300, sys.float_info.max, 20_004.0])
def test_a_km_beyond_half_a_meridian_takes_every_point(km, shipped):
    ports, cpec = shipped["maritime/ports"], shipped["corridors/cpec"]
    near = geo.within(ports, of=cpec, km=km)
    assert near.index.tolist() == ports.frame.index.tolist()
    # the same distances as a km just past the largest distance on the ellipsoid
    assert near["distance_km"].max() < 20_003.94
    some = geo.within(ports, of=cpec, km=6000)
    assert near.loc[some.index, "distance_km"].tolist() == some["distance_km"].tolist()


@pytest.mark.parametrize("km", [1e-320, 5e-324, 1e-9])
def test_a_tiny_km_takes_only_points_on_the_line(km):
    frame = gpd.GeoDataFrame(
        {"name": ["on", "off"]}, geometry=[Point(10, 0), Point(10, 0.001)], crs=4326
    )
    near = geo.within(frame, of=LineString([(0, 0), (10, 0), (20, 0)]), km=km)
    assert near["name"].tolist() == ["on"] and near["distance_km"].tolist() == [0.0]


def test_on_a_tie_the_first_line_is_named_whatever_the_km():
    shared = [(0, 0), (10, 0), (20, 0)]
    lines = gpd.GeoDataFrame(
        {"name": ["first", "second"]},
        geometry=[LineString(shared), LineString(shared[::-1])],
        crs=4326,
    )
    frame = gpd.GeoDataFrame({"name": ["p"]}, geometry=[Point(10, 0.3)], crs=4326)
    for km in (50, 1e6):
        assert geo.within(frame, of=lines, km=km)["nearest"].tolist() == ["first"]


def test_points_in_batches_give_the_same_result(monkeypatch, shipped):
    terminals, routes = shipped["rail/terminals"], shipped["rail/routes"]
    frame = terminals.frame.copy()  # a MultiPoint whose points land in different batches
    frame.loc[frame.index[0], "geometry"] = MultiPoint(
        [frame.geometry.iloc[-1], frame.geometry.iloc[0]]
    )
    whole = geo.within(frame, of=routes, km=300)
    monkeypatch.setattr(near_module, "_PAIRS_AT_ONCE", 5_000)
    batched = geo.within(frame, of=routes, km=300)
    assert batched.index.tolist() == whole.index.tolist()
    assert batched["distance_km"].tolist() == whole["distance_km"].tolist()
    assert batched["nearest"].tolist() == whole["nearest"].tolist()


# --------------------------------------------------------------------------- the command


def test_point_positions_make_no_new_geometries(monkeypatch):
    """Issue 27: the points' positions come straight from the geometries. Taking the parts
    first (shapely.get_parts) made a new geometry of every point, 100-200 bytes each: what
    within's memory grew by per point. Every point of a MultiPoint, in order; none for a
    missing or empty geometry or an empty part; z left out; as the parts gave them."""
    geoms = [Point(1, 2), None, Point(), MultiPoint([(3, 4), (5, 6)]),
             shapely.from_wkt("MULTIPOINT (EMPTY, (7 8), EMPTY)"), MultiPoint(),
             Point(9, 10, 11)]  # fmt: skip
    frame = gpd.GeoDataFrame(geometry=gpd.GeoSeries(geoms), crs=4326)
    parts, owner = shapely.get_parts(np.asarray(geoms, dtype=object), return_index=True)
    kept = ~shapely.is_empty(parts)
    want_xy, want_row = shapely.get_coordinates(parts[kept]), owner[kept]

    def no_parts(*args, **kwargs):
        raise AssertionError("a new geometry was made of every point")

    monkeypatch.setattr(shapely, "get_parts", no_parts)
    xy, row = near_module.point_positions(frame)
    assert xy.tolist() == want_xy.tolist() == [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]]
    assert row.tolist() == want_row.tolist() == [0, 3, 3, 4, 6]
    assert row.dtype == want_row.dtype


def test_near_command_lists_gwadar_near_cpec(cli):
    argv = ["near", "corridors/cpec", "--layer", str(ROOT / "layers/maritime/ports.geojson")]
    status, out, _err = cli(*argv, "--km", "200", "--layers", ROOT / "layers")
    assert status == 0
    out = out.splitlines()
    assert out[1].split()[0] == "Gwadar"  # nearest first
    assert "within 200 km of corridors/cpec" in out[-1]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--km", "0"], "Expected km to be a finite number > 0"),
        (["--km", "-5"], "Expected km to be a finite number > 0"),
        (["--layer", "nope.geojson"], "nope.geojson"),
        (["--layer", str(ROOT / "layers/rail/routes.geojson")], "Expected a layer of points"),
    ],
)
def test_near_command_errors_are_one_line(extra, message, cli):
    argv = ["near", "corridors/cpec", "--layer", str(ROOT / "layers/maritime/ports.geojson")]
    status, _out, err = cli(*argv, *extra, "--layers", ROOT / "layers")
    assert status == 1
    assert message in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("km", "shown", "found"),
    [("0.001", "0.001", 0), ("1e-320", "9.99989e-321", 0), ("1e300", "1e+300", 47)],
)
def test_near_command_with_nothing_or_everything_within(km, shown, found, cli):
    ports = str(ROOT / "layers/maritime/ports.geojson")
    argv = ["near", "corridors/cpec", "--layer", ports, "--km", km]
    status, out, err = cli(*argv, "--layers", ROOT / "layers")
    assert status == 0
    assert err == ""
    assert out.splitlines()[-1] == (
        f"{found} of 47 feature(s) of {ports} within {shown} km of corridors/cpec "
        "(WGS84 geodesic distance to its lines)"
    )
    assert len(out.splitlines()) == (1 if found == 0 else found + 2)


def test_near_command_takes_the_lines_of_a_layer_that_holds_other_things(tmp_path, cli):
    mixed = {
        "type": "FeatureCollection", "name": "Mixed", "category": "other", "features": [
            {"type": "Feature", "properties": {"name": "equator"},
             "geometry": {"type": "LineString", "coordinates": [[0, 0], [20, 0]]}},
            {"type": "Feature", "properties": {"name": "a point"},
             "geometry": {"type": "Point", "coordinates": [10, 0.2]}},
            {"type": "Feature", "properties": {"name": "a square"},
             "geometry": {"type": "Polygon", "coordinates": [[[0, 1], [1, 1], [1, 2], [0, 1]]]}},
        ],
    }  # fmt: skip
    points = {
        "type": "FeatureCollection", "name": "P", "category": "port", "features": [
            {"type": "Feature", "properties": {"name": "near"},
             "geometry": {"type": "Point", "coordinates": [10, 0.3]}}],
    }  # fmt: skip
    (tmp_path / "layers").mkdir()
    (tmp_path / "layers" / "mixed.geojson").write_text(json.dumps(mixed), encoding="utf-8")
    (tmp_path / "p.geojson").write_text(json.dumps(points), encoding="utf-8")
    argv = ["near", "mixed", "--layer", str(tmp_path / "p.geojson"), "--km", "50"]
    status, out, err = cli(*argv, "--layers", str(tmp_path / "layers"))
    assert status == 0
    assert err == ""
    assert out.splitlines()[1].split() == ["near", "33.2"]  # to the line, not the point
    assert out.splitlines()[-1].startswith("1 of 1 feature(s) of ")


def test_near_command_unknown_id(cli):
    argv = ["near", "corridors/nope", "--layer", str(ROOT / "layers/maritime/ports.geojson")]
    status, _out, err = cli(*argv, "--layers", ROOT / "layers")
    assert status == 1
    assert "no layer with id 'corridors/nope'" in err


def test_points_as_the_lines_are_refused():
    with pytest.raises(ValueError, match=r"Expected LineString or MultiLineString.*Point at row 0"):
        geo.within(gpd.GeoDataFrame(geometry=[Point(0, 0)]), of=shapely.Point(1, 1), km=5)
    polygon = shapely.box(0, 0, 1, 1)
    with pytest.raises(ValueError, match="instead got: Polygon at row 1"):
        geo.within(gpd.GeoDataFrame(geometry=[Point(0, 0)]), of=[LineString(), polygon], km=5)


def test_near_command_reads_a_plain_geojson_as_import_would(tmp_path, cli):
    # a FeatureCollection from another tool: no layer name or category, a repeated name
    plain = tmp_path / "sites.geojson"
    features = [
        {"type": "Feature", "properties": {"name": n},
         "geometry": {"type": "Point", "coordinates": list(xy)}}
        for n, xy in [("Site", (62.33, 25.13)), ("Site", (67.0, 24.85)), ("Far", (0.0, 0.0))]
    ]  # fmt: skip
    plain.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    before = sorted(p.name for p in tmp_path.iterdir())
    argv = ["near", "corridors/cpec", "--layer", str(plain), "--km", "50"]
    status, out, err = cli(*argv, "--layers", ROOT / "layers")
    assert status == 0
    assert "is not a layer file; read as 'corridors import' would" in err
    assert "repeated names numbered" in err
    assert [line.split()[0] for line in out.splitlines()[1:-1]] == ["Site", "Site"]
    assert "2 of 3 feature(s)" in out.splitlines()[-1]
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


def test_near_command_refuses_lines_naming_the_file_and_feature(tmp_path, cli):
    roads = tmp_path / "roads.geojson"
    feature = {"type": "Feature", "properties": {"name": "Karakoram Highway"},
               "geometry": {"type": "LineString", "coordinates": [[74, 36], [75, 37]]}}  # fmt: skip
    roads.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    argv = ["near", "corridors/cpec", "--layer", str(roads), "--layers", str(ROOT / "layers")]
    status, _out, err = cli(*argv)
    assert status == 1
    err = err.splitlines()[-1]
    assert "roads.geojson: feature 0 ('Karakoram Highway'): expected Point or MultiPoint" in err


def test_near_command_on_natural_earth_ports(real, cli):
    argv = ["near", "corridors/cmec", "--layer", str(real / "ne_10m_ports.json"), "--km", "30"]
    status, out, _err = cli(*argv, "--layers", ROOT / "layers")
    assert status == 0
    out = out.splitlines()
    assert out[1].split()[0] == "Yangon"
    assert "of 1081 feature(s)" in out[-1]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        # not a layer and not a table with coordinates: the import's reason, not "not JSON"
        ("sites.csv", "a,b\n1,2\n", "no x (longitude) column"),
        ("sites.geojson", '{"type": "FeatureCollection", "features": [', "not valid JSON"),
    ],
)
def test_near_command_says_why_a_file_cannot_be_read(tmp_path, name, text, message, cli):
    (tmp_path / name).write_text(text, encoding="utf-8")
    argv = ["near", "corridors/cpec", "--layer", str(tmp_path / name)]
    status, out, err = cli(*argv, "--layers", ROOT / "layers")
    assert status == 1
    assert out == "" and message in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
