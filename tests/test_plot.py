"""The map for print: projection cut at the seam, the categories' looks, legend, sources,
formats and byte-identical output."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from hostile import HOSTILE, write_layer
from matplotlib.collections import LineCollection
from matplotlib.colors import to_hex
from pyproj import Transformer
from shapely import LineString, Point, Polygon

import geo
from geo import basemap, plot
from geo.cli import main
from geo.format import STATUSES, SYMBOLS
from geo.mapspec import order_layers
from geo.style import feature_statuses, layer_colours, layer_style

ROOT = Path(__file__).resolve().parents[1]
#: Half the width of the Equal Earth world at the equator, metres.
HALF_WIDTH = Transformer.from_crs(4326, plot.plot_crs(0), always_xy=True).transform(180, 0)[0]


@pytest.fixture(scope="module")
def shipped_figure(shipped_layers):
    return plot.plot_map(shipped_layers)


def _longest_step(geoms) -> float:
    """The longest x step between two positions of one part, metres."""
    longest = 0.0
    for geom in geoms:
        if geom is None or geom.is_empty:
            continue
        for part in shapely.get_parts(geom):
            rings = [part.exterior, *part.interiors] if part.geom_type == "Polygon" else [part]
            for ring in rings:
                x = shapely.get_coordinates(ring)[:, 0]
                if len(x) > 1:
                    longest = max(longest, float(np.abs(np.diff(x)).max()))
    return longest


@pytest.mark.parametrize("lon_0", [85.0, -150.0])
def test_nothing_crosses_the_seam(lon_0):
    """No step of land, borders or a Pacific lane jumps across the map (a smear)."""
    outline, land, borders = plot._projected_basemap(lon_0)
    lane = plot.project([LineString([(121.47, 31.23), (-77.27, -11.58)])], lon_0=lon_0)
    for geoms in ([land], [borders], lane):
        assert _longest_step(geoms) < 0.1 * HALF_WIDTH
    # the land keeps its area (Equal Earth is equal-area): nothing lost at the cut
    reference = plot._projected_basemap(85.0)[1].area
    assert land.area == pytest.approx(reference, rel=1e-3)
    assert land.difference(outline).area < 1e-4 * land.area  # inside the world's edge


def test_a_pacific_lane_is_cut_on_its_geodesic_at_the_seam(tmp_path, pacific_layers):
    (layer,) = geo.load_layers(pacific_layers)
    (cut,) = plot.project(layer.geometries())
    assert cut.geom_type == "MultiLineString" and len(cut.geoms) == 2
    back = Transformer.from_crs(plot.plot_crs(plot.LON_0), 4326, always_xy=True)
    pieces = [np.column_stack(back.transform(*np.asarray(p.coords).T)) for p in cut.geoms]
    # Shanghai east to the map's right edge, then from its left edge on to Chancay
    assert pieces[0][0] == pytest.approx([121.47, 31.23], abs=1e-6)
    assert pieces[1][-1] == pytest.approx([-77.27, -11.58], abs=1e-6)
    seam = plot.LON_0 - 180
    assert pieces[0][-1][0] == pytest.approx(seam, abs=1e-6)
    assert pieces[1][0][0] == pytest.approx(seam, abs=1e-6)
    assert pieces[0][-1][1] == pytest.approx(pieces[1][0][1], abs=1e-9)
    assert cut.geoms[0].coords[-1][0] > 0.99 * HALF_WIDTH * 0.8 > 0 > cut.geoms[1].coords[0][0]
    # back in degrees the pieces have the lane's geodesic length: the cut is on it
    total = sum(geo.geodesic_length(LineString(p)) for p in pieces)
    assert total == pytest.approx(geo.geodesic_length(layer.frame).iloc[0], rel=1e-6)


def test_the_shipped_layers_in_their_categories_looks(shipped_figure, shipped_layers):
    (ax,) = shipped_figure.axes
    legend = shipped_figure.legends[0]
    ordered = order_layers(shipped_layers)
    texts = [t.get_text() for t in legend.get_texts()]
    assert texts[: len(ordered)] == [layer.name for layer in ordered]
    # then the statuses the shipped layers' features have, in the vocabulary's order
    present = {key for layer in ordered for key in feature_statuses(layer) or () if key}
    assert {"operating", "suspended", "unknown"} <= present
    assert texts[len(ordered) :] == [
        f"Status: {STATUSES[key].label}" for key in STATUSES if key in present
    ]
    by_id = layer_colours(ordered)
    colours = []
    for layer in ordered:
        style = layer_style(layer, by_id[layer.id])
        colours.append(style["color"] if CATEGORY_LINE[layer.category] else style["markerColor"])
    drawn = [
        to_hex(h.get_color() if CATEGORY_LINE[layer.category] else h.get_markerfacecolor())
        for h, layer in zip(legend.legend_handles, ordered, strict=False)
    ]
    assert drawn == [c.lower() for c in colours]
    lines = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert {to_hex(c.get_color()[0]) for c in lines} >= {c.lower() for c in colours[:6]}
    sea = next(c for c in lines if to_hex(c.get_color()[0]) == "#2e86c1")
    assert sea.get_linestyle()[0][1] is not None  # dashed, as categories.toml says


CATEGORY_LINE = {key: cat.is_line for key, cat in geo.CATEGORIES.items()}


@pytest.mark.parametrize(
    ("layer_id", "symbol"),
    [("maritime/ports", "circle"), ("rail/terminals", "square"), ("projects/ports", "triangle")],
)
def test_point_symbols_are_the_shapes_of_symbols_toml(
    shipped_figure, layer_id, symbol, shipped_layers, shipped
):
    legend = shipped_figure.legends[0]
    ordered = order_layers(shipped_layers)
    handle = legend.legend_handles[[layer.id for layer in ordered].index(layer_id)]
    shape = SYMBOLS[symbol]
    marker = handle.get_marker()
    if shape.polygon is None:
        assert marker == "o"
        return
    # the polygon of geo/data/symbols.toml (y up on paper), sized to reach as far as on the
    # web map: a triangle's corners lie 1.25 radii from its point
    assert marker.vertices[:-1].tolist() == [[x, -y] for x, y in shape.polygon]
    layer = shipped[layer_id]
    size = 2 * layer_style(layer)["radius"] * plot.MARKER_PT_PER_PX
    assert handle.get_markersize() == pytest.approx(size * shape.extent)


def test_title_and_sources_line(shipped_figure, shipped):
    texts = [t.get_text() for t in shipped_figure.texts]
    assert plot.DEFAULT_TITLE in texts
    sources = next(t for t in texts if t.startswith("Sources:")).replace("\n", " ")
    assert "Natural Earth 1:50m (public domain)" in sources
    assert "© OpenStreetMap contributors (ODbL)" in sources  # the rail lines
    assert "GeoNames" in sources and "searoute" in sources
    # no OSM-derived layer drawn: no credit; a corridor routed on OSM's roads: the credit
    assert "© OpenStreetMap" not in plot.credits_line([shipped["maritime/sea_lanes"]])
    assert "© OpenStreetMap" in plot.credits_line([shipped["corridors/cpec"]])


def test_the_figure_is_a4_wide_and_the_legend_inside_it(shipped_figure):
    assert shipped_figure.get_size_inches()[0] == pytest.approx(8.27)
    renderer = shipped_figure.canvas.get_renderer()
    box = shipped_figure.legends[0].get_window_extent(renderer)
    page = shipped_figure.bbox
    assert box.x0 >= page.x0 and box.x1 <= page.x1 and box.y0 >= page.y0
    for text in shipped_figure.texts:
        extent = text.get_window_extent(renderer)
        assert extent.x0 >= page.x0 - 1 and extent.x1 <= page.x1 + 1


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_two_runs_write_the_same_bytes(tmp_path, fmt, shipped):
    one = plot.plot_map([shipped["corridors/cpec"]], tmp_path / f"a.{fmt}").canvas.figure
    plot.plot_map([shipped["corridors/cpec"]], tmp_path / f"b.{fmt}")
    a, b = (tmp_path / f"a.{fmt}").read_bytes(), (tmp_path / f"b.{fmt}").read_bytes()
    assert a == b
    assert a[:8] == {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<?xml ve", "pdf": b"%PDF-1.4"}[fmt]
    assert b"CreationDate" not in a and b"<dc:date>" not in a and b"Matplotlib v" not in a
    assert one.get_size_inches()[0] == pytest.approx(8.27)


@pytest.mark.parametrize("name", ["map.jpg", "map", "map.png.txt"])
def test_other_suffixes_are_refused(tmp_path, name, capsys, shipped):
    with pytest.raises(ValueError, match=r"Expected a file ending in \.png, \.svg or \.pdf"):
        plot.plot_map([shipped["corridors/cpec"]], tmp_path / name)
    argv = ["plot", "--layers", str(ROOT / "layers"), "-o", str(tmp_path / name)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert (
        err.startswith("corridors plot: error: Expected a file ending in") and err.count("\n") == 1
    )
    assert list(tmp_path.iterdir()) == []


def test_without_matplotlib_the_message_names_the_extra(monkeypatch, shipped):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ValueError, match=r"needs matplotlib.*pip install -e '\.\[plot\]'") as info:
        plot.plot_map([shipped["corridors/cpec"]])
    assert isinstance(info.value, geo.MissingExtra)  # one error for every missing extra


def test_hostile_names_are_text(tmp_path):
    root = tmp_path / "layers"
    write_layer(root / "odd.geojson", {
        "type": "FeatureCollection", "name": f"$\\frac{{1}}{{0}}$ {HOSTILE}\x1b[2J\nX",
        "category": "other",
        "features": [
            {"type": "Feature", "properties": {"name": "a", "role": "border crossing"},
             "geometry": {"type": "Point", "coordinates": [70, 40]}},
            {"type": "Feature", "properties": {"name": "b"},
             "geometry": {"type": "Polygon",
                          "coordinates": [[[-100, 20], [-90, 20], [-90, 30], [-100, 20]]]}},
            {"type": "Feature", "properties": {"name": "c"},
             "geometry": {"type": "GeometryCollection", "geometries": [
                 {"type": "LineString", "coordinates": [[60, 40], [70, 45]]}]}}]})  # fmt: skip
    (layer,) = geo.load_layers(root)
    layer.style["dash-array"] = "evil"  # the reader refuses it; a layer made in Python may not
    with pytest.warns(geo.LayerWarning, match="dash-array 'evil' drawn solid: it is not numbers"):
        fig = plot.plot_map([layer], tmp_path / "odd.svg")
    (label,) = [t.get_text() for t in fig.legends[0].get_texts()]
    assert label.startswith("$\\frac{1}{0}$ <img") and "\\x1b[2J\\nX" in label
    assert "<img" not in (tmp_path / "odd.svg").read_text(encoding="utf-8")  # text as paths


def test_an_empty_selection_draws_the_world(tmp_path):
    frame = gpd.GeoDataFrame({"name": []}, geometry=[], crs=4326)
    fig = plot.plot_map([geo.Layer("x", "X", "port", None, frame)], tmp_path / "w.png")
    (ax,) = fig.axes
    assert ax.get_xlim()[1] - ax.get_xlim()[0] >= 2 * HALF_WIDTH * 0.99


def test_points_polygons_and_the_poles_project():
    point, box, pole = plot.project(
        [Point(85, 0), Polygon([(-100, 20), (-90, 20), (-90, 30)]), Point(0, -90)]
    )
    assert point.coords[0] == pytest.approx((0.0, 0.0), abs=1e-6)
    assert box.geom_type == "MultiPolygon" and len(box.geoms) == 2  # cut at -95°
    assert pole.y < 0 and basemap.land().geom_type == "MultiPolygon"


def test_cli_plot_writes_the_file_and_standard_output(tmp_path, capsys, monkeypatch):
    out = tmp_path / "map.pdf"
    argv = ["plot", "--layers", str(ROOT / "layers"), "--only", "corridors/cpec"]
    assert main([*argv, "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert out.read_bytes()[:5] == b"%PDF-"

    class Stdout(io.TextIOWrapper):
        tty = False

        def isatty(self) -> bool:
            return self.tty

    fake = Stdout(io.BytesIO(), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", fake)
    assert main([*argv, "-o", "-", "--format", "png"]) == 0
    assert fake.buffer.getvalue()[:4] == b"\x89PNG"
    Stdout.tty = True
    assert main([*argv, "-o", "-", "--format", "png"]) == 1
    assert main([*argv, "-o", "-"]) == 1  # no suffix to choose a format by


@pytest.mark.parametrize(
    "option, message",
    [
        (["--dpi", "0"], "Expected dpi to be a whole number from 1 to 1200, instead got: 0"),
        (["--dpi", "100000"], "Expected dpi to be a whole number from 1 to 1200"),
        (["--lon-0", "nan"], r"Expected lon_0 in \[-180, 180\] degrees, instead got: nan"),
        (["--lon-0", "200"], r"Expected lon_0 in \[-180, 180\] degrees"),
    ],
)
def test_bad_numbers_are_one_line_errors_and_write_nothing(tmp_path, capsys, option, message):
    argv = ["plot", "--layers", str(ROOT / "layers"), "-o", str(tmp_path / "m.png"), *option]
    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert re.search(message, err.removeprefix("corridors plot: error: "))
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- what cannot be drawn

#: Styles the reader refuses, given to layers made in Python: each is drawn as the warning says.
UNDRAWABLE_STYLES = {
    "stroke-width 1e308": ({"stroke-width": 1e308}, "stroke-width 1e+308 drawn as 100 px"),
    "dash-array 1e-300": (
        {"dash-array": "1e-300 1e-300"},
        "dash-array '1e-300 1e-300' drawn solid: its numbers add up to 2e-300 px",
    ),
    "colour with a newline": ({"stroke": "#1f618d\n"}, "colour '#1f618d\\n' drawn as #333333"),
    "opacity 2": ({"stroke-opacity": 2}, "opacity 2.0 drawn as 1"),
}


@pytest.fixture(scope="module")
def undrawn(tmp_path_factory) -> tuple[subprocess.CompletedProcess, dict[str, str], Path]:
    """Each style of UNDRAWABLE_STYLES drawn to PNG, SVG and PDF (into a folder numbered
    as the style), all in one child process: a dash pattern of 1e-300 px once kept Agg busy
    for ever. The process, what it wrote to stderr for each style, and the folder."""
    root = tmp_path_factory.mktemp("undrawable")
    styles = [style for style, _ in UNDRAWABLE_STYLES.values()]
    script = (
        "import sys, warnings, geopandas as gpd, shapely, geo\n"
        "from geo.plot import plot_map\n"
        "warnings.simplefilter('always')\n"
        "frame = gpd.GeoDataFrame({'name': ['a']}, geometry=[shapely.LineString([(60, 30), "
        "(70, 35)])], crs=4326)\n"
        f"for i, style in enumerate({styles!r}):\n"
        "    print(f'== {i}', file=sys.stderr, flush=True)\n"
        "    layer = geo.Layer('odd', 'Odd', 'other', None, frame, style=style)\n"
        "    for fmt in ('png', 'svg', 'pdf'):\n"
        f"        plot_map([layer], f'{root}/{{i}}/m.{{fmt}}', dpi=100)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    parts = re.split(r"^== \d+\n", proc.stderr, flags=re.M)[1:]
    said = dict(zip(UNDRAWABLE_STYLES, parts, strict=False))  # fewer where the child failed
    return proc, said, root


@pytest.mark.parametrize("name", UNDRAWABLE_STYLES)
def test_a_style_that_cannot_be_drawn_is_drawn_safely_with_a_warning(undrawn, name):
    proc, said, root = undrawn
    assert proc.returncode == 0, proc.stderr
    _, warning = UNDRAWABLE_STYLES[name]
    assert f"LayerWarning: odd: {warning}" in said.get(name, ""), proc.stderr
    folder = root / str(list(UNDRAWABLE_STYLES).index(name))
    assert sorted(p.name for p in folder.iterdir()) == ["m.pdf", "m.png", "m.svg"]


@pytest.mark.parametrize(
    "ring",
    [
        [(1, 1), (1, 1), (1, 1), (1, 1)],
        [(179.99999, 5), (-180, 5), (179.99999, 5), (179.99999, 5)],  # 2 places across ±180°
    ],
)
def test_a_polygon_that_bounds_no_area_is_left_out_with_a_warning(tmp_path, ring):
    square = Polygon([(60, 30), (70, 30), (70, 35), (60, 30)])
    frame = gpd.GeoDataFrame({"name": ["none", "some"]}, geometry=[Polygon(ring), square], crs=4326)
    with pytest.warns(geo.LayerWarning, match=r"odd: feature 0 \('none'\) not drawn: a polygon"):
        fig = plot.plot_map([geo.Layer("odd", "Odd", "other", None, frame)], tmp_path / "m.png")
    assert (tmp_path / "m.png").stat().st_size > 0
    assert len(fig.axes[0].collections) >= 2  # the borders and the square


def test_a_zero_width_polygon_on_the_seam_projects_to_nothing():
    (out,) = plot.project([Polygon([(180, 0), (180, 10), (180, 5), (180, 0)])], lon_0=0)
    assert out is None or out.is_empty


def test_an_odd_dash_list_is_repeated_as_the_canvas_does():
    assert plot._dashes({"dashArray": "4"}) == (0, (4 * plot.PT_PER_PX,) * 2)
    assert plot._dashes({"dashArray": "8,6"}) == (0, (8 * plot.PT_PER_PX, 6 * plot.PT_PER_PX))


@pytest.mark.parametrize(
    ("geometry", "style", "message"),
    [
        (
            {"type": "Polygon", "coordinates": [[[1, 1], [1, 1], [1, 1], [1, 1]]]},
            {},
            "feature 0 ('a'): polygon outer ring has 1 distinct position(s)",
        ),
        (
            {"type": "Polygon", "coordinates": [[[180, 0], [180, 10], [-180, 10], [180, 0]]]},
            {},
            "feature 0 ('a'): polygon outer ring has 2 distinct position(s)",
        ),
        (None, {"stroke-width": 1e308}, "style 'stroke-width' is 1e+308; expected a number"),
        (None, {"dash-array": "1e-300 1e-300"}, "style 'dash-array' is '1e-300 1e-300': its"),
        (None, {"stroke": "#1f618d\n"}, "expected a colour like '#1f618d', with nothing before"),
    ],
)
def test_cli_plot_refuses_what_it_cannot_draw_naming_file_and_key(
    tmp_path, geometry, style, message
):
    line = {"type": "LineString", "coordinates": [[60, 30], [70, 35]]}
    doc = {
        "type": "FeatureCollection",
        "name": "Odd",
        "category": "other",
        "style": style,
        "features": [
            {"type": "Feature", "properties": {"name": "a"}, "geometry": geometry or line}
        ],
    }
    path = write_layer(tmp_path / "layers" / "odd.geojson", doc)
    out_file = tmp_path / "m.png"
    # in a child process: before the reader refused it, the dash pattern drew for ever
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "plot", "--layers", str(tmp_path / "layers"), "-o",
         str(out_file)],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    out, err = proc.stdout, proc.stderr
    assert proc.returncode == 1 and out == "" and err.count("\n") == 1
    assert err.startswith(f"corridors plot: error: {path}: ")
    assert message in err.replace("\\\\", "\\")
    assert not out_file.exists()


def test_a_part_that_collapsed_to_a_point_beside_an_area_is_left_out(tmp_path, recwarn):
    # world-atlas 110m's North Korea: the reader takes it, and the plot draws the rest
    collapsed = Polygon([(130, 42)] * 4)
    land = Polygon([(125, 38), (129, 38), (129, 42), (125, 38)])
    frame = gpd.GeoDataFrame(
        {"name": ["a"]}, geometry=[shapely.MultiPolygon([collapsed, land])], crs=4326
    )
    fig = plot.plot_map([geo.Layer("odd", "Odd", "other", None, frame)], tmp_path / "m.png")
    (drawn,) = plot.project(frame.geometry)
    assert len(shapely.get_parts(drawn)) == 1 and drawn.area > 0
    assert not [w for w in recwarn if issubclass(w.category, geo.LayerWarning)]
    assert fig.axes and (tmp_path / "m.png").stat().st_size > 0
