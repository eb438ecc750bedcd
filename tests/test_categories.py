"""geo/data/categories.toml and symbols.toml: checked when read, and what the map, the
plot and routing take from a category's definition (not from its name)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import geo
from geo import format as layer_format
from geo.format import CATEGORIES, SYMBOLS, LayerError, read_categories, read_symbols

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "geo" / "data"
SHIPPED = DATA / "categories.toml"
SYMBOLS_LIST = "circle, square, diamond, triangle"


def broken_copy(tmp_path: Path, old: str, new: str, name: str = "categories.toml") -> Path:
    """A copy of a shipped data file with one edit."""
    text = (DATA / name).read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_the_shipped_categories_read_clean():
    assert read_categories(SHIPPED) == dict(CATEGORIES)
    assert list(SYMBOLS) == ["circle", "square", "diamond", "triangle"]
    assert all(c.marker in SYMBOLS for c in CATEGORIES.values())


def test_what_a_category_says_of_itself():
    assert [k for k, c in CATEGORIES.items() if c.port] == ["port"]
    lanes = ("sea-lane", "seasonal-sea-lane")
    assert all(CATEGORIES[k].units == ("km", "nmi") for k in lanes)
    assert {c.units for k, c in CATEGORIES.items() if k not in lanes} == {("km",)}


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            'marker = "circle"\nstyle = { marker-color = "#1f618d" }',
            'marker = "stra"\nstyle = { marker-color = "#1f618d" }',
            "category 'port': marker 'stra' is not a marker symbol; expected one of "
            + SYMBOLS_LIST,
        ),
        (
            "stroke-width = 4,",
            "strok-width = 4,",
            "category 'corridor': style 'strok-width' is not a style key; expected one of "
            "classes, color-by, dash-array, fill, fill-opacity, marker-color, marker-size, "
            "marker-symbol, palette, scheme, size-by, stroke, stroke-opacity, stroke-width, unit",
        ),
        (
            "stroke-width = 4,",
            "stroke-width = -4,",
            "category 'corridor': style 'stroke-width' is -4; expected a number of px from 0 "
            "to 100",
        ),
        (
            'stroke = "#6c3483"',
            'stroke = "purple"',
            "category 'rail-route': style 'stroke' is 'purple'; expected a colour like '#1f618d'",
        ),
        (
            '"border crossing" = "diamond"',
            '"border crossing" = "dimond"',
            "category 'rail-node': role_markers 'border crossing': 'dimond' is not a marker "
            f"symbol; expected one of {SYMBOLS_LIST}",
        ),
        (
            'colors = { "rail/routes" = "#5b2c6f" }\npalette = ["#9e094a"',
            'colors = { "rail/routes" = "#5b2c6f" }\npalette = ["#9e094"',
            "category 'rail-route': palette is ['#9e094', '#3d4c09', '#9f87b9', '#9c744c', "
            "'#04563e', '#c57e7c']; expected a list of colours like '#1f618d'",
        ),
        (
            'colors = { "rail/routes" = "#5b2c6f" }',
            'colors = { "rail/routes" = "purple" }',
            "category 'rail-route': colors is {'rail/routes': 'purple'}; expected a table of "
            "layer id = colour like '#1f618d'",
        ),
        (
            'noun = ["service", "services"]',
            'noun = ["service"]',
            "category 'rail-route': noun is ['service']; expected [one, many], like "
            '["service", "services"]',
        ),
        (
            'count = "length"',
            'count = "km"',
            "category 'corridor': count is 'km'; expected 'features' or 'length'",
        ),
        (  # a user's layer would take the colour of a shipped layer of its group
            'colors = { "rail/terminals" = "#6c3483" }\npalette = ["#9e094a"',
            'colors = { "rail/terminals" = "#6c3483" }\npalette = ["#5B2C6F"',
            "category 'rail-node': palette has '#5B2C6F', a colour of a shipped layer of the "
            "group 'China–Europe rail'; expected colours no shipped layer of it uses",
        ),
        (
            'units = ["km", "nmi"]',
            'units = ["km", "nm"]',
            "category 'sea-lane': units has 'nm'; expected units: m, km, mi, nmi",
        ),
        (
            "port = true",
            'port = "yes"',
            "category 'port': port is 'yes'; expected true or false",
        ),
        (
            "first_view = false\nport",
            "frist_view = false\nport",
            "category 'port': unknown key 'frist_view'; expected one of title, group, "
            "geometry_types, marker, role_markers, style, colors, palette, noun, count, "
            "first_view, units, port",
        ),
        (
            'geometry_types = ["Point"]\nmarker = "circle"',
            'geometry_types = ["Pt"]\nmarker = "circle"',
            "category 'port': geometry_types has 'Pt'; expected GeoJSON geometry types: Point, "
            "MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection",
        ),
        (
            'title = "Port"\n',
            "",
            "category 'port': title is missing; expected it",
        ),
    ],
)
def test_a_typo_stops_with_one_line_naming_file_category_and_value(tmp_path, old, new, problem):
    path = broken_copy(tmp_path, old, new)
    with pytest.raises(LayerError) as caught:
        read_categories(path)
    assert caught.value.problems == [f"{path}: {problem}"]


def test_every_problem_is_named_at_once(tmp_path):
    path = broken_copy(tmp_path, 'marker = "square"', 'marker = "stra"')
    path.write_text(path.read_text().replace("first_view = false", "first_view = 0"))
    with pytest.raises(LayerError) as caught:
        read_categories(path)
    assert [p.split(": ")[1] for p in caught.value.problems] == [
        "category 'rail-route'",
        "category 'port'",
        "category 'sea-lane'",
        "category 'seasonal-sea-lane'",
        "category 'submarine-cable'",
        "category 'country'",
    ]
    assert all("\n" not in p for p in caught.value.problems)


def test_a_file_that_is_not_toml_is_one_line(tmp_path):
    path = broken_copy(tmp_path, "[port]", "[port")
    with pytest.raises(LayerError) as caught:
        read_categories(path)
    (line,) = caught.value.problems
    assert line.startswith(f"{path}: not valid TOML (") and line.endswith("expected TOML tables")


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("circle = true", "circle = 1", "symbol 'circle': circle must be true"),
        (
            "polygon = [[0, -1.25], [1.25, 1], [-1.25, 1]]",
            "polygon = [[0, -1.25], [1.25, 1]]",
            "symbol 'triangle': polygon is [[0, -1.25], [1.25, 1]]; expected at least 3 "
            "vertices [x, y] of numbers",
        ),
        (
            "[square]\npolygon",
            "[square]\npolgon",
            "symbol 'square': expected a table with either circle = true or "
            "polygon = [[x, y], ...]",
        ),
    ],
)
def test_a_broken_symbol_stops_with_one_line(tmp_path, old, new, problem):
    path = broken_copy(tmp_path, old, new, "symbols.toml")
    with pytest.raises(LayerError) as caught:
        read_symbols(path)
    assert caught.value.problems == [f"{path}: {problem}"]


def test_a_new_symbol_is_one_table_in_symbols_toml(tmp_path):
    path = broken_copy(
        tmp_path, "[circle]", "[cross]\npolygon = [[-1, -0.3], [1, -0.3], [0, 1]]\n\n[circle]",
        "symbols.toml",
    )  # fmt: skip
    symbols = read_symbols(path)
    assert symbols["cross"].spec() == {"polygon": [[-1.0, -0.3], [1.0, -0.3], [0.0, 1.0]]}
    assert symbols["cross"].extent == 1.0


@pytest.fixture
def package_copy(tmp_path) -> Path:
    """A copy of the package (its data files to break), importable from tmp_path."""
    shutil.copytree(
        Path(geo.__file__).parent, tmp_path / "geo", ignore=shutil.ignore_patterns("__pycache__")
    )
    return tmp_path


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "geo", *args],
        cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def test_cli_build_with_a_broken_categories_file_is_one_line(package_copy):
    categories = package_copy / "geo" / "data" / "categories.toml"
    categories.write_text(
        categories.read_text().replace('marker = "circle"\nstyle = { marker-color', 'marker = '
                                       '"stra"\nstyle = { marker-color'),
    )  # fmt: skip
    out = package_copy / "map.html"
    done = run_cli(package_copy, "build", "--layers", str(ROOT / "layers"), "-o", str(out))
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"corridors: error: {categories}: category 'port': marker 'stra' is not a marker "
        f"symbol; expected one of {SYMBOLS_LIST}"
    ]
    assert not out.exists()


def test_cli_with_a_broken_symbols_file_is_one_line(package_copy):
    symbols = package_copy / "geo" / "data" / "symbols.toml"
    symbols.write_text(symbols.read_text().replace("circle = true", "circle = false"))
    done = run_cli(package_copy, "lengths", "--layers", str(ROOT / "layers"))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"corridors: error: {symbols}: symbol 'circle': circle must be true"
    ]


def test_tables_are_read_when_first_used_not_on_import():
    table = layer_format.DataTable(lambda: read_categories(Path("no such file.toml")))
    with pytest.raises(LayerError, match=r"no such file\.toml: cannot be read"):
        len(table)
