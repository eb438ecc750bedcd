"""Fuzzing the reader: whatever a file holds, the only error is a LayerError, and the CLI
prints lines (never a traceback) and exits 0 or 1."""

from __future__ import annotations

import copy
import io
import json
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
