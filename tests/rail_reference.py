"""The rail engine as it was before the graph cache (geo.routing at commit adc736a), kept
verbatim as the reference the new one must match: the same paths, lengths and bridges.

It loads scgraph_data's dicts on every construction (seconds and hundreds of MB) and tries
every pair of nodes in reach for a bridge, so it is slow; tests/test_graph.py and
benchmarks/bench_route.py compare the new engine with it.
"""

from __future__ import annotations

import math

import numpy as np

from geo.geometry import earth_centred
from geo.routing import DETOUR_OK, DETOUR_OK_KM, Bridge, Leg

EARTH_RADIUS_KM = 6371.0088


def _chord_to_km(chord: np.ndarray) -> np.ndarray:
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.asarray(chord) / 2))


def _km_to_chord(km: float) -> float:
    return 2 * math.sin(km / (2 * EARTH_RADIUS_KM))


def _walk(pred: np.ndarray, start: int, end: int) -> list[int]:
    out = [end]
    while out[-1] != start:
        out.append(int(pred[out[-1]]))
    return out[::-1]


class ReferenceRailNetwork:
    """geo.routing.RailNetwork before the graph cache (adc736a)."""

    def __init__(
        self,
        bridge_km: float = 40.0,
        bridge_penalty: float = 4.0,
        bridge_cost_km: float = 10.0,
    ) -> None:
        from scgraph_data.world_railways import world_railways_geograph as graph
        from scipy.sparse import csr_matrix
        from scipy.spatial import cKDTree

        self.latlon = np.asarray(graph.nodes, dtype=float)
        rows, cols, km = [], [], []
        for i, adjacent in enumerate(graph.graph):
            for j, d in adjacent.items():
                rows.append(i)
                cols.append(j)
                km.append(d)
        n = len(self.latlon)
        self.matrix = csr_matrix((km, (rows, cols)), shape=(n, n))
        self.xyz = earth_centred(self.latlon[:, 1], self.latlon[:, 0], sphere=True)
        self.tree = cKDTree(self.xyz)
        self.bridge_km = bridge_km
        self.bridge_penalty = bridge_penalty
        self.bridge_cost_km = bridge_cost_km

    def nearest(self, lon: float, lat: float) -> tuple[int, float]:
        d, i = self.tree.query(earth_centred([lon], [lat], sphere=True)[0])
        return int(i), float(_chord_to_km(d))

    def leg(self, a: tuple[float, float], b: tuple[float, float]) -> Leg:
        for km in (self.bridge_km, 2 * self.bridge_km, 4 * self.bridge_km):
            leg = self._leg(a, b, km)
            if leg is not None:
                return leg
        raise ValueError(f"no rail path from {a} to {b}, even with a 160 km bridge")

    def _leg(self, a: tuple[float, float], b: tuple[float, float], bridge_km: float):
        from scipy.sparse.csgraph import dijkstra
        from scipy.spatial import cKDTree

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
                cost[gap <= 0.5] = np.inf
                j = int(np.argmin(cost))
                if cost[j] < best_cost:
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
