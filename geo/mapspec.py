"""The map spec: the one document the Python side hands to the map page.

:func:`map_spec` turns layers into a :class:`MapSpec`, a JSON document whose schema is
written down here (TypedDicts) and versioned by :data:`SPEC_VERSION`. The page's script
(``static/src``, bundled into ``static/bri_map.js``; its ``spec.js`` mirrors these types)
reads this document and nothing else: it draws the geometries, and builds tooltips,
popups, the legend, the layer control and search from the plain properties, putting every
text in with ``textContent`` (links only for http(s) URLs).

Geometry (:class:`GeometrySpec`) is compact: positions are quantized to 1e-5 degree
(:data:`geo.encoding.SCALE`; point layers 1e-7, :data:`POINT_SCALE`), delta-encoded
along the layer (x and y interleaved, the first from 0), zigzagged and packed at one bit
width with the rare larger values escaped to varints (``coords``:
:func:`geo.encoding.encode_packed`), as base-85 text; the shape of
each feature is a stream of unsigned varints (``shapes``), one type code per geometry
followed by its counts:

====================  ==========================================================
code (shapely type)   followed by
====================  ==========================================================
0 Point               nothing (one position)
1 LineString          n positions
3 Polygon             r rings, then each ring's n positions (closing one included)
4 MultiPoint          n points (one position each)
5 MultiLineString     p lines, then each line's n
6 MultiPolygon        q polygons, then each as a Polygon (r, then each ring's n)
7 GeometryCollection  m members, then each member as a geometry (its code first)
15 (none)             nothing: a missing or empty geometry
====================  ==========================================================

Positions are those drawn: long legs densified along the geodesic and longitudes made
continuous across ±180° (:func:`geo.unwrap_antimeridian`), so a value may lie outside
[-180, 180]. Properties (:class:`PropertiesSpec`) are stored once per layer, by column.
:func:`decode_geometries` is the reference decoder. The built-in base map
(:class:`BasemapSpec`: Natural Earth land and borders) uses the same geometry encoding, at
a coarser scale.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import Any, Literal, TypedDict

import numpy as np
import shapely
from shapely import GeometryType

from . import basemap
from .encoding import SCALE, decode_packed, decode_varints, encode_packed, encode_varints, quantize
from .format import CATEGORIES, POPUP, SYMBOLS
from .geodesic import UNITS
from .geometry import AREAS, LINEAR, POINTS, is_kind
from .layers import Layer
from .lines import densify_and_measure, unwrap_antimeridian
from .style import BASEMAPS, StyleSpec, builtin_basemap, layer_style
from .values import is_missing, plain_value

__all__ = [
    "CLUSTER_MIN_POINTS",
    "POINT_SCALE",
    "SPEC_VERSION",
    "BasemapSpec",
    "CategorySpec",
    "FigureEntry",
    "GeometrySpec",
    "LayerSpec",
    "MapSpec",
    "PropertiesSpec",
    "SeriesEntry",
    "StyleSpec",
    "basemap_geometry_text",
    "basemap_spec",
    "decode_geometries",
    "encode_geometries",
    "layer_spec",
    "map_spec",
    "series_entries",
]

#: The schema's version: raised whenever a field changes meaning or goes away.
#: 2: ``basemap`` (the built-in base map) and ``series`` (charts) added; ``basemaps`` are
#: the tile servers only. 3: ``categories`` carry ``units``; ``units`` (metres per unit)
#: and ``symbols`` (the point symbols' shapes) added.
SPEC_VERSION = 3
#: Point layers with at least this many points are clustered.
CLUSTER_MIN_POINTS = 30
#: Point layers' positions are sent at 1e-7 degree (about 1 cm), not 1e-5, so that a
#: distance measured in the page between two of them agrees with geo.distance to far
#: under a metre; it costs about two bytes a point.
POINT_SCALE = 10_000_000
#: The code of a missing or empty geometry in ``shapes``.
NONE_CODE = 15


class GeometrySpec(TypedDict):
    """A layer's geometries, compact (see the module docstring)."""

    encoding: Literal["delta-packed-b85"]
    scale: int  #: positions are integers of 1/scale degree
    shapes: str  #: base-85 text of unsigned varints: type codes and counts
    coords: dict  #: x, y deltas interleaved, zigzagged and bit-packed (geo.encoding.encode_packed)


class PropertiesSpec(TypedDict):
    """Plain properties by column: ``values[c][i]`` is column ``c`` of feature ``i``
    (null where the feature has none). ``name`` is always a column, always filled."""

    columns: list[str]
    values: list[list[Any]]


class LayerSpec(TypedDict):
    id: str
    title: str
    category: str  #: a key of MapSpec.categories
    group: str  #: the layer control group
    description: str
    source: str
    count: int  #: features
    kind: Literal["point", "line", "area", "mixed"]  #: also the legend symbol
    style: StyleSpec
    role_symbols: dict[str, str]  #: point symbol by the feature's ``role``
    cluster: bool  #: points drawn in clusters
    bounds: list[list[float]] | None  #: [[south, west], [north, east]] as drawn
    figures: list[dict[str, Any]]  #: the layer's published figures
    lengths_km: list[float | None]  #: geodesic length (polygons: perimeter); None: points
    properties: PropertiesSpec
    geometry: GeometrySpec


class FigureEntry(TypedDict):
    """One line of the map's figures panel (plain text)."""

    value: str
    label: str
    year: str
    note: str
    source: str
    where: str


class BasemapSpec(TypedDict):
    """The built-in base map (:mod:`geo.basemap`): Natural Earth land and borders."""

    name: str  #: its name in the layer control
    maxZoom: int  #: the map's deepest zoom while it is shown
    attribution: str  #: HTML, fixed text of ``data/basemaps.toml`` (never layer data)
    style: dict[str, Any]  #: {land, sea, border: CSS colours; borderWeight: CSS px}
    #: two features: the land (a MultiPolygon, filled) and the borders between countries
    #: (a MultiLineString, drawn over it), at 1/``scale`` degree = geo.basemap.BASEMAP_SCALE
    geometry: GeometrySpec


class SeriesEntry(TypedDict):
    """A time series for the figures panel's chart (plain values and text)."""

    label: str
    unit: str
    note: str
    where: str  #: the layer's name
    points: list[dict[str, Any]]  #: [{year, value, source, note}], years rising


class CategorySpec(TypedDict):
    """What the page needs to know of a category (``geo/data/categories.toml``)."""

    title: str
    group: str
    units: list[str]  #: a length is shown in each, in turn (keys of MapSpec.units)


class MapSpec(TypedDict):
    version: int
    title: str
    groups: list[str]  #: layer control groups, in order
    categories: dict[str, CategorySpec]  #: by key
    units: dict[str, float]  #: metres per unit (geo.UNITS)
    #: the point symbols (``geo/data/symbols.toml``) by name: ``{"circle": true}``, or
    #: ``{"polygon": [[x, y], ...]}`` in units of the marker's radius, y down
    symbols: dict[str, dict[str, Any]]
    popup: dict[str, Any]  #: {labels: {property: label}, hidden: [property]}
    basemap: BasemapSpec  #: the default base map, drawn from the page's own data
    basemaps: list[dict[str, Any]]  #: tile servers {name, url, maxZoom, attribution}
    #: the first view's box, [[south, west], [north, east]]: see :func:`first_view_bounds`
    bounds: list[list[float]] | None
    figures: list[FigureEntry]
    series: list[SeriesEntry]  #: charts in the figures panel
    layers: list[LayerSpec]


#: Layer-control groups, in the order of the category definitions.
GROUPS = list(dict.fromkeys(c.group for c in CATEGORIES.values()))


# --------------------------------------------------------------------------- geometry


def _shape_codes(geom: Any, out: list[int]) -> None:
    """Append the shape codes of one geometry (the order shapely gives coordinates in)."""
    if geom is None or geom.is_empty:
        out.append(NONE_CODE)
        return
    kind = int(shapely.get_type_id(geom))
    out.append(kind)
    if kind == GeometryType.POINT:
        return
    if kind in LINEAR:  # a LinearRing is drawn as a line
        out[-1] = GeometryType.LINESTRING
        out.append(len(geom.coords))
    elif kind == GeometryType.POLYGON:
        rings = [geom.exterior, *geom.interiors]
        out.append(len(rings))
        out.extend(len(r.coords) for r in rings)
    elif kind == GeometryType.MULTIPOINT:
        out.append(len(geom.geoms))
    elif kind == GeometryType.MULTILINESTRING:
        out.append(len(geom.geoms))
        out.extend(len(p.coords) for p in geom.geoms)
    elif kind == GeometryType.MULTIPOLYGON:
        out.append(len(geom.geoms))
        for poly in geom.geoms:
            rings = [poly.exterior, *poly.interiors]
            out.append(len(rings))
            out.extend(len(r.coords) for r in rings)
    else:
        members = list(geom.geoms)
        out.append(len(members))
        for member in members:
            _shape_codes(member, out)


def encode_geometries(geoms: np.ndarray, *, scale: int = SCALE) -> GeometrySpec:
    """The compact :class:`GeometrySpec` of an array of (display) geometries, positions
    quantized to 1/``scale`` degree.

    >>> from shapely import LineString, Point
    >>> spec = encode_geometries(np.array([Point(1, 2), LineString([(0, 0), (1e-5, 1)])]))
    >>> [g.wkt for g in decode_geometries(spec)]
    ['POINT (1 2)', 'LINESTRING (0 0, 1e-5 1)']
    """
    geoms = np.asarray(geoms, dtype=object)
    types = shapely.get_type_id(geoms)
    empty = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    if not empty.any() and (types == GeometryType.POINT).all():
        shapes = np.zeros(len(geoms), dtype=np.int64)
    elif not empty.any() and (types == GeometryType.LINESTRING).all():
        shapes = np.column_stack([types, shapely.get_num_coordinates(geoms)]).ravel()
    else:
        codes: list[int] = []
        for geom in geoms:
            _shape_codes(geom, codes)
        shapes = np.asarray(codes, dtype=np.int64)
    xy = shapely.get_coordinates(geoms)
    q = quantize(xy, scale).ravel()  # x0, y0, x1, y1, ...
    deltas = np.empty_like(q)
    if len(q):
        deltas[:2] = q[:2]
        deltas[2:] = q[2:] - q[:-2]
    return {
        "encoding": "delta-packed-b85",
        "scale": scale,
        "shapes": encode_varints(shapes, signed=False),
        "coords": encode_packed(deltas),
    }


def decode_geometries(spec: GeometrySpec) -> list[Any]:
    """The shapely geometries of a :class:`GeometrySpec` (None for code 15)."""
    shapes = iter(decode_varints(spec["shapes"], signed=False).tolist())
    deltas = decode_packed(spec["coords"])
    xy = (np.cumsum(deltas.reshape(-1, 2), axis=0) / spec["scale"]).tolist()
    pos = 0

    def take(n: int) -> list:
        nonlocal pos
        pos += n
        return xy[pos - n : pos]

    def polygon() -> Any:
        rings = [take(next(shapes)) for _ in range(next(shapes))]
        return shapely.Polygon(rings[0], rings[1:])

    def one(code: int) -> Any:
        if code == NONE_CODE:
            return None
        if code == 0:
            return shapely.Point(take(1)[0])
        if code == 1:
            return shapely.LineString(take(next(shapes)))
        if code == 3:
            return polygon()
        if code == 4:
            return shapely.MultiPoint(take(next(shapes)))
        if code == 5:
            return shapely.MultiLineString([take(next(shapes)) for _ in range(next(shapes))])
        if code == 6:
            return shapely.MultiPolygon([polygon() for _ in range(next(shapes))])
        return shapely.GeometryCollection([one(next(shapes)) for _ in range(next(shapes))])

    return [one(code) for code in shapes]


# --------------------------------------------------------------------------- layers


def _feature_names(layer: Layer) -> list[str]:
    """Each feature's name as text; a row added without one gets "<layer title> N"."""
    names = layer.frame["name"] if "name" in layer.frame.columns else [None] * len(layer)
    out = []
    for i, name in enumerate(names):
        text = None if is_missing(name) else str(name)
        out.append(text if text and text.strip() else f"{layer.name} {i + 1}")
    return out


def _columns(layer: Layer) -> PropertiesSpec:
    frame = layer.frame
    geometry = frame.geometry.name
    columns, values = ["name"], [_feature_names(layer)]
    for column in frame.columns:
        if column in (geometry, "name"):
            continue
        col = [None if is_missing(v) else plain_value(v) for v in frame[column].tolist()]
        if any(v is not None for v in col):
            columns.append(str(column))
            values.append(col)
    return {"columns": columns, "values": values}


def _kind(types: np.ndarray) -> str:
    present = {int(t) for t in np.unique(types) if t != GeometryType.MISSING}
    if present <= set(POINTS):
        return "point"
    if present <= {*LINEAR, GeometryType.MULTILINESTRING}:
        return "line"
    if present <= set(AREAS):
        return "area"
    return "mixed"


def _bounds(geoms: np.ndarray) -> list[list[float]] | None:
    drawn = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
    if not len(drawn):
        return None
    west, south, east, north = shapely.total_bounds(drawn)
    if not np.isfinite([west, south, east, north]).all():
        return None
    return [[round(float(south), 5), round(float(west), 5)],
            [round(float(north), 5), round(float(east), 5)]]  # fmt: skip


def layer_spec(layer: Layer, *, nth: int = 0, max_segment_km: float = 300.0) -> LayerSpec:
    """The :class:`LayerSpec` of one layer (``nth`` of its category, for its colour)."""
    category = CATEGORIES[layer.category]
    geoms = layer.geometries()
    types = shapely.get_type_id(geoms)
    points = is_kind(geoms, POINTS)
    if points.all():
        display, metres = geoms, np.zeros(len(geoms))
    else:
        display, metres = densify_and_measure(geoms, max_segment_km=max_segment_km)
    display = unwrap_antimeridian(display)
    lengths = [
        None if (p or not math.isfinite(m)) else round(float(m) / 1000.0, 3)
        for p, m in zip(points | shapely.is_missing(geoms), metres.tolist(), strict=True)
    ]
    style = layer_style(layer, nth)
    kind = _kind(types)
    return {
        "id": layer.id,
        "title": layer.name,
        "category": layer.category,
        "group": category.group,
        "description": layer.description,
        "source": layer.source,
        "count": len(geoms),
        "kind": kind,  # type: ignore[typeddict-item]
        "style": style,
        "role_symbols": {} if "marker-symbol" in layer.style else dict(category.role_markers),
        "cluster": kind == "point" and len(geoms) >= CLUSTER_MIN_POINTS,
        "bounds": _bounds(display),
        "figures": [dict(f) for f in layer.figures],
        "lengths_km": lengths,
        "properties": _columns(layer),
        "geometry": encode_geometries(display, scale=POINT_SCALE if kind == "point" else SCALE),
    }


def _fmt_figure(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, int) or float(value).is_integer():
        value = int(value)
        for size, word in ((10**9, "billion"), (10**6, "million")):
            if abs(value) >= size and value % (size // 10) == 0:
                return f"{value / size:g} {word}"
        return f"{value:,}"
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:g} {word}"
    return f"{value:,.6g}"


def figure_entries(layers: Iterable[Layer]) -> list[FigureEntry]:
    """Every published figure of the layers (layer-level, then per feature), as plain text
    for the map's figures panel; the same figure on two layers is listed once."""
    layers = list(layers)
    found: list[tuple[dict, str]] = [(f, layer.name) for layer in layers for f in layer.figures]
    for layer in layers:
        frame = layer.frame
        if "figures" not in frame.columns:
            continue
        for name, figs in zip(_feature_names(layer), frame["figures"], strict=True):
            for fig in figs if isinstance(figs, list) else []:
                if isinstance(fig, dict):
                    found.append((fig, name))
    entries: list[FigureEntry] = []
    seen = set()
    for fig, where in found:
        entry: FigureEntry = {
            "value": _fmt_figure(fig.get("value")) + (f" {fig['unit']}" if fig.get("unit") else ""),
            "label": str(fig.get("label", "")),
            "year": str(fig.get("year", "")),
            "note": str(fig.get("note") or ""),
            "source": str(fig.get("source", "")),
            "where": where,
        }
        key = (entry["value"], entry["label"], entry["year"])
        if key not in seen:
            seen.add(key)
            entries.append(entry)
    return entries


def series_entries(layers: Iterable[Layer]) -> list[SeriesEntry]:
    """The layers' time series, for the charts of the map's figures panel."""
    return [
        {
            "label": str(one.get("label", "")),
            "unit": str(one.get("unit") or ""),
            "note": str(one.get("note") or ""),
            "where": layer.name,
            "points": [
                {
                    "year": int(p["year"]),
                    "value": float(p["value"]) if not isinstance(p["value"], int) else p["value"],
                    "source": str(p.get("source", "")),
                    "note": str(p.get("note") or ""),
                }
                for p in one.get("points", [])
            ],
        }
        for layer in layers
        for one in layer.series
    ]


def first_view_bounds(specs: Sequence[LayerSpec]) -> list[list[float]] | None:
    """The box the map's first view fits: the layers whose category has ``first_view``
    (all but ports and sea lanes, ``geo/data/categories.toml``), or every layer where none
    has it. [[south, west], [north, east]], as drawn (longitudes may pass ±180°)."""
    drawn = [s for s in specs if s["bounds"]]
    framing = [s for s in drawn if CATEGORIES[s["category"]].first_view]
    return _union_bounds([s["bounds"] for s in (framing or drawn)])


def _union_bounds(boxes: list[list[list[float]]]) -> list[list[float]] | None:
    if not boxes:
        return None
    arr = np.array(boxes)
    return [[float(arr[:, 0, 0].min()), float(arr[:, 0, 1].min())],
            [float(arr[:, 1, 0].max()), float(arr[:, 1, 1].max())]]  # fmt: skip


def order_layers(layers: Iterable[Layer]) -> list[Layer]:
    """Layers in map order: by category (as defined), then id."""
    order = list(CATEGORIES)
    return sorted(layers, key=lambda layer: (order.index(layer.category), layer.id))


#: The base map's geometry as the page receives it, derived from the vendored Natural
#: Earth data by :func:`basemap_geometry_text` (``python tools/make_basemap.py`` writes it;
#: a test checks it is up to date), so that a build does not redo the derivation.
BASEMAP_FILE = "basemap_geometry.json"


def basemap_geometry_text() -> str:
    """The text of :data:`BASEMAP_FILE`: Natural Earth's land (continuous across ±180°,
    as layers are drawn: its merged land joins Chukotka and Fiji across it) and borders,
    as a :class:`GeometrySpec` at 1/:data:`geo.basemap.BASEMAP_SCALE` degree."""
    geometry = encode_geometries(
        np.array([unwrap_antimeridian(basemap.land()), basemap.borders()], dtype=object),
        scale=basemap.BASEMAP_SCALE,
    )
    return json.dumps(geometry, separators=(",", ":"), sort_keys=True) + "\n"


@functools.cache
def basemap_spec() -> BasemapSpec:
    """The built-in base map as the page receives it (the same for every map)."""
    builtin = builtin_basemap()
    geometry = (resources.files("geo") / "data" / BASEMAP_FILE).read_text(encoding="utf-8")
    return {
        "name": builtin["name"],
        "maxZoom": builtin["max_zoom"],
        "attribution": builtin["attribution"],
        "style": {
            "land": builtin["land"],
            "sea": builtin["sea"],
            "border": builtin["border"],
            "borderWeight": builtin["border_weight"],
        },
        "geometry": json.loads(geometry),
    }


def map_spec(
    layers: Iterable[Layer],
    *,
    title: str = "",
    max_segment_km: float = 300.0,
    build: Any = None,
) -> MapSpec:
    """The :class:`MapSpec` of ``layers`` (drawn in :func:`order_layers` order).

    ``build(layer, nth)`` makes each :class:`LayerSpec` (default :func:`layer_spec`).
    """
    layers = order_layers(layers)
    if build is None:

        def build(layer: Layer, nth: int) -> LayerSpec:
            return layer_spec(layer, nth=nth, max_segment_km=max_segment_km)

    specs: list[LayerSpec] = []
    seen: dict[str, int] = {}
    for layer in layers:
        nth = seen[layer.category] = seen.get(layer.category, -1) + 1
        specs.append(build(layer, nth))
    return {
        "version": SPEC_VERSION,
        "title": title,
        "groups": GROUPS,
        "categories": {
            k: {"title": c.title, "group": c.group, "units": list(c.units)}
            for k, c in CATEGORIES.items()
        },
        "units": dict(UNITS),
        "symbols": {name: symbol.spec() for name, symbol in SYMBOLS.items()},
        "popup": {"labels": dict(POPUP["labels"]), "hidden": list(POPUP["hidden"])},
        "basemap": basemap_spec(),
        "basemaps": BASEMAPS,
        "bounds": first_view_bounds(specs),
        "figures": figure_entries(layers),
        "series": series_entries(layers),
        "layers": specs,
    }
