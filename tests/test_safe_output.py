"""Issue 18: names from files are printed safely: escaped on a terminal, ``\\u`` escapes in
JSON, and CSV cells that no spreadsheet runs as formulas."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
from pathlib import Path

import pytest
from make_js_fixtures import CSV_CELLS

from geo._text import csv_cell, json_text

#: What must never reach a terminal raw: C0 controls but the newline, DEL, C1 controls,
#: bidirectional marks, overrides and isolates, line and paragraph separators.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")

#: Feature names that attack a terminal or a spreadsheet.
NAMES = [
    '=HYPERLINK("http://evil.example")\x1b]0;owned\x07',
    "+1+2\u202eevil",
    "-3\u009b31m",
    "@SUM(A1)\u2028x",
    "\tTab\u0085",
    "\rReturn",
    "Ürümqi \u2066isolate\u2069 \x7f",
]
#: The point names (places for distance, near and compare): Xi'an and Rotterdam.
PLACES = {"=Xi\x1b[31m\u202ean": [108.94, 34.34], "@Rotter\u202edam\x07": [4.40, 51.90]}


def feature(name: str, geometry: dict) -> dict:
    return {"type": "Feature", "properties": {"name": name, "source": "test"}, "geometry": geometry}


def write(path: Path, doc: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def hostile(tmp_path) -> Path:
    """A layers folder: a corridor layer with the NAMES (its title and file name hostile
    too) and a port layer with the PLACES."""
    root = tmp_path / "layers"
    lines = [
        feature(n, {"type": "LineString", "coordinates": [[60, 40 + i], [70, 42 + i]]})
        for i, n in enumerate(NAMES)
    ]
    write(
        root / "evil\x1b[2J\u202e.geojson",
        {"type": "FeatureCollection", "name": "Evil\x1b]0;x\x07\u202e", "category": "corridor",
         "features": lines},
    )  # fmt: skip
    points = [feature(n, {"type": "Point", "coordinates": xy}) for n, xy in PLACES.items()]
    write(
        root / "ports.geojson",
        {"type": "FeatureCollection", "name": "Ports\u202e", "category": "port",
         "features": points},
    )  # fmt: skip
    return root


# --------------------------------------------------------------------------- the pieces


@pytest.mark.parametrize(("value", "cell"), CSV_CELLS)  # the page's csvCell's cases too
def test_csv_cell(value, cell):
    assert csv_cell(value) == cell


@pytest.mark.parametrize(
    "char", ["\x00", "\x1b", "\x07", "\x7f", "\x85", "\x9b", "\u061c", "\u200e", "\u200f",
             "\u2028", "\u2029", "\u202a", "\u202e", "\u2066", "\u2069", "\ud800", "\udfff"],
)  # fmt: skip
@pytest.mark.parametrize("indent", [None, 1])
def test_json_text_escapes_what_a_terminal_would_act_on(char, indent):
    value = {f"k{char}": [f"a{char}b", 1.5, None, "Ürümqi"]}
    text = json_text(value, indent=indent)
    assert f"\\u{ord(char):04x}" in text
    assert not RAW.search(text.replace("\n", "")) and char not in text
    assert "Ürümqi" in text  # other non-ASCII text is kept as it is
    assert json.loads(text) == value  # still JSON, and the same strings


def test_json_text_takes_json_dumps_options():
    assert json_text({"a": 1}, separators=(",", ":")) == '{"a":1}'
    with pytest.raises(ValueError):
        json_text(float("nan"), allow_nan=False)


# --------------------------------------------------------------------------- the commands


def test_lengths_csv_cells_are_neither_formulas_nor_controls(cli, hostile):
    status, out, _ = cli("lengths", "--layers", hostile, "--format", "csv")
    assert status == 0
    assert not RAW.search(out)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["feature"] for r in rows] == [csv_cell(n) for n in NAMES]
    assert [r["feature"][0] for r in rows[:6]] == ["'"] * 6  # the formula-like ones
    assert rows[6]["feature"] == "Ürümqi \\u2066isolate\\u2069 \\x7f"
    assert {r["layer"] for r in rows} == {"evil\\x1b[2J\\u202e"}
    assert all(float(r["length_km"]) > 500 for r in rows)  # numbers, not quoted text
    assert all(r["vertices"] == "2" for r in rows)


def test_lengths_json_escapes_and_round_trips(cli, hostile):
    status, out, _ = cli("lengths", "--layers", hostile, "--format", "json")
    assert status == 0
    assert not RAW.search(out)
    records = json.loads(out)
    assert [r["feature"] for r in records] == NAMES  # the names as they are
    assert {r["layer"] for r in records} == {"evil\x1b[2J\u202e"}


def test_distance_json_escapes_and_round_trips(cli, hostile):
    a, b = PLACES
    status, out, _ = cli("distance", a, b, "--layers", hostile, "--format", "json")
    assert status == 0
    assert not RAW.search(out)
    result = json.loads(out)
    assert (result["from"], result["to"], result["units"]) == (a, b, "km")
    assert 7000 < result["distance"] < 8000


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["lengths"],
        ["lengths", "--format", "csv"],
        ["lengths", "--format", "json"],
        ["distance", *PLACES],
        ["distance", *PLACES, "--format", "json"],
        ["countries"],
        ["near", "evil\x1b[2J\u202e", "--km", "5000"],
        ["summarize", "--by", "evil\x1b[2J\u202e", "--km", "5000"],
        ["summarize", "--by", "evil\x1b[2J\u202e", "--km", "5000", "--format", "csv"],
        ["summarize", "--by", "evil\x1b[2J\u202e", "--km", "5000", "--format", "json"],
    ],
    ids=lambda argv: "-".join(a for a in argv if a.isascii() and a.isalnum()),
)
def test_commands_print_no_raw_control_or_bidi_character(cli, hostile, argv):
    if argv[0] in ("near", "summarize"):
        argv = [*argv, "--layer", hostile / "ports.geojson"]
    status, out, err = cli(*argv, "--layers", hostile)
    assert status == 0, err
    assert out.strip()
    assert not RAW.search(out + err)


def test_validate_and_import_print_no_raw_control_or_bidi_character(tmp_path, cli):
    names = ["=A\x1b[2J\u202e", "=A\x1b[2J\u202e", "\u009bB"]
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": n, "note": "\u202e"},
         "geometry": {"type": "Point", "coordinates": [60, 40]}} for n in names]}  # fmt: skip
    plain = write(tmp_path / "src\u202e\x1b.geojson", doc)  # not a layer: no category
    status, _, err = cli("validate", plain)
    assert status == 1
    assert "duplicate name" in err  # a problem naming the hostile name
    assert not RAW.search(err)
    status, out, err = cli("import", plain, "--layers", tmp_path / "layers")
    assert status == 0, err
    assert "repeated names numbered" in out  # a note naming the hostile name
    assert not RAW.search(out + err)


@pytest.mark.skipif(
    any(not importlib.util.find_spec(m) for m in ("scipy", "scgraph", "scgraph_data", "searoute")),
    reason="the routing extra is not installed (pip install -e '.[routing]')",
)
def test_compare_prints_no_raw_control_or_bidi_character(cli, hostile):
    status, out, err = cli("compare", *PLACES, "--layers", hostile)
    assert status == 0, err
    assert "shortest paths" in out
    assert not RAW.search(out + err)
