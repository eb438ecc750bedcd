"""Great-circle densification and the antimeridian: shapes change, lengths do not."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Geod
from shapely import LineString, MultiLineString, Point

import geo

YIWU = (120.075, 29.306)
MADRID = (-3.704, 40.417)
SHANGHAI = (121.47, 31.23)
CHANCAY = (-77.27, -11.58)
GEOD = Geod(ellps="WGS84")


def mercator_length_km(line) -> float:
    """Length of the line as drawn straight in Web Mercator, on the ground (scale-corrected)."""
    merc = gpd.GeoSeries([line], crs=4326).to_crs(3857).iloc[0]
    # sample the straight Mercator segments finely and measure the samples on the ellipsoid
    dense = shapely.segmentize(merc, 5_000)
    back = gpd.GeoSeries([dense], crs=3857).to_crs(4326).iloc[0]
    return geo.geodesic_length(back)


def test_straight_yiwu_madrid_is_too_long_and_off_path():
    line = LineString([YIWU, MADRID])
    true_km = geo.geodesic_length(line)
    assert mercator_length_km(line) / true_km > 1.05  # about 10% too long drawn straight
    dense = geo.densify_geodesic(line, max_segment_km=100)
    assert mercator_length_km(dense) / true_km == pytest.approx(1.0, abs=0.001)
    # the geodesic midpoint is far from the straight Mercator line's midpoint
    az, _, dist = GEOD.inv(*YIWU, *MADRID)
    mid = GEOD.fwd(*YIWU, az, dist / 2)[:2]
    assert shapely.distance(dense, Point(mid)) < 0.05  # degrees: on the drawn path
    merc = gpd.GeoSeries([line], crs=4326).to_crs(3857).iloc[0]
    straight_mid = gpd.GeoSeries([merc.interpolate(0.5, normalized=True)], crs=3857).to_crs(4326)
    off_km = geo.pairwise_distance([mid], [straight_mid.iloc[0].coords[0]])[0]
    assert off_km > 1500


@pytest.mark.parametrize("max_km", [50, 300, 1000])
def test_densify_keeps_length_and_caps_segments(max_km):
    rng = np.random.default_rng(2)
    lines = [
        LineString(np.c_[rng.uniform(-170, 170, 6), rng.uniform(-70, 70, 6)]) for _ in range(20)
    ]
    lines.append(MultiLineString([[YIWU, MADRID], [SHANGHAI, (140, 35)]]))
    before = geo.geodesic_length(lines)
    dense = geo.densify_geodesic(lines, max_segment_km=max_km)
    np.testing.assert_allclose(geo.geodesic_length(dense), before, rtol=1e-9)
    for g in dense:
        for part in shapely.get_parts(g):
            c = shapely.get_coordinates(part)
            seg = geo.pairwise_distance(c[:-1], c[1:])
            assert seg.max() <= max_km * (1 + 1e-9)
    assert dense[-1].geom_type == "MultiLineString"


def test_short_legs_are_left_alone():
    line = LineString([(0, 0), (1, 1), (2, 1)])
    assert geo.densify_geodesic(line).equals_exact(line, 0)


@pytest.mark.parametrize(
    "geom", [Point(1, 2), None, LineString(), shapely.box(0, 0, 10, 10)], ids=str
)
def test_densify_passes_other_geometries_through(geom):
    out = geo.densify_geodesic(np.array([geom, LineString([YIWU, MADRID])], dtype=object))
    assert out[0] is geom or out[0] == geom
    assert len(out[1].coords) > 2


def test_densify_keeps_geoseries_index_and_crs():
    s = gpd.GeoSeries([LineString([YIWU, MADRID])], index=["yiwu"], crs=4326)
    out = geo.densify_geodesic(s)
    assert list(out.index) == ["yiwu"]
    assert out.crs == s.crs


@pytest.mark.parametrize("bad", [0, -5, float("nan")])
def test_densify_rejects_bad_spacing(bad):
    with pytest.raises(ValueError, match="max_segment_km"):
        geo.densify_geodesic(LineString([YIWU, MADRID]), max_segment_km=bad)


def test_pacific_crossing_unwrapped_for_display_split_for_geojson():
    line = geo.densify_geodesic(LineString([SHANGHAI, CHANCAY]), max_segment_km=200)
    km = geo.geodesic_length(line)
    shown = geo.unwrap_antimeridian(line)
    lon = shapely.get_coordinates(shown)[:, 0]
    assert (np.abs(np.diff(lon)) < 180).all()  # one continuous arc
    assert lon.max() > 180  # runs on past 180° east, not back across Asia
    split = geo.split_antimeridian(line)
    assert split.geom_type == "MultiLineString"
    parts = list(split.geoms)
    assert parts[0].coords[-1][0] == 180.0 and parts[1].coords[0][0] == -180.0
    assert parts[0].coords[-1][1] == parts[1].coords[0][1]
    assert (np.abs(shapely.get_coordinates(split)[:, 0]) <= 180).all()
    for form in (shown, split, geo.split_antimeridian(shown)):
        assert geo.geodesic_length(form) == pytest.approx(km, rel=1e-9)


def test_split_antimeridian_of_an_already_split_line_round_trips():
    split = MultiLineString([[(170, 10), (180, 12)], [(-180, 12), (-170, 14)]])
    shown = geo.unwrap_antimeridian(split)
    lon = shapely.get_coordinates(shown)[:, 0]
    assert lon.tolist() == [170, 180, 180, 190]
    assert geo.geodesic_length(shown) == pytest.approx(geo.geodesic_length(split), rel=1e-12)


def test_lines_not_crossing_are_unchanged():
    line = LineString([YIWU, MADRID])
    assert geo.split_antimeridian(line).equals_exact(line, 0)
    assert geo.unwrap_antimeridian(line).equals_exact(line, 0)


def test_multiline_with_an_empty_part_is_still_split_and_densified():
    multi = shapely.from_wkt("MULTILINESTRING ((170 0, -170 0), EMPTY)")
    split = geo.split_antimeridian(multi)
    assert len(split.geoms) == 2
    assert (np.abs(shapely.get_coordinates(split)[:, 0]) <= 180).all()
    dense = geo.densify_geodesic(shapely.from_wkt("MULTILINESTRING ((0 0, 90 0), EMPTY)"))
    assert shapely.get_num_coordinates(dense) > 2
    # a quarter of the equator: 10,018.754 km on WGS84
    assert geo.geodesic_length(dense) == pytest.approx(10_018.754, rel=1e-6)
