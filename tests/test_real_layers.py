"""Real third-party files (../shared/data/real-layers) through `corridors import`.

Each is imported with at most the options a user would name, keeps every non-empty
geometry in place (checked against an independent read with geopandas), and all of them
together build into one map with the shipped layers.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from conftest import spec_in_page

import geo
from geo.cli import main

#: file, options a user would give, layers of the file to compare with
CASES = {
    "ne_10m_ports.json": ([], None),
    "ne_110m_admin_0_countries.json": (["--name-field", "NAME"], None),
    "ne_110m_populated_places_simple.json": ([], None),
    "world-atlas_countries-110m.json": ([], ["countries", "land"]),
    "pygeoapi_items.geojson": ([], None),
    "geopandas_null_geom.geojson": ([], None),
    "pyogrio_test_gpkg_nulls.gpkg": ([], None),
    "openlayers_roads-seoul.geojson": (["--name-field", "name:en"], None),
}


def independent(path, layers) -> np.ndarray:
    """The non-empty geometries of the file as geopandas reads it, in WGS84."""
    frames = [gpd.read_file(path, layer=lyr) for lyr in (layers or [None])]
    arrays = [(f.to_crs(4326) if f.crs else f).geometry.array for f in frames]
    geoms = np.concatenate([np.asarray(a, dtype=object) for a in arrays])
    return geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]


@pytest.mark.parametrize("name", sorted(CASES))
def test_real_file_imports_keeping_every_geometry(real, tmp_path, capsys, name):
    options, layers = CASES[name]
    dest = tmp_path / "layers" / "user" / f"{name.split('.')[0]}.geojson"
    status = main(["import", str(real / name), "-o", str(dest), *options])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert "Traceback" not in err and f"wrote {dest}" in out
    layer = geo.load_layer(dest)
    expected = independent(real / name, layers)
    got = layer.geometries()
    assert len(got) == len(expected)
    a = shapely.get_coordinates(got)
    b = shapely.get_coordinates(expected)
    assert a.shape == b.shape
    np.testing.assert_allclose(a, b, atol=1e-9)
    assert layer.frame["name"].is_unique and layer.frame["name"].notna().all()


def test_repeated_port_names_are_numbered_and_said(real, tmp_path, capsys):
    dest = tmp_path / "ports.geojson"
    assert main(["import", str(real / "ne_10m_ports.json"), "-o", str(dest)]) == 0
    out = capsys.readouterr().out
    assert "39 repeated names numbered" in out
    names = set(geo.load_layer(dest).frame["name"])
    assert {"Piraeus", "Piraeus (2)", "Piraeus (3)"} <= names


def test_strict_import_refuses_the_repeated_names(real, tmp_path):
    with pytest.raises(geo.LayerError) as info:
        geo.convert_to_layer(real / "ne_10m_ports.json", tmp_path / "p.geojson", strict=True)
    assert sum("duplicate name" in p for p in info.value.problems) == 39
    assert not (tmp_path / "p.geojson").exists()


def test_every_real_file_builds_into_one_map_with_the_shipped_layers(
    real, tmp_path, shipped_layers
):
    paths = []
    for name, (options, _layers) in sorted(CASES.items()):
        dest = tmp_path / "layers" / "user" / f"{name.split('.')[0]}.geojson"
        assert main(["import", str(real / name), "-o", str(dest), *options]) == 0
        paths.append(dest)
    layers = [*shipped_layers, *(geo.load_layer(p) for p in paths)]
    out = geo.save_map(geo.build_map(layers), tmp_path / "all.html")
    html = out.read_text(encoding="utf-8")
    config = spec_in_page(html)
    drawn = {spec["id"]: spec["count"] for spec in config["layers"]}
    for layer in layers:
        assert drawn[layer.id] == len(layer)
    geo.export_geojson(layers, tmp_path / "all.geojson")
    with pytest.warns(geo.LayerWarning, match="property 'layer' written as column 'layer_2'"):
        csv_file = geo.export_csv(layers, tmp_path / "all.csv")  # a real file has a 'layer'
    rows = pd.read_csv(csv_file, keep_default_na=False)
    assert len(rows) == sum(len(layer) for layer in layers)
    assert [name for name, _ in pyogrio.list_layers(geo.export_kml(layers, tmp_path / "all.kml"))
            ] == [layer.name for layer in layers]  # fmt: skip
    geo.corridor_lengths(layers)
