"""Line shapes for drawing: great-circle densification and the antimeridian.

A straight leg between two positions is drawn by a web map as a straight line in Web
Mercator, which is not the shortest path: :func:`densify_geodesic` adds positions along
the WGS84 geodesic. :func:`unwrap_antimeridian` makes longitudes continuous for display
(Leaflet draws ``179 -> -179`` across the whole world); :func:`split_antimeridian` cuts
lines at ±180° into MultiLineStrings for GeoJSON output, as RFC 7946 section 3.1.9 asks.
All three keep the geodesic length of every line.
"""

from __future__ import annotations

import math
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from shapely import GeometryType

from .geodesic import WGS84, inverse_m, lengths_m, thread_count
from .geometry import LINES, as_geometry_array, continuous_lon, drop_empty_parts, is_kind

__all__ = [
    "MAX_NEW_POSITIONS",
    "check_new_positions",
    "count_new_positions",
    "densify_and_measure",
    "densify_geodesic",
    "split_antimeridian",
    "unwrap_antimeridian",
]

#: Polygons, MultiPolygons and collections: unwrapped part by part, ring by ring.
_AREAL = (GeometryType.POLYGON, GeometryType.MULTIPOLYGON, GeometryType.GEOMETRYCOLLECTION)
#: densify_geodesic refuses to add more positions than this, before adding any: it peaks at
#: about 150 bytes per position added (142 measured, adding 1.9 million to CPEC), so 1.5 GB.
MAX_NEW_POSITIONS = 10_000_000


def _same_shape(result: np.ndarray, obj: Any) -> Any:
    """``result`` shaped like ``obj``: a geometry, a GeoSeries/GeoDataFrame (same index and
    CRS), or an array."""
    if isinstance(obj, shapely.Geometry) or obj is None:
        return result[0]
    if isinstance(obj, gpd.GeoDataFrame):
        out = obj.copy()
        out[obj.geometry.name] = gpd.GeoSeries(result, index=obj.index, crs=obj.crs)
        return out
    if isinstance(obj, gpd.GeoSeries):
        return gpd.GeoSeries(result, index=obj.index, crs=obj.crs, name=obj.name)
    return result.reshape(np.shape(obj))


def _geoms(obj: Any) -> np.ndarray:
    """A flat object array of the input's geometries, multi-lines without empty parts."""
    if isinstance(obj, gpd.GeoDataFrame | gpd.GeoSeries):
        geoms = np.asarray(obj.geometry.array, dtype=object)
    else:
        geoms = as_geometry_array(obj)
    return drop_empty_parts(geoms)[0]


def _nonempty_lines(geoms: np.ndarray) -> np.ndarray:
    """Positions of the (Multi)LineStrings whose parts all have positions."""
    linear = is_kind(geoms, LINES)
    linear[linear] = ~shapely.is_empty(geoms[linear])
    idx = np.flatnonzero(linear)
    if len(idx):
        parts, owner = shapely.get_parts(geoms[idx], return_index=True)
        has_empty = np.unique(owner[shapely.is_empty(parts)])
        idx = np.delete(idx, has_empty)
    return idx


def _rebuild_lines(
    geoms: np.ndarray,
    coords: np.ndarray,
    part_of: np.ndarray,
    owner: np.ndarray,
    target: np.ndarray,
) -> np.ndarray:
    """New (Multi)LineStrings for geoms[target] from coordinates grouped by part and owner."""
    out = geoms.copy()
    parts = shapely.linestrings(coords, indices=part_of)
    was_multi = shapely.get_type_id(geoms[target]) == GeometryType.MULTILINESTRING
    # owner[k] is the position in `target` of part k
    singles = ~was_multi[owner]
    out_target = np.empty(len(target), dtype=object)
    if singles.any():
        out_target[owner[singles]] = parts[singles]
    if (~singles).any():
        multi_owner = owner[~singles]
        uniq, inv = np.unique(multi_owner, return_inverse=True)
        out_target[uniq] = shapely.multilinestrings(parts[~singles], indices=inv)
    out[target] = out_target
    return out


def densify_geodesic(obj: Any, *, max_segment_km: float = 300.0) -> Any:
    """Insert positions along the WGS84 geodesic so no segment is longer than ``max_segment_km``.

    Legs at most ``max_segment_km`` long are kept as they are (a leg under about 300 km
    drawn straight in Web Mercator is within a few km of the geodesic); longer legs get
    equally spaced positions on the geodesic. Points and polygons pass through unchanged.
    The geodesic length of each line is unchanged (to rounding). Densified lines come
    back 2D.

    Parameters
    ----------
    obj : shapely geometry, GeoSeries, GeoDataFrame or array-like of geometries
        (lon, lat) degrees, WGS84.
    max_segment_km : float
        The longest segment kept, in kilometres (> 0).

    Returns
    -------
    The same kind of object as ``obj``.

    Examples
    --------
    >>> from shapely import LineString
    >>> line = densify_geodesic(LineString([(0, 0), (90, 0)]), max_segment_km=2000)
    >>> len(line.coords)
    7
    >>> densify_geodesic(LineString([(0, 0), (1, 1)])).wkt
    'LINESTRING (0 0, 1 1)'
    """
    geoms = _geoms(obj)
    return _same_shape(_densify(geoms, max_segment_km)[0], obj)


def _check_max_segment_km(max_segment_km: Any) -> float:
    if isinstance(max_segment_km, bool) or not isinstance(max_segment_km, int | float | np.number):
        raise ValueError(f"Expected max_segment_km > 0, instead got: {max_segment_km!r}")
    if not max_segment_km > 0:  # NaN too
        raise ValueError(f"Expected max_segment_km > 0, instead got: {max_segment_km!r}")
    return float(max_segment_km)


def _inserted(dist_m: np.ndarray, max_m: float) -> np.ndarray:
    """Positions inserted in each leg, as floats: a tiny max_m makes numbers past int64
    (1e-320 km: infinity), which are counted before anything is made of them."""
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        return np.maximum(np.ceil(dist_m / max_m) - 1.0, 0.0)


def _segment_lengths_m(geoms: np.ndarray) -> tuple[np.ndarray, ...]:
    """The (Multi)LineStrings to densify (positions in geoms), their parts, coordinates,
    each coordinate's part, the first position of each segment and its geodesic length (m)."""
    target = _nonempty_lines(geoms)
    parts, owner = shapely.get_parts(geoms[target], return_index=True)
    coords, part_of = shapely.get_coordinates(parts, return_index=True, include_z=False)
    seg = np.flatnonzero(part_of[1:] == part_of[:-1])
    dist = inverse_m(
        coords[seg, 0].copy(), coords[seg, 1].copy(), coords[seg + 1, 0].copy(),
        coords[seg + 1, 1].copy(), thread_count(len(seg), None),
    )  # fmt: skip
    return target, owner, coords, part_of, seg, dist


def count_new_positions(obj: Any, *, max_segment_km: float) -> float:
    """How many positions :func:`densify_geodesic` would insert, without inserting them (a
    float: at a tiny ``max_segment_km`` the count is past any integer, or infinite).

    >>> from shapely import LineString
    >>> count_new_positions(LineString([(0, 0), (90, 0)]), max_segment_km=2000)
    5.0
    >>> count_new_positions(LineString([(0, 0), (90, 0)]), max_segment_km=1e-320)
    inf
    """
    max_m = _check_max_segment_km(max_segment_km) * 1000.0
    geoms = _geoms(obj)
    if not len(_nonempty_lines(geoms)):
        return 0.0
    dist = _segment_lengths_m(geoms)[-1]
    with np.errstate(over="ignore"):
        return float(_inserted(dist, max_m).sum())


def check_new_positions(
    count: float,
    *,
    max_segment_km: float,
    limit: int = MAX_NEW_POSITIONS,
    bytes_per_position: int = 150,
    option: str = "max_segment_km",
) -> None:
    """Raise ValueError, naming the limit and ``option``, if densifying at ``max_segment_km``
    would insert more than ``limit`` positions (``count``, from :func:`count_new_positions`);
    each costs about ``bytes_per_position`` at the peak (densify_geodesic's own: 142
    measured).

    >>> check_new_positions(2e9, max_segment_km=0.0005)
    Traceback (most recent call last):
    ...
    ValueError: densifying at 0.0005 km would insert 2,000,000,000 positions, more than the limit of 10,000,000 (about 1.5 GB of memory); expected a larger max_segment_km
    """  # noqa: E501
    if count <= limit:
        return
    shown = (
        "infinitely many"
        if count == math.inf
        else f"{count:,.0f}"
        if count < 1e15
        else f"{count:.2g}"
    )
    raise ValueError(
        f"densifying at {max_segment_km:g} km would insert {shown} positions, more than the "
        f"limit of {limit:,} (about {limit * bytes_per_position / 1e9:.1f} GB of memory); "
        f"expected a larger {option}"
    )


def points_along(
    lon: np.ndarray,
    lat: np.ndarray,
    az: np.ndarray,
    dist_m: np.ndarray,
    steps: np.ndarray,
    *,
    starts: bool = True,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Points along legs of the geodesic: leg k starts at (lon[k], lat[k]) with azimuth
    az[k] (degrees) and is dist_m[k] metres long; it gets the points at j / steps[k] of its
    length, j = 0 (its start, as given) to steps[k] - 1 (``starts=False``: from j = 1).

    Returns (lon, lat, leg, j) of every point, leg by leg.

    >>> lon, lat, leg, j = points_along(np.array([0.0]), np.array([0.0]), np.array([90.0]),
    ...     np.array([200_000.0]), np.array([2]))
    >>> np.round(lon, 6).tolist(), leg.tolist(), j.tolist()
    ([0.0, 0.898315], [0, 0], [0, 1])
    """
    first = 0 if starts else 1
    count = np.asarray(steps, dtype=np.int64) - first
    leg = np.repeat(np.arange(len(count)), count)
    j = np.arange(len(leg)) - np.repeat(np.cumsum(count) - count, count) + first
    out_lon, out_lat, _ = WGS84.fwd(
        lon[leg], lat[leg], az[leg], dist_m[leg] * (j / steps[leg]), return_back_azimuth=False
    )
    out_lon, out_lat = np.asarray(out_lon, dtype=float), np.asarray(out_lat, dtype=float)
    exact = j == 0  # a leg's own start: the position as given
    out_lon[exact], out_lat[exact] = lon[leg][exact], lat[leg][exact]
    return out_lon, out_lat, leg, j


def _densify(
    geoms: np.ndarray, max_segment_km: float, *, lengths: bool = False
) -> tuple[np.ndarray, np.ndarray | None]:
    """Densified geometries and, with ``lengths``, every geometry's geodesic length in m.

    Each segment's geodesic inverse is computed once, for both (the azimuths only for
    the legs that get positions inserted).
    """
    max_m = _check_max_segment_km(max_segment_km) * 1000.0
    target = _nonempty_lines(geoms)
    km = None
    if lengths:
        km = np.zeros(len(geoms))
        others = np.setdiff1d(np.arange(len(geoms)), target)
        if len(others):
            km[others] = lengths_m(geoms[others], None)
    if not len(target):
        return geoms, km
    target, owner, coords, part_of, seg, dist = _segment_lengths_m(geoms)
    if km is not None:
        km[target] = np.bincount(owner[part_of[seg]], weights=dist, minlength=len(target))
    long_legs = dist > max_m
    if not long_legs.any():
        return geoms, km
    seg, dist = seg[long_legs], dist[long_legs]
    az = WGS84.inv(
        coords[seg, 0], coords[seg, 1], coords[seg + 1, 0], coords[seg + 1, 1],
        return_back_azimuth=False,
    )[0]  # fmt: skip
    inserted = _inserted(dist, max_m)  # positions inserted per long leg, as floats
    with np.errstate(over="ignore"):
        total = float(inserted.sum())
    check_new_positions(total, max_segment_km=max_segment_km)
    n_new = inserted.astype(np.int64)
    new_lon, new_lat, leg, step = points_along(
        coords[seg, 0], coords[seg, 1], az, dist, n_new + 1, starts=False
    )
    # fwd returns longitudes in [-180, 180]; unwrap_antimeridian joins them for display
    # position of each original coordinate in the output
    extra = np.zeros(len(coords), dtype=np.int64)
    extra[seg + 1] = n_new
    new_pos = np.arange(len(coords)) + np.cumsum(extra)
    out = np.empty((len(coords) + len(leg), 2))
    out[new_pos] = coords[:, :2]
    out_part = np.empty(len(out), dtype=np.int64)
    out_part[new_pos] = part_of
    ins_pos = new_pos[seg[leg] + 1] - n_new[leg] + step - 1
    out[ins_pos, 0], out[ins_pos, 1] = new_lon, new_lat
    out_part[ins_pos] = part_of[seg[leg]]
    return _rebuild_lines(geoms, out, out_part, owner, target), km


def densify_and_measure(
    obj: Any, *, max_segment_km: float = 300.0
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`densify_geodesic` of the geometries and their geodesic lengths in metres
    (as :func:`geo.geodesic_length` gives them), from one geodesic inverse per segment.

    >>> from shapely import LineString
    >>> lines, m = densify_and_measure([LineString([(0, 0), (90, 0)])], max_segment_km=2000)
    >>> len(lines[0].coords), round(float(m[0]))
    (7, 10018754)
    """
    geoms, m = _densify(_geoms(obj), max_segment_km, lengths=True)
    return geoms, m


def _shift_near(lon: np.ndarray, ref: float) -> np.ndarray:
    """``lon`` moved by a whole number of turns so its first value is within 180° of ``ref``."""
    return lon + np.round((ref - lon[0]) / 360.0) * 360.0


def _unwrap_ring(ring: np.ndarray, ref: float) -> np.ndarray:
    """A polygon ring with continuous longitudes near ``ref``, still closed.

    A ring that goes once round a pole (its longitudes gain a whole turn, as Natural
    Earth's Antarctica or a cap like ``[[0,80],[120,80],[-120,80],[0,80]]`` do) is closed
    along that pole, so it draws as the area it bounds.
    """
    xy = ring[:, :2].copy()
    if len(xy) > 1:
        # a step along a pole (both ends at ±90°, as Natural Earth closes Antarctica) may
        # change longitude freely: it is not a crossing of ±180°
        shift = np.round(np.diff(xy[:, 0]) / 360.0) * 360.0
        shift[(np.abs(xy[1:, 1]) == 90) & (np.abs(xy[:-1, 1]) == 90)] = 0.0
        xy[1:, 0] -= np.cumsum(shift)
    xy[:, 0] = _shift_near(xy[:, 0], ref)
    if abs(xy[-1, 0] - xy[0, 0]) > 1e-9:
        pole = -90.0 if xy[:, 1].mean() < 0 else 90.0
        xy = np.vstack([xy, [[xy[-1, 0], pole], [xy[0, 0], pole]], xy[:1]])
    return xy


def _unwrap_one(geom: shapely.Geometry) -> shapely.Geometry:
    """One geometry of any type unwrapped for display, part by part (2D)."""
    if geom is None or geom.is_empty:
        return geom
    kind = shapely.get_type_id(geom)
    if kind == shapely.GeometryType.POLYGON:
        rings = [np.asarray(geom.exterior.coords)] + [np.asarray(r.coords) for r in geom.interiors]
        shell, *holes = (_unwrap_ring(r, rings[0][0, 0]) for r in rings)
        return shapely.Polygon(shell, holes)
    if kind in (shapely.GeometryType.POINT, shapely.GeometryType.LINESTRING):
        xy = shapely.get_coordinates(geom)
        lon = continuous_lon(xy[:, 0], np.zeros(len(xy), dtype=np.int64))
        return shapely.set_coordinates(shapely.force_2d(geom), np.column_stack([lon, xy[:, 1]]))
    # parts stay where they are (a world's countries are not moved next to the first);
    # each is made continuous on its own
    parts = [p for p in shapely.get_parts(geom) if not p.is_empty]
    return type(geom)([_unwrap_one(p) for p in parts]) if parts else geom


def unwrap_antimeridian(obj: Any) -> Any:
    """Shift longitudes by whole turns so every line is one continuous arc (for display).

    Each geometry starts at its first longitude; every following position (across the
    parts of a multi-part geometry too) is moved by a multiple of 360° so that no step
    jumps more than 180°. A line from Shanghai to Chancay then runs east past 180° to
    about 283° and Leaflet draws it across the Pacific, not across Asia and Africa.

    Polygons are unwrapped ring by ring (each ring stays closed, and a ring round a pole
    is closed along the pole; holes stay with their shell). The parts of multi-polygons
    and collections are unwrapped each on its own and not moved: a world of countries
    stays one world wide. Polygons and collections come back 2D.

    >>> from shapely import LineString, Polygon
    >>> unwrap_antimeridian(LineString([(170, 0), (-170, 0)])).wkt
    'LINESTRING (170 0, 190 0)'
    >>> unwrap_antimeridian(Polygon([(170, 0), (-170, 0), (-170, 5), (170, 0)])).wkt
    'POLYGON ((170 0, 190 0, 190 5, 170 0))'
    """
    geoms = _geoms(obj)
    types = shapely.get_type_id(geoms)
    areal = np.flatnonzero(np.isin(types, _AREAL))
    if len(areal):
        geoms = geoms.copy()
        geoms[areal] = [_unwrap_one(g) for g in geoms[areal]]
    flat = np.flatnonzero(~np.isin(types, _AREAL))
    coords, idx = shapely.get_coordinates(geoms[flat], return_index=True, include_z=False)
    if not len(coords):
        return _same_shape(geoms, obj)
    lon = continuous_lon(coords[:, 0], idx)
    if np.array_equal(lon, coords[:, 0]):
        return _same_shape(geoms, obj)
    coords[:, 0] = lon
    geoms = geoms.copy()
    geoms[flat] = shapely.set_coordinates(shapely.force_2d(geoms[flat]), coords)
    return _same_shape(geoms, obj)


def _meridian_crossing(lon1, lat1, lon2, lat2, meridian):
    """Latitude where the geodesic from (lon1, lat1) to (lon2, lat2) meets ``meridian``.

    ``lon1 < meridian <= lon2`` or the reverse, on continuous longitudes; bisection on
    the geodesic's distance, 60 halvings (far below a micrometre).
    """
    az, _, dist = WGS84.inv(lon1, lat1, lon2, lat2, return_back_azimuth=False)
    lo = np.zeros_like(dist)
    hi = dist.copy()
    sign = np.sign(lon2 - lon1)
    lat1.copy()
    for _ in range(60):
        mid = (lo + hi) / 2
        lon, _lat, _ = WGS84.fwd(lon1, lat1, az, mid, return_back_azimuth=False)
        lon = lon1 + ((lon - lon1 + 180.0) % 360.0 - 180.0)
        before = (meridian - lon) * sign > 0
        lo = np.where(before, mid, lo)
        hi = np.where(before, hi, mid)
    return WGS84.fwd(lon1, lat1, az, (lo + hi) / 2, return_back_azimuth=False)[1]


def split_antimeridian(obj: Any) -> Any:
    """Cut lines that cross ±180° into MultiLineStrings with all longitudes in [-180, 180].

    Where a step is shorter going across the antimeridian, the crossing point is put on
    the geodesic at exactly ±180°, so the length is unchanged. Other geometry types pass
    through unchanged. Changed lines come back 2D (a Z value has no place at a cut).

    >>> from shapely import LineString
    >>> split_antimeridian(LineString([(170, 0), (-170, 0)])).wkt
    'MULTILINESTRING ((170 0, 180 0), (-180 0, -170 0))'
    """
    geoms = _geoms(obj)
    target = _nonempty_lines(geoms)
    if not len(target):
        return _same_shape(geoms, obj)
    parts, owner = shapely.get_parts(geoms[target], return_index=True)
    coords, part_of = shapely.get_coordinates(parts, return_index=True, include_z=False)
    lon = continuous_lon(coords[:, 0], part_of)
    lat = coords[:, 1]
    turn = np.floor((lon + 180.0) / 360.0)  # which copy of the world each position is in
    turn[lon == 180.0] = 0  # keep +180 itself in the first copy
    seg = np.flatnonzero((part_of[1:] == part_of[:-1]) & (turn[1:] != turn[:-1]))
    if not len(seg) and (np.abs(coords[:, 0]) <= 180).all():
        return _same_shape(geoms, obj)
    # one crossing per step (a step is < 180° of longitude, so it crosses at most one meridian)
    meridian = np.maximum(turn[seg], turn[seg + 1]) * 360.0 - 180.0
    cross_lat = _meridian_crossing(lon[seg], lat[seg], lon[seg + 1], lat[seg + 1], meridian)
    # assemble: each original position, and after a crossing step the two cut ends
    n = len(lon)
    extra = np.zeros(n, dtype=np.int64)
    extra[seg + 1] = 2
    pos = np.arange(n) + np.cumsum(extra)
    out = np.empty((n + 2 * len(seg), 2))
    out[pos, 0] = lon - turn * 360.0
    out[pos, 1] = lat
    east = lon[seg + 1] > lon[seg]
    end_pos, start_pos = pos[seg + 1] - 2, pos[seg + 1] - 1
    out[end_pos, 0] = np.where(east, 180.0, -180.0)
    out[start_pos, 0] = np.where(east, -180.0, 180.0)
    out[end_pos, 1] = out[start_pos, 1] = cross_lat
    # piece ids: a new piece starts at each part start and after each cut
    starts = np.zeros(len(out), dtype=np.int64)
    starts[pos[np.flatnonzero(np.concatenate([[True], part_of[1:] != part_of[:-1]]))]] = 1
    starts[start_pos] = 1
    piece = np.cumsum(starts) - 1
    part_owner = np.empty(len(out), dtype=np.int64)
    part_owner[pos] = owner[part_of]
    part_owner[end_pos] = part_owner[start_pos] = owner[part_of[seg]]
    first = np.flatnonzero(starts)
    lines = shapely.linestrings(out, indices=piece)
    piece_owner = part_owner[first]
    result = geoms.copy()
    uniq, inv = np.unique(piece_owner, return_inverse=True)
    counts = np.bincount(inv)
    merged = shapely.multilinestrings(lines, indices=inv)
    was_multi = shapely.get_type_id(geoms[target][uniq]) == GeometryType.MULTILINESTRING
    single = (counts == 1) & ~was_multi
    merged[single] = lines[np.searchsorted(inv, np.flatnonzero(single))]
    result[target[uniq]] = merged
    return _same_shape(result, obj)
