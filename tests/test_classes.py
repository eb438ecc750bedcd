"""Classed styles (geo.classes): the layer format's keys, validated; the classes as
mapclassify makes them; sizes by area; missing values in a class of their own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import mapclassify
import numpy as np
import pytest
from conftest import spec_in_page

import geo
from geo.classes import (
    MAX_RADIUS_PX,
    compute_classes,
    compute_sizes,
    layer_classes,
    layer_sizes,
    short_number,
)
from geo.format import MAX_CLASSES, PALETTES
from geo.validation import validate_file


def _layer_file(tmp_path: Path, style: dict, values: list, prop: str = "pop") -> Path:
    features = [
        {
            "type": "Feature",
            "properties": {"name": f"P{i}", **({} if v is None else {prop: v})},
            "geometry": {"type": "Point", "coordinates": [60 + i * 0.1, 40.0]},
        }
        for i, v in enumerate(values)
    ]
    doc = {"type": "FeatureCollection", "name": "Towns", "category": "other", "style": style}
    path = tmp_path / "towns.geojson"
    path.write_text(json.dumps({**doc, "features": features}), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("style", "values", "expected"),
    [
        ({"color-by": "popp"}, [1, 2], r"style 'color-by' is 'popp': no feature has a property "),
        ({"size-by": "area"}, [1, 2], r"style 'size-by' is 'area': no feature has a property"),
        (
            {"color-by": "pop", "scheme": "natural"},
            [1, "lots", 3],
            r"style 'color-by' is 'pop': feature 1 \('P1'\) has 'lots'; expected numbers for "
            r"scheme 'natural'",
        ),
        (
            {"color-by": "pop", "scheme": "quantiles"},
            [1, 2, True],
            r"feature 2 \('P2'\) has True; expected numbers for scheme 'quantiles'",
        ),
        ({"size-by": "pop"}, [1, -2], r"feature 1 \('P1'\) has -2; expected numbers, zero or"),
        ({"size-by": "pop"}, [1, "x"], r"'size-by' is 'pop': feature 1 \('P1'\) has 'x'"),
        (
            {"color-by": "pop", "classes": MAX_CLASSES + 1},
            [1, 2],
            rf"style 'classes' is {MAX_CLASSES + 1}; expected a whole number of classes from 2",
        ),
        ({"color-by": "pop", "classes": 2.5}, [1, 2], r"style 'classes' is 2.5; expected"),
        (
            {"color-by": "pop", "palette": "Bluez"},
            [1, 2],
            r"style 'palette' is 'Bluez'; expected one of 'Blues', ",
        ),
        (
            {"color-by": "pop", "scheme": "jenks"},
            [1, 2],
            r"style 'scheme' is 'jenks'; expected one of 'quantiles', 'equal', 'natural'",
        ),
        ({"color-by": "name"}, [1, 2], r"style 'color-by' is 'name'; expected the name of a prop"),
    ],
)
def test_a_classed_style_that_cannot_be_drawn_is_one_clear_error(tmp_path, style, values, expected):
    path = _layer_file(tmp_path, style, values)
    with pytest.raises(geo.LayerError) as caught:
        validate_file(path)
    lines = caught.value.problems
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}: ")
    assert len(re.findall(expected, lines[0])) == 1, lines[0]


def test_the_cli_says_it_in_one_line(tmp_path, cli):
    path = _layer_file(tmp_path, {"color-by": "pop", "scheme": "equal"}, [1, "lots"])
    status, _, err = cli("validate", path)
    assert status == 1
    assert "style 'color-by' is 'pop': feature 1 ('P1') has 'lots'" in err


def test_a_good_classed_style_loads(tmp_path):
    path = _layer_file(tmp_path, {"color-by": "pop", "size-by": "pop", "classes": 3}, [1, None, 9])
    layer = geo.load_layer(path)
    assert layer.style["color-by"] == "pop"
    classes = layer_classes(layer)
    assert classes is not None and classes.index == [0, 2, 1]  # two values: two classes
    assert classes.labels[-1] == "no value" and classes.colors[-1] == PALETTES.missing


@pytest.mark.parametrize(
    ("scheme", "classifier"),
    [
        ("quantiles", mapclassify.Quantiles),
        ("equal", mapclassify.EqualInterval),
        ("natural", mapclassify.JenksCaspall),
    ],
)
@pytest.mark.parametrize("k", [2, 5, 7])
def test_the_classes_are_mapclassifys(scheme, classifier, k):
    rng = np.random.default_rng(k)
    y = rng.lognormal(10, 2, 500)
    values: list = y.tolist()
    values[7] = None
    classes = compute_classes(values, {"color-by": "v", "scheme": scheme, "classes": k})
    present = np.delete(y, 7)
    want = classifier(present, k=k)
    assert classes.breaks == [present.min(), *want.bins.tolist()]
    assert [c for i, c in enumerate(classes.index) if i != 7] == want.yb.tolist()
    assert classes.index[7] == k  # the class of missing values, after the others
    assert len(classes.colors) == len(classes.labels) == k + 1
    assert len(set(classes.colors)) == k + 1


def test_each_value_lies_in_its_class():
    values = [0.5, 3, 3, 8, 12_000, 1_500_000, 40, 7, 2, 9]
    classes = compute_classes(values, {"color-by": "v", "scheme": "equal", "classes": 4})
    b = classes.breaks
    for v, c in zip(values, classes.index, strict=True):
        assert b[c] <= v <= b[c + 1]


def test_fewer_distinct_values_than_classes_make_fewer_classes():
    classes = compute_classes([1, 1, 2, 2, 2], {"color-by": "v", "scheme": "equal"})
    assert classes.labels == ["1 – 1.5", "1.5 – 2"]
    assert classes.index == [0, 0, 1, 1, 1]


def test_one_value_is_one_class():
    classes = compute_classes([4, 4, None], {"color-by": "v"})
    assert classes.index == [0, 0, 1] and classes.labels == ["4", "no value"]


def test_text_values_take_a_colour_each_and_the_rarest_are_other():
    room = len(PALETTES.qualitative)
    values = [f"v{k}" for k in range(room + 3) for _ in range(room + 3 - k)] + [None]
    classes = compute_classes(values, {"color-by": "kind"})
    assert classes.scheme == "categories"
    assert classes.labels == [f"v{k}" for k in range(room - 1)] + ["other", "no value"]
    assert classes.colors == [*PALETTES.qualitative[: room - 1], PALETTES.other, PALETTES.missing]
    assert classes.index[-1] == room  # no value
    assert classes.index[-2] == room - 1  # the rarest value: other
    assert classes.breaks == []


def test_few_text_values_need_no_other():
    classes = compute_classes(["b", "a", "b"], {"color-by": "kind"})
    assert classes.labels == ["b", "a"] and classes.index == [0, 1, 0]


def test_sizes_make_areas_proportional_to_values():
    values = [400, 100, 25, 0, None]
    sizes = compute_sizes(values, "v")
    assert sizes.radius[0] == MAX_RADIUS_PX
    for v, r in zip(values[:3], sizes.radius[:3], strict=True):
        assert r**2 / MAX_RADIUS_PX**2 == pytest.approx(v / 400, rel=1e-3)
    assert sizes.radius[3] == sizes.radius[4] > 0  # seen, though too small to measure
    assert [label for _, label, _ in sizes.legend] == ["400", "100", "25"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1_234_567, "1.2 M"),
        (999_999, "999,999"),
        (12_000, "12,000"),
        (35_676_000, "36 M"),
        (2.5e9, "2.5 B"),
        (120, "120"),
        (0.5, "0.5"),
        (0, "0"),
    ],
)
def test_numbers_for_people(value, text):
    assert short_number(value) == text


def test_the_sequential_palettes_are_dark_enough_to_see():
    for name in PALETTES.sequential:
        for n in range(2, MAX_CLASSES + 1):
            ramp = PALETTES.ramp(name, n)
            assert len(set(ramp)) == n
            assert ramp[-1] == PALETTES.sequential[name][-1]


def test_a_layer_made_in_python_is_checked_too():
    import geopandas as gpd
    import shapely

    frame = gpd.GeoDataFrame(
        {"name": ["a", "b"], "pop": [1, "x"]},
        geometry=[shapely.Point(0, 0), shapely.Point(1, 1)],
        crs=4326,
    )
    style = {"color-by": "pop", "scheme": "equal"}
    layer = geo.Layer("mine", "Mine", "other", None, frame, style=style)
    with pytest.raises(geo.LayerError, match=r"layer 'mine': style 'color-by' is 'pop': feature 1"):
        layer_classes(layer)
    layer.style = {"size-by": "pop"}
    with pytest.raises(geo.LayerError, match=r"'size-by' is 'pop': feature 1 \('b'\) has 'x'"):
        layer_sizes(layer)
    layer.style = {"color-by": "pop", "scheme": "categories"}
    assert layer_classes(layer).labels == ["1", "x"]


def test_colour_and_size_by_two_properties(tmp_path, cli):
    """color-by and size-by on different properties: each checked against its own."""
    path = tmp_path / "layers" / "towns.geojson"
    path.parent.mkdir()
    features = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [60 + i, 40]},
         "properties": {"name": f"T{i}", "kind": "ab"[i % 2], "pop": 10**i}}
        for i in range(5)
    ]  # fmt: skip
    path.write_text(json.dumps({
        "type": "FeatureCollection", "name": "Towns", "category": "other",
        "style": {"color-by": "kind", "scheme": "categories", "size-by": "pop"},
        "features": features,
    }), encoding="utf-8")  # fmt: skip
    status, _, err = cli("build", "--layers", path.parent, "-o", tmp_path / "map.html")
    assert (status, err) == (0, "")
    layer = geo.load_layer(path)
    assert layer_classes(layer).labels == ["a", "b"]
    assert len(layer_sizes(layer).radius) == 5


def _classed_layer(style: dict) -> geo.Layer:
    import geopandas as gpd
    import shapely

    values = [10, 200, 3_000, 40_000, 500_000, 6_000_000, None]
    frame = gpd.GeoDataFrame(
        {"name": [f"P{i}" for i in range(len(values))], "pop": values},
        geometry=[shapely.Point(60 + 3 * i, 40) for i in range(len(values))],
        crs=4326,
    )
    return geo.Layer("towns", "Towns", "other", None, frame, style=style)


def test_the_print_map_draws_each_class_and_its_legend(tmp_path):
    pytest.importorskip("matplotlib")
    from matplotlib.colors import to_hex

    from geo import plot

    layer = _classed_layer({"color-by": "pop", "size-by": "pop", "classes": 3})
    classes, sizes = layer_classes(layer), layer_sizes(layer)
    fig = plot.plot_map([layer], tmp_path / "towns.png")
    from matplotlib.collections import PathCollection

    drawn: dict[str, list[float]] = {}  # the points' areas (points²), by face colour
    for coll in fig.axes[0].collections:
        if isinstance(coll, PathCollection) and len(coll.get_facecolors()) == 1:
            drawn.setdefault(to_hex(coll.get_facecolors()[0]), []).extend(coll.get_sizes())
    assert set(classes.colors) <= set(drawn)
    areas = sorted(a for some in drawn.values() for a in some)
    want = sorted(r**2 for r in sizes.radius)  # areas in proportion to the page's
    assert [x / areas[-1] for x in areas] == pytest.approx([w / want[-1] for w in want], rel=1e-6)
    texts = [t.get_text().strip() for t in fig.legends[0].get_texts()]
    assert texts[1:] == classes.labels + [label for _, label, _ in sizes.legend]


def test_the_print_maps_sizes_are_the_pages():
    pytest.importorskip("matplotlib")
    from geo import plot

    layer = _classed_layer({"size-by": "pop"})
    entries = plot.class_entries(layer)
    assert [r for _, _, r in entries] == [r for _, _, r in layer_sizes(layer).legend]


def test_the_notebook_table_names_the_scheme():
    from geo._repr import layer_html

    html = layer_html(_classed_layer({"color-by": "pop", "scheme": "natural", "palette": "Reds"}))
    assert "colour by</th>" in html and "pop: natural, 5 classes, Reds" in html
    html = layer_html(_classed_layer({"color-by": "name", "size-by": "pop"}))
    assert "name: categories (a colour a value)" in html
    assert "pop (area proportional to the value)" in html


def _towns_folder(tmp_path: Path) -> Path:
    """A layers folder of one layer of towns with a population and an opening year."""
    path = tmp_path / "layers" / "towns.geojson"
    path.parent.mkdir()
    features = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [60 + i, 40]},
         "properties": {"name": f"T{i}", "pop": 10**i, "start_year": 2011 + 2 * i}}
        for i in range(6)
    ]  # fmt: skip
    doc = {"type": "FeatureCollection", "name": "Towns", "category": "other"}
    path.write_text(json.dumps({**doc, "features": features}), encoding="utf-8")
    return path.parent


def test_build_restyles_one_layer_for_one_map_and_leaves_its_file(tmp_path, cli):
    folder = _towns_folder(tmp_path)
    before = (folder / "towns.geojson").read_bytes()
    page = tmp_path / "map.html"
    argv = ["build", "--layers", folder, "-o", page, "--restyle", "towns"]
    status, _, err = cli(*argv, "--color-by", "pop", "--classes", "3", "--unit", "people")
    assert (status, err) == (0, "")
    (drawn,) = spec_in_page(page.read_text(encoding="utf-8"))["layers"]
    assert drawn["classes"]["by"] == "pop" and len(drawn["classes"]["colors"]) == 3
    assert all(label.endswith(" people") for label in drawn["classes"]["labels"])
    assert (folder / "towns.geojson").read_bytes() == before


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--color-by", "pop"], "Expected --restyle ID with --color-by"),
        (["--restyle", "nope", "--color-by", "pop"], "--restyle: expected one of the map's"),
        (["--restyle", "towns"], "Expected --color-by or --size-by with --restyle"),
        (["--restyle", "towns", "--color-by", "area"], "no feature has a property 'area'"),
        (["--restyle", "towns", "--size-by", "pop", "--unit", "<b>"], "Expected unit to be"),
        (["--restyle", "towns", "--unit", "km"], "Expected color_by or size_by with unit"),
    ],
)
def test_build_restyle_refuses_in_one_line(tmp_path, cli, argv, words):
    folder = _towns_folder(tmp_path)
    status, _, err = cli("build", "--layers", folder, "-o", tmp_path / "map.html", *argv)
    assert status == 1 and words in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "map.html").exists()


def test_years_read_as_years_in_the_legend(tmp_path):
    layer = geo.load_layer(_towns_folder(tmp_path) / "towns.geojson")
    layer.style = {"color-by": "start_year", "classes": 2}
    assert layer_classes(layer).labels == ["2011 – 2016", "2016 – 2021"]
    layer.style = {"color-by": "pop", "classes": 2}
    assert layer_classes(layer).labels == ["1 – 550", "550 – 100,000"]


def test_import_writes_the_unit(tmp_path, cli):
    src = _towns_folder(tmp_path) / "towns.geojson"
    dest = tmp_path / "out" / "towns.geojson"
    status, _, err = cli("import", src, "-o", dest, "--size-by", "pop", "--unit", "people")
    assert status == 0, err
    assert geo.load_layer(dest).style == {"size-by": "pop", "unit": "people"}


def test_the_print_map_draws_large_points_under_small_ones():
    from matplotlib.collections import PathCollection

    layer = _classed_layer({"color-by": "pop", "classes": 3, "size-by": "pop"})
    assert layer.frame["pop"].iloc[0] < layer.frame["pop"].iloc[1]  # small ones first in the file
    fig = geo.plot_map([layer])
    drawn = [c for c in fig.axes[0].collections if isinstance(c, PathCollection)]
    assert len(drawn) >= 3  # a scatter per class
    for points in drawn:  # within one: largest first
        sizes = list(points.get_sizes())
        assert sizes == sorted(sizes, reverse=True)
    # across them: the one of smaller points above
    by_size = sorted(drawn, key=lambda c: float(np.median(c.get_sizes())))
    assert [c.get_zorder() for c in by_size] == sorted(
        (c.get_zorder() for c in by_size), reverse=True
    )
