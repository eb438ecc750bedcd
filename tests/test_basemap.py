"""The built-in base map: Natural Earth 1:50m land, borders and countries (geo.basemap),
and the compact form the page receives (geo.mapspec.basemap_spec)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import shapely

import geo
from geo import basemap, mapspec


@pytest.mark.parametrize(
    ("lon", "lat", "on_land"),
    [
        (67.0, 48.0, True),  # Kazakhstan
        (116.4, 39.9, True),  # Beijing
        (4.48, 51.92, True),  # Rotterdam
        (65.0, 15.0, False),  # the Arabian Sea
        (51.0, 41.5, False),  # the Caspian Sea: water, not land
        (18.0, 35.0, False),  # the Mediterranean
    ],
)
def test_land_is_where_land_is(lon, lat, on_land):
    assert basemap.land().contains(shapely.Point(lon, lat)) is on_land


@pytest.mark.parametrize(
    ("lon", "lat"),
    [(80.4, 44.2), (82.6, 45.2), (111.97, 43.65), (117.4, 49.6), (131.1, 44.4)],
    ids=["khorgos", "alashankou", "erenhot", "manzhouli", "suifenhe"],
)
def test_the_rail_gateways_lie_on_a_border(lon, lat):
    # China's land ports to Kazakhstan, Mongolia and Russia: within 15 km of a border line
    assert geo.distance((lon, lat), nearest_border_point(lon, lat), units="km") < 15


def nearest_border_point(lon: float, lat: float) -> tuple[float, float]:
    p = shapely.ops.nearest_points(basemap.borders(), shapely.Point(lon, lat))[0]
    return p.x, p.y


def test_borders_are_shared_arcs_not_coastlines():
    # no border runs along the open sea: every border vertex is close to two countries
    shapes = basemap.countries().geometry.to_numpy()
    points = shapely.points(shapely.get_coordinates(basemap.borders())[::200])
    near = np.array([(shapely.distance(shapes, p) < 0.01).sum() for p in points])  # degrees
    assert (near >= 2).all()


def test_countries_carry_iso_numeric_codes_and_names():
    frame = basemap.countries()
    assert len(frame) == 241 and frame.crs.to_epsg() == 4326
    codes = dict(zip(frame["name"], frame["iso_n3"], strict=True))
    assert codes["China"] == "156" and codes["Kazakhstan"] == "398" and codes["Pakistan"] == "586"
    assert frame["iso_n3"].isna().sum() == 5  # e.g. Kosovo and Somaliland have no ISO code
    assert frame.geometry.is_valid.mean() > 0.95


def test_the_page_gets_land_continuous_across_the_antimeridian():
    # Natural Earth's merged land joins Chukotka and Fiji across ±180°; drawn as it is,
    # a ring would cross the whole map (a band at 65-71° N)
    land, _ = mapspec.decode_geometries(mapspec.basemap_spec()["geometry"])
    for poly in land.geoms:
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)
            if xy[:, 1].min() > -89.9:  # Antarctica's ring closes along the pole
                assert np.abs(np.diff(xy[:, 0])).max() < 180


def test_the_page_gets_the_data_at_a_tenth_of_its_detail_or_better():
    spec = mapspec.basemap_spec()
    assert spec["geometry"]["scale"] == basemap.BASEMAP_SCALE
    land, borders = mapspec.decode_geometries(spec["geometry"])
    original = shapely.get_coordinates(basemap.borders())
    assert np.abs(shapely.get_coordinates(borders) - original).max() <= 0.5 / basemap.BASEMAP_SCALE
    # every land position is sent (unwrapping closes the two rings of Antarctica that
    # touch the pole along it: 3 positions each)
    added = shapely.get_num_coordinates(land) - shapely.get_num_coordinates(basemap.land())
    assert added == 6


def test_the_same_base_map_in_every_build():
    assert mapspec.basemap_spec() is mapspec.basemap_spec()  # computed once per process
    assert "de facto" in mapspec.basemap_spec()["attribution"]


@pytest.mark.data
def test_the_shipped_base_map_file_is_derived_from_the_vendored_data():
    # tools/make_basemap.py writes it; after a new world-atlas it must be run again
    shipped = (Path(mapspec.__file__).parent / "data" / mapspec.BASEMAP_FILE).read_text()
    assert shipped == mapspec.basemap_geometry_text()
