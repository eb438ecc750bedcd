"""Shortest paths on the world highway network of ``scgraph_data`` 2.0.0 (for
tools/make_corridors.py): OpenStreetMap's main roads as scgraph_data simplifies them,
560,282 nodes (latitude, longitude to 1e-3 degree) and 826,106 edges with their lengths in km,
© OpenStreetMap contributors (ODbL). Paths are scipy's Dijkstra, as geo.routing's for rail."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from geo.geometry import earth_centred

__all__ = ["SOURCE", "RoadLeg", "RoadNetwork"]

SOURCE = (
    "OpenStreetMap roads as simplified by the scgraph_data 2.0.0 world highway network "
    "(github.com/connor-makowski/scgraph_data), © OpenStreetMap contributors (ODbL)"
)
EARTH_RADIUS_KM = 6371.0088


@dataclass
class RoadLeg:
    """The path between two places on the network."""

    lonlat: np.ndarray  #: (n, 2) network node positions, in order
    network_km: float  #: the network's own edge lengths
    snap_km: tuple[float, float]  #: from each place to the network node it uses


class RoadNetwork:
    """scgraph_data's world highway network as a sparse graph."""

    def __init__(self) -> None:
        from scgraph_data.world_highways import world_highways_geograph as graph
        from scipy.sparse import csr_matrix
        from scipy.spatial import cKDTree

        self.latlon = np.asarray(graph.nodes, dtype=float)
        n = len(self.latlon)
        counts = np.fromiter(map(len, graph.graph), dtype=np.int64, count=n)
        cols = np.fromiter(itertools.chain.from_iterable(graph.graph), dtype=np.int64)
        km = np.fromiter(
            itertools.chain.from_iterable(a.values() for a in graph.graph), dtype=float
        )
        indptr = np.r_[0, np.cumsum(counts)]
        self.matrix = csr_matrix((km, cols, indptr), shape=(n, n))
        self.matrix.sum_duplicates()
        self.tree = cKDTree(earth_centred(self.latlon[:, 1], self.latlon[:, 0], sphere=True))

    def nearest(self, lon: float, lat: float) -> tuple[int, float]:
        """The network node nearest (lon, lat), and how far it is (km, on the sphere)."""
        chord, i = self.tree.query(earth_centred([lon], [lat], sphere=True)[0])
        return int(i), 2 * EARTH_RADIUS_KM * math.asin(min(1.0, chord / 2))

    def leg(self, a: tuple[float, float], b: tuple[float, float]) -> RoadLeg:
        """The shortest path from place ``a`` to ``b`` (lon, lat degrees) between the nodes
        nearest them; ValueError where the network joins them by no path within three times
        the straight distance plus 500 km."""
        from scipy.sparse.csgraph import dijkstra

        ia, snap_a = self.nearest(*a)
        ib, snap_b = self.nearest(*b)
        straight = float(
            np.linalg.norm(
                earth_centred([a[0], b[0]], [a[1], b[1]], sphere=True)[0]
                - earth_centred([a[0], b[0]], [a[1], b[1]], sphere=True)[1]
            )
            * EARTH_RADIUS_KM
        )
        dist, pred = dijkstra(
            self.matrix, indices=ia, limit=3 * straight + 500, return_predecessors=True
        )
        if not math.isfinite(dist[ib]):
            raise ValueError(f"no road path from {a} to {b} on the network")
        path = [ib]
        while path[-1] != ia:
            path.append(int(pred[path[-1]]))
        return RoadLeg(self.latlon[path[::-1]][:, ::-1], float(dist[ib]), (snap_a, snap_b))
