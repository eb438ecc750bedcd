"""The ``corridors`` command, run in-process through ``geo.cli.main`` (and twice as a process)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pyproj import Geod

import geo
from geo.cli import main
from geo.layers import find_layer_files

ROOT = Path(__file__).resolve().parents[1]
LAYERS_DIR = ROOT / "layers"
PORTS_FILE = LAYERS_DIR / "maritime" / "ports.geojson"
BAD_DIR = Path(__file__).resolve().parent / "data" / "bad"
BAD_FILES = sorted(BAD_DIR.glob("*.geojson"))
SHIPPED_FILES = find_layer_files(LAYERS_DIR)
SHIPPED_IDS = [p.relative_to(LAYERS_DIR).with_suffix("").as_posix() for p in SHIPPED_FILES]
SUBCOMMANDS = ["build", "list", "lengths", "timeline", "distance", "validate"]
WGS84 = Geod(ellps="WGS84")


def port_places() -> dict[str, tuple[float, float]]:
    """Name -> (lon, lat) of the shipped ports, read from the file."""
    doc = json.loads(PORTS_FILE.read_text(encoding="utf-8"))
    return {
        f["properties"]["name"]: tuple(f["geometry"]["coordinates"][:2])
        for f in doc["features"]
        if f["geometry"]["type"] == "Point"
    }


@pytest.fixture
def two_ports() -> list[tuple[str, tuple[float, float]]]:
    places = port_places()
    names = ["Gwadar", "Colombo"] if {"Gwadar", "Colombo"} <= places.keys() else list(places)[:2]
    assert len(names) == 2, f"{PORTS_FILE} needs two ports"
    return [(n, places[n]) for n in names]


# --------------------------------------------------------------------------- validate


def test_validate_good_files(cli):
    status, out, err = cli("validate", *SHIPPED_FILES)
    assert status == 0
    assert out.strip() == f"{len(SHIPPED_FILES)} file(s) valid"
    assert err == ""


def test_validate_strict_good_files(cli):
    status, out, _ = cli("validate", "--strict", *SHIPPED_FILES)
    assert status == 0
    assert "valid" in out


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
def test_validate_bad_file_exits_1_with_every_problem_on_stderr(cli, path):
    with pytest.raises(geo.LayerError) as info:
        geo.validate_file(path)
    status, out, err = cli("validate", path)
    assert status == 1
    assert out == ""
    lines = err.splitlines()
    assert lines[:-1] == info.value.problems
    assert lines[-1] == f"{len(info.value.problems)} problem(s) in 1 of 1 file(s)"


def test_validate_many_files_reports_all_problems(cli):
    expected = []
    for path in BAD_FILES:
        with pytest.raises(geo.LayerError) as info:
            geo.validate_file(path)
        expected += info.value.problems
    status, _, err = cli("validate", *SHIPPED_FILES[:2], *BAD_FILES)
    assert status == 1
    lines = err.splitlines()
    assert lines[:-1] == expected
    total = len(BAD_FILES) + 2
    assert lines[-1] == f"{len(expected)} problem(s) in {len(BAD_FILES)} of {total} file(s)"


def test_validate_many_problems_file_lists_five(cli):
    path = BAD_DIR / "many_problems.geojson"
    status, _, err = cli("validate", path)
    assert status == 1
    assert [line.startswith(f"{path}: ") for line in err.splitlines()] == [True] * 5 + [False]
    assert "5 problem(s) in 1 of 1 file(s)" in err


def test_validate_deep_nesting_without_traceback(cli, tmp_path):
    path = tmp_path / "deep.geojson"
    path.write_text("[" * 100_000, encoding="ascii")
    status, _, err = cli("validate", path)
    assert status == 1
    assert "nested too deeply" in err


def test_validate_strict_needs_sources(cli, tmp_path):
    path = tmp_path / "nosource.geojson"
    doc = json.loads((BAD_DIR / "duplicate_names.geojson").read_text(encoding="utf-8"))
    doc["features"] = doc["features"][:1]
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert cli("validate", path)[0] == 0
    status, _, err = cli("validate", "--strict", path)
    assert status == 1
    assert "feature 0 ('Gwadar'): no 'source' property" in err


def test_validate_missing_file(cli, tmp_path):
    status, _, err = cli("validate", tmp_path / "nope.geojson")
    assert status == 1
    assert "cannot read the file" in err


def test_validate_needs_a_file(capsys):
    with pytest.raises(SystemExit) as info:
        main(["validate"])
    assert info.value.code == 2


# --------------------------------------------------------------------------- list


def test_list_shows_every_shipped_layer(cli):
    status, out, _ = cli("list", "--layers", LAYERS_DIR)
    assert status == 0
    header, *rows = out.splitlines()
    assert header.split()[:4] == ["id", "category", "features", "line_km"]
    assert len(rows) == len(SHIPPED_IDS)
    assert [row.split()[0] for row in rows] == SHIPPED_IDS


def test_list_with_a_broken_layer_fails(cli, tmp_path):
    shutil.copy(BAD_DIR / "null_geometry.geojson", tmp_path / "x.geojson")
    status, out, err = cli("list", "--layers", tmp_path)
    assert status == 1
    assert out == ""
    assert err.startswith("corridors list: error: ")
    assert "null geometry" in err


def test_list_missing_folder(cli, tmp_path):
    status, _, err = cli("list", "--layers", tmp_path / "nope")
    assert status == 1
    assert "no such folder" in err


# --------------------------------------------------------------------------- lengths


def line_features(layers) -> set[tuple[str, str]]:
    return {
        (layer.id, name)
        for layer in layers
        for name, kind in zip(layer.frame["name"], layer.frame.geom_type, strict=True)
        if kind in ("LineString", "MultiLineString")
    }


def test_lengths_json(cli, shipped_layers):
    status, out, _ = cli("lengths", "--layers", LAYERS_DIR, "--format", "json")
    assert status == 0
    records = json.loads(out)
    assert {(r["layer"], r["feature"]) for r in records} == line_features(shipped_layers)
    assert all(r["length_km"] > 0 for r in records)
    for r in records:
        assert r["length_nmi"] == pytest.approx(r["length_km"] / 1.852, rel=1e-12)
        assert r["ratio"] is None or r["ratio"] > 0


def test_lengths_csv(cli, shipped_layers):
    status, out, _ = cli("lengths", "--layers", LAYERS_DIR, "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == geo.stats.COLUMNS
    assert {(r["layer"], r["feature"]) for r in rows} == line_features(shipped_layers)
    assert all(float(r["length_km"]) > 0 for r in rows)


@pytest.mark.parametrize("argv", [[], ["--format", "table"]])
def test_lengths_table(cli, argv, shipped_layers):
    status, out, _ = cli("lengths", "--layers", LAYERS_DIR, *argv)
    assert status == 0
    header = out.splitlines()[0].split()
    assert header[:4] == ["layer", "category", "feature", "length_km"]
    assert header[4:6] == ["length_nmi", "published_km"]  # nautical miles, for the sea lanes
    assert len(out.splitlines()) == len(line_features(shipped_layers)) + 1


@pytest.mark.parametrize(
    ("category", "geometry", "holds"),
    [
        ("port", {"type": "Point", "coordinates": [62.33, 25.12]}, "1 Point"),
        ("other", {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
         "1 Polygon"),
        ("corridor", None, "no features"),
    ],
)  # fmt: skip
def test_lengths_without_lines_says_so(cli, tmp_path, category, geometry, holds):
    features = [] if geometry is None else [
        {"type": "Feature", "properties": {"name": "A"}, "geometry": geometry}
    ]  # fmt: skip
    doc = {"type": "FeatureCollection", "name": "T", "category": category, "features": features}
    (tmp_path / "t.geojson").write_text(json.dumps(doc), encoding="utf-8")
    status, out, err = cli("lengths", "--layers", tmp_path)
    assert (status, err) == (0, "")
    assert out == (
        f"no line features in the 1 layer(s) of {tmp_path} ({holds}); lengths are of "
        "LineString and MultiLineString features\n"
    )
    status, out, _ = cli("lengths", "--layers", tmp_path, "--format", "csv")
    assert (status, out) == (0, ",".join(geo.stats.COLUMNS) + "\n")  # the header, no rows
    status, out, _ = cli("lengths", "--layers", tmp_path, "--format", "json")
    assert (status, json.loads(out)) == (0, [])


def test_lengths_bad_format(capsys):
    with pytest.raises(SystemExit) as info:
        main(["lengths", "--format", "xml"])
    assert info.value.code == 2


# --------------------------------------------------------------------------- distance


def test_distance_by_names_from_the_ports(cli, two_ports):
    (a, (lon1, lat1)), (b, (lon2, lat2)) = two_ports
    expected_km = WGS84.inv(lon1, lat1, lon2, lat2)[2] / 1000
    status, out, _ = cli("distance", a, b, "--layers", LAYERS_DIR, "--format", "json")
    assert status == 0
    result = json.loads(out)
    assert result["from"] == a
    assert result["to"] == b
    assert result["units"] == "km"
    assert result["distance"] == pytest.approx(expected_km, rel=1e-9)


def test_distance_names_ignore_case_and_spaces(cli, two_ports):
    (a, _), (b, _) = two_ports
    status, out, _ = cli("distance", f"  {a.upper()} ", b.lower(), "--layers", LAYERS_DIR)
    assert status == 0
    assert out.startswith(f"{a} – {b}: ")
    assert out.rstrip().endswith("km (WGS84 geodesic)")


def test_distance_name_to_lonlat(cli, two_ports):
    (a, (lon, lat)), _ = two_ports
    status, out, _ = cli("distance", a, f"{lon},{lat}", "--layers", LAYERS_DIR, "--format", "json")
    assert status == 0
    assert json.loads(out)["distance"] == pytest.approx(0, abs=1e-6)


def test_distance_lonlat_text(cli):
    status, out, _ = cli("distance", "0,0", "0,1")
    assert status == 0
    assert out.strip() == "0,0 – 0,1: 110.574 km (WGS84 geodesic)"


@pytest.mark.parametrize(
    "units, expected",
    [("km", 110.574389), ("m", 110574.389), ("nmi", 59.705394), ("mi", 68.707740)],
)
def test_distance_lonlat_json_units(cli, units, expected):
    status, out, _ = cli("distance", "0,0", "0,1", "--units", units, "--format", "json")
    assert status == 0
    result = json.loads(out)
    assert result == {"from": "0,0", "to": "0,1", "distance": result["distance"], "units": units}
    assert result["distance"] == pytest.approx(expected, rel=1e-5)


def test_distance_lonlat_needs_no_layers(cli, tmp_path):
    status, out, _ = cli("distance", "0,0", "0,1", "--layers", tmp_path / "nope")
    assert status == 0
    assert "110.574 km" in out


def test_distance_negative_longitude_after_double_dash(cli):
    status, out, _ = cli("distance", "--format", "json", "--", "-0.1,51.5", "116.4,39.9")
    assert status == 0
    assert json.loads(out)["distance"] == pytest.approx(
        WGS84.inv(-0.1, 51.5, 116.4, 39.9)[2] / 1000, rel=1e-9
    )


def test_distance_unknown_place_suggests_a_near_miss(cli, two_ports):
    (a, _), (b, _) = two_ports
    typo = a[:2] + "q" + a[3:]  # a letter wrong (a part of the name would match)
    status, out, err = cli("distance", typo, b, "--layers", LAYERS_DIR)
    assert status == 1
    assert out == ""
    assert err.startswith("corridors distance: error: ")
    assert repr(typo) in err
    assert "did you mean " in err
    assert repr(a) in err.split("did you mean ", 1)[1]


def test_distance_unknown_place_without_near_miss(cli):
    status, _, err = cli("distance", "Qwxzzy Pqq", "0,0", "--layers", LAYERS_DIR)
    assert status == 1
    assert "did you mean" not in err
    assert "'lon,lat'" in err


@pytest.mark.parametrize("place", ["400,0", "0,91", "0,-90.5"])
def test_distance_out_of_range_lonlat(cli, place):
    status, out, err = cli("distance", place, "0,0")
    assert status == 1
    assert out == ""
    assert err.startswith("corridors distance: error: ")


def test_distance_by_name_with_a_broken_layer_folder(cli, tmp_path):
    shutil.copy(BAD_DIR / "truncated.geojson", tmp_path / "t.geojson")
    status, _, err = cli("distance", "Gwadar", "0,0", "--layers", tmp_path)
    assert status == 1
    assert "looks truncated" in err


# --------------------------------------------------------------------------- build


def test_build_writes_the_map_and_prints_its_path(cli, tmp_path):
    target = tmp_path / "sub" / "x.html"
    status, out, _ = cli("build", "--layers", LAYERS_DIR, "-o", target)
    assert status == 0
    assert out.strip() == str(target)
    page = target.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert sorted(p.name for p in target.parent.iterdir()) == ["x.html"]


def test_build_only(cli, tmp_path):
    target = tmp_path / "cpec.html"
    status, _, _ = cli("build", "--layers", LAYERS_DIR, "--only", SHIPPED_IDS[0], "-o", target)
    assert status == 0
    assert target.is_file()


def test_build_only_unknown_id(cli, tmp_path):
    target = tmp_path / "x.html"
    status, _, err = cli("build", "--layers", LAYERS_DIR, "--only", "nope", "-o", target)
    assert status == 1
    assert "no layer with id 'nope'" in err
    assert not target.exists()


@pytest.fixture
def broken_layers(tmp_path) -> Path:
    root = tmp_path / "layers"
    (root / "maritime").mkdir(parents=True)
    shutil.copy(PORTS_FILE, root / "maritime" / "ports.geojson")
    shutil.copy(BAD_DIR / "swapped_lat_lon.geojson", root / "mine.geojson")
    return root


def test_build_with_a_broken_layer_writes_nothing(cli, tmp_path, broken_layers):
    target = tmp_path / "out" / "x.html"
    status, out, err = cli("build", "--layers", broken_layers, "-o", target)
    assert status == 1
    assert out == ""
    assert err.startswith("corridors build: error: ")
    assert f"{broken_layers / 'mine.geojson'}: feature 0 ('Beijing')" in err
    assert "looks swapped" in err
    assert not target.exists()


def test_build_with_a_broken_layer_leaves_the_old_map(cli, tmp_path, broken_layers):
    target = tmp_path / "x.html"
    status, _, _ = cli("build", "--layers", LAYERS_DIR, "-o", target)
    assert status == 0
    before = target.read_bytes()
    status, _, _ = cli("build", "--layers", broken_layers, "-o", target)
    assert status == 1
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["x.html"]


# --------------------------------------------------------------------------- help, usage


@pytest.mark.parametrize("argv", [["--help"], *[[c, "--help"] for c in SUBCOMMANDS]])
def test_help_exits_0(capsys, argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: corridors")


def test_help_lists_every_subcommand(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(c in out for c in SUBCOMMANDS)


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["distance", "0,0"]])
def test_usage_errors_exit_2(capsys, argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert "usage: corridors" in capsys.readouterr().err


# --------------------------------------------------------------------------- as a process


def test_python_m_geo_help():
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith("usage: corridors")
    assert "validate" in proc.stdout


def test_python_m_geo_validate_bad_file():
    path = BAD_DIR / "many_problems.geojson"
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "validate", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    assert proc.stderr.count(f"{path}: ") == 5


def test_build_to_a_folder_is_a_clear_error(cli, tmp_path):
    status, _out, err = cli("build", "--layers", LAYERS_DIR, "-o", tmp_path)
    assert status == 1
    assert "Expected a file path for the map, instead got the folder" in err
    assert "Traceback" not in err and ".tmp" not in err


def test_build_from_an_empty_folder_is_an_error_and_keeps_the_old_map(cli, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    target = tmp_path / "map.html"
    target.write_text("old map", encoding="utf-8")
    status, _, err = cli("build", "--layers", empty, "-o", target)
    assert status == 1
    assert "no layer files" in err
    assert target.read_text(encoding="utf-8") == "old map"


def test_an_unexpected_error_is_one_line_without_traceback(cli, monkeypatch):
    def broken(layers=None):
        raise RuntimeError("boom")

    monkeypatch.setattr("geo.cli.corridor_lengths", broken)
    status, _, err = cli("lengths", "--layers", LAYERS_DIR)
    assert status == 1
    assert err.count("\n") == 1
    assert "internal error (RuntimeError: boom)" in err
    assert "Traceback" not in err


def test_distance_takes_a_negative_longitude(cli):
    status, out, _ = cli("distance", "-0.1,0", "0.9,0", "--format", "json")
    assert status == 0
    assert json.loads(out)["distance"] == pytest.approx(111.319, abs=0.001)


def test_validate_a_folder_checks_every_layer_below_it(cli):
    status, out, _ = cli("validate", "--strict", LAYERS_DIR)
    assert status == 0
    assert out.strip() == f"{len(find_layer_files(LAYERS_DIR))} file(s) valid"


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Khorgos", "Khorgos (Horgos, China)"),  # part of the name
        ("horgos", "Khorgos (Horgos, China)"),  # an alias in brackets
        ("Lodz", "Łódź"),  # accents and Polish ł ignored
        ("URUMQI", "Ürümqi"),
        ("Dogubayazit", "Doğubayazıt"),  # Turkish dotless ı
        ("  piraeus ", "Piraeus"),
    ],
)
def test_distance_finds_places_by_part_alias_and_without_accents(cli, query, found):
    status, out, err = cli(
        "distance", query, "Duisburg", "--layers", LAYERS_DIR, "--format", "json"
    )
    assert status == 0, err
    assert json.loads(out)["from"] == found


def test_distance_names_the_places_an_ambiguous_query_could_be(cli):
    status, _, err = cli("distance", "China", "Duisburg", "--layers", LAYERS_DIR)
    assert status == 1
    assert "'China' names 4" in err and "Khunjerab Pass" in err and "write more" in err


def test_distance_refuses_a_name_of_two_places_far_apart_listing_them(cli, two_victorias):
    status, out, err = cli("distance", "Victoria", "0,0", "--layers", two_victorias)
    assert (status, out) == (1, "")
    assert err == (
        "corridors distance: error: Expected one place, instead 'Victoria' names 2 places far "
        "apart: 'Victoria' (test/canada at -123.365,48.428), 'Victoria' (test/seychelles at "
        "55.45,-4.62); write 'layer-id:Name' (e.g. 'test/canada:Victoria') or 'lon,lat' to "
        "pick one\n"
    )


@pytest.mark.parametrize(
    ("query", "lonlat"),
    [
        ("test/seychelles:Victoria", (55.45, -4.62)),
        ("test/canada:victoria ", (-123.365, 48.428)),  # the name as any other: case, spaces
        (" test/canada : Victoria", (-123.365, 48.428)),
        ("Port: Ogden", (-123.4, 48.4)),  # a ':' that names no layer is part of the name
        ("test/canada:Port: Ogden", (-123.4, 48.4)),
    ],
)
def test_distance_picks_a_place_by_its_layer(cli, two_victorias, query, lonlat):
    argv = ["distance", query, "0,0", "--layers", two_victorias, "--format", "json"]
    status, out, err = cli(*argv)
    assert status == 0, err
    expected = WGS84.inv(*lonlat, 0, 0)[2] / 1000
    assert json.loads(out)["distance"] == pytest.approx(expected, rel=1e-12)


def test_distance_names_the_layers_with_places_for_an_unknown_one(cli, two_victorias):
    status, _, err = cli("distance", "test/peru:Victoria", "0,0", "--layers", two_victorias)
    assert status == 1
    assert err.strip().endswith(
        "('test/peru' is no layer with places; those with places: test/canada, test/seychelles)"
    )


def test_distance_on_the_shipped_layers_refuses_tianjin_port_or_city(cli):
    # the port (Binhai) and the rail terminal (the city) are 52 km apart
    status, _, err = cli("distance", "Tianjin", "Duisburg", "--layers", LAYERS_DIR)
    assert status == 1
    assert "'Tianjin' (maritime/ports at 117.745,38.9868)" in err
    assert "'Tianjin' (rail/terminals at 117.177,39.1422)" in err
    for query in ("maritime/ports:Tianjin", "rail/terminals:Tianjin"):
        status, out, err = cli("distance", query, "Duisburg", "--layers", LAYERS_DIR)
        assert status == 0, err
        assert out.startswith("Tianjin – Duisburg: ")


def test_distance_takes_one_place_in_several_layers_as_one(cli, shipped_layers):
    # Gwadar is a port of both port layers and a node of CPEC's line, a few km apart
    index = geo.places.place_index(shipped_layers)
    assert {p.layer for p in index["gwadar"]} >= {"maritime/ports", "corridors/cpec"}
    status, out, err = cli("distance", "Gwadar", "0,0", "--layers", LAYERS_DIR)
    assert status == 0, err
    assert out.startswith("Gwadar – 0,0: ")


@pytest.mark.parametrize("pair", ["39.9,116.4", "-33.9,151.2"])
def test_distance_says_when_a_pair_looks_like_lat_lon(cli, pair):
    status, _, err = cli("distance", pair, "0,0")
    lat, lon = pair.split(",")
    assert status == 1
    assert f"write '{lon},{lat}'" in err and "np.float64" not in err


def test_python_distance_error_shows_plain_numbers():
    expected = r"instead got: \(39\.9, 116\.4\) at row 0; it looks like \(lat, lon\)"
    with pytest.raises(ValueError, match=expected) as info:
        geo.distance((39.9, 116.4), (0, 0))
    assert "np.float64" not in str(info.value)


@pytest.mark.parametrize("command", [["list"], ["distance", "Gwadar", "Duisburg"], ["build"]])
def test_a_missing_layers_folder_names_the_option(cli, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    status, _, err = cli(*command, "--layers", "nowhere")
    assert status == 1
    assert "no such folder" in err and "--layers DIR" in err and str(tmp_path) in err
    assert not (tmp_path / "outputs").exists()


#: What only some commands need: the web map (folium), the optional extras' packages.
HEAVY = ("folium", "matplotlib", "scgraph", "scgraph_data", "searoute", "scipy", "dask",
         "distributed", "dask_geopandas")  # fmt: skip


#: Commands that draw no map.
LIGHT_COMMANDS = [
    ["--help"],
    ["list"],
    ["lengths"],
    ["distance", "Gwadar", "Duisburg"],
    ["validate", "layers"],
    ["countries", "corridors/cpec"],
    ["near", "corridors/cpec", "--layer", "layers/maritime/ports.geojson"],
    ["summarize", "--layer", "layers/maritime/ports.geojson", "--by", "country"],
    ["summarize", "--layer", "layers/maritime/ports.geojson", "--by", "rail/routes", "--km", "50"],
]


@pytest.fixture(scope="module")
def imported_by_command() -> tuple[subprocess.CompletedProcess, list[list[str]]]:
    """The HEAVY packages each of LIGHT_COMMANDS imports, the commands run one after the
    other in one fresh Python (a package one imports is already there for the next: were
    one to import it, that one fails and the next are not checked for it)."""
    code = (
        "import json, sys, geo.cli\n"
        "def heavy():\n"
        f"    return {{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})\n"
        "for argv in json.loads(sys.argv[1]):\n"
        "    before = heavy()\n"
        "    try:\n        geo.cli.main(argv)\n    except SystemExit:\n        pass\n"
        "    print('imported', json.dumps(sorted(heavy() - before)), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, json.dumps(LIGHT_COMMANDS)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    lines = [line for line in proc.stderr.splitlines() if line.startswith("imported ")]
    return proc, [json.loads(line.removeprefix("imported ")) for line in lines]


@pytest.mark.parametrize("args", LIGHT_COMMANDS, ids=" ".join)
def test_commands_that_draw_no_map_do_not_import_folium(imported_by_command, args):
    """Nor the packages of the routing, plot and dask extras: start-up stays as it was."""
    proc, imported = imported_by_command
    assert proc.returncode == 0, proc.stderr
    assert imported[LIGHT_COMMANDS.index(args)] == [], proc.stderr


def test_geo_build_map_is_there_when_asked_for():
    import geo

    assert callable(geo.build_map) and "build_map" in dir(geo)
