"""Fuzzing the reader: whatever a file holds, the only error is a LayerError, and the CLI
prints lines (never a traceback) and exits 0 or 1."""

from __future__ import annotations

import copy
import faulthandler
import io
import json
import signal
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import geo
from geo.cli import main

VALID = {
    "type": "FeatureCollection",
    "name": "Fuzz",
    "category": "other",
    "style": {"stroke": "#123456"},
    "figures": [{"label": "x", "value": 1, "year": 2019, "source": "s"}],
    "features": [
        {
            "type": "Feature",
            "properties": {"name": "A", "source": "s", "via": [{"name": "n", "lon": 1, "lat": 2}]},
            "geometry": {"type": "LineString", "coordinates": [[60, 40], [70, 42]]},
        },
        {
            "type": "Feature",
            "properties": {"name": "B", "countries": ["CHN"]},
            "geometry": {"type": "Point", "coordinates": [62.33, 25.12]},
        },
        {
            "type": "Feature",
            "properties": {"name": "C"},
            "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
        },
    ],
}

SETTINGS = settings(
    max_examples=150,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([180.0033, -90.5, 1e308, 10**400, "Point", "TIN", "Feature", "NaN", ""])
    | st.text(max_size=12)
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["type", "coordinates", "name", "x"]) | st.text(max_size=5),
                      inner, max_size=4),
    max_leaves=25,
)  # fmt: skip


def paths(value, prefix=()):
    """Every path (tuple of keys/indices) into a JSON value."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from paths(item, (*prefix, i))


ALL_PATHS = list(paths(VALID))[1:]


@st.composite
def mutated_layers(draw):
    """The valid layer with a few subtrees replaced by random JSON or removed."""
    doc = copy.deepcopy(VALID)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent = doc
        try:
            for key in path[:-1]:
                parent = parent[key]
            if draw(st.booleans()) or not isinstance(parent, dict):
                parent[path[-1]] = draw(json_values)
            else:
                del parent[path[-1]]
        except (KeyError, IndexError, TypeError):  # an earlier change removed the way there
            pass
    return doc


@st.composite
def texts(draw):
    """JSON text of a mutated layer, sometimes cut, spliced or given a bad literal."""
    text = json.dumps(draw(mutated_layers()), ensure_ascii=draw(st.booleans()))
    how = draw(st.sampled_from(["as is", "cut", "splice", "literal"]))
    at = draw(st.integers(0, len(text)))
    if how == "cut":
        text = text[:at]
    elif how == "splice":
        text = text[:at] + draw(st.text(max_size=6)) + text[at:]
    elif how == "literal":
        text = (
            text[:at]
            + draw(st.sampled_from(["NaN", "[" * 70, '"a":1,"a":2', "\\ud800"]))
            + text[at:]
        )
    return text


def check_file(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.geojson"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            layer = geo.load_layer(path)
        except geo.LayerError as exc:
            assert exc.problems and all(p.startswith(f"{path}: ") for p in exc.problems)
            assert all("\n" not in p for p in exc.problems)
        else:
            assert len(layer) == len(layer.properties)
        err = io.StringIO()
        with redirect_stderr(err), redirect_stdout(io.StringIO()):
            status = main(["validate", str(path)])
        assert status in (0, 1)
        assert "Traceback" not in err.getvalue() and "internal error" not in err.getvalue()


@SETTINGS
@given(mutated_layers())
def test_validate_document_raises_only_layer_errors(doc):
    try:
        geo.validate_document(doc, path="fuzz.geojson")
    except geo.LayerError as exc:
        assert exc.problems


@SETTINGS
@given(texts())
def test_load_layer_and_cli_on_mutated_files(text):
    check_file(text)


@settings(SETTINGS, max_examples=100)
@given(json_values)
def test_load_layer_and_cli_on_random_json(value):
    check_file(json.dumps(value))


# --------------------------------------------------------------------------- every command
#
# Layers that mostly validate, made of what breaks geometry code: positions on ±180°, at
# the poles, repeated (lines of no length, rings of one place), denormal numbers; styles and
# numbers at and past their limits. Every command of the CLI must then end (within
# EXAMPLE_SECONDS) with status 0 or 1 and its own words: never an internal error.

#: An example's commands together must end within this (a SIGALRM ends Python code that
#: would run on; the commands take about a second in all).
EXAMPLE_SECONDS = 60
EDGE_LONS = [0.0, 180.0, -180.0, 179.999999, -179.999999, 85.0, -95.0, 60.0, 1e-320, 5e-324]
EDGE_LATS = [0.0, 90.0, -90.0, 89.999999, -89.999999, 25.0, 1e-320]
lons = st.sampled_from(EDGE_LONS) | st.floats(-180, 180, allow_nan=False)
lats = st.sampled_from(EDGE_LATS) | st.floats(-90, 90, allow_nan=False)
#: A line or ring picks its positions from a few, so they repeat (lines of no length).
position_pools = st.lists(st.tuples(lons, lats).map(list), min_size=3, max_size=5, unique_by=str)


KINDS = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
         "GeometryCollection"]  # fmt: skip


@st.composite
def geometries(draw, kind: str, degenerate_rings: bool = False):
    """A geometry of the kind; its rings have 3 distinct positions or more, unless
    ``degenerate_rings`` (then they may repeat one or two: refused)."""
    pool = draw(position_pools)
    pick = st.sampled_from(pool)
    line = st.lists(pick, min_size=2, max_size=4) | pick.map(lambda p: [p, p])  # or no length
    if degenerate_rings:  # of one or two places, or any
        few = st.lists(pick, min_size=1, max_size=2, unique_by=str)
        ring = few.map(lambda r: [*r, *r, r[0]][:4] + [r[0]] * (4 - len(r)))
        ring |= st.lists(pick, min_size=3, max_size=5).map(lambda r: [*r, r[0]])
    else:
        ring = st.permutations(pool).map(lambda r: [*r, r[0]])
    coordinates = {
        "Point": pick,
        "MultiPoint": st.lists(pick, min_size=1, max_size=3),
        "LineString": line,
        "MultiLineString": st.lists(line, min_size=1, max_size=3),
        "Polygon": st.lists(ring, min_size=1, max_size=2),
        "MultiPolygon": st.lists(st.lists(ring, min_size=1, max_size=2), min_size=1, max_size=2),
    }
    if kind == "GeometryCollection":
        inner = draw(st.sampled_from(["Point", "LineString", "Polygon"]))
        return {
            "type": kind,
            "geometries": [{"type": inner, "coordinates": draw(coordinates[inner])}],
        }
    return {"type": kind, "coordinates": draw(coordinates[kind])}


STYLE_VALUES = {
    "stroke": ["#1f618d", "#abc", "#1f618d\n", " #1f618d", "red"],
    "fill": ["#1f618d", "#1F618D"],
    "stroke-width": [0, 3, 100, 101, 1e308, -1, "__BIG__"],  # "__BIG__": 1e400
    "stroke-opacity": [0, 0.5, 1, 2],
    "dash-array": ["8 6", "0 4", "4", "12,4,2,4", "1e-300 1e-300", "0 0", "evil", " 8 6", "5e-324"],
    "marker-size": ["small", "huge"],
    "marker-symbol": ["square", "rocket"],
}
#: A value written as the literal 1e400 (a number JSON can write and no float can hold).
BIG_VALUE = "__BIG__"
BIG = f'"{BIG_VALUE}"'


@st.composite
def fuzz_layers(draw):
    """A layer's text: features of any geometry on the world's edges; in one example of
    three, also names twice or missing, properties, style values and a category past what
    the reader takes, or a 1e400 (the others reach the commands' own work)."""
    hostile = draw(st.integers(0, 2)) == 0
    odd_rings = draw(st.integers(0, 2)) == 0  # rings of one or two places: refused alone

    def pick(good: list, bad: list):
        return draw(st.sampled_from(good + bad if hostile else good))

    features = []
    # mostly one kind, lines most often (the most commands work on them)
    lines = [["LineString"], ["MultiLineString"]] * 3
    kinds = draw(st.sampled_from([*lines, *([kind] for kind in KINDS), KINDS, KINDS]))
    for i in range(draw(st.integers(1, 3)) if draw(st.integers(0, 9)) else 0):
        props = {"name": pick([f"F{i}", "Same: name" if i == 1 else f"F{i}"], ["F0", "", None])}
        if draw(st.booleans()):
            props["x"] = pick([1, 0.5, -0.0, 1e308, 5e-324, "", "x" * 200, None], [BIG_VALUE])
        if draw(st.booleans()):
            props["published_length_km"] = pick([1, 1e308, 5e-324], [0, BIG_VALUE])
        has_geometry = pick([True], [False])
        features.append(
            {"type": "Feature", "properties": props,
             "geometry": draw(geometries(draw(st.sampled_from(kinds)), odd_rings))
             if has_geometry else None}
        )  # fmt: skip
    keys = draw(st.lists(st.sampled_from(list(STYLE_VALUES)), max_size=3, unique=True))
    style = {key: draw(st.sampled_from(STYLE_VALUES[key])) for key in keys}
    if not (hostile or odd_rings):  # the values the reader takes
        style = {k: v for k, v in style.items() if _style_ok({k: v})}
    lines = {"LineString", "MultiLineString"}
    category = pick(["corridor" if set(kinds) <= lines else "other"], ["corridor", "port"])
    doc = {"type": "FeatureCollection", "name": "Fuzz", "category": category, "style": style,
           "features": features}  # fmt: skip
    return json.dumps(doc).replace(BIG, "1e400")


def _style_ok(style: dict) -> bool:
    doc = {"type": "FeatureCollection", "name": "S", "category": "other", "style": style,
           "features": []}  # fmt: skip
    try:
        geo.validate_document(doc, path="style")
    except geo.LayerError:
        return False
    return True


POINTS = {
    "type": "FeatureCollection",
    "name": "Points",
    "category": "port",
    "features": [
        {"type": "Feature", "properties": {"name": name},
         "geometry": {"type": "Point", "coordinates": lonlat}}
        for name, lonlat in [("pole", [0, 90]), ("seam", [180, 0]), ("here", [62.33, 25.12])]
    ],
}  # fmt: skip


KMS = ["0.001", "50", "1e300", "1e-320"]
DENSIFY = [[], ["--densify", "100"], ["--densify", "1e-320"]]


def cheap_commands(folder: Path, points: Path, draw) -> list[list[str]]:
    name = draw(st.sampled_from(["F0", "F1", "Same: name", "fuzz:F0", "fuzz:Same: name", "0,0"]))
    return [
        ["validate", str(folder)],
        ["list"],
        ["lengths"],
        ["lengths", "--format", "csv"],
        ["lengths", "--format", "json"],
        ["distance", name, draw(st.sampled_from(["0,0", "180,90", "-180,-90"]))],
        ["distance", name, "1,1", "--format", "json", "--units", "nmi"],
        ["countries"],
        ["countries", "fuzz"],
        ["near", "fuzz", "--layer", str(points), "--km", draw(st.sampled_from(KMS))],
        ["export", "-o", str(folder.parent / "out.geojson"), *draw(st.sampled_from(DENSIFY))],
        ["export", "-o", str(folder.parent / draw(st.sampled_from(["out.csv", "out.kml"])))],
    ]


def run_commands(folder: Path, commands: list[list[str]]) -> None:
    def overtime(signum, frame):
        raise TimeoutError(f"the commands took more than {EXAMPLE_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, overtime)
    signal.alarm(EXAMPLE_SECONDS)
    # a loop in C code (Agg's) takes no signal: then the whole run ends, with a traceback
    faulthandler.dump_traceback_later(2 * EXAMPLE_SECONDS, exit=True)
    try:
        for argv in commands:
            out, err = io.StringIO(), io.StringIO()
            with redirect_stderr(err), redirect_stdout(out):
                status = main([*argv, "--layers", str(folder)] if argv[0] != "validate" else argv)
            text = err.getvalue()
            assert status in (0, 1), (argv, status, text)
            assert "Traceback" not in text and "internal error" not in text, (argv, text)
            if status == 1:  # one line per problem, each saying what it is
                assert all(line.startswith(f"corridors {argv[0]}: ") for line in
                           text.splitlines()) or argv[0] == "validate", (argv, text)  # fmt: skip
    finally:
        faulthandler.cancel_dump_traceback_later()
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def layer_folder(tmp: str, text: str) -> tuple[Path, Path]:
    folder = Path(tmp) / "layers"
    folder.mkdir()
    (folder / "fuzz.geojson").write_text(text, encoding="utf-8")
    points = Path(tmp) / "points.geojson"
    points.write_text(json.dumps(POINTS), encoding="utf-8")
    return folder, points


@settings(SETTINGS, max_examples=60)
@given(fuzz_layers(), st.data())
def test_every_command_on_hostile_layers_ends_with_0_or_1_in_its_own_words(text, data):
    with tempfile.TemporaryDirectory() as tmp:
        folder, points = layer_folder(tmp, text)
        run_commands(folder, cheap_commands(folder, points, data.draw))


@settings(SETTINGS, max_examples=20)
@given(fuzz_layers())
def test_build_and_plot_on_hostile_layers_end_with_0_or_1_in_their_own_words(text):
    with tempfile.TemporaryDirectory() as tmp:
        folder, _ = layer_folder(tmp, text)
        run_commands(
            folder,
            [["build", "-o", str(Path(tmp) / "map.html")],
             ["plot", "-o", str(Path(tmp) / "map.png"), "--dpi", "20"]],
        )  # fmt: skip
