"""A layer's features live in its frame: filter, sort or extend it, and everything follows."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from conftest import spec_in_page
from shapely import LineString, Point, Polygon

import geo

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def layers(shipped_copies) -> list[geo.Layer]:
    """The shipped layers, the test's own to change."""
    return shipped_copies


def by_id(layers: list[geo.Layer], layer_id: str) -> geo.Layer:
    return next(layer for layer in layers if layer.id == layer_id)


def drawn_names(fmap) -> dict[str, list[str]]:
    config = spec_in_page(fmap.get_root().render())
    return {spec["id"]: spec["properties"]["values"][0] for spec in config["layers"]}


def test_properties_are_derived_from_the_frame_and_keep_integers(layers):
    routes = by_id(layers, "rail/routes")
    doc = json.loads((ROOT / "layers" / "rail" / "routes.geojson").read_text(encoding="utf-8"))
    assert routes.properties == [f["properties"] for f in doc["features"]]
    years = [p["published_length_year"] for p in routes.properties if "published_length_year" in p]
    assert years and all(type(y) is int for y in years)
    assert str(routes.frame["published_length_year"].dtype) == "Int64"  # gaps, still integers


def test_filtered_frame_builds_exports_and_measures(layers, tmp_path):
    routes = by_id(layers, "rail/routes")
    keep = routes.frame["name"].str.contains("Duisburg")
    assert 0 < keep.sum() < len(routes.frame)
    routes.frame = routes.frame[keep]
    names = sorted(routes.frame["name"])
    assert sorted(drawn_names(geo.build_map(layers))["rail/routes"]) == names
    doc = geo.to_feature_collection([routes])
    assert sorted(f["properties"]["name"] for f in doc["features"]) == names
    table = geo.corridor_lengths([routes])
    assert sorted(table["feature"]) == names
    assert len(routes.properties) == len(names)


def test_sorted_frame_keeps_each_feature_with_its_own_properties(layers):
    ports = by_id(layers, "maritime/ports")
    before = {p["name"]: p for p in ports.properties}
    ports.frame = ports.frame.sort_values("name", ascending=False)
    after = ports.properties
    assert [p["name"] for p in after] == sorted(before, reverse=True)
    assert all(p == before[p["name"]] for p in after)
    doc = geo.to_feature_collection([ports])
    for feature in doc["features"]:
        x, y = feature["geometry"]["coordinates"]
        row = ports.frame[ports.frame["name"] == feature["properties"]["name"]].geometry.iloc[0]
        assert (x, y) == (round(row.x, 6), round(row.y, 6))


def test_rows_added_to_the_frame_are_drawn_measured_and_found(layers, tmp_path):
    ports = by_id(layers, "maritime/ports")
    extra = gpd.GeoDataFrame(
        {"name": ["My port", None], "berths": pd.array([4, None], dtype="Int64")},
        geometry=[Point(10.0, 54.0), Point(11.0, 55.0)],
        crs=4326,
    )
    ports.frame = pd.concat([ports.frame, extra], ignore_index=True)
    names = drawn_names(geo.build_map(layers))["maritime/ports"]
    assert names[-2:] == ["My port", f"{ports.name} {len(ports.frame)}"]  # a missing name filled
    assert ports.properties[-2]["berths"] == 4 and type(ports.properties[-2]["berths"]) is int
    assert "berths" not in ports.properties[-1]
    assert geo.distance("My port", (10.0, 55.0), layers=layers) == pytest.approx(111.25, abs=0.1)
    out = geo.export_geojson(layers, tmp_path / "all.geojson")
    assert "My port" in out.read_text(encoding="utf-8")
    geo.save_map(geo.build_map(layers), tmp_path / "m.html")


def test_frame_moved_to_another_crs_is_drawn_in_wgs84(layers):
    cpec = by_id(layers, "corridors/cpec")
    km = geo.geodesic_length(cpec.frame).sum()
    cpec.frame = cpec.frame.to_crs(3857)
    assert cpec.geometries()[0].bounds[0] == pytest.approx(
        cpec.frame.to_crs(4326).geometry.iloc[0].bounds[0], abs=1e-9
    )
    assert geo.corridor_lengths([cpec])["length_km"].sum() == pytest.approx(km, rel=1e-9)
    fc = geo.to_feature_collection([cpec])
    lon, lat = _positions(fc["features"][0]["geometry"])[0]
    assert (lon, lat) == pytest.approx(shapely.get_coordinates(cpec.geometries())[0], abs=1e-6)


@pytest.mark.parametrize(
    "geometry",
    [
        # Natural Earth's way: Fiji cut at ±180 into two polygons
        {
            "type": "MultiPolygon",
            "coordinates": [
                [[[178, -17], [180, -17], [180, -16], [178, -16], [178, -17]]],
                [[[-180, -17], [-179.8, -17], [-179.8, -16], [-180, -16], [-180, -17]]],
            ],
        },
        # Antarctica as Natural Earth closes it: along ±180 and the pole
        {
            "type": "Polygon",
            "coordinates": [
                [
                    [-180, -84],
                    [-90, -80],
                    [0, -78],
                    [90, -80],
                    [180, -84],
                    [180, -90],
                    [-180, -90],
                    [-180, -84],
                ]
            ],
        },
        # a cap round the north pole (issue 9, row 2)
        {"type": "Polygon", "coordinates": [[[0, 80], [120, 80], [-120, 80], [0, 80]]]},
        # one ring across ±180
        {"type": "Polygon", "coordinates": [[[170, 0], [-170, 0], [-170, 5], [170, 5], [170, 0]]]},
        # self-intersecting (Sudan's bow tie in Natural Earth 110m)
        {"type": "Polygon", "coordinates": [[[30, 10], [32, 12], [32, 10], [30, 12], [30, 10]]]},
        {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Point", "coordinates": [179.9, 1, 5]},
                {"type": "LineString", "coordinates": [[179, 0], [-179, 0]]},
                {"type": "Polygon", "coordinates": [[[170, 0], [-170, 0], [-170, 5], [170, 0]]]},
            ],
        },
        {"type": "MultiPoint", "coordinates": [[179, 0, 10], [-179, 1, 20]]},
        {"type": "LineString", "coordinates": [[179, 0, 1], [-179, 0, 2]]},
    ],
    ids=[
        "fiji",
        "antarctica",
        "polar-cap",
        "ring-across-180",
        "bow-tie",
        "collection",
        "multipoint-3d",
        "line-3d",
    ],
)
def test_awkward_valid_geometries_build_export_and_measure(tmp_path, geometry):
    feature = {"type": "Feature", "properties": {"name": "it"}, "geometry": geometry}
    doc = {
        "type": "FeatureCollection",
        "name": "Awkward",
        "category": "other",
        "features": [feature],
    }
    path = tmp_path / "layers" / "awkward.geojson"
    path.parent.mkdir()
    path.write_text(json.dumps(doc), encoding="utf-8")
    geo.validate_file(path)
    layers = geo.load_layers(path.parent)
    geo.save_map(geo.build_map(layers), tmp_path / "m.html")
    fc = geo.to_feature_collection(layers)
    lons = [c[0] for c in _positions(fc["features"][0]["geometry"])]
    assert all(-180 <= x <= 180 for x in lons)
    assert geo.geodesic_length(layers[0].frame).iloc[0] >= 0


def _positions(geometry: dict) -> list:
    if geometry["type"] == "GeometryCollection":
        return [p for g in geometry["geometries"] for p in _positions(g)]

    def walk(c):
        return [c] if isinstance(c[0], int | float) else [p for x in c for p in walk(x)]

    return walk(geometry["coordinates"])


def test_polar_cap_is_drawn_as_the_area_round_the_pole():
    cap = Polygon([(0, 80), (120, 80), (-120, 80), (0, 80)])
    drawn = geo.unwrap_antimeridian(cap)
    xmin, ymin, xmax, ymax = drawn.bounds
    assert (ymin, ymax) == (80, 90) and xmax - xmin == pytest.approx(360)
    line = geo.unwrap_antimeridian(LineString([(170, 0), (-170, 0)]))
    assert line.coords[1] == (190, 0)
