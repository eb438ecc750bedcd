"""A Layer in Jupyter (``_repr_html_``) and at the prompt (``repr``): small, escaped, true."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import geopandas as gpd
import pytest
from hostile import HOSTILE, make_hostile_layers
from shapely import LineString, Point

import geo

ROOT = Path(__file__).resolve().parents[1]


class _Cells(HTMLParser):
    """The text of every table cell, and every tag and attribute seen."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.tags: set[str] = set()
        self.attrs: set[str] = set()
        self._open = False

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.update(name for name, _ in attrs)
        if tag in ("td", "th"):
            self._open = True
            self.cells.append("")

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._open = False

    def handle_data(self, data):
        if self._open:
            self.cells[-1] += data


def cells(markup: str) -> _Cells:
    parser = _Cells()
    parser.feed(markup)
    parser.close()
    return parser


def facts(markup: str) -> dict[str, str]:
    """The first table's rows as {label: value}."""
    first = markup.split("</table>", 1)[0]
    found = cells(first).cells
    return dict(zip(found[::2], found[1::2], strict=True))


def _layer(category: str, geoms: list, names: list[str], **columns) -> geo.Layer:
    frame = gpd.GeoDataFrame({"name": names, **columns}, geometry=geoms, crs=4326)
    return geo.Layer("user/demo", "Demo layer", category, None, frame, source="my survey")


def test_an_empty_layer():
    layer = _layer("port", [], [])
    markup = layer._repr_html_()
    shown = facts(markup)
    assert shown["features"] == "0" and shown["geometry"] == "none"
    assert "line length" not in shown
    assert markup.count("<table>") == 1  # no feature rows to show
    assert repr(layer) == "Layer('user/demo', 'Demo layer', category='port', features=0)"


def test_a_point_layer_shows_no_length_and_its_first_rows():
    names = [f"Port {i}" for i in range(8)]
    layer = _layer("port", [Point(i, i) for i in range(8)], names, role=["hub"] * 8)
    markup = layer._repr_html_()
    shown = facts(markup)
    assert shown["features"] == "8" and shown["geometry"] == "Point × 8"
    assert shown["category"] == "port (Port)" and shown["source"] == "my survey"
    assert "line length" not in shown
    rows = cells(markup.split("</table>", 1)[1]).cells
    assert rows[:2] == ["name", "role"]
    assert rows[2:4] == ["Port 0", "hub"] and "Port 4" in rows and "Port 5" not in rows
    assert "… and 3 more feature(s)" in markup


def test_a_line_layer_shows_its_geodesic_length():
    lines = [LineString([(0, 0), (1, 0)]), LineString([(0, 0), (0, 1)]), None]
    layer = _layer("corridor", lines, ["a", "b", "c"], countries=[["CHN", "PAK"], None, None])
    shown = facts(layer._repr_html_())
    total = geo.geodesic_length(layer.frame).sum()
    assert total == pytest.approx(111.319 + 110.574, abs=0.01)
    assert shown["line length"] == f"{total:,.1f} km (WGS84 geodesic)"
    assert shown["geometry"] == "LineString × 2, None × 1"
    rows = cells(layer._repr_html_().split("</table>", 1)[1]).cells
    assert rows[:3] == ["name", "countries", "km"]
    assert rows[3:6] == ["a", "CHN, PAK", "111.3"]
    assert rows[-3:] == ["c", "", ""]  # no geometry: no length


def test_a_shipped_layer(shipped):
    cpec = shipped["corridors/cpec"]
    shown = facts(cpec._repr_html_())
    assert shown["id"] == "corridors/cpec"
    km = float(geo.geodesic_length(cpec.frame).sum())
    assert shown["line length"] == f"{km:,.1f} km (WGS84 geodesic)"
    assert 3_000 < km < 4_500
    assert "via" not in cells(cpec._repr_html_()).cells  # nested nodes are left out


def test_hostile_names_properties_and_ids_are_text(tmp_path):
    root = make_hostile_layers(tmp_path / "layers")
    (root / "<b>x\x1b[2J.geojson").write_text(
        (root / "user" / "points.geojson").read_text(encoding="utf-8"), encoding="utf-8"
    )
    for layer in geo.load_layers(root):
        markup = layer._repr_html_()
        parsed = cells(markup)
        assert parsed.tags <= {"div", "table", "tr", "th", "td", "p"}
        assert parsed.attrs <= {"class", "style"}
        assert "<img" not in markup and "<script" not in markup and "\x1b" not in markup
        text = " ".join(parsed.cells)
        assert HOSTILE in html.unescape(markup) or "<b>x" in text
        assert re.search(r"<(?!/?(div|table|tr|th|td|p)\b)", markup) is None
        assert "\n" not in repr(layer) and "\x1b" not in repr(layer)
    (odd,) = [layer for layer in geo.load_layers(root) if layer.id.startswith("<b>")]
    assert facts(odd._repr_html_())["id"] == "<b>x\\x1b[2J"
    assert repr(odd).startswith("Layer('<b>x\\x1b[2J', ")
