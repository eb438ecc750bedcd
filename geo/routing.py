"""Shortest paths by rail and by sea between named places: :func:`route`, :func:`compare_routes`.

**Rail** runs on OpenStreetMap's railways as the package ``scgraph_data`` 2.0.0 (MIT code;
the data © OpenStreetMap contributors, ODbL) simplifies them: 274,974 nodes (latitude,
longitude to 1e-3 degree) and 408,211 edges with their lengths in km. scgraph_data needs
``scgraph`` before 3.0 (it imports ``scgraph.core``, gone in 3.x); the shortest paths are
scipy's. :class:`RailNetwork` loads it as a compact graph (:mod:`geo.graph`): from
scgraph_data the first time (1.4 s to 3.5 s measured on two shared cores), then from the
user's cache folder (:func:`geo.graph.cache_dir`, keyed by scgraph_data's version and
:data:`RAIL_COST`) in 0.3 s to 1.1 s; :func:`rail_network` keeps one per process.
``tools/make_rail.py`` and ``tools/make_projects.py`` draw the shipped rail lines with the
same engine.

The simplified network has gaps: 787 pieces, and missing links inside a piece (Jiuquan to
Jiayuguan, 21 km apart, are 704 km apart by scgraph's own router). A leg between two places
is the shortest path that uses at most one *bridge*: a straight step between two network
nodes at most ``bridge_km`` apart, costed at ``bridge_penalty`` times its length plus
``bridge_cost_km``, so real track wins unless the detour it saves is large. A leg to or from
a place :func:`route` must pass (``through``: a gateway) may use two where one is not
enough, as that place may lie on a piece of the network with a gap on each side (Khorgos).
Every bridge is reported, so a route can say where its line is not on track. A leg searches
from its start only as far as a path on track can go where that finds the same path as the
whole search (:meth:`geo.graph.Graph.search_to`), and the bridge is found without trying
every pair of nodes in reach (:func:`geo.graph.cheapest_link`): the paths, lengths and
bridges are those of the engine before both (``tests/test_graph.py`` compares them), in
0.02 s to 0.25 s a leg.

**Sea** runs on the network of the package ``searoute`` (Apache-2.0): Eurostat's MARNET
shipping-lane network (github.com/eurostat/searoute), based on the Oak Ridge National Labs
CTA Global Shipping Lane Network (World, 2000), with lines added from AIS data around
Europe. searoute snaps a place to the nearest node of its network. A place is *at sea
level* when it is a point of a port layer (its category has ``port = true``) or within
:data:`COAST_KM` of that node; any other place on land (:func:`geo.basemap.land`) is
*inland*, and its sea leg starts (or ends) at the port of the layers nearest to it, unless
that port is far (:data:`FAR_PORT`); one at sea further from the lanes, or with no port
near, starts at that node. The route says so
in its ``notes``; the distance to that port, or node, is not in the length.

These packages are the ``routing`` extra (``pip install -e '.[routing]'``); without them
:func:`route` raises :class:`MissingExtra` (an ImportError and a ValueError) naming that
command.

Lengths are measured on the WGS84 ellipsoid along the route's geometry with
:func:`geo.geodesic_length` (Karney's algorithm), not summed from the networks' edge
weights (scgraph_data's km, searoute's haversine on a 6,371 km sphere); those are kept as
``network_km``.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
import shapely

from ._extras import MissingExtra, require
from .emissions import EmissionAssumptions, co2_kg_per_teu, emission_assumptions
from .format import CATEGORIES
from .geodesic import UNITS, geodesic_length, pairwise_distance
from .geometry import earth_centred
from .graph import Graph, Search, cached_arrays, cached_graph, cheapest_link, graph_from_edges
from .layers import Layer, LayerError, load_layers, shipped_layers_dir
from .lines import densify_geodesic
from .places import is_lonlat, place_index, resolve_place
from .railcost import (
    NodeTerms,
    RailCost,
    crossing_names,
    edge_weights,
    gateways_of,
    node_terms,
    rail_cost,
)
from .transit import TransitAssumptions, passage_name, transit_assumptions, transit_days

__all__ = [
    "ATTRIBUTION",
    "COAST_KM",
    "FAR_PORT",
    "MODES",
    "NODE_KM",
    "RAIL_MAX_SNAP_KM",
    "RAIL_SOURCE",
    "SEA_SOURCE",
    "Bridge",
    "Comparison",
    "Crossing",
    "Leg",
    "MissingExtra",
    "RailNetwork",
    "Route",
    "RouteNode",
    "compare_routes",
    "gateway",
    "rail_network",
    "route",
    "route_layers",
]

EARTH_RADIUS_KM = 6371.0088
#: A path on track no longer than this many times the straight distance (plus
#: DETOUR_OK_KM) is taken as it is; a longer one is checked for a gap to bridge.
DETOUR_OK = 1.6
DETOUR_OK_KM = 30.0
ATTRIBUTION = "© OpenStreetMap contributors (ODbL)"
#: The rail network, as the shipped rail layers cite it.
SOURCE = (
    "OpenStreetMap railways as simplified by the scgraph_data 2.0.0 world railway network "
    f"(github.com/connor-makowski/scgraph_data), {ATTRIBUTION}"
)
RAIL_SOURCE = SOURCE
SEA_SOURCE = (
    "searoute {version} (github.com/genthalili/searoute-py, Apache-2.0): Eurostat's MARNET "
    "shipping-lane network (github.com/eurostat/searoute), based on the Oak Ridge National "
    "Labs CTA Global Shipping Lane Network, World, 2000, with lines added from AIS data "
    "around Europe"
)
#: The ways :func:`route` travels.
MODES = ("rail", "sea")
#: The modules each mode needs (the ``routing`` extra).
_NEEDS = {"rail": ("scipy", "scgraph", "scgraph_data"), "sea": ("searoute",)}
#: A named place of the layers (by sea: a port of the layers) is *passed* where the route
#: comes within this many km of it:
#: by rail, town centres sit off the track (the shipped services' junctions are within 14.2 km
#: of it, but for Shaowu, Sainshand and Choir, where the network lacks the line); by sea, lanes
#: run offshore (the shipped sea lanes come within 30 km of every port).
NODE_KM = {"rail": 15.0, "sea": 30.0}
#: The route's geometry is densified to this spacing (km) to find the places it passes, so
#: ``RouteNode.off_km`` and ``along_km`` are within half of it.
_NODE_STEP_KM = 1.0
#: A place further than this from every node of the rail network (km) has no railway.
RAIL_MAX_SNAP_KM = 50.0
#: An inland place goes to sea at the port of the layers nearest it, unless that port is
#: more than this many times as far as the sea network (the layers have no port near it):
#: then at the network's nearest node. Of the 579 inland places named in the shipped layers,
#: 23 are over it: coastal towns of Vietnam and Thailand 35-100 km from the lanes (Quy Nhon,
#: 18.8 times), Basra, Kouvola, Karawang, Baku (28.2: Haifa) and Atyrau (38.3).
FAR_PORT = 10.0
#: A place within this many km of the sea network's nearest node, or a port of the layers,
#: starts its sea leg there; any other is inland (see the module docstring).
COAST_KM = 30.0


def _require(mode: str) -> None:
    require("routing", _NEEDS[mode], f"routing by {mode}")


# --------------------------------------------------------------------------- rail network


def _chord_to_km(chord: np.ndarray) -> np.ndarray:
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.asarray(chord) / 2))


def _km_to_chord(km: float) -> float:
    return 2 * math.sin(km / (2 * EARTH_RADIUS_KM))


#: What the rail edges' weights depend on besides the network (in the graph cache's key).
RAIL_COST: dict[str, Any] = {"weight": "km"}


def _rail_edges() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """scgraph_data's world railways: nodes' (lat, lon) degrees, and every directed edge's
    tail, head and length (km)."""
    from scgraph_data.world_railways import world_railways_geograph as graph

    latlon = np.asarray(graph.nodes, dtype=float)
    tails, heads, km = [], [], []
    for i, adjacent in enumerate(graph.graph):
        for j, d in adjacent.items():
            tails.append(i)
            heads.append(j)
            km.append(d)
    return latlon, np.asarray(tails), np.asarray(heads), np.asarray(km, dtype=float)


def _rail_weights(
    latlon: np.ndarray, tails: np.ndarray, heads: np.ndarray, km: np.ndarray
) -> np.ndarray:
    """Each rail edge's weight in the shortest paths, from :data:`RAIL_COST`: its km (the one
    place the cost of an edge is set)."""
    return km


def _rail_graph() -> Graph:
    """The rail network as a :class:`geo.graph.Graph`, from the user's cache folder after
    the first load (keyed by scgraph_data's version and :data:`RAIL_COST`)."""
    import importlib.metadata

    def build() -> Graph:
        latlon, tails, heads, km = _rail_edges()
        return graph_from_edges(latlon, tails, heads, _rail_weights(latlon, tails, heads, km))

    version = importlib.metadata.version("scgraph_data")
    return cached_graph("rail", f"scgraph_data {version}", RAIL_COST, build)


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
    #: the network nodes, in order (a bridge joins two that are not adjacent)
    nodes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))


class RailNetwork:
    """scgraph_data's world railway network as a sparse graph (see the module docstring).

    :meth:`leg` finds the shortest path by km, or, given a
    :class:`~geo.railcost.RailCost`, the path of least generalised cost (border crossings,
    breaks of gauge, gateways); the weights are computed once per cost by
    :func:`geo.railcost.edge_weights` and kept. ``graph``: the network as a
    :class:`geo.graph.Graph` with other km (the default is scgraph_data's, cached).
    """

    def __init__(
        self,
        bridge_km: float = 40.0,
        bridge_penalty: float = 4.0,
        bridge_cost_km: float = 10.0,
        *,
        graph: Graph | None = None,
    ) -> None:
        _require("rail")
        self.graph = _rail_graph() if graph is None else graph
        self.latlon = self.graph.latlon
        self.matrix = self.graph.matrix
        self.xyz = self.graph.xyz
        self.tree = self.graph.tree
        self.bridge_km = bridge_km
        self.bridge_penalty = bridge_penalty
        self.bridge_cost_km = bridge_cost_km
        self._weighted: dict[RailCost, Graph] = {}
        self._terms: dict[RailCost, NodeTerms] = {}
        #: each node's piece of the network (connected component), per cost
        self._pieces: dict[RailCost | None, np.ndarray] = {}
        #: the last searches (a leg tries three bridge sizes on the same ones)
        self._searches: dict[tuple, Search] = {}

    @functools.cached_property
    def countries(self) -> np.ndarray:
        """Each node's country (ISO alpha-3, Natural Earth 1:50m); a node outside every
        polygon (on a coast, a causeway) takes the country of the nearest node in one.
        Kept in the user's cache folder beside the graph (seconds to find), keyed by the
        nodes, the base map's country files and the source of geo.countries and geo.basemap
        (a change to either finds them again)."""
        import hashlib
        from pathlib import Path

        from . import basemap, countries
        from .assets import vendor_bytes

        digest = hashlib.sha256(np.ascontiguousarray(self.latlon).tobytes())
        digest.update(vendor_bytes("world-atlas/countries-50m.json"))  # geo.basemap's
        digest.update((Path(__file__).parent / "data" / "countries.csv").read_bytes())
        for module in (countries, basemap):  # and the code that finds them
            digest.update(Path(module.__file__).read_bytes())
        found = cached_arrays(
            "rail-countries",
            digest.hexdigest(),
            {},
            lambda: {"country": np.array([c or "" for c in self._countries()], dtype=str)},
            check=lambda arrays: arrays.get("country", np.zeros(0)).shape == (len(self.latlon),),
        )
        return np.array([c or None for c in found["country"].tolist()], dtype=object)

    def _countries(self) -> np.ndarray:
        """:attr:`countries`, found (not cached)."""
        from .countries import country_at

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

    def weighted(self, cost: RailCost | None) -> Graph:
        """The graph with each edge's generalised cost (barred edges left out); by km
        where ``cost`` is None."""
        if cost is None:
            return self.graph
        if cost not in self._weighted:
            graph = self.graph
            tails = np.repeat(np.arange(graph.n), np.diff(graph.indptr))
            w = edge_weights(graph.weights, tails, graph.indices, self.node_terms(cost), cost)
            keep = np.isfinite(w)
            self._weighted[cost] = graph_from_edges(  # costs are no less than the km
                graph.latlon, tails[keep], graph.indices[keep], w[keep], scale=graph.scale
            )
        return self._weighted[cost]

    def nearest(self, lon: float, lat: float) -> tuple[int, float]:
        """The network node nearest (lon, lat), and how far it is (km)."""
        d, i = self.tree.query(earth_centred([lon], [lat], sphere=True)[0])
        return int(i), float(_chord_to_km(d))

    def leg(
        self,
        a: tuple[float, float],
        b: tuple[float, float],
        cost: RailCost | None = None,
        *,
        bridges: int = 1,
    ) -> Leg:
        """The path from junction ``a`` to ``b`` (lon, lat): the shortest by km, or of
        least generalised ``cost``; a bridge of up to 40 km, else 80, else 160 km where no
        path is found with a shorter one. With ``bridges=2``, where no path with one bridge
        is found, one with two (:meth:`_leg_two`): a place the path is made to pass (a
        gateway) may lie on a piece of the network with a gap on each side of it."""
        sizes = (self.bridge_km, 2 * self.bridge_km, 4 * self.bridge_km)
        for km in sizes:
            leg = self._leg(a, b, km, cost)
            if leg is not None:
                return leg
        if bridges >= 2:
            for km in sizes:
                leg = self._leg_two(a, b, km, cost)
                if leg is not None:
                    return leg
        many = "two 160 km bridges" if bridges >= 2 else "a 160 km bridge"
        raise ValueError(f"no rail path from {a} to {b}, even with {many}")

    def pieces(self, cost: RailCost | None) -> np.ndarray:
        """Each node's piece of the network: its connected component on the graph of
        ``cost`` (barred edges left out), kept per cost."""
        if cost not in self._pieces:
            from scipy.sparse.csgraph import connected_components

            _, labels = connected_components(self.weighted(cost).matrix, directed=False)
            self._pieces[cost] = labels
        return self._pieces[cost]

    def _leg_two(self, a, b, bridge_km: float, cost: RailCost | None):
        """The path from ``a`` to ``b`` with two bridges of up to ``bridge_km``, the first
        from the piece of ``a`` to another piece: the least cost over both bridges, by a
        search from a virtual node joined to each node a first bridge reaches at the cost of
        the path to it (from ``a``, then the bridge), then :func:`geo.graph.cheapest_link`
        from that search to the one from ``b``. None where there is none within the limit."""
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import dijkstra

        graph = self.weighted(cost)
        ia, snap_a = self.nearest(*a)
        ib, snap_b = self.nearest(*b)
        straight = float(_chord_to_km(np.linalg.norm(self.xyz[ia] - self.xyz[ib])))
        limit = km_limit = _reach_km(straight)
        if cost is not None:  # room for two crossings' cost; the km are held to km_limit
            limit += 2 * (cost.border_km + cost.gauge_change_km)
        step = None if cost is None else functools.partial(self._border_terms, cost=cost)
        from_a = self._search(cost, ia, limit)
        first = self._first_bridges(from_a, bridge_km, cost, step)
        if first is None:
            return None
        heads, tails, costs = first
        n = graph.n
        matrix = csr_matrix(
            (
                np.r_[graph.weights, costs],
                np.r_[graph.indices, heads],
                np.r_[graph.indptr, graph.indptr[-1] + len(heads)],
            ),
            shape=(n + 1, n + 1),
        )
        dist, pred = dijkstra(matrix, indices=n, limit=limit, return_predecessors=True)
        # its source is a's node: the distances are no less than scale x the straight km
        # from it (a bridge costs more than its km), so cheapest_link's bounds hold
        after = Search(ia, limit, dist[:n], pred[:n])
        from_b = self._search(cost, ib, limit)
        link = cheapest_link(
            graph,
            after,
            from_b,
            within_km=bridge_km,
            penalty=self.bridge_penalty,
            cost_km=self.bridge_cost_km,
            over_km=0.5,
            step=step,
        )
        if link is None:
            return None
        middle = [link.u]  # back along the search's tree to the first bridge's far end
        while pred[middle[-1]] != n:
            middle.append(int(pred[middle[-1]]))
        middle.reverse()
        near = int(tails[np.searchsorted(heads, middle[0])])
        path = from_a.path(near) + middle + from_b.path(link.v)[::-1]
        km = self.path_km(path)
        if cost is not None and km > km_limit:
            return None
        steps = [
            Bridge(
                tuple(self.latlon[u][::-1]),
                tuple(self.latlon[v][::-1]),
                float(_chord_to_km(np.linalg.norm(self.xyz[v] - self.xyz[u]))),
            )
            for u, v in ((near, middle[0]), (link.u, link.v))
        ]
        return Leg(self.latlon[path][:, ::-1], km, steps, (snap_a, snap_b), np.array(path))

    def _border_terms(
        self, w: np.ndarray, u: np.ndarray, v: np.ndarray, *, cost: RailCost
    ) -> np.ndarray:
        """Bridges' costs ``w`` from nodes ``u`` to ``v`` with ``cost``'s border terms (inf:
        barred), as :func:`geo.railcost.edge_weights` gives an edge's."""
        return edge_weights(w, u, v, self.node_terms(cost), cost)

    def _first_bridges(self, start: Search, bridge_km: float, cost: RailCost | None, step):
        """The first bridges of :meth:`_leg_two`: from a node ``start`` reached to a node of
        another piece at most ``bridge_km`` away (more than half a km, as a bridge of
        :meth:`_leg`). For each far end, the cheapest (the path to the near end, then the
        bridge at ``bridge_penalty`` x km + ``bridge_cost_km``, through ``step``: a cost
        model's border terms): (far ends sorted, their near ends, costs); None: none."""
        from scipy.spatial import cKDTree

        pieces = self.pieces(cost)
        reached = np.flatnonzero(np.isfinite(start.dist))
        others = np.flatnonzero(pieces != pieces[start.source])
        if not len(reached) or not len(others):
            return None
        found = cKDTree(self.xyz[others]).query_ball_point(
            self.xyz[reached], _km_to_chord(bridge_km)
        )
        counts = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
        if not counts.sum():
            return None
        u = np.repeat(reached, counts)
        v = others[np.concatenate([np.asarray(f, dtype=np.int64) for f in found if f])]
        km = _chord_to_km(np.linalg.norm(self.xyz[v] - self.xyz[u], axis=1))
        steps = self.bridge_penalty * km + self.bridge_cost_km
        if step is not None:
            steps = step(steps, u, v)
        total = start.dist[u] + steps
        keep = np.isfinite(total) & (km > 0.5)
        u, v, total = u[keep], v[keep], total[keep]
        if not len(v):
            return None
        order = np.lexsort((u, total, v))  # for each far end: the least cost, then least u
        u, v, total = u[order], v[order], total[order]
        first = np.r_[True, v[1:] != v[:-1]]
        return v[first], u[first], total[first]

    def path_km(self, nodes: Sequence[int]) -> float:
        """The network's km along consecutive nodes (a bridge at its straight length)."""
        nodes = np.asarray(nodes, dtype=np.int64)
        if len(nodes) < 2:
            return 0.0
        km = np.asarray(self.matrix[nodes[:-1], nodes[1:]]).ravel()
        gap = _chord_to_km(np.linalg.norm(self.xyz[nodes[1:]] - self.xyz[nodes[:-1]], axis=1))
        return float(np.where(km > 0, km, gap).sum())

    def _leg(self, a, b, bridge_km: float, cost: RailCost | None):
        graph = self.weighted(cost)
        ia, snap_a = self.nearest(*a)
        ib, snap_b = self.nearest(*b)
        straight = float(_chord_to_km(np.linalg.norm(self.xyz[ia] - self.xyz[ib])))
        limit = km_limit = _reach_km(straight)
        if cost is not None:  # room for one crossing's cost; the km are held to km_limit
            limit += cost.border_km + cost.gauge_change_km
        on_track = DETOUR_OK * straight + DETOUR_OK_KM
        # first as far as a path on track can go (and a margin for the edges leaving it);
        # where that is not the same as the whole search, the whole search
        near = self._search(cost, ia, limit, (ib, 1.1 * on_track + 200 + limit - km_limit))
        if math.isfinite(near.dist[ib]):
            path = near.path(ib)
            km = self.path_km(path)
            if km <= on_track:  # on track, no gap to bridge
                return Leg(self.latlon[path][:, ::-1], km, [], (snap_a, snap_b), np.array(path))
        from_a = near if near.limit == limit else self._search(cost, ia, limit)
        best_cost, best = float(from_a.dist[ib]), None
        from_b = self._search(cost, ib, limit)
        terms = None if cost is None else self.node_terms(cost)
        # a step of half a km or less is no bridge: it is left out before choosing, so a
        # node next to u cannot hide a real gap beside it (the choice is then the same both
        # ways along a leg); a bridge over a border costs (or is barred) as track
        link = cheapest_link(
            graph,
            from_a,
            from_b,
            within_km=bridge_km,
            penalty=self.bridge_penalty,
            cost_km=self.bridge_cost_km,
            over_km=0.5,
            below=best_cost,
            step=None if cost is None else lambda w, u, v: edge_weights(w, u, v, terms, cost),
        )
        if link is not None:
            best_cost, best = link.cost, (link.u, link.v, link.km)
        if not math.isfinite(best_cost):
            return None
        if best is None:
            path, bridges = from_a.path(ib), []
        else:
            u, v, gap = best
            path = from_a.path(u) + from_b.path(v)[::-1]
            bridges = [Bridge(tuple(self.latlon[u][::-1]), tuple(self.latlon[v][::-1]), gap)]
        km = self.path_km(path)
        if cost is not None and km > km_limit:  # a detour the km alone would not search
            return None
        return Leg(self.latlon[path][:, ::-1], km, bridges, (snap_a, snap_b), np.array(path))

    def _search(
        self,
        cost: RailCost | None,
        source: int,
        limit: float,
        to: tuple[int, float] | None = None,
    ) -> Search:
        """scipy's Dijkstra on the graph of ``cost`` from ``source`` within ``limit``; with
        ``to``, (target, near), :meth:`geo.graph.Graph.search_to`. The last four are kept (a
        leg tries three bridge sizes on the same searches)."""
        key = (cost, source, limit, to)
        if key not in self._searches:
            graph = self.weighted(cost)
            while len(self._searches) >= 4:
                del self._searches[next(iter(self._searches))]
            self._searches[key] = (
                graph.search(source, limit)
                if to is None
                else graph.search_to(source, to[0], limit, to[1])
            )
        return self._searches[key]


def _reach_km(straight_km: float) -> float:
    """The longest path (km) a leg searches between nodes ``straight_km`` apart."""
    return max(3 * straight_km, straight_km + 200)


def _wrapped(lonlat: Any) -> np.ndarray:
    """(N, 2) positions with longitudes moved by whole turns into [-180, 180)."""
    out = np.array(lonlat, dtype=float).reshape(-1, 2)
    out[:, 0] = (out[:, 0] + 180.0) % 360.0 - 180.0
    return out


@functools.cache
def rail_network() -> RailNetwork:
    """The rail network, loaded once per process (see the module docstring); ``corridors
    compare``, which loads it, peaks at about 0.5 GB (with the countries' index that its
    days need, its grid of border cells read from the cache folder)."""
    return RailNetwork()


# --------------------------------------------------------------------------- the result


@dataclass(frozen=True)
class RouteNode:
    """A named place of the layers that a route passes (within ``NODE_KM[mode]``; by sea,
    the points of the layers of a port category)."""

    name: str
    lon: float
    lat: float
    #: km along the route's geometry from its start to the point nearest the place
    along_km: float
    #: km from the place to the route (WGS84 geodesic, within 0.5 km)
    off_km: float


@dataclass(frozen=True)
class Crossing:
    """A border a rail route crosses: the countries (ISO alpha-3) either side, where (the
    middle of the network's edge over it, lon and lat), the gateway within the cost's
    ``gateway_km`` (None: none) and whether the gauge changes there."""

    from_country: str
    to_country: str
    lon: float
    lat: float
    gateway: str | None
    gauge_change: bool


@dataclass(frozen=True)
class Route:
    """A shortest path by rail or by sea, as :func:`route` returns it (``mode`` "rail" or
    "sea"; in :func:`compare_routes`' door-to-door sea row, a land leg with no rail path is
    a ``"straight"`` line that says so in its notes).

    ``geometry`` is a LineString of (lon, lat) degrees from the network node nearest the
    start to the one nearest the end (longitudes may run past ±180° to stay continuous);
    ``length_km`` is its WGS84 geodesic length, ``network_km`` the network's own sum of
    edge weights. ``start`` and ``end`` are the places the path joins, as (label, lon, lat):
    for an inland place by sea, the nearest port. ``snap_km`` is how far each is from the
    network. ``nodes`` are the named places passed, in order; ``bridges`` the straight
    steps over gaps in the rail network; ``passages`` the straits and canals a sea route
    takes (searoute's names); ``notes`` say in words what was done beyond the shortest path.
    """

    mode: str
    start: tuple[str, float, float]
    end: tuple[str, float, float]
    geometry: shapely.LineString
    length_km: float
    network_km: float
    snap_km: tuple[float, float]
    nodes: tuple[RouteNode, ...]
    source: str
    bridges: tuple[Bridge, ...] = ()
    passages: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())
    #: by rail, the borders crossed in order (see :class:`Crossing`)
    crossings: tuple[Crossing, ...] = ()
    #: by rail, the countries the path runs through, in order (Natural Earth 1:50m)
    countries: tuple[str, ...] = ()
    #: (low, high) days at the faster and the slower published speed (geo.transit)
    days: tuple[float, float] | None = None
    #: the speeds ``days`` assumes, with their sources, in words
    assumptions: str = ""
    #: (low, high) kg CO2e per TEU: the length x tonnes per TEU x the mode's low and high
    #: g CO2e per tonne-km (geo.emissions)
    co2_kg_per_teu: tuple[float, float] | None = None
    #: the intensities and load ``co2_kg_per_teu`` assumes, with their sources, in words
    co2_assumptions: str = ""

    def _named(self, start: tuple[str, float, float], end: tuple[str, float, float]) -> Route:
        """The same route with its ends named (a route between positions)."""
        return replace(self, start=start, end=end)

    @property
    def length_nmi(self) -> float:
        """The length in international nautical miles (1,852 m)."""
        return self.length_km * UNITS["km"] / UNITS["nmi"]


# --------------------------------------------------------------------------- routing


def _port_places(layers: Sequence[Layer]) -> list[tuple[str, float, float]]:
    """(name, lon, lat) of every point of the layers whose category is a port's
    (``port = true`` in ``geo/data/categories.toml``)."""
    out = []
    for layer in layers:
        if not CATEGORIES[layer.category].port:
            continue
        geoms = layer.geometries()
        for name, geom in zip(layer.frame["name"], geoms, strict=True):
            is_point = (
                geom is not None
                and shapely.get_type_id(geom) == shapely.GeometryType.POINT
                and not geom.is_empty
            )
            if isinstance(name, str) and is_point:
                out.append((name, float(geom.x), float(geom.y)))
    return out


def _nodes_passed(
    line: shapely.LineString, places: Iterable[tuple[str, float, float]], within_km: float
) -> tuple[RouteNode, ...]:
    """The ``places`` (name, lon, lat) within ``within_km`` of ``line``, in the order it
    passes them."""
    seen: dict[tuple[float, float], tuple[str, float, float]] = {}
    for name, lon, lat in places:  # one name per position (to ~10 m): the first
        seen.setdefault((round(lon, 4), round(lat, 4)), (name, lon, lat))
    places = list(seen.values())
    if not places or line.is_empty:
        return ()
    xyz = np.array([(lon, lat) for _, lon, lat in places])
    dense, along = _dense_near(line, xyz, within_km)
    if not len(dense):
        return ()
    from scipy.spatial import cKDTree  # the routing extra, as for every route

    # 1% more than the tolerance on the sphere: the exact test below is on the ellipsoid
    chord, nearest = cKDTree(earth_centred(dense[:, 0], dense[:, 1], sphere=True)).query(
        earth_centred(xyz[:, 0], xyz[:, 1], sphere=True),
        distance_upper_bound=_km_to_chord(1.01 * within_km),
    )
    near = np.flatnonzero(np.isfinite(chord))
    if not len(near):
        return ()
    off = pairwise_distance(xyz[near], dense[nearest[near]])
    found = [
        RouteNode(places[i][0], places[i][1], places[i][2], float(along[nearest[i]]), float(d))
        for i, d in zip(near, off, strict=True)
        if d <= within_km
    ]
    kept: list[RouteNode] = []
    for node in sorted(found, key=lambda n: (n.along_km, n.off_km, n.name)):
        # one place under two names of the layers ('Dostyk' and 'Dostyk (Druzhba)'): the first
        base = _base_name(node.name)
        if any(
            _base_name(k.name) == base and abs(k.along_km - node.along_km) <= within_km
            for k in kept
        ):
            continue
        kept.append(node)
    return tuple(kept)


def _dense_near(
    line: shapely.LineString, lonlat: np.ndarray, within_km: float
) -> tuple[np.ndarray, np.ndarray]:
    """The positions of ``line`` densified on the geodesic to :data:`_NODE_STEP_KM` (with
    longitudes in [-180, 180)) that may lie within ``within_km`` of a position of
    ``lonlat``, and their km along the line from its start.

    Only the segments that may come that near are densified: a position on a segment of
    geodesic length L is within L / 2 of one of its ends, so a segment is kept where a place
    lies within ``within_km + L / 2`` of an end (on the sphere, with 3% to spare for the
    ellipsoid and the chord). Every dense position within ``within_km`` of a place, and
    within 1% more on the sphere, is among those returned, at the same position as in
    the whole line densified (each segment's positions are its own); their km along are
    the lengths of the segments before and the part of their own (a segment's positions
    are equally spaced on its geodesic).
    """
    from scipy.spatial import cKDTree  # the routing extra, as for every route

    coords = shapely.get_coordinates(line)
    ends = _wrapped(coords)
    seg_km = pairwise_distance(ends[:-1], ends[1:])
    reach_km = 1.03 * (within_km + np.maximum(np.r_[0.0, seg_km], np.r_[seg_km, 0.0]) / 2)
    radius = 2 * np.sin(np.minimum(reach_km, math.pi * EARTH_RADIUS_KM) / (2 * EARTH_RADIUS_KM))
    tree = cKDTree(earth_centred(lonlat[:, 0], lonlat[:, 1], sphere=True))
    hits = tree.query_ball_point(
        earth_centred(ends[:, 0], ends[:, 1], sphere=True), radius, return_length=True
    )
    cand = np.flatnonzero((hits[:-1] > 0) | (hits[1:] > 0))
    if not len(cand):
        return np.empty((0, 2)), np.empty(0)
    pieces = densify_geodesic(
        shapely.linestrings(np.stack([coords[cand], coords[cand + 1]], axis=1)),
        max_segment_km=_NODE_STEP_KM,
    )
    pts, owner = shapely.get_coordinates(pieces, return_index=True)
    # a segment's positions are equally spaced on its geodesic: the j-th of n + 1 is at
    # j / n of its length
    firsts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    steps = np.diff(np.r_[firsts, len(owner)]) - 1
    j = np.arange(len(owner)) - firsts[owner]
    along = np.r_[0.0, np.cumsum(seg_km)][cand][owner] + seg_km[cand][owner] * (j / steps[owner])
    # a piece's last position is the next piece's first where the next segment is kept too
    last = j == steps[owner]
    shared = np.r_[cand[1:] == cand[:-1] + 1, False][owner]
    keep = ~(last & shared)
    return _wrapped(pts[keep]), along[keep]


def _base_name(name: str) -> str:
    """A place's name without a bracketed alias, folded: 'Dostyk (Druzhba)' -> 'dostyk'."""
    return name.split(" (", 1)[0].strip().casefold()


def _rail_path(points: Sequence[tuple[str, float, float]], cost: RailCost) -> dict[str, Any]:
    network = rail_network()
    coords: list[list[float]] = []
    bridges: list[Bridge] = []
    nodes: list[int] = []
    network_km = 0.0
    snaps = []
    last = len(points) - 2
    for i, ((na, *a), (nb, *b)) in enumerate(itertools.pairwise(points)):
        for name, lonlat in ((na, a), (nb, b)):
            _, snap = network.nearest(*lonlat)
            if snap > RAIL_MAX_SNAP_KM:
                raise ValueError(
                    f"Expected a place within {RAIL_MAX_SNAP_KM:g} km of a railway of the "
                    f"network, instead got {name!r}: the nearest track is {snap:,.0f} km away"
                )
        # a leg to or from a place the path must pass (a gateway) may step over a gap on
        # each side of it: the place may lie on a piece of the network of its own
        forced = i > 0 or i < last
        try:
            leg = network.leg(tuple(a), tuple(b), cost, bridges=2 if forced else 1)
        except ValueError:
            why = _no_rail_path(na, nb, cost, forced, _reach(network, a, b, forced))
            raise ValueError(why) from None
        for lon, lat in leg.lonlat.tolist():
            if not coords or [lon, lat] != coords[-1]:
                coords.append([lon, lat])
        nodes.extend(leg.nodes.tolist())
        bridges.extend(leg.bridges)
        network_km += leg.network_km
        snaps.append(leg.snap_km)
    notes = tuple(
        f"no track between {br.start[0]:.3f},{br.start[1]:.3f} and {br.end[0]:.3f},"
        f"{br.end[1]:.3f} in the network: the line steps straight over that gap ({br.km:.1f} km)"
        for br in bridges
    )
    crossings = _crossings(network, nodes, cost)
    countries = tuple(str(c) for c in network.countries[nodes[:1]]) + tuple(
        c.to_country for c in crossings
    )
    return {
        "coords": coords,
        "network_km": network_km,
        "snap_km": (snaps[0][0], snaps[-1][1]),
        "bridges": tuple(bridges),
        "crossings": crossings,
        "countries": countries,
        "notes": notes,
        "source": RAIL_SOURCE,
    }


def _reach(
    network: RailNetwork, a: Sequence[float], b: Sequence[float], forced: bool
) -> tuple[float, bool, bool]:
    """Where no rail leg from ``a`` to ``b`` (lon, lat) is found by cost: the longest path
    (km) :meth:`RailNetwork.leg` searches, whether track joins them (their nodes are on one
    piece of the network, or a path by km steps between pieces) and whether a path by km
    no longer than that exists (then the cost bars it: the gateways)."""
    (ia, _), (ib, _) = network.nearest(*a), network.nearest(*b)
    reach = _reach_km(float(_chord_to_km(np.linalg.norm(network.xyz[ia] - network.xyz[ib]))))
    try:
        km = network.leg(tuple(a), tuple(b), None, bridges=2 if forced else 1).network_km
    except ValueError:
        km = math.inf
    pieces = network.pieces(None)
    return reach, bool(pieces[ia] == pieces[ib]) or math.isfinite(km), km <= reach


def _no_rail_path(
    a: str, b: str, cost: RailCost, forced: bool, reach: tuple[float, bool, bool]
) -> str:
    """Why there is no rail path from ``a`` to ``b`` (``reach``: see :func:`_reach`): none
    as long as the longest searched, by km or by cost; or one by km, but only by a change
    of gauge or a border crossing away from the gateways."""
    steps = "two 160 km steps over gaps" if forced else "a 160 km step over a gap"
    head = f"Expected places joined by the rail network, instead got {a!r} and {b!r}: no path"
    km, joined, barred = reach
    if barred and cost.gateways:
        return (
            f"{head} between them, even with {steps}; a change of gauge, or a crossing of "
            f"{', '.join(cost.gateway_only)}'s border, is allowed only within "
            f"{cost.gateway_km:g} km of a border crossing of the layers"
        )
    text = f"{head} between them of up to {km:,.0f} km (three times the straight distance, "
    if joined:
        return text + (
            "the longest searched), though track joins them by a longer one: give a place on "
            "the way (--through)"
        )
    return text + f"the longest searched), even with {steps}; no track joins them"


def _crossings(network: RailNetwork, nodes: Sequence[int], cost: RailCost) -> tuple[Crossing, ...]:
    """The borders a path of network nodes crosses, in order."""
    nodes = np.asarray(nodes, dtype=np.int64)
    if len(nodes) < 2:
        return ()
    country = network.countries[nodes]
    at = np.flatnonzero(country[1:] != country[:-1])
    out = []
    for i in at.tolist():
        u, v = nodes[i], nodes[i + 1]
        lon, lat = (network.latlon[u, ::-1] + network.latlon[v, ::-1]) / 2
        (gateway,) = crossing_names([(lon, lat)], cost)
        out.append(
            Crossing(
                from_country=str(country[i]),
                to_country=str(country[i + 1]),
                lon=float(lon),
                lat=float(lat),
                gateway=gateway,
                gauge_change=cost.gauge_mm(country[i]) != cost.gauge_mm(country[i + 1]),
            )
        )
    return tuple(out)


def _at_sea(
    place: tuple[str, float, float],
    ports: list[tuple[str, float, float]],
) -> tuple[tuple[str, float, float], str | None]:
    """The place a sea leg starts or ends at for ``place``, and a note when it is another
    (the nearest port, for an inland place) or far from the sea network (a place in open
    water, off the network's lanes)."""
    if any(p[0] == place[0] and (p[1], p[2]) == place[1:] for p in ports):
        return place, None
    coast = float(pairwise_distance([place[1:]], [_searoute_snap(place[1:])])[0])
    if coast <= COAST_KM:
        return place, None
    if not _on_land(place[1], place[2])[0]:
        return place, (
            f"{place[0]} is at sea, {coast:,.0f} km from the sea network: the sea leg starts "
            "at the network's nearest node (that way is not in the length)"
        )
    if not ports:
        raise ValueError(
            f"Expected a place at sea level for a sea route, instead got {place[0]!r}: it is "
            f"{coast:,.0f} km from the sea network and no port layer is loaded to start from"
        )
    km = pairwise_distance([place[1:]] * len(ports), [p[1:] for p in ports])
    port = ports[int(np.argmin(km))]
    if float(km.min()) > FAR_PORT * coast:  # no port of the layers near: Baku, Quy Nhon
        return place, (
            f"{place[0]} is inland, {coast:,.0f} km from the sea network, and the nearest port "
            f"in the layers, {port[0]}, is {float(km.min()):,.0f} km away: the sea leg starts "
            "at the network's nearest node (that way is not in the length)"
        )
    return port, (
        f"{place[0]} is inland ({coast:,.0f} km from the sea network): the sea leg starts at "
        f"{port[0]}, the nearest port in the layers, {float(km.min()):,.0f} km away "
        "(not included in the length)"
    )


def _on_land(lon: Any, lat: Any) -> np.ndarray:
    """Whether each (lon, lat) lies on land: in one of the base map's countries
    (:func:`geo.countries.country_at`, whose index ``compare``'s days by country use too);
    the sea, and the Caspian, are not.

    >>> _on_land([106.55, 150.0, 178.0, -179.0], [29.56, -40.0, 68.0, 68.5]).tolist()
    [True, False, True, True]
    """
    from .countries import country_at

    return country_at(lon, lat)["country_name"].notna().to_numpy()


def _check_port(place: tuple[str, float, float], ports: list[tuple[str, float, float]]) -> None:
    """Refuse a ``via`` place whose sea leg would not start where its rail leg ends."""
    start, _ = _at_sea(place, ports)
    if start != place:
        km = float(pairwise_distance([place[1:]], [_searoute_snap(place[1:])])[0])
        raise ValueError(
            f"Expected a port or a place within {COAST_KM:g} km of the sea network for via, "
            f"instead got {place[0]!r}: it is {km:,.0f} km from the sea network (the nearest "
            f"port in the layers is {start[0]!r})"
        )


def _searoute_snap(lonlat: Sequence[float]) -> tuple[float, float]:
    """The node of searoute's network that searoute routes a place from."""
    return _lane_end(lonlat)[0]


def _lane_end(lonlat: Sequence[float]) -> tuple[tuple[float, float], tuple[float, float]]:
    """The node of searoute's network nearest a place (lon, lat), and the place as searoute
    is to be given it: a whole turn east or west where its index, which is flat in degrees,
    finds a nearer node so (-179.9,-16.6 is 376 km from the node it finds, 180.1 is 25 km
    from one)."""
    from searoute.searoute import setup_M

    lon, lat = float(lonlat[0]), float(lonlat[1])
    best: tuple[float, tuple[float, float], tuple[float, float]] | None = None
    for turn in (0.0, 360.0, -360.0):
        node = setup_M().kdtree.query((lon + turn, lat))
        node = (float(node[0]), float(node[1]))
        km = float(pairwise_distance([(lon, lat)], _wrapped([node]))[0])  # nodes run past 180°
        if best is None or km < best[0]:
            best = (km, node, (lon + turn, lat))
    return best[1], best[2]


def _sea_path(points: Sequence[tuple[str, float, float]]) -> dict[str, Any]:
    import importlib.metadata

    import searoute

    coords: list[list[float]] = []
    network_km, passages, snaps = 0.0, [], []
    for (na, *a), (nb, *b) in itertools.pairwise(points):
        a, b = _lane_end(a)[1], _lane_end(b)[1]  # near ±180°, as searoute finds them
        feature = searoute.searoute(a, b, units="km", return_passages=True)
        line = [list(map(float, p[:2])) for p in feature["geometry"]["coordinates"]]
        if not line or not math.isfinite(feature["properties"]["length"]):
            raise ValueError(
                f"Expected places joined by searoute's network, instead got {na!r} and "
                f"{nb!r}: no sea route between them"
            )
        if coords:  # continue from where the last leg ended, whole turns apart
            shift = 360.0 * round((coords[-1][0] - line[0][0]) / 360.0)
            line = [[lon + shift, lat] for lon, lat in line]
        for p in line:
            if not coords or p != coords[-1]:
                coords.append(p)
        network_km += float(feature["properties"]["length"])
        passages.extend(feature["properties"].get("traversed_passages") or [])
        snaps.append(pairwise_distance(_wrapped([a, b]), _wrapped([line[0], line[-1]])))
    version = importlib.metadata.version("searoute")
    return {
        "coords": coords,
        "network_km": network_km,
        "snap_km": (float(snaps[0][0]), float(snaps[-1][1])),
        "passages": tuple(sorted(set(passages))),  # searoute gives them in no set order
        "source": SEA_SOURCE.format(version=version),
    }


def _layers_for(places: Iterable[Any], layers: Iterable[Layer] | None) -> list[Layer]:
    if layers is not None:
        return list(layers)
    if any(isinstance(p, str) and not is_lonlat(p) for p in places):
        return load_layers()  # names need the layers
    try:  # positions only report the named places they pass
        folder = shipped_layers_dir()
    except LayerError:
        return []
    return load_layers(folder)


def route(
    a: Any,
    b: Any,
    *,
    mode: str = "rail",
    through: Sequence[Any] = (),
    layers: Iterable[Layer] | None = None,
    cost: RailCost | None = None,
    transit: TransitAssumptions | None = None,
    emissions: EmissionAssumptions | None = None,
) -> Route:
    """The shortest path from ``a`` to ``b`` by rail or by sea, as a :class:`Route`.

    Parameters
    ----------
    a, b : str or (lon, lat)
        Place names from the layers (as :func:`geo.distance` takes them), ``"lon,lat"``
        strings or (lon, lat) pairs in degrees.
    mode : {"rail", "sea"}
        ``"rail"``: on OpenStreetMap's railways (scgraph_data 2.0.0), stepping straight over
        gaps in the simplified network where that saves a long detour (each step is in
        ``bridges`` and ``notes``). ``"sea"``: on searoute's shipping lanes (Eurostat
        MARNET); an inland place goes to the nearest port of the layers (see the module
        docstring).
    through : sequence of places
        Places the path must pass, in order (e.g. a service's border crossings).
    layers : iterable of Layer, optional
        Where names are looked up, and whose named places are reported as ``nodes``
        (default: the shipped layers).
    cost : RailCost, optional
        How a rail path is costed (default: :func:`geo.rail_cost`).
    transit : TransitAssumptions, optional
        The speeds of ``days`` (default: :func:`geo.transit.transit_assumptions`).
    emissions : EmissionAssumptions, optional
        The intensities and load of ``co2_kg_per_teu`` (default:
        :func:`geo.emissions.emission_assumptions`).

    Returns
    -------
    Route
        ``length_km`` and ``length_nmi`` are the WGS84 geodesic length of ``geometry``
        (Karney's algorithm), not the networks' own spherical edge weights (``network_km``).
        ``days`` and ``co2_kg_per_teu`` are (low, high) pairs; ``assumptions`` and
        ``co2_assumptions`` say what they assume.

    Raises
    ------
    MissingExtra
        The ``routing`` extra is not installed (an ImportError and a ValueError).
    ValueError
        An unknown place (with the closest names), a bad mode, the same place twice, a
        place far from any railway, or no path on the network.

    Examples
    --------
    >>> r = route("4.48,51.92", "4.40,51.22", mode="sea", layers=[])  # Rotterdam, Antwerp
    >>> r.mode, round(r.length_km), round(r.length_nmi), r.nodes
    ('sea', 182, 99, ())
    """
    if mode not in MODES:
        raise ValueError(
            f"Expected mode to be one of {', '.join(map(repr, MODES))}, instead got: {mode!r}"
        )
    _require(mode)
    places = [a, *through, b]
    layers = _layers_for(places, layers)
    index = place_index(layers)
    points = [resolve_place(p, index) for p in places]
    for p, q in itertools.pairwise(points):
        if (p[1], p[2]) == (q[1], q[2]):
            raise ValueError(
                f"Expected two different places, instead got {p[0]!r} twice in a row; a route "
                "needs a start and an end apart"
            )
    notes: list[str] = []
    if mode == "sea":
        ports = _port_places(layers)
        moved = [_at_sea(p, ports) for p in points]
        for ((p, _), (q, _)), named in zip(
            itertools.pairwise(moved), itertools.pairwise(points), strict=True
        ):
            if (p[1], p[2]) == (q[1], q[2]):
                raise ValueError(
                    f"Expected places with different sea legs, instead {named[0][0]!r} and "
                    f"{named[1][0]!r} both go to sea at {p[0]!r}, the nearest port"
                )
        notes.extend(note for _, note in moved if note)
        ends = [p for (p, note), q in zip(moved, points, strict=True) if p != q or not note]
        points = [p for p, _ in moved]
        path = _sea_path(points)
        notes.extend(_off_the_lanes(points, path["snap_km"], ends))
        passable = ports
    else:
        cost = rail_cost() if cost is None else cost
        if not cost.gateways:
            cost = cost.with_gateways(gateways_of(layers))
        path = _rail_path(points, cost)
        if not cost.gateways:
            notes.append(
                "no border crossing (a point with role 'border crossing') in the layers: "
                "breaks of gauge are costed, not held to gateways"
            )
        passable = [named[0][:3] for named in index.values()]  # one position per name
    _check_length(points, path, mode)
    notes.extend(path.pop("notes", ()))
    line = shapely.LineString(path.pop("coords"))
    transit = transit_assumptions() if transit is None else transit
    emissions = emission_assumptions() if emissions is None else emissions
    length_km = float(geodesic_length(line))
    days = transit_days(
        mode,
        line,
        length_km * UNITS["km"] / UNITS["nmi"],
        path.get("passages", ()),
        transit,
        cost if mode == "rail" else None,
    )
    return Route(
        mode=mode,
        start=points[0],
        end=points[-1],
        geometry=line,
        length_km=length_km,
        nodes=_nodes_passed(line, passable, NODE_KM[mode]),
        notes=tuple(notes),
        days=days,
        assumptions=transit.describe(mode),
        co2_kg_per_teu=co2_kg_per_teu(mode, length_km, emissions),
        co2_assumptions=emissions.describe(mode),
        **path,
    )


def _off_the_lanes(
    points: Sequence[tuple[str, float, float]],
    snap_km: tuple[float, float],
    ports: Sequence[tuple[str, float, float]],
) -> list[str]:
    """Notes for a sea route's first and last place, where one of ``ports`` (a port its sea
    leg starts or ends at) is further than :data:`COAST_KM` from the sea network: the way
    to it is not in the length (Lamu, 224 km; Gwadar, 112 km)."""
    out = []
    for place, km, verb in ((points[0], snap_km[0], "starts"), (points[-1], snap_km[1], "ends")):
        if km > COAST_KM and place in ports:
            out.append(
                f"{place[0]} is {km:,.0f} km from the sea network's nearest node, where the sea "
                f"leg {verb} (that way is not in the length)"
            )
    return out


def _check_length(points: Sequence[tuple[str, float, float]], path: dict, mode: str) -> None:
    """Refuse a path that never leaves one node of the network (two places a few hundred
    metres apart both join it there): it has no length to compare."""
    coords = path["coords"]
    if len(coords) >= 2:
        return
    at = f"{coords[0][0]:.4f},{coords[0][1]:.4f}; " if coords else ""
    snap = path["snap_km"]
    names = " and ".join(repr(p[0]) for p in (points[0], points[-1]))
    raise ValueError(
        f"Expected places on different nodes of the {mode} network, instead {names} both "
        f"join it at the same node ({at}{snap[0]:,.1f} km and {snap[1]:,.1f} km away): the "
        "path between them has no length; give places further apart"
    )


def compare_routes(
    a: Any,
    b: Any,
    *,
    via: Any | None = None,
    through: Sequence[Any] = (),
    layers: Iterable[Layer] | None = None,
    transit: TransitAssumptions | None = None,
    emissions: EmissionAssumptions | None = None,
) -> dict[str, tuple[Route, ...]]:
    """Rail and sea from ``a`` to ``b`` side by side; with ``via`` (a port), also rail to
    ``via`` and sea on from it.

    Parameters
    ----------
    a, b : str or (lon, lat)
        As :func:`route` takes them.
    via : str or (lon, lat), optional
        A port of the layers or a place within :data:`COAST_KM` km of the sea network:
        from an inland place the sea leg would start at another port, and the rail-then-sea
        total would leave out the way between the two, so one is refused.
    through : sequence of places
        Places the rail legs pass, in order.
    layers : iterable of Layer, optional
        As for :func:`route`.
    transit, emissions : optional
        The speeds and the CO2 intensities and load, as :func:`route` takes them.

    Returns
    -------
    Comparison
        A dict of ``"rail"``, ``"sea"`` and, with ``via``, ``"rail+sea"`` to the
        :class:`Route` legs travelled one after the other (their ``length_km`` add up). A
        row with no route (no railway within reach of a place, no path on the network) has
        no legs, and its reason in ``missing``; ``ends`` are the two places' names.
        ``through`` applies to the rail row: the rail leg of ``"rail+sea"`` is routed
        without it, and its notes say so (never a detour to places of another row).

    Raises
    ------
    MissingExtra
        The ``routing`` extra is not installed (checked for both modes before routing).
    ValueError
        An inland ``via``, ``through`` places the rail row cannot pass (where ``a`` and
        ``b`` have a rail path without them; else the rail row is missing), or no row with a
        route (each row's reason in one message; :func:`route`'s own where they are one,
        as for the same place twice).
    """
    for mode in MODES:  # both, before either is routed
        _require(mode)
    layers = _layers_for([a, b, via, *through], layers)
    if via is not None:
        _check_port(resolve_place(via, place_index(layers)), _port_places(layers))
    out = Comparison()
    assumed = {"transit": transit, "emissions": emissions}
    index = place_index(layers)
    out.ends = (resolve_place(a, index)[0], resolve_place(b, index)[0])
    for place in through:  # an unknown name is an error whatever the rows
        resolve_place(place, index)
    try:
        rail = route(a, b, mode="rail", through=through, layers=layers, **assumed)
        out["rail"] = (_gateways_passed(rail, [resolve_place(p, index) for p in through], layers),)
    except ValueError as exc:
        # the places asked for: an error, not a missing row, unless A and B have no rail
        # path anyway (then that is why)
        out.leave_out("rail", _rail_without(a, b, layers, exc) if through else exc)
    try:  # two places that go to sea at one port have no sea leg
        sea = route(a, b, mode="sea", layers=layers, **assumed)
        out["sea"] = _door_to_door(a, b, sea, layers, assumed)
    except ValueError as exc:
        out.leave_out("sea", exc)
    if via is not None:
        try:
            out["rail+sea"] = _rail_then_sea(a, b, via, through, layers, assumed)
        except ValueError as exc:
            out.leave_out("rail+sea", exc)
    return _answered(out)


def _gateways_passed(
    rail: Route, through: Sequence[tuple[str, float, float]], layers: list[Layer]
) -> Route:
    """``rail`` with a note for each border crossing of the layers among ``through`` (a
    ``--gateway``) where it crosses no border: the shortest path through the place may
    reach it and cross elsewhere (Erenhot, then back to Alashankou)."""
    within = rail_cost().gateway_km
    gates = [g for g in gateways_of(layers) if any(g[1:] == p[1:] for p in through)]
    notes = [
        f"{name} is a border crossing, but the path crosses no border within {within:g} km "
        "of it: it passes the place and crosses elsewhere (see the borders crossed)"
        for name, lon, lat in gates
        if not any(
            pairwise_distance([(lon, lat)], [(c.lon, c.lat)])[0] <= within for c in rail.crossings
        )
    ]
    return replace(rail, notes=(*rail.notes, *notes)) if notes else rail


def _rail_without(a: Any, b: Any, layers: list[Layer], failed: ValueError) -> str:
    """Why there is no rail path from ``a`` to ``b`` whatever places it must pass: raise
    ``failed`` (no path through them) where the places are to blame, as a path without
    them exists."""
    try:
        route(a, b, mode="rail", layers=layers)
    except ValueError as exc:
        return str(exc)
    raise failed


def _rail_then_sea(
    a: Any, b: Any, via: Any, through: Sequence[Any], layers: list[Layer], assumed: dict
) -> tuple[Route, Route]:
    """:func:`compare_routes`' ``"rail+sea"`` legs: rail from ``a`` to the port ``via``
    (without ``through``, which are the rail row's, and a note saying so), then sea on."""
    index = place_index(layers)
    port, here, there = (resolve_place(p, index) for p in (via, a, b))
    for end, row in ((here, "sea"), (there, "rail")):
        if port[1:] == end[1:]:
            raise ValueError(
                f"Expected a port other than the two places for via, instead got {port[0]!r}, "
                f"one of them: rail to it, then sea, is the {row} row"
            )
    rail_leg = route(a, via, mode="rail", layers=layers, **assumed)
    if through:  # they belong to the rail row; this leg is not sent round them
        rail_leg = replace(
            rail_leg,
            notes=(
                *rail_leg.notes,
                f"the places to pass ({', '.join(map(str, through))}) are for the rail "
                f"row to {b}; this leg to {rail_leg.end[0]} is routed without them",
            ),
        )
    return rail_leg, route(via, b, mode="sea", layers=layers, **assumed)


def _answered(out: Comparison) -> Comparison:
    """``out`` where it has a row with a route; else one ValueError with each row's reason
    (one reason where all rows have the same, as two places that are one)."""
    if any(out.values()):
        return out
    reasons = list(dict.fromkeys(out.missing.values()))
    if len(reasons) == 1:
        raise ValueError(reasons[0])
    a, b = out.ends
    raise ValueError(
        f"Expected places joined by rail or by sea, instead got {a!r} and {b!r}: "
        + "; ".join(f"no {LABELS[key]} row: {why}" for key, why in out.missing.items())
    )


def _door_to_door(
    a: Any,
    b: Any,
    sea: Route,
    layers: list[Layer],
    assumed: dict[str, Any],
) -> tuple[Route, ...]:
    """The sea row from door to door: from an inland place, the land leg to the port the
    sea leg starts at (and from the one it ends at), by rail where the network has a path,
    else a straight line that says so."""
    index = place_index(layers)
    here, there = resolve_place(a, index), resolve_place(b, index)
    if (sea.start[1:], sea.end[1:]) == (here[1:], there[1:]):
        return (sea,)
    sea = replace(
        sea,
        notes=tuple(
            n.replace("(not included in the length)", "(the land leg, included in the row)")
            for n in sea.notes
        ),
    )
    legs = [sea]
    if (sea.start[1], sea.start[2]) != (here[1], here[2]):
        legs.insert(0, _land_leg(here, sea.start, layers, assumed))
    if (sea.end[1], sea.end[2]) != (there[1], there[2]):
        legs.append(_land_leg(sea.end, there, layers, assumed))
    return tuple(legs)


def _land_leg(
    a: tuple[str, float, float],
    b: tuple[str, float, float],
    layers: list[Layer],
    assumed: dict[str, Any],
) -> Route:
    """Rail from ``a`` to ``b`` (name, lon, lat); a straight line where there is none (its
    days and CO2 at rail's speeds and intensities). ``assumed``: :func:`route`'s
    ``transit`` and ``emissions``."""
    try:
        return route(a[1:], b[1:], mode="rail", layers=layers, **assumed)._named(a, b)
    except ValueError:
        pass
    transit = assumed.get("transit") or transit_assumptions()
    emissions = assumed.get("emissions") or emission_assumptions()
    line = shapely.LineString([a[1:], b[1:]])
    km = float(geodesic_length(line))
    return Route(
        mode="straight",
        start=a,
        end=b,
        geometry=line,
        length_km=km,
        network_km=km,
        snap_km=(0.0, 0.0),
        nodes=(),
        source="a straight line (WGS84 geodesic) between the two places: no route",
        notes=(
            f"no rail path between {a[0]} and {b[0]}: this land leg is a straight line, not a "
            "route (its km, and its days and CO2 at rail's speed and intensity, are a floor)",
        ),
        days=transit_days("rail", line, km * UNITS["km"] / UNITS["nmi"], (), transit),
        assumptions=transit.describe("rail"),
        co2_kg_per_teu=co2_kg_per_teu("straight", km, emissions),
        co2_assumptions=emissions.describe("rail"),
    )


def gateway(name: Any, layers: Iterable[Layer] | None = None) -> tuple[str, float, float]:
    """The border crossing (a point with role ``"border crossing"``) of the layers that
    ``name`` names, as (name, lon, lat): what ``corridors compare --gateway`` passes as a
    ``through`` place. A place that is no border crossing is refused, listing those there
    are."""
    layers = _layers_for([name], layers)
    place = resolve_place(name, place_index(layers))
    gates = gateways_of(layers)
    for gate in gates:
        if float(pairwise_distance([place[1:]], [gate[1:]])[0]) <= 1.0:
            return gate
    names = ", ".join(g[0] for g in gates) or "none (no layer with border crossings)"
    raise ValueError(
        f"Expected a border crossing of the layers for the gateway, instead got {place[0]!r}; "
        f"the border crossings are: {names}"
    )


class Comparison(dict):
    """:func:`compare_routes`' result: a dict of row to legs, and ``missing``, the reason
    for each row that has no route (an empty tuple of legs)."""

    def __init__(self) -> None:
        super().__init__()
        self.missing: dict[str, str] = {}
        self.ends: tuple[str, str] = ("", "")

    def leave_out(self, key: str, why: Exception | str) -> None:
        """Give row ``key`` no legs, and ``why`` (the error that stopped it) in ``missing``."""
        self[key] = ()
        self.missing[key] = str(why)


#: How :func:`compare_routes`' entries are called in words (the CLI and the map).
LABELS = {"rail": "rail", "sea": "sea", "rail+sea": "rail, then sea"}


def _describe(leg: Route) -> str:
    """A leg's name in the map: its ends, its mode and the passages it takes."""
    text = f"{leg.start[0]} – {leg.end[0]} by {leg.mode}"
    if leg.passages:
        text += " through " + ", ".join(passage_name(p) for p in leg.passages)
    return text


def _range(pair: tuple[float, float] | None, number: str) -> str | None:
    """A (low, high) pair as text, '10.7–13.9' (None: None)."""
    return None if pair is None else f"{number.format(pair[0])}–{number.format(pair[1])}"


def route_layers(routes: dict[str, tuple[Route, ...]]) -> list[Layer]:
    """Layers to draw :func:`compare_routes`' result with :func:`geo.build_map`: a line
    layer per leg (with its source, notes, days, kg CO2e per TEU and the places passed),
    each row's legs in one colour of its own (the rail-route palette in row order), each
    layer its own legend entry; and one point layer of the places the legs start and end
    at."""
    import geopandas as gpd

    layers, ends = [], {}
    palette = CATEGORIES["rail-route"].palette  # one colour a row, in row order
    for number, (key, legs) in enumerate(routes.items()):
        total = sum(leg.length_km for leg in legs)
        colour = palette[number % len(palette)]
        for i, leg in enumerate(legs):
            ends.setdefault(leg.start[0], leg.start[1:])
            ends.setdefault(leg.end[0], leg.end[1:])
            row = {
                "name": _describe(leg),
                "length_nmi": round(leg.length_nmi, 1),
                "network_km": round(leg.network_km, 1),
                "days": _range(leg.days, "{:.1f}"),
                "kg_co2e_per_teu": _range(leg.co2_kg_per_teu, "{:,.0f}"),
                "passes": ", ".join(n.name for n in leg.nodes),
                "notes": "; ".join(leg.notes) or None,
                "source": leg.source,
                "geometry": leg.geometry,
            }
            title = f"By {LABELS[key]}: {total:,.0f} km"
            if len(legs) > 1:
                title += f" ({leg.mode} leg {i + 1}, {leg.length_km:,.0f} km)"
            layers.append(
                Layer(
                    id=f"compare/{key}" + (f"/{i + 1}" if len(legs) > 1 else ""),
                    name=title,
                    category="sea-lane" if leg.mode == "sea" else "rail-route",
                    path=None,
                    frame=gpd.GeoDataFrame([row], geometry="geometry", crs="EPSG:4326"),
                    source=leg.source,
                    style={"stroke": colour},
                )
            )
    points = [{"name": n, "geometry": shapely.Point(p)} for n, p in ends.items()]
    layers.append(
        Layer(
            id="compare/places",
            name="Where the routes start and end",
            category="other",
            path=None,
            frame=gpd.GeoDataFrame(points, geometry="geometry", crs="EPSG:4326"),
            source="the layers' places (geo.places)",
        )
    )
    return layers
