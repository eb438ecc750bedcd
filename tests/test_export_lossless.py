"""Issue 18: exports lose nothing. A property named ``geometry`` and text holding NUL are
refused by validation; a GeoPackage renames the columns it cannot hold and says so."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
import shapely

import geo
from geo.cli import main
from geo.export import export_geopackage, geopackage_column_names


def layer_doc(props: dict, **top) -> dict:
    return {
        "type": "FeatureCollection",
        "name": "T",
        "category": "port",
        **top,
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "Gwadar", "source": "test", **props},
                "geometry": {"type": "Point", "coordinates": [62.33, 25.12]},
            }
        ],
    }


def write(path: Path, doc: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(geo.LayerError) as info:
        geo.validate_file(path)
    return info.value.problems


# --------------------------------------------------------------------------- validation

NUL_MESSAGE = (
    "holds a NUL character (\\x00); expected text without one: a GeoPackage, a Shapefile and "
    "most GIS tools end the text there"
)


@pytest.mark.parametrize(
    "props, key",
    [
        ({"note": "a\x00b"}, "'note'"),
        ({"note": "\x00"}, "'note'"),
        ({"tags": ["ok", "a\x00"]}, "'tags'"),
        ({"meta": {"x": {"y": "\x00z"}}}, "'meta'"),
        ({"meta": {"k\x00": 1}}, "'meta'"),
        ({"n\x00te": "fine"}, "'n\\x00te'"),
    ],
)
def test_nul_in_a_property_is_refused(tmp_path, props, key):
    path = write(tmp_path / "t.geojson", layer_doc(props))
    assert problems_of(path) == [f"{path}: feature 0 ('Gwadar'): property {key} {NUL_MESSAGE}"]
    with pytest.raises(geo.LayerError) as info:  # a document checked before it is written
        geo.validate_document(layer_doc(props), path="new.geojson")
    assert info.value.problems == [
        f"new.geojson: feature 0 ('Gwadar'): property {key} {NUL_MESSAGE}"
    ]


@pytest.mark.parametrize("member", ["name", "description", "source"])
def test_nul_in_the_layer_metadata_is_refused(tmp_path, member):
    doc = layer_doc({})
    doc[member] = "Gwa\x00dar"
    path = write(tmp_path / "t.geojson", doc)
    assert problems_of(path) == [f"{path}: layer member '{member}' {NUL_MESSAGE}"]


def test_nul_in_a_feature_name_is_refused(tmp_path):
    doc = layer_doc({})
    doc["features"][0]["properties"]["name"] = "Gwa\x00dar"
    path = write(tmp_path / "t.geojson", doc)
    assert problems_of(path) == [
        f"{path}: feature 0 ('Gwa\\x00dar'): property 'name' {NUL_MESSAGE}"
    ]


def test_the_text_of_a_backslash_and_u0000_is_not_a_nul(tmp_path):
    path = write(tmp_path / "t.geojson", layer_doc({"note": "C:\\u0000 is not a NUL"}))
    geo.validate_file(path)  # the text screen matches; the check finds no NUL
    (layer,) = geo.load_layers(tmp_path)
    assert layer.frame.loc[0, "note"] == "C:\\u0000 is not a NUL"


def test_a_property_named_geometry_is_refused(tmp_path, capsys):
    path = write(tmp_path / "t.geojson", layer_doc({"geometry": "a note"}))
    line = (
        f"{path}: feature 0 ('Gwadar'): a property may not be named 'geometry' (it is the "
        "feature's geometry in every table format); expected another name, e.g. 'geometry_note'"
    )
    assert problems_of(path) == [line]
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == line


@pytest.mark.parametrize("name", ["Geometry", "geometry_note", "geom", "GEOMETRY"])
def test_other_names_like_geometry_stay(tmp_path, name):
    write(tmp_path / "t.geojson", layer_doc({name: "kept"}))
    (layer,) = geo.load_layers(tmp_path)
    assert layer.frame.loc[0, name] == "kept"


# --------------------------------------------------------------------------- GeoPackage


def memory_layer(layer_id: str = "t", **columns) -> geo.Layer:
    """A layer built in Python, not read from a file (so not validated)."""
    n = len(next(iter(columns.values()))) if columns else 1
    names = columns.pop("name", [f"P{i}" for i in range(n)])
    frame = gpd.GeoDataFrame(
        {"name": names, **columns},
        geometry=[shapely.Point(60 + i, 40) for i in range(n)],
        crs=4326,
    )
    return geo.Layer(layer_id, "T", "port", None, frame)


@pytest.mark.parametrize(
    "columns, renamed",
    [
        (["fid"], {"fid": "fid_2"}),
        (["FID"], {"FID": "FID_2"}),
        (["geom", "Geom"], {"geom": "geom_2", "Geom": "Geom_3"}),  # not geom_2 in any case
        (["operator", "Operator"], {"Operator": "Operator_2"}),
        (
            ["operator", "Operator", "OPERATOR"],
            {"Operator": "Operator_2", "OPERATOR": "OPERATOR_3"},
        ),
        (["operator", "Operator", "operator_2"], {"Operator": "Operator_3"}),
        (["fid", "fid_2"], {"fid": "fid_3"}),
        (["layer_id", "Layer_ID"], {"Layer_ID": "Layer_ID_2"}),
        (["name", "geometry_note", "rowid"], {}),
    ],
)
def test_geopackage_column_names(columns, renamed):
    assert {k: v[0] for k, v in geopackage_column_names(columns).items()} == renamed


@pytest.mark.parametrize(
    "props, expected",
    [
        ({"fid": 7}, {"fid_2": 7}),
        ({"fid": "x"}, {"fid_2": "x"}),
        ({"FID": 3.5}, {"FID_2": 3.5}),
        ({"geom": "g"}, {"geom_2": "g"}),
        ({"Geom": True}, {"Geom_2": True}),
        ({"operator": "a", "Operator": "b"}, {"operator": "a", "Operator_2": "b"}),
        (
            {"operator": "a", "Operator": "b", "Operator_2": "c"},
            {"operator": "a", "Operator": None, "Operator_2": "c", "Operator_3": "b"},
        ),
        ({"Layer_ID": "mine"}, {"layer_id": "t", "Layer_ID_2": "mine"}),
    ],
)
def test_geopackage_round_trip_keeps_every_value(tmp_path, props, expected):
    path = write(tmp_path / "layers" / "t.geojson", layer_doc(props))
    layers = geo.load_layers(path.parent)
    with pytest.warns(geo.LayerWarning, match="written as column") as caught:
        export_geopackage(layers, tmp_path / "all.gpkg")
    renamed = {k for k in props if k not in expected or expected[k] is None}
    assert len(caught) == len(renamed)
    back = pyogrio.read_dataframe(tmp_path / "all.gpkg", layer="t")
    for column, value in expected.items():
        if value is None:
            assert column not in back.columns
        else:
            assert back.loc[0, column] == value
    # nothing else lost: every property is in some column
    assert back.loc[0, "name"] == "Gwadar" and back.loc[0, "source"] == "test"
    assert len(back.columns) == len(props) + 5  # layer_id, layer_category, name, source, geometry


def test_cli_export_says_what_it_renamed(tmp_path, capsys):
    write(tmp_path / "layers" / "user" / "x.geojson", layer_doc({"fid": 1, "Name": "b"}))
    out = tmp_path / "all.gpkg"
    status = main(["export", "--layers", str(tmp_path / "layers"), "-o", str(out)])
    _, err = capsys.readouterr()
    assert status == 0
    assert err.splitlines() == [
        f"corridors export: warning: {out}: table 'user/x': property 'fid' written as column "
        "'fid_2' ('fid' is the table's feature id)",
        f"corridors export: warning: {out}: table 'user/x': property 'Name' written as column "
        "'Name_2' (GeoPackage column names ignore case, and 'name' is another)",
    ]
    back = pyogrio.read_dataframe(out, layer="user/x")
    assert (back.loc[0, "fid_2"], back.loc[0, "Name_2"], back.loc[0, "name"]) == (1, "b", "Gwadar")


def test_geojson_and_geoparquet_keep_the_names(tmp_path):
    pytest.importorskip("pyarrow")
    layers = [memory_layer(fid=[7], operator=["a"], Operator=["b"])]
    geo.export_geojson(layers, tmp_path / "all.geojson")
    props = json.loads((tmp_path / "all.geojson").read_text())["features"][0]["properties"]
    assert (props["fid"], props["operator"], props["Operator"]) == (7, "a", "b")
    geo.export_layers(layers, tmp_path / "all.parquet")
    back = gpd.read_parquet(tmp_path / "all.parquet")
    assert (back.loc[0, "fid"], back.loc[0, "operator"], back.loc[0, "Operator"]) == (7, "a", "b")


def test_geopackage_refuses_text_with_nul_and_names_it(tmp_path):
    """A layer made in Python is not validated: the GeoPackage writer checks itself."""
    layers = [memory_layer("ok", note=["fine"]), memory_layer("bad", note=["x", "a\x00b"])]
    target = tmp_path / "all.gpkg"
    with pytest.raises(ValueError) as info:
        export_geopackage(layers, target)
    assert str(info.value) == (
        "layer 'bad': feature 1 ('P1'): property 'note' holds a NUL character (\\x00); "
        "expected text without NUL characters: a GeoPackage would cut the text there "
        "(GeoJSON and GeoParquet keep it)"
    )
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_geopackage_nul_problems_are_counted(tmp_path):
    layers = [memory_layer("t", name=["A\x00", "B"], note=["a\x00b", "c\x00"])]
    with pytest.raises(ValueError, match=r"^layer 't': feature 0 \('A\\x00'\): property 'name' "
                       r"holds a NUL character \(\\x00\) \(and 2 more\); "):  # fmt: skip
        export_geopackage(layers, tmp_path / "all.gpkg")
    geo.export_geojson(layers, tmp_path / "all.geojson")  # GeoJSON keeps it
    props = [
        f["properties"] for f in json.loads((tmp_path / "all.geojson").read_text())["features"]
    ]
    assert [p["note"] for p in props] == ["a\x00b", "c\x00"]
