"""The rail engine as it was before the graph cache (geo.routing's RailNetwork at main
e12679d, after issue 24's cost model), kept verbatim as the reference the new one must
match: the same paths, lengths and bridges, by km and by generalised cost.

It loads scgraph_data's dicts on every construction (seconds and hundreds of MB) and tries
every pair of nodes in reach for a bridge, so it is slow; tests/test_graph.py and
benchmarks/bench_route.py compare the new engine with it.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from geo.geometry import earth_centred
from geo.railcost import NodeTerms, RailCost, edge_weights, node_terms
from geo.routing import DETOUR_OK, DETOUR_OK_KM, Bridge, Leg

EARTH_RADIUS_KM = 6371.0088


def _chord_to_km(chord: np.ndarray) -> np.ndarray:
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.asarray(chord) / 2))


def _km_to_chord(km: float) -> float:
    return 2 * math.sin(km / (2 * EARTH_RADIUS_KM))


def _walk(pred: np.ndarray, start: int, end: int) -> list[int]:
    """Node ids from ``start`` to ``end`` along Dijkstra's predecessor tree."""
    out = [end]
    while out[-1] != start:
        out.append(int(pred[out[-1]]))
    return out[::-1]


class ReferenceRailNetwork:
    """scgraph_data's world railway network as a sparse graph (see the module docstring).

    :meth:`leg` finds the shortest path by km, or, given a
    :class:`~geo.railcost.RailCost`, the path of least generalised cost (border crossings,
    breaks of gauge, gateways); the weights are computed once per cost by
    :func:`geo.railcost.edge_weights` and kept.
    """

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
        self._weighted: dict[RailCost, Any] = {}
        self._terms: dict[RailCost, NodeTerms] = {}

    @functools.cached_property
    def countries(self) -> np.ndarray:
        """Each node's country (ISO alpha-3, Natural Earth 1:50m); a node outside every
        polygon (on a coast, a causeway) takes the country of the nearest node in one."""
        from geo.countries import country_at

        found = country_at(self.latlon[:, 1], self.latlon[:, 0])["country"]
        out = found.to_numpy(dtype=object, copy=True)
        known = np.flatnonzero(pd.notna(out))
        lost = np.flatnonzero(pd.isna(out))
        if len(lost) and len(known):
            from scipy.spatial import cKDTree

            _, nearest = cKDTree(self.xyz[known]).query(self.xyz[lost])
            out[lost] = out[known[nearest]]
        return out

    def node_terms(self, cost: RailCost) -> NodeTerms:
        """Each node's terms of ``cost`` (:func:`geo.railcost.node_terms`), kept per cost."""
        if cost not in self._terms:
            at = np.zeros(len(self.latlon), dtype=bool)
            if cost.gateways:
                points = earth_centred(
                    [g[1] for g in cost.gateways], [g[2] for g in cost.gateways], sphere=True
                )
                for found in self.tree.query_ball_point(points, _km_to_chord(cost.gateway_km)):
                    at[found] = True
            self._terms[cost] = node_terms(self.countries, at, cost)
        return self._terms[cost]

    def weighted(self, cost: RailCost | None):
        """The graph with each edge's generalised cost (barred edges left out); by km
        where ``cost`` is None."""
        if cost is None:
            return self.matrix
        if cost not in self._weighted:
            from scipy.sparse import csr_matrix

            coo = self.matrix.tocoo()
            w = edge_weights(coo.data, coo.row, coo.col, self.node_terms(cost), cost)
            keep = np.isfinite(w)
            self._weighted[cost] = csr_matrix(
                (w[keep], (coo.row[keep], coo.col[keep])), shape=self.matrix.shape
            )
        return self._weighted[cost]

    def nearest(self, lon: float, lat: float) -> tuple[int, float]:
        """The network node nearest (lon, lat), and how far it is (km)."""
        d, i = self.tree.query(earth_centred([lon], [lat], sphere=True)[0])
        return int(i), float(_chord_to_km(d))

    def leg(
        self, a: tuple[float, float], b: tuple[float, float], cost: RailCost | None = None
    ) -> Leg:
        """The path from junction ``a`` to ``b`` (lon, lat): the shortest by km, or of
        least generalised ``cost``; a bridge of up to 40 km, else 80, else 160 km where no
        path is found with a shorter one."""
        for km in (self.bridge_km, 2 * self.bridge_km, 4 * self.bridge_km):
            leg = self._leg(a, b, km, cost)
            if leg is not None:
                return leg
        raise ValueError(f"no rail path from {a} to {b}, even with a 160 km bridge")

    def path_km(self, nodes: Sequence[int]) -> float:
        """The network's km along consecutive nodes (a bridge at its straight length)."""
        nodes = np.asarray(nodes, dtype=np.int64)
        if len(nodes) < 2:
            return 0.0
        km = np.asarray(self.matrix[nodes[:-1], nodes[1:]]).ravel()
        gap = _chord_to_km(np.linalg.norm(self.xyz[nodes[1:]] - self.xyz[nodes[:-1]], axis=1))
        return float(np.where(km > 0, km, gap).sum())

    def _leg(self, a, b, bridge_km: float, cost: RailCost | None):
        from scipy.sparse.csgraph import dijkstra
        from scipy.spatial import cKDTree

        matrix = self.weighted(cost)
        ia, snap_a = self.nearest(*a)
        ib, snap_b = self.nearest(*b)
        straight = float(_chord_to_km(np.linalg.norm(self.xyz[ia] - self.xyz[ib])))
        limit = km_limit = max(3 * straight, straight + 200)
        if cost is not None:  # room for one crossing's cost; the km are held to km_limit
            limit += cost.border_km + cost.gauge_change_km
        dist_a, pred_a = dijkstra(matrix, indices=ia, limit=limit, return_predecessors=True)
        best_cost, best = float(dist_a[ib]), None
        if math.isfinite(best_cost):
            path = _walk(pred_a, ia, ib)
            km = self.path_km(path)
            if km <= DETOUR_OK * straight + DETOUR_OK_KM:  # on track, no gap to bridge
                return Leg(self.latlon[path][:, ::-1], km, [], (snap_a, snap_b), np.array(path))
        dist_b, pred_b = dijkstra(matrix, indices=ib, limit=limit, return_predecessors=True)
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
                step = self.bridge_penalty * gap + self.bridge_cost_km
                if cost is not None:  # a bridge over a border costs (or is barred) as track
                    step = edge_weights(step, np.full(len(vs), u), vs, self.node_terms(cost), cost)
                cost_uv = dist_a[u] + step + dist_b[vs]
                # a step of half a km or less is no bridge: leave it out before choosing, so
                # a node next to u cannot hide a real gap beside it (the choice is then the
                # same both ways along a leg)
                cost_uv[gap <= 0.5] = np.inf
                j = int(np.argmin(cost_uv))
                if cost_uv[j] < best_cost:
                    best_cost, best = float(cost_uv[j]), (int(u), int(vs[j]), float(gap[j]))
        if not math.isfinite(best_cost):
            return None
        if best is None:
            path, bridges = _walk(pred_a, ia, ib), []
        else:
            u, v, gap = best
            path = _walk(pred_a, ia, u) + _walk(pred_b, ib, v)[::-1]
            bridges = [Bridge(tuple(self.latlon[u][::-1]), tuple(self.latlon[v][::-1]), gap)]
        km = self.path_km(path)
        if cost is not None and km > km_limit:  # a detour the km alone would not search
            return None
        return Leg(self.latlon[path][:, ::-1], km, bridges, (snap_a, snap_b), np.array(path))
