"""Files from elsewhere, made by someone hostile: `corridors import`, `near --layer` and
`geo.read_foreign` read the named file and its side files only, make no network request,
run no pipeline, and neither hang nor take memory the file does not hold.

A local HTTP server records every request (there must be none). A "secret" file holds a
marker that must never appear in what is read, and a FIFO stands for any other file: a
process that opened it for reading would wait for ever, so the runs that point at it are
made in a child process with a time limit.
"""

from __future__ import annotations

import http.server
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
import zipfile
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
import shapely

import geo
from geo import _gdal, _sources

ROOT = Path(__file__).resolve().parents[1]
SECRET = "s3cr3t-marker-4f1c"

POINT = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "Gwadar"},
            "geometry": {"type": "Point", "coordinates": [62.33, 25.12]},
        }
    ],
}


@pytest.fixture
def server():
    """A local HTTP server; yields (base URL, list of the paths requested)."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            body = json.dumps(POINT).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "private" / "secret.csv"
    path.parent.mkdir()
    path.write_text(f"name,lon,lat,note\n{SECRET},10,20,{SECRET}\n", encoding="utf-8")
    return path


def vrt(source: str) -> str:
    return textwrap.dedent(
        f"""\
        <OGRVRTDataSource>
          <OGRVRTLayer name="secret">
            <SrcDataSource>{source}</SrcDataSource>
            <GeometryType>wkbPoint</GeometryType>
            <GeometryField encoding="PointFromColumns" x="lon" y="lat"/>
          </OGRVRTLayer>
        </OGRVRTDataSource>
        """
    )


GDALG = (
    '{"type": "gdal_streamed_alg", "command_line": "gdal vector pipeline ! read %s ! write '
    '--output-format=stream streamed_dataset", "relative_paths_relative_to_this_file": false}'
)


def hostile_files(folder: Path, target: str, base: str) -> dict[str, tuple[Path, str]]:
    """Files that try to read ``target`` (a path) or reach ``base`` (a URL), each with the
    phrase its refusal must hold ("" where the file is read, without what it points at)."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, tuple[Path, str]] = {}

    def add(key: str, name: str, text: str, phrase: str) -> None:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        files[key] = (path, phrase)

    add("vrt-as-csv", "ports.csv", vrt(target), "an OGR VRT file")
    add("vrt-as-geojson", "ports.geojson", vrt(target), "an OGR VRT file")
    add("vrt-as-kml", "ports.kml", vrt(target), "an OGR VRT file")
    add("vrt-of-a-url", "remote.csv", vrt(f"/vsicurl/{base}/rows.csv"), "an OGR VRT file")
    add("gdal-pipeline", "pipeline.geojson", GDALG % target, "a GDAL streamed algorithm")
    link = {**POINT, "crs": {"type": "link", "properties": {"href": f"{base}/crs"}}}
    add("crs-link", "linked.geojson", json.dumps(link), "which is not fetched")
    named = {**POINT, "crs": {"type": "name", "properties": {"name": f"{base}/crs-name"}}}
    add("crs-name-url", "named.geojson", json.dumps(named), "")
    add("html-page", "page.geojson", "<!DOCTYPE html><html><body>hi</body></html>", "HTML page")
    gml = (
        '<?xml version="1.0"?><ogr:FeatureCollection xmlns:ogr="http://ogr.maptools.org/" '
        'xmlns:gml="http://www.opengis.net/gml" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://ogr.maptools.org/ {schema}"><gml:featureMember><ogr:c>'
        '<ogr:name>a</ogr:name><ogr:geometryProperty><gml:Point srsName="{srs}">'
        "<gml:coordinates>1,2</gml:coordinates></gml:Point></ogr:geometryProperty></ogr:c>"
        "</gml:featureMember></ogr:FeatureCollection>"
    )
    add("gml-local-schema", "local.gml", gml.format(schema=target, srs="EPSG:4326"), "")
    add("gml-remote-schema", "remote.gml", gml.format(schema=f"{base}/s.xsd", srs="EPSG:4326"), "")
    add("gml-remote-srs", "srs.gml", gml.format(schema="x.xsd", srs=f"{base}/srs"), "")
    kml = (
        '<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2">'
        "<Document><NetworkLink><name>n</name><Link><href>{0}</href></Link></NetworkLink>"
        "<NetworkLink><name>m</name><Link><href>{1}/x.kml</href></Link></NetworkLink>"
        "<Placemark><name>p</name><Point><coordinates>1,2</coordinates></Point></Placemark>"
        "</Document></kml>"
    )
    add("kml-network-links", "links.kml", kml.format(target, base), "")
    archive = folder / "export.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("export/ports.csv", vrt(target))
    files["vrt-in-a-zip"] = (archive, "an OGR VRT file")
    return files


@pytest.mark.parametrize(
    "key",
    [
        "vrt-as-csv",
        "vrt-as-geojson",
        "vrt-as-kml",
        "vrt-of-a-url",
        "vrt-in-a-zip",
        "gdal-pipeline",
        "crs-link",
        "crs-name-url",
        "html-page",
        "gml-local-schema",
        "gml-remote-schema",
        "gml-remote-srs",
        "kml-network-links",
    ],
)
def test_a_hostile_file_reads_nothing_else_and_requests_nothing(tmp_path, cli, server, secret, key):
    base, requests = server
    path, phrase = hostile_files(tmp_path / "in", str(secret), base)[key]
    dest = tmp_path / "out.geojson"
    status, out, err = cli("import", path, "-o", dest)
    assert requests == []
    assert SECRET not in out + err
    if phrase:
        assert status == 1 and phrase in err, err
        assert not dest.exists()
    else:
        assert status == 0, err
        assert SECRET not in dest.read_text(encoding="utf-8")
    # near --layer reads the same way, in memory
    status, out, err = cli("near", "corridors/cpec", "--layer", path, "--km", "1e4")
    assert requests == [] and SECRET not in out + err
    assert status == (1 if phrase else 0), err


def test_a_crs_link_is_never_fetched_and_crs_says_what_it_is(tmp_path, server):
    base, requests = server
    path, _phrase = hostile_files(tmp_path / "in", "x", base)["crs-link"]
    read = geo.read_foreign(path, crs="EPSG:4326")
    assert requests == []
    assert any("not fetched; read with --crs EPSG:4326" in n for n in read.notes)
    assert read.document["features"][0]["geometry"]["coordinates"] == [62.33, 25.12]


def test_nothing_else_is_even_opened(tmp_path, server):
    """Every hostile file points at a FIFO: opening it for reading would block, so the
    child process would not end."""
    base, requests = server
    bait = tmp_path / "bait.csv"
    os.mkfifo(bait)
    files = hostile_files(tmp_path / "in", str(bait), base)
    shp = tmp_path / "in" / "side.shp"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.Point(1, 2)], crs=4326).to_file(shp)
    (tmp_path / "in" / "side.cpg").unlink(missing_ok=True)
    os.mkfifo(tmp_path / "in" / "side.cpg")  # a side file that is a FIFO
    paths = [str(p) for p, _phrase in files.values()] + [str(shp), str(bait)]
    script = (
        "import json, sys, geo\n"
        "for path in sys.argv[1:]:\n"
        "    try:\n"
        "        geo.read_foreign(path)\n"
        "        print(json.dumps([path, 'read']), flush=True)\n"
        "    except geo.LayerError as exc:\n"
        "        print(json.dumps([path, exc.problems[0]]), flush=True)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, *paths],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    results = dict(json.loads(line) for line in proc.stdout.splitlines())
    assert set(results) == set(paths)
    assert "a FIFO (named pipe)" in results[str(shp)]
    assert "a FIFO (named pipe)" in results[str(bait)]
    assert requests == []


def test_gdal_keeps_only_the_allowed_drivers_while_reading_and_all_after(tmp_path, server):
    base, requests = server
    before = list(pyogrio.list_drivers())
    with _gdal.guarded():
        assert set(pyogrio.list_drivers()) <= _gdal.ALLOWED_DRIVERS
        for forbidden in ("OGR_VRT", "GDALG", "HTTP", "WFS", "GPSBabel", "SQLite"):
            assert forbidden not in pyogrio.list_drivers()
        with pytest.raises(pyogrio.errors.DataSourceError):
            pyogrio.read_dataframe(f"/vsicurl/{base}/ports.geojson")
    assert requests == []
    geo.read_foreign(ROOT / "layers" / "maritime" / "ports.geojson")
    assert list(pyogrio.list_drivers()) == before  # every driver back, in its order
    assert pyogrio.get_gdal_config_option("CPL_VSIL_CURL_ALLOWED_FILENAME") is None


@pytest.mark.parametrize(
    ("name", "content", "phrase"),
    [
        ("t.mif", 'Version 300\nCharset "Neutral"\nColumns 1\n', "a text file of no format"),
        ("t.pdf", "%PDF-1.4\n%...", "a PDF document"),
        ("t.geojson", '{"geometryType": "esriGeometryPoint", "spatialReference": {}}', "Esri JSON"),
        ("t.geojson", "", "an empty file"),
        ("t.xml", '<?xml version="1.0"?><catalog xmlns="x"></catalog>', "root element <catalog>"),
        ("t.svg", '<?xml version="1.0"?><svg xmlns="x"></svg>', "an SVG image"),
        ("t.osm", '<?xml version="1.0"?><osm version="0.6"></osm>', "OpenStreetMap XML.*ogr2ogr"),
    ],
)
def test_files_of_no_format_read_are_named_for_what_they_are(tmp_path, name, content, phrase):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(geo.LayerError, match=phrase):
        geo.read_foreign(path)


def test_an_sqlite_database_that_is_not_a_geopackage_is_refused(tmp_path):
    path = tmp_path / "data.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(geo.LayerError, match="an SQLite database that is not a GeoPackage"):
        geo.read_foreign(path)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused_before_it_is_read(device, cli):
    status, _, err = cli("import", device, "-o", "/tmp/never.geojson")
    assert status == 1 and "a character device" in err


# ------------------------------------------------------------------ sizes and counts


def understated_zip(path: Path, member: str, data: bytes, said: int) -> Path:
    """A zip whose headers (local and central) say the member unpacks to ``said`` bytes."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(member, data)
    raw = bytearray(path.read_bytes())
    true = len(data).to_bytes(4, "little")
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = raw.find(signature)
        assert raw[at + offset : at + offset + 4] == true
        raw[at + offset : at + offset + 4] = said.to_bytes(4, "little")
    path.write_bytes(bytes(raw))
    return path


def test_a_zip_that_understates_its_size_is_stopped(tmp_path):
    data = b"name,lon,lat\n" + b"a,1,2\n" * 2_000_000  # 12 MB
    archive = understated_zip(tmp_path / "small.zip", "rows.csv", data, 1_000)
    assert archive.stat().st_size < 200_000
    with pytest.raises(geo.LayerError, match=r"cannot be unpacked|more than the limit"):
        geo.read_foreign(archive, max_bytes=5_000_000)


def test_archive_limit_counts_what_is_unpacked(tmp_path):
    archive = tmp_path / "big.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("rows.csv", b"name,lon,lat\n" + b"a,1,2\n" * 500_000)
    with pytest.raises(geo.LayerError, match=r"would unpack to 3,000,013 bytes.*--max-bytes"):
        geo.read_foreign(archive, max_bytes=1_000_000)


def test_a_wide_csv_is_read_for_the_rows_it_holds(tmp_path, monkeypatch):
    """A 1-row, 400-column CSV: GDAL is asked for at most as many rows as the file has
    lines (pyogrio reserves room for every row it is asked for, per column)."""
    path = tmp_path / "wide.csv"
    header = ",".join(["lon", "lat"] + [f"c{i}" for i in range(400)])
    path.write_text(header + "\n" + ",".join(["1", "2"] + ["x"] * 400) + "\n", encoding="utf-8")
    asked: list[int] = []
    read = pyogrio.raw.read

    def spy(*args, **kwargs):
        asked.append(kwargs.get("max_features"))
        return read(*args, **kwargs)

    monkeypatch.setattr(pyogrio.raw, "read", spy)
    doc = geo.read_foreign(path).document
    assert len(doc["features"]) == 1 and len(doc["features"][0]["properties"]) == 401
    assert asked and max(asked) <= 2


def test_features_past_the_limit_stop_the_read(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("name,lon,lat\n" + "".join(f"p{i},1,2\n" for i in range(50)))
    with pytest.raises(geo.LayerError, match=r"more than 10 features.*--max-features"):
        geo.read_foreign(path, max_features=10)
    shp = tmp_path / "pts.shp"
    gpd.GeoDataFrame(
        {"name": [f"p{i}" for i in range(50)]}, geometry=shapely.points([[1, 2]] * 50), crs=4326
    ).to_file(shp)
    with pytest.raises(geo.LayerError, match=r"more than 10 features"):
        geo.read_foreign(shp, max_features=10)
    assert len(geo.read_foreign(shp, max_features=50).document["features"]) == 50


def test_a_dbf_with_fewer_records_than_shapes_is_named(tmp_path):
    shp = tmp_path / "three.shp"
    gpd.GeoDataFrame(
        {"name": ["a", "b", "c"]}, geometry=shapely.points([[1, 1], [2, 2], [3, 3]]), crs=4326
    ).to_file(shp)
    dbf = shp.with_suffix(".dbf")
    raw = dbf.read_bytes()
    header, record = int.from_bytes(raw[8:10], "little"), int.from_bytes(raw[10:12], "little")
    dbf.write_bytes(raw[:4] + (1).to_bytes(4, "little") + raw[8 : header + record] + b"\x1a")
    with pytest.raises(geo.LayerError, match=r"holds 3 shape\(s\) but three.dbf 1 record\(s\)"):
        geo.read_foreign(shp)


def geopackage_with_views(path: Path) -> Path:
    gpd.GeoDataFrame(
        {"name": ["a", "b"]}, geometry=shapely.points([[1, 1], [2, 2]]), crs=4326
    ).to_file(path, layer="pts")
    with sqlite3.connect(path) as db:
        db.executescript(
            """
            CREATE VIEW endless AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1
              FROM c) SELECT x AS fid, 'n' || x AS name FROM c;
            CREATE TABLE big (x);
            WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 400)
              INSERT INTO big SELECT x FROM c;
            CREATE VIEW never AS SELECT a.x AS fid FROM big a, big b, big c
              WHERE a.x + b.x + c.x < 0;
            CREATE TABLE layer_styles (id INTEGER PRIMARY KEY, f_table_name TEXT, qml TEXT);
            INSERT INTO layer_styles VALUES (1, 'pts', '<qgis/>');
            INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES
              ('endless', 'attributes', 'endless'), ('never', 'attributes', 'never'),
              ('layer_styles', 'attributes', 'layer_styles');
            """
        )
    return path


def test_geopackage_views_that_never_end_are_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(_sources, "SQLITE_STEPS", 5_000_000)  # 400^3 rows would take 64e6
    path = geopackage_with_views(tmp_path / "views.gpkg")
    before = path.read_bytes()
    read = geo.read_foreign(path)
    assert [f["properties"]["name"] for f in read.document["features"]] == ["a", "b"]
    assert any("view(s) left out: 'never' (no first row within" in n for n in read.notes)
    assert any("without geometry left out:" in n and "'layer_styles'" in n for n in read.notes)
    assert path.read_bytes() == before  # the views were dropped from a private copy
    with pytest.raises(geo.LayerError, match=r"the view 'never' is not read"):
        geo.read_foreign(path, layer="never")
    with pytest.raises(geo.LayerError, match=r"\(layer 'endless'\): more than 100 features"):
        geo.read_foreign(path, layer="endless", max_features=100)


def test_a_qgis_style_table_beside_the_data_is_left_out_with_a_note(tmp_path, cli):
    path = tmp_path / "styled.gpkg"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[shapely.Point(1, 2)], crs=4326).to_file(
        path, layer="sites"
    )
    with sqlite3.connect(path) as db:
        db.executescript(
            "CREATE TABLE layer_styles (id INTEGER PRIMARY KEY, f_table_name TEXT, qml TEXT);"
            "INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES "
            "('layer_styles', 'attributes', 'layer_styles');"
        )
    status, out, err = cli("import", path, "-o", tmp_path / "o.geojson")
    assert status == 0, err
    assert "table(s) without geometry left out: 'layer_styles' (--layer takes one)" in out


def test_a_file_name_with_a_newline_is_imported(tmp_path, cli):
    path = tmp_path / "new\nline.geojson"
    path.write_text(json.dumps(POINT), encoding="utf-8")
    status, _out, err = cli("import", path, "-o", tmp_path / "o.geojson")
    assert status == 0, err
    assert geo.load_layer(tmp_path / "o.geojson").properties[0]["name"] == "Gwadar"


def test_gml_import_writes_nothing_beside_the_source(tmp_path):
    folder = tmp_path / "src"
    path, _ = hostile_files(folder, "x.xsd", "http://127.0.0.1:9")["gml-remote-srs"]
    before = sorted(p.name for p in folder.iterdir())
    geo.read_foreign(path)
    assert sorted(p.name for p in folder.iterdir()) == before


def test_a_member_outside_the_archive_folder_is_never_unpacked_there(tmp_path):
    archive = tmp_path / "a" / "b" / "slip.zip"
    archive.parent.mkdir(parents=True)
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../../escaped.geojson", json.dumps(POINT))
        zf.writestr("data/ports.geojson", json.dumps(POINT))
    read = geo.read_foreign(archive)
    assert read.label == "slip.zip/data/ports.geojson"
    assert not (tmp_path / "escaped.geojson").exists()


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_a_spreadsheet_that_unpacks_past_the_limit_is_stopped(tmp_path, suffix):
    path = tmp_path / f"sheet{suffix}"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", " " * 3_000_000)
    assert path.stat().st_size < 100_000
    limit = r"unpacks to more than the limit of 1,000,000 bytes \(stopped at"
    with pytest.raises(geo.LayerError, match=limit):
        geo.read_foreign(path, max_bytes=1_000_000)


@pytest.mark.parametrize("suffix", [".geojson", ".csv"])
def test_a_column_named_geometry_is_kept_under_another_name(tmp_path, suffix):
    path = tmp_path / f"notes{suffix}"
    if suffix == ".csv":
        path.write_text("name,lon,lat,geometry\nA,1,2,a note\n", encoding="utf-8")
    else:
        doc = json.loads(json.dumps(POINT))
        doc["features"][0]["properties"]["geometry"] = "a note"
        path.write_text(json.dumps(doc), encoding="utf-8")
    read = geo.read_foreign(path)
    props = read.document["features"][0]["properties"]
    assert props["geometry_2"] == "a note" and "geometry" not in props
    assert any("column 'geometry' renamed 'geometry_2'" in n for n in read.notes)
    with pytest.raises(geo.LayerError, match="without --strict it is renamed 'geometry_2'"):
        geo.read_foreign(path, strict=True)


def test_polygons_that_bound_no_area_are_dropped_with_a_note(tmp_path):
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "point-like"},
                "geometry": {"type": "Polygon", "coordinates": [[[1, 1], [1, 1], [1, 1], [1, 1]]]},
            },
            {
                "type": "Feature",
                "properties": {"name": "on the seam"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[180, 0], [-180, 10], [180, 10], [180, 0]]],
                },
            },
            {
                "type": "Feature",
                "properties": {"name": "real"},
                "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
            },
        ],
    }
    path = tmp_path / "flat.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    read = geo.read_foreign(path)
    assert [f["properties"]["name"] for f in read.document["features"]] == ["real"]
    assert any("2 polygon feature(s) bounding no area dropped" in n for n in read.notes)
    with pytest.raises(geo.LayerError, match=r"feature 0: polygon bounds no area"):
        geo.read_foreign(path, strict=True)
