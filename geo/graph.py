"""A road or rail network as a compact weighted graph, cached on disk: :class:`Graph`.

A network is loaded once from its source (for rail, ``scgraph_data``'s Python dicts: seconds
and hundreds of megabytes) into four arrays: the nodes' (lat, lon) degrees and a CSR
adjacency (``indptr``, ``indices``, ``weights``), 15 MB for the world's railways.
:func:`cached_graph` keeps them in the user's cache folder (:func:`cache_dir`) as one
``.npz`` file keyed by the source's version and the cost parameters the weights were
computed with, so later processes read them in a few hundredths of a second (the KD-tree of
the nodes then takes a few tenths); a missing, stale or damaged file is rebuilt.
:func:`cached_arrays` does the same for other arrays computed from a network (the rail
nodes' countries).

The searches are scipy's Dijkstra (:meth:`Graph.search`), bounded by a ``limit``, as before
the cache: so the same shortest paths, ties included. scipy breaks ties between paths of
equal length by the order of its Fibonacci heap, which no other search reproduces (an A*
search found paths of the same length but other nodes on 2 of 4 long random pairs: the rail
network's weights, km to 1e-3, have many ties). :meth:`Graph.search_to` searches a smaller
ball first where that provably makes the same steps up to the target.
:func:`cheapest_link` finds the best straight step between two searched regions without
trying every pair: a node is tried only while lower bounds of the paths through it can
still beat the best found.

These need scipy (the ``routing`` extra).
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import math
import os
import sys
import tempfile
import warnings
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .geometry import earth_centred

__all__ = [
    "EARTH_RADIUS_KM",
    "Graph",
    "Link",
    "Search",
    "cache_dir",
    "cache_key",
    "cached_arrays",
    "cached_graph",
    "cheapest_link",
    "chord_to_km",
    "graph_from_edges",
    "km_to_chord",
]

#: The sphere the networks' straight distances are measured on (km): the mean Earth radius.
EARTH_RADIUS_KM = 6371.0088
#: Bumped when the cached file's layout changes, so old files are rebuilt.
CACHE_FORMAT = 1
#: The arrays a cached graph file holds.
_ARRAYS = ("latlon", "indptr", "indices", "weights", "scale")
#: Nodes whose links are tried at once by :func:`cheapest_link`.
_BATCH = 512


def chord_to_km(chord: Any) -> np.ndarray:
    """Great-circle km on the sphere of :data:`EARTH_RADIUS_KM` from the straight distance
    between unit vectors (:func:`geo.geometry.earth_centred` with ``sphere=True``).

    >>> float(chord_to_km(km_to_chord(1000.0))).__round__(9)
    1000.0
    """
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.asarray(chord) / 2))


def km_to_chord(km: float) -> float:
    """The straight distance between unit vectors ``km`` apart on the sphere (the inverse of
    :func:`chord_to_km`)."""
    return 2 * math.sin(km / (2 * EARTH_RADIUS_KM))


@dataclass(frozen=True)
class Search:
    """One bounded shortest-path search from ``source``: ``dist`` (weight units, inf where
    not reached within the limit) and ``pred`` (the previous node on the path, -9999 for
    the source and nodes not reached), as scipy returns them."""

    source: int
    limit: float
    dist: np.ndarray
    pred: np.ndarray

    def path(self, end: int) -> list[int]:
        """Node ids from the source to ``end`` along the predecessor tree (``end`` must be
        reached)."""
        out = [end]
        while out[-1] != self.source:
            out.append(int(self.pred[out[-1]]))
        return out[::-1]


@dataclass(frozen=True)
class Link:
    """A straight step from node ``u`` (reached from one end) to node ``v`` (reached from the
    other), ``km`` long on the sphere, and the whole path's ``cost`` through it."""

    cost: float
    u: int
    v: int
    km: float


@dataclass(frozen=True, eq=False)
class Graph:
    """A directed graph in CSR form: node ``i``'s edges go to ``indices[indptr[i]:indptr[i +
    1]]`` with those ``weights``.

    ``latlon`` is (n, 2) degrees. ``scale`` is the smallest ratio of an edge's weight to its
    great-circle length (km on the sphere), so ``scale`` times the great-circle distance
    between two nodes is never more than the weight of a path between them: a lower bound
    for searches (1 for weights that are km measured on that sphere; the rail network's km
    are to 1e-3 and on a 6,371 km sphere, which gives 0.99).
    """

    latlon: np.ndarray
    indptr: np.ndarray
    indices: np.ndarray
    weights: np.ndarray
    scale: float

    @property
    def n(self) -> int:
        """The number of nodes."""
        return len(self.latlon)

    @functools.cached_property
    def matrix(self) -> Any:
        """The graph as a scipy CSR matrix over the same arrays (no copy)."""
        from scipy.sparse import csr_matrix

        return csr_matrix((self.weights, self.indices, self.indptr), shape=(self.n, self.n))

    @functools.cached_property
    def xyz(self) -> np.ndarray:
        """(n, 3) unit vectors of the nodes (:func:`geo.geometry.earth_centred`, sphere)."""
        return earth_centred(self.latlon[:, 1], self.latlon[:, 0], sphere=True)

    @functools.cached_property
    def tree(self) -> Any:
        """A scipy cKDTree of :attr:`xyz`."""
        from scipy.spatial import cKDTree

        return cKDTree(self.xyz)

    def nearest(self, lon: float, lat: float) -> tuple[int, float]:
        """The node nearest (lon, lat) degrees, and how far it is (km on the sphere)."""
        d, i = self.tree.query(earth_centred([lon], [lat], sphere=True)[0])
        return int(i), float(chord_to_km(d))

    def search(self, source: int, limit: float) -> Search:
        """scipy's Dijkstra from ``source``, reaching nodes at most ``limit`` away."""
        from scipy.sparse.csgraph import dijkstra

        dist, pred = dijkstra(self.matrix, indices=source, limit=limit, return_predecessors=True)
        return Search(source, limit, dist, pred)

    @functools.cached_property
    def longest_edge(self) -> np.ndarray:
        """Each node's heaviest outgoing edge weight (0 for a node with none)."""
        out = np.zeros(self.n)
        rows = np.flatnonzero(np.diff(self.indptr))
        if len(rows):
            out[rows] = np.maximum.reduceat(self.weights, self.indptr[rows])
        return out

    @functools.cached_property
    def heaviest(self) -> float:
        """The heaviest edge weight (0 without edges)."""
        return float(self.weights.max()) if len(self.weights) else 0.0

    def search_to(self, source: int, target: int, limit: float, near: float) -> Search:
        """The search from ``source`` within ``limit`` as far as the path to ``target`` goes,
        made within ``near`` first (a smaller limit, so fewer nodes) where that gives the same.

        The nearer search is kept when it reaches ``target`` and no edge from a node it
        settled up to then (its distance at most the target's) reaches ``near``: then scipy
        made the same steps in both searches up to the target, in the same order, and found
        the same path to it, ties included. Otherwise the search within ``limit``. Only the
        distances and paths of the nodes settled up to the target agree between the two.
        """
        if near < limit:
            first = self.search(source, near)
            reached = first.dist[target]
            if math.isfinite(reached):
                if reached + self.heaviest < near:  # no edge at all reaches past ``near``
                    return first
                settled = first.dist <= reached
                if (first.dist[settled] + self.longest_edge[settled]).max() < near:
                    return first
        return self.search(source, limit)

    def straight_km(self, i: Any, j: Any) -> np.ndarray:
        """Great-circle km on the sphere between nodes ``i`` and ``j`` (broadcast)."""
        return chord_to_km(np.linalg.norm(self.xyz[j] - self.xyz[i], axis=-1))


def graph_from_edges(
    latlon: Any, tails: Any, heads: Any, weights: Any, *, scale: float | None = None
) -> Graph:
    """A :class:`Graph` from nodes and directed edges (``tails[k]`` to ``heads[k]`` with
    ``weights[k]``).

    The rows are laid out as scipy's ``csr_matrix((weights, (tails, heads)))`` lays them out
    (column indices sorted within a row), so searches visit edges in the same order as on
    that matrix. ``scale`` (see :class:`Graph`) is measured from the edges unless given, and
    kept a hair (1e-9) under the measured ratio so rounding cannot break the bound.

    >>> g = graph_from_edges([[0.0, 0.0], [0.0, 1.0]], [0, 1], [1, 0], [112.0, 112.0])
    >>> g.indptr.tolist(), g.indices.tolist(), g.weights.tolist(), round(g.scale, 4)
    ([0, 1, 2], [1, 0], [112.0, 112.0], 1.0)
    """
    from scipy.sparse import csr_matrix

    latlon = np.asarray(latlon, dtype=float).reshape(-1, 2)
    tails, heads = np.asarray(tails, dtype=np.int64), np.asarray(heads, dtype=np.int64)
    weights = np.asarray(weights, dtype=float)
    n = len(latlon)
    if not (len(tails) == len(heads) == len(weights)):
        raise ValueError(
            f"Expected as many edge tails, heads and weights, instead got {len(tails)}, "
            f"{len(heads)} and {len(weights)}"
        )
    if len(weights) and (weights.min() < 0 or not np.isfinite(weights).all()):
        raise ValueError("Expected edge weights of 0 or more, finite, instead got a negative one")
    matrix = csr_matrix((weights, (tails, heads)), shape=(n, n))
    if scale is None:
        xyz = earth_centred(latlon[:, 1], latlon[:, 0], sphere=True)
        km = chord_to_km(np.linalg.norm(xyz[heads] - xyz[tails], axis=1))
        moved = km > 0
        ratio = float(np.min(weights[moved] / km[moved])) if moved.any() else 1.0
        scale = min(1.0, ratio) * (1 - 1e-9)
    return Graph(latlon, matrix.indptr, matrix.indices, matrix.data, float(scale))


# --------------------------------------------------------------------------- the cache


def cache_dir() -> Path:
    """The user's cache folder for bri-corridors: ``$XDG_CACHE_HOME/bri-corridors`` (or
    ``~/.cache/bri-corridors``) on Linux, ``~/Library/Caches/bri-corridors`` on macOS,
    ``%LOCALAPPDATA%\\bri-corridors`` on Windows; platformdirs' answer where it is installed.
    """
    try:
        import platformdirs
    except ImportError:
        pass
    else:
        return Path(platformdirs.user_cache_dir("bri-corridors", appauthor=False))
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "bri-corridors"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "bri-corridors"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "bri-corridors"


def cache_key(source: str, parameters: Mapping[str, Any]) -> str:
    """A short hash of what a cached graph depends on: its source (a package and version)
    and the cost parameters its weights were computed with (JSON-able).

    >>> cache_key("scgraph_data 2.0.0", {"weight": "km"}) == cache_key(
    ...     "scgraph_data 2.0.0", {"weight": "km"})
    True
    >>> cache_key("scgraph_data 2.0.0", {"weight": "km"}) == cache_key(
    ...     "scgraph_data 2.0.1", {"weight": "km"})
    False
    """
    text = json.dumps(
        {"format": CACHE_FORMAT, "source": source, "parameters": parameters}, sort_keys=True
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def cached_graph(
    name: str,
    source: str,
    parameters: Mapping[str, Any],
    build: Callable[[], Graph],
    *,
    folder: Path | None = None,
) -> Graph:
    """The graph ``name`` from the cache, or ``build()`` and cache it.

    Parameters
    ----------
    name : str
        A file-name-safe name (``"rail"``).
    source, parameters
        What the graph depends on (:func:`cache_key`): a change to either builds anew.
    build : callable
        Makes the graph from its source.
    folder : Path, optional
        Where the file goes (default :func:`cache_dir`).

    Returns
    -------
    Graph
        Read from ``<folder>/<name>-<key>.npz``; a file that cannot be read or does not hold
        a whole graph is built again and replaced. Where the folder cannot be written, the
        built graph is returned with a warning (and built again next time).
    """

    def arrays() -> dict[str, np.ndarray]:
        graph = build()
        return {key: np.asarray(getattr(graph, key)) for key in _ARRAYS}

    found = cached_arrays(name, source, parameters, arrays, folder=folder, check=_whole)
    return Graph(*(found[key] for key in _ARRAYS[:4]), float(found["scale"]))


def cached_arrays(
    name: str,
    source: str,
    parameters: Mapping[str, Any],
    build: Callable[[], dict[str, np.ndarray]],
    *,
    folder: Path | None = None,
    check: Callable[[dict[str, np.ndarray]], bool] | None = None,
) -> dict[str, np.ndarray]:
    """Named arrays (no Python objects) from the cache, or ``build()`` them and cache them,
    as :func:`cached_graph` does a graph; ``check`` tells a whole set from a damaged one
    (by default: the same names as built)."""
    folder = cache_dir() if folder is None else Path(folder)
    path = folder / f"{name}-{cache_key(source, parameters)}.npz"
    try:
        with np.load(path, allow_pickle=False) as data:
            found = {key: data[key] for key in data.files}
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):  # missing, cut, other
        found = None
    if found is not None and (check(found) if check is not None else bool(found)):
        return found
    built = build()
    try:
        _write(built, path)
    except OSError as exc:
        warnings.warn(
            f"{path}: the {name} arrays could not be cached ({exc.strerror or exc}); they are "
            "computed from their source each time",
            RuntimeWarning,
            stacklevel=2,
        )
    return built


def _whole(arrays: dict[str, np.ndarray]) -> bool:
    """Whether ``arrays`` hold a whole graph."""
    if any(key not in arrays for key in _ARRAYS):
        return False
    latlon, indptr, indices, weights = (arrays[k] for k in _ARRAYS[:4])
    return bool(
        latlon.ndim == 2
        and latlon.shape[1:] == (2,)
        and indptr.shape == (len(latlon) + 1,)
        and indices.shape == weights.shape
        and len(indptr)
        and indptr[-1] == len(indices)
        and (not len(indices) or (indices.min() >= 0 and indices.max() < len(latlon)))
    )


def _write(arrays: dict[str, np.ndarray], path: Path) -> None:
    """Write ``arrays`` to ``path`` whole or not at all (a temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.stem, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, **arrays)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- links


def cheapest_link(
    graph: Graph,
    start: Search,
    end: Search,
    *,
    within_km: float,
    penalty: float,
    cost_km: float,
    over_km: float,
    below: float = math.inf,
    step: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray] | None = None,
) -> Link | None:
    """The cheapest path that leaves ``start.source`` on the graph, steps straight from a
    node ``u`` it reached to a node ``v`` that ``end`` reached, and goes on to ``end.source``.

    A step ``km`` long (great-circle, on the sphere) costs ``penalty * km + cost_km``, or
    what ``step(that cost, u, v)`` makes of it (arrays; at least that cost, inf to bar the
    step: a cost model's border terms), and must be more than ``over_km`` and at most
    ``within_km`` long; the path costs ``start.dist[u] + step + end.dist[v]`` (added in that
    order). Of paths of equal cost, the one with the smallest ``u``, then the smallest
    ``v``. None where none costs less than ``below``.

    Nodes are left out where a lower bound of every path through them is more than
    ``below``: a node's distance, plus the least a step costs, plus the straight rest of the
    way times ``min(penalty, scale)`` (a search's distance is at least ``scale`` times the
    straight one), or plus the least distance of the other side's nodes in the grid cells
    around it (where there are none, no step is in reach). The nodes ``u`` are tried in the
    order of their bound while it is at most the best cost found, ``_BATCH`` at a time,
    their candidates ``v`` from one ball query of a KD-tree of the nodes ``v`` kept.
    """
    from scipy.spatial import cKDTree

    def within(bound: np.ndarray) -> np.ndarray:  # can still cost less than ``below``
        return np.isfinite(bound) & (bound <= below + 1e-9 * max(1.0, below))

    least = cost_km + penalty * over_km  # a step costs more than this
    scale = min(penalty, graph.scale)
    radius = km_to_chord(within_km)
    # lower bounds of a path through u (or v): the straight rest of the way, then the least
    # distance of the nodes of the other side in the cells around it
    reach_a = np.flatnonzero(np.isfinite(start.dist))
    reach_b = np.flatnonzero(np.isfinite(end.dist))
    lower = start.dist[reach_a] + least + scale * graph.straight_km(reach_a, end.source)
    reach_a, lower = reach_a[within(lower)], lower[within(lower)]
    lower_b = end.dist[reach_b] + least + scale * graph.straight_km(reach_b, start.source)
    reach_b = reach_b[within(lower_b)]
    if not len(reach_a) or not len(reach_b):
        return None
    for side in ("b", "a") if len(reach_a) < len(reach_b) else ("a", "b"):  # the few first
        if side == "a":
            cells = _Cells(graph.xyz[reach_b], end.dist[reach_b], radius)
            lower = np.maximum(
                lower, start.dist[reach_a] + least + cells.least_near(graph.xyz[reach_a])
            )
            reach_a, lower = reach_a[within(lower)], lower[within(lower)]
        else:
            cells = _Cells(graph.xyz[reach_a], start.dist[reach_a], radius)
            reach_b = reach_b[
                within(end.dist[reach_b] + least + cells.least_near(graph.xyz[reach_b]))
            ]
        if not len(reach_a) or not len(reach_b):
            return None
    near_b = cKDTree(graph.xyz[reach_b])
    order = np.argsort(lower, kind="stable")
    best = (math.inf, -1, -1, math.nan)  # cost, u, v, km
    for first in range(0, len(order), _BATCH):
        bound = min(best[0], below)
        slack = bound + 1e-9 * max(1.0, bound)
        batch = order[first : first + _BATCH]
        if lower[batch[0]] > slack:
            break
        us = reach_a[batch[lower[batch] <= slack]]
        found = near_b.query_ball_point(graph.xyz[us], radius)
        counts = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
        if not counts.sum():
            continue
        u = np.repeat(us, counts)
        v = reach_b[np.concatenate([np.asarray(f, dtype=np.int64) for f in found if f])]
        km = chord_to_km(np.linalg.norm(graph.xyz[v] - graph.xyz[u], axis=1))
        steps = penalty * km + cost_km
        if step is not None:
            steps = step(steps, u, v)
        cost = start.dist[u] + steps + end.dist[v]
        cost[km <= over_km] = np.inf
        j = np.lexsort((v, u, cost))[0]
        candidate = (float(cost[j]), int(u[j]), int(v[j]), float(km[j]))
        if candidate[:3] < best[:3]:
            best = candidate
    if not best[0] < below:
        return None
    return Link(*best)


class _Cells:
    """The least of values at points, per cube of a grid of side ``size`` (unit-vector
    space), spread to the 26 cubes around each: every point within ``size`` of a point is in
    one of the 27 cubes around that point's own, so the spread least of a point's cube bounds
    from below the values within ``size`` of it."""

    #: the 27 steps from a cube to itself and its neighbours
    _STEPS = np.array(list(itertools.product((-1, 0, 1), repeat=3)), dtype=np.int64)

    def __init__(self, xyz: np.ndarray, values: np.ndarray, size: float) -> None:
        self.size = size
        self.span = math.ceil(2 / size) + 4  # cubes per axis, with a margin
        cube = np.floor(xyz / size).astype(np.int64)
        keys, least = self._least(self._keys(cube), values)
        first = np.searchsorted(keys, self._keys(cube))  # a point of each cube
        own = np.empty((len(keys), 3), dtype=np.int64)
        own[first] = cube
        spread = (own[:, None, :] + self._STEPS[None]).reshape(-1, 3)
        self.keys, self.least = self._least(self._keys(spread), np.repeat(least, 27))

    @staticmethod
    def _least(keys: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The distinct keys, sorted, and the least value of each."""
        order = np.lexsort((values, keys))
        keys, values = keys[order], values[order]
        first = np.r_[True, keys[1:] != keys[:-1]]
        return keys[first], values[first]

    def _keys(self, cube: np.ndarray) -> np.ndarray:
        shifted = cube + self.span // 2
        return (shifted[:, 0] * self.span + shifted[:, 1]) * self.span + shifted[:, 2]

    def least_near(self, xyz: np.ndarray) -> np.ndarray:
        """A lower bound of the values within ``size`` of each point (inf where none is)."""
        if not len(self.keys):
            return np.full(len(xyz), np.inf)
        keys = self._keys(np.floor(xyz / self.size).astype(np.int64))
        at = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        return np.where(self.keys[at] == keys, self.least[at], np.inf)
