"""A newcomer's first commands: the shipped layers from any folder, ``--version``,
``validate`` on what people really hand it (other file types, Natural Earth's ``NAME``,
many problems), a figure that shows itself in Jupyter, no library warning text."""

from __future__ import annotations

import json
import re
import shlex
import struct
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

import geo
from geo.cli import main
from geo.validation import MAX_PROBLEMS_PER_FILE, problem_count

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "layers"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PORTS = SHIPPED / "maritime" / "ports.geojson"


@pytest.fixture
def elsewhere(tmp_path, monkeypatch) -> Path:
    """A working directory that is not the project folder."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def wheel_install(tmp_path, monkeypatch) -> Path:
    """The package as a wheel installs it: no ``layers/`` beside it."""
    missing = tmp_path / "site-packages" / "layers"
    monkeypatch.setattr(geo.layers, "SHIPPED_LAYERS", missing)
    return missing


def layer_doc(features: list[dict], **top) -> dict:
    return {"type": "FeatureCollection", "name": "T", "category": "port", **top,
            "features": features}  # fmt: skip


def point(props: dict, lon: float = 62.33, lat: float = 25.12) -> dict:
    return {"type": "Feature", "properties": props,
            "geometry": {"type": "Point", "coordinates": [lon, lat]}}  # fmt: skip


def problems(path: Path, features: list[dict]) -> list[str]:
    """What validating a layer of these features, written to ``path``, finds wrong."""
    path.write_text(json.dumps(layer_doc(features)), encoding="utf-8")
    with pytest.raises(geo.LayerError) as info:
        geo.validate_file(path)
    return info.value.problems


# --------------------------------------------------------------------------- shipped layers


def test_the_shipped_folder_is_the_checkouts():
    assert geo.shipped_layers_dir() == SHIPPED
    assert geo.shipped_layers_dir().is_absolute()


@pytest.mark.parametrize(
    "argv",
    [["list"], ["lengths", "--format", "csv"], ["distance", "Gwadar", "Duisburg"],
     ["countries", "corridors/cpec"], ["near", "corridors/cpec", "--layer", PORTS],
     ["summarize", "--layer", PORTS, "--by", "corridors/cpec", "--km", "100"]],
)  # fmt: skip
def test_commands_find_the_shipped_layers_from_any_folder(cli, elsewhere, argv):
    status, out, err = cli(*argv)
    assert status == 0, err
    assert out and not err


def test_python_api_defaults_to_the_shipped_layers_from_any_folder(elsewhere):
    ids = [layer.id for layer in geo.load_layers()]
    assert ids == [layer.id for layer in geo.load_layers(SHIPPED)]
    assert "corridors/cpec" in ids
    assert len(geo.corridor_lengths()) == len(geo.corridor_lengths(geo.load_layers(SHIPPED)))
    assert geo.distance("Gwadar", "Hambantota") == pytest.approx(
        geo.distance("Gwadar", "Hambantota", layers=geo.load_layers(SHIPPED)), abs=1e-9
    )
    assert len(geo.layers.find_layer_files()) == len(ids)


def test_build_from_elsewhere_writes_outputs_below_the_working_directory(cli, elsewhere):
    status, out, err = cli("build", "--only", "corridors/cpec")
    assert status == 0, err
    assert out == "outputs/belt_and_road.html\n"
    assert (elsewhere / "outputs" / "belt_and_road.html").stat().st_size > 10_000


def test_the_shipped_folder_is_named_below_the_working_directory_where_it_is(
    cli, monkeypatch, elsewhere
):
    """From the project folder, messages name ``layers`` as the user would type it; from
    elsewhere, the whole path."""
    status, _, err = cli("export", "-o", SHIPPED / "all.geojson")
    assert status == 1 and f"outside the layers folder {str(SHIPPED)!r}" in err
    monkeypatch.chdir(ROOT)
    status, _, err = cli("export", "-o", "layers/all.geojson")
    assert status == 1 and "outside the layers folder 'layers'" in err
    assert not (SHIPPED / "all.geojson").exists()


def test_import_writes_to_the_shipped_user_folder_from_any_folder(
    cli, tmp_path, monkeypatch, elsewhere
):
    shipped = tmp_path / "checkout" / "layers"
    shipped.mkdir(parents=True)
    monkeypatch.setattr(geo.layers, "SHIPPED_LAYERS", shipped)
    src = elsewhere / "mine.geojson"
    src.write_text(json.dumps(layer_doc([point({"name": "A"})])), encoding="utf-8")
    status, out, err = cli("import", src)
    assert status == 0, err
    assert (shipped / "user" / "mine.geojson").is_file()
    written = shipped / "user" / "mine.geojson"
    assert out.endswith(f"wrote {written}: 1 feature(s), category other\n")
    assert not (elsewhere / "layers").exists()


@pytest.mark.parametrize("argv", [["list"], ["build"], ["import", "x.gpkg"]])
def test_a_wheel_install_asks_for_layers(cli, elsewhere, wheel_install, argv):
    status, out, err = cli(*argv)
    assert status == 1 and not out
    (line,) = err.splitlines()
    assert line.startswith(f"corridors {argv[0]}: error: {wheel_install}: no shipped layers folder")
    assert "--layers DIR" in line
    assert list(elsewhere.iterdir()) == []


def test_a_wheel_install_works_with_layers_named_or_none_needed(cli, elsewhere, wheel_install):
    assert cli("list", "--layers", SHIPPED)[0] == 0
    status, out, _ = cli("distance", "62.33,25.12", "81.1,6.12")
    assert status == 0 and out.startswith("62.33,25.12 – 81.1,6.12: ")
    src = elsewhere / "mine.geojson"
    src.write_text(json.dumps(layer_doc([point({"name": "A"})])), encoding="utf-8")
    status, _, err = cli("import", src, "-o", elsewhere / "out.geojson")
    assert status == 0, err
    with pytest.raises(geo.LayerError, match=r"no shipped layers folder.*--layers DIR"):
        geo.load_layers()
    with pytest.raises(geo.LayerError, match=r"no shipped layers folder"):
        geo.distance("Gwadar", "Duisburg")


# --------------------------------------------------------------------------- --version


def test_version_comes_from_the_package_metadata(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    expected = metadata.version("bri-corridors")
    assert capsys.readouterr().out == f"corridors {expected}\n"
    assert geo.__version__ == expected


def test_version_without_metadata_falls_back_to_the_checkout(monkeypatch):
    import tomllib

    def not_installed(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert geo.__version__ == project["version"]


# --------------------------------------------------------------------------- validate counts


def test_validate_counts_every_problem_past_the_listed_ones(cli, tmp_path):
    n = 179
    far = [point({"name": f"P{i}"}, lon=400) for i in range(n)]
    path = tmp_path / "far.geojson"
    path.write_text(json.dumps(layer_doc(far)), encoding="utf-8")
    other = tmp_path / "other.geojson"
    other.write_text(json.dumps(layer_doc([point({"name": "A"}, lon=200)])), encoding="utf-8")
    status, _, err = cli("validate", path, other)
    lines = err.splitlines()
    assert status == 1
    assert len(lines) == MAX_PROBLEMS_PER_FILE + 1 + 1 + 1
    more = n - MAX_PROBLEMS_PER_FILE
    assert lines[MAX_PROBLEMS_PER_FILE] == f"{path}: ... and {more} more problems"
    assert lines[-1] == f"{n + 1} problem(s) in 2 of 2 file(s)"
    with pytest.raises(geo.LayerError) as info:
        geo.validate_file(path)
    assert problem_count(info.value) == n


def test_validate_counts_folder_problems_too(cli, tmp_path):
    (tmp_path / "empty").mkdir()
    bad = tmp_path / "bad.geojson"
    bad.write_text("[1, 2", encoding="utf-8")
    status, _, err = cli("validate", tmp_path / "empty", bad)
    assert status == 1 and err.splitlines()[-1] == "2 problem(s) in 1 of 1 file(s)"


# --------------------------------------------------------------------------- other file types


def _gpkg(path: Path) -> None:
    import geopandas as gpd
    from shapely import Point

    gpd.GeoDataFrame({"name": ["A"]}, geometry=[Point(62.33, 25.12)], crs=4326).to_file(
        path, driver="GPKG"
    )


def _shp(folder: Path) -> Path:
    import geopandas as gpd
    from shapely import Point

    gpd.GeoDataFrame({"name": ["A"]}, geometry=[Point(62.33, 25.12)], crs=4326).to_file(
        folder / "sites.shp"
    )
    return folder / "sites.shp"


KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>A</name>
<Point><coordinates>62.33,25.12</coordinates></Point></Placemark></Document></kml>
"""
GML = """<?xml version="1.0" encoding="utf-8" ?>
<ogr:FeatureCollection xmlns:ogr="http://ogr.maptools.org/" xmlns:gml="http://www.opengis.net/gml">
<gml:featureMember><ogr:sites><ogr:geometryProperty><gml:Point srsName="EPSG:4326">
<gml:coordinates>62.33,25.12</gml:coordinates></gml:Point></ogr:geometryProperty>
<ogr:name>A</ogr:name></ogr:sites></gml:featureMember></ogr:FeatureCollection>
"""
GPX = """<?xml version="1.0"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
<wpt lat="25.12" lon="62.33"><name>A</name></wpt></gpx>
"""
#: A web page saved under the data file's name: its scripts nest brackets 1,319 deep.
HTML = (
    "<!DOCTYPE html>\n<html lang='en'><head><title>layer.geojson at main</title></head>"
    "<body><script>" + "[{" * 660 + "</script></body></html>\n"
)


def _zip(path: Path) -> None:
    shp = _shp(path.parent)
    with zipfile.ZipFile(path, "w") as zf:
        for part in shp.parent.glob("sites.*"):
            zf.write(part, part.name)


@pytest.mark.filterwarnings("ignore:The filename extension:RuntimeWarning")  # saved.geojson
@pytest.mark.parametrize(
    "name, make, kind, imports",
    [
        ("sites.gpkg", _gpkg, "this is a GeoPackage (an SQLite database), not JSON", True),
        ("saved.geojson", _gpkg, "this is a GeoPackage (an SQLite database), not JSON", True),
        ("sites.zip", _zip, "this is a zip archive, not JSON", True),
        ("sites.kml", KML, "this is a KML file, not JSON", True),
        ("sites.geojson", KML, "this is a KML file, not JSON", True),
        ("sites.gml", GML, "this is a GML file, not JSON", True),
        ("trip.gpx", GPX, "this is a GPX file, not JSON", True),
        ("sites.csv", "name,lon,lat\nA,62.33,25.12\n", "this is a CSV table, not JSON", True),
        ("page.geojson", HTML, "this is an HTML page (a web page saved in place of", False),
        ("map.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "this is a PDF document, not JSON", False),
        ("map.geojson", PNG_MAGIC + b"\0\0\0\rIHDR", "this is a PNG image, not JSON", False),
        ("map.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF", "this is a JPEG image, not JSON", False),
    ],
)
def test_validate_names_what_a_file_is_and_how_to_import_it(
    cli, tmp_path, name, make, kind, imports
):
    path = tmp_path / name
    if callable(make):
        make(path)
    elif isinstance(make, bytes):
        path.write_bytes(make)
    else:
        path.write_text(make, encoding="utf-8")
    status, _, err = cli("validate", path)
    problem, count = err.splitlines()
    assert status == 1 and count == "1 problem(s) in 1 of 1 file(s)"
    assert problem.startswith(f"{path}: {kind}")
    assert "; expected a GeoJSON layer file: " in problem
    assert "not UTF-8" not in problem and "nested too deeply" not in problem
    command = re.search(r"`(corridors import [^`]*)` makes a layer of it$", problem)
    assert bool(command) == imports, problem
    if command:  # the command it gives works
        argv = [*shlex.split(command.group(1))[1:], "-o", tmp_path / "out.geojson"]
        status, _, err = cli(*argv)
        assert status == 0, err
        assert geo.load_layer(tmp_path / "out.geojson").frame["name"].tolist() == ["A"]


def test_a_shapefiles_side_files_point_to_the_shp(cli, tmp_path):
    shp = _shp(tmp_path)
    for suffix in (".dbf", ".shx"):
        status, _, err = cli("validate", shp.with_suffix(suffix))
        assert status == 1
        assert "the .shp beside it" in err.splitlines()[0]


@pytest.mark.parametrize(
    "text, expected",
    [("[1, 2", "not valid JSON"), ('{"type": "Feature"}', "not a FeatureCollection"),
     ("plain words", "not valid JSON"), ("<notes>x</notes>", "this is an XML document")],
)  # fmt: skip
def test_json_and_unknown_text_keep_their_messages(tmp_path, text, expected):
    path = tmp_path / "x.geojson"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(geo.LayerError) as info:
        geo.validate_file(path)
    (line,) = info.value.problems
    assert expected in line


def test_topojson_is_named_with_its_import(tmp_path):
    path = tmp_path / "world.json"
    doc = {"type": "Topology", "objects": {"land": {"type": "GeometryCollection",
           "geometries": []}}, "arcs": []}  # fmt: skip
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(geo.LayerError) as info:
        geo.validate_file(path)
    (line,) = info.value.problems
    assert line.endswith(f"this is TopoJSON, and `corridors import {path}` makes a layer of it")


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    "props, column",
    [({"NAME": "A", "ISO_A3": "AAA"}, "NAME"), ({"Name": "A"}, "Name"),
     ({"id": 1, "name_en": "A", "title": "T"}, "name_en"), ({"title": "A"}, "title"),
     ({"NAME_LONG": "A", "ADMIN": "B"}, "NAME_LONG"), ({"name:en": "A"}, "name:en")],
)  # fmt: skip
def test_every_feature_without_name_gets_one_line_naming_the_column(tmp_path, props, column):
    path = tmp_path / "natural earth.json"
    (line,) = problems(path, [point(dict(props)) for _ in range(177)])
    quoted, field = shlex.quote(str(path)), shlex.quote(column)
    assert line == (
        f"{path}: every feature lacks 'name'; it has {column!r}: "
        f"`corridors import {quoted} --name-field {field}` makes a layer of it"
    )


def test_the_suggested_import_makes_a_layer(cli, tmp_path):
    path = tmp_path / "countries.json"
    features = [point({"NAME": n, "ISO_A3": c}) for n, c in [("Oman", "OMN"), ("Iran", "IRN")]]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    status, _, err = cli("validate", path)
    (command,) = re.findall(r"`(corridors import [^`]*)`", err)
    status, _, err = cli(*shlex.split(command)[1:], "-o", tmp_path / "out.geojson")
    assert status == 0, err
    assert geo.load_layer(tmp_path / "out.geojson").frame["name"].tolist() == ["Oman", "Iran"]


def test_no_name_like_column_is_still_one_line(tmp_path):
    path = tmp_path / "x.geojson"
    (line,) = problems(path, [point({"id": i}) for i in range(3)])
    assert line.startswith(f"{path}: every feature lacks 'name'; expected a name unique")
    assert "--name-field COLUMN" in line


def test_a_name_column_few_features_fill_is_said_so(tmp_path):
    features = [point({"NAME": "A"}), point({"NAME": ""}), point({"label": "L"})]
    (line,) = problems(tmp_path / "x.geojson", features)
    assert "it has 'NAME' (in 1 of them)" in line


def test_some_named_features_keep_one_line_each(tmp_path):
    features = [point({"name": "A"}), point({"NAME": "B"}), point({"NAME": "C"})]
    lines = problems(tmp_path / "x.geojson", features)
    assert [re.search(r"feature (\d)", x).group(1) for x in lines] == ["1", "2"]
    assert all("no 'name' property" in x for x in lines)


def test_real_natural_earth_countries_in_three_lines(real, cli):
    path = real / "ne_110m_admin_0_countries.json"
    status, _, err = cli("validate", path)
    lines = err.splitlines()
    assert status == 1 and lines[-1] == "3 problem(s) in 1 of 1 file(s)"
    assert f"{path}: every feature lacks 'name'; it has 'NAME': " in lines[2]


# --------------------------------------------------------------------------- Jupyter


def test_plot_map_figure_shows_itself_in_jupyter():
    pytest.importorskip("matplotlib")
    import matplotlib

    backend = matplotlib.rcParams["backend"]
    fig = geo.plot_map(geo.load_layers(SHIPPED, only=["corridors/cpec"]))
    png = fig._repr_png_()
    assert png.startswith(PNG_MAGIC)
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (int(fig.get_figwidth() * 100), int(fig.get_figheight() * 100))
    assert matplotlib.rcParams["backend"] == backend  # the session's backend is left alone


def test_ipython_displays_the_figure_as_png():
    pytest.importorskip("matplotlib")
    formatters = pytest.importorskip("IPython.core.formatters")
    fig = geo.plot_map(geo.load_layers(SHIPPED, only=["corridors/cpec"]))
    data, _ = formatters.DisplayFormatter().format(fig)
    assert data["image/png"].startswith(PNG_MAGIC)


# --------------------------------------------------------------------------- warnings


@pytest.mark.filterwarnings("ignore:.crs. was not provided")
@pytest.mark.parametrize("command", ["import", "near"])
def test_no_geopandas_warning_text_for_a_file_without_crs(cli, tmp_path, command):
    """A GeoPackage with no CRS and an empty geometry: geopandas' notice about notna()
    (raised while the import checks its bounds) is not the user's business."""
    import geopandas as gpd
    from shapely import Point

    src = tmp_path / "nocrs.gpkg"
    points = [Point(62.33, 25.12), Point(67.0, 24.8), Point()]
    gpd.GeoDataFrame({"name": ["A", "B", "C"]}, geometry=points).to_file(src)
    argv = {
        "import": ["import", src, "-o", tmp_path / "o.geojson"],
        "near": ["near", "corridors/cpec", "--layer", src, "--layers", SHIPPED],
    }[command]
    _, _, err = cli(*argv)
    assert "GeoSeries" not in err and ": warning: " not in err


@pytest.mark.filterwarnings("ignore:The filename extension:RuntimeWarning")
def test_a_repeated_library_warning_is_shown_once(cli, tmp_path):
    src = tmp_path / "saved.geojson.bak"  # a GeoPackage under another name: GDAL warns
    _gpkg(src)
    _, _, err = cli("near", "corridors/cpec", "--layer", src, "--layers", SHIPPED)
    warned = [line for line in err.splitlines() if ": warning: " in line]
    if not warned:
        pytest.skip("this GDAL gives no warning for a GeoPackage's suffix")
    assert len(warned) == len(set(warned))
