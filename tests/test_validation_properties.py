"""Properties with a meaning of their own, and values no map can show (found in review)."""

from __future__ import annotations

import json

import pytest
from shapely import LineString

import geo

LINE = {"type": "LineString", "coordinates": [[60.0, 40.0], [70.0, 42.0]]}
NODES = [{"name": "A", "lon": 60.0, "lat": 40.0}, {"name": "B", "lon": 70.0, "lat": 42.0}]


def layer_text(props: dict | str, geometry=LINE, category="corridor") -> str:
    props_text = props if isinstance(props, str) else json.dumps(props)
    return (
        f'{{"type": "FeatureCollection", "name": "T", "category": "{category}", "features": '
        f'[{{"type": "Feature", "properties": {props_text}, "geometry": {json.dumps(geometry)}}}]}}'
    )


def problems(tmp_path, text: str) -> list[str]:
    path = tmp_path / "t.geojson"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(geo.LayerError) as info:
        geo.validate_file(path)
    return info.value.problems


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        ({"name": "a", "countries": [["CHN"], None]}, "ISO 3166-1 alpha-3"),
        ({"name": "a", "countries": ["China"]}, "ISO 3166-1 alpha-3"),
        ({"name": "a", "countries": "CHN"}, "ISO 3166-1 alpha-3"),
        ({"name": "a", "via": [{"name": 5, "lon": 0, "lat": 0}]}, "via[0] has no text 'name'"),
        ({"name": "a", "via": [{"name": "X", "lon": 500, "lat": 0}]}, "via[0] ('X') has lon 500"),
        ({"name": "a", "via": "Kashgar"}, "'via' is str"),
        ({"name": "a", "via": ["Kashgar"]}, "via[0] is str"),
        ({"name": "a", "published_length_km": 0}, "expected a number of km > 0"),
        ({"name": "a", "published_length_km": -5}, "expected a number of km > 0"),
        ({"name": "a", "published_length_km": True}, "expected a number of km > 0"),
        ({"name": "a", "published_length_km": "100"}, "expected a number of km > 0"),
        ({"name": "a", "published_length_year": "2019"}, "expected a year like 2018"),
        ({"name": "a", "figures": [{"label": "x", "value": 1, "year": 2019, "source": "s",
                                    "unit": {"a": 1}}]}, "unit is dict; expected text"),
    ],
)  # fmt: skip
def test_meaningful_properties_are_checked(tmp_path, props, expected):
    (line,) = problems(tmp_path, layer_text(props))
    assert expected in line
    assert "feature 0 ('a')" in line


def test_huge_integers_are_reported_not_crashed_on(tmp_path):
    huge = "1" + "0" * 400
    text = layer_text(f'{{"name": "a", "x": {huge}, "published_length_km": {huge}}}')
    lines = problems(tmp_path, text)
    assert any("property 'x' holds a number too large" in line for line in lines)
    assert any("published_length_km" in line for line in lines)
    coords = {"type": "LineString", "coordinates": [[int(huge), 0], [1, 1]]}
    (line,) = problems(tmp_path, layer_text({"name": "b"}, coords))
    assert "a number too large" in line


def test_integer_of_5000_digits_is_a_json_problem(tmp_path):
    (line,) = problems(tmp_path, layer_text('{"name": "a", "x": ' + "1" * 5000 + "}"))
    assert "more than 4,300 digits" in line
    assert line.startswith(str(tmp_path / "t.geojson"))


@pytest.mark.parametrize(
    ("levels", "expected"),
    [(40, "feature 0 ('a'): property 'x' nests more than 32 levels"), (400, "nested too deeply")],
)
def test_deeply_nested_property(tmp_path, levels, expected):
    value: object = 1
    for _ in range(levels):
        value = [value]
    (line,) = problems(tmp_path, layer_text({"name": "a", "x": value}))
    assert expected in line


def test_unpaired_surrogate(tmp_path):
    (line,) = problems(tmp_path, layer_text('{"name": "a", "note": "\\ud800"}'))
    assert "unpaired surrogate" in line
    # a proper pair (an emoji written as two escapes) is fine
    path = tmp_path / "ok.geojson"
    path.write_text(layer_text('{"name": "a", "note": "\\ud83d\\ude80"}'), encoding="utf-8")
    geo.validate_file(path)


def test_shipped_style_of_meaningful_properties_passes(tmp_path):
    props = {"name": "a", "via": NODES, "countries": ["CHN", "PAK"], "published_length_km": 99.5,
             "published_length_year": 2019}  # fmt: skip
    path = tmp_path / "ok.geojson"
    path.write_text(layer_text(props), encoding="utf-8")
    assert len(geo.load_layer(path)) == 1


def test_mixed_2d_and_3d_positions_load(tmp_path):
    coords = {"type": "LineString", "coordinates": [[0, 0, 5], [10, 0]]}
    path = tmp_path / "mixed.geojson"
    path.write_text(layer_text({"name": "a"}, coords), encoding="utf-8")
    layer = geo.load_layer(path)
    line = layer.frame.geometry.iloc[0]
    assert isinstance(line, LineString)
    assert geo.geodesic_length(line) == pytest.approx(1113.19, abs=0.01)
