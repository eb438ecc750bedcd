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
[-180, 180]. Properties (:class:`PropertiesSpec`) are stored once per layer, by column;
each feature's status (``geo/data/status.toml``) by its key, and its years
(``start_year``, ``end_year``, ``construction_start_year``, ``status_year``: :mod:`geo.years`)
by column, beside them; the map's ``year_span`` sets the page's year slider, which shows a
year as :func:`geo.years.as_of` does.
:func:`decode_geometries` is the reference decoder. The built-in base map
(:class:`BasemapSpec`: Natural Earth land and borders) uses the same geometry encoding, at
a coarser scale.

Labels are plain JSON (no encoding): the base map's country names with their label
points (:class:`geo.labels.CountryLabels`, by column) and each layer's ``labels``
(:class:`geo.labels.LabelSpec`: the feature, its text, tier and first zoom); the page
places them (:mod:`geo.labels` says how they are ranked). The title block is ``title``,
``subtitle`` and ``about`` (:class:`AboutSpec`, from ``geo/data/about.toml``).
"""

from __future__ import annotations

import functools
import json
import math
import tomllib
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import Any, Literal, TypedDict

import numpy as np
import shapely
from shapely import GeometryType

from . import basemap
from .classes import layer_classes, layer_sizes
from .encoding import SCALE, decode_packed, decode_varints, encode_packed, encode_varints, quantize
from .format import CATEGORIES, POPUP, STATUSES, SYMBOLS
from .geodesic import UNITS
from .geometry import AREAS, LINEAR, POINTS, is_kind
from .labels import CountryLabels, LabelSpec, country_labels, layer_labels, place_line_counts
from .layers import Layer
from .lines import densify_and_measure, unwrap_antimeridian
from .style import (
    BASEMAPS,
    StyleSpec,
    builtin_basemap,
    feature_statuses,
    layer_colours,
    layer_style,
    order_layers,
)
from .values import is_missing, plain_value
from .years import feature_years, timeline_span

__all__ = [
    "CLUSTER_MIN_POINTS",
    "DEFAULT_SUBTITLE",
    "DEFAULT_TITLE",
    "POINT_SCALE",
    "SPEC_VERSION",
    "AboutSpec",
    "BasemapSpec",
    "CategorySpec",
    "ClassesSpec",
    "FigureEntry",
    "GeometrySpec",
    "LayerSpec",
    "MapSpec",
    "PropertiesSpec",
    "SeriesEntry",
    "SizesSpec",
    "StatusSpec",
    "StyleSpec",
    "about_spec",
    "basemap_geometry_text",
    "basemap_spec",
    "country_names",
    "decode_geometries",
    "encode_geometries",
    "layer_spec",
    "map_spec",
    "series_entries",
]

#: The schema's version: raised whenever a field changes meaning or goes away.
#: 2: ``basemap`` (the built-in base map) and ``series`` (charts) added; ``basemaps`` are
#: the tile servers only. 3: ``categories`` carry ``units``; ``units`` (metres per unit)
#: and ``symbols`` (the point symbols' shapes) added. 4: the title block (``subtitle``,
#: ``about``) and labels (``basemap.labels``, each layer's ``labels``) added. 5: ``status``
#: (the status vocabulary: its statuses, grey and sample) and each layer's ``status`` (its
#: features' statuses by key) added; ``categories`` carry ``noun`` and ``count``;
#: ``countries`` (names by ISO code) and ``popup.countries``, ``popup.identifiers`` and
#: ``popup.folded`` added. 6: each layer's ``years`` (its features' years, by column:
#: :func:`geo.years.feature_years`) and the map's ``year_span`` added (the page's year
#: slider: :mod:`geo.years`). 7: each layer's ``classes`` and ``sizes`` (a classed style:
#: :mod:`geo.classes`) added.
SPEC_VERSION = 7
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


class ClassesSpec(TypedDict):
    """A layer's features in classes (:class:`geo.classes.Classes`): by column, each
    feature's class in ``index``, each class's colour and label once."""

    by: str  #: the property
    scheme: str  #: quantiles, equal, natural or categories
    palette: str  #: the sequential palette's name, or "qualitative"
    colors: list[str]  #: a colour a class (the last: "no value", where features lack it)
    labels: list[str]  #: a label a class, as the legends show it ("1.2 M – 3.5 M")
    breaks: list[float]  #: numeric schemes: the lowest value, then each class's highest
    index: list[int]  #: each feature's class


class SizesSpec(TypedDict):
    """A layer's points sized by a property (:class:`geo.classes.Sizes`)."""

    by: str  #: the property
    radius: list[float]  #: each feature's radius, CSS px (area proportional to the value)
    legend: list[dict[str, Any]]  #: {value, label, radius}: the legend's sample sizes


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
    #: each feature's status, a key of MapSpec.statuses (None: it has none); None for a
    #: layer whose features have no status
    status: list[str | None] | None
    #: each feature's years by column (:func:`geo.years.feature_years`): for each of
    #: ``start_year``, ``end_year``, ``construction_start_year`` and ``status_year`` that
    #: the layer's features carry, a list a feature (None where one has none); None for a
    #: layer whose features carry none. With ``status`` they say where a feature stands in
    #: a year (:func:`geo.years.status_in`: the page's ``src/years.js`` follows it)
    years: dict[str, list[int | None]] | None
    geometry: GeometrySpec
    labels: list[LabelSpec]  #: the features named on the map (geo.labels.layer_labels)
    #: the features' classes (a style's ``color-by``); None for a layer of one colour
    classes: ClassesSpec | None
    #: the points' sizes (a style's ``size-by``); None for a layer of one size
    sizes: SizesSpec | None


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
    labels: CountryLabels  #: the country names (geo.labels.country_labels)


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
    noun: list[str]  #: [one, many]: what the layer control counts
    count: Literal["features", "length"]  #: the layer control's count: features or length


class StatusSpec(TypedDict):
    """A status of the vocabulary (``geo/data/status.toml``) and how it is drawn."""

    key: str
    label: str  #: the legend's and popups' words
    note: str  #: what it means
    dash: str  #: lines: a dash pattern replacing the layer's ("" keeps it)
    opacity: float  #: multiplies the layer's opacity
    weight: float  #: multiplies the layer's line width
    greyed: float  #: how far the colour is mixed toward MapSpec.grey, 0 to 1
    hollow: bool  #: points: a ring, white inside


class AboutSpec(TypedDict):
    """The title block's "about" panel (``geo/data/about.toml``: plain text). The page
    lists the sources of the layers drawn (their ``source``) after the sections."""

    link: str  #: the line that opens the panel
    heading: str
    sections: list[dict[str, str]]  #: [{heading, text}]
    sources_heading: str
    sources_note: str
    basemap: str  #: the base map's source


class MapSpec(TypedDict):
    version: int
    title: str
    subtitle: str  #: one line under the title
    about: AboutSpec
    groups: list[str]  #: layer control groups, in order
    categories: dict[str, CategorySpec]  #: by key
    units: dict[str, float]  #: metres per unit (geo.UNITS)
    #: the point symbols (``geo/data/symbols.toml``) by name: ``{"circle": true}``, or
    #: ``{"polygon": [[x, y], ...]}`` in units of the marker's radius, y down
    symbols: dict[str, dict[str, Any]]
    #: {labels: {property: label}, hidden: [property], countries: [property holding ISO
    #: codes], identifiers: [property shown as it is, never as a quantity], folded:
    #: {property: a list longer than this is folded}}
    popup: dict[str, Any]
    #: the status vocabulary: {statuses: [StatusSpec] in the legend's order, grey: the
    #: colour greyed statuses are mixed toward, sample: the colour the legend draws them in}
    status: dict[str, Any]
    countries: dict[str, str]  #: the names of the countries the layers name, by ISO code
    basemap: BasemapSpec  #: the default base map, drawn from the page's own data
    basemaps: list[dict[str, Any]]  #: tile servers {name, url, maxZoom, attribution}
    #: the first view's box, [[south, west], [north, east]]: see :func:`first_view_bounds`
    bounds: list[list[float]] | None
    figures: list[FigureEntry]
    series: list[SeriesEntry]  #: charts in the figures panel
    #: [first, last]: the years the layers' features name, from ``timeline_from`` of
    #: geo/data/years.toml at the earliest (:func:`geo.years.timeline_span`);
    #: None when none names a year, or for a map of one year (the page then shows no
    #: year slider)
    year_span: list[int] | None
    layers: list[LayerSpec]


#: The title block's texts (``geo/data/about.toml``).
_ABOUT = tomllib.loads((resources.files("geo") / "data" / "about.toml").read_text(encoding="utf-8"))
#: The title and subtitle of the shipped map (``geo/data/about.toml``).
DEFAULT_TITLE: str = _ABOUT["title"]
DEFAULT_SUBTITLE: str = _ABOUT["subtitle"]
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


def layer_spec(
    layer: Layer,
    *,
    colour: str | None = None,
    max_segment_km: float = 300.0,
    place_counts: dict[str, int] | None = None,
) -> LayerSpec:
    """The :class:`LayerSpec` of one layer, in ``colour`` (default
    :func:`geo.style.layer_colour`; :func:`map_spec` gives each layer its colour of
    :func:`geo.style.layer_colours`); ``place_counts`` ranks its places' labels
    (:func:`geo.labels.place_line_counts` of the map's layers; default: of this layer
    alone)."""
    if place_counts is None:
        place_counts = place_line_counts([layer])
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
    style = layer_style(layer, colour)
    kind = _kind(types)
    classes, sizes = layer_classes(layer), layer_sizes(layer)
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
        # classed or sized points are each drawn: a cluster would hide their classes
        "cluster": kind == "point"
        and len(geoms) >= CLUSTER_MIN_POINTS
        and classes is None
        and sizes is None,
        "bounds": _bounds(display),
        "figures": [dict(f) for f in layer.figures],
        "lengths_km": lengths,
        "properties": _columns(layer),
        "status": feature_statuses(layer),
        "years": feature_years(layer),
        "geometry": encode_geometries(display, scale=POINT_SCALE if kind == "point" else SCALE),
        "labels": layer_labels(layer, place_counts),
        "classes": None if classes is None else classes.spec(),  # type: ignore[typeddict-item]
        "sizes": None if sizes is None else sizes.spec(),  # type: ignore[typeddict-item]
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


def country_names(layers: Iterable[Layer]) -> dict[str, str]:
    """The names of the countries the layers' features name by ISO 3166-1 alpha-3 code (in
    the properties ``popup.toml`` lists as ``countries``), from ``geo/data/countries.csv``
    (GeoNames' names), sorted by code; a code the table lacks is left out (shown as it is).
    """
    from .countries import country_codes

    keys = list(POPUP["countries"])
    found: set[str] = set()
    for layer in layers:
        for key in keys:
            if key not in layer.frame.columns:
                continue
            for value in layer.frame[key].tolist():
                codes = value if isinstance(value, list | tuple | np.ndarray) else [value]
                found.update(c for c in codes if isinstance(c, str))
    table = country_codes()
    names: dict[str, str] = {}
    for code, name in zip(table["alpha3"], table["name"], strict=True):
        if code in found and name:
            names.setdefault(code, name)
    return dict(sorted(names.items()))


def _year_span(layers: Iterable[Layer]) -> list[int] | None:
    span = timeline_span(layers)
    return None if span is None else [span[0], span[1]]


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
        "labels": country_labels(),
    }


def about_spec() -> AboutSpec:
    """The title block's "about" panel, from ``geo/data/about.toml``."""
    about = _ABOUT["about"]
    return {
        "link": about["link"],
        "heading": about["heading"],
        "sections": [{"heading": s["heading"], "text": s["text"]} for s in about["section"]],
        "sources_heading": about["sources_heading"],
        "sources_note": about["sources_note"],
        "basemap": about["basemap"],
    }


def map_spec(
    layers: Iterable[Layer],
    *,
    title: str = "",
    subtitle: str = "",
    max_segment_km: float = 300.0,
    build: Any = None,
    year: int | None = None,
) -> MapSpec:
    """The :class:`MapSpec` of ``layers`` (drawn in :func:`order_layers` order), with
    ``title`` and ``subtitle`` in its title block. ``year``: the year ``layers`` were
    taken as of (:func:`geo.as_of`), a map of that one year, which has no year slider
    (``year_span`` None).

    ``build(layer, colour)`` makes each :class:`LayerSpec` (default :func:`layer_spec`);
    ``colour`` is the layer's of :func:`geo.style.layer_colours`. The labels of each are
    then ranked over all of ``layers`` (a place that many of the map's lines serve is named
    first: :mod:`geo.labels`).
    """
    layers = order_layers(layers)
    if build is None:

        def build(layer: Layer, colour: str) -> LayerSpec:
            return layer_spec(layer, colour=colour, max_segment_km=max_segment_km)

    colours = layer_colours(layers)
    counts = place_line_counts(layers)
    specs: list[LayerSpec] = []
    for layer in layers:
        spec = build(layer, colours[layer.id])
        spec["labels"] = layer_labels(layer, counts)
        specs.append(spec)
    return {
        "version": SPEC_VERSION,
        "title": title,
        "subtitle": subtitle,
        "about": about_spec(),
        "groups": GROUPS,
        "categories": {
            k: {
                "title": c.title,
                "group": c.group,
                "units": list(c.units),
                "noun": list(c.noun),
                "count": c.count,  # type: ignore[typeddict-item]
            }
            for k, c in CATEGORIES.items()
        },
        "units": dict(UNITS),
        "symbols": {name: symbol.spec() for name, symbol in SYMBOLS.items()},
        "popup": {
            "labels": dict(POPUP["labels"]),
            "hidden": list(POPUP["hidden"]),
            "countries": list(POPUP["countries"]),
            "identifiers": list(POPUP["identifiers"]),
            "folded": dict(POPUP["folded"]),
        },
        "status": {
            "statuses": [status.spec() for status in STATUSES.values()],
            "grey": STATUSES.grey,
            "sample": STATUSES.sample,
        },
        "countries": country_names(layers),
        "basemap": basemap_spec(),
        "basemaps": BASEMAPS,
        "bounds": first_view_bounds(specs),
        "figures": figure_entries(layers),
        "series": series_entries(layers),
        "year_span": None if year is not None else _year_span(layers),
        "layers": specs,
    }
