"""Kilometres per country: lines split at Natural Earth's borders, measured on WGS84.

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
import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from . import basemap
from .geodesic import WGS84, thread_count
from .geometry import line_parts, named_geometries
from .graph import cached_arrays
from .lines import points_along

__all__ = [
    "CHUNK_SEGMENTS",
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
#: :func:`country_sequence`. In the shipped layers the grazes are 0.5 to 12.2 km (Xi'an–
#: Sławków at the Polish–Ukrainian border, the China–Central Asia–West Asia corridor in
#: Tajikistan and Uzbekistan, CMEC and BCIM at the Chinese–Myanmar border, the Middle
#: Corridor services in Kyrgyzstan near Taraz) and the shortest run counted between two
#: others is 25.1 km.
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


#: The grid of cells that screens boxes for edges: fine cells of 1/64° (their keys, for
#: a line's steps of about 1 km), and coarse ones of 1/4° (counts summed over the area, for
#: a whole segment's box); longitudes from -540° to 540° (the countries' copies).
_FINE_PER_DEG = 64
_FINE_PER_COARSE = 16
_GRID_WEST = -540.0
_GRID_SOUTH = -90.0
_GRID_FINE_X = 1080 * _FINE_PER_DEG
_GRID_FINE_Y = 180 * _FINE_PER_DEG
#: Margin (degrees) added round boxes in the grid, far above rounding.
_CELL_MARGIN_DEG = 1e-9


def _fine_cells(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fine cell column and row of positions (clipped to the grid)."""
    cx = np.floor((np.asarray(x) - _GRID_WEST) * _FINE_PER_DEG).astype(np.int64)
    cy = np.floor((np.asarray(y) - _GRID_SOUTH) * _FINE_PER_DEG).astype(np.int64)
    return np.clip(cx, 0, _GRID_FINE_X - 1), np.clip(cy, 0, _GRID_FINE_Y - 1)


@dataclass(frozen=True)
class _EdgeCells:
    """Which cells of a grid in longitude/latitude the countries' edges touch: a box that
    touches none of them meets no edge, so only the boxes that do are searched exactly.
    Conservative: each edge is cut in pieces of half a fine cell at most, and every cell
    its pieces' boxes (a margin added) touch is marked."""

    coarse: np.ndarray  # marked coarse cells summed over the area: (rows + 1, columns + 1)
    block: np.ndarray  # each coarse cell's block of fine cells (0: a block of none marked)
    fine: np.ndarray  # (blocks, 16 * 16 / 8) bits: the fine cells marked in each block

    @classmethod
    def of(cls, edge_xy: np.ndarray) -> _EdgeCells:
        """The cells of the edges ``edge_xy`` ((n, 4): x1, y1, x2, y2)."""
        return cls.from_marks(**_edge_marks(edge_xy))

    @classmethod
    def from_marks(cls, marked: np.ndarray, bits: np.ndarray) -> _EdgeCells:
        """The cells from :func:`_edge_marks`' arrays (the coarse cells marked, and the
        marked fine cells of each marked coarse cell's block, packed)."""
        rows, cols = marked.shape
        block = np.zeros(rows * cols, dtype=np.int32)
        block[marked.ravel()] = np.arange(1, marked.sum() + 1)
        area = np.zeros((rows + 1, cols + 1), dtype=np.int32)
        area[1:, 1:] = marked.cumsum(axis=0, dtype=np.int32).cumsum(axis=1, dtype=np.int32)
        return cls(coarse=area, block=block, fine=bits)

    def in_coarse(self, x0, y0, x1, y1) -> np.ndarray:
        """Whether each box (any size) touches a coarse cell an edge touches."""
        e = _CELL_MARGIN_DEG
        cx0, cy0 = (c // _FINE_PER_COARSE for c in _fine_cells(x0 - e, y0 - e))
        cx1, cy1 = (c // _FINE_PER_COARSE + 1 for c in _fine_cells(x1 + e, y1 + e))
        a = self.coarse
        return (a[cy1, cx1] - a[cy0, cx1] - a[cy1, cx0] + a[cy0, cx0]) > 0

    def in_fine(self, x0, y0, x1, y1) -> np.ndarray:
        """Whether each box touches a fine cell an edge touches (a box wider than two cells
        either way counts as touching)."""
        e = _CELL_MARGIN_DEG
        cx0, cy0 = _fine_cells(x0 - e, y0 - e)
        cx1, cy1 = _fine_cells(x1 + e, y1 + e)
        out = (cx1 - cx0 > 1) | (cy1 - cy0 > 1)
        cols = _GRID_FINE_X // _FINE_PER_COARSE
        for cx in (cx0, cx1):
            for cy in (cy0, cy1):
                b = self.block[(cy // _FINE_PER_COARSE) * cols + cx // _FINE_PER_COARSE]
                local = (cy % _FINE_PER_COARSE) * _FINE_PER_COARSE + cx % _FINE_PER_COARSE
                out |= ((self.fine[b, local >> 3] >> (local & 7).astype(np.uint8)) & 1) > 0
        return out


def _edge_marks(edge_xy: np.ndarray) -> dict[str, np.ndarray]:
    """The grid cells the edges ``edge_xy`` ((n, 4): x1, y1, x2, y2) touch, as
    :class:`_EdgeCells` keeps them: ``marked``, each coarse cell an edge touches (rows,
    columns), and ``bits``, for the marked coarse cells in order (after a first block of
    none), which of their 16 x 16 fine cells an edge touches (packed, little-endian bits).
    Each edge is cut in pieces of half a fine cell at most, and every cell its pieces' boxes
    (a margin added) touch is marked."""
    x1, y1, x2, y2 = edge_xy.T
    span = np.maximum(np.abs(x2 - x1), np.abs(y2 - y1)) * _FINE_PER_DEG
    n = np.maximum(1, np.ceil(2.0 * span)).astype(np.int64)  # half a cell at most
    edge = np.repeat(np.arange(len(n)), n)
    i = np.arange(len(edge)) - np.repeat(np.cumsum(n) - n, n)
    t0, t1 = i / n[edge], (i + 1) / n[edge]
    ax, bx = x1[edge] + t0 * (x2 - x1)[edge], x1[edge] + t1 * (x2 - x1)[edge]
    ay, by = y1[edge] + t0 * (y2 - y1)[edge], y1[edge] + t1 * (y2 - y1)[edge]
    e = _CELL_MARGIN_DEG
    cx0, cy0 = _fine_cells(np.minimum(ax, bx) - e, np.minimum(ay, by) - e)
    cx1, cy1 = _fine_cells(np.maximum(ax, bx) + e, np.maximum(ay, by) + e)
    # a piece spans at most two cells each way (it is shorter than one): its corners
    rows, cols = _GRID_FINE_Y // _FINE_PER_COARSE, _GRID_FINE_X // _FINE_PER_COARSE
    marked = np.zeros((rows, cols), dtype=bool)
    for cx in (cx0, cx1):
        for cy in (cy0, cy1):
            marked[cy // _FINE_PER_COARSE, cx // _FINE_PER_COARSE] = True
    block = np.zeros(rows * cols, dtype=np.int32)
    block[marked.ravel()] = np.arange(1, marked.sum() + 1)
    bits = np.zeros((int(marked.sum()) + 1, _FINE_PER_COARSE**2), dtype=bool)
    for cx in (cx0, cx1):
        for cy in (cy0, cy1):
            b = block[(cy // _FINE_PER_COARSE) * cols + cx // _FINE_PER_COARSE]
            bits[b, (cy % _FINE_PER_COARSE) * _FINE_PER_COARSE + cx % _FINE_PER_COARSE] = True
    return {"marked": marked, "bits": np.packbits(bits, axis=1, bitorder="little")}


#: Consecutive edges per box of the edges' index (see :class:`_EdgeIndex`).
_EDGES_PER_BOX = 8


@dataclass(frozen=True)
class _EdgeIndex:
    """The countries' edges, indexed by one box per run of :data:`_EDGES_PER_BOX`
    consecutive edges: an STRtree of 25,447 boxes rather than of 203,573 lines (making a
    geometry of every edge took a few tenths of a second a process). A chord's edges are
    then found among its runs' edges: those whose box meets the chord's, and of those the
    ones a line of the edge intersects (GEOS), as a tree of the edges finds them."""

    tree: shapely.STRtree
    xy: np.ndarray  # (n, 4): x1, y1, x2, y2
    low: np.ndarray  # (n, 2): each edge's least x and y
    high: np.ndarray  # (n, 2): and greatest

    @classmethod
    def of(cls, edge_xy: np.ndarray) -> _EdgeIndex:
        low = np.minimum(edge_xy[:, :2], edge_xy[:, 2:])
        high = np.maximum(edge_xy[:, :2], edge_xy[:, 2:])
        starts = np.arange(0, len(edge_xy), _EDGES_PER_BOX)
        box_low = np.minimum.reduceat(low, starts) if len(starts) else low
        box_high = np.maximum.reduceat(high, starts) if len(starts) else high
        boxes = shapely.box(box_low[:, 0], box_low[:, 1], box_high[:, 0], box_high[:, 1])
        return cls(tree=shapely.STRtree(boxes), xy=edge_xy, low=low, high=high)

    def near(self, boxes: np.ndarray) -> np.ndarray:
        """The positions of the ``boxes`` (geometries) whose envelope meets a run's box:
        every box that meets an edge's, and a few more."""
        hit, _ = self.tree.query(boxes)
        return np.unique(hit)

    def crossing(self, x1, y1, x2, y2) -> tuple[np.ndarray, np.ndarray]:
        """The pairs (chord, edge) where the chord from (x1, y1) to (x2, y2) intersects the
        edge: chords by position, edges by row of ``xy``."""
        chords = shapely.linestrings(np.column_stack([x1, y1, x2, y2]).reshape(-1, 2, 2))
        s, run = self.tree.query(chords)
        e = (run[:, None] * _EDGES_PER_BOX + np.arange(_EDGES_PER_BOX)).ravel()
        s = np.repeat(s, _EDGES_PER_BOX)
        s, e = s[e < len(self.xy)], e[e < len(self.xy)]
        lo_x, hi_x = np.minimum(x1, x2)[s], np.maximum(x1, x2)[s]
        lo_y, hi_y = np.minimum(y1, y2)[s], np.maximum(y1, y2)[s]
        meet = (self.low[e, 0] <= hi_x) & (self.high[e, 0] >= lo_x)
        meet &= (self.low[e, 1] <= hi_y) & (self.high[e, 1] >= lo_y)
        s, e = s[meet], e[meet]
        edges, which = np.unique(e, return_inverse=True)
        lines = shapely.linestrings(self.xy[edges].reshape(-1, 2, 2))
        hit = shapely.intersects(chords[s], lines[which])
        return s[hit], e[hit]


@dataclass(frozen=True)
class _World:
    """The countries indexed for the search: polygons (with copies moved by +360° for lines
    unwrapped past 180°), each polygon's country number, and every edge of their rings."""

    codes: np.ndarray  # alpha-3 per country
    names: np.ndarray  # GeoNames name per country
    polygons: shapely.STRtree
    polygon_country: np.ndarray
    edges: _EdgeIndex
    edge_xy: np.ndarray  # (n, 4): x1, y1, x2, y2
    cells: _EdgeCells


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
    shapely.prepare(polys)  # many positions are tested against each (_country_numbers)
    return _World(
        codes=codes["alpha3"].to_numpy(dtype=object),
        names=codes["name"].to_numpy(dtype=object),
        polygons=shapely.STRtree(polys),
        polygon_country=country,
        edges=_EdgeIndex.of(edge_xy),
        edge_xy=edge_xy,
        cells=_cached_cells(edge_xy),
    )


def _cached_cells(edge_xy: np.ndarray) -> _EdgeCells:
    """:meth:`_EdgeCells.of` the edges, kept in the user's cache folder
    (:func:`geo.graph.cached_arrays`), keyed by the edges themselves and the source of this
    module: finding them takes about a second of CPU, reading them back a few hundredths."""
    digest = hashlib.sha256(np.ascontiguousarray(edge_xy, dtype=float).tobytes())
    digest.update(Path(__file__).read_bytes())  # the code that finds them
    shape = (_GRID_FINE_Y // _FINE_PER_COARSE, _GRID_FINE_X // _FINE_PER_COARSE)

    def whole(arrays: dict[str, np.ndarray]) -> bool:
        marked, bits = arrays.get("marked"), arrays.get("bits")
        return (
            marked is not None
            and bits is not None
            and marked.dtype == bool
            and marked.shape == shape
            and bits.dtype == np.uint8
            and bits.shape == (int(marked.sum()) + 1, _FINE_PER_COARSE**2 // 8)
        )

    found = cached_arrays(
        "country-cells",
        digest.hexdigest(),
        {"fine_per_deg": _FINE_PER_DEG, "fine_per_coarse": _FINE_PER_COARSE},
        lambda: _edge_marks(edge_xy),
        check=whole,
    )
    return _EdgeCells.from_marks(found["marked"], found["bits"])


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


# --------------------------------------------------------------------------- the segments

#: Segments per chunk: the lines are split in chunks of about this many segments (whole
#: parts), each chunk's runs found on its own, so memory stays bounded however many
#: lines there are; chunks run on threads (GEOS and PROJ release the GIL).
CHUNK_SEGMENTS = 50_000
#: Margin (degrees) around a segment's box in longitude/latitude, far above rounding.
_BOX_MARGIN_DEG = 1e-7


@dataclass(frozen=True)
class _Segments:
    """The segments of some parts (each segment the geodesic between two vertices), with
    their positions along their part in metres (``at``, from the segments' geodesic
    lengths, so that a part's pieces add up to its length exactly)."""

    lon1: np.ndarray  # start and end as given
    lat1: np.ndarray
    lon2: np.ndarray
    lat2: np.ndarray
    az: np.ndarray  # azimuth at the start (degrees)
    back: np.ndarray  # back azimuth at the end (degrees)
    m: np.ndarray  # geodesic length (m)
    at: np.ndarray  # metres from the part's start to the segment's start
    end_at: np.ndarray  # to its end: the next segment's ``at``, or the part's length
    part: np.ndarray  # part number of each segment (sorted)
    steps: np.ndarray  # number of steps of at most STEP_KM along it
    turns: np.ndarray  # whole turns taken off the start's longitude (continuous along a part)
    turns_end: np.ndarray  # and off the end's
    shift: np.ndarray  # degrees added to its part (0 or 360: each part starts east of -180°)
    part_m: np.ndarray  # each part's length (m)

    def x(self, lon: np.ndarray, turns: np.ndarray, seg: np.ndarray) -> np.ndarray:
        """Longitudes of segment ``seg`` made continuous: ``turns`` whole turns off, then
        the part's shift."""
        return (lon - 360.0 * turns) + self.shift[seg]


def _segments(lines: np.ndarray, step_m: float) -> _Segments:
    coords, part = shapely.get_coordinates(lines, return_index=True)
    lon, lat = coords[:, 0], coords[:, 1]
    i = np.flatnonzero(part[1:] == part[:-1])  # segment k runs from point i[k] to i[k] + 1
    az, back, seg_m = WGS84.inv(lon[i], lat[i], lon[i + 1], lat[i + 1])
    az, back, seg_m = (np.asarray(a, dtype=float) for a in (az, back, seg_m))
    seg_part = part[i]
    part_m = np.bincount(seg_part, weights=seg_m, minlength=len(lines))
    at = _cumsum_within(seg_m, seg_part)
    last = np.r_[seg_part[1:] != seg_part[:-1], True]
    end_at = np.where(last, part_m[seg_part], np.r_[at[1:], 0.0])
    # the turns: along the geodesic, longitude runs one way (east where sin(az) > 0), so a
    # segment's longitude change is the short way unless its azimuth says otherwise
    lon1, lon2 = lon[i], lon[i + 1]
    d = (lon2 - lon1 + 180.0) % 360.0 - 180.0
    east = np.sin(np.radians(az))
    d = np.where((east > 0) & (d < 0), d + 360.0, np.where((east < 0) & (d > 0), d - 360.0, d))
    step_turns = np.round((lon2 - lon1 - d) / 360.0).astype(np.int64)
    total = np.cumsum(step_turns) - step_turns  # exclusive, then from each part's start
    start = np.flatnonzero(np.r_[True, seg_part[1:] != seg_part[:-1]])
    turns = total - np.repeat(total[start], np.diff(np.r_[start, len(total)]))
    turns_end = turns + step_turns
    # each part moved by 360° when it reaches west of -180° (lon is monotone along a
    # geodesic, so the part's westmost point is a vertex)
    x1, x2 = lon1 - 360.0 * turns, lon2 - 360.0 * turns_end
    low = np.full(len(lines), np.inf)
    np.minimum.at(low, seg_part, np.minimum(x1, x2))
    shift = np.where(low < -180.0, 360.0, 0.0)[seg_part]
    return _Segments(
        lon1=lon1,
        lat1=lat[i],
        lon2=lon2,
        lat2=lat[i + 1],
        az=az,
        back=back,
        m=seg_m,
        at=at,
        end_at=end_at,
        part=seg_part,
        steps=np.maximum(1, np.ceil(seg_m / step_m)).astype(np.int64),
        turns=turns,
        turns_end=turns_end,
        shift=shift,
        part_m=part_m,
    )


def _cumsum_within(values: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Exclusive running sum of ``values`` (not negative) within runs of equal ``group``
    (sorted)."""
    total = np.cumsum(values) - values
    start = np.r_[True, group[1:] != group[:-1]]
    return total - np.maximum.accumulate(np.where(start, total, 0.0))


def _boxes(segs: _Segments) -> tuple[np.ndarray, ...]:
    """A box in longitude/latitude (continuous) round each segment's geodesic: its
    longitudes run from one end's to the other's, and its latitudes too unless it passes
    a vertex (its most northern or southern point, by Clairaut's relation on the reduced
    latitude), which then bounds it."""
    n = np.arange(len(segs.m))
    x1 = segs.x(segs.lon1, segs.turns, n)
    x2 = segs.x(segs.lon2, segs.turns_end, n)
    f = WGS84.f
    beta1 = np.arctan((1.0 - f) * np.tan(np.radians(segs.lat1)))
    beta0 = np.arccos(np.minimum(1.0, np.abs(np.sin(np.radians(segs.az))) * np.cos(beta1)))
    vertex = np.degrees(np.arctan(np.tan(beta0) / (1.0 - f)))
    # a vertex lies between the ends where the line goes north at the start and south at
    # the end (the forward azimuth there is the back azimuth + 180°), or the other way
    start_north, end_back_north = np.cos(np.radians(segs.az)), np.cos(np.radians(segs.back))
    north = (start_north > 0) & (end_back_north > 0)
    south = (start_north < 0) & (end_back_north < 0)
    top = np.where(north, vertex, np.maximum(segs.lat1, segs.lat2))
    bottom = np.where(south, -vertex, np.minimum(segs.lat1, segs.lat2))
    e = _BOX_MARGIN_DEG
    return np.minimum(x1, x2) - e, bottom - e, np.maximum(x1, x2) + e, top + e


# --------------------------------------------------------------------------- crossings


def _steps(segs: _Segments, seg: np.ndarray) -> tuple[np.ndarray, ...]:
    """The steps of at most STEP_KM along the given segments, each a chord between two
    points on the geodesic: (x1, y1, x2, y2, at1, at2, segment) with continuous longitudes
    and the metres along the part at both ends."""
    lon, lat, leg, j = points_along(
        segs.lon1[seg], segs.lat1[seg], segs.az[seg], segs.m[seg], segs.steps[seg]
    )
    k = seg[leg]
    steps = segs.steps[k]
    # whole turns taken off, step by step from the segment's start (as the line is followed)
    jump = np.r_[0, np.round(np.diff(lon) / 360.0).astype(np.int64)]
    jump[j == 0] = 0
    total = np.cumsum(jump)
    turns = segs.turns[k] + total - np.repeat(total[j == 0], segs.steps[seg])
    lon2, lat2, turns2 = np.r_[lon[1:], 0.0], np.r_[lat[1:], 0.0], np.r_[turns[1:], 0]
    last = j == steps - 1  # its step ends at the segment's end
    lon2[last], lat2[last] = segs.lon2[k[last]], segs.lat2[k[last]]
    turns2[last] = segs.turns_end[k[last]]
    at1 = segs.at[k] + segs.m[k] * (j / steps)
    at2 = np.where(last, segs.end_at[k], segs.at[k] + segs.m[k] * ((j + 1) / steps))
    return segs.x(lon, turns, k), lat, segs.x(lon2, turns2, k), lat2, at1, at2, k


def _crossings(segs: _Segments, world: _World) -> tuple[np.ndarray, np.ndarray]:
    """Where the lines cross a country's edge: (part, metres along it). Only the segments
    whose box meets an edge's are followed step by step, and only the steps in a cell that
    an edge touches are cut with the edges they meet."""
    boxes = _boxes(segs)
    maybe = np.flatnonzero(world.cells.in_coarse(*boxes))
    near = world.edges.near(shapely.box(*(b[maybe] for b in boxes)))
    x1, y1, x2, y2, at1, at2, k = _steps(segs, maybe[near])
    maybe = np.flatnonzero(
        world.cells.in_fine(np.minimum(x1, x2), np.minimum(y1, y2), np.maximum(x1, x2),
                            np.maximum(y1, y2))
    )  # fmt: skip
    s, e = world.edges.crossing(x1[maybe], y1[maybe], x2[maybe], y2[maybe])
    s = maybe[s]
    px, py, rx, ry = x1[s], y1[s], x2[s] - x1[s], y2[s] - y1[s]
    qx, qy = world.edge_xy[e, 0], world.edge_xy[e, 1]
    sx, sy = world.edge_xy[e, 2] - qx, world.edge_xy[e, 3] - qy
    denom = rx * sy - ry * sx
    with np.errstate(divide="ignore", invalid="ignore"):
        t = ((qx - px) * sy - (qy - py) * sx) / denom
    ok = (denom != 0) & (t >= 0) & (t <= 1)  # parallel (collinear) touches cut nothing
    s, t = s[ok], t[ok]
    return segs.part[k[s]], at1[s] + t * (at2[s] - at1[s])


@dataclass(frozen=True)
class _Runs:
    """Pieces of the parts, each in one country (or the sea), in order along each part."""

    part: np.ndarray
    start_m: np.ndarray  # metres from the part's start
    end_m: np.ndarray
    country: np.ndarray  # country number, -1 for the sea


def _runs(segs: _Segments, world: _World) -> _Runs:
    cut_part, cut_at = _crossings(segs, world)
    # cuts strictly inside a part, a micrometre apart at least (a line through a border
    # vertex crosses two edges there), and the part's two ends
    inside = (cut_at > 1e-6) & (cut_at < segs.part_m[cut_part] - 1e-6)
    cut_part, cut_at = cut_part[inside], cut_at[inside]
    has_length = np.flatnonzero(segs.part_m > 0)
    parts = np.r_[has_length, cut_part, has_length]
    at = np.r_[np.zeros(len(has_length)), cut_at, segs.part_m[has_length]]
    kind = np.r_[np.zeros(len(has_length)), np.ones(len(cut_at)), np.full(len(has_length), 2)]
    order = np.lexsort((kind, at, parts))
    parts, at, kind = parts[order], at[order], kind[order]
    close = np.r_[False, (parts[1:] == parts[:-1]) & (np.diff(at) <= 1e-6)]
    keep = ~(close & (kind == 1))
    parts, at = parts[keep], at[keep]
    piece = np.flatnonzero(parts[1:] == parts[:-1])
    start, stop, part = at[piece], at[piece + 1], parts[piece]
    # a part of no length ([[5, 5], [5, 5]]) is one run of 0 m where it lies
    point = np.flatnonzero(segs.part_m == 0)
    start, stop = np.r_[start, np.zeros(len(point))], np.r_[stop, np.zeros(len(point))]
    part = np.r_[part, point]
    order = np.argsort(part, kind="stable")
    start, stop, part = start[order], stop[order], part[order]
    country = _country_numbers(*_lonlat_at(segs, part, (start + stop) / 2), world)
    # consecutive pieces in one country are one run
    new = np.r_[True, (part[1:] != part[:-1]) | (country[1:] != country[:-1])]
    first = np.flatnonzero(new)
    last = np.r_[first[1:] - 1, len(part) - 1]
    return _Runs(part=part[first], start_m=start[first], end_m=stop[last], country=country[first])


def _segment_at(segs: _Segments, part: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The last segment of each part starting at or before ``at`` metres (bisection within
    the part's segments)."""
    lo = np.searchsorted(segs.part, part, side="left")
    hi = np.searchsorted(segs.part, part, side="right")
    while True:
        open_ = hi - lo > 1
        if not open_.any():
            return lo
        mid = (lo + hi) // 2
        go = open_ & (segs.at[np.minimum(mid, len(segs.at) - 1)] <= at)
        lo, hi = np.where(go, mid, lo), np.where(open_ & ~go, mid, hi)


def _lonlat_at(segs: _Segments, part: np.ndarray, at: np.ndarray) -> tuple[np.ndarray, ...]:
    """The positions ``at`` metres along the parts, between the two ends of their step (as
    the line is followed step by step), with continuous longitudes: (lon, lat)."""
    k = _segment_at(segs, part, at)
    m, steps, start = segs.m[k], segs.steps[k], segs.at[k]
    with np.errstate(divide="ignore", invalid="ignore"):
        guess = np.where(m > 0, np.floor((at - start) / m * steps), 0.0)
    j = np.clip(guess, 0, steps - 1).astype(np.int64)
    j += (j + 1 < steps) & (start + m * ((j + 1) / steps) <= at)
    j -= (j > 0) & (start + m * (j / steps) > at)
    last = j + 1 == steps
    at1 = start + m * (j / steps)
    at2 = np.where(last, segs.end_at[k], start + m * ((j + 1) / steps))
    ends = []
    for jj, vertex, lon_v, lat_v, turns_v in (
        (j, j == 0, segs.lon1, segs.lat1, segs.turns),
        (j + 1, last, segs.lon2, segs.lat2, segs.turns_end),
    ):
        lon, lat, _ = WGS84.fwd(segs.lon1[k], segs.lat1[k], segs.az[k], m * (jj / steps))
        lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
        # a point inside the segment: the whole turns that put it between the two ends
        middle = (segs.lon1[k] - 360.0 * segs.turns[k] + segs.lon2[k]
                  - 360.0 * segs.turns_end[k]) / 2  # fmt: skip
        turns = np.round((lon - middle) / 360.0).astype(np.int64)
        lon[vertex], lat[vertex], turns[vertex] = (
            lon_v[k][vertex],
            lat_v[k][vertex],
            turns_v[k][vertex],
        )
        ends.append((segs.x(lon, turns, k), lat))
    (x1, y1), (x2, y2) = ends
    span = at2 - at1
    f = np.where(span > 0, (at - at1) / np.where(span > 0, span, 1.0), 0.0)
    return x1 + f * (x2 - x1), y1 + f * (y2 - y1)


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


def _all_runs(lines: np.ndarray, threads: int | None) -> tuple[_Runs, np.ndarray]:
    """The runs of every part and each part's length (m), chunk by chunk of about
    CHUNK_SEGMENTS segments, on threads."""
    world = _world()
    ends = np.cumsum(shapely.get_num_coordinates(lines) - 1)
    cuts = np.searchsorted(ends, np.arange(CHUNK_SEGMENTS, ends[-1], CHUNK_SEGMENTS), "right")
    bounds = np.unique(np.r_[0, cuts, len(lines)])
    step_m = STEP_KM * 1000.0

    def work(c: int) -> tuple[_Runs, np.ndarray]:
        a, b = bounds[c], bounds[c + 1]
        segs = _segments(lines[a:b], step_m)
        runs = _runs(segs, world)
        return replace(runs, part=runs.part + a), segs.part_m

    chunks = range(len(bounds) - 1)
    k = min(thread_count(int(ends[-1]), threads), len(chunks))
    if k > 1:
        with ThreadPoolExecutor(k) as pool:
            done = list(pool.map(work, chunks))
    else:
        done = [work(c) for c in chunks]
    runs = _Runs(*(np.concatenate([getattr(r, f) for r, _ in done]) for f in
                   ("part", "start_m", "end_m", "country")))  # fmt: skip
    return runs, np.concatenate([m for _, m in done])


# --------------------------------------------------------------------------- public API


def length_by_country(obj: Any, *, threads: int | None = None) -> pd.DataFrame:
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
    threads : int, optional
        Worker threads (default: one per core, up to 8, for 50,000 segments or more, else
        one). The lines are taken in chunks of about ``CHUNK_SEGMENTS`` segments, so memory
        stays bounded whatever their number; the result does not depend on the threads.

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
    runs, part_m = _all_runs(lines, threads)
    world = _world()
    # a part's place among its feature's parts, and where it starts along the feature
    part_no = np.arange(len(lines)) - np.searchsorted(owner, owner)
    part_start = _cumsum_within(part_m, owner)
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
