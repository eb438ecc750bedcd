"""CSV and KML export: the same features as the GeoJSON export, read back by the standard
csv module, pandas and GDAL; hostile text inert; atomic and reproducible writes."""

from __future__ import annotations

import csv
import html.parser
import io
import json
import math
import os
import re
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from conftest import TtyStdout
from hostile import write_layer

import geo
import geo._files
from geo.cli import main
from geo.export import export_csv, export_kml, export_layers, to_export_frame
from geo.mapspec import order_layers
from geo.style import layer_colours, layer_style

ROOT = Path(__file__).resolve().parents[1]
KML = "{http://www.opengis.net/kml/2.2}"
#: What a spreadsheet runs as a formula at the start of a text cell (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Names that attack a spreadsheet, a page, a KML reader or a terminal.
HOSTILE_NAMES = [
    '=HYPERLINK("http://evil.example/","click")',
    "<script>alert(1)</script>",
    "]]><Placemark><name>forged</name></Placemark>",
    "Gwadar\u202e\x1b[2J\x9b",
    "two\nlines",
    "+1",
    "@SUM(A1)",
    "-2",
    "\ufffe\uffff",
    "Ürümqi 乌鲁木齐",
]
DENSIFY_KM = 200


@pytest.fixture(scope="module")
def geojson_export(tmp_path_factory, shipped_layers) -> gpd.GeoDataFrame:
    path = tmp_path_factory.mktemp("export") / "all.geojson"
    return gpd.read_file(geo.export_geojson(shipped_layers, path, densify_km=DENSIFY_KM))


@pytest.fixture(scope="module")
def csv_export(tmp_path_factory, shipped_layers) -> Path:
    path = tmp_path_factory.mktemp("export") / "all.csv"
    return export_csv(shipped_layers, path, densify_km=DENSIFY_KM)


@pytest.fixture(scope="module")
def kml_export(tmp_path_factory, shipped_layers) -> Path:
    path = tmp_path_factory.mktemp("export") / "all.kml"
    return export_kml(shipped_layers, path, densify_km=DENSIFY_KM)


@pytest.fixture
def hostile_layers(tmp_path) -> list[geo.Layer]:
    """A point layer named by HOSTILE_NAMES, with hostile property names and values, and a
    line layer whose title attacks too."""
    root = tmp_path / "layers"
    features = [
        {
            "type": "Feature",
            "properties": {
                "name": name,
                "=cmd()": "=1+1",
                "tags": ["=x", "\u202e", "\x1b"],
                "description": "</td></tr></table><img src=x onerror=alert(2)>",
                "source": "]]>",
            },
            "geometry": {"type": "Point", "coordinates": [60 + i, 30 + i / 7]},
        }
        for i, name in enumerate(HOSTILE_NAMES)
    ]
    write_layer(root / "user" / "odd.geojson", {
        "type": "FeatureCollection", "name": "Odd", "category": "other", "features": features,
    })  # fmt: skip
    write_layer(root / "user" / "line.geojson", {
        "type": "FeatureCollection", "name": "]]> <b>Line</b>\n<i>x", "category": "corridor",
        "description": "<script>", "source": "=IMPORTXML(1)",
        "features": [{"type": "Feature", "properties": {"name": "-Line-"},
                      "geometry": {"type": "LineString", "coordinates": [[60, 30], [70, 35]]}}],
    })  # fmt: skip
    return geo.load_layers(root)


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def kml_layers(path: Path) -> list[str]:
    return [name for name, _ in pyogrio.list_layers(path)]


def read_kml(path: Path, layer: str) -> gpd.GeoDataFrame:
    return pyogrio.read_dataframe(path, layer=layer)


def _same_parts(a, b) -> None:
    """Equal positions part by part (a MultiGeometry of lines reads back as a multi-line)."""
    pa, pb = shapely.get_parts(a), shapely.get_parts(b)
    assert len(pa) == len(pb)
    for u, v in zip(pa, pb, strict=True):
        np.testing.assert_allclose(
            shapely.get_coordinates(u), shapely.get_coordinates(v), rtol=0, atol=5e-7
        )


def _expected_cell(value):
    """A property value as the CSV should hold it, from the value alone."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


# --------------------------------------------------------------------------- CSV


def test_csv_has_the_geopackage_columns_between_its_own(csv_export, shipped_layers):
    header = read_csv_rows(csv_export)[0].keys()
    frame = to_export_frame(shipped_layers)
    properties = [c for c in frame.columns if c not in ("layer_id", "layer_category", "name")]
    properties.remove(frame.geometry.name)
    assert list(header) == ["layer", "name", "category", *properties, "length_km", "geometry_wkt"]


def test_csv_reads_back_with_the_csv_module(csv_export, geojson_export, shipped_layers):
    rows = read_csv_rows(csv_export)
    assert len(rows) == sum(len(layer) for layer in shipped_layers) == len(geojson_export)
    got = iter(rows)
    for layer in shipped_layers:
        km = geo.geodesic_length(layer.frame, units="km").to_numpy()
        points = layer.frame.geometry.geom_type.isin(["Point", "MultiPoint"]).to_numpy()
        for i, props in enumerate(layer.properties):
            row = next(got)
            assert (row["layer"], row["category"]) == (layer.id, layer.category)
            assert row["name"] == props["name"]
            for key, value in props.items():
                cell = row[key]
                if isinstance(value, list | dict):
                    assert json.loads(cell) == value, (layer.id, key)
                elif isinstance(value, int | float) and not isinstance(value, bool):
                    assert float(cell) == pytest.approx(value, rel=1e-15), (layer.id, key)
                else:
                    assert cell == _expected_cell(value), (layer.id, key)
            empty = set(row) - set(props) - {"layer", "category", "length_km", "geometry_wkt"}
            assert all(row[k] == "" for k in empty)
            if points[i]:
                assert row["length_km"] == ""
            else:
                assert float(row["length_km"]) == pytest.approx(km[i], abs=0.0005)
    wkt = shapely.from_wkt([row["geometry_wkt"] for row in rows])
    assert list(shapely.get_type_id(wkt)) == list(
        shapely.get_type_id(geojson_export.geometry.array)
    )
    for a, b in zip(wkt, geojson_export.geometry.array, strict=True):
        _same_parts(a, b)


def test_csv_reads_back_with_pandas(csv_export, geojson_export, shipped_layers):
    frame = pd.read_csv(csv_export, keep_default_na=False, na_values=[""])
    assert frame.columns[0] == "layer"  # pandas drops the byte order mark
    assert list(frame["layer"]) == list(geojson_export["layer_id"])
    assert list(frame["name"]) == list(geojson_export["name"])
    assert frame["length_km"].dtype == float and frame["published_length_year"].dtype == float
    lines = frame["length_km"].notna().to_numpy()
    expected = np.concatenate([geo.geodesic_length(g.frame).to_numpy() for g in shipped_layers])
    np.testing.assert_allclose(frame["length_km"][lines], expected[lines], rtol=0, atol=0.0005)
    geoms = shapely.from_wkt(frame["geometry_wkt"].to_numpy())
    exported = geo.geodesic_length(gpd.GeoSeries(geoms, crs=4326)).to_numpy()
    np.testing.assert_allclose(exported[lines], expected[lines], rtol=1e-6)
    assert json.loads(frame["countries"].dropna().iloc[0])[0] == "CHN"


def test_csv_is_utf8_with_a_byte_order_mark_and_one_line_a_row(csv_export, shipped_layers):
    data = csv_export.read_bytes()
    assert data.startswith(b"\xef\xbb\xbflayer,name,category,")
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line and b"\r" not in line for line in lines)
    assert len(lines) - 2 == sum(len(layer) for layer in shipped_layers)


def test_csv_coordinates_have_the_precision_the_layers_hold(tmp_path):
    frame = gpd.GeoDataFrame(
        {"name": ["tiny", "negative zero", "line"]},
        geometry=[
            shapely.Point(0.000001, 5e-6),
            shapely.Point(-0.0, -0.0000001),
            shapely.LineString([(62.33863, 25.11222), (70.5, -1.25)]),
        ],
        crs=4326,
    )
    path = export_csv([geo.Layer("t", "T", "other", None, frame)], tmp_path / "t.csv")
    assert [row["geometry_wkt"] for row in read_csv_rows(path)] == [
        "POINT (0.000001 0.000005)",
        "POINT (0 0)",
        "LINESTRING (62.33863 25.11222, 70.5 -1.25)",
    ]


def test_hostile_text_in_a_csv_is_inert(tmp_path, hostile_layers):
    path = export_csv(hostile_layers, tmp_path / "odd.csv")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    header, rows = table[0], table[1:]
    assert "'=cmd()" in header  # a property name is a cell too
    for row in table:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS) or re.fullmatch(r"-[\d.]+", cell), cell
            assert not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", cell), cell
    by_name = {row[1]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(by_name) == {
        '\'=HYPERLINK("http://evil.example/","click")',
        "<script>alert(1)</script>",
        "]]><Placemark><name>forged</name></Placemark>",
        "Gwadar\\u202e\\x1b[2J\\x9b",
        "two\\nlines",
        "'+1",
        "'@SUM(A1)",
        "'-2",
        "\ufffe\uffff",
        "Ürümqi 乌鲁木齐",
        "'-Line-",
    }
    row = by_name["'+1"]
    assert row["'=cmd()"] == "'=1+1"
    assert json.loads(row["tags"]) == ["=x", "\u202e", "\x1b"]  # JSON text, escaped
    assert row["source"] == "]]>"


def test_a_property_named_like_a_csv_column_is_renamed_with_a_warning(tmp_path, capsys):
    root = tmp_path / "layers"
    write_layer(root / "x.geojson", {
        "type": "FeatureCollection", "name": "X", "category": "other",
        "features": [{"type": "Feature",
                      "properties": {"name": "a", "layer": "mine", "length_km": 12.5,
                                     "length_km_2": "taken"},
                      "geometry": {"type": "Point", "coordinates": [1, 2]}}],
    })  # fmt: skip
    out = tmp_path / "x.csv"
    assert main(["export", "--layers", str(root), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "property 'layer' written as column 'layer_2'" in err
    assert "property 'length_km' written as column 'length_km_3'" in err
    (row,) = read_csv_rows(out)
    assert (row["layer"], row["layer_2"], row["length_km_3"]) == ("x", "mine", "12.5")
    assert (row["length_km_2"], row["length_km"]) == ("taken", "")


# --------------------------------------------------------------------------- KML


def test_kml_is_well_formed_with_a_folder_and_a_style_per_layer(kml_export, shipped_layers):
    doc = ET.parse(kml_export).getroot().find(f"{KML}Document")
    folders = doc.findall(f"{KML}Folder")
    assert [f.findtext(f"{KML}name") for f in folders] == [g.name for g in shipped_layers]
    styles = {s.get("id"): s for s in doc.findall(f"{KML}Style")}
    assert len(styles) == len(shipped_layers)
    colours = layer_colours(order_layers(shipped_layers))  # the map's colours
    for layer, folder in zip(shipped_layers, folders, strict=True):
        marks = folder.findall(f"{KML}Placemark")
        assert [m.findtext(f"{KML}name") for m in marks] == list(layer.frame["name"])
        (url,) = {m.findtext(f"{KML}styleUrl") for m in marks}
        style = styles[url.removeprefix("#")]
        look = layer_style(layer, colours[layer.id])
        r, g, b = look["color"][1:3], look["color"][3:5], look["color"][5:7]
        alpha = f"{round(look['opacity'] * 255):02x}"
        assert style.findtext(f"{KML}LineStyle/{KML}color") == f"{alpha}{b}{g}{r}".lower()
        assert float(style.findtext(f"{KML}LineStyle/{KML}width")) == look["weight"]


#: Reads every layer of a KML file with one of GDAL's KML drivers (the other one
#: deregistered, in a process of its own): the driver, then each layer's names and WKB.
KML_READER = r"""
import ctypes, json, re, sys
from pathlib import Path
import pyogrio, shapely

path, driver = sys.argv[1:]
maps = Path("/proc/self/maps").read_text().splitlines()
lib = ctypes.CDLL(next(m.split()[-1] for m in maps if re.search(r"/libgdal[^/]*\.so", m)))
lib.GDALGetDriverByName.argtypes = [ctypes.c_char_p]
lib.GDALGetDriverByName.restype = ctypes.c_void_p
lib.GDALDeregisterDriver.argtypes = [ctypes.c_void_p]
if not lib.GDALGetDriverByName(driver.encode()):
    print(json.dumps(None))
    sys.exit()
for other in {"KML", "LIBKML"} - {driver}:
    if handle := lib.GDALGetDriverByName(other.encode()):
        lib.GDALDeregisterDriver(handle)
out = {"driver": pyogrio.read_info(path, layer=0)["driver"], "layers": {}}
for name, _ in pyogrio.list_layers(path):
    table = pyogrio.read_dataframe(path, layer=name)
    out["layers"][name] = {
        "names": table["Name"].tolist(),
        "wkb": shapely.to_wkb(table.geometry.array, hex=True).tolist(),
    }
print(json.dumps(out))
"""


@pytest.mark.parametrize("driver", ["LIBKML", "KML"])
def test_kml_reads_back_with_gdal(kml_export, geojson_export, shipped_layers, driver):
    if sys.platform != "linux":
        pytest.skip("the reader finds GDAL's library through /proc/self/maps")
    run = subprocess.run(
        [sys.executable, "-c", KML_READER, str(kml_export), driver],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    read = json.loads(run.stdout)
    if read is None:
        pytest.skip(f"the installed GDAL has no {driver} driver")
    assert read["driver"] == driver
    assert list(read["layers"]) == [layer.name for layer in shipped_layers]
    for layer in shipped_layers:
        table = read["layers"][layer.name]
        assert table["names"] == list(layer.frame["name"])
        expected = geojson_export[geojson_export["layer_id"] == layer.id].geometry.array
        got = shapely.from_wkb(table["wkb"])
        assert len(got) == len(expected)
        for a, b in zip(got, expected, strict=True):
            assert a.geom_type.removeprefix("Multi") == b.geom_type.removeprefix("Multi")
            _same_parts(a, b)


def test_kml_styles_read_back_with_gdal_libkml(kml_export, shipped_layers):
    if pyogrio.read_info(kml_export, layer=0)["driver"] != "LIBKML":
        pytest.skip("GDAL reads KML styles with its LIBKML driver only, which it lacks here")
    colours = layer_colours(order_layers(shipped_layers))  # the map's colours
    pyogrio.set_gdal_config_options({"LIBKML_RESOLVE_STYLE": "YES"})
    try:
        for layer in shipped_layers:
            look = layer_style(layer, colours[layer.id])
            sql = f'SELECT OGR_STYLE FROM "{layer.name}"'
            table = pyogrio.read_dataframe(kml_export, sql=sql, sql_dialect="OGRSQL")
            alpha = f"{round(look['opacity'] * 255):02X}"
            pen = f"PEN(c:{look['color'].upper()}{alpha},w:{look['weight']:.6f}px)"
            symbol = f"c:{look['markerColor'].upper()}FF"
            for style in table["OGR_STYLE"]:
                assert style.startswith(pen + ";BRUSH(fc:"), style
                assert symbol in style
    finally:
        pyogrio.set_gdal_config_options({"LIBKML_RESOLVE_STYLE": None})


def test_a_pacific_line_is_a_multigeometry_split_at_the_antimeridian(tmp_path, pacific_layers):
    layers = geo.load_layers(pacific_layers)
    path = export_kml(layers, tmp_path / "p.kml", densify_km=DENSIFY_KM)
    text = path.read_text(encoding="utf-8")
    assert text.count("<MultiGeometry><LineString><tessellate>1</tessellate>") == 1
    (line,) = read_kml(path, "Pacific").geometry
    assert line.geom_type == "MultiLineString"
    lons = shapely.get_coordinates(line)[:, 0]
    assert lons.max() == 180.0 and lons.min() == -180.0
    assert geo.geodesic_length(line) == pytest.approx(
        geo.geodesic_length(layers[0].frame).iloc[0], rel=1e-9
    )
    for coordinates in ET.fromstring(text).iter(f"{KML}coordinates"):
        assert all(p.count(",") == 1 for p in coordinates.text.split())  # lon,lat: no altitude


def test_polygons_and_multi_parts_round_trip_in_both_formats(tmp_path):
    polygon = shapely.Polygon(
        [(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)], [[(1, 1), (2, 1), (2, 2), (1, 1)]]
    )
    geoms = [
        polygon,
        shapely.MultiPolygon([polygon, shapely.box(10, 10, 11, 11)]),
        shapely.MultiPoint([(1.5, 2.5), (3.25, -4.125)]),
        shapely.MultiLineString([[(0, 0), (1, 1)], [(2, 2), (3, 1)]]),
    ]
    names = ["area", "areas", "points", "lines"]
    frame = gpd.GeoDataFrame({"name": names}, geometry=geoms, crs=4326)
    layers = [geo.Layer("shapes", "Shapes", "other", None, frame)]
    kml = read_kml(export_kml(layers, tmp_path / "s.kml"), "Shapes")
    rows = read_csv_rows(export_csv(layers, tmp_path / "s.csv"))
    assert list(kml["Name"]) == names
    for got, row, want in zip(kml.geometry, rows, geoms, strict=True):
        assert got.geom_type == want.geom_type
        assert shapely.equals_exact(got.normalize(), want.normalize(), tolerance=0)
        assert shapely.equals_exact(shapely.from_wkt(row["geometry_wkt"]), want, tolerance=0)
    perimeter = geo.geodesic_length(polygon, units="km")
    assert float(rows[0]["length_km"]) == pytest.approx(perimeter, abs=0.0005)
    assert rows[2]["length_km"] == ""


class _Text(html.parser.HTMLParser):
    """The tags and text of a description's HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_hostile_text_in_a_kml_is_inert(tmp_path, hostile_layers):
    path = export_kml(hostile_layers, tmp_path / "odd.kml")
    text = path.read_text(encoding="utf-8")
    doc = ET.fromstring(text)  # well-formed: no control character, U+FFFE or stray markup
    line, odd = doc.iter(f"{KML}Folder")
    assert line.findtext(f"{KML}name") == "]]> <b>Line</b>\\n<i>x"
    assert "<script" not in text and "<img" not in text and "forged</name>" not in text
    assert re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202e\ufffe\uffff]", text) is None
    names = []
    for mark in [*line.iter(f"{KML}Placemark"), *odd.iter(f"{KML}Placemark")]:
        names.append(mark.findtext(f"{KML}name"))
        parser = _Text()
        parser.feed(mark.findtext(f"{KML}description"))
        assert set(parser.tags) <= {"h3", "p", "i", "table", "tr", "th", "td"}, parser.tags
        assert parser.text[0] == names[-1]  # the balloon's heading: the name, as text
    assert names[0] == "-Line-"  # no formula in KML: the name as it is
    names = names[1:]
    assert names[:3] == HOSTILE_NAMES[:3]  # XML text: read back as the characters they are
    assert names[3:5] == ["Gwadar\\u202e\\x1b[2J\\x9b", "two\\nlines"]
    assert names[8] == "\\ufffe\\uffff"
    table = read_kml(path, "Odd")
    assert list(table["Name"]) == names
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in table["description"].iloc[1]
    assert "<img" not in "".join(table["description"])
    assert all(
        "<BalloonStyle><text>$[description]</text></BalloonStyle>" in s
        for s in re.findall(r"<Style .*?</Style>", text)
    )


def test_a_style_colour_kml_cannot_hold_is_refused_and_nothing_written(tmp_path):
    frame = gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.Point(0, 0)], crs=4326)
    layer = geo.Layer("user/x", "X", "port", None, frame, style={"stroke": "red"})
    with pytest.raises(ValueError, match=r"layer 'user/x': style: Expected a colour like"):
        export_kml([layer], tmp_path / "x.kml")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- both


@pytest.mark.parametrize("suffix", [".csv", ".kml"])
def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path, monkeypatch, shipped_layers, suffix
):
    target = tmp_path / f"all{suffix}"
    target.write_bytes(b"old")
    real = os.fdopen

    class HalfWritten(io.StringIO):
        def __init__(self, fh):
            super().__init__()
            self.fh = fh

        def write(self, text):
            self.fh.write(text[: len(text) // 2])
            self.fh.flush()
            raise OSError(28, "No space left on device")

        def __exit__(self, *exc):
            self.fh.close()

    monkeypatch.setattr(geo._files.os, "fdopen", lambda *a, **k: HalfWritten(real(*a, **k)))
    with pytest.raises(OSError, match=rf"cannot write .*all\{suffix}: No space left on device"):
        export_layers(shipped_layers[:2], target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


@pytest.mark.parametrize("suffix", [".csv", ".kml"])
def test_two_runs_write_the_same_bytes(tmp_path, shipped_layers, suffix):
    a = export_layers(shipped_layers, tmp_path / f"a{suffix}", densify_km=DENSIFY_KM)
    b = export_layers(shipped_layers, tmp_path / f"b{suffix}", densify_km=DENSIFY_KM)
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("suffix", [".csv", ".kml"])
def test_cli_export_by_suffix(tmp_path, capsys, suffix):
    out = tmp_path / f"x{suffix}"
    argv = ["export", "--layers", str(ROOT / "layers"), "--only", "corridors/cpec", "-o", str(out)]
    assert main(argv) == 0
    assert capsys.readouterr().out.strip() == str(out)
    if suffix == ".csv":
        assert [row["layer"] for row in read_csv_rows(out)] == ["corridors/cpec"]
    else:
        assert list(read_kml(out, kml_layers(out)[0])["Name"]) == [
            "China–Pakistan Economic Corridor (CPEC)"
        ]


@pytest.mark.parametrize("fmt", ["csv", "kml"])
def test_cli_export_writes_text_formats_to_a_terminal_too(
    tmp_path, monkeypatch, hostile_layers, fmt
):
    """CSV and KML are text whose every name is escaped: a terminal may show them."""
    fake = TtyStdout(tty=True)
    monkeypatch.setattr(sys, "stdout", fake)
    root = hostile_layers[0].path.parents[1]
    assert main(["export", "--layers", str(root), "--format", fmt, "-o", "-"]) == 0
    data = fake.buffer.getvalue()
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80\xae", data)
    path = tmp_path / f"out.{fmt}"
    path.write_bytes(data)
    if fmt == "csv":
        assert len(read_csv_rows(path)) == len(HOSTILE_NAMES) + 1
    else:
        assert len(read_kml(path, "Odd")) == len(HOSTILE_NAMES)


def test_lengths_nan_values_and_missing_geometries(tmp_path):
    """A NaN property is no value, an infinite one none either in CSV; whole floats stay
    floats; a feature without geometry has no WKT and a Placemark without one."""
    frame = gpd.GeoDataFrame(
        {"name": ["a", "b"], "x": [float("nan"), 2.0], "big": [math.inf, 1e300]},
        geometry=[shapely.LineString([(0, 0), (1, 0)]), None],
        crs=4326,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rows = read_csv_rows(
            export_csv([geo.Layer("t", "T", "other", None, frame)], tmp_path / "t.csv")
        )
    assert [(r["x"], r["big"]) for r in rows] == [("", ""), ("2.0", "1e+300")]
    assert float(rows[0]["length_km"]) == pytest.approx(111.319, abs=0.0005)
    assert (rows[1]["length_km"], rows[1]["geometry_wkt"]) == ("", "")
    layer = geo.Layer("t", "T", "other", None, frame)
    kml = read_kml(export_kml([layer], tmp_path / "t.kml"), "T")  # a Placemark without one
    assert list(kml["Name"]) == ["a", "b"] and kml.geometry.iloc[1] is None


@pytest.mark.parametrize(
    "published, rows",
    [
        (5e-324, ["Length (geodesic)", "Published length"]),  # the share overflows
        (0, ["Length (geodesic)", "Published length"]),
        (math.inf, ["Length (geodesic)"]),  # only from Python: a file cannot hold it
        (100, ["Length (geodesic)", "Published length", "Drawn / published"]),
    ],
)
def test_a_published_length_the_share_cannot_use_is_shown_without_it(tmp_path, published, rows):
    """Found by the fuzz test: 5e-324 km published made the share infinite, and the KML
    export an internal error."""
    frame = gpd.GeoDataFrame(
        {"name": ["a"], "published_length_km": [published]},
        geometry=[shapely.LineString([(0, 0), (0, 1)])],
        crs=4326,
    )
    path = export_kml([geo.Layer("t", "T", "corridor", None, frame)], tmp_path / "t.kml")
    parser = _Text()
    parser.feed(ET.parse(path).getroot().find(f".//{KML}Placemark/{KML}description").text)
    labels = [t for t in parser.text if t in ("Length (geodesic)", "Published length",
                                              "Drawn / published")]  # fmt: skip
    assert labels == rows
