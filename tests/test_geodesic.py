"""The geodesic engine against independent truth: geographiclib (Karney's reference code)."""

from __future__ import annotations

import itertools

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from geographiclib.geodesic import Geodesic
from shapely import LineString, MultiLineString, Point, Polygon

import geo

REF = Geodesic.WGS84


def ref_distance_m(lon1, lat1, lon2, lat2) -> float:
    return REF.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE)["s12"]


def ref_length_m(coords) -> float:
    return sum(ref_distance_m(*a, *b) for a, b in itertools.pairwise(coords))


def random_pairs(seed: int = 7):
    """Fixed-seed pairs covering tiny, long, nearly antipodal, polar and antimeridian cases."""
    rng = np.random.default_rng(seed)
    pairs = []
    for _ in range(200):  # anywhere to anywhere
        pairs.append(
            (
                rng.uniform(-180, 180),
                rng.uniform(-90, 90),
                rng.uniform(-180, 180),
                rng.uniform(-90, 90),
            )
        )
    for _ in range(50):  # tiny: under a metre
        lon, lat = rng.uniform(-180, 180), rng.uniform(-89, 89)
        pairs.append((lon, lat, lon + rng.uniform(-5e-6, 5e-6), lat + rng.uniform(-5e-6, 5e-6)))
    for _ in range(50):  # nearly antipodal
        lon, lat = rng.uniform(-180, 180), rng.uniform(-80, 80)
        anti = lon + 180 if lon < 0 else lon - 180
        pairs.append((lon, lat, anti + rng.uniform(-0.5, 0.5), -lat + rng.uniform(-0.5, 0.5)))
    for _ in range(30):  # polar
        pairs.append(
            (
                rng.uniform(-180, 180),
                rng.uniform(85, 90),
                rng.uniform(-180, 180),
                rng.uniform(85, 90),
            )
        )
    for _ in range(30):  # across the antimeridian
        pairs.append(
            (
                rng.uniform(170, 180),
                rng.uniform(-60, 60),
                rng.uniform(-180, -170),
                rng.uniform(-60, 60),
            )
        )
    return np.array(pairs)


PAIRS = random_pairs()


@pytest.fixture(scope="module")
def ref() -> np.ndarray:
    """geographiclib's distances of PAIRS, metres; they hold the hard cases, or no test
    that compares with them is worth running."""
    ref = np.array([ref_distance_m(*p) for p in PAIRS])
    assert (ref < 1).sum() >= 40
    assert (ref > 15_000_000).sum() >= 40
    assert (ref > 19_900_000).sum() >= 20  # nearly antipodal (half the meridian is 20,004 km)
    return ref


def test_lengths_match_geographiclib_to_1e_9(ref):
    lines = [LineString([(a, b), (c, d)]) for a, b, c, d in PAIRS]
    got = geo.geodesic_length(lines, units="m")
    nonzero = ref > 0
    rel = np.abs(got[nonzero] - ref[nonzero]) / ref[nonzero]
    assert rel.max() <= 1e-9
    assert np.abs(got[~nonzero]).max(initial=0) == 0


def test_pairwise_distance_matches_geographiclib(ref):
    got = geo.pairwise_distance(PAIRS[:, :2], PAIRS[:, 2:], units="m")
    np.testing.assert_allclose(got, ref, rtol=1e-9, atol=1e-9)


def test_multi_vertex_lines_match_geographiclib():
    rng = np.random.default_rng(3)
    lines = [np.c_[rng.uniform(-180, 180, n), rng.uniform(-85, 85, n)] for n in (2, 3, 17, 250)]
    got = geo.geodesic_length([LineString(c) for c in lines], units="m")
    ref = [ref_length_m(c.tolist()) for c in lines]
    np.testing.assert_allclose(got, ref, rtol=1e-9)


def test_pyproj_documented_example():
    # pyproj's Geod.geometry_length docstring: LINESTRING (1 2, 3 4) is 313588.397 m
    assert geo.geodesic_length(LineString([(1, 2), (3, 4)]), units="m") == pytest.approx(
        313588.397, abs=1e-3
    )


def test_multilinestring_does_not_count_the_gap_between_parts():
    a = [(0, 0), (1, 0)]
    b = [(100, 50), (101, 50)]
    multi = MultiLineString([a, b])
    expected = ref_length_m(a) + ref_length_m(b)
    assert geo.geodesic_length(multi, units="m") == pytest.approx(expected, rel=1e-12)
    # and the gap really is large: measuring the coordinates straight through is wrong
    assert ref_length_m(a + b) - expected > 10_000_000


def test_mixed_geometry_array():
    ring = [(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]
    hole = [(0.2, 0.2), (0.4, 0.2), (0.4, 0.4), (0.2, 0.2)]
    geoms = [
        Point(1, 1),
        LineString([(0, 0), (0, 1)]),
        Polygon(ring, [hole]),
        None,
        LineString(),
        shapely.GeometryCollection([LineString([(0, 0), (1, 0)]), Point(5, 5)]),
        shapely.MultiPolygon([Polygon(ring)]),
    ]
    got = geo.geodesic_length(geoms, units="m")
    assert got[0] == 0.0
    assert got[1] == pytest.approx(ref_length_m([(0, 0), (0, 1)]), rel=1e-12)
    assert got[2] == pytest.approx(ref_length_m(ring) + ref_length_m(hole), rel=1e-12)
    assert np.isnan(got[3])  # None: missing, as shapely.length gives
    assert got[4] == 0.0  # empty
    assert got[5] == pytest.approx(ref_length_m([(0, 0), (1, 0)]), rel=1e-12)
    assert got[6] == pytest.approx(ref_length_m(ring), rel=1e-12)


@pytest.mark.parametrize("obj", [None, LineString(), Point(3, 4)])
def test_scalar_edge_cases(obj):
    value = geo.geodesic_length(obj)
    assert isinstance(value, float)
    assert np.isnan(value) if obj is None else value == 0.0


def test_shape_follows_input():
    line = LineString([(0, 0), (1, 1)])
    assert isinstance(geo.geodesic_length(line), float)
    arr = geo.geodesic_length(np.array([[line, line], [line, None]], dtype=object))
    assert arr.shape == (2, 2)
    series = geo.geodesic_length(gpd.GeoSeries([line, line], index=["a", "b"], crs=4326))
    assert isinstance(series, pd.Series)
    assert list(series.index) == ["a", "b"]
    frame = gpd.GeoDataFrame({"name": ["x"]}, geometry=[line], index=[42], crs=4326)
    assert list(geo.geodesic_length(frame).index) == [42]


@pytest.mark.parametrize(
    ("units", "metres_per_unit"), [("m", 1), ("km", 1000), ("mi", 1609.344), ("nmi", 1852)]
)
def test_units(units, metres_per_unit):
    line = LineString([(0, 0), (3, 4)])
    metres = ref_length_m(list(line.coords))
    assert geo.geodesic_length(line, units=units) == pytest.approx(
        metres / metres_per_unit, rel=1e-12
    )


@pytest.mark.parametrize("bad", ["miles", "KM", "", None, 3])
def test_unknown_unit_names_the_valid_ones(bad):
    with pytest.raises(ValueError, match=r"'m', 'km', 'mi', 'nmi'") as info:
        geo.geodesic_length(LineString([(0, 0), (1, 1)]), units=bad)
    assert "nmi" in str(info.value)


def test_projected_frame_is_transformed():
    line = LineString([(116.4, 39.9), (121.47, 31.23)])  # Beijing - Shanghai
    wgs = gpd.GeoSeries([line], crs=4326)
    merc = wgs.to_crs(3857)
    assert geo.geodesic_length(merc, units="m").iloc[0] == pytest.approx(
        geo.geodesic_length(wgs, units="m").iloc[0], rel=1e-9
    )


def test_frame_without_crs():
    ok = gpd.GeoSeries([LineString([(116.4, 39.9), (121.47, 31.23)])])
    assert geo.geodesic_length(ok).iloc[0] > 1000
    projected = gpd.GeoSeries([LineString([(12_958_000, 4_852_000), (13_522_000, 3_664_000)])])
    with pytest.raises(ValueError, match="set the frame's CRS"):
        geo.geodesic_length(projected)


def test_non_geometry_input_is_a_clear_error():
    with pytest.raises(TypeError, match="Expected shapely geometries"):
        geo.geodesic_length(["LINESTRING (0 0, 1 1)"])


@pytest.fixture(scope="module")
def many_lines() -> tuple[np.ndarray, np.ndarray]:
    """1,000 random lines of 120 positions, and their lengths in one thread (km)."""
    rng = np.random.default_rng(11)
    coords = np.c_[rng.uniform(-180, 180, 120_000), rng.uniform(-80, 80, 120_000)]
    lines = shapely.linestrings(coords, indices=np.repeat(np.arange(1_000), 120))
    return lines, geo.geodesic_length(lines, threads=1)


def test_one_thread_gives_geographiclibs_lengths(many_lines):
    lines, one = many_lines
    ref = [ref_length_m(shapely.get_coordinates(lines[i]).tolist()) / 1000 for i in (0, 499, 999)]
    np.testing.assert_allclose(one[[0, 499, 999]], ref, rtol=1e-9)


@pytest.mark.parametrize("threads", [2, 3, 7])
def test_threads_give_identical_numbers(many_lines, threads):
    lines, one = many_lines
    assert np.array_equal(geo.geodesic_length(lines, threads=threads), one)


# ---------------------------------------------------------------- distances


def test_distance_matrix_is_symmetric_and_exact():
    rng = np.random.default_rng(5)
    pts = np.c_[rng.uniform(-180, 180, 40), rng.uniform(-89, 89, 40)]
    m = geo.distance_matrix(pts, units="m")
    assert m.shape == (40, 40)
    assert np.array_equal(m, m.T)
    assert (np.diag(m) == 0).all()
    for i, j in [(0, 1), (5, 39), (38, 2)]:
        assert m[i, j] == pytest.approx(ref_distance_m(*pts[i], *pts[j]), rel=1e-9)


@pytest.fixture(scope="module")
def matrix_points() -> tuple[np.ndarray, np.ndarray]:
    """1,100 random points (more than two blocks of rows) and every pair's distance (km),
    measured pair by pair with pairwise_distance (each pair once: the matrix is symmetric)."""
    rng = np.random.default_rng(6)
    pts = np.c_[rng.uniform(-180, 180, 1100), rng.uniform(-89, 89, 1100)]
    rows, cols = np.triu_indices(len(pts), k=1)
    pairs = np.zeros((len(pts), len(pts)))
    pairs[rows, cols] = pairs[cols, rows] = geo.pairwise_distance(pts[rows], pts[cols], threads=1)
    return pts, pairs


@pytest.mark.parametrize("threads", [1, 2])
def test_distance_matrix_blocks_and_threads_agree(matrix_points, threads):
    pts, pairs = matrix_points
    m = geo.distance_matrix(pts, threads=threads)
    np.testing.assert_allclose(m, pairs, rtol=1e-12, atol=1e-9)


def test_distance_matrix_to_targets():
    m = geo.distance_matrix([(0, 0), (10, 10)], [(0, 1), (0, 2), (0, 3)], units="km")
    assert m.shape == (2, 3)
    assert m[0, 0] == pytest.approx(ref_distance_m(0, 0, 0, 1) / 1000, rel=1e-12)


@pytest.mark.parametrize(
    "points",
    [
        [(0, 0)],
        np.zeros((0, 2)),
        [Point(0, 0), Point(1, 1)],
        gpd.GeoSeries([Point(0, 0)], crs=4326),
    ],
)
def test_distance_matrix_inputs(points):
    m = geo.distance_matrix(points)
    assert m.shape == (len(points), len(points))


@pytest.mark.parametrize(
    ("points", "message"),
    [([(0, 0, 0)], r"\(N, 2\)"), ([("a", "b")], "pairs of numbers"), ([(10, 95)], "latitude")],
)
def test_distance_matrix_bad_points(points, message):
    with pytest.raises(ValueError, match=message):
        geo.distance_matrix(points)


def test_nearest_returns_names_and_distances():
    terminals = gpd.GeoDataFrame(
        {"name": ["Lianyungang rail", "Khorgos"]},
        geometry=[Point(119.2, 34.6), Point(80.4, 44.2)],
        crs=4326,
    )
    ports = gpd.GeoDataFrame(
        {"name": ["Lianyungang port", "Gwadar", "Shanghai"]},
        geometry=[Point(119.45, 34.75), Point(62.33, 25.12), Point(121.8, 30.6)],
        crs=4326,
    )
    out = geo.nearest(terminals, ports, k=2)
    assert list(out.columns) == ["point", "rank", "target", "distance_km"]
    assert len(out) == 4
    first = out[(out["point"] == "Lianyungang rail") & (out["rank"] == 1)].iloc[0]
    assert first["target"] == "Lianyungang port"
    assert first["distance_km"] == pytest.approx(
        ref_distance_m(119.2, 34.6, 119.45, 34.75) / 1000, rel=1e-9
    )
    khorgos = out[out["point"] == "Khorgos"]
    assert list(khorgos["target"]) == ["Gwadar", "Lianyungang port"]  # 2,675 and 3,483 km
    assert khorgos["distance_km"].tolist() == pytest.approx(
        [
            ref_distance_m(80.4, 44.2, *lonlat) / 1000
            for lonlat in [(62.33, 25.12), (119.45, 34.75)]
        ],
        rel=1e-9,
    )


@pytest.mark.parametrize("k", [0, -1, 1.5])
def test_nearest_bad_k(k):
    with pytest.raises(ValueError, match="positive integer"):
        geo.nearest([(0, 0)], [(1, 1)], k=k)


@pytest.mark.parametrize("empty", [[], np.zeros((0, 2)), gpd.GeoSeries([], crs=4326)])
def test_empty_point_sets(empty):
    assert geo.distance_matrix(empty).shape == (0, 0)
    assert geo.pairwise_distance(empty, empty).shape == (0,)
    assert geo.nearest(empty, [(0, 0)]).empty


def test_empty_point_is_an_error_not_a_shifted_row():
    frame = gpd.GeoDataFrame({"name": ["Empty", "Beijing"]},
                             geometry=[Point(), Point(116.4, 39.9)], crs=4326)  # fmt: skip
    with pytest.raises(ValueError, match="empty Point at row 0"):
        geo.nearest(frame, [(116.4, 39.9)])


def test_nearest_accepts_numpy_integers():
    out = geo.nearest([(0, 0)], [(0, 1), (0, 2)], k=np.int64(2))
    assert list(out["rank"]) == [1, 2]


def test_plain_series_of_geometries_gives_a_series():
    s = pd.Series([LineString([(0, 0), (1, 0)])], index=["x"])
    out = geo.geodesic_length(s)
    assert isinstance(out, pd.Series) and list(out.index) == ["x"]
