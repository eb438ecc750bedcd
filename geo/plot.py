"""The map for print: the layers over Natural Earth, in Equal Earth centred on Eurasia.

:func:`plot_map` draws a :class:`matplotlib.figure.Figure` (Agg canvas, no pyplot: no
global state, no window) one A4 page wide: land, sea and borders from
:mod:`geo.basemap`, every layer in its category's look (``geo/data/categories.toml``,
as the web map draws it: each layer in its colour of :func:`geo.mapspec.layer_colours`,
each feature in its status's look, ``geo/data/status.toml``), labels (country names and
the main places, ranked as the web map ranks them, :mod:`geo.labels`; none overlapping
another), a legend with one entry per layer and one per status drawn, a title and a
credits line (``geo/data/plot.toml``). Written as PNG, SVG or PDF, byte-identical from
run to run.

The projection is Equal Earth (Šavrič, Patterson and Jenny 2018) with its central
meridian at ``lon_0`` (85°E by default), so Eurasia sits in the middle. Nothing smears
across the map's edge: every geometry is cut at the meridian opposite ``lon_0`` before
it is projected (lines on the geodesic, by :func:`geo.split_antimeridian`; land clipped
ring by ring), and lines are densified along the geodesic first
(:func:`geo.densify_geodesic`), so a long leg bends as the shortest path does.

Needs matplotlib: ``pip install -e '.[plot]'``.
"""

from __future__ import annotations

import functools
import math
import textwrap
import tomllib
import warnings
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
import shapely.affinity
from pyproj import Transformer
from shapely import GeometryType

from . import basemap
from ._extras import require
from ._text import printable
from .classes import Classes, layer_classes, layer_sizes
from .format import (
    CATEGORIES,
    MAX_STROKE_WIDTH_PX,
    STATUSES,
    SYMBOLS,
    LayerWarning,
    dash_array_problem,
    dash_lengths,
)
from .geometry import AREAS, LINEAR, LINES, POINTS, is_kind
from .labels import country_labels, label_rules, layer_labels, place_line_counts
from .layers import Layer, load_layers
from .lines import densify_geodesic, split_antimeridian, unwrap_antimeridian
from .style import (
    builtin_basemap,
    feature_statuses,
    layer_colours,
    layer_style,
    order_layers,
    status_style,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "DEFAULT_TITLE",
    "LON_0",
    "MAX_DPI",
    "PLOT_FORMATS",
    "class_entries",
    "plot_crs",
    "plot_format",
    "plot_map",
    "project",
    "save_plot",
]

#: The formats written, by file suffix.
PLOT_FORMATS = ("png", "svg", "pdf")
#: The central meridian (degrees east): Eurasia in the middle, the seam in the Pacific
#: east of the sea lanes to Peru's Chancay would be at -95°, through North America.
LON_0 = 85.0
DEFAULT_TITLE = "Belt and Road Initiative: corridors, rail and ports"
#: A4 width in inches: the figure is drawn at the size it is printed.
A4_WIDTH_IN = 8.27
#: Points of print per CSS pixel of the web map's styles (a world map one page wide
#: is about a third of the web map's world at zoom 3).
PT_PER_PX = 0.4
#: Points of print per CSS pixel of a marker's radius (markers are drawn smaller than
#: lines would suggest: 76 rail terminals in Europe and China would hide the lines).
MARKER_PT_PER_PX = 0.28
#: The largest PNG resolution taken (pixels per inch): an A4-wide figure at 1,200 dpi is
#: about 10,000 pixels wide, and a raster much larger would not fit in memory.
MAX_DPI = 1200
#: Line legs longer than this (km) get positions along the geodesic before projecting.
DENSIFY_KM = 100.0
#: Never two runs apart: no dates in SVG or PDF, fixed SVG ids, no Agg version string.


def _plot_data() -> dict[str, Any]:
    text = (resources.files("geo") / "data" / "plot.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


PLOT = _plot_data()


def _matplotlib():
    require("plot", ["matplotlib"], "the map for print")
    import matplotlib

    return matplotlib


def plot_crs(lon_0: float = LON_0) -> str:
    """The PROJ string of the map's projection.

    >>> plot_crs()
    '+proj=eqearth +lon_0=85 +datum=WGS84 +units=m +no_defs'
    """
    return f"+proj=eqearth +lon_0={lon_0:g} +datum=WGS84 +units=m +no_defs"


# --------------------------------------------------------------------------- geometry
#
# Geometries are turned so that lon_0 is 0 and the seam is ±180°, cut there, and then
# projected with lon_0=0: the same map as plot_crs(lon_0), with the two sides of the
# seam kept apart (a position at exactly the seam would otherwise go to either edge).


def _turn(geoms: np.ndarray, lon_0: float) -> np.ndarray:
    """Longitudes measured from ``lon_0``, in [-180, 180)."""
    return shapely.transform(
        geoms, lambda c: np.column_stack([(c[:, 0] - lon_0 + 180.0) % 360.0 - 180.0, c[:, 1]])
    )


_TRANSFORMER = Transformer.from_crs("EPSG:4326", plot_crs(0.0), always_xy=True)


def _project_turned(geoms: np.ndarray) -> np.ndarray:
    def xy(coords: np.ndarray) -> np.ndarray:
        x, y = _TRANSFORMER.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geoms, xy)


def _cut_lines(geoms: np.ndarray, lon_0: float, densify_km: float) -> np.ndarray:
    lines = densify_geodesic(geoms, max_segment_km=densify_km)
    return split_antimeridian(_turn(lines, lon_0))


def _bounds_area(part: shapely.Geometry) -> bool:
    """Whether a part is a polygon whose outer ring has 3 distinct positions or more (a
    ring of fewer bounds nothing and breaks the drawing; validation refuses them in files).
    """
    if shapely.get_type_id(part) != shapely.GeometryType.POLYGON or part.is_empty:
        return False
    return len(np.unique(shapely.get_coordinates(part.exterior), axis=0)) >= 3


def _cut_areas(geoms: np.ndarray, lon_0: float) -> np.ndarray:
    """Polygons turned and clipped at ±180° (a ring round a pole bounds its cap), with
    the cut edges given a position every degree so they follow the map's curved edge.
    Parts that bound no area (a ring of fewer than 3 distinct positions) are left out."""
    out = np.empty(len(geoms), dtype=object)
    boxes = [(shapely.box(-180 + k, -90, 180 + k, 90), k) for k in (-360.0, 0.0, 360.0)]
    for i, geom in enumerate(geoms):
        if geom is None or geom.is_empty:
            out[i] = geom
            continue
        polys = []
        for part in shapely.get_parts(geom):
            flat = unwrap_antimeridian(_turn(np.array([part], dtype=object), lon_0))[0]
            if not _bounds_area(flat):
                continue
            west, _, east, _ = flat.bounds
            if west >= -180 and east <= 180:  # most land: nothing to cut
                polys.append(flat)
                continue
            flat = shapely.make_valid(flat)
            for box, k in boxes:
                piece = shapely.affinity.translate(shapely.intersection(flat, box), xoff=-k)
                polys.extend(p for p in shapely.get_parts(piece) if _bounds_area(p))
        out[i] = shapely.segmentize(shapely.MultiPolygon(polys), 1.0) if polys else None
    return out


def project(geoms: Any, *, lon_0: float = LON_0, densify_km: float = DENSIFY_KM) -> np.ndarray:
    """Geometries (lon, lat degrees, WGS84) in the map's projection (:func:`plot_crs`),
    in metres, cut at the meridian opposite ``lon_0``.

    Lines are densified along the geodesic (legs over ``densify_km`` km) and cut where
    they cross the seam into MultiLineStrings; polygons are clipped there; points are
    projected. ``None`` stays ``None``.

    >>> from shapely import LineString, Point
    >>> pacific = project([LineString([(121.5, 31.2), (-77.3, -11.6)])])[0]
    >>> pacific.geom_type, len(pacific.geoms)
    ('MultiLineString', 2)
    >>> x, y = project([Point(85, 0)])[0].coords[0]
    >>> round(x), round(y)
    (0, 0)
    """
    geoms = np.asarray(
        list(geoms) if not isinstance(geoms, np.ndarray) else geoms, dtype=object
    ).reshape(-1)
    out = np.empty(len(geoms), dtype=object)
    lines = is_kind(geoms, (*LINEAR, GeometryType.MULTILINESTRING))
    areas = is_kind(geoms, AREAS)
    points = is_kind(geoms, POINTS)
    other = np.flatnonzero(is_kind(geoms, GeometryType.GEOMETRYCOLLECTION))
    if lines.any():
        out[lines] = _cut_lines(geoms[lines], lon_0, densify_km)
    if areas.any():
        out[areas] = _cut_areas(geoms[areas], lon_0)
    if points.any():
        out[points] = _turn(geoms[points], lon_0)
    for i in other:  # a collection: each part on its own
        parts = project(shapely.get_parts(geoms[i]), lon_0=lon_0, densify_km=densify_km)
        out[i] = shapely.GeometryCollection([p for p in parts if p is not None])
    done = np.flatnonzero(lines | areas | points)
    out[done] = _project_turned(out[done])
    return out


def _outline(lon_0: float) -> shapely.Polygon:
    """The whole world's edge in the projection (the meridians ±180° from ``lon_0``)."""
    lat = np.linspace(-90, 90, 181)
    ring = np.concatenate(
        [np.column_stack([np.full_like(lat, -180.0), lat]),
         np.column_stack([np.full_like(lat, 180.0), lat[::-1]])]
    )  # fmt: skip
    return _project_turned(np.array([shapely.Polygon(ring)], dtype=object))[0]


# --------------------------------------------------------------------------- drawing


def _path(geom: shapely.Geometry):
    """A matplotlib Path of a (multi)polygon, holes included."""
    from matplotlib.path import Path as MplPath

    vertices, codes = [], []
    for poly in shapely.get_parts(geom):
        if shapely.get_type_id(poly) != shapely.GeometryType.POLYGON:
            continue
        for ring in [poly.exterior, *poly.interiors]:
            xy = np.asarray(ring.coords)[:, :2]
            if len(xy) < 3:
                continue
            vertices.append(xy)
            ring_codes = np.full(len(xy), MplPath.LINETO, dtype=np.uint8)
            ring_codes[0], ring_codes[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
            codes.append(ring_codes)
    if not vertices:
        return None
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


def _segments(geoms: Iterable) -> list[np.ndarray]:
    out = []
    for geom in geoms:
        if geom is None or geom.is_empty:
            continue
        for part in shapely.get_parts(geom):
            if part.geom_type == "LineString" and not part.is_empty:
                out.append(np.asarray(part.coords)[:, :2])
    return out


def _dashes(style: dict[str, Any], layer_id: str = "") -> Any:
    """matplotlib's dash pattern (points) for a style's ``dashArray`` (CSS px); an odd list
    is repeated, as the canvas and SVG do. A pattern validation would refuse (one that
    would take for ever to draw: "1e-300 1e-300") is drawn solid, with a warning."""
    text = style.get("dashArray")
    if not text:
        return "solid"
    problem = dash_array_problem(text)
    if problem is not None:
        _warn(f"{layer_id}: dash-array {printable(repr(text), 80)} drawn solid: {problem}")
        return "solid"
    values = [v * PT_PER_PX for v in dash_lengths(text) or ()]
    return (0, tuple(values * (2 if len(values) % 2 else 1)))


def _warn(message: str) -> None:
    warnings.warn(LayerWarning(printable(message, 500)), stacklevel=3)


def _colour(value: Any, layer_id: str, fallback: str = "#333333") -> Any:
    from matplotlib.colors import is_color_like

    if isinstance(value, str) and is_color_like(value):
        return value
    _warn(f"{layer_id}: colour {printable(repr(value), 80)} drawn as {fallback}: not a colour")
    return fallback


def _warn_undrawn(layer: Layer, types: np.ndarray, projected: np.ndarray) -> None:
    """Warn of polygons that bound no area anywhere (rings of fewer than 3 distinct
    positions), which are not drawn."""
    area = (types == shapely.GeometryType.POLYGON) | (types == shapely.GeometryType.MULTIPOLYGON)
    given = ~shapely.is_empty(layer.geometries())
    drawn = np.array([g is not None for g in projected], dtype=bool)
    lost = np.flatnonzero(area & given & ~drawn)
    if len(lost):
        names = layer.frame["name"].tolist() if "name" in layer.frame else [None] * len(layer)
        first = names[lost[0]]
        which = f"feature {lost[0]}" + (f" ({printable(first, 60)!r})" if first else "")
        more = f" and {len(lost) - 1} more" if len(lost) > 1 else ""
        _warn(
            f"{layer.id}: {which}{more} not drawn: a polygon whose rings have fewer than 3 "
            "distinct positions bounds no area"
        )


def _opacity(value: Any, layer_id: str) -> float:
    """An opacity within 0 to 1 (another is moved there, with a warning)."""
    opacity = float(value) if isinstance(value, int | float) and math.isfinite(value) else 1.0
    clamped = min(max(opacity, 0.0), 1.0)
    if clamped != value:
        _warn(f"{layer_id}: opacity {value!r} drawn as {clamped:g}")
    return clamped


def _width(value: Any, layer_id: str) -> float:
    """A line width (CSS px) within 0 to MAX_STROKE_WIDTH_PX (a wider one is narrowed, with
    a warning: at 1e308 px Agg gives up)."""
    width = float(value) if isinstance(value, int | float) and math.isfinite(value) else 3.0
    clamped = min(max(width, 0.0), MAX_STROKE_WIDTH_PX)
    if clamped != value:
        _warn(f"{layer_id}: stroke-width {value!r} drawn as {clamped:g} px")
    return clamped


@functools.lru_cache(maxsize=4)
def _projected_basemap(lon_0: float) -> tuple[shapely.Geometry, ...]:
    """The world's edge, the land and the borders, projected (the slow part of a plot)."""
    return (
        _outline(lon_0),
        project([basemap.land()], lon_0=lon_0)[0],
        project([basemap.borders()], lon_0=lon_0)[0],
    )


def _draw_basemap(ax, lon_0: float, view: tuple[float, float, float, float]) -> None:
    from matplotlib.collections import LineCollection
    from matplotlib.patches import PathPatch

    look = builtin_basemap()
    x0, y0, x1, y1 = view
    pad = 0.01 * max(x1 - x0, y1 - y0)  # only what is in view is drawn (and written)
    outline, land, borders = (
        shapely.clip_by_rect(g, x0 - pad, y0 - pad, x1 + pad, y1 + pad)
        for g in _projected_basemap(lon_0)
    )
    for geom, colour, z in ((outline, look["sea"], 0), (land, look["land"], 1)):
        path = _path(geom)
        if path is not None:
            ax.add_patch(PathPatch(path, facecolor=colour, edgecolor="none", zorder=z))
    ax.add_collection(
        LineCollection(
            _segments([borders]),
            colors=look["border"],
            linewidths=look["border_weight"] * PT_PER_PX,
            zorder=2,
        )
    )
    edge = _path(outline)
    if edge is not None:
        ax.add_patch(
            PathPatch(edge, facecolor="none", edgecolor="#8a9aa6", linewidth=0.5, zorder=9)
        )


def _layer_symbols(layer: Layer, style: dict[str, Any]) -> list[str]:
    """Each feature's point symbol: the layer's, or its ``role``'s (a border crossing)."""
    symbols = [style["symbol"]] * len(layer)
    roles = CATEGORIES[layer.category].role_markers if "marker-symbol" not in layer.style else {}
    if roles and "role" in layer.frame.columns:
        for i, role in enumerate(layer.frame["role"].tolist()):
            if isinstance(role, str) and role in roles:
                symbols[i] = roles[role]
    return symbols


def _marker(symbol: str) -> tuple[Any, float]:
    """A point symbol (``geo/data/symbols.toml``; a circle for a name it lacks) as a
    matplotlib marker, and the factor of the marker's size that makes it reach as far from
    its point as on the web map (matplotlib scales a polygon marker to its farthest
    vertex)."""
    from matplotlib.path import Path as MplPath

    shape = SYMBOLS.get(symbol)
    if shape is None or shape.polygon is None:
        return "o", 1.0
    vertices = [(x, -y) for x, y in shape.polygon]  # y up on paper, down on the screen
    return MplPath([*vertices, vertices[0]], closed=True), shape.extent


def _checked_style(layer: Layer, colour: str) -> dict[str, Any]:
    """The layer's style (:func:`geo.style.layer_style`), each value one matplotlib
    takes (a bad one replaced, with a warning)."""
    style = dict(layer_style(layer, colour))
    for key in ("color", "fillColor", "markerColor"):
        style[key] = _colour(style[key], layer.id)
    for key in ("opacity", "fillOpacity"):
        style[key] = _opacity(style[key], layer.id)
    style["weight"] = _width(style["weight"], layer.id)
    return style


def _by_status(layer: Layer) -> dict[str | None, np.ndarray]:
    """The features of each status (None: no status), as index arrays, in the
    vocabulary's order."""
    keys = feature_statuses(layer)
    if keys is None:
        return {None: np.arange(len(layer))}
    order = [None, *STATUSES]
    found = sorted(set(keys), key=order.index)
    return {k: np.flatnonzero(np.array([x == k for x in keys], dtype=bool)) for k in found}


def _draw_features(ax, layer, style, projected, types, symbols, z, point_alpha, radii=None):
    """Draw some features of a layer in one style (points at ``point_alpha``, as the web
    map draws them: opaque but for their status's opacity; ``radii``: each feature's
    point radius, px, where the layer is sized by a property); returns whether lines were
    drawn, and the points drawn by symbol."""
    from matplotlib.collections import LineCollection, PatchCollection
    from matplotlib.patches import PathPatch

    width = style["weight"] * PT_PER_PX
    dashes = _dashes(style, layer.id)
    areas = [g for g, t in zip(projected, types, strict=True) if t in AREAS and g is not None]
    if areas:
        paths = [p for p in (_path(g) for g in areas) if p is not None]
        ax.add_collection(
            PatchCollection(
                [PathPatch(p) for p in paths],
                facecolor=style["fillColor"],
                alpha=style["fillOpacity"],
                edgecolor=style["color"],
                linewidth=width,
                zorder=z,
            )
        )
    lines = _segments(g for g, t in zip(projected, types, strict=True) if t in (1, 2, 5, 7))
    if lines:
        ax.add_collection(
            LineCollection(
                lines,
                colors=style["color"],
                linewidths=width,
                linestyles=dashes,
                alpha=style["opacity"],
                capstyle="round",
                joinstyle="round",
                zorder=z,
            )
        )
    size = 2 * style["radius"] * MARKER_PT_PER_PX
    by_symbol: dict[str, list[np.ndarray]] = {}
    sized: dict[str, list[np.ndarray]] = {}
    radii = np.full(len(projected), style["radius"]) if radii is None else radii
    for geom, t, symbol, r in zip(projected, types, symbols, radii, strict=True):
        if t in POINTS and geom is not None and not geom.is_empty:
            coords = shapely.get_coordinates(geom)
            by_symbol.setdefault(symbol, []).append(coords)
            sized.setdefault(symbol, []).append(np.full(len(coords), 2 * r * MARKER_PT_PER_PX))
    hollow = style.get("hollow", False)
    for symbol, coords in sorted(by_symbol.items()):
        xy = np.concatenate(coords)
        marker, reach = _marker(symbol)
        size = np.concatenate(sized[symbol])
        # large points first, so that none hides a smaller one (as the page draws them);
        # a group of smaller points above a group of larger ones
        order = np.argsort(-size, kind="stable")
        above = 0.5 / (1.0 + float(np.median(size)))
        ax.scatter(
            xy[order, 0], xy[order, 1], s=(size[order] * reach) ** 2, marker=marker,
            c="white" if hollow else style["markerColor"],
            edgecolors=style["markerColor"] if hollow else "white",
            linewidths=0.8 if hollow else 0.4, alpha=point_alpha, zorder=100 + z + above,
        )  # fmt: skip
    return bool(lines), by_symbol


def _groups(layer: Layer, classes: Classes | None, style: dict[str, Any]):
    """The features drawn alike: (status key, index array, style) for each status and
    class (the class's colour over the layer's), as the page draws them (classes.js)."""
    for key, rows in _by_status(layer).items():
        if classes is None:
            yield key, rows, style
            continue
        index = np.array(classes.index)[rows]
        for k, colour in enumerate(classes.colors):
            some = rows[index == k]
            if len(some):
                look = {**style, "color": colour, "fillColor": colour, "markerColor": colour}
                yield key, some, look


def class_entries(layer: Layer) -> list[tuple[str, str | None, float | None]]:
    """The legend's entries of a classed or sized layer, after its own: (label, class
    colour, None) a class, then (label, None, radius px) a sample size."""
    classes, sizes = layer_classes(layer), layer_sizes(layer)
    out: list[tuple[str, str | None, float | None]] = []
    if classes is not None:
        out += [(label, c, None) for label, c in zip(classes.labels, classes.colors, strict=True)]
    if sizes is not None:
        out += [(label, None, r) for _, label, r in sizes.legend]
    return out


class _Ramp:
    """A classed layer's own legend entry: its classes' colours side by side (as the
    page's panel shows it: symbols.js rampCells)."""

    def __init__(self, colours: list[str], label: str):
        self.colours = colours
        self.label = label

    def get_label(self) -> str:
        return self.label


class _RampHandler:
    """Draws a :class:`_Ramp` in a legend (matplotlib's legend handler protocol)."""

    def legend_artist(self, legend, handle: _Ramp, fontsize, box):
        from matplotlib.patches import Rectangle

        x0, y0 = box.xdescent, box.ydescent
        width = box.width / max(len(handle.colours), 1)
        for k, colour in enumerate(handle.colours):
            cell = Rectangle((x0 + k * width, y0), width, box.height, facecolor=colour,
                             edgecolor="none", transform=box.get_transform())  # fmt: skip
            box.add_artist(cell)
        frame = Rectangle((x0, y0), box.width, box.height, facecolor="none",
                          edgecolor="#777777", linewidth=0.5,
                          transform=box.get_transform())  # fmt: skip
        box.add_artist(frame)
        return frame


def _class_handles(layer: Layer, style: dict[str, Any]) -> list:
    """The legend's rows under a classed or sized layer: each class in the layer's kind
    of symbol (a box for areas, a line for lines, a point for points), then each sample
    size."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    types = set(shapely.get_type_id(layer.geometries()).tolist())
    handles = []
    for label, colour, radius in class_entries(layer):
        text = f"   {label}"
        if colour is not None and types and types <= set(AREAS):
            handles.append(Patch(facecolor=colour, edgecolor="#777777", linewidth=0.4, label=text))
            continue
        if colour is not None and types and types <= set(LINES):
            width = max(style["weight"] * PT_PER_PX, 0.8)
            handles.append(Line2D([], [], color=colour, linewidth=width, label=text))
            continue
        size = 2 * (radius if radius is not None else style["radius"]) * MARKER_PT_PER_PX
        face = colour if colour is not None else "#777777"
        handles.append(
            Line2D([], [], linestyle="none", marker="o", markersize=size, markerfacecolor=face,
                   markeredgecolor="white", markeredgewidth=0.4, label=text)
        )  # fmt: skip
    return handles


def _draw_layer(ax, layer: Layer, colour: str, projected: np.ndarray, z: int):
    """Draw one layer, each feature in its status's look; returns its legend handle."""
    from matplotlib.lines import Line2D

    style = _checked_style(layer, colour)
    types = shapely.get_type_id(layer.geometries())
    symbols = np.array(_layer_symbols(layer, style), dtype=object)
    _warn_undrawn(layer, types, projected)
    lines, by_symbol, areas = False, {}, any(t in AREAS for t in types)
    classes, sizes = layer_classes(layer), layer_sizes(layer)
    radii = None if sizes is None else np.array(sizes.radius)
    for key, rows, look in _groups(layer, classes, style):
        status = None if key is None else STATUSES[key]
        drawn = status_style(look, status)  # type: ignore[arg-type]
        some_lines, some_points = _draw_features(
            ax, layer, drawn, projected[rows], types[rows], symbols[rows], z,
            1.0 if status is None else status.opacity, None if radii is None else radii[rows],
        )  # fmt: skip
        lines |= some_lines
        for symbol, coords in some_points.items():
            by_symbol.setdefault(symbol, []).extend(coords)
    width = style["weight"] * PT_PER_PX
    dashes = _dashes(style, layer.id)
    size = 2 * style["radius"] * MARKER_PT_PER_PX
    label = printable(layer.name, 70)
    if classes is not None:
        return _Ramp(classes.colors, label)
    if lines or (not by_symbol and not areas):
        return Line2D([], [], color=style["color"], linewidth=max(width, 0.8),
                      linestyle=dashes, alpha=style["opacity"], label=label)  # fmt: skip
    if areas and not by_symbol:
        from matplotlib.patches import Patch

        return Patch(facecolor=style["fillColor"], edgecolor=style["color"], label=label)
    marker, reach = _marker(max(by_symbol, key=lambda s: sum(len(c) for c in by_symbol[s])))
    return Line2D([], [], linestyle="none", marker=marker,
                  markersize=size * reach, markerfacecolor=style["markerColor"],
                  markeredgecolor="white", markeredgewidth=0.4, label=label)  # fmt: skip


def _status_handles(layers: list[Layer]) -> list:
    """A legend entry for each status some drawn feature has, in the vocabulary's order."""
    from matplotlib.lines import Line2D

    found: set[str] = set()
    for layer in layers:
        found.update(k for k in feature_statuses(layer) or () if k is not None)
    handles = []
    colour = STATUSES.sample  # the map's legend draws statuses in it too, 3 px wide
    base = {
        "color": colour, "weight": 3.0, "opacity": 0.9, "fillColor": colour,
        "fillOpacity": 0.2, "markerColor": colour, "radius": 6.5, "symbol": "circle",
    }  # fmt: skip
    for key, status in STATUSES.items():
        if key not in found:
            continue
        drawn = status_style(base, status)  # type: ignore[arg-type]
        line = Line2D([], [], color=drawn["color"], linewidth=drawn["weight"] * PT_PER_PX,
                      linestyle=_dashes(drawn), alpha=drawn["opacity"],
                      label=f"Status: {status.label}")  # fmt: skip
        handles.append(line)
    return handles


def credits_line(layers: Iterable[Layer], *, lon_0: float = LON_0) -> str:
    """The sources line printed under the map: the base map, then each credit of
    ``geo/data/plot.toml`` whose keyword a drawn layer's or feature's source mentions.

    >>> import geopandas as gpd
    >>> from shapely import Point
    >>> frame = gpd.GeoDataFrame({"name": ["a"], "source": ["OpenStreetMap way 1"]},
    ...                          geometry=[Point(0, 0)], crs=4326)
    >>> layer = Layer("x", "X", "port", None, frame)
    >>> "© OpenStreetMap contributors (ODbL)" in credits_line([layer])
    True
    """
    texts = []
    for layer in layers:
        texts.append(layer.source)
        if "source" in layer.frame.columns:
            texts.extend(str(v) for v in layer.frame["source"].dropna().tolist())
    found = "\n".join(texts).lower()
    credits = [c["text"] for c in PLOT["credit"] if c["keyword"].lower() in found]
    parts = [PLOT["basemap"], *credits]
    parts.append(
        f"Equal Earth projection centred on {lon_0:g}°E; each feature's source in its layer file"
    )
    return "Sources: " + "; ".join(parts) + "."


def _extent(drawn: list[np.ndarray], outline: shapely.Polygon) -> tuple[float, float, float, float]:
    """The data's bounds in the projection with a margin, inside the world's edge."""
    west, south, east, north = outline.bounds
    geoms = [g for arr in drawn for g in arr if g is not None and not g.is_empty]
    if not geoms:
        return west, south, east, north
    x0, y0, x1, y1 = shapely.total_bounds(np.array(geoms, dtype=object))
    pad = 0.06 * max(x1 - x0, y1 - y0, 1e5)
    return max(x0 - pad, west), max(y0 - pad, south), min(x1 + pad, east), min(y1 + pad, north)


def plot_map(
    layers: Iterable[Layer] | None = None,
    path: str | Path | None = None,
    *,
    directory: str | Path | None = None,
    only: Iterable[str] | None = None,
    title: str = DEFAULT_TITLE,
    lon_0: float = LON_0,
    width_in: float = A4_WIDTH_IN,
    dpi: int = 200,
    format: str | None = None,
) -> Figure:
    """Draw ``layers`` (default: every layer in ``directory``) as a map for print.

    Parameters
    ----------
    layers : iterable of Layer, optional
        The layers, drawn in the web map's order (by category, then id).
    path : str or Path, optional
        Also write the figure here, atomically: PNG, SVG or PDF by its suffix (or
        ``format``). Two runs on the same layers write the same bytes.
    directory, only
        Where to load the layers from when ``layers`` is None (default: the shipped
        layers, :func:`geo.layers.shipped_layers_dir`), and which ids to keep.
    title : str
        The title above the map.
    lon_0 : float
        The central meridian, degrees east.
    width_in : float
        The figure's width in inches (default A4's, 8.27); its height follows the data.
    dpi : int
        Pixels per inch of a PNG, 1 to :data:`MAX_DPI`.
    format : str, optional
        ``png``, ``svg`` or ``pdf``, instead of the suffix.

    Returns
    -------
    matplotlib.figure.Figure
        On an Agg canvas; in Jupyter it shows itself (as a PNG, with no
        ``%matplotlib inline`` and no change to the session's backend).
    """
    _matplotlib()
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from ._figure import RC_PARAMS, PlotFigure

    if not math.isfinite(lon_0) or not -180 <= lon_0 <= 180:
        raise ValueError(f"Expected lon_0 in [-180, 180] degrees, instead got: {lon_0!r}")
    if isinstance(dpi, bool) or not isinstance(dpi, int) or not 1 <= dpi <= MAX_DPI:
        raise ValueError(
            f"Expected dpi to be a whole number from 1 to {MAX_DPI}, instead got: {dpi!r}"
        )
    if not (isinstance(width_in, int | float) and 0 < width_in <= 100):
        raise ValueError(f"Expected width_in in (0, 100] inches, instead got: {width_in!r}")
    if path is not None:
        fmt = plot_format(path, format)
    if layers is None:
        layers = load_layers(directory, only=only)
    elif only is not None:
        wanted = set(only)
        layers = [layer for layer in layers if layer.id in wanted]
    layers = order_layers(layers)
    projected = [project(layer.geometries(), lon_0=lon_0) for layer in layers]
    outline = _outline(lon_0)
    x0, y0, x1, y1 = _extent(projected, outline)

    import matplotlib

    with matplotlib.rc_context(RC_PARAMS):
        fig = _figure(PlotFigure, layers, projected, (x0, y0, x1, y1), title, lon_0, width_in, dpi)
        FigureCanvasAgg(fig)
        if path is not None:
            save_plot(fig, path, format=fmt)
    return fig


def _figure(Figure, layers, projected, extent, title, lon_0, width_in, dpi):
    x0, y0, x1, y1 = extent
    margin = 0.25
    map_w = width_in - 2 * margin
    map_h = min(max(map_w * (y1 - y0) / (x1 - x0), 0.35 * map_w), 1.1 * map_w)
    ncol = 2
    statuses = _status_handles(layers)
    classed = sum(len(class_entries(layer)) for layer in layers)
    legend_rows = math.ceil((len(layers) + classed + len(statuses)) / ncol) if layers else 0
    legend_h = 0.14 * legend_rows + (0.1 if legend_rows else 0)
    sources = textwrap.wrap(credits_line(layers, lon_0=lon_0), width=int(17.5 * width_in))
    sources_h = 0.12 * len(sources) + 0.05
    title_h = 0.45
    height = title_h + map_h + legend_h + sources_h + margin
    fig = Figure(figsize=(width_in, height), dpi=dpi, facecolor="white")
    bottom_map = (sources_h + legend_h + margin / 2) / height
    ax = fig.add_axes((margin / width_in, bottom_map, map_w / width_in, map_h / height))
    # a map as wide as the data: the frame is widened to the figure's shape, not squashed
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    half_w, half_h = (x1 - x0) / 2, (y1 - y0) / 2
    if half_w / half_h > map_w / map_h:
        half_h = half_w * map_h / map_w
    else:
        half_w = half_h * map_w / map_h
    ax.set_xlim(cx - half_w, cx + half_w)
    ax.set_ylim(cy - half_h, cy + half_h)
    ax.set_aspect("equal")
    ax.set_axis_off()
    _draw_basemap(ax, lon_0, (cx - half_w, cy - half_h, cx + half_w, cy + half_h))
    colours = layer_colours(layers)
    handles = []
    for z, (layer, geoms) in enumerate(zip(layers, projected, strict=True)):
        handles.append(_draw_layer(ax, layer, colours[layer.id], geoms, 10 + 2 * z))
        handles.extend(_class_handles(layer, _checked_style(layer, colours[layer.id])))
    handles.extend(statuses)
    _draw_labels(ax, layers, projected, lon_0)
    fig.text(0.5, 1 - 0.28 / height, printable(title, 200), ha="center", va="center",
             fontsize=12, fontweight="bold")  # fmt: skip
    if handles:
        fig.legend(
            handles=handles, loc="upper center", ncol=ncol, fontsize=6.5, frameon=False,
            bbox_to_anchor=(0.5, (sources_h + legend_h + 0.05) / height),
            handlelength=2.6, columnspacing=1.2, borderaxespad=0,
            handler_map={_Ramp: _RampHandler()},
        )  # fmt: skip
    fig.text(margin / width_in, (sources_h - 0.05) / height, "\n".join(sources),
             ha="left", va="top", fontsize=6, color="#444444", linespacing=1.35)  # fmt: skip
    return fig


# --------------------------------------------------------------------------- labels

#: Metres on the ground per Web Mercator pixel at zoom 0 on the equator (the unit of a
#: country's room in geo.labels.country_labels).
_MERCATOR_PX_M = 40_075_016.686 / 256
#: Points between a place's symbol and its name.
_LABEL_GAP_PT = 2.0


def _label_candidates(layers, projected, lon_0: float) -> list[dict[str, Any]]:
    """What the plot may name, in the order tried: the labels of the tiers of
    ``labels.toml [plot]`` that show from zoom 0, by tier then weight. Each is a dict of
    ``text``, ``xy`` (projected metres), ``kind`` and, for a country, ``room`` (metres)."""
    rules = label_rules()
    tiers = set(rules.plot_tiers)
    found: list[tuple[tuple, dict[str, Any]]] = []
    counts = place_line_counts(layers)
    for n, (layer, geoms) in enumerate(zip(layers, projected, strict=True)):
        for label in layer_labels(layer, counts):
            geom = geoms[label["feature"]]
            if label["tier"] not in tiers or label["minZoom"] > 0 or geom is None:
                continue
            if shapely.get_type_id(geom) != shapely.GeometryType.POINT or geom.is_empty:
                continue  # lines are not named on paper: too small to follow at this scale
            key = (label["tier"], -label["weight"], n, label["feature"])
            found.append((key, {"text": label["text"], "xy": (geom.x, geom.y), "kind": "place"}))
    countries = country_labels()
    if countries["tier"] in tiers and countries["minZoom"] <= 0:
        points = shapely.points(np.column_stack([countries["lng"], countries["lat"]]))
        at = project(points, lon_0=lon_0)
        for i, name in enumerate(countries["name"]):
            ground = _MERCATOR_PX_M * math.cos(math.radians(countries["lat"][i]))
            room = (countries["width"][i] * ground, countries["height"][i] * ground)
            found.append(
                ((countries["tier"], 0, -1, i),
                 {"text": name.upper(), "xy": (at[i].x, at[i].y), "kind": "country", "room": room})
            )  # fmt: skip
    return [c for _, c in sorted(found, key=lambda item: item[0])]


def _drawn_points(projected) -> np.ndarray:
    """Every point drawn (projected metres), as an (n, 2) array."""
    xy = [np.zeros((0, 2))]
    for geoms in projected:
        points = geoms[is_kind(geoms, POINTS)]
        if len(points):
            xy.append(shapely.get_coordinates(points))
    return np.concatenate(xy)


def _country_spots(w: float, h: float, room_w: float, room_h: float) -> list[tuple[float, float]]:
    """Where a country's name may go, from its label point: there, else moved within the
    room the country has there, nearest first (as the web map's ``countrySpots``)."""
    free_x, free_y = max((room_w - w) / 2, 0.0), max((room_h - h) / 2, 0.0)
    offsets = {
        (fx * free_x, fy * free_y) for fx in (0, -0.5, 0.5, -1, 1) for fy in (0, 0.5, -0.5, 1, -1)
    }
    return sorted(offsets, key=lambda o: (math.hypot(*o), o))


class _Boxes:
    """Boxes taken on the figure (display px): labels placed and points drawn."""

    def __init__(self, frame, taken: list[tuple[float, float, float, float]]):
        self.frame = frame
        self.taken = taken

    def inside(self, box: tuple[float, float, float, float]) -> bool:
        """Whether a box lies inside the map."""
        a0, b0, a1, b1 = box
        f = self.frame
        return f.x0 <= a0 and f.y0 <= b0 and a1 <= f.x1 and b1 <= f.y1

    def free(self, box: tuple[float, float, float, float]) -> bool:
        """Whether a box lies inside the map and overlaps no box taken."""
        a0, b0, a1, b1 = box
        if not self.inside(box):
            return False
        return not any(a0 < c1 and c0 < a1 and b0 < d1 and d0 < b1 for c0, d0, c1, d1 in self.taken)


def _draw_labels(ax, layers, projected, lon_0: float) -> None:
    """Name countries and the main places on the map, greedily in rank order: a label
    goes where it overlaps no label placed before it and no drawn point, inside the map
    (a place's name beside it: right, left, above or below), or is left out; a country's
    name only where the country is wide enough to hold it."""
    import matplotlib.patheffects as effects
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = ax.figure
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()
    land = builtin_basemap()["land"]
    sizes = label_rules().plot_sizes
    to_px = ax.transData
    px_per_m = abs(to_px.transform([(1, 0)])[0][0] - to_px.transform([(0, 0)])[0][0])
    pt = fig.dpi / 72.0
    reach = 2.0 * pt  # a marker's reach round its point
    boxes = _Boxes(
        ax.get_window_extent(renderer),
        [(x - reach, y - reach, x + reach, y + reach)
         for x, y in to_px.transform(_drawn_points(projected))],
    )  # fmt: skip
    for c in _label_candidates(layers, projected, lon_0):
        cx, cy = to_px.transform([c["xy"]])[0]
        if not boxes.inside((cx, cy, cx, cy)):
            continue  # its point is off the map: not worth measuring
        country = c["kind"] == "country"
        halo = effects.withStroke(linewidth=1.6, foreground=land if country else "white")
        text = ax.text(
            *c["xy"], printable(c["text"], 60), ha="center", va="center", zorder=300,
            fontsize=sizes["country" if country else "place"],
            color="#6a5f4f" if country else "#1b1b1b",
            fontweight="normal" if country else "bold",
            path_effects=[halo],
        )  # fmt: skip
        extent = text.get_window_extent(renderer)
        w, h = extent.width, extent.height
        if country:
            room_w, room_h = (v * px_per_m for v in c["room"])
            spots = (
                _country_spots(w, h, room_w, room_h)
                if w <= 1.3 * room_w and h <= 1.5 * room_h
                else []
            )
        else:
            dx = w / 2 + _LABEL_GAP_PT * pt + reach
            dy = h / 2 + _LABEL_GAP_PT * pt
            spots = [(dx, 0.0), (-dx, 0.0), (0.0, dy), (0.0, -dy)]
        for sx, sy in spots:
            box = (cx + sx - w / 2, cy + sy - h / 2, cx + sx + w / 2, cy + sy + h / 2)
            if boxes.free(box):
                text.set_position(to_px.inverted().transform([(cx + sx, cy + sy)])[0])
                boxes.taken.append(box)
                break
        else:
            text.remove()


def plot_format(path: str | Path, format: str | None = None) -> str:
    """The figure format: ``format``, else ``path``'s suffix (png, svg or pdf).

    >>> plot_format("out/map.PDF"), plot_format("-", "svg")
    ('pdf', 'svg')
    """
    chosen = format if format is not None else Path(path).suffix.lower().lstrip(".")
    if chosen not in PLOT_FORMATS:
        shown = printable(format if format is not None else path, 200)
        raise ValueError(
            f"Expected a file ending in .png, .svg or .pdf (or a format among png, svg, pdf), "
            f"instead got {shown!r}"
        )
    return chosen


def save_plot(fig: Figure, path: str | Path, *, format: str | None = None) -> Path:
    """Write ``fig`` to ``path`` atomically as PNG, SVG or PDF (by suffix or ``format``),
    with no date or version in it, so the same figure gives the same bytes."""
    from ._figure import save_figure

    return save_figure(fig, path, plot_format(path, format))
