"""Importing files from elsewhere as layer files: every kind of source a user brings.

Each fixture is made here (zipped shapefiles in sub-folders, CSV in EPSG:3857, KML with
folders, GPX with an empty track, antimeridian polygons, repeated names); every layer
that an import writes is also built into a map (the ``built`` fixture).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely import LineString, MultiLineString, Point, Polygon

import geo

ROOT = Path(__file__).resolve().parents[1]
# fixtures written without a CRS on purpose (longitudes past 180 are not degrees to GDAL)
pytestmark = pytest.mark.filterwarnings("ignore:.crs. was not provided")


@pytest.fixture
def built(tmp_path, shipped_layers):
    """Call with the layer files an import wrote: they are built into one map with the
    shipped layers, and the map's overlays are returned."""

    def build(*paths: Path) -> list[str]:
        layers = [*shipped_layers, *(geo.load_layer(p) for p in paths)]
        out = geo.save_map(geo.build_map(layers), tmp_path / "with_imports.html")
        html = out.read_text(encoding="utf-8")
        for layer in layers[-len(paths) :]:
            assert json.dumps(layer.name, ensure_ascii=False)[1:-1] in html
        return [layer.id for layer in layers]

    return build


@pytest.fixture(autouse=True)
def every_import_builds(monkeypatch, tmp_path):
    """Every layer file an import in these tests writes is built into a map afterwards."""
    from geo import convert

    written: list[Path] = []
    write = convert._write

    def recording(*args, **kwargs):
        path = write(*args, **kwargs)
        written.append(path)
        return path

    monkeypatch.setattr(convert, "_write", recording)
    yield
    for path in written:
        if path.is_file():
            layer = geo.load_layer(path)
            geo.save_map(geo.build_map([layer]), tmp_path / "each.html")
            geo.to_feature_collection([layer], densify_km=300)


# ------------------------------------------------------------------ formats


def test_geopackage_in_web_mercator_becomes_a_wgs84_layer(tmp_path, built):
    frame = gpd.GeoDataFrame(
        {"title": ["Khorgos – Ürümqi", "Gwadar port"], "opened": pd.array([2012, None], "Int64")},
        geometry=[LineString([(80.41, 44.21), (87.60, 43.80)]), Point(62.33, 25.12)],
        crs=4326,
    ).to_crs(3857)
    src = tmp_path / "mine.gpkg"
    frame.to_file(src, engine="pyogrio")
    dest = tmp_path / "layers" / "user" / "mine.geojson"
    path = geo.convert_to_layer(
        src, dest, name="Mine", category="other", name_field="title", source="my survey, 2024"
    )
    layer = geo.load_layer(path, strict=True)
    assert list(layer.frame["name"]) == ["Khorgos – Ürümqi", "Gwadar port"]
    assert layer.frame.geometry.iloc[1].x == pytest.approx(62.33, abs=1e-9)
    assert "opened" not in layer.properties[1]  # a gap in the column is left out, not null
    assert layer.properties[0]["opened"] == 2012 and isinstance(layer.properties[0]["opened"], int)
    assert layer.properties[0]["source"] == "my survey, 2024"
    km = geo.geodesic_length(layer.frame.geometry.iloc[0])
    assert km == pytest.approx(geo.distance((80.41, 44.21), (87.60, 43.80)), rel=1e-9)
    built(dest)


def zipped_shapefile(tmp_path: Path, frame: gpd.GeoDataFrame, inner: str, **kw) -> Path:
    folder = tmp_path / "shp"
    folder.mkdir(exist_ok=True)
    shp = folder / f"{Path(inner).name}.shp"
    frame.to_file(shp, engine="pyogrio", **kw)
    archive = tmp_path / f"{Path(inner).name}.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for part in folder.iterdir():
            if part.stem == shp.stem:
                zf.write(part, f"{Path(inner).parent}/{part.name}")
        zf.writestr("readme.txt", "a side file, not a dataset")
    return archive


def test_zipped_shapefile_in_a_sub_folder_in_massachusetts_state_plane(tmp_path, cli, built):
    # EPSG:26986 (NAD83 / Massachusetts Mainland), as MassGIS ships its shapefiles
    wgs = gpd.GeoDataFrame(
        {"TOWN": ["BOSTON", "SALEM"]},
        geometry=[Point(-71.0589, 42.3601), Point(-70.8967, 42.5195)],
        crs=4326,
    )
    archive = zipped_shapefile(tmp_path, wgs.to_crs(26986), "data/towns/towns")
    dest = tmp_path / "layers" / "towns.geojson"
    status, out, err = cli("import", archive, "-o", dest, "--name-field", "TOWN")
    assert status == 0, err
    layer = geo.load_layer(dest)
    assert list(layer.frame["name"]) == ["BOSTON", "SALEM"]
    got = shapely.get_coordinates(layer.geometries())
    np.testing.assert_allclose(got, [(-71.0589, 42.3601), (-70.8967, 42.5195)], atol=1e-7)
    assert f"wrote {dest}: 2 feature(s), category other" in out
    built(dest)


def test_zip_with_several_datasets_lists_them_and_takes_one_by_layer(tmp_path, cli):
    archive = tmp_path / "two.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for stem in ("ports", "rails"):
            doc = {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": stem},
                        "geometry": {"type": "Point", "coordinates": [1, 2]},
                    }
                ],
            }
            zf.writestr(f"export/{stem}.geojson", json.dumps(doc))
    status, _, err = cli("import", archive, "-o", tmp_path / "o.geojson")
    assert status == 1
    assert "holds 2 datasets (export/ports.geojson, export/rails.geojson)" in err
    assert "--layer" in err
    status, _, err = cli("import", archive, "-o", tmp_path / "o.geojson", "--layer", "rails")
    assert status == 0, err
    assert geo.load_layer(tmp_path / "o.geojson").properties[0]["name"] == "rails"


def test_zip_bomb_is_refused_before_reading(tmp_path):
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("big.geojson", " " * 5_000_000)
    assert archive.stat().st_size < 100_000
    with pytest.raises(geo.LayerError, match=r"would unpack to 5,000,000 bytes.*--max-bytes"):
        geo.convert_to_layer(archive, tmp_path / "o.geojson", max_bytes=1_000_000)


CSV_3857 = "Port,X,Y,berths\nGwadar,6938684.56,2891449.95,3\nHambantota,9022350.1,682271.88,\n"


def test_csv_of_web_mercator_coordinates_with_crs(tmp_path, cli, built):
    src = tmp_path / "ports.csv"
    src.write_text(CSV_3857, encoding="utf-8")
    dest = tmp_path / "ports.geojson"
    status, _, err = cli(
        "import",
        src,
        "-o",
        dest,
        "--crs",
        "EPSG:3857",
        "--category",
        "port",
        "--name-field",
        "Port",
    )
    assert status == 0, err
    layer = geo.load_layer(dest)
    np.testing.assert_allclose(
        shapely.get_coordinates(layer.geometries()),
        gpd.GeoSeries(shapely.points([(6938684.56, 2891449.95), (9022350.1, 682271.88)]), crs=3857)
        .to_crs(4326)
        .get_coordinates()
        .to_numpy(),
        atol=1e-9,
    )
    assert layer.properties[0]["berths"] == 3 and type(layer.properties[0]["berths"]) is int
    assert "berths" not in layer.properties[1]
    built(dest)


def test_csv_in_metres_without_crs_is_refused_with_a_hint(tmp_path, cli):
    src = tmp_path / "ports.csv"
    src.write_text(CSV_3857, encoding="utf-8")
    status, _, err = cli("import", src, "-o", tmp_path / "o.geojson")
    assert status == 1
    assert "cannot be degrees" in err and "--crs EPSG:3857" in err


@pytest.mark.parametrize(
    ("header", "row"),
    [
        ("name,lon,lat", "Gwadar,62.33,25.12"),
        ("Name,Longitude,Latitude", "Gwadar,62.33,25.12"),
        ("NAME,lng,LAT", "Gwadar,62.33,25.12"),
        ("title,x,y", "Gwadar,62.33,25.12"),
    ],
)
def test_csv_coordinate_columns_are_found_by_name(tmp_path, header, row):
    src = tmp_path / "t.csv"
    src.write_text(f"{header}\n{row}\n", encoding="utf-8")
    layer = geo.load_layer(geo.convert_to_layer(src, tmp_path / "t.geojson"))
    assert layer.properties[0]["name"] == "Gwadar"
    assert (layer.geometries()[0].x, layer.geometries()[0].y) == (62.33, 25.12)


def test_csv_with_swapped_coordinates_says_so(tmp_path):
    src = tmp_path / "t.csv"
    src.write_text("name,x,y\nBeijing,39.9,116.4\n", encoding="utf-8")
    with pytest.raises(geo.LayerError, match=r"look like \(lat, lon\)"):
        geo.convert_to_layer(src, tmp_path / "t.geojson")


def test_table_without_coordinate_columns_names_the_options(tmp_path):
    src = tmp_path / "table.csv"
    src.write_text("name,where\nGwadar,Pakistan\n", encoding="utf-8")
    with pytest.raises(geo.LayerError, match=r"no x \(longitude\) column.*--x-field"):
        geo.convert_to_layer(src, tmp_path / "o.geojson")


KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Survey</name>
<Folder><name> Ports </name>
 <Placemark><name>Gwadar</name><Point><coordinates>62.33,25.12</coordinates></Point></Placemark>
 <Placemark><name>Gwadar</name><Point><coordinates>62.34,25.13</coordinates></Point></Placemark>
</Folder>
<Folder><name>Empty</name></Folder>
<Folder><name>Lines</name><Placemark><name>Kashgar – Gwadar</name>
 <LineString><coordinates>75.99,39.47 62.33,25.12</coordinates></LineString></Placemark></Folder>
</Document></kml>"""


def test_kml_folders_all_go_in_with_their_source_layer(tmp_path, cli, built):
    src = tmp_path / "survey.kml"
    src.write_text(KML, encoding="utf-8")
    dest = tmp_path / "layers" / "user" / "survey.geojson"
    status, out, err = cli("import", src, "-o", dest)
    assert status == 0, err
    layer = geo.load_layer(dest)
    assert [p["source_layer"] for p in layer.properties] == ["Ports", "Ports", "Lines"]
    assert list(layer.frame["name"]) == ["Gwadar", "Gwadar (2)", "Kashgar – Gwadar"]
    assert "took 2 layer(s) from survey.kml: 'Ports' (2), 'Lines' (1)" in out
    assert "1 repeated names numbered ('Gwadar (2)')" in out
    assert "empty layer(s) left out: 'Empty'" in out
    assert not any(k in layer.properties[0] for k in ("tessellate", "extrude", "visibility"))
    built(dest)


def test_kml_layer_is_matched_ignoring_surrounding_spaces(tmp_path):
    src = tmp_path / "survey.kml"
    src.write_text(KML, encoding="utf-8")
    for given in (" Ports ", "ports"):
        out = geo.convert_to_layer(src, tmp_path / "p.geojson", layer=given, force=True)
        assert out.features == 2 and geo.load_layer(out).name == "Ports"


def test_kml_empty_folder_alone_is_refused_naming_the_layers_with_data(tmp_path):
    src = tmp_path / "survey.kml"
    src.write_text(KML, encoding="utf-8")
    with pytest.raises(
        geo.LayerError,
        match=r"'Empty' have no features.*layers with data: "
        r"'Ports', 'Lines'",
    ):
        geo.convert_to_layer(src, tmp_path / "o.geojson", layer="Empty")
    assert not (tmp_path / "o.geojson").exists()


GPX = """<?xml version="1.0"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
<wpt lat="43.80" lon="87.60"><name>Ürümqi</name></wpt>
<trk><name>Nothing recorded</name></trk>
<trk><name>Khorgos – Ürümqi</name><trkseg><trkpt lat="44.21" lon="80.41"/>
<trkpt lat="43.80" lon="87.60"/></trkseg></trk>
</gpx>"""


def test_gpx_with_an_empty_track(tmp_path, cli, built):
    src = tmp_path / "trip.gpx"
    src.write_text(GPX, encoding="utf-8")
    dest = tmp_path / "trip.geojson"
    status, out, err = cli("import", src, "-o", dest)
    assert status == 0, err
    layer = geo.load_layer(dest)
    assert list(layer.frame["name"]) == ["Ürümqi", "Khorgos – Ürümqi"]
    assert [p["source_layer"] for p in layer.properties] == ["waypoints", "tracks"]
    assert "1 feature(s) with null or empty geometry dropped" in out
    assert "left out route_points and track_points: GDAL's copies of the vertices" in out
    assert "empty layer(s) left out: 'routes'" in out
    built(dest)


def test_gpx_empty_routes_layer_alone_is_refused(tmp_path):
    src = tmp_path / "trip.gpx"
    src.write_text(GPX, encoding="utf-8")
    with pytest.raises(geo.LayerError, match=r"'routes' have no features"):
        geo.convert_to_layer(src, tmp_path / "o.geojson", layer="routes")


@pytest.mark.parametrize(
    "doc",
    [
        {
            "type": "Feature",
            "properties": {"name": "Gwadar"},
            "geometry": {"type": "Point", "coordinates": [62.33, 25.12]},
        },
        {"type": "Point", "coordinates": [62.33, 25.12]},
    ],
    ids=["feature", "geometry"],
)
def test_bare_geojson_feature_and_geometry(tmp_path, doc, built):
    src = tmp_path / "gwadar.geojson"
    src.write_text(json.dumps(doc), encoding="utf-8")
    out = geo.convert_to_layer(src, tmp_path / "layers" / "g.geojson", name="Gwadar port")
    layer = geo.load_layer(out)
    assert layer.properties[0]["name"] == ("Gwadar" if "properties" in doc else "Gwadar port 1")
    built(out.path)


def test_multi_layer_geopackage_takes_every_layer_or_the_one_named(tmp_path, capsys):
    src = tmp_path / "two.gpkg"
    for name in ("first", "second"):
        gpd.GeoDataFrame({"name": [name]}, geometry=[Point(0, 0)], crs=4326).to_file(
            src, layer=name, engine="pyogrio"
        )
    both = geo.convert_to_layer(src, tmp_path / "both.geojson")
    assert both.layers == [("first", 1), ("second", 1)]
    assert [p["source_layer"] for p in geo.load_layer(both).properties] == ["first", "second"]
    one = geo.convert_to_layer(src, tmp_path / "o.geojson", layer="second")
    assert geo.load_layer(one).properties == [{"name": "second"}]
    with pytest.raises(geo.LayerError, match=r"no layer 'third'; expected one of: 'first'"):
        geo.convert_to_layer(src, tmp_path / "x.geojson", layer="third")


# ------------------------------------------------------------------ names


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        ({"NAME": ["A", "B"], "title": ["x", "y"]}, ["A", "B"]),
        ({"port_name": ["A", "B"], "code": ["1", "2"]}, ["A", "B"]),
        ({"Label": ["A", None]}, ["A", "Mine 2"]),
        ({"code": ["1", "2"]}, ["Mine 1", "Mine 2"]),
        ({"name": [7, 8]}, ["7", "8"]),
    ],
)
def test_name_column_is_found(tmp_path, columns, expected):
    src = tmp_path / "mine.gpkg"
    gpd.GeoDataFrame(columns, geometry=[Point(0, 0), Point(1, 1)], crs=4326).to_file(src)
    out = geo.convert_to_layer(src, tmp_path / "o.geojson", name="Mine")
    assert list(geo.load_layer(out).frame["name"]) == expected


def test_name_field_wins_over_a_name_column_which_is_kept(tmp_path):
    src = tmp_path / "mine.gpkg"
    gpd.GeoDataFrame(
        {"name": ["a", "b"], "title": ["A", "B"]}, geometry=[Point(0, 0), Point(1, 1)], crs=4326
    ).to_file(src)
    layer = geo.load_layer(geo.convert_to_layer(src, tmp_path / "o.geojson", name_field="title"))
    assert layer.properties == [
        {"name": "A", "original_name": "a"},
        {"name": "B", "original_name": "b"},
    ]


def test_unknown_name_field_lists_the_columns(tmp_path):
    src = tmp_path / "x.gpkg"
    gpd.GeoDataFrame({"label": ["A"]}, geometry=[Point(0, 0)], crs=4326).to_file(src)
    with pytest.raises(geo.LayerError, match=r"no column 'title'.*its columns are: label"):
        geo.convert_to_layer(src, tmp_path / "o.geojson", name_field="title")


def test_repeated_and_missing_names_are_fixed_and_said(tmp_path, cli):
    src = tmp_path / "ports.geojson"
    gpd.GeoDataFrame(
        {"name": ["Piraeus", "Piraeus", None, "Piraeus", "Piraeus (2)"]},
        geometry=[Point(i, 0) for i in range(5)],
        crs=4326,
    ).to_file(src)
    status, out, err = cli("import", src, "-o", tmp_path / "o.geojson", "--name", "Ports")
    assert status == 0, err
    names = list(geo.load_layer(tmp_path / "o.geojson").frame["name"])
    assert names == ["Piraeus", "Piraeus (3)", "Ports 3", "Piraeus (4)", "Piraeus (2)"]
    assert "2 repeated names numbered ('Piraeus (3)', 'Piraeus (4)'), 1 missing names filled" in out


def test_strict_refuses_instead_listing_every_problem(tmp_path, cli):
    src = tmp_path / "dup.gpkg"
    gpd.GeoDataFrame(
        {"name": ["A", "A", None]}, geometry=[Point(0, 0), Point(1, 1), None], crs=4326
    ).to_file(src)
    dest = tmp_path / "new" / "deep" / "o.geojson"
    status, _, err = cli("import", src, "-o", dest, "--strict")
    assert status == 1
    assert "feature 2: null or empty geometry" in err
    with pytest.raises(geo.LayerError) as info:
        geo.convert_to_layer(src.with_suffix(".gpkg"), dest, strict=True, layer="dup")
    assert not (tmp_path / "new").exists()
    src2 = tmp_path / "dup2.gpkg"
    gpd.GeoDataFrame({"name": ["A", "A"]}, geometry=[Point(0, 0), Point(1, 1)], crs=4326).to_file(
        src2
    )
    with pytest.raises(geo.LayerError) as info:
        geo.convert_to_layer(src2, dest, strict=True)
    assert info.value.problems[0].startswith(f"{dest}: feature 1 ('A'): duplicate name")
    assert not (tmp_path / "new").exists()


# ------------------------------------------------------------------ geometry


def test_null_and_empty_geometries_and_empty_parts_are_dropped(tmp_path, cli):
    src = tmp_path / "g.geojson"
    doc = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"name": "null"}, "geometry": None},
            {
                "type": "Feature",
                "properties": {"name": "empty"},
                "geometry": {"type": "LineString", "coordinates": []},
            },
            {
                "type": "Feature",
                "properties": {"name": "part"},
                "geometry": {"type": "MultiLineString", "coordinates": [[], [[0, 0], [1, 1]]]},
            },
            {
                "type": "Feature",
                "properties": {"name": "ok"},
                "geometry": {"type": "Point", "coordinates": [2, 2]},
            },
        ],
    }
    src.write_text(json.dumps(doc), encoding="utf-8")
    status, out, err = cli("import", src, "-o", tmp_path / "o.geojson")
    assert status == 0, err
    layer = geo.load_layer(tmp_path / "o.geojson")
    assert list(layer.frame["name"]) == ["part", "ok"]
    assert "2 feature(s) with null or empty geometry dropped" in out


@pytest.mark.parametrize(
    ("coords", "expected"),
    [
        ([[179.5, -16.0], [180.0033, -16.1]], [[179.5, -16.0], [-179.9967, -16.1]]),  # a seam
        ([[170.0, 0.0], [190.85, 1.0]], [[170.0, 0.0], [-169.15, 1.0]]),  # unwrapped network
        ([[-181.0, 0.0], [-179.0, 0.0]], [[179.0, 0.0], [-179.0, 0.0]]),
    ],
)
def test_longitudes_past_180_are_wrapped_and_draw_continuously(tmp_path, cli, coords, expected):
    src = tmp_path / "net.geojson"
    gpd.GeoDataFrame({"name": ["line"]}, geometry=[LineString(coords)]).to_file(src)
    before = geo.geodesic_length(LineString(coords))
    status, out, err = cli("import", src, "-o", tmp_path / "o.geojson")
    assert status == 0, err
    layer = geo.load_layer(tmp_path / "o.geojson")
    got = shapely.get_coordinates(layer.geometries())
    np.testing.assert_allclose(got, expected, atol=1e-9)
    assert geo.geodesic_length(layer.frame).iloc[0] == pytest.approx(before, rel=1e-12)
    assert "wrapped into [-180, 180]" in out
    drawn = geo.unwrap_antimeridian(layer.geometries()[0])
    assert abs(drawn.coords[1][0] - drawn.coords[0][0]) < 180


def test_antimeridian_polygons_import_and_build(tmp_path, built):
    fiji = shapely.MultiPolygon(
        [
            Polygon([(178, -17), (180, -17), (180, -16), (178, -16)]),
            Polygon([(-180, -17), (-179.8, -17), (-179.8, -16), (-180, -16)]),
        ]
    )
    chukotka = Polygon([(170, 64), (190.5, 64), (190.5, 68), (170, 68)])
    src = tmp_path / "east.gpkg"
    gpd.GeoDataFrame({"name": ["Fiji", "Chukotka"]}, geometry=[fiji, chukotka], crs=4326).to_file(
        src
    )
    out = geo.convert_to_layer(src, tmp_path / "layers" / "east.geojson")
    layer = geo.load_layer(out)
    assert (np.abs(shapely.get_coordinates(layer.geometries())[:, 0]) <= 180).all()
    built(out.path)


def test_3d_and_measured_coordinates(tmp_path):
    # GDAL reads a CSV's WKT column as the geometry (pyogrio cannot write M values)
    src = tmp_path / "zm.csv"
    src.write_text('WKT,name\n"LINESTRING ZM (80 44 100 1, 87 43 200 2)",zm\n', encoding="utf-8")
    layer = geo.load_layer(geo.convert_to_layer(src, tmp_path / "o.geojson"))
    assert shapely.get_coordinates(layer.geometries(), include_z=True).tolist() == [
        [80, 44, 100],
        [87, 43, 200],
    ]
    assert layer.properties == [{"name": "zm"}]  # the WKT column is the geometry, not data


def test_curved_geometries_are_linearised(tmp_path):
    src = tmp_path / "curve.gml"
    src.write_text(
        '<?xml version="1.0"?><ogr:FeatureCollection xmlns:ogr="http://ogr.maptools.org/" '
        'xmlns:gml="http://www.opengis.net/gml"><gml:featureMember><ogr:c><ogr:name>arc'
        '</ogr:name><ogr:geometryProperty><gml:Curve srsName="EPSG:4326"><gml:segments>'
        "<gml:ArcString><gml:posList>0 0 1 1 0 2</gml:posList></gml:ArcString>"
        "</gml:segments></gml:Curve></ogr:geometryProperty></ogr:c></gml:featureMember>"
        "</ogr:FeatureCollection>",
        encoding="utf-8",
    )
    layer = geo.load_layer(geo.convert_to_layer(src, tmp_path / "o.geojson"))
    assert layer.geometries()[0].geom_type == "LineString"
    assert shapely.get_num_coordinates(layer.geometries()[0]) > 3


# ------------------------------------------------------------------ output


def test_existing_output_is_never_overwritten_without_force(tmp_path, cli):
    dest = tmp_path / "layers" / "corridors" / "cpec.geojson"
    dest.parent.mkdir(parents=True)
    dest.write_bytes((ROOT / "layers" / "corridors" / "cpec.geojson").read_bytes())
    before = dest.read_bytes()
    src = tmp_path / "p.geojson"
    gpd.GeoDataFrame({"name": ["A"]}, geometry=[Point(0, 0)], crs=4326).to_file(src)
    status, _, err = cli("import", src, "-o", dest)
    assert status == 1 and "already exists" in err and "--force" in err
    assert dest.read_bytes() == before
    status, _, err = cli("import", src, "-o", dest, "--force")
    assert status == 0, err
    assert geo.load_layer(dest).properties == [{"name": "A"}]


def test_output_defaults_to_the_user_folder_and_must_be_geojson(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "layers").mkdir()  # the shipped folder, here
    monkeypatch.setattr(geo.layers, "SHIPPED_LAYERS", tmp_path / "layers")
    src = tmp_path / "Project sites.gpkg"
    gpd.GeoDataFrame({"name": ["A"]}, geometry=[Point(0, 0)], crs=4326).to_file(src)
    status, out, err = cli("import", src)
    assert status == 0, err
    assert (tmp_path / "layers" / "user" / "Project sites.geojson").is_file()
    assert "outside the layers folder" not in out
    status, _, err = cli("import", src, "-o", "out.json")
    assert status == 1 and "must end in .geojson" in err
    status, out, err = cli("import", src, "-o", "elsewhere/x.geojson")
    assert status == 0 and "outside the layers folder 'layers'" in out


def test_problems_are_named_against_the_destination_and_nothing_is_written(tmp_path):
    frame = gpd.GeoDataFrame({"name": ["A"]}, geometry=[LineString([(0, 0), (1, 1)])], crs=4326)
    src = tmp_path / "line.geojson"
    frame.to_file(src, engine="pyogrio")
    dest = tmp_path / "new" / "out.geojson"
    with pytest.raises(geo.LayerError) as info:
        geo.convert_to_layer(src, dest, name="Ports", category="port")
    assert info.value.problems[0].startswith(f"{dest}: feature 0 ('A'): geometry type LineString")
    assert not (tmp_path / "new").exists()


def test_unreadable_file_is_a_clear_error(tmp_path, cli):
    bad = tmp_path / "nothing.gpkg"
    bad.write_bytes(b"not a geopackage")
    status, _, err = cli("import", bad, "-o", tmp_path / "o.geojson")
    assert status == 1
    assert "nothing.gpkg: a text file of no format read here" in err
    assert "expected a vector data file: GeoJSON" in err


def test_latin1_text_under_a_utf8_declaration_names_the_field(tmp_path, cli):
    frame = gpd.GeoDataFrame(
        {"name": ["A", "B"], "STADT": ["Köln", "Düsseldorf"]},
        geometry=[Point(6.96, 50.94), Point(6.77, 51.23)],
        crs=4326,
    )
    shp = tmp_path / "staedte.shp"
    frame.to_file(shp, engine="pyogrio", encoding="latin1")
    shp.with_suffix(".cpg").write_text("UTF-8")
    status, _, err = cli("import", shp, "-o", tmp_path / "o.geojson")
    assert status == 1
    assert "'STADT' of feature 0 is not UTF-8 (byte 0xf6)" in err and "--encoding" in err
    status, _, err = cli("import", shp, "-o", tmp_path / "o.geojson", "--encoding", "latin1")
    assert status == 0, err
    assert geo.load_layer(tmp_path / "o.geojson").properties[1]["STADT"] == "Düsseldorf"


def test_shipped_layer_round_trips_through_import(tmp_path):
    # every feature keeps exactly its own properties: no nulls for other features' keys,
    # years stay integers
    src = ROOT / "layers" / "rail" / "routes.geojson"
    dest = tmp_path / "routes.geojson"
    geo.convert_to_layer(src, dest, name="Routes", category="rail-route", strict=True)
    before = geo.load_layer(src).properties
    after = geo.load_layer(dest, strict=True).properties
    assert after == before


def test_shapefile_without_prj_takes_its_crs_from_the_option(tmp_path, built):
    frame = gpd.GeoDataFrame(
        {"name": ["Boston"]}, geometry=[Point(-71.0589, 42.3601)], crs=4326
    ).to_crs(26986)
    shp = tmp_path / "noprj.shp"
    frame.to_file(shp, engine="pyogrio")
    shp.with_suffix(".prj").unlink()
    with pytest.raises(geo.LayerError, match=r"no CRS.*--crs"):
        geo.convert_to_layer(shp, tmp_path / "o.geojson")
    out = geo.convert_to_layer(shp, tmp_path / "layers" / "o.geojson", crs="EPSG:26986")
    point = geo.load_layer(out).geometries()[0]
    assert (point.x, point.y) == pytest.approx((-71.0589, 42.3601), abs=1e-7)
    built(out.path)


def test_a_geometry_collection_with_points_lines_and_polygons(tmp_path, built):
    gc = shapely.GeometryCollection(
        [
            Point(179, 0),
            MultiLineString([[(179, 1), (181, 1)]]),
            Polygon([(178, 2), (182, 2), (182, 3), (178, 2)]),
        ]
    )
    src = tmp_path / "gc.geojson"
    gpd.GeoDataFrame({"name": ["mix"]}, geometry=[gc]).to_file(src)
    out = geo.convert_to_layer(src, tmp_path / "layers" / "gc.geojson")
    assert (np.abs(shapely.get_coordinates(geo.load_layer(out).geometries())[:, 0]) <= 180).all()
    built(out.path)
