"""The implementation of geo.countries before issue 27 (commit fb60d80), kept verbatim as the
reference the tests compare the streamed one with: every 1 km step of every line tested
against the borders. Slow and memory-hungry; for small inputs only.

Kilometres per country: lines split at Natural Earth's borders, measured on WGS84.

A line runs along the geodesic between its vertices (as :func:`geo.geodesic_length`
measures it and the map draws it). :func:`length_by_country` finds where that geodesic
crosses the borders of the base map's countries (Natural Earth 4.1.0 Admin 0 at 1:50m,
:func:`geo.basemap.countries`), and measures each piece along the geodesic. Borders are the
straight edges in longitude/latitude that Natural Earth draws; the de facto lines, no
position on any dispute.

Country codes are ISO 3166-1 alpha-3, from GeoNames' country table (``geo/data/countries.csv``,
written by ``tools/make_country_codes.py``). Five Natural Earth areas have no ISO code:
Kosovo gets ``XKX`` (GeoNames' user-assigned code); Somaliland ``SOL``, N. Cyprus ``CYN``,
Indian Ocean Ter. ``IOA`` and Siachen Glacier ``KAS`` keep Natural Earth's own ADM0_A3 code.
A piece outside every country (the sea, the Caspian) has ``country`` None.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import numpy as np
import pandas as pd
import shapely

from geo import basemap
from geo.geodesic import WGS84
from geo.geometry import continuous_lon, line_parts, named_geometries
from geo.lines import points_along

__all__ = [
    "MIN_CROSSING_KM",
    "SEA",
    "STEP_KM",
    "country_at",
    "country_codes",
    "country_sequence",
    "length_by_country",
]

#: ``country`` of a piece of line outside every Natural Earth country (sea, Caspian).
SEA = None
#: A run shorter than this (km) between two others is a graze, not a crossing, for
#: :func:`country_sequence`. In the shipped layers the grazes are 0.2 to 14.3 km (BCIM's
#: straight legs between India and Bangladesh, the China–Mongolia–Russia corridor near
#: Manzhouli, Xi'an–Baku south-west of Taraz) and the shortest run counted between two
#: others is 23.7 km.
MIN_CROSSING_KM = 15.0
#: Long geodesic legs are followed in steps of at most this (km) when looking for borders:
#: a step's chord in longitude/latitude is then within a few cm of the geodesic at the
#: latitudes of the layers, so a split point is within centimetres of the border it lies on.
STEP_KM = 1.0

COLUMNS = ["feature", "part", "country", "country_name", "length_km", "from_km", "to_km"]


def country_codes() -> pd.DataFrame:
    """Natural Earth's countries with their codes: ``ne_name`` (the name in the base map),
    ``iso_n3`` (ISO 3166-1 numeric, "" for none), ``alpha3``, ``name`` (GeoNames' name) and
    ``code_source``; one row per base map country, in its order.

    >>> codes = country_codes()
    >>> codes.loc[codes["ne_name"] == "Kazakhstan", "alpha3"].item()
    'KAZ'
    """
    return _codes().copy()


@functools.cache
def _codes() -> pd.DataFrame:
    with files("geo").joinpath("data/countries.csv").open(encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


@dataclass(frozen=True)
class _World:
    """The countries indexed for the search: polygons (with copies moved by +360° for lines
    unwrapped past 180°), each polygon's country number, and every edge of their rings."""

    codes: np.ndarray  # alpha-3 per country
    names: np.ndarray  # GeoNames name per country
    polygons: shapely.STRtree
    polygon_country: np.ndarray
    edges: shapely.STRtree
    edge_xy: np.ndarray  # (n, 4): x1, y1, x2, y2


@functools.cache
def _world() -> _World:
    frame = basemap.countries()
    codes = _codes()
    if list(codes["ne_name"]) != list(frame["name"]):
        raise RuntimeError("geo/data/countries.csv is not in step with the base map")
    polys, country = shapely.get_parts(frame.geometry.to_numpy(), return_index=True)
    seam = np.array([_crosses_seam(p) for p in polys])
    fixed, fixed_of = shapely.get_parts([_unwrapped(p) for p in polys[seam]], return_index=True)
    fixed_country = country[seam][fixed_of]
    polys, country = np.r_[polys[~seam], fixed], np.r_[country[~seam], fixed_country]
    seam = np.r_[np.zeros((~seam).sum(), bool), np.ones(len(fixed), bool)]
    copies = [polys, shapely.transform(polys, lambda xy: xy + np.array([360.0, 0.0]))]
    copies.append(shapely.transform(polys[seam], lambda xy: xy - np.array([360.0, 0.0])))
    polys = np.concatenate(copies)
    country = np.concatenate([country, country, country[seam]])
    rings = shapely.get_rings(polys)
    xy, ring = shapely.get_coordinates(rings, return_index=True)
    same = ring[1:] == ring[:-1]
    edge_xy = np.column_stack([xy[:-1][same], xy[1:][same]])
    edges = shapely.linestrings(edge_xy.reshape(-1, 2, 2))
    shapely.prepare(polys)  # many positions are tested against each (_country_numbers)
    return _World(
        codes=codes["alpha3"].to_numpy(dtype=object),
        names=codes["name"].to_numpy(dtype=object),
        polygons=shapely.STRtree(polys),
        polygon_country=country,
        edges=shapely.STRtree(edges),
        edge_xy=edge_xy,
    )


def _crosses_seam(polygon: shapely.Polygon) -> bool:
    """Whether a ring of the polygon steps across ±180° (Russia's Chukotka, Fiji,
    Antarctica): Natural Earth stores it so, and on the plane the ring is then wrong."""
    return any(
        (np.abs(np.diff(np.asarray(ring.coords)[:, 0])) > 180).any()
        for ring in (polygon.exterior, *polygon.interiors)
    )


def _unwrapped(polygon: shapely.Polygon) -> shapely.Geometry:
    """The polygon with continuous longitudes, starting east of -180°. A ring round a pole
    is closed along the pole: Natural Earth's Antarctica is a ring at -89.999° with the
    coast as its hole, so each ring is taken as the area it bounds and the polygon is what
    an odd number of them cover."""

    def unwrap(ring: shapely.LinearRing) -> np.ndarray:
        xy = np.asarray(ring.coords)
        step = (np.diff(xy[:, 0]) + 180.0) % 360.0 - 180.0
        x = xy[0, 0] + np.r_[0.0, np.cumsum(step)]
        out = np.column_stack([x, xy[:, 1]])
        if abs(x[-1] - x[0]) > 1e-9:  # round a pole: close it along the pole
            pole = 90.0 if xy[:, 1].mean() > 0 else -90.0
            out = np.vstack([out, [[x[-1], pole], [x[0], pole]]])
        return out

    rings = [unwrap(r) for r in (polygon.exterior, *polygon.interiors)]
    shift = 360.0 * np.floor((rings[0][:, 0].min() + 180.0) / 360.0)
    areas = []
    for ring in rings:
        ring[:, 0] -= shift + 360.0 * np.round((ring[:, 0].mean() - rings[0][:, 0].mean()) / 360.0)
        areas.append(shapely.make_valid(shapely.Polygon(ring)))
    return functools.reduce(shapely.symmetric_difference, areas)


# --------------------------------------------------------------------------- the line


@dataclass(frozen=True)
class _Dense:
    """Lines followed along the geodesic in steps of at most STEP_KM: every point is on the
    geodesic of its segment. Positions along each part are in metres (``at``), from
    the segments' geodesic lengths, so a part's pieces add up to its length exactly."""

    lon: np.ndarray  # unwrapped across ±180° within a part
    lat: np.ndarray
    at: np.ndarray  # metres from the part's start
    part: np.ndarray  # part number of each point
    seg: np.ndarray  # the input segment each point starts (-1 for a part's last point)
    seg_lon: np.ndarray  # each input segment's start, azimuth (deg) and start position (m)
    seg_lat: np.ndarray
    seg_az: np.ndarray
    seg_at: np.ndarray
    part_m: np.ndarray  # each part's length (m)


def _densify(lines: np.ndarray, step_m: float) -> _Dense:
    coords, part = shapely.get_coordinates(lines, return_index=True)
    lon, lat = coords[:, 0], coords[:, 1]
    same = part[1:] == part[:-1]
    i = np.flatnonzero(same)  # segment k runs from point i[k] to i[k] + 1
    az, _, seg_m = WGS84.inv(lon[i], lat[i], lon[i + 1], lat[i + 1])
    seg_m = np.asarray(seg_m, dtype=float)
    n_parts = len(lines)
    part_m = np.bincount(part[i], weights=seg_m, minlength=n_parts)
    seg_at = _cumsum_within(seg_m, part[i])
    steps = np.maximum(1, np.ceil(seg_m / step_m)).astype(np.int64)
    # the points: each segment's start and its steps, then each part's last point
    az = np.asarray(az, dtype=float)
    plon, plat, k, j = points_along(lon[i], lat[i], az, seg_m, steps)
    along = seg_m[k] * (j / steps[k])
    last = np.flatnonzero(np.r_[~same, True])  # each part's last point
    # in order along the lines: a segment's points by their step, a part's end after them
    key = np.r_[i[k] + j / steps[k], last]
    order = np.argsort(key, kind="stable")
    out_lon = np.r_[plon, lon[last]][order]
    out_lat = np.r_[plat, lat[last]][order]
    out_at = np.r_[seg_at[k] + along, part_m[part[last]]][order]
    out_part = np.r_[part[i][k], part[last]][order]
    out_seg = np.r_[k, np.full(len(last), -1)][order]
    return _Dense(
        lon=_unwrap(out_lon, out_part),
        lat=out_lat,
        at=out_at,
        part=out_part,
        seg=out_seg,
        seg_lon=lon[i],
        seg_lat=lat[i],
        seg_az=az,
        seg_at=seg_at,
        part_m=part_m,
    )


def _cumsum_within(values: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Exclusive running sum of ``values`` within runs of equal ``group`` (sorted)."""
    total = np.cumsum(values) - values
    start = np.r_[True, group[1:] != group[:-1]]
    return total - np.maximum.accumulate(np.where(start, total, 0.0))


def _unwrap(lon: np.ndarray, part: np.ndarray) -> np.ndarray:
    """Longitudes made continuous along each part (steps are short), then each part moved
    by 360° so that it starts east of -180° (the country copies cover up to 540°)."""
    if len(lon) == 0:
        return lon
    out = continuous_lon(lon, part)
    starts = np.flatnonzero(np.r_[True, part[1:] != part[:-1]])
    low = np.minimum.reduceat(out, starts)
    shift = np.where(low < -180.0, 360.0, 0.0)
    return out + np.repeat(shift, np.diff(np.r_[starts, len(lon)]))


# --------------------------------------------------------------------------- crossings


def _crossings(dense: _Dense, world: _World) -> tuple[np.ndarray, np.ndarray]:
    """Where the steps cross a country's edge: (point index of the step, fraction along it)."""
    step = np.flatnonzero(dense.part[1:] == dense.part[:-1])
    if len(step) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    x1, y1 = dense.lon[step], dense.lat[step]
    x2, y2 = dense.lon[step + 1], dense.lat[step + 1]
    segs = shapely.linestrings(np.column_stack([x1, y1, x2, y2]).reshape(-1, 2, 2))
    s, e = world.edges.query(segs, predicate="intersects")
    px, py, rx, ry = x1[s], y1[s], x2[s] - x1[s], y2[s] - y1[s]
    qx, qy = world.edge_xy[e, 0], world.edge_xy[e, 1]
    sx, sy = world.edge_xy[e, 2] - qx, world.edge_xy[e, 3] - qy
    denom = rx * sy - ry * sx
    with np.errstate(divide="ignore", invalid="ignore"):
        t = ((qx - px) * sy - (qy - py) * sx) / denom
    ok = (denom != 0) & (t >= 0) & (t <= 1)  # parallel (collinear) touches cut nothing
    return step[s[ok]], t[ok]


@dataclass(frozen=True)
class _Runs:
    """Pieces of the parts, each in one country (or the sea), in order along each part."""

    part: np.ndarray
    start_m: np.ndarray  # metres from the part's start
    end_m: np.ndarray
    country: np.ndarray  # country number, -1 for the sea


def _runs(lines: np.ndarray, step_m: float = STEP_KM * 1000.0) -> tuple[_Runs, _Dense]:
    world = _world()
    dense = _densify(lines, step_m)
    at_point, t = _crossings(dense, world)
    cut_at = dense.at[at_point] + t * (dense.at[at_point + 1] - dense.at[at_point])
    cut_part = dense.part[at_point]
    # cuts strictly inside a part, a micrometre apart at least (a line through a border
    # vertex crosses two edges there), and the part's two ends
    inside = (cut_at > 1e-6) & (cut_at < dense.part_m[cut_part] - 1e-6)
    cut_part, cut_at = cut_part[inside], cut_at[inside]
    has_length = np.flatnonzero(dense.part_m > 0)
    parts = np.r_[has_length, cut_part, has_length]
    at = np.r_[np.zeros(len(has_length)), cut_at, dense.part_m[has_length]]
    kind = np.r_[np.zeros(len(has_length)), np.ones(len(cut_at)), np.full(len(has_length), 2)]
    order = np.lexsort((kind, at, parts))
    parts, at, kind = parts[order], at[order], kind[order]
    close = np.r_[False, (parts[1:] == parts[:-1]) & (np.diff(at) <= 1e-6)]
    keep = ~(close & (kind == 1))
    parts, at = parts[keep], at[keep]
    piece = np.flatnonzero(parts[1:] == parts[:-1])
    start, stop, part = at[piece], at[piece + 1], parts[piece]
    # a part of no length ([[5, 5], [5, 5]]) is one run of 0 m where it lies
    point = np.flatnonzero(dense.part_m == 0)
    start, stop = np.r_[start, np.zeros(len(point))], np.r_[stop, np.zeros(len(point))]
    part = np.r_[part, point]
    order = np.argsort(part, kind="stable")
    start, stop, part = start[order], stop[order], part[order]
    country = _country_at(dense, part, (start + stop) / 2, world)
    # consecutive pieces in one country are one run
    new = np.r_[True, (part[1:] != part[:-1]) | (country[1:] != country[:-1])]
    first = np.flatnonzero(new)
    last = np.r_[first[1:] - 1, len(part) - 1]
    runs = _Runs(part=part[first], start_m=start[first], end_m=stop[last], country=country[first])
    return runs, dense


def _country_at(dense: _Dense, part: np.ndarray, at: np.ndarray, world: _World) -> np.ndarray:
    """The country number at positions along the parts (-1: in no country)."""
    if len(part) == 0:
        return np.zeros(0, dtype=np.int64)
    offset = np.r_[0.0, np.cumsum(dense.part_m[:-1] + 1.0)]  # parts end to end, 1 m apart
    line_at = dense.at + offset[dense.part]
    where = at + offset[part]
    i = np.clip(np.searchsorted(line_at, where, side="right") - 1, 0, len(line_at) - 2)
    span = line_at[i + 1] - line_at[i]
    f = np.where(span > 0, (where - line_at[i]) / np.where(span > 0, span, 1.0), 0.0)
    lon = dense.lon[i] + f * (dense.lon[i + 1] - dense.lon[i])
    lat = dense.lat[i] + f * (dense.lat[i + 1] - dense.lat[i])
    return _country_numbers(lon, lat, world)


def _country_numbers(lon: np.ndarray, lat: np.ndarray, world: _World) -> np.ndarray:
    """The number of the country each position lies in or on the border of (-1: in none);
    in two (a border, an overlap), the first in the base map's order. Positions may run
    from -180° to 540° (the polygons' copies cover it)."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    # the index's envelope test, then each polygon (prepared once) against its positions
    hit_point, hit_poly = world.polygons.query(shapely.points(lon, lat))
    inside = shapely.intersects_xy(
        world.polygons.geometries.take(hit_poly), lon[hit_point], lat[hit_point]
    )
    out = np.full(len(lon), np.iinfo(np.int64).max)
    np.minimum.at(out, hit_point[inside], world.polygon_country[hit_poly[inside]])
    out[out == np.iinfo(np.int64).max] = -1
    return out


def _lonlat_at(dense: _Dense, part: np.ndarray, at: np.ndarray) -> tuple[np.ndarray, ...]:
    """The points at ``at`` metres along the parts, on the geodesic of their segment (the
    split points of the runs): lon, lat, and the segment (index into ``dense.seg_*``)."""
    seg_part = dense.part[dense.seg >= 0][np.r_[True, np.diff(dense.seg[dense.seg >= 0]) != 0]]
    offset = np.r_[0.0, np.cumsum(dense.part_m[:-1] + 1.0)]  # parts end to end, 1 m apart
    key = dense.seg_at + offset[seg_part]
    k = np.searchsorted(key, at + offset[part], side="right") - 1
    lon, lat, _ = WGS84.fwd(
        dense.seg_lon[k], dense.seg_lat[k], dense.seg_az[k], at - dense.seg_at[k]
    )
    return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float), k


# --------------------------------------------------------------------------- public API


def length_by_country(obj: Any) -> pd.DataFrame:
    """The length of every line in each country it crosses, in the order it crosses them.

    Each line is split where its geodesic crosses a border of Natural Earth's countries (the
    base map's), and each piece is measured along the geodesic (WGS84). A line that leaves
    a country and comes back gets a row each time; a piece outside every country (the sea)
    gets ``country`` None. The pieces of a feature add up to its
    :func:`geo.geodesic_length` (to rounding, about 1e-15 relative).

    Parameters
    ----------
    obj : geo.Layer, GeoDataFrame, GeoSeries, shapely geometry or array-like of geometries
        Lines and multi-lines (polygons count by their rings, points give no rows). A line
        (or part) of no length gives one row of 0 km in the country where it lies. A frame
        in another CRS is transformed to WGS84 first.

    Returns
    -------
    pandas.DataFrame
        One row per feature and run through a country, in input order and then along the
        line (a multi-line part by part): ``feature`` (its ``name``, else its index),
        ``part`` (number of the part, from 0), ``country`` (ISO 3166-1 alpha-3; see the
        module's notes for the five areas without one; None for the sea),
        ``country_name``, ``length_km``, and ``from_km`` / ``to_km``: where the run starts
        and ends along the feature, its parts taken end to end.

    Examples
    --------
    >>> from shapely import LineString
    >>> almaty_tashkent = LineString([(76.95, 43.25), (69.28, 41.31)])  # one geodesic
    >>> table = length_by_country(almaty_tashkent)
    >>> table["country"].tolist()
    ['KAZ', 'KGZ', 'KAZ', 'KGZ', 'UZB']
    >>> table["length_km"].round(1).tolist()
    [147.1, 150.3, 7.4, 282.5, 80.7]
    """
    geoms, names = named_geometries(obj)
    geoms = np.where(shapely.is_missing(geoms), shapely.from_wkt("LINESTRING EMPTY"), geoms)
    lines, owner = line_parts(geoms)
    coords, part = shapely.get_coordinates(lines, return_index=True)
    bad = owner[part[~np.isfinite(coords).all(axis=1)]]
    if len(bad):  # NaN: a geometry made in Python (a file cannot hold one)
        raise ValueError(
            "Expected finite longitudes and latitudes, instead got NaN or infinity in feature "
            f"{names[int(bad[0])]!r}"
        )
    keep = shapely.get_num_coordinates(lines) >= 2
    order = np.argsort(owner[keep], kind="stable")  # each feature's parts together, in order
    lines, owner = lines[keep][order], owner[keep][order]
    if len(lines) == 0:
        return pd.DataFrame(columns=COLUMNS)
    runs, dense = _runs(lines)
    world = _world()
    # a part's place among its feature's parts, and where it starts along the feature
    part_no = np.arange(len(lines)) - np.searchsorted(owner, owner)
    part_start = _cumsum_within(dense.part_m, owner)
    feature = owner[runs.part]
    sea = runs.country < 0
    country = np.where(sea, None, world.codes[np.maximum(runs.country, 0)])
    table = pd.DataFrame(
        {
            "feature": np.asarray(names, dtype=object)[feature],
            "part": part_no[runs.part],
            "country": country,
            "country_name": np.where(sea, None, world.names[np.maximum(runs.country, 0)]),
            "length_km": (runs.end_m - runs.start_m) / 1000.0,
            "from_km": (part_start[runs.part] + runs.start_m) / 1000.0,
            "to_km": (part_start[runs.part] + runs.end_m) / 1000.0,
        }
    )
    order = np.argsort(feature, kind="stable")  # input order (parts came out grouped)
    table = table.iloc[order].reset_index(drop=True)[COLUMNS]
    for column in ("country", "country_name"):  # the sea: None, not NaN
        table[column] = table[column].astype(object).where(table[column].notna(), None)
    return table


def country_at(lon: Any, lat: Any) -> pd.DataFrame:
    """The base map's country at each position, by its borders (Natural Earth's 1:50m
    polygons, as :func:`length_by_country` splits lines at them).

    A position on a border lies in both countries' polygons: it is given to the first of
    them in the base map's order (``geo/data/countries.csv``), the rule
    :func:`length_by_country` follows for a line's runs, so that a position is in one
    country, the same whatever else is asked with it. A position on a coastline is in the
    country.

    Parameters
    ----------
    lon, lat : array-like of float
        Degrees, WGS84; any longitude is taken modulo 360°.

    Returns
    -------
    pandas.DataFrame
        One row per position, in order: ``country`` (ISO 3166-1 alpha-3, as in
        :func:`length_by_country`; None outside every country: the sea, the Caspian) and
        ``country_name``.

    Examples
    --------
    >>> country_at([76.95, 106.9, 60.0], [43.25, 47.9, 20.0]).values.tolist()
    [['KAZ', 'Kazakhstan'], ['MNG', 'Mongolia'], [None, None]]
    """
    lon = np.atleast_1d(np.asarray(lon, dtype=float))
    lat = np.atleast_1d(np.asarray(lat, dtype=float))
    world = _world()
    number = _country_numbers((lon + 180.0) % 360.0 - 180.0, lat, world)
    sea = number < 0
    return pd.DataFrame(
        {
            "country": np.where(sea, None, world.codes[np.maximum(number, 0)]),
            "country_name": np.where(sea, None, world.names[np.maximum(number, 0)]),
        },
        dtype=object,
    )


def country_sequence(obj: Any, *, min_km: float = MIN_CROSSING_KM) -> list[list[str]]:
    """The countries each line crosses, in order, as the layers' ``countries`` property lists
    them.

    From the runs of :func:`length_by_country`: runs over the sea are left out, and so is a
    run shorter than ``min_km`` km between two others of its part (a graze: Natural
    Earth's 1:50m borders are generalised, and the lines are straight legs between nodes or
    a simplified rail network, so a line along a border river or through a border post can
    cross it for some km). The first and last runs of a part always count: a line can end
    just across a border, at a terminal or a border station. A country that follows itself
    is then listed once, so CHN, KAZ, KGZ, KAZ, UZB keeps its two KAZ. A line of several
    parts lists its parts' countries one part after the other.

    ``obj`` is what :func:`length_by_country` takes; one list per feature, in input order.

    >>> from shapely import LineString
    >>> line = LineString([(76.95, 43.25), (69.28, 41.31)])  # Almaty to Tashkent
    >>> country_sequence(line)
    [['KAZ', 'KGZ', 'UZB']]
    >>> country_sequence(line, min_km=0)
    [['KAZ', 'KGZ', 'KAZ', 'KGZ', 'UZB']]
    """
    geoms, _ = named_geometries(obj)
    table = length_by_country(list(geoms))
    land = table[table["country"].notna()]
    part = list(zip(land["feature"], land["part"], strict=True))
    first = [i == 0 or part[i] != part[i - 1] for i in range(len(part))]
    last = [i == len(part) - 1 or part[i] != part[i + 1] for i in range(len(part))]
    out: list[list[str]] = [[] for _ in range(len(geoms))]
    rows = zip(land["feature"], land["country"], land["length_km"], first, last, strict=True)
    for feature, code, km, is_first, is_last in rows:
        if km < min_km and not (is_first or is_last):
            continue
        if not out[feature] or out[feature][-1] != code:
            out[feature].append(code)
    return out
