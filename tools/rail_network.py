"""Shortest paths on the world rail network of ``scgraph_data`` (for tools/make_rail.py).

The network is OpenStreetMap's railways as the package ``scgraph_data`` 2.0.0 (MIT code;
the data © OpenStreetMap contributors, ODbL) simplifies them: 274,974 nodes (latitude,
longitude to 1e-3 degree) and 408,211 edges with their lengths in km. It needs
``scgraph`` before 3.0 (scgraph_data imports ``scgraph.core``, gone in 3.x) and scipy;
both are in the ``data`` extra only.

The simplified network has gaps: 787 pieces, and missing links inside a piece (Jiuquan to
Jiayuguan, 21 km apart, are 704 km apart by scgraph's own router). A leg between two junctions is the
shortest path that uses at most one *bridge*: a straight step between two network nodes
at most ``bridge_km`` apart, costed at ``bridge_penalty`` times its length plus
``bridge_cost_km``, so real track wins unless the detour it saves is large. Every bridge
is reported, so the layer can say where its line is not on track.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree

EARTH_RADIUS_KM = 6371.0088
#: A path on track no longer than this many times the straight distance (plus
#: DETOUR_OK_KM) is taken as it is; a longer one is checked for a gap to bridge.
DETOUR_OK = 1.6
DETOUR_OK_KM = 30.0
ATTRIBUTION = "© OpenStreetMap contributors (ODbL)"
SOURCE = (
    "OpenStreetMap railways as simplified by the scgraph_data 2.0.0 world railway network "
    f"(github.com/connor-makowski/scgraph_data), {ATTRIBUTION}"
)


def _unit(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    return np.c_[np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)]


def _chord_to_km(chord: np.ndarray) -> np.ndarray:
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.asarray(chord) / 2))


def _km_to_chord(km: float) -> float:
    return 2 * math.sin(km / (2 * EARTH_RADIUS_KM))


@dataclass
class Bridge:
    """A straight step over a gap in the network: from (lon, lat) to (lon, lat), km."""

    start: tuple[float, float]
    end: tuple[float, float]
    km: float


@dataclass
class Leg:
    """The path between two junctions."""

    lonlat: np.ndarray  #: (n, 2) positions along the network, first and last snapped
    network_km: float  #: the network's own edge lengths (bridges at their length)
    bridges: list[Bridge]
    snap_km: tuple[float, float]  #: from each junction to the network node it uses


class RailNetwork:
    def __init__(
        self,
        bridge_km: float = 40.0,
        bridge_penalty: float = 4.0,
        bridge_cost_km: float = 10.0,
    ) -> None:
        from scgraph_data.world_railways import world_railways_geograph as graph

        self.latlon = np.asarray(graph.nodes, dtype=float)
        rows, cols, km = [], [], []
        for i, adjacent in enumerate(graph.graph):
            for j, d in adjacent.items():
                rows.append(i)
                cols.append(j)
                km.append(d)
        n = len(self.latlon)
        self.matrix = csr_matrix((km, (rows, cols)), shape=(n, n))
        self.xyz = _unit(self.latlon[:, 0], self.latlon[:, 1])
        self.tree = cKDTree(self.xyz)
        self.bridge_km = bridge_km
        self.bridge_penalty = bridge_penalty
        self.bridge_cost_km = bridge_cost_km

    def nearest(self, lon: float, lat: float) -> tuple[int, float]:
        """The network node nearest (lon, lat), and how far it is (km)."""
        d, i = self.tree.query(_unit(np.array([lat]), np.array([lon]))[0])
        return int(i), float(_chord_to_km(d))

    def leg(self, a: tuple[float, float], b: tuple[float, float]) -> Leg:
        """The path from junction ``a`` to ``b`` (lon, lat); a bridge of up to 40 km, else
        80, else 160 km where no path is found with a shorter one."""
        for km in (self.bridge_km, 2 * self.bridge_km, 4 * self.bridge_km):
            leg = self._leg(a, b, km)
            if leg is not None:
                return leg
        raise ValueError(f"no rail path from {a} to {b}, even with a 160 km bridge")

    def _leg(self, a: tuple[float, float], b: tuple[float, float], bridge_km: float):
        ia, snap_a = self.nearest(*a)
        ib, snap_b = self.nearest(*b)
        straight = float(_chord_to_km(np.linalg.norm(self.xyz[ia] - self.xyz[ib])))
        limit = max(3 * straight, straight + 200)
        dist_a, pred_a = dijkstra(self.matrix, indices=ia, limit=limit, return_predecessors=True)
        best_cost, best = float(dist_a[ib]), None
        if best_cost <= DETOUR_OK * straight + DETOUR_OK_KM:  # on track, no gap to bridge
            return Leg(self.latlon[_walk(pred_a, ia, ib)][:, ::-1], best_cost, [], (snap_a, snap_b))
        dist_b, pred_b = dijkstra(self.matrix, indices=ib, limit=limit, return_predecessors=True)
        reach_a, reach_b = np.flatnonzero(np.isfinite(dist_a)), np.flatnonzero(np.isfinite(dist_b))
        if len(reach_a) and len(reach_b):
            near_b = cKDTree(self.xyz[reach_b])
            for k, found in enumerate(
                near_b.query_ball_point(self.xyz[reach_a], _km_to_chord(bridge_km))
            ):
                if not found:
                    continue
                u, vs = reach_a[k], reach_b[found]
                gap = _chord_to_km(np.linalg.norm(self.xyz[vs] - self.xyz[u], axis=1))
                cost = dist_a[u] + self.bridge_penalty * gap + self.bridge_cost_km + dist_b[vs]
                j = int(np.argmin(cost))
                if cost[j] < best_cost and gap[j] > 0.5:
                    best_cost, best = float(cost[j]), (int(u), int(vs[j]), float(gap[j]))
        if not math.isfinite(best_cost):
            return None
        if best is None:
            path, bridges, km = _walk(pred_a, ia, ib), [], float(dist_a[ib])
        else:
            u, v, gap = best
            path = _walk(pred_a, ia, u) + _walk(pred_b, ib, v)[::-1]
            bridges = [Bridge(tuple(self.latlon[u][::-1]), tuple(self.latlon[v][::-1]), gap)]
            km = float(dist_a[u] + gap + dist_b[v])
        return Leg(self.latlon[path][:, ::-1], km, bridges, (snap_a, snap_b))


def _walk(pred: np.ndarray, start: int, end: int) -> list[int]:
    """Node ids from ``start`` to ``end`` along Dijkstra's predecessor tree."""
    out = [end]
    while out[-1] != start:
        out.append(int(pred[out[-1]]))
    return out[::-1]
