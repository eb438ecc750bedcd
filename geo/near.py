"""What lies near a line: exact geodesic distances from points to lines on WGS84.

The distance from a point to a line is the shortest geodesic distance on the ellipsoid from
the point to any point of the line, where the line runs along the geodesic between its
vertices (as :func:`geo.geodesic_length` measures it and the map draws it); not a buffer in
degrees on the plane.

How: each geodesic segment is cut into pieces of at most ``STEP_KM`` (points on the
geodesic); a piece can hold a point within ``km`` only if its middle is within
``km + STEP_KM / 2`` (the triangle inequality), and the straight 3-D distance through the
Earth (ECEF), never more than the geodesic one, finds those middles with an index; then the
distance is minimised along each candidate piece (golden-section search on the geodesic,
pyproj's Geod, to well under a millimetre).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from numbers import Real
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely import GeometryType

from .geodesic import WGS84
from .geometry import (
    LINEAR,
    POINTS,
    earth_centred,
    frame_to_wgs84,
    is_kind,
    line_parts,
    named_geometries,
)

__all__ = ["MAX_KM", "STEP_KM", "pairs_within", "point_positions", "points_frame", "within"]

#: Segments are searched in pieces of at most this length (km).
STEP_KM = 10.0
#: No two points of the WGS84 ellipsoid are further apart than this (km): half a meridian
#: is 20,003.93 km. A ``km`` of this or more takes every point.
MAX_KM = 20_004.0
#: Golden-section steps along a piece: 0.618**60 of STEP_KM is far below a millimetre.
_ITERATIONS = 60
_GOLDEN = (math.sqrt(5.0) - 1.0) / 2.0


def _pieces(lines: np.ndarray, step_m: float) -> tuple[np.ndarray, ...]:
    """The lines' geodesic segments cut into pieces of at most ``step_m``: each piece's start
    (lon, lat), azimuth (degrees), length (m), middle (lon, lat) and line number."""
    coords, line = shapely.get_coordinates(lines, return_index=True)
    lon, lat = coords[:, 0], coords[:, 1]
    i = np.flatnonzero(line[1:] == line[:-1])
    az, _, seg_m = WGS84.inv(lon[i], lat[i], lon[i + 1], lat[i + 1])
    seg_m = np.asarray(seg_m, dtype=float)
    n = np.maximum(1, np.ceil(seg_m / step_m)).astype(np.int64)
    k = np.repeat(np.arange(len(i)), n)
    j = np.arange(len(k)) - np.repeat(np.cumsum(n) - n, n)
    piece_m = seg_m[k] / n[k]
    mlon, mlat, _ = WGS84.fwd(lon[i][k], lat[i][k], az[k], piece_m * (j + 0.5))
    return (
        lon[i][k],
        lat[i][k],
        np.asarray(az, dtype=float)[k],
        piece_m * j,  # where the piece starts along its segment
        piece_m,
        np.asarray(mlon, dtype=float),
        np.asarray(mlat, dtype=float),
        line[i][k],
    )


def points_frame(frame: Any) -> gpd.GeoDataFrame:
    """``frame`` as :func:`within` takes it: a GeoDataFrame, or a geo.Layer's frame;
    anything else is a TypeError."""
    layer_frame = getattr(frame, "frame", None)
    if isinstance(layer_frame, gpd.GeoDataFrame):
        frame = layer_frame
    if not isinstance(frame, gpd.GeoDataFrame):
        raise TypeError(f"Expected a GeoDataFrame or a Layer, instead got: {type(frame).__name__}")
    return frame


def point_positions(frame: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Every point of a frame of points, in WGS84, and the row it belongs to.

    A MultiPoint gives each of its points; a missing or empty geometry gives none. Lines
    and polygons are refused (a ValueError naming the first such row).

    Returns
    -------
    (ndarray, ndarray)
        (lon, lat) in degrees, shape (n, 2), and the position of each point's row.

    Examples
    --------
    >>> from shapely import MultiPoint, Point
    >>> frame = gpd.GeoDataFrame(geometry=[Point(1, 2), None, MultiPoint([(3, 4), (5, 6)])])
    >>> xy, row = point_positions(frame)
    >>> xy.tolist(), row.tolist()
    ([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [0, 2, 2])
    """
    geoms = np.asarray(frame_to_wgs84(frame).array, dtype=object)
    bad = np.flatnonzero(~is_kind(geoms, POINTS) & ~shapely.is_missing(geoms))
    if len(bad):
        raise ValueError(
            "Expected Point or MultiPoint geometries in frame, instead got: "
            f"{geoms[bad[0]].geom_type} at row {int(bad[0])}"
        )
    # each point's position straight from the geometries: taking the parts first
    # (shapely.get_parts) made a new geometry of every point, 100-200 bytes each, which is
    # what the memory of ``within`` grew by per point (issue 27); an empty point has none
    return shapely.get_coordinates(geoms, return_index=True)


def _line_geometries(of: Any) -> tuple[np.ndarray, list]:
    geoms, names = named_geometries(of)
    bad = np.flatnonzero(
        ~is_kind(geoms, (*LINEAR, GeometryType.MULTILINESTRING)) & ~shapely.is_missing(geoms)
    )
    if len(bad):
        raise ValueError(
            "Expected LineString or MultiLineString geometries in 'of', instead got: "
            f"{geoms[bad[0]].geom_type} at row {int(bad[0])}"
        )
    geoms = np.where(shapely.is_missing(geoms), shapely.from_wkt("LINESTRING EMPTY"), geoms)
    coords, row = shapely.get_coordinates(geoms, return_index=True)
    bad = row[~np.isfinite(coords).all(axis=1)]
    if len(bad):  # NaN: a geometry made in Python (a file cannot hold one)
        raise ValueError(
            "Expected finite longitudes and latitudes in 'of', instead got NaN or infinity at "
            f"row {int(bad[0])}"
        )
    return geoms, names


#: Pairs (point, piece) looked at in one go: memory stays bounded for many points and a
#: large ``km`` (points are taken in batches).
_PAIRS_AT_ONCE = 2_000_000


def _candidates(
    pxyz: np.ndarray, mxyz: np.ndarray, radius_m: float, tree: shapely.STRtree
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (point, piece) whose straight 3-D distance is at most ``radius_m``, with that
    distance, by point: boxes on the x-y plane through an STRtree of the pieces' middles,
    then the full 3-D check (every pair, where the radius spans the Earth)."""
    if radius_m >= 2.0 * WGS84.a:
        p = np.repeat(np.arange(len(pxyz)), len(mxyz))
        m = np.tile(np.arange(len(mxyz)), len(pxyz))
    else:
        half = np.array([radius_m, radius_m])
        boxes = shapely.box(*(pxyz[:, :2] - half).T, *(pxyz[:, :2] + half).T)
        # a point meets an upright box exactly where its envelope meets the box's: the
        # tree's own envelope test is the whole test, and many times faster than
        # predicate="intersects", which tests each pair again
        p, m = tree.query(boxes)
        if len(p) > 1 and (np.diff(p) < 0).any():
            order = np.argsort(p, kind="stable")
            p, m = p[order], m[order]
    chord = np.sqrt(np.sum((pxyz[p] - mxyz[m]) ** 2, axis=1))
    close = chord <= radius_m
    return p[close], m[close], chord[close]


def _tighten(xy, p, m, chord, mlon, mlat, step_m) -> tuple[np.ndarray, np.ndarray]:
    """Drop the pairs that cannot hold a point's nearest: the middle straight nearest to a
    point is ``d`` from it on the ellipsoid, so its nearest point of the lines is within
    ``d``, and lies on a piece whose middle is within ``d + step_m / 2`` on the ellipsoid,
    hence in a straight line too (a chord is never longer than the geodesic). ``p`` is
    sorted."""
    starts = np.flatnonzero(np.r_[True, p[1:] != p[:-1]])
    counts = np.diff(np.r_[starts, len(p)])
    least = np.minimum.reduceat(chord, starts)
    at_least = np.flatnonzero(chord == np.repeat(least, counts))
    first = at_least[np.r_[True, p[at_least][1:] != p[at_least][:-1]]]  # one per point
    d = np.asarray(WGS84.inv(xy[p[first], 0], xy[p[first], 1], mlon[m[first]], mlat[m[first]])[2])
    keep = chord <= np.repeat(d, counts) + step_m / 2 + 1e-3
    return p[keep], m[keep]


def _prune(xy, row, p, m, mlon, mlat, length, n_rows) -> tuple[np.ndarray, np.ndarray]:
    """Drop the pieces that cannot be nearest: a piece whose middle is ``d`` from the point
    holds no point nearer than ``d - length / 2``, and every piece holds one no further than
    ``d`` (its middle)."""
    d = np.asarray(WGS84.inv(xy[p, 0], xy[p, 1], mlon[m], mlat[m])[2], dtype=float)
    upper = np.full(n_rows, np.inf)
    np.minimum.at(upper, row[p], d)
    keep = d - length[m] / 2 <= upper[row[p]] + 1e-3
    return p[keep], m[keep]


def _min_along(
    plon: np.ndarray,
    plat: np.ndarray,
    lon: np.ndarray,
    lat: np.ndarray,
    az: np.ndarray,
    start: np.ndarray,
    length: np.ndarray,
) -> np.ndarray:
    """Least geodesic distance (m) from each point to its piece of geodesic (the piece from
    ``start`` to ``start + length`` m along the geodesic from (lon, lat) at azimuth ``az``):
    golden-section search, then the two ends."""

    def dist(s: np.ndarray) -> np.ndarray:
        qlon, qlat, _ = WGS84.fwd(lon, lat, az, start + s)
        return np.asarray(WGS84.inv(plon, plat, qlon, qlat)[2], dtype=float)

    lo, hi = np.zeros_like(length), length.copy()
    x1, x2 = hi - _GOLDEN * (hi - lo), lo + _GOLDEN * (hi - lo)
    f1, f2 = dist(x1), dist(x2)
    for _ in range(_ITERATIONS):
        left = f1 < f2  # the least is in [lo, x2]
        hi = np.where(left, x2, hi)
        lo = np.where(left, lo, x1)
        x2n = np.where(left, x1, lo + _GOLDEN * (hi - lo))
        x1n = np.where(left, hi - _GOLDEN * (hi - lo), x2)
        f = dist(np.where(left, x1n, x2n))
        f1, f2 = np.where(left, f, f2), np.where(left, f1, f)
        x1, x2 = x1n, x2n
    return np.minimum.reduce([f1, f2, dist(np.zeros_like(length)), dist(length)])


def _batches(
    xy: np.ndarray, mlon: np.ndarray, mlat: np.ndarray, n_parts: int, reach_m: float
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The pairs (point, piece) that can be within ``reach_m``, with their straight 3-D
    distance, in batches of about :data:`_PAIRS_AT_ONCE` pairs (points in order)."""
    step_m = STEP_KM * 1000.0
    radius = reach_m + step_m / 2
    mxyz = earth_centred(mlon, mlat)
    tree = shapely.STRtree(shapely.points(mxyz[:, 0], mxyz[:, 1]))
    # pieces one point can meet: each part passes through its ball in ~2 radius / step
    per_point = min(len(mlon), n_parts * (2 * radius / step_m + 2))
    batch = max(1, int(_PAIRS_AT_ONCE // per_point))
    for lo in range(0, len(xy), batch):  # the points' 3-D positions batch by batch too
        pxyz = earth_centred(xy[lo : lo + batch, 0], xy[lo : lo + batch, 1])
        p, m, chord = _candidates(pxyz, mxyz, radius, tree)
        if len(p):  # else nothing within reach
            yield p + lo, m, chord


def _search(
    xy: np.ndarray, row: np.ndarray, pieces: tuple, n_parts: int, reach_m: float, n_rows: int
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's least distance (m) to the pieces, where it is within ``reach_m`` (else
    inf), and the piece it is on (else -1). Points go in batches of about
    :data:`_PAIRS_AT_ONCE` pairs."""
    slon, slat, az, start, length, mlon, mlat = pieces
    best, nearest = np.full(n_rows, np.inf), np.full(n_rows, -1)
    for p, m, chord in _batches(xy, mlon, mlat, n_parts, reach_m):
        p, m = _tighten(xy, p, m, chord, mlon, mlat, STEP_KM * 1000.0)
        p, m = _prune(xy, row, p, m, mlon, mlat, length, n_rows)
        d = _min_along(xy[p, 0], xy[p, 1], slon[m], slat[m], az[m], start[m], length[m])
        order = np.lexsort((m, d, row[p]))  # per row, the least first (on a tie, the first line)
        r, d, m = row[p][order], d[order], m[order]
        first = np.r_[True, r[1:] != r[:-1]]
        r, d, m = r[first], d[first], m[first]
        better = d < best[r]  # a MultiPoint's points may come in two batches
        best[r[better]], nearest[r[better]] = d[better], m[better]
    return best, nearest


#: Margin (m) for settling a pair (row, line) by bounds: a row whose distance to a piece's
#: middle is this much inside the reach is within by :func:`within`'s search too (which
#: minimises along the piece to far below a millimetre), and one this much beyond every
#: piece's bound is not. Only the pairs between are searched along their pieces.
_SURE_M = 1e-3


def _runs(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and length of each run of equal values of a sorted array."""
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    return starts, np.diff(np.r_[starts, len(key)])


def _first_least(values: np.ndarray, starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The index of the first least value of each run."""
    least = np.repeat(np.minimum.reduceat(values, starts), counts)
    at_least = np.flatnonzero(values == least)
    run = np.repeat(np.arange(len(starts)), counts)[at_least]
    return at_least[np.r_[True, run[1:] != run[:-1]]]


def _geodesic_m(xy: np.ndarray, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    return np.asarray(WGS84.inv(xy[:, 0], xy[:, 1], lon, lat)[2], dtype=float)


def _keys_within(
    xy: np.ndarray, key: np.ndarray, m: np.ndarray, chord: np.ndarray, pieces: tuple, reach_m: float
) -> np.ndarray:
    """Of the candidate pairs (point ``xy``, piece ``m``) of the keys ``key`` (row and
    line), the keys within ``reach_m`` of their line. In three steps, each on fewer pairs:
    the piece straight-nearest to the point, whose middle within reach settles the key;
    then every piece's middle, which settles the key where one is within reach, and drops
    the pieces that cannot hold a point within reach or the key's nearest (``d - length /
    2``, the triangle inequality); then the search along the pieces left, as ``within``
    makes it, for the keys still open (points near the edge of the reach)."""
    slon, slat, az, start, length, mlon, mlat = pieces
    order = np.argsort(key, kind="stable")
    xy, key, m, chord = xy[order], key[order], m[order], chord[order]
    starts, counts = _runs(key)
    nearest = _first_least(chord, starts, counts)
    d = _geodesic_m(xy[nearest], mlon[m[nearest]], mlat[m[nearest]])
    sure = d <= reach_m - _SURE_M
    found = [key[starts][sure]]
    rest = ~np.repeat(sure, counts)
    xy, key, m = xy[rest], key[rest], m[rest]
    if not len(key):
        return found[0]
    d = _geodesic_m(xy, mlon[m], mlat[m])
    starts, counts = _runs(key)
    least = np.minimum.reduceat(d, starts)
    sure = least <= reach_m - _SURE_M
    found.append(key[starts][sure])
    bound = np.repeat(np.minimum(least, reach_m) + _SURE_M, counts)
    keep = ~np.repeat(sure, counts) & (d - length[m] / 2 <= bound)
    xy, key, m = xy[keep], key[keep], m[keep]
    if len(key):
        d = _min_along(xy[:, 0], xy[:, 1], slon[m], slat[m], az[m], start[m], length[m])
        starts, _ = _runs(key)
        found.append(key[starts][np.minimum.reduceat(d, starts) <= reach_m])
    return np.concatenate(found)


def _check_km(km: Any) -> None:
    if isinstance(km, bool | np.bool_) or not isinstance(km, Real) or not 0 < km < math.inf:
        raise ValueError(f"Expected km to be a finite number > 0, instead got: {km!r}")


def within(frame: Any, of: Any, km: float = 50.0) -> gpd.GeoDataFrame:
    """The rows of ``frame`` within ``km`` of any line of ``of``, by geodesic distance on
    WGS84, with that distance.

    Parameters
    ----------
    frame : GeoDataFrame or geo.Layer
        Points (a MultiPoint counts by its nearest point). Lines and polygons are refused:
        their distance to a line is not computed here.
    of : geo.Layer, GeoDataFrame, GeoSeries, shapely geometry or array-like of geometries
        LineStrings and MultiLineStrings; each runs along the geodesic between its vertices.
    km : float
        The distance, in km: a finite number > 0. From :data:`MAX_KM` (20,004 km, more
        than half a meridian) on, every point is within.

    Returns
    -------
    GeoDataFrame
        The rows of ``frame`` in input order, with ``distance_km`` (to the nearest point of
        any line of ``of``, on the ellipsoid) and ``nearest`` (that line's ``name``, else its
        index; of lines exactly as near, the first) added. Where nothing is within
        ``km``, no rows.

    Examples
    --------
    >>> from shapely import LineString, Point
    >>> ports = gpd.GeoDataFrame({"name": ["on", "near", "far"]},
    ...     geometry=[Point(10, 0), Point(10, 0.4), Point(10, 5)], crs=4326)
    >>> equator = LineString([(0, 0), (20, 0)])
    >>> near = within(ports, of=equator, km=50)
    >>> near["name"].tolist(), near["distance_km"].round(3).tolist()
    (['on', 'near'], [0.0, 44.23])
    """
    _check_km(km)
    frame = points_frame(frame)
    xy, row = point_positions(frame)
    lines, names = _line_geometries(of)
    parts, owner = line_parts(lines)
    best = np.full(len(frame), np.inf)
    nearest = np.full(len(frame), -1)
    reach_m = min(float(km), MAX_KM) * 1000.0  # no distance is longer: 1e300 km is "all"
    if len(parts) and len(xy):
        *pieces, line = _pieces(parts, STEP_KM * 1000.0)
        if len(line):
            best, piece = _search(xy, row, tuple(pieces), len(parts), reach_m, len(frame))
            nearest[piece >= 0] = owner[line[piece[piece >= 0]]]
    hit = best <= reach_m
    out = frame.iloc[np.flatnonzero(hit)].copy()
    out["distance_km"] = best[hit] / 1000.0
    out["nearest"] = pd.Series(np.asarray(names, dtype=object)[nearest[hit]], index=out.index)
    return out


def pairs_within(frame: Any, of: Any, km: float) -> pd.DataFrame:
    """Every pair of a row of ``frame`` and a line of ``of`` within ``km`` of each other,
    by geodesic distance on WGS84: a row near two lines makes two pairs.

    A pair is within exactly when :func:`within` of the row and that one line finds it
    within: the same pieces of geodesic and the same search along them. Most pairs are
    settled on the way by bounds (a piece's middle within ``km`` of the row; every
    piece's middle too far to hold a point within ``km``), so only rows near the edge of
    ``km`` are searched along the line, and no distance is returned.

    Parameters
    ----------
    frame : GeoDataFrame or geo.Layer
        Points, as :func:`within` takes them (a MultiPoint by its nearest point; missing
        and empty geometries are never within).
    of : geo.Layer, GeoDataFrame, GeoSeries, shapely geometry or array-like of geometries
        LineStrings and MultiLineStrings, as :func:`within` takes them.
    km : float
        The distance, in km, as :func:`within` takes it.

    Returns
    -------
    pandas.DataFrame
        ``row`` (position in ``frame``) and ``line`` (position in ``of``), both int64,
        sorted by line, then row.

    Examples
    --------
    >>> from shapely import LineString, Point
    >>> towns = gpd.GeoDataFrame(geometry=[Point(10, 0.4), Point(10, 1.5), Point(10, 5)],
    ...     crs=4326)
    >>> lines = [LineString([(0, 0), (20, 0)]), LineString([(0, 1), (20, 1)])]
    >>> pairs_within(towns, of=lines, km=100).values.tolist()
    [[0, 0], [0, 1], [1, 1]]
    """
    _check_km(km)
    frame = points_frame(frame)
    xy, row = point_positions(frame)
    lines, _ = _line_geometries(of)
    parts, owner = line_parts(lines)
    n_lines = max(len(lines), 1)
    keys = [np.zeros(0, dtype=np.int64)]  # row * n_lines + line, of each pair within
    if len(parts) and len(xy):
        *pieces, part = _pieces(parts, STEP_KM * 1000.0)
        line, reach_m = owner[part], min(float(km), MAX_KM) * 1000.0
        if km >= MAX_KM:  # every distance on the ellipsoid is shorter
            keys.append((row[:, None] * n_lines + np.unique(line)[None, :]).ravel())
        else:
            for p, m, chord in _batches(xy, pieces[5], pieces[6], len(parts), reach_m):
                key = row[p] * n_lines + line[m]
                keys.append(_keys_within(xy[p], key, m, chord, tuple(pieces), reach_m))
    found = np.unique(np.concatenate(keys))  # a MultiPoint's points may be in two batches
    out = pd.DataFrame({"row": found // n_lines, "line": found % n_lines}, dtype="int64")
    return out.sort_values(["line", "row"], kind="stable").reset_index(drop=True)
