"""The map spec: its compact geometry round-trips for every type; its columns; its years."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import geo
from geo import encoding, mapspec

WKT = [
    "POINT (1 2)",
    "LINESTRING (0 0, 1 1, 2 0.5)",
    "POLYGON ((0 0, 4 0, 4 4, 0 0), (1 0.5, 2 0.5, 2 1, 1 0.5))",
    "MULTIPOINT ((1 1), (-179.99999 -89.5))",
    "MULTILINESTRING ((0 0, 1 1), (5 5, 6 6, 7 5))",
    "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((10 10, 12 10, 12 12, 10 10)))",
    "GEOMETRYCOLLECTION (POINT (3 3), LINESTRING (0 0, 1 1), "
    "GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 1, 0 0))))",
    "LINESTRING (170 0, 283.5 10)",  # unwrapped for display: past 180
]


@pytest.mark.parametrize("wkt", WKT)
def test_every_geometry_type_round_trips(wkt):
    geom = shapely.from_wkt(wkt)
    spec = mapspec.encode_geometries(np.array([geom, shapely.Point(5, 5)], dtype=object))
    back = mapspec.decode_geometries(spec)
    assert back[0].equals_exact(geom, tolerance=1e-9)
    assert back[1].equals(shapely.Point(5, 5))


def test_missing_and_empty_geometries_are_none():
    geoms = np.array([None, shapely.from_wkt("LINESTRING EMPTY"), shapely.Point(1, 1)])
    assert mapspec.decode_geometries(mapspec.encode_geometries(geoms))[:2] == [None, None]


def test_positions_are_rounded_to_1e5_degree():
    spec = mapspec.encode_geometries(np.array([shapely.Point(116.407396, 39.904211)]))
    assert mapspec.decode_geometries(spec)[0].coords[0] == (116.4074, 39.90421)


@pytest.mark.parametrize(
    "values", [[0], [2**40, -(2**40)], list(range(-300, 300, 7)), [63, 64, -64, -65, 8191, 8192]]
)
def test_varints_round_trip(values):
    text = encoding.encode_varints(np.array(values), signed=True)
    assert encoding.decode_varints(text, signed=True).tolist() == values
    unsigned = [abs(v) for v in values]
    text = encoding.encode_varints(np.array(unsigned), signed=False)
    assert encoding.decode_varints(text, signed=False).tolist() == unsigned


def test_unsigned_varints_refuse_negatives():
    with pytest.raises(ValueError, match="non-negative"):
        encoding.encode_varints(np.array([1, -1]), signed=False)


def test_columns_hold_each_value_once_and_names_are_filled():
    frame = gpd.GeoDataFrame(
        {"name": ["a", None], "year": pd.array([2011, None], dtype="Int64"), "empty": [None, None]},
        geometry=[shapely.Point(0, 0), shapely.Point(1, 1)],
        crs=4326,
    )
    spec = mapspec.layer_spec(geo.Layer("t", "Test", "port", None, frame))
    values = [["a", "Test 2"], [2011, None]]
    assert spec["properties"] == {"columns": ["name", "year"], "values": values}
    assert spec["kind"] == "point" and spec["style"]["symbol"] == "circle"


@pytest.mark.parametrize(
    ("style", "symbol", "radius"),
    [({}, "square", 6.5), ({"marker-symbol": "triangle", "marker-size": "large"}, "triangle", 9.0)],
)
def test_marker_style_keys_take_effect(style, symbol, radius):
    frame = gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.Point(0, 0)], crs=4326)
    layer = geo.Layer("t", "Test", "rail-node", None, frame, style=style)
    spec = mapspec.layer_spec(layer)
    assert (spec["style"]["symbol"], spec["style"]["radius"]) == (symbol, radius)
    # a layer's own symbol wins over the category's per-role symbols
    assert spec["role_symbols"] == ({} if style else {"border crossing": "diamond"})


def _layer(id_: str, category: str, geometry) -> geo.Layer:
    frame = gpd.GeoDataFrame({"name": [id_]}, geometry=[geometry], crs=4326)
    return geo.Layer(id_, id_, category, None, frame)


def test_the_first_view_fits_the_land_layers_not_far_ports_and_lanes():
    corridor = _layer("c", "corridor", shapely.LineString([(60, 30), (100, 40)]))
    port = _layer("p", "port", shapely.Point(-77.27, -11.58))  # Chancay, Peru
    lane = _layer("l", "sea-lane", shapely.LineString([(121.5, 31.2), (-77.27, -11.58)]))
    spec = mapspec.map_spec([corridor, port, lane])
    assert spec["bounds"] == [[30.0, 60.0], [40.0, 100.0]]
    # with only ports and lanes shown, the first view fits them all
    alone = mapspec.map_spec([port, lane])
    assert alone["bounds"][0][1] <= -77.27 and alone["bounds"][1][0] >= 31.2


def test_the_spec_says_what_the_page_needs_of_categories_units_and_symbols():
    spec = mapspec.map_spec([_layer("l", "sea-lane", shapely.LineString([(0, 0), (1, 1)]))])
    assert spec["version"] == mapspec.SPEC_VERSION == 7
    assert spec["categories"]["sea-lane"] == {"title": "Sea lane", "group": "Sea lanes",
                                              "units": ["km", "nmi"], "noun": ["lane", "lanes"],
                                              "count": "features"}  # fmt: skip
    assert spec["categories"]["corridor"]["units"] == ["km"]
    assert spec["units"] == geo.UNITS
    # every unit a category shows, and every symbol a category or style names, is defined
    assert {u for c in spec["categories"].values() for u in c["units"]} <= set(spec["units"])
    assert spec["symbols"]["circle"] == {"circle": True}
    assert spec["symbols"]["triangle"] == {"polygon": [[0.0, -1.25], [1.25, 1.0], [-1.25, 1.0]]}
    assert {c.marker for c in geo.CATEGORIES.values()} <= set(spec["symbols"])


def test_the_spec_carries_each_feature_s_years_and_the_map_s_span():
    frame = gpd.GeoDataFrame(
        {"name": ["Old", "Built", "Timeless"], "status": ["historic", "operating", None],
         "start_year": [2014, 2021, None], "end_year": [2022, None, None],
         "construction_start_year": [None, 2016, None]},
        geometry=[shapely.LineString([(i, 0), (i, 1)]) for i in range(3)], crs=4326,
    )  # fmt: skip
    trains = geo.Layer("trains", "Trains", "rail-route", None, frame)
    assert frame["start_year"].dtype.kind == "f"  # NaN for the timeless one
    lane = _layer("l", "sea-lane", shapely.LineString([(0, 0), (1, 1)]))
    spec = json.loads(json.dumps(mapspec.map_spec([trains, lane]), allow_nan=False))
    by_id = {s["id"]: s for s in spec["layers"]}
    assert by_id["trains"]["years"] == {
        "start_year": [2014, 2021, None],
        "end_year": [2022, None, None],
        "construction_start_year": [None, 2016, None],
    }
    assert by_id["trains"]["status"] == ["historic", "operating", None]
    assert by_id["l"]["years"] is None
    assert spec["year_span"] == [2014, 2022]
    assert mapspec.map_spec([lane])["year_span"] is None
