"""GeoPackage and GeoParquet export: the same features as the GeoJSON export, read back."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from conftest import TtyStdout
from hostile import HOSTILE, write_layer

import geo
from geo.cli import main
from geo.export import export_layers

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def geojson_export(tmp_path_factory, shipped_layers) -> gpd.GeoDataFrame:
    path = tmp_path_factory.mktemp("export") / "all.geojson"
    return gpd.read_file(geo.export_geojson(shipped_layers, path, densify_km=200))


def _same_geometry(a: np.ndarray, b: np.ndarray) -> None:
    """Equal positions part by part (a GeoPackage table stores single lines as multi)."""
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        px, py = shapely.get_parts(x), shapely.get_parts(y)
        assert len(px) == len(py)
        for u, v in zip(px, py, strict=True):
            np.testing.assert_allclose(shapely.get_coordinates(u), shapely.get_coordinates(v))


def _json_cells(value):
    return json.loads(value) if isinstance(value, str) and value[:1] in "[{" else value


def test_geopackage_holds_one_table_per_layer_like_the_geojson(
    tmp_path, geojson_export, shipped_layers
):
    path = export_layers(shipped_layers, tmp_path / "all.gpkg", densify_km=200)
    tables = [name for name, _ in pyogrio.list_layers(path)]
    assert tables == [layer.id for layer in shipped_layers]
    for layer in shipped_layers:
        table = gpd.read_file(path, layer=layer.id)
        assert table.crs.to_epsg() == 4326
        assert len(table) == len(layer)
        assert set(table["layer_id"]) == {layer.id}
        assert set(table["layer_category"]) == {layer.category}
        expected = geojson_export[geojson_export["layer_id"] == layer.id]
        _same_geometry(table.geometry.array, expected.geometry.array)
        for props, row in zip(layer.properties, table.to_dict("records"), strict=True):
            for key, value in props.items():
                got = _json_cells(row[key])
                if isinstance(value, float | int) and not isinstance(value, bool):
                    assert got == pytest.approx(value, rel=1e-12)
                else:
                    assert got == value, (layer.id, key)


def test_geoparquet_is_one_table_like_the_geojson(tmp_path, geojson_export, shipped_layers):
    path = export_layers(shipped_layers, tmp_path / "all.parquet", densify_km=200)
    frame = gpd.read_parquet(path)
    assert frame.crs.to_epsg() == 4326
    assert list(frame.columns[:2]) == ["layer_id", "layer_category"]
    assert len(frame) == len(geojson_export)
    assert list(frame["layer_id"]) == list(geojson_export["layer_id"])
    assert list(shapely.get_type_id(frame.geometry.array)) == list(
        shapely.get_type_id(geojson_export.geometry.array)
    )
    _same_geometry(frame.geometry.array, geojson_export.geometry.array)
    records = [p for layer in shipped_layers for p in layer.properties]
    for props, row in zip(records, frame.to_dict("records"), strict=True):
        for key, value in props.items():
            assert _json_cells(row[key]) == value
    assert frame["published_length_year"].dtype == "Int64"  # whole numbers stay integers
    assert json.loads(frame["countries"].dropna().iloc[0])[0] == "CHN"  # a list: JSON text


@pytest.mark.parametrize("suffix", [".gpkg", ".parquet"])
def test_a_pacific_line_is_split_at_the_antimeridian_as_in_the_geojson(
    tmp_path, suffix, pacific_layers
):
    layers = geo.load_layers(pacific_layers)
    path = export_layers(layers, tmp_path / f"p{suffix}", densify_km=200)
    frame = gpd.read_parquet(path) if suffix == ".parquet" else gpd.read_file(path)
    line = frame.geometry.iloc[0]
    assert line.geom_type == "MultiLineString"
    lons = shapely.get_coordinates(line)[:, 0]
    assert lons.max() == 180.0 and lons.min() == -180.0
    assert geo.geodesic_length(line) == pytest.approx(
        geo.geodesic_length(layers[0].frame).iloc[0], rel=1e-9
    )
    assert json.loads(frame["via"].iloc[0])[0]["name"] == "Shanghai"


@pytest.mark.parametrize("suffix", [".gpkg", ".parquet"])
def test_hostile_and_empty_layers_round_trip(tmp_path, suffix):
    root = tmp_path / "layers"
    write_layer(
        root / "odd.geojson",
        {
            "type": "FeatureCollection",
            "name": "Odd",
            "category": "other",
            "features": [
                {
                    "type": "Feature",
                    "properties": {
                        "name": HOSTILE,
                        "flag": True,
                        "n": 2**40,
                        "mixed": 1,
                        "note": "a\nb",
                    },
                    "geometry": {"type": "Point", "coordinates": [179.5, -10]},
                },
                {
                    "type": "Feature",
                    "properties": {"name": "two", "mixed": "one"},
                    "geometry": {
                        "type": "Polygon",
                        "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]],
                    },
                },
            ],
        },
    )
    empty = {"type": "FeatureCollection", "name": "None", "category": "port", "features": []}
    write_layer(root / "none.geojson", empty)
    layers = geo.load_layers(root)
    path = export_layers(layers, tmp_path / f"odd{suffix}")
    if suffix == ".gpkg":
        assert [name for name, _ in pyogrio.list_layers(path)] == ["none", "odd"]
        assert len(gpd.read_file(path, layer="none")) == 0
        frame = gpd.read_file(path, layer="odd")
    else:
        frame = gpd.read_parquet(path)
    assert list(frame["name"]) == [HOSTILE, "two"]
    assert frame["note"].iloc[0] == "a\nb"
    assert bool(frame["flag"].iloc[0]) is True and int(frame["n"].iloc[0]) == 2**40
    assert list(frame["mixed"]) == ["1", '"one"']  # a column mixing kinds: JSON text
    assert list(frame.geometry.geom_type) == ["Point", "Polygon"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch, shipped_layers):
    target = tmp_path / "all.parquet"
    target.write_bytes(b"old")

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(gpd.GeoDataFrame, "to_parquet", fail)
    with pytest.raises(OSError, match=r"cannot write .*all\.parquet: disk full"):
        export_layers(shipped_layers[:1], target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["all.parquet"]


def test_geoparquet_without_pyarrow_names_the_extra(tmp_path, monkeypatch, shipped_layers):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a)
    )
    with pytest.raises(ValueError, match=r"pip install -e '\.\[parquet\]'") as info:
        export_layers(shipped_layers[:1], tmp_path / "x.parquet")
    assert isinstance(info.value, geo.MissingExtra)  # one error for every missing extra


@pytest.mark.parametrize("suffix", [".gpkg", ".parquet", ".geojson"])
def test_cli_export_by_suffix(tmp_path, capsys, suffix):
    out = tmp_path / f"x{suffix}"
    argv = ["export", "--layers", str(ROOT / "layers"), "--only", "corridors/cpec", "-o", str(out)]
    assert main(argv) == 0
    assert capsys.readouterr().out.strip() == str(out)
    frame = gpd.read_parquet(out) if suffix == ".parquet" else gpd.read_file(out)
    assert list(frame["layer_id"]) == ["corridors/cpec"]


@pytest.mark.parametrize(
    "name, fmt, message",
    [
        ("x.shp", None, "Expected an output file ending in .geojson, .json, .gpkg, .parquet"),
        ("x.gpkg", "parquet", "ending in .parquet or .geoparquet for --format parquet"),
        ("x.GPKG.txt", None, "Expected an output file ending in"),
    ],
)
def test_cli_export_refuses_unknown_or_contradicting_suffixes(tmp_path, capsys, name, fmt, message):
    argv = ["export", "--layers", str(ROOT / "layers"), "-o", str(tmp_path / name)]
    assert main(argv + (["--format", fmt] if fmt else [])) == 1
    err = capsys.readouterr().err
    assert err.startswith("corridors export: error: ") and message in err
    assert err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", [None, "gpkg", "parquet"])
def test_cli_export_to_stdout(tmp_path, monkeypatch, fmt):
    """``-o -`` writes GeoJSON; with --format the binary file, byte for byte."""
    fake = TtyStdout(tty=False)
    monkeypatch.setattr(sys, "stdout", fake)
    argv = ["export", "--layers", str(ROOT / "layers"), "--only", "corridors/cpec", "-o", "-"]
    assert main(argv + (["--format", fmt] if fmt else [])) == 0
    data = fake.buffer.getvalue()
    path = tmp_path / ("out." + (fmt or "geojson"))
    path.write_bytes(data)
    frame = gpd.read_parquet(path) if fmt == "parquet" else gpd.read_file(path)
    assert list(frame["layer_id"]) == ["corridors/cpec"]
    if fmt is None:
        assert json.loads(data)["type"] == "FeatureCollection"


def test_cli_export_refuses_binary_to_a_terminal(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdout", TtyStdout(tty=True))
    argv = ["export", "--layers", str(ROOT / "layers"), "--format", "gpkg", "-o", "-"]
    assert main(argv) == 1
    assert "instead got a terminal" in capsys.readouterr().err


@pytest.mark.parametrize(
    "ids, message",
    [
        (["user/Pipe", "user/pipe"], "differ in more than case for a GeoPackage"),
        (["<b>x"], "cannot write layer '<b>x' as a GeoPackage table"),
    ],
)
def test_geopackage_table_names_it_cannot_make_are_refused(tmp_path, ids, message):
    frame = gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.Point(0, 0)], crs=4326)
    layers = [geo.Layer(i, i, "port", None, frame.copy()) for i in ids]
    with pytest.raises(ValueError, match=re.escape(message)):
        export_layers(layers, tmp_path / "x.gpkg")
    assert list(tmp_path.iterdir()) == []


def test_the_readme_export_example_prints_what_it_shows(tmp_path, monkeypatch, capsys):
    """The README's `corridors export` runs and its Python read-back print what it shows."""
    import shlex

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("the whole set as a GeoPackage and as GeoParquet", 1)[1]
    commands, code, printed = re.findall(r"```(?:python)?\n(.*?)```", section, re.S)[:3]
    monkeypatch.chdir(tmp_path)
    runs = re.findall(r"^\$ corridors (.*)\n(.*)\n", commands, re.M)
    assert [command.split()[0] for command, _ in runs] == ["export", "export"]
    for command, shown in runs:
        assert main([*shlex.split(command), "--layers", str(ROOT / "layers")]) == 0
        assert capsys.readouterr().out == shown + "\n"
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out == printed


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".parquet"])
def test_a_layers_own_layer_id_is_kept_under_another_name(tmp_path, suffix):
    frame = gpd.GeoDataFrame(
        {"name": ["a", "b"], "layer_id": ["mine", None], "layer_id_2": [1, 2],
         "layer_category": ["x", "y"]},
        geometry=[shapely.Point(1, 2), shapely.Point(3, 4)], crs=4326,
    )  # fmt: skip
    layer = geo.Layer("demo", "Demo", "other", None, frame)
    path = tmp_path / f"out{suffix}"
    with pytest.warns(geo.LayerWarning) as caught:
        export_layers([layer], path)
    said = [str(w.message) for w in caught]
    assert any("property 'layer_id' written as 'layer_id_3'" in m for m in said)
    assert any("property 'layer_category' written as 'layer_category_2'" in m for m in said)
    back = gpd.read_parquet(path) if suffix == ".parquet" else gpd.read_file(path)
    assert back["layer_id"].tolist() == ["demo", "demo"]
    assert back["layer_category"].tolist() == ["other", "other"]
    assert [v if isinstance(v, str) else None for v in back["layer_id_3"]] == ["mine", None]
    assert back["layer_id_2"].tolist() == [1, 2]
    assert back["layer_category_2"].tolist() == ["x", "y"]
