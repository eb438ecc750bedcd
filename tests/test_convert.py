"""Importing files from elsewhere (GeoPackage, TopoJSON, GeoJSON...) as layer files."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely import LineString, Point

import geo
from geo.cli import main

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real-layers"


@pytest.fixture
def real() -> Path:
    if not REAL.is_dir():
        pytest.skip(f"third-party layer files absent: no folder {REAL}")
    return REAL


def test_geopackage_in_web_mercator_becomes_a_wgs84_layer(tmp_path):
    frame = gpd.GeoDataFrame(
        {"title": ["Khorgos – Ürümqi", "Gwadar port"], "opened": pd.array([2012, None], "Int64")},
        geometry=[LineString([(80.41, 44.21), (87.60, 43.80)]), Point(62.33, 25.12)],
        crs=4326,
    ).to_crs(3857)
    src = tmp_path / "mine.gpkg"
    frame.to_file(src, engine="pyogrio")
    dest = tmp_path / "layers" / "user" / "mine.geojson"
    path = geo.convert_to_layer(src, dest, name="Mine", category="other", name_field="title",
                                source="my survey, 2024")  # fmt: skip
    layer = geo.load_layer(path, strict=True)
    assert list(layer.frame["name"]) == ["Khorgos – Ürümqi", "Gwadar port"]
    assert layer.frame.geometry.iloc[1].x == pytest.approx(62.33, abs=1e-9)
    assert "opened" not in layer.properties[1]  # a gap in the column is left out, not null
    assert layer.properties[0]["opened"] == 2012 and isinstance(layer.properties[0]["opened"], int)
    assert layer.properties[0]["source"] == "my survey, 2024"
    km = geo.geodesic_length(layer.frame.geometry.iloc[0])
    assert km == pytest.approx(geo.distance((80.41, 44.21), (87.60, 43.80)), rel=1e-9)


def test_problems_are_named_against_the_destination_and_nothing_is_written(tmp_path):
    frame = gpd.GeoDataFrame({"name": ["A", "A"]}, geometry=[Point(0, 0), Point(1, 1)], crs=4326)
    src = tmp_path / "dup.geojson"
    frame.to_file(src, engine="pyogrio")
    dest = tmp_path / "out.geojson"
    with pytest.raises(geo.LayerError) as info:
        geo.convert_to_layer(src, dest, name="Dup", category="port")
    assert info.value.problems[0].startswith(f"{dest}: feature 1 ('A'): duplicate name")
    assert not dest.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["dup.geojson"]


def test_missing_name_column_lists_the_columns(tmp_path):
    frame = gpd.GeoDataFrame({"label": ["A"]}, geometry=[Point(0, 0)], crs=4326)
    src = tmp_path / "x.gpkg"
    frame.to_file(src, engine="pyogrio")
    with pytest.raises(geo.LayerError, match=r"no column 'name'.*its columns are: label"):
        geo.convert_to_layer(src, tmp_path / "o.geojson", name="X", category="port")


def test_unreadable_file_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "nothing.gpkg"
    bad.write_bytes(b"not a geopackage")
    status = main(["import", str(bad), "-o", str(tmp_path / "o.geojson"), "--name", "X",
                   "--category", "port"])  # fmt: skip
    err = capsys.readouterr().err
    assert status == 1
    assert "cannot read it as a vector file" in err and "Traceback" not in err


def test_real_topojson_layer_imports(real, tmp_path, capsys):
    dest = tmp_path / "countries.geojson"
    status = main(["import", str(real / "world-atlas_countries-110m.json"), "-o", str(dest),
                   "--layer", "countries", "--name", "Countries", "--category", "other",
                   "--source", "world-atlas 2.0.2 (Natural Earth)"])  # fmt: skip
    assert status == 0, capsys.readouterr().err
    layer = geo.load_layer(dest, strict=True)
    assert len(layer) == 177
    doc = json.loads(dest.read_text(encoding="utf-8"))
    assert doc["category"] == "other" and doc["name"] == "Countries"


def test_real_ports_with_repeated_names_are_refused(real, tmp_path):
    with pytest.raises(geo.LayerError) as info:
        geo.convert_to_layer(real / "ne_10m_ports.json", tmp_path / "p.geojson",
                             name="Ports", category="port")  # fmt: skip
    assert sum("duplicate name" in p for p in info.value.problems) >= 39


def test_shipped_layer_round_trips_through_import(tmp_path):
    # every feature keeps exactly its own properties: no nulls for other features' keys,
    # years stay integers
    src = Path(__file__).resolve().parents[1] / "layers" / "rail" / "routes.geojson"
    dest = tmp_path / "routes.geojson"
    geo.convert_to_layer(src, dest, name="Routes", category="rail-route")
    before = geo.load_layer(src).properties
    after = geo.load_layer(dest, strict=True).properties
    assert after == before


def test_multi_layer_file_needs_a_layer_choice(tmp_path):
    src = tmp_path / "two.gpkg"
    for name in ("first", "second"):
        gpd.GeoDataFrame({"name": [name]}, geometry=[Point(0, 0)], crs=4326).to_file(
            src, layer=name, engine="pyogrio"
        )
    with pytest.raises(geo.LayerError, match=r"holds 2 layers \(first, second\)"):
        geo.convert_to_layer(src, tmp_path / "o.geojson", name="X", category="port")
    out = geo.convert_to_layer(src, tmp_path / "o.geojson", name="X", category="port",
                               layer="second")  # fmt: skip
    assert geo.load_layer(out).properties[0]["name"] == "second"


def test_file_without_geometry_is_a_clear_error(tmp_path):
    src = tmp_path / "table.csv"
    src.write_text("name,lon,lat\nGwadar,62.33,25.12\n", encoding="utf-8")
    with pytest.raises(geo.LayerError, match="has no geometry column"):
        geo.convert_to_layer(src, tmp_path / "o.geojson", name="X", category="port")


def test_refused_import_creates_no_folders(tmp_path):
    frame = gpd.GeoDataFrame({"name": ["A", "A"]}, geometry=[Point(0, 0), Point(1, 1)], crs=4326)
    src = tmp_path / "dup.gpkg"
    frame.to_file(src, engine="pyogrio")
    with pytest.raises(geo.LayerError):
        geo.convert_to_layer(src, tmp_path / "new" / "deep" / "o.geojson", name="D",
                             category="port")  # fmt: skip
    assert not (tmp_path / "new").exists()
