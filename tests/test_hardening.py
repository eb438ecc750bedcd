"""Issue 9: broken or hostile inputs get one clear line each; outputs go only where they should."""

from __future__ import annotations

import errno
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import geo
from geo import _files
from geo._text import printable
from geo.validation import MAX_NESTING

ROOT = Path(__file__).resolve().parents[1]
LAYERS_DIR = ROOT / "layers"
GWADAR = {"type": "Point", "coordinates": [62.33, 25.12]}


def feature(name, geometry, **props) -> dict:
    return {"type": "Feature", "properties": {"name": name, **props}, "geometry": geometry}


def layer(category="port", features=None, name="Test layer") -> dict:
    if features is None:
        features = [feature("Gwadar", GWADAR)]
    return {"type": "FeatureCollection", "name": name, "category": category, "features": features}


def write(path: Path, doc) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(doc, str):
        path.write_text(doc, encoding="utf-8")
    else:
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def problems_of(path, **kwargs) -> list[str]:
    with pytest.raises(geo.LayerError) as info:
        geo.validate_file(path, **kwargs)
    return info.value.problems


# --------------------------------------------------------------------------- row 1


def nested(levels: int) -> list:
    value: list = [60]
    for _ in range(levels - 1):
        value = [value]
    return value


@pytest.mark.parametrize(
    "coords, phrase",
    [
        ([60, [40]], "non-numeric"),
        ([[1, 2], 3], "non-numeric"),
        ([nested(3), 40], "non-numeric"),
        ([nested(MAX_NESTING), 40], "nested too deeply"),
        ([nested(200), 40], "nested too deeply"),
    ],
)
def test_ragged_or_deep_point_is_one_line_and_other_files_still_reported(
    tmp_path, cli, coords, phrase
):
    good = feature("Colombo", {"type": "Point", "coordinates": [79.85, 6.95]})
    bad = write(
        tmp_path / "a.geojson",
        layer(features=[good, feature("Odd", {"type": "Point", "coordinates": coords})]),
    )
    other = write(tmp_path / "b.geojson", layer(features=[feature("X", None)]))
    (line,) = problems_of(bad)
    assert line.startswith(f"{bad}: ")
    assert phrase in line
    if phrase != "nested too deeply":  # that is a file-level problem, found before parsing
        assert line.startswith(f"{bad}: feature 1 ('Odd'): ")
    status, _, err = cli("validate", tmp_path)
    assert status == 1
    assert f"{bad}: " in err
    assert f"{other}: feature 0 ('X'): null geometry" in err
    assert "internal error" not in err


def test_nesting_at_the_limit_is_read(tmp_path):
    # a property value nested to MAX_PROPERTY_DEPTH sits well inside MAX_NESTING
    value: object = 1
    for _ in range(30):
        value = [value]
    path = write(tmp_path / "ok.geojson", layer(features=[feature("A", GWADAR, x=value)]))
    geo.validate_file(path)


def test_brackets_inside_strings_do_not_count_as_nesting(tmp_path):
    hostile = "[" * 200 + '\\"{' * 100
    path = write(tmp_path / "s.geojson", layer(features=[feature(hostile, GWADAR)]))
    geo.validate_file(path)


# --------------------------------------------------------------------------- row 3 and 12


@pytest.mark.parametrize("special", ["fifo", "/dev/null"])
def test_output_to_a_device_or_fifo_is_refused(tmp_path, cli, special):
    if special == "fifo":
        target = tmp_path / "pipe.html"
        os.mkfifo(target)
    else:
        target = Path(special)
    before = target.stat()
    status, out, err = cli("build", "--layers", LAYERS_DIR, "-o", target)
    assert status == 1
    assert out == ""
    assert f"cannot write {target}: it is a" in err
    assert "regular files only" in err
    after = target.stat()
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)


def test_output_link_to_a_fifo_is_refused(tmp_path, cli):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "link.html").symlink_to(tmp_path / "pipe")
    status, _, err = cli("build", "--layers", LAYERS_DIR, "-o", tmp_path / "link.html")
    assert status == 1
    assert "FIFO" in err


@pytest.mark.parametrize("command", ["build", "export"])
def test_dash_writes_to_standard_output(tmp_path, cli, command):
    target = tmp_path / "out"
    status, _, _ = cli(command, "--layers", LAYERS_DIR, "-o", target)
    assert status == 0
    status, out, err = cli(command, "--layers", LAYERS_DIR, "-o", "-")
    assert status == 0
    assert err == ""
    assert out == target.read_text(encoding="utf-8")  # the same bytes as the file


def test_dash_into_a_pipe_as_a_process(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "export", "--layers", str(LAYERS_DIR), "-o", "-"],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["type"] == "FeatureCollection"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["build", "export", "import"])
def test_path_ending_in_a_slash_is_a_folder_error(tmp_path, cli, command, monkeypatch):
    monkeypatch.chdir(tmp_path)
    extra = ["x.gpkg", "--name", "n", "--category", "other"] if command == "import" else []
    argv = [command, *extra, "-o", "newdir/"]
    if command != "import":
        argv[1:1] = ["--layers", str(LAYERS_DIR)]
    status, _, err = cli(*argv)
    assert status == 1
    assert "instead got the folder 'newdir/'" in err
    assert list(tmp_path.iterdir()) == []


def test_a_file_where_a_folder_is_needed_is_named(tmp_path, cli):
    (tmp_path / "newdir").write_text("a file", encoding="utf-8")
    target = tmp_path / "newdir" / "map.html"
    status, _, err = cli("build", "--layers", LAYERS_DIR, "-o", target)
    assert status == 1
    assert f"cannot write {target}: {tmp_path / 'newdir'} is a file, not a folder" in err


def test_a_refused_write_names_the_target_not_the_temporary_file(tmp_path, cli, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / ".x.tmp"))

    monkeypatch.setattr(_files.tempfile, "mkstemp", refuse)
    target = tmp_path / "map.html"
    status, _, err = cli("build", "--layers", LAYERS_DIR, "-o", target)
    assert status == 1
    assert err.strip() == f"corridors build: error: cannot write {target}: Permission denied"


def test_a_full_disk_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "map.html"
    target.write_text("old map", encoding="utf-8")
    target.chmod(0o640)
    old_limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, old_limit[1]))
    try:
        with pytest.raises(OSError, match=rf"^cannot write {target}: File too large$"):
            _files.write_text_atomic(target, "x" * 100_000)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, old_limit)
        signal.signal(signal.SIGXFSZ, old_handler)
    assert target.read_text(encoding="utf-8") == "old map"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_symlink_to_a_regular_file_is_followed_and_permissions_kept(tmp_path):
    real = tmp_path / "real.html"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o600)
    link = tmp_path / "link.html"
    link.symlink_to(real)
    assert _files.write_text_atomic(link, "new") == real
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"
    assert real.stat().st_mode & 0o777 == 0o600


# --------------------------------------------------------------------------- row 4


def test_two_files_with_one_id_name_both(tmp_path, cli):
    root = tmp_path / "layers"
    a = write(root / "user" / "pipeline.geojson", layer())
    b = write(root / "user" / "pipeline.json", layer())
    with pytest.raises(geo.LayerError) as info:
        geo.load_layers(root)
    (line,) = info.value.problems
    assert line == (
        f"{b}: layer id 'user/pipeline' is also the id of {a}; "
        "expected one file per id: rename or remove one"
    )
    status, _, err = cli("validate", root)
    assert status == 1
    assert line in err
    status, _, err = cli("list", "--layers", root)
    assert status == 1
    assert line in err


# --------------------------------------------------------------------------- row 7


def test_stale_temporary_files_are_removed_by_the_next_write(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".bri-{dead.pid}-abcd1234.tmp"  # its writer is gone
    old = tmp_path / f".bri-{os.getppid()}-efgh5678.tmp"  # a live pid, but two hours old
    fresh = tmp_path / f".bri-{os.getppid()}-ijkl9012.tmp"  # a live writer, just now
    others = [tmp_path / ".abcd1234.tmp", tmp_path / f".bri-{dead.pid}-x.tmp", tmp_path / "a.tmp"]
    for path in [stale, old, fresh, *others]:
        path.write_text("partial", encoding="utf-8")
    two_hours_ago = time.time() - 2 * 3600
    os.utime(old, (two_hours_ago, two_hours_ago))
    _files.write_text_atomic(tmp_path / "map.html", "map")
    left = {p.name for p in tmp_path.iterdir()}
    assert left == {"map.html", fresh.name, *(p.name for p in others)}


def test_sigkill_during_a_write_leaves_a_temporary_file_the_next_write_removes(tmp_path):
    script = (
        "import os, signal, sys; sys.path.insert(0, sys.argv[1]); from geo import _files\n"
        "_files.os.fdopen = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)\n"
        "_files.write_text_atomic(sys.argv[2], 'never written')\n"
    )
    target = tmp_path / "map.html"
    proc = subprocess.Popen([sys.executable, "-c", script, str(ROOT), str(target)])
    assert proc.wait(timeout=60) == -signal.SIGKILL
    (left,) = tmp_path.iterdir()
    assert left.name.startswith(f".bri-{proc.pid}-") and left.name.endswith(".tmp")
    _files.write_text_atomic(target, "map")
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


# --------------------------------------------------------------------------- row 8


@pytest.mark.parametrize(
    "gtype", ["TIN", "POLYHEDRALSURFACE", "TRIANGLE", "Circle", "CurvePolygon"]
)
def test_wkt_only_and_unknown_geometry_types_are_named(tmp_path, gtype):
    geometry = {"type": gtype, "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    path = write(tmp_path / "t.geojson", layer("other", [feature("Odd", geometry)]))
    (line,) = problems_of(path)
    assert line.startswith(f"{path}: feature 0 ('Odd'): unknown geometry type {gtype!r}; ")
    assert "expected one of Point, MultiPoint, LineString" in line


@pytest.mark.parametrize(
    "name, phrase",
    [
        ("TIN", "triangulated surfaces have no GeoJSON form"),
        ("PolyhedralSurface Z", "polyhedral surfaces have no GeoJSON form"),
        ("TRIANGLE", "triangles have no GeoJSON form"),
        ("CircularString", "linearize them"),
        ("Banana", "GeoJSON's geometry types"),
        (None, "unknown geometry type null"),
    ],
)
def test_geometry_type_problem_for_the_import_path(name, phrase):
    problem = geo.geometry_type_problem(name)
    assert problem.startswith("unknown geometry type ")
    assert phrase in problem


@pytest.mark.parametrize(
    "name", ["Point", "MULTIPOLYGON", "LineString Z", "Polygon25D", "MultiPoint"]
)
def test_geometry_type_problem_accepts_geojson_types(name):
    assert geo.geometry_type_problem(name) is None


def test_wkt_spelling_in_a_geojson_file_is_named(tmp_path):
    path = write(tmp_path / "t.geojson", layer(features=[feature("P", GWADAR | {"type": "POINT"})]))
    (line,) = problems_of(path)
    assert "unknown geometry type 'POINT'" in line and "write 'Point'" in line


# --------------------------------------------------------------------------- row 10


@pytest.mark.parametrize(
    "text, phrase",
    [
        ('"teu": NaN', "not strict JSON: NaN (under key 'teu') at line 3 column"),
        ('"teu": Infinity', "not strict JSON: Infinity (under key 'teu') at line 3"),
        ('"teu": -Infinity', "not strict JSON: -Infinity (under key 'teu') at line 3"),
        ('"note": "NaN", "teu": [1, NaN]', "NaN (under key 'teu') at line 3 column 57"),
        ('"name": "Other"', "key 'name' appears twice in one object at line 3 column 3"),
    ],
)
def test_not_strict_json_is_refused_naming_key_and_line(tmp_path, text, phrase):
    doc = (
        '{"type": "FeatureCollection", "name": "T", "category": "port", "features": [\n'
        ' {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]},\n'
        f'  "properties": {{"name": "A", {text}}}}}]}}\n'
    )
    path = write(tmp_path / "t.geojson", doc)
    (line,) = problems_of(path)
    assert line.startswith(f"{path}: not strict JSON: ")
    assert phrase in line
    assert "; expected " in line


def test_two_features_members_are_refused_with_both_lines(tmp_path):
    doc = (
        '{"type": "FeatureCollection", "name": "T", "category": "port",\n'
        ' "features": [],\n'
        ' "features": []}\n'
    )
    (line,) = problems_of(write(tmp_path / "t.geojson", doc))
    assert "key 'features' appears twice in one object at line 3 column 2 (first at line 2" in line


def test_the_same_key_in_different_objects_is_fine(tmp_path):
    via = [{"name": "A", "lon": 1, "lat": 2}, {"name": "B", "lon": 3, "lat": 4}]
    line = {"type": "LineString", "coordinates": [[1, 2], [3, 4]]}
    path = write(tmp_path / "t.geojson", layer("corridor", [feature("A", line, via=via)]))
    geo.validate_file(path)


def test_nan_in_a_string_is_text(tmp_path):
    path = write(tmp_path / "t.geojson", layer(features=[feature("NaN Infinity", GWADAR)]))
    geo.validate_file(path)


# --------------------------------------------------------------------------- row 11

HOSTILE = "x\nlayers/fake.geojson: feature 0: forged\x1b[31m\u202e"


def test_printable_escapes_and_cuts():
    assert printable(HOSTILE) == "x\\nlayers/fake.geojson: feature 0: forged\\x1b[31m\\u202e"
    assert printable("a" * 1_000_000, 20) == "a" * 19 + "…"
    assert printable("\udcff") == "\\udcff"  # an undecodable file-name byte
    assert printable("Ürümqi – Kashgar") == "Ürümqi – Kashgar"


def test_a_crafted_file_name_cannot_forge_a_problem_line(tmp_path, cli):
    path = write(tmp_path / f"{HOSTILE}.geojson", layer(features=[feature("X", None)]))
    status, _, err = cli("validate", path)
    assert status == 1
    lines = err.splitlines()
    assert len(lines) == 2  # the problem and the count
    assert "\x1b" not in err and "\u202e" not in err
    assert lines[0].startswith(printable(str(path)) + ": feature 0 ('X'): null geometry")


def test_a_huge_value_gives_a_short_line(tmp_path, cli):
    doc = layer() | {"category": "c" * 1_000_000}
    path = write(tmp_path / "t.geojson", doc)
    status, _, err = cli("validate", path)
    assert status == 1
    assert len(err) < 2000
    assert "category is 'ccc" in err and "…" in err


def test_list_lengths_and_distance_escape_names(tmp_path, cli):
    line = {"type": "LineString", "coordinates": [[60, 40], [70, 42]]}
    ports = [
        feature(HOSTILE, GWADAR),
        feature("Colombo", {"type": "Point", "coordinates": [79, 6]}),
    ]
    write(tmp_path / "a.geojson", layer("corridor", [feature(HOSTILE, line)], name=HOSTILE))
    write(tmp_path / "b.geojson", layer("port", ports))
    for argv in (["list"], ["lengths"], ["distance", HOSTILE, "Colombo"]):
        status, out, err = cli(*argv, "--layers", tmp_path)
        assert status == 0, err
        assert "\x1b" not in out and "\u202e" not in out and "forged\n" not in out
        assert "forged\\x1b[31m" in out


# --------------------------------------------------------------------------- row 13


def test_validate_an_empty_folder_is_an_error(tmp_path, cli):
    status, out, err = cli("validate", tmp_path)
    assert status == 1
    assert out == ""
    assert f"{tmp_path}: no layer files found; expected .geojson files in this folder" in err


def test_skipped_entries_each_get_a_warning(tmp_path, cli):
    root = tmp_path / "layers"
    good = write(root / "good.geojson", layer())
    (root / "dangling.geojson").symlink_to(root / "nowhere.geojson")
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere / "x.geojson", layer())
    (root / "linked").symlink_to(elsewhere)
    os.mkfifo(root / "fifo.geojson")
    (root / "link.geojson").symlink_to(good)  # a link to a layer file is taken
    status, out, err = cli("validate", root)
    assert status == 0
    assert out.strip() == "2 file(s) valid"
    warnings = err.splitlines()
    assert warnings == [
        f"corridors validate: warning: {root / 'dangling.geojson'}: skipped: a broken symbolic "
        "link; expected layer files and folders",
        f"corridors validate: warning: {root / 'fifo.geojson'}: skipped: not a regular file; "
        "expected layer files and folders",
        f"corridors validate: warning: {root / 'linked'}: skipped: a symbolic link to a folder "
        "(not followed); expected layer files and folders",
    ]
    with pytest.warns(geo.LayerWarning) as record:
        assert [x.id for x in geo.load_layers(root)] == ["good", "link"]
    assert [str(w.message) for w in record] == [w.split("warning: ", 1)[1] for w in warnings]


def test_an_unreadable_folder_gets_a_warning(tmp_path, monkeypatch):
    root = tmp_path / "layers"
    write(root / "good.geojson", layer())
    (root / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr("geo.layers.os.scandir", scandir)
    with pytest.warns(geo.LayerWarning, match=r"locked: skipped: cannot read the folder \(Perm"):
        assert len(geo.load_layers(root)) == 1


def test_a_fifo_named_on_the_command_line_is_not_opened(tmp_path, cli):
    os.mkfifo(tmp_path / "pipe.geojson")
    status, _, err = cli("validate", tmp_path / "pipe.geojson")  # would block if opened
    assert status == 1
    assert "cannot read the file (it is not a regular file)" in err


# --------------------------------------------------------------------------- size guard


def test_files_larger_than_max_bytes_are_refused_unread(tmp_path):
    path = write(tmp_path / "t.geojson", layer())
    size = path.stat().st_size
    geo.validate_file(path, max_bytes=size)
    (line,) = problems_of(path, max_bytes=size - 1)
    assert f"the file is larger than {size - 1:,} bytes" in line
    assert "max_bytes=" in line


# --------------------------------------------------------------------------- in memory


def test_validate_document_checks_a_parsed_document():
    geo.validate_document(layer(), path="mine.geojson")
    doc = layer(features=[feature("A", GWADAR), feature("A", GWADAR)])
    with pytest.raises(geo.LayerError) as info:
        geo.validate_document(doc, path="layers/mine.geojson", strict=True)
    assert info.value.problems[0] == (
        "layers/mine.geojson: feature 0 ('A'): no 'source' property; expected where its "
        "coordinates and figures come from"
    )
    assert info.value.problems[1] == (
        "layers/mine.geojson: feature 1 ('A'): duplicate name (also feature 0); expected names "
        "unique in the layer (`corridors import` numbers repeated names automatically)"
    )


# --------------------------------------------------------------------------- issue 8


def test_missing_name_says_import_can_fix_it():
    doc = layer(features=[{"type": "Feature", "properties": {}, "geometry": GWADAR}])
    with pytest.raises(geo.LayerError, match="`corridors import` names unnamed features"):
        geo.validate_document(doc, path="x")


@pytest.mark.parametrize("lon", [180.0033, -180.01, 180.00000001])
def test_longitude_a_hair_past_180_is_called_a_seam(lon):
    doc = layer(features=[feature("P", {"type": "Point", "coordinates": [lon, 10]})])
    with pytest.raises(geo.LayerError) as info:
        geo.validate_document(doc, path="x")
    (line,) = info.value.problems
    assert line == (
        f"x: feature 0 ('P'): longitude {lon!r} is a hair past ±180 (a GIS seam); expected "
        "[-180, 180]: `corridors import` wraps such longitudes"
    )


@pytest.mark.parametrize("lon", [180.02, -181])
def test_longitude_further_out_is_out_of_range(lon):
    doc = layer(features=[feature("P", {"type": "Point", "coordinates": [lon, 10]})])
    with pytest.raises(geo.LayerError, match="longitude out of range"):
        geo.validate_document(doc, path="x")


def test_error_lines_from_any_command_are_escaped(cli, monkeypatch):
    def refuse(*args, **kwargs):
        raise geo.LayerError(["x.gpkg: holds 2 layers (a, b\nx.gpkg: forged); expected one"])

    monkeypatch.setattr("geo.cli.convert_to_layer", refuse)
    argv = ["import", "x.gpkg", "-o", "y.geojson", "--name", "n", "--category", "other"]
    status, _, err = cli(*argv)
    assert status == 1
    assert (
        err
        == "corridors import: error: x.gpkg: holds 2 layers (a, b\\nx.gpkg: forged); expected one\n"
    )


# ------------------------------------------------------------------ the fast JSON path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"properties": {"name": "A", "name": "B"}', "key 'name' appears twice"),
        ('"properties": {"name": "A", "v": NaN}', "NaN"),
        ('"properties": {"name": "A"}, "properties": {"name": "B"}', "key 'properties' appears"),
        # inside a property's object, or a list of them (issue 27's key count skips flat
        # properties, never nested ones)
        ('"properties": {"name": "A", "o": {"x": 1, "x": 2}}', "key 'x' appears twice"),
        ('"properties": {"name": "A", "o": [1, {"y": 1, "y": 2}]}', "key 'y' appears twice"),
    ],
)
def test_fast_parser_hands_what_it_cannot_vouch_for_to_the_strict_one(tmp_path, text, expected):
    path = tmp_path / "l.geojson"
    path.write_text(
        '{"type": "FeatureCollection", "name": "L", "category": "port", "features": ['
        '{"type": "Feature", ' + text + ', "geometry": {"type": "Point", "coordinates": [1, 2]}}]}',
        encoding="utf-8",
    )
    with pytest.raises(geo.LayerError, match=expected):
        geo.load_layer(path)


@pytest.mark.parametrize(
    ("geometry", "expected"),
    [
        ('{"type": "Point", "type": "Point", "coordinates": [1, 2]}', "key 'type' appears twice"),
        ('{"type": "Point", "coordinates": [1, 2], "m": {"z": 1, "z": 2}}', "key 'z' appears"),
    ],
)
def test_a_key_twice_in_a_geometry_goes_to_the_strict_parser(tmp_path, geometry, expected):
    path = tmp_path / "l.geojson"
    path.write_text(
        '{"type": "FeatureCollection", "name": "L", "category": "port", "features": ['
        '{"type": "Feature", "properties": {"name": "A"}, "geometry": ' + geometry + "}]}",
        encoding="utf-8",
    )
    with pytest.raises(geo.LayerError, match=expected):
        geo.load_layer(path)


def test_nested_objects_without_a_key_twice_stay_on_the_fast_path(tmp_path, monkeypatch):
    """The keys parsed are counted in nested property values and geometry members too, so
    they match the text's and the strict parser is not needed."""
    from geo import validation

    def strict(text):
        raise AssertionError("the strict parser was used")

    monkeypatch.setattr(validation, "_loads_strict", strict)
    path = tmp_path / "l.geojson"
    path.write_text(
        '{"type": "FeatureCollection", "name": "L", "category": "port", "features": ['
        '{"type": "Feature", "properties": {"name": "A", "o": {"x": 1, "l": [{"y": 2}]}}, '
        '"geometry": {"type": "Point", "coordinates": [1, 2], "m": {"z": 1}}}]}',
        encoding="utf-8",
    )
    assert geo.load_layer(path).properties[0]["o"] == {"x": 1, "l": [{"y": 2}]}


def test_long_digits_in_text_stay_on_the_fast_path(tmp_path, monkeypatch):
    """Issue 27: a run of 19 digits or more sends a file to the strict parser only outside
    the strings (an integer orjson would make a float); in a string (a URL's id, as in the
    shipped rail routes' sources) it is text, and the fast parser keeps it."""
    from geo import validation

    def strict(text):
        raise AssertionError("the strict parser was used")

    monkeypatch.setattr(validation, "_loads_strict", strict)
    url = "https://example.com/news/1148531472861368320"
    path = tmp_path / "l.geojson"
    path.write_text(
        '{"type": "FeatureCollection", "name": "L", "category": "port", "features": ['
        f'{{"type": "Feature", "properties": {{"name": "A \\\\", "source": "{url}"}}, '
        '"geometry": {"type": "Point", "coordinates": [1, 2]}}]}',
        encoding="utf-8",
    )
    assert geo.load_layer(path).properties[0] == {"name": "A \\", "source": url}


def test_integers_past_64_bits_stay_integers(tmp_path):
    path = tmp_path / "l.geojson"
    big = 123456789012345678901234567890
    path.write_text(
        '{"type": "FeatureCollection", "name": "L", "category": "port", "features": ['
        f'{{"type": "Feature", "properties": {{"name": "A", "n": {big}}}, '
        '"geometry": {"type": "Point", "coordinates": [1, 2]}}]}',
        encoding="utf-8",
    )
    assert geo.load_layer(path).properties[0]["n"] == big


def test_lines_checked_in_bulk_still_refuse_odd_positions(tmp_path):
    path = tmp_path / "l.geojson"
    coords = '[[1, 2], [3, true], [5, "6"], [7, 8, 9]]'
    path.write_text(
        '{"type": "FeatureCollection", "name": "L", "category": "corridor", "features": ['
        '{"type": "Feature", "properties": {"name": "A"}, '
        f'"geometry": {{"type": "LineString", "coordinates": {coords}}}}}]}}',
        encoding="utf-8",
    )
    with pytest.raises(geo.LayerError, match="non-numeric"):
        geo.load_layer(path)
