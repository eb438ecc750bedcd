"""Layer validation: every problem in a file in one LayerError, one line each; valid layers load."""

from __future__ import annotations

import copy
import importlib.util
import json
import re
from pathlib import Path

import pytest

import geo
from geo.layers import find_layer_files
from geo.validation import MAX_PROBLEMS_PER_FILE

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
LAYERS_DIR = ROOT / "layers"
BAD_DIR = TESTS / "data" / "bad"
REAL_LAYERS_DIR = ROOT.parent / "shared" / "data" / "real-layers"

GWADAR = {"type": "Point", "coordinates": [62.33, 25.12]}
SQUARE = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
KASHGAR_GWADAR = {"type": "LineString", "coordinates": [[75.99, 39.47], [62.33, 25.12]]}
SAMPLE = {
    "Point": GWADAR,
    "MultiPoint": {"type": "MultiPoint", "coordinates": [[62.33, 25.12], [79.85, 6.95]]},
    "LineString": KASHGAR_GWADAR,
    "MultiLineString": {"type": "MultiLineString", "coordinates": [KASHGAR_GWADAR["coordinates"]]},
    "Polygon": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
    "MultiPolygon": {"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]]]},
    "GeometryCollection": {"type": "GeometryCollection", "geometries": [GWADAR, KASHGAR_GWADAR]},
}


def feature(name, geometry, **props) -> dict:
    properties = {} if name is None else {"name": name}
    properties.update(props)
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def layer_doc(category="port", features=None, name="Test layer", **extra) -> dict:
    """A valid layer: one sourced feature of the first geometry type the category takes."""
    if features is None:
        gtype = geo.CATEGORIES[category].geometry_types[0]
        features = [feature("Gwadar", SAMPLE[gtype], source="test data")]
    return {
        "type": "FeatureCollection",
        "name": name,
        "category": category,
        **extra,
        "features": features,
    }


@pytest.fixture
def write_layer(tmp_path):
    """Write a document (dict, str or bytes) to ``tmp_path / relpath``; returns the path."""

    def write(doc, relpath="layer.geojson") -> Path:
        path = tmp_path / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(doc, bytes):
            path.write_bytes(doc)
        elif isinstance(doc, str):
            path.write_text(doc, encoding="utf-8")
        else:
            path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        return path

    return write


@pytest.fixture
def deep_nesting_file(tmp_path) -> Path:
    """100,000 nested '[' (100 kB, so generated here rather than committed)."""
    path = tmp_path / "deep_nesting.geojson"
    path.write_text("[" * 100_000, encoding="ascii")
    return path


@pytest.fixture
def real_layers() -> Path:
    if not REAL_LAYERS_DIR.is_dir():
        pytest.skip(f"third-party layer files absent: no folder {REAL_LAYERS_DIR}")
    return REAL_LAYERS_DIR


def real_file(folder: Path, name: str) -> Path:
    path = folder / name
    if not path.is_file():
        pytest.skip(f"third-party layer file absent: {path}")
    return path


def problems_of(path, **kwargs) -> list[str]:
    """The lines of the LayerError that validating ``path`` must raise."""
    with pytest.raises(geo.LayerError) as info:
        geo.validate_file(path, **kwargs)
    lines = str(info.value).splitlines()
    assert lines == info.value.problems
    return lines


# --------------------------------------------------------------------------- bad files

# file -> (feature index or None for a file-level problem, feature name or None, key phrases)
BAD = {
    "empty.geojson": (None, None, ["the file is empty", "expected a GeoJSON FeatureCollection"]),
    "truncated.geojson": (None, None, ["not valid JSON", "line ", "looks truncated"]),
    "latin1.geojson": (None, None, ["not UTF-8", "byte 0xdc", "expected UTF-8"]),
    "bare_feature.geojson": (None, None, ["'Feature', not a FeatureCollection"]),
    "bare_geometry.geojson": (None, None, ["'Point', not a FeatureCollection"]),
    "json_list.geojson": (None, None, ["'list', not a FeatureCollection"]),
    "missing_category.geojson": (
        None,
        None,
        ["category is missing", "expected one of corridor, rail-route"],
    ),
    "unknown_category.geojson": (
        None,
        None,
        ["category is 'railway'", "expected one of corridor, rail-route"],
    ),
    "category_list.geojson": (None, None, ["category is ['port']", "expected one of corridor"]),
    "missing_layer_name.geojson": (None, None, ["no layer 'name'", 'expected a top-level "name"']),
    "feature_without_name.geojson": (0, None, ["no 'name' property", "expected a name unique"]),
    "duplicate_names.geojson": (1, "Gwadar", ["duplicate name (also feature 0)", "unique"]),
    "point_in_corridor.geojson": (
        0,
        "Gwadar",
        ["geometry type Point", "expected LineString or MultiLineString"],
    ),
    "linestring_in_port.geojson": (
        0,
        "Kashgar–Gwadar",
        ["geometry type LineString", "expected Point"],
    ),
    "one_position_line.geojson": (0, "Stub", ["1 position(s)", "expected at least 2"]),
    "string_coordinate.geojson": (0, "Gwadar", ["non-numeric", "expected numbers [lon, lat]"]),
    "boolean_coordinate.geojson": (
        0,
        "Kashgar–Gwadar",
        ["[62.33, true]", "non-numeric", "expected numbers [lon, lat]"],
    ),
    # a bare NaN is not JSON: refused as such, naming the key and the line
    "nan_coordinate.geojson": (
        None,
        None,
        ["not strict JSON: NaN (under key 'coordinates') at line 14 column 6", "no NaN"],
    ),
    "longitude_out_of_range.geojson": (
        0,
        "Nowhere",
        ["longitude out of range", "[242.33, 25.12]", "[lon, lat]"],
    ),
    "swapped_lat_lon.geojson": (
        0,
        "Beijing",
        ["latitude out of range", "[39.9, 116.4]", "looks swapped", "[lon, lat]"],
    ),
    "null_geometry.geojson": (0, "Gwadar", ["null geometry", "expected a geometry of type Point"]),
    "empty_geometry.geojson": (
        0,
        "Kashgar–Gwadar",
        ["empty LineString", "expected at least one [lon, lat]"],
    ),
    "crs_3857.geojson": (None, None, ["'EPSG:3857'", "CRS84", "to_crs(4326)"]),
    "bad_style.geojson": (
        None,
        None,
        ["style 'marker-color' is 'navy'", "expected a colour like '#"],
    ),
    "bad_figures.geojson": (None, None, ["figures[0] value is 'about 1.6bn'", "expected a number"]),
}


def test_every_committed_bad_file_has_a_case():
    committed = {p.name for p in BAD_DIR.glob("*.geojson")}
    assert committed == set(BAD) | {"many_problems.geojson"}


def test_committed_bad_files_match_their_generator():
    spec = importlib.util.spec_from_file_location(
        "make_bad_files", TESTS / "data" / "make_bad_files.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, data in module.BAD_FILES.items():
        assert (BAD_DIR / name).read_bytes() == data, f"re-run make_bad_files.py for {name}"


def test_bad_files_are_tiny():
    assert all(p.stat().st_size < 1024 for p in BAD_DIR.iterdir())


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_raises_one_layer_error(name):
    path = BAD_DIR / name
    with pytest.raises(geo.LayerError) as info:
        geo.validate_file(path)
    assert isinstance(info.value, ValueError)
    assert len(info.value.problems) == 1, info.value.problems


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_problem_names_path_place_and_expectation(name):
    index, fname, phrases = BAD[name]
    path = BAD_DIR / name
    (line,) = problems_of(path)
    assert line.startswith(f"{path}: ")
    rest = line[len(f"{path}: ") :]
    if index is None:
        assert not rest.startswith("feature ")
    elif fname is None:
        assert rest.startswith(f"feature {index}: ")
    else:
        assert rest.startswith(f"feature {index} ({fname!r}): ")
    assert "; expected" in rest
    for phrase in phrases:
        assert phrase in rest


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_fails_load_layer_too(name):
    with pytest.raises(geo.LayerError, match=re.escape(str(BAD_DIR / name))):
        geo.load_layer(BAD_DIR / name)


def test_swapped_check_only_fires_when_swapping_would_fit():
    (line,) = problems_of(BAD_DIR / "longitude_out_of_range.geojson")
    assert "swapped" not in line


def test_deeply_nested_json_is_a_layer_error_not_a_recursion_error(deep_nesting_file):
    (line,) = problems_of(deep_nesting_file)
    assert line.startswith(f"{deep_nesting_file}: ")
    assert "nested too deeply" in line
    assert "expected a GeoJSON FeatureCollection" in line


def test_many_problems_file_reports_all_five_in_one_error():
    path = BAD_DIR / "many_problems.geojson"
    lines = problems_of(path)
    assert len(lines) == 5
    assert all(line.startswith(f"{path}: ") for line in lines)
    expected = [
        "no layer 'name'",
        "style 'marker-size' is 'huge'",
        "feature 0: no 'name' property",
        "feature 2 ('Colombo'): duplicate name (also feature 1)",
        "feature 3 ('Chittagong'): latitude out of range in [22.3, 91.8]",
    ]
    for line, phrase in zip(lines, expected, strict=True):
        assert phrase in line
    assert "looks swapped" in lines[4]


@pytest.mark.parametrize("fraction", [0.1, 0.25, 0.5, 0.75, 0.9, 0.99])
def test_truncated_anywhere_says_truncated(write_layer, fraction):
    text = json.dumps(layer_doc("rail-node"), indent=1)
    path = write_layer(text[: int(len(text) * fraction)])
    (line,) = problems_of(path)
    assert "not valid JSON" in line
    assert "looks truncated" in line


@pytest.mark.parametrize("content", [b"", b"   \n\t\n", b"\n"])
def test_empty_or_blank_file(write_layer, content):
    (line,) = problems_of(write_layer(content))
    assert "the file is empty" in line


def test_missing_file_is_a_layer_error(tmp_path):
    path = tmp_path / "nope.geojson"
    (line,) = problems_of(path)
    assert line.startswith(f"{path}: cannot read the file")


@pytest.mark.parametrize(
    "features, phrase",
    [
        (None, "'features' is missing"),
        ({}, "'features' is missing or not a list"),
        ("abc", "'features' is missing or not a list"),
    ],
)
def test_features_must_be_a_list(write_layer, features, phrase):
    doc = layer_doc()
    if features is None:
        del doc["features"]
    else:
        doc["features"] = features
    (line,) = problems_of(write_layer(doc))
    assert phrase in line


@pytest.mark.parametrize("item", [1, None, "Feature", {"type": "Point", "coordinates": [0, 0]}])
def test_feature_that_is_not_a_feature(write_layer, item):
    (line,) = problems_of(write_layer(layer_doc(features=[item])))
    assert ": feature 0: is not a Feature object" in line


@pytest.mark.parametrize(
    "category, geometry, phrase",
    [
        ("other", {"type": "Circle", "coordinates": [0, 0]}, "unknown geometry type 'Circle'"),
        ("other", {"coordinates": [0, 0]}, "is not a GeoJSON geometry object"),
        ("other", [0, 0], "is not a GeoJSON geometry object"),
        ("other", {"type": "GeometryCollection", "geometries": []}, "empty GeometryCollection"),
        ("other", {"type": "Point", "coordinates": [0]}, "expected 2 or 3 numbers"),
        ("other", {"type": "Point", "coordinates": [0, 0, 0, 0]}, "expected 2 or 3 numbers"),
        ("other", {"type": "Point", "coordinates": "0,0"}, "is not [lon, lat]"),
        ("other", {"type": "LineString", "coordinates": 5}, "are not an array"),
        ("other", {"type": "Point", "coordinates": [10**400, 0]}, "NaN or infinity"),
        ("other", {"type": "Point", "coordinates": [False, 0]}, "non-numeric"),
        ("other", {"type": "Point", "coordinates": [None, 0]}, "non-numeric"),
        ("other", {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1]]]}, "not closed"),
        (
            "other",
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]},
            "not closed",
        ),
        (
            "corridor",
            {"type": "MultiLineString", "coordinates": [[[0, 0], [1, 1]], [[2, 2]]]},
            "line (part 1) has 1 position(s)",
        ),
        (
            "corridor",
            {"type": "LineString", "coordinates": [[0, 0], [1, 91]]},
            "latitude out of range",
        ),
        (
            "corridor",
            {"type": "LineString", "coordinates": [[0, 0], [-180.5, 0]]},
            "longitude out of range",
        ),
        (
            "corridor",
            {"type": "LineString", "coordinates": [[0, 0], [200, 100]]},
            "longitude and latitude out of range",
        ),
        ("corridor", {"type": "LineString", "coordinates": [[0, 0], [1, "2"]]}, "non-numeric"),
        ("port", {"type": "MultiPoint", "coordinates": [[0, 0]]}, "expected Point"),
        ("rail-node", {"type": "GeometryCollection", "geometries": [GWADAR]}, "expected Point"),
        (
            "sea-lane",
            {"type": "Polygon", "coordinates": SAMPLE["Polygon"]["coordinates"]},
            "expected LineString or MultiLineString",
        ),
        ("other", {"type": "GeometryCollection", "geometries": [None]}, "null geometry"),
        (
            "other",
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], {}, [0, 0]]]},
            "position {} is not [lon, lat]",
        ),
        # rings that bound no area (RFC 7946 3.1.6)
        (
            "other",
            {"type": "Polygon", "coordinates": [[[1, 1], [1, 1], [1, 1], [1, 1]]]},
            "polygon outer ring has 1 distinct position(s); expected at least 3",
        ),
        (
            "other",
            {"type": "Polygon", "coordinates": [[[0, 0], [2, 2], [0, 0], [0, 0]]]},
            "has 2 distinct position(s)",
        ),
        (
            "other",
            {"type": "Polygon", "coordinates": [[[180, 0], [180, 10], [-180, 10], [180, 0]]]},
            "has 2 distinct position(s); expected at least 3: a ring bounds an area (±180°",
        ),
        (
            "other",
            {"type": "Polygon", "coordinates": [[[0, 90], [90, 90], [180, 90], [0, 90]]]},
            "has 1 distinct position(s)",
        ),
        (
            "other",
            {"type": "Polygon", "coordinates": [[[1, 1], [1, 1], [1, 1], [1, 1]], SQUARE]},
            "polygon outer ring has 1 distinct position(s)",  # its hole does not make an area
        ),
        (
            "other",
            {
                "type": "MultiPolygon",
                "coordinates": [[[[5, 5]] * 4], [[[6, 6], [7, 7], [6, 6], [6, 6]]]],
            },
            "multi-polygon bounds no area: the outer rings of its 2 part(s) have at most 2 "
            "distinct position(s); expected at least 3",
        ),
        (
            "other",
            {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "coordinates": [[[1, 1], [1, 1], [1, 1], [1, 1]]]}
                ],
            },
            "polygon outer ring has 1 distinct position(s)",
        ),
    ],
)
def test_geometry_problems(write_layer, category, geometry, phrase):
    path = write_layer(layer_doc(category, [feature("X", geometry)]))
    lines = problems_of(path)
    assert all(line.startswith(f"{path}: feature 0 ('X'): ") for line in lines)
    assert any(phrase in line for line in lines), lines


@pytest.mark.parametrize(
    "ring",
    [
        [[180, 0], [180, 10], [180, 5], [180, 0]],  # three places, in a row: no area, drawn as none
        [[0, 0], [1, 0], [1, 1], [0, 0]],
        [[10, -80], [120, -80], [-120, -80], [10, -80]],  # round the south pole
        [[0, -90], [90, -89], [180, -89], [-90, -89], [0, -90]],  # a pole and three more
    ],
)
def test_rings_of_three_distinct_places_are_valid(write_layer, ring):
    geo.validate_file(
        write_layer(layer_doc("other", [feature("X", {"type": "Polygon", "coordinates": [ring]})]))
    )


@pytest.mark.parametrize(
    "geometry",
    [
        # a hole that collapsed to two places: bounds nothing, drawn as nothing
        {
            "type": "Polygon",
            "coordinates": [SQUARE, [[0.5, 0.5], [0.6, 0.6], [0.5, 0.5], [0.5, 0.5]]],
        },
        # a part beside another that collapsed to one place, as quantized data have them
        {"type": "MultiPolygon", "coordinates": [[SQUARE], [[[5, 5], [5, 5], [5, 5], [5, 5]]]]},
    ],
)
def test_a_hole_or_a_part_of_no_area_beside_an_area_is_valid(write_layer, geometry):
    geo.validate_file(write_layer(layer_doc("other", [feature("X", geometry)])))


@pytest.mark.parametrize(
    "coords", [[180, 90], [-180, -90], [0, 0], [179.999, -89.999], [10, 20, 3000]]
)
def test_positions_at_the_limits_are_valid(write_layer, coords):
    geo.validate_file(
        write_layer(layer_doc("port", [feature("P", {"type": "Point", "coordinates": coords})]))
    )


def test_a_bad_line_reports_a_few_positions_not_all(write_layer):
    line = {"type": "LineString", "coordinates": [[i, 95] for i in range(100)]}
    lines = problems_of(write_layer(layer_doc("corridor", [feature("Bad", line)])))
    assert 1 <= len(lines) <= 3


def test_problems_are_capped_per_file(write_layer):
    n = MAX_PROBLEMS_PER_FILE + 10
    far = {"type": "Point", "coordinates": [400, 0]}
    path = write_layer(layer_doc("port", [feature(f"P{i}", far) for i in range(n)]))
    lines = problems_of(path)
    assert len(lines) == MAX_PROBLEMS_PER_FILE + 1
    assert lines[-1] == f"{path}: ... and 10 more problems"


def test_feature_numbers_count_from_zero_and_follow_the_file(write_layer):
    names = ["A", "B", "A", "C", "B"]
    lines = problems_of(write_layer(layer_doc("port", [feature(n, GWADAR) for n in names])))
    assert [re.search(r"feature (\d+) \('(\w)'\)", x).groups() for x in lines] == [
        ("2", "A"),
        ("4", "B"),
    ]
    assert "also feature 0" in lines[0] and "also feature 1" in lines[1]


@pytest.mark.parametrize("name", [None, "", "   "])
def test_feature_name_must_be_non_blank_text(write_layer, name):
    doc = layer_doc("port", [{"type": "Feature", "properties": {"name": name}, "geometry": GWADAR}])
    (line,) = problems_of(write_layer(doc))
    assert "feature 0: no 'name' property" in line


@pytest.mark.parametrize(("name", "kind"), [(5, "int 5"), (["Gwadar"], 'list ["Gwadar"]')])
def test_feature_name_of_another_type_says_so(write_layer, name, kind):
    doc = layer_doc("port", [{"type": "Feature", "properties": {"name": name}, "geometry": GWADAR}])
    (line,) = problems_of(write_layer(doc))
    assert f"feature 0: 'name' is {kind}; expected text" in line


@pytest.mark.parametrize("properties", [None, {}])
def test_feature_without_properties_has_no_name(write_layer, properties):
    doc = layer_doc("port", [{"type": "Feature", "properties": properties, "geometry": GWADAR}])
    (line,) = problems_of(write_layer(doc))
    assert "feature 0: no 'name' property" in line


def test_properties_not_an_object(write_layer):
    doc = layer_doc("port", [{"type": "Feature", "properties": [1], "geometry": GWADAR}])
    lines = problems_of(write_layer(doc))
    assert "'properties' is not an object" in lines[0]


@pytest.mark.parametrize("name", [None, "", "  ", 3, {"en": "x"}])
def test_layer_name_must_be_non_blank_text(write_layer, name):
    doc = layer_doc()
    if name is None:
        del doc["name"]
    else:
        doc["name"] = name
    (line,) = problems_of(write_layer(doc))
    assert "no layer 'name'" in line


@pytest.mark.parametrize("category", ["Corridor", "port ", "", 1, None, {"key": "port"}])
def test_category_must_be_one_of_the_keys(write_layer, category):
    doc = layer_doc()
    doc["category"] = category
    (line,) = problems_of(write_layer(doc))
    assert "expected one of corridor, rail-route, rail-node, port, sea-lane, " in line
    assert f"expected one of {', '.join(geo.CATEGORIES)} as a top-level" in line


@pytest.mark.parametrize(
    "style, phrase",
    [
        ("red", "'style' is str"),
        ({"stroke": "red"}, "expected a colour"),
        ({"stroke": "#12345"}, "expected a colour"),
        ({"stroke-width": -1}, "expected a number of px from 0 to 100"),
        ({"stroke-width": True}, "expected a number of px from 0 to 100"),
        ({"stroke-width": 1e308}, "'stroke-width' is 1e+308; expected a number of px from 0 to"),
        ({"stroke-width": 100.5}, "expected a number of px from 0 to 100"),
        ({"stroke": "#1f618d\n"}, "'#1f618d\\n'; expected a colour like '#1f618d', with nothing"),
        ({"fill": " #1f618d"}, "' #1f618d'; expected a colour like '#1f618d', with nothing"),
        ({"marker-color": "#1f618d "}, "expected a colour like '#1f618d', with nothing before"),
        ({"dash-array": "1e-300 1e-300"}, "add up to 2e-300 px; expected dashes and gaps adding"),
        ({"dash-array": "0 0"}, "add up to 0 px; expected dashes and gaps adding up to at least 1"),
        ({"dash-array": "0.2 0.3"}, "add up to 0.5 px"),
        ({"dash-array": "8 1e400"}, "inf px is too long; expected each number at most 1000 px"),
        ({"dash-array": "5000 10"}, "5000 px is too long"),
        ({"dash-array": " ".join(["4"] * 17)}, "it has 17 numbers; expected 1 to 16 numbers"),
        ({"dash-array": "8px 6px"}, "it is not numbers; expected 1 to 16 numbers of px"),
        ({"dash-array": " 8 6"}, "it is not numbers"),  # Leaflet would read [0, 8, 6]
        ({"dash-array": "8\t6"}, "it is not numbers"),
        ({"dash-array": "-8 6"}, "it is not numbers"),
        ({"dash-array": 8}, "'dash-array' is 8: it is not numbers"),
        ({"dash-array": ""}, "it is not numbers"),
        ({"stroke-opacity": 1.5}, "expected a number from 0 to 1"),
        ({"fill-opacity": "0.5"}, "expected a number from 0 to 1"),
        ({"marker-size": "huge"}, "'small', 'medium' or 'large'"),
        ({"marker-symbol": 3}, "expected one of 'circle'"),
        ({"marker-symbol": "rocket"}, "'square', 'diamond', 'triangle'"),
        (
            {"colour": "#fff"},
            "style 'colour' is not a style key; expected one of classes, color-by, dash-array",
        ),
    ],
)
def test_bad_style(write_layer, style, phrase):
    path = write_layer(layer_doc(style=style))
    (line,) = problems_of(path)
    assert line.startswith(f"{path}: ")
    assert phrase in line


@pytest.mark.parametrize(
    "style",
    [
        {"stroke-width": 0},  # a fill without its outline
        {"stroke-width": 100, "stroke": "#ABCDEF", "fill": "#abc"},
        {"dash-array": "8 6"},
        {"dash-array": "8,6"},
        {"dash-array": "12, 4, 2 , 4"},
        {"dash-array": "0 4"},  # dots, with round caps
        {"dash-array": "4"},  # repeated, as the canvas and SVG do
        {"dash-array": "0.5 0.5"},
        {"dash-array": "1e3 2.5e1"},
        {"dash-array": " ".join(["4"] * 16)},
    ],
)
def test_good_style(write_layer, style):
    geo.validate_file(write_layer(layer_doc(style=style)))


def test_a_number_too_large_for_a_float_in_a_style_says_so(write_layer):
    text = json.dumps(layer_doc(style={"stroke-width": 7})).replace("7", "1e400")
    (line,) = problems_of(write_layer(text))
    assert "style 'stroke-width' is inf (a number too large for a float)" in line


@pytest.mark.parametrize(
    ("where", "text", "phrase"),
    [
        ("property", '"x": 1e400', ": feature 0 ('A'): property 'x' holds a number too large"),
        ("negative", '"x": -1e400', ": feature 0 ('A'): property 'x' holds a number too large"),
        ("integer", '"x": 1' + "0" * 400, ": feature 0 ('A'): property 'x' holds a number"),
        ("past 1.8e308", '"x": -2' + "0" * 308, ": feature 0 ('A'): property 'x' holds a number"),
        ("nested", '"x": [1, {"y": 1e999}]', ": feature 0 ('A'): property 'x' holds a number"),
        ("figure", '"figures": [{"label": "a", "value": 1e400, "year": 2020, "source": "s"}]',
         ": feature 0 ('A'): figures[0] value is inf (a number too large for a float)"),
        ("via", '"via": [{"name": "n", "lon": 1e400, "lat": 0}]',
         ": feature 0 ('A'): via[0] ('n') has lon"),
    ],
)  # fmt: skip
def test_a_number_too_large_for_a_float_names_the_feature_and_key(write_layer, where, text, phrase):
    doc = (
        '{"type": "FeatureCollection", "name": "T", "category": "port", "features": [{"type": '
        '"Feature", "properties": {"name": "A", %s}, "geometry": {"type": "Point", '
        '"coordinates": [1, 1]}}]}'
    )
    path = write_layer(doc % text)
    lines = problems_of(path)  # a figure's or via's own check adds its line to the number's
    assert any(line.startswith(f"{path}{phrase}") for line in lines), lines
    assert len(lines) <= 2
    with pytest.raises(geo.LayerError):  # the reader refuses it too: nothing is built
        geo.load_layer(path)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ('"bbox": [1e400, 0, 1, 1], "type"', ": member 'bbox' holds a number too large"),
        ('"type"', ": feature 0 ('A'): member 'id' holds a number too large for a float"),
    ],
)
def test_a_number_too_large_for_a_float_in_another_member(write_layer, text, phrase):
    doc = (
        '{%s: "FeatureCollection", "name": "T", "category": "port", "features": [{"type": '
        '"Feature", "id": 1e400, "properties": {"name": "A"}, "geometry": {"type": "Point", '
        '"coordinates": [1, 1]}}]}'
    )
    if "bbox" in text:
        doc = doc.replace('"id": 1e400, ', "")
    path = write_layer(doc % text)
    (line,) = problems_of(path)
    assert line.startswith(f"{path}{phrase}")


def test_a_number_below_the_smallest_float_reads_as_0(write_layer):
    text = json.dumps(layer_doc(features=[feature("A", GWADAR, x=7)])).replace(
        '"x": 7', '"x": 1e-400'
    )
    layer = geo.load_layer(write_layer(text))
    assert layer.frame["x"].tolist() == [0.0]


@pytest.mark.parametrize(
    "figures, phrase",
    [
        ({"label": "x"}, "'figures' is not a list"),
        (["62 billion"], "figures[0] is not an object"),
        ([{"label": "Investment", "value": 62, "year": 2015}], "figures[0] lacks source"),
        ([{"value": 62, "year": 2015, "source": "s"}], "figures[0] lacks label"),
        ([{"label": "x", "value": 62, "year": "2015", "source": "s"}], "year is '2015'"),
        ([{"label": "x", "value": 62, "year": 15, "source": "s"}], "expected a year like"),
        ([{"label": "x", "value": True, "year": 2015, "source": "s"}], "value is True"),
    ],
)
def test_bad_figures(write_layer, figures, phrase):
    (line,) = problems_of(write_layer(layer_doc(figures=figures)))
    assert phrase in line


def test_bad_feature_figures_name_the_feature(write_layer):
    doc = layer_doc("port", [feature("Gwadar", GWADAR, figures=[{"label": "x"}])])
    (line,) = problems_of(write_layer(doc))
    assert "feature 0 ('Gwadar'): figures[0] lacks value, year, source" in line


@pytest.mark.parametrize("key", ["description", "source"])
def test_layer_description_and_source_are_text(write_layer, key):
    (line,) = problems_of(write_layer(layer_doc(**{key: ["a"]})))
    assert f"'{key}' is list; expected text" in line


def test_feature_source_must_be_text(write_layer):
    (line,) = problems_of(write_layer(layer_doc("port", [feature("Gwadar", GWADAR, source=1)])))
    assert "feature 0 ('Gwadar'): 'source' is int; expected text" in line


@pytest.mark.parametrize(
    "crs",
    [
        "urn:ogc:def:crs:OGC:1.3:CRS84",
        "urn:ogc:def:crs:OGC::CRS84",
        "EPSG:4326",
        "urn:ogc:def:crs:EPSG::4326",
        "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
    ],
)
def test_wgs84_crs_member_is_accepted(write_layer, crs):
    doc = layer_doc(crs={"type": "name", "properties": {"name": crs}})
    geo.validate_file(write_layer(doc))


def test_null_crs_member_is_accepted(write_layer):
    geo.validate_file(write_layer(layer_doc(crs=None)))


@pytest.mark.parametrize(
    "crs", [{"type": "name", "properties": {"name": "EPSG:32643"}}, {"type": "name"}, "EPSG:3857"]
)
def test_other_crs_member_is_rejected(write_layer, crs):
    (line,) = problems_of(write_layer(layer_doc(crs=crs)))
    assert "the legacy 'crs' member" in line
    assert "CRS84" in line


def test_utf8_with_bom_is_accepted(write_layer):
    doc = layer_doc("rail-node", [feature("Ürümqi", GWADAR)])
    path = write_layer(b"\xef\xbb\xbf" + json.dumps(doc, ensure_ascii=False).encode())
    assert geo.load_layer(path).frame["name"].tolist() == ["Ürümqi"]


def test_strict_requires_a_source_per_feature(write_layer):
    doc = layer_doc("port", [feature("Gwadar", GWADAR), feature("Colombo", GWADAR, source=" ")])
    path = write_layer(doc)
    assert len(geo.load_layer(path)) == 2
    lines = problems_of(path, strict=True)
    assert len(lines) == 2
    assert "feature 0 ('Gwadar'): no 'source' property" in lines[0]
    assert "feature 1 ('Colombo'): no 'source' property" in lines[1]
    with pytest.raises(geo.LayerError):
        geo.load_layer(path, strict=True)


# --------------------------------------------------------------------------- valid files


@pytest.mark.parametrize("category", list(geo.CATEGORIES))
def test_minimal_valid_layer_per_category(write_layer, category):
    path = write_layer(layer_doc(category))
    assert geo.validate_file(path, strict=True) is None
    layer = geo.load_layer(path, strict=True)
    assert layer.category == category
    assert len(layer) == 1
    assert layer.frame.geometry.iloc[0].geom_type == geo.CATEGORIES[category].geometry_types[0]


@pytest.mark.parametrize("gtype", list(SAMPLE))
def test_other_takes_every_geometry_type(write_layer, gtype):
    layer = geo.load_layer(write_layer(layer_doc("other", [feature("X", SAMPLE[gtype])])))
    assert layer.frame.geometry.iloc[0].geom_type == gtype


def test_empty_feature_list_loads(write_layer):
    layer = geo.load_layer(write_layer(layer_doc(features=[])))
    assert len(layer) == 0
    assert "name" in layer.frame.columns
    assert layer.frame.crs.to_epsg() == 4326


def test_load_layer_returns_a_layer(write_layer):
    doc = layer_doc(
        "corridor",
        [feature("Kashgar–Gwadar", KASHGAR_GWADAR, source="s", countries=["CHN", "PAK"])],
        name="  China–Pakistan Economic Corridor ",
        description="About 3,000 km.",
        source="https://example.org",
        style={"stroke": "#123456", "stroke-width": 6},
        figures=[{"label": "Investment", "value": 62, "year": 2017, "source": "s"}],
    )
    path = write_layer(doc, "corridors/cpec.geojson")
    layer = geo.load_layer(path)
    assert isinstance(layer, geo.Layer)
    assert layer.id == "cpec"
    assert layer.name == "China–Pakistan Economic Corridor"
    assert layer.category == "corridor"
    assert layer.path == path
    assert layer.description == "About 3,000 km."
    assert layer.source == "https://example.org"
    assert layer.frame.crs.to_epsg() == 4326
    assert layer.frame["name"].tolist() == ["Kashgar–Gwadar"]
    assert layer.frame.geometry.iloc[0].coords[0] == (75.99, 39.47)  # [lon, lat] kept
    assert layer.figures == doc["figures"]
    assert layer.properties == [doc["features"][0]["properties"]]
    assert layer.style == {"stroke": "#123456", "stroke-width": 6}
    default = geo.CATEGORIES["corridor"].style
    assert layer.effective_style == {**default, "stroke": "#123456", "stroke-width": 6}
    assert layer.effective_style["stroke-opacity"] == default["stroke-opacity"]


def test_effective_style_without_style_is_the_category_default(write_layer):
    layer = geo.load_layer(write_layer(layer_doc("sea-lane")))
    assert layer.style == {}
    assert layer.effective_style == geo.CATEGORIES["sea-lane"].style
    layer.effective_style["stroke"] = "#000000"  # a copy: the category is not changed
    assert geo.CATEGORIES["sea-lane"].style["stroke"] != "#000000"


def test_load_layer_with_root_gives_relative_id(write_layer, tmp_path):
    path = write_layer(layer_doc(), "maritime/extra/ports.geojson")
    assert geo.load_layer(path, root=tmp_path).id == "maritime/extra/ports"
    assert geo.load_layer(path, root=tmp_path / "elsewhere").id == "ports"


def test_properties_keep_integers_the_frame_turns_to_float(write_layer):
    doc = layer_doc(
        "port", [feature("A", GWADAR, teu=5), feature("B", GWADAR | {"coordinates": [1, 1]})]
    )
    layer = geo.load_layer(write_layer(doc))
    assert layer.properties[0]["teu"] == 5
    assert isinstance(layer.properties[0]["teu"], int)


# --------------------------------------------------------------------------- load_layers


def test_load_layers_picks_up_a_file_in_a_sub_folder(write_layer, tmp_path):
    write_layer(layer_doc("port"), "maritime/ports.geojson")
    write_layer(layer_doc("corridor"), "mine/deep/er/route.geojson")
    write_layer(layer_doc("other"), "extra.json")
    layers = geo.load_layers(tmp_path)
    assert [layer.id for layer in layers] == ["extra", "maritime/ports", "mine/deep/er/route"]


def test_load_layers_skips_hidden_and_other_files(write_layer, tmp_path):
    write_layer(layer_doc(), "ports.geojson")
    write_layer("not a layer", ".hidden/broken.geojson")
    write_layer("not a layer", ".broken.geojson")
    write_layer("not a layer", "notes.txt")
    assert [layer.id for layer in geo.load_layers(tmp_path)] == ["ports"]


def test_load_layers_only_filters(write_layer, tmp_path):
    write_layer(layer_doc("port"), "a/ports.geojson")
    write_layer(layer_doc("corridor"), "b/route.geojson")
    write_layer("broken", "c/broken.geojson")  # not asked for, so not read
    layers = geo.load_layers(tmp_path, only=["b/route"])
    assert [layer.id for layer in layers] == ["b/route"]


def test_load_layers_unknown_id_names_the_known_ones(write_layer, tmp_path):
    write_layer(layer_doc("port"), "a/ports.geojson")
    with pytest.raises(geo.LayerError) as info:
        geo.load_layers(tmp_path, only=["a/ports", "a/port", "zzz"])
    assert len(info.value.problems) == 2
    assert "no layer with id 'a/port'; expected one of a/ports" in info.value.problems[0]
    assert "'zzz'" in info.value.problems[1]


def test_load_layers_reports_every_bad_file_in_one_error(write_layer, tmp_path):
    write_layer(layer_doc(), "good.geojson")
    bad1 = write_layer(b"", "bad1.geojson")
    bad2 = write_layer(layer_doc("port", [feature("X", None)]), "sub/bad2.geojson")
    with pytest.raises(geo.LayerError) as info:
        geo.load_layers(tmp_path)
    assert [p.split(": ")[0] for p in info.value.problems] == [str(bad1), str(bad2)]


def test_load_layers_strict(write_layer, tmp_path):
    write_layer(layer_doc("port", [feature("Gwadar", GWADAR)]))
    assert len(geo.load_layers(tmp_path)) == 1
    with pytest.raises(geo.LayerError, match="no 'source' property"):
        geo.load_layers(tmp_path, strict=True)


def test_load_layers_missing_folder(tmp_path):
    with pytest.raises(geo.LayerError, match="no such folder"):
        geo.load_layers(tmp_path / "nope")


@pytest.mark.data
def test_shipped_layers_load_strictly():
    layers = geo.load_layers(LAYERS_DIR, strict=True)
    ids = [
        p.relative_to(LAYERS_DIR).with_suffix("").as_posix() for p in find_layer_files(LAYERS_DIR)
    ]
    assert [layer.id for layer in layers] == ids
    assert {layer.category for layer in layers} >= {"corridor", "rail-route", "rail-node", "port"}


# --------------------------------------------------------------------------- third-party files


def test_real_null_geometry_reported_but_crs84_accepted(real_layers):
    path = real_file(real_layers, "geopandas_null_geom.geojson")
    assert "CRS84" in path.read_text(encoding="utf-8")  # the file does carry a crs member
    lines = problems_of(path)
    assert all(line.startswith(f"{path}: ") for line in lines)
    assert any(line.startswith(f"{path}: feature 0: null geometry") for line in lines)
    assert not any("crs" in line.lower() for line in lines)


def test_real_null_geometry_with_layer_members_added(real_layers, write_layer):
    doc = json.loads(real_file(real_layers, "geopandas_null_geom.geojson").read_text())
    doc.update(name="geopandas test", category="other")
    for feat in doc["features"]:
        feat["properties"]["name"] = feat["properties"].pop("Name")
    path = write_layer(doc)
    (line,) = problems_of(path)
    assert line.startswith(f"{path}: feature 0 ('Null Geometry'): null geometry")


def test_real_pygeoapi_items_load_seven_geometry_types(real_layers, write_layer):
    doc = json.loads(real_file(real_layers, "pygeoapi_items.geojson").read_text(encoding="utf-8"))
    doc.update(name="pygeoapi items", category="other")
    layer = geo.load_layer(write_layer(doc))
    assert len(layer) == len(doc["features"]) == 9
    assert set(layer.frame.geom_type) == set(SAMPLE)
    assert layer.frame.crs.to_epsg() == 4326


def test_real_pygeoapi_items_as_a_port_layer_report_every_non_point(real_layers, write_layer):
    doc = json.loads(real_file(real_layers, "pygeoapi_items.geojson").read_text(encoding="utf-8"))
    doc.update(name="pygeoapi items", category="port")
    lines = problems_of(write_layer(doc))
    assert len(lines) == 8  # all but the Point
    assert all("is not taken by this layer's category; expected Point" in x for x in lines)


def test_real_natural_earth_ports_duplicate_names_in_one_error(real_layers, write_layer):
    doc = json.loads(real_file(real_layers, "ne_10m_ports.json").read_text(encoding="utf-8"))
    doc.update(name="Natural Earth ports", category="port")
    original = copy.deepcopy(doc)
    path = write_layer(doc)
    lines = problems_of(path)
    assert len(lines) == 39
    assert all(line.startswith(f"{path}: feature ") and "duplicate name" in line for line in lines)
    piraeus = [line for line in lines if "('Piraeus')" in line]
    assert len(piraeus) == 2
    # each line points back to the first feature of that name
    for line in lines:
        index, name, first = re.search(
            r"feature (\d+) \('(.+)'\): duplicate name \(also feature (\d+)\)", line
        ).groups()
        assert original["features"][int(index)]["properties"]["name"] == name
        assert original["features"][int(first)]["properties"]["name"] == name
        assert int(first) < int(index)
