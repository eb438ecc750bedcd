"""Labels: what the maps name, where, and which first (``geo/data/labels.toml``).

The web map names countries (Natural Earth's names, :func:`country_labels`), the layers'
points (rail terminals, border crossings, ports: :func:`layer_labels`) and the corridors
along their lines. Python decides *what* and *in which order*; the page's script
(``static/src/labels.js``) decides *where* at each view, placing labels tier by tier and
leaving out any that would overlap one already placed. The print plot (:mod:`geo.plot`)
names the same things with the same ranking.

Importance comes from the data: a country by its area, a place by how many of the map's
line features start, end or pass at it (:func:`place_line_counts`: the rail services
name their origin, destination and ``via`` places, sea lanes their ``from`` and ``to``
ports), so the hubs (Moscow, Alashankou, Singapore) are named first and from the first
view, and a place no line serves only when zoomed in.
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, TypedDict

import numpy as np
import shapely
from pyproj import Transformer
from shapely.ops import polylabel

from . import basemap
from .format import CATEGORIES, LayerError
from .geometry import LINEAR, LINES, is_kind
from .layers import Layer
from .values import is_missing

__all__ = [
    "COUNTRY_LABELS_FILE",
    "RULES_FILE",
    "CountryLabels",
    "LabelRules",
    "LabelSpec",
    "PlaceRank",
    "country_labels",
    "country_labels_text",
    "label_rules",
    "label_text",
    "layer_labels",
    "mercator_px",
    "mercator_px_inverse",
    "parse_label_rules",
    "place_line_counts",
]

#: Web Mercator's latitude limit (degrees), as Leaflet's EPSG:3857 clamps it.
MAX_LAT = 85.0511287798
#: The geometries that are lines: LineStrings, LinearRings and MultiLineStrings.
_LINES = LINES + LINEAR


class LabelSpec(TypedDict):
    """One label of a layer, as the map spec carries it."""

    feature: int  #: the feature's index in its layer
    text: str
    tier: int  #: placed in tier order, 1 first (labels.toml)
    minZoom: float  #: shown from this zoom level on
    weight: int  #: within a tier, a larger weight is placed first (a place: its lines)


class CountryLabels(TypedDict):
    """The base map's country names by column, biggest country first."""

    name: list[str]  #: Natural Earth's name
    lng: list[float]  #: the label point, degrees
    lat: list[float]
    #: room for the name at the label point, in Web Mercator pixels at zoom 0 (multiply
    #: by 2**zoom): the width of the country across the point (twice the nearer side) and
    #: the height of the largest circle inside it there
    width: list[float]
    height: list[float]
    tier: int
    minZoom: float


@dataclass(frozen=True)
class PlaceRank:
    """A row of ``[[places.rank]]``: places served by ``min_lines`` lines or more."""

    min_lines: int
    tier: int
    min_zoom: float


@dataclass(frozen=True)
class LabelRules:
    """``geo/data/labels.toml``, read and checked."""

    country_tier: int
    country_min_zoom: float
    line_fields: tuple[str, ...]
    via_field: str
    max_features: int
    ranks: tuple[PlaceRank, ...]  #: most lines first
    line_categories: tuple[str, ...]
    line_tier: int
    line_min_zoom: float
    drop_endings: tuple[str, ...]
    plot_tiers: tuple[int, ...]
    plot_sizes: Mapping[str, float]  #: points: country, place, line

    def place_rank(self, lines: int) -> PlaceRank:
        """The rank of a place served by ``lines`` line features."""
        return next(r for r in self.ranks if lines >= r.min_lines)


#: Where the labelling rules are read from (in the package).
RULES_FILE = "geo/data/labels.toml"


def parse_label_rules(text: str, where: str = RULES_FILE) -> LabelRules:
    """The :class:`LabelRules` of the text of a ``labels.toml``; a missing table or key,
    a value of the wrong kind, no ``[[places.rank]]`` row for ``min_lines = 0`` or an
    unknown category is one :class:`LayerError` line naming ``where`` and the key.

    >>> try:
    ...     parse_label_rules("[countries]")
    ... except LayerError as exc:
    ...     print(exc.problems)
    ["geo/data/labels.toml: no places.rank; expected it (see the file's notes)"]
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LayerError([f"{where}: not valid TOML ({exc}); expected TOML tables"]) from None

    def get(dotted: str, kind: Any) -> Any:
        value: Any = data
        for key in dotted.split("."):
            if not isinstance(value, dict) or key not in value:
                raise LayerError([f"{where}: no {dotted}; expected it (see the file's notes)"])
            value = value[key]
        try:
            return kind(value)
        except (TypeError, ValueError):
            raise LayerError(
                [f"{where}: {dotted} is {value!r}; expected {kind.__name__}"]
            ) from None

    def rank(row: Any) -> PlaceRank:
        if not isinstance(row, dict) or not {"min_lines", "tier", "min_zoom"} <= set(row):
            raise LayerError([f"{where}: a [[places.rank]] row is {row!r}; expected min_lines, "
                              "tier and min_zoom"])  # fmt: skip
        return PlaceRank(int(row["min_lines"]), int(row["tier"]), float(row["min_zoom"]))

    ranks = sorted((rank(r) for r in get("places.rank", list)), key=lambda r: -r.min_lines)
    if not ranks or ranks[-1].min_lines != 0:
        raise LayerError([f"{where}: [[places.rank]] has no row for min_lines = 0; expected one"])
    rules = LabelRules(
        country_tier=get("countries.tier", int),
        country_min_zoom=get("countries.min_zoom", float),
        line_fields=get("places.line_fields", tuple),
        via_field=get("places.via_field", str),
        max_features=get("places.max_features", int),
        ranks=tuple(ranks),
        line_categories=get("lines.categories", tuple),
        line_tier=get("lines.tier", int),
        line_min_zoom=get("lines.min_zoom", float),
        drop_endings=get("lines.drop_endings", tuple),
        plot_tiers=tuple(int(t) for t in get("plot.tiers", list)),
        plot_sizes={
            "country": get("plot.country_size", float),
            "place": get("plot.place_size", float),
            "line": get("plot.line_size", float),
        },
    )
    unknown = sorted(set(rules.line_categories) - set(CATEGORIES))
    if unknown:
        raise LayerError([f"{where}: lines.categories names {unknown}; expected categories"])
    return rules


@functools.cache
def label_rules() -> LabelRules:
    """The labelling rules of ``geo/data/labels.toml``, read when first used.

    >>> label_rules().place_rank(18).tier, label_rules().place_rank(0).min_zoom
    (1, 5.0)
    """
    text = (resources.files("geo") / "data" / "labels.toml").read_text(encoding="utf-8")
    return parse_label_rules(text)


# --------------------------------------------------------------------------- projection


def mercator_px(lng: Any, lat: Any) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator pixels at zoom 0 (a 256-pixel world, y down), as Leaflet projects.

    >>> x, y = mercator_px([0.0, 180.0], [0.0, 0.0])
    >>> x.tolist(), y.tolist()
    ([128.0, 256.0], [128.0, 128.0])
    """
    lng = np.asarray(lng, dtype=float)
    lat = np.clip(np.asarray(lat, dtype=float), -MAX_LAT, MAX_LAT)
    s = np.sin(np.radians(lat))
    return (lng + 180.0) / 360.0 * 256.0, (0.5 - np.log((1 + s) / (1 - s)) / (4 * np.pi)) * 256.0


def mercator_px_inverse(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """Longitude and latitude (degrees) of Web Mercator pixels at zoom 0.

    >>> lng, lat = mercator_px_inverse(*mercator_px([75.5], [39.5]))
    >>> round(float(lng[0]), 9), round(float(lat[0]), 9)
    (75.5, 39.5)
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    lat = np.degrees(2 * np.arctan(np.exp((0.5 - y / 256.0) * 2 * np.pi)) - np.pi / 2)
    return x / 256.0 * 360.0 - 180.0, lat


# --------------------------------------------------------------------------- countries

#: Areas are measured in the Lambert cylindrical equal-area projection (m²): a ring round
#: a pole (Antarctica) stays a plain polygon there.
_EQUAL_AREA = Transformer.from_crs("EPSG:4326", "+proj=cea +datum=WGS84", always_xy=True)


def _equal_area(geoms: np.ndarray) -> np.ndarray:
    def xy(coords: np.ndarray) -> np.ndarray:
        return np.column_stack(_EQUAL_AREA.transform(coords[:, 0], coords[:, 1]))

    # abs: Natural Earth's Antarctica is a ring round the pole that runs clockwise
    return np.abs(shapely.area(shapely.transform(geoms, xy)))


def _largest_polygon(geom: shapely.Geometry) -> shapely.Polygon | None:
    polys = [
        p for p in shapely.get_parts(geom)
        if shapely.get_type_id(p) == shapely.GeometryType.POLYGON and not p.is_empty
    ]  # fmt: skip
    return max(polys, key=lambda p: p.area) if polys else None


def _label_point(part: shapely.Polygon) -> tuple[float, float, float, float] | None:
    """A polygon's label point and room, in zoom-0 Mercator pixels: (x, y, width, height)
    (see :class:`CountryLabels`)."""
    if not part.is_valid:  # Antarctica's ring round the pole crosses itself there
        part = shapely.make_valid(part)
    part = _largest_polygon(shapely.clip_by_rect(part, -540.0, -MAX_LAT, 540.0, MAX_LAT))
    if part is None:
        return None
    flat = shapely.transform(part, lambda c: np.column_stack(mercator_px(c[:, 0], c[:, 1])))
    point = polylabel(flat, tolerance=0.02)
    radius = flat.boundary.distance(point)
    x0, _, x1, _ = flat.bounds
    across = shapely.intersection(flat, shapely.LineString([(x0 - 1, point.y), (x1 + 1, point.y)]))
    width = 2 * radius
    for piece in shapely.get_parts(across):
        if piece.distance(point) < 1e-9:
            a, _, b, _ = piece.bounds
            width = max(width, 2 * min(point.x - a, b - point.x))
    return point.x, point.y, width, 2 * radius


#: The country labels as the page receives them, derived from the vendored Natural Earth
#: data by :func:`country_labels_text` (``python tools/make_basemap.py`` writes it with the
#: base map; a test checks it is up to date), so that a build does not redo the derivation
#: (half a second: a polylabel search in each of 241 countries).
COUNTRY_LABELS_FILE = "country_labels.json"


def country_labels_text() -> str:
    """The text of :data:`COUNTRY_LABELS_FILE`: Natural Earth's country names
    (:func:`geo.basemap.countries`), each at the point of its largest part farthest from
    the part's edges on the Web Mercator map (polylabel), with the room there (see
    :class:`CountryLabels`), biggest country (by area) first, as JSON by column."""
    frame = basemap.countries()
    geoms = frame.geometry.to_numpy()
    areas = _equal_area(geoms)
    rows = []
    for name, geom, area in zip(frame["name"].tolist(), geoms, areas.tolist(), strict=True):
        parts = shapely.get_parts(geom)
        part = parts[int(np.argmax(_equal_area(parts)))]
        found = _label_point(part)
        if found is None or not isinstance(name, str) or not name.strip():
            continue
        x, y, width, height = found
        lng, lat = mercator_px_inverse(x, y)
        rows.append((-area, name, float(lng), float(lat), width, height))
    rows.sort()
    columns = {
        "name": [r[1] for r in rows],
        "lng": [round(r[2], 4) for r in rows],
        "lat": [round(r[3], 4) for r in rows],
        "width": [round(r[4], 4) for r in rows],
        "height": [round(r[5], 4) for r in rows],
    }
    return json.dumps(columns, ensure_ascii=False, separators=(",", ":")) + "\n"


@functools.cache
def _country_columns() -> dict[str, list]:
    text = (resources.files("geo") / "data" / COUNTRY_LABELS_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def country_labels() -> CountryLabels:
    """Natural Earth's country names at their label points, biggest country first, with
    their tier and first zoom (``labels.toml [countries]``): :data:`COUNTRY_LABELS_FILE`.

    >>> labels = country_labels()
    >>> labels["name"][:3]
    ['Russia', 'Antarctica', 'Canada']
    >>> i = labels["name"].index("Kazakhstan")
    >>> 60 < labels["lng"][i] < 75 and 45 < labels["lat"][i] < 52
    True
    """
    rules = label_rules()
    columns = _country_columns()
    return {
        "name": list(columns["name"]),
        "lng": list(columns["lng"]),
        "lat": list(columns["lat"]),
        "width": list(columns["width"]),
        "height": list(columns["height"]),
        "tier": rules.country_tier,
        "minZoom": rules.country_min_zoom,
    }


# --------------------------------------------------------------------------- layers


def _feature_text(value: Any) -> str | None:
    """A name as label text, or None for a missing or blank one."""
    if is_missing(value):
        return None
    text = " ".join(str(value).split())
    return text or None


def place_line_counts(layers: Iterable[Layer]) -> dict[str, int]:
    """How many line features of ``layers`` name each place: in a property of
    ``places.line_fields`` (origin, destination, from, to) or as the ``name`` of an entry
    of their ``via`` list; a line names a place once however often it passes.

    >>> import geopandas as gpd
    >>> from shapely import LineString
    >>> frame = gpd.GeoDataFrame(
    ...     {"name": ["a", "b"], "origin": ["Xi'an", "Xi'an"], "destination": ["Baku", None],
    ...      "via": [[{"name": "Aktau"}, {"name": "Baku"}], None]},
    ...     geometry=[LineString([(0, 0), (1, 1)])] * 2, crs=4326)
    >>> place_line_counts([Layer("r", "Routes", "rail-route", None, frame)])
    {"Xi'an": 2, 'Baku': 1, 'Aktau': 1}
    """
    rules = label_rules()
    counts: dict[str, int] = {}
    for layer in layers:
        frame = layer.frame
        lines = is_kind(layer.geometries(), _LINES)
        if not lines.any():
            continue
        fields = [frame[f].tolist() for f in rules.line_fields if f in frame.columns]
        vias = frame[rules.via_field].tolist() if rules.via_field in frame.columns else None
        for i in np.flatnonzero(lines).tolist():
            names = [_feature_text(col[i]) for col in fields]
            via = vias[i] if vias is not None else None
            if isinstance(via, list):
                names.extend(_feature_text(v.get("name")) for v in via if isinstance(v, dict))
            for name in dict.fromkeys(n for n in names if n):
                counts[name] = counts.get(name, 0) + 1
    return counts


_ABBREVIATION = re.compile(r"\(([A-Z][A-Z0-9&.\-]{1,11})\)\s*$")


def label_text(name: str) -> str:
    """A line's label: the abbreviation in brackets that ends its name, else its name
    without the first ending of ``lines.drop_endings`` it has.

    >>> label_text("China–Pakistan Economic Corridor (CPEC)")
    'CPEC'
    >>> label_text("New Eurasian Land Bridge Economic Corridor")
    'New Eurasian Land Bridge'
    >>> label_text("Belgrade–Budapest railway")
    'Belgrade–Budapest railway'
    """
    found = _ABBREVIATION.search(name)
    if found:
        return found.group(1)
    for ending in label_rules().drop_endings:
        if name.endswith(ending) and len(name) > len(ending):
            return name[: -len(ending)].rstrip()
    return name


def layer_labels(layer: Layer, counts: Mapping[str, int] | None = None) -> list[LabelSpec]:
    """The labels of one layer: each named point feature (a layer of up to
    ``places.max_features`` features), ranked by ``counts`` (:func:`place_line_counts`
    of the map's layers), and each named line of a category in ``lines.categories``.

    >>> import geopandas as gpd
    >>> from shapely import Point
    >>> frame = gpd.GeoDataFrame({"name": ["Alashankou", None]},
    ...                          geometry=[Point(82.6, 45.2), Point(0, 0)], crs=4326)
    >>> layer_labels(Layer("t", "Terminals", "rail-node", None, frame), {"Alashankou": 18})
    [{'feature': 0, 'text': 'Alashankou', 'tier': 1, 'minZoom': 0.0, 'weight': 18}]
    """
    rules = label_rules()
    counts = counts or {}
    geoms = layer.geometries()
    names = layer.frame["name"].tolist() if "name" in layer.frame.columns else [None] * len(geoms)
    points = is_kind(geoms, shapely.GeometryType.POINT)
    lines = is_kind(geoms, _LINES) & (layer.category in rules.line_categories)
    out: list[LabelSpec] = []
    if len(geoms) > rules.max_features:
        points = np.zeros_like(points)
    for i in np.flatnonzero(points | lines).tolist():
        text = _feature_text(names[i])
        if text is None:
            continue
        if points[i]:
            n = int(counts.get(text, 0))
            rank = rules.place_rank(n)
            out.append(
                {"feature": i, "text": text, "tier": rank.tier, "minZoom": rank.min_zoom,
                 "weight": n}
            )  # fmt: skip
        else:
            out.append(
                {"feature": i, "text": label_text(text), "tier": rules.line_tier,
                 "minZoom": rules.line_min_zoom, "weight": 0}
            )  # fmt: skip
    return out
