"""The generalised cost of a rail path: km of track, plus a cost per border crossing and
per change of gauge, with breaks of gauge crossed only at gateways.

The parameters are in ``geo/data/routing.toml`` (``[rail.cost]`` and ``[rail.gauge]``),
each with its source; :func:`rail_cost` reads them and takes overrides. The cost of every
edge of a network is computed from a :class:`RailCost` and the country of each node by
:func:`edge_weights`, a pure function of arrays, so that any graph search (scipy's
Dijkstra here) can use the weights as they are.

A crossing is an edge whose two nodes lie in different countries (Natural Earth's 1:50m
borders, :func:`geo.country_at`). It costs ``border_km``, plus ``gauge_change_km`` where
the two countries' gauges differ. A crossing between two gauges, or of the border of a
country in ``gateway_only`` (China), is *barred* unless one of its nodes is within
``gateway_km`` of a gateway: a point of a rail-node layer whose ``role`` is ``"border
crossing"``. Without any gateway (layers that have no border crossing) nothing is barred:
every crossing is only costed, and :func:`geo.route` says so in its notes.
"""

from __future__ import annotations

import functools
import math
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

import numpy as np
import shapely

from .layers import Layer, LayerError

__all__ = [
    "GATEWAY_ROLE",
    "STANDARD_GAUGE_MM",
    "NodeTerms",
    "RailCost",
    "crossing_names",
    "edge_weights",
    "gateways_of",
    "node_terms",
    "rail_cost",
    "routing_table",
]

#: The ``role`` of a point that is a gateway (tools/data/rail/terminals.toml).
GATEWAY_ROLE = "border crossing"
#: The gauge of a country the table does not list (mm).
STANDARD_GAUGE_MM = 1435
_FILE = "geo/data/routing.toml"


@functools.cache
def routing_table() -> dict[str, Any]:
    """``geo/data/routing.toml`` as read (a :class:`LayerError` naming the file where it
    is not TOML)."""
    text = (resources.files("geo") / "data" / "routing.toml").read_text(encoding="utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LayerError([f"{_FILE}: {exc}; expected TOML"]) from None


@dataclass(frozen=True)
class RailCost:
    """How a rail path is costed (see the module docstring); km-equivalents throughout.

    ``gauges`` is ((ISO alpha-3, gauge in mm), ...) for the countries not on standard
    gauge; ``gateways`` is ((name, lon, lat), ...).
    """

    border_km: float
    gauge_change_km: float
    gateway_km: float
    gateway_only: tuple[str, ...]
    gauges: tuple[tuple[str, int], ...]
    gateways: tuple[tuple[str, float, float], ...] = ()
    source: str = ""

    def gauge_mm(self, country: str | None) -> int:
        """The track gauge of a country (mm; standard gauge where the table has none)."""
        return dict(self.gauges).get(country, STANDARD_GAUGE_MM)

    def with_gateways(self, gateways: Iterable[tuple[str, float, float]]) -> RailCost:
        """The same cost with these gateways (name, lon, lat)."""
        return replace(self, gateways=tuple(sorted(set(gateways))))


def rail_cost(**overrides: Any) -> RailCost:
    """The rail cost of ``geo/data/routing.toml``, with any field overridden.

    Examples
    --------
    >>> cost = rail_cost(border_km=0.0)
    >>> cost.border_km, cost.gauge_mm("KAZ"), cost.gauge_mm("POL"), cost.gateway_only
    (0.0, 1520, 1435, ('CHN',))
    """
    rail = routing_table().get("rail", {})
    table, gauge = dict(rail.get("cost", {})), dict(rail.get("gauge", {}))
    problems = []
    for key in ("border_km", "gauge_change_km", "gateway_km"):
        value = table.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            problems.append(f"{_FILE}: [rail.cost] {key} is {value!r}; expected a number >= 0")
    only = table.get("gateway_only", [])
    if not isinstance(only, list) or not all(isinstance(c, str) for c in only):
        problems.append(f"{_FILE}: [rail.cost] gateway_only is {only!r}; expected a list of codes")
    gauges = []
    for key, countries in gauge.items():
        if key in ("source", "year"):
            continue
        if not key.isdigit() or not isinstance(countries, list):
            problems.append(
                f"{_FILE}: [rail.gauge] {key!r}; expected a gauge in mm = a list of countries"
            )
            continue
        gauges.extend((str(c), int(key)) for c in countries)
    if problems:
        raise LayerError(problems)
    known = {"border_km", "gauge_change_km", "gateway_km", "gateway_only", "gauges", "gateways"}
    unknown = set(overrides) - known
    if unknown:
        raise ValueError(
            f"Expected rail cost overrides among {', '.join(sorted(known))}, instead got: "
            + ", ".join(sorted(unknown))
        )
    cost = RailCost(
        border_km=float(table["border_km"]),
        gauge_change_km=float(table["gauge_change_km"]),
        gateway_km=float(table["gateway_km"]),
        gateway_only=tuple(only),
        gauges=tuple(sorted(gauges)),
        source=f"{table.get('source', '')}; gauges: {' '.join(str(gauge.get('source')).split())}",
    )
    cost = replace(cost, **overrides)
    for key in ("border_km", "gauge_change_km", "gateway_km"):
        value = getattr(cost, key)
        if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
            raise ValueError(f"Expected {key} to be a number >= 0, instead got: {value!r}")
    return cost


def gateways_of(layers: Iterable[Layer]) -> tuple[tuple[str, float, float], ...]:
    """(name, lon, lat) of every point of the layers whose ``role`` is ``"border crossing"``."""
    out = []
    for layer in layers:
        frame = layer.frame
        if "role" not in frame.columns or "name" not in frame.columns:
            continue
        for name, role, geom in zip(frame["name"], frame["role"], layer.geometries(), strict=True):
            if (
                role == GATEWAY_ROLE
                and isinstance(name, str)
                and geom is not None
                and shapely.get_type_id(geom) == shapely.GeometryType.POINT
                and not geom.is_empty
            ):
                out.append((name, float(geom.x), float(geom.y)))
    return tuple(sorted(set(out)))


@dataclass(frozen=True)
class NodeTerms:
    """What :func:`edge_weights` needs of each node of a network, for one cost: its
    country (a number), its gauge (mm), whether its country's borders are gateway-only
    and whether it is at a gateway."""

    country: np.ndarray
    gauge_mm: np.ndarray
    gateway_only: np.ndarray
    at_gateway: np.ndarray


def node_terms(country: np.ndarray, at_gateway: np.ndarray, cost: RailCost) -> NodeTerms:
    """:class:`NodeTerms` from each node's country (ISO alpha-3) and whether it is within
    ``cost.gateway_km`` of a gateway."""
    codes, number = np.unique(np.asarray(country).astype(str), return_inverse=True)
    return NodeTerms(
        country=number,
        gauge_mm=np.array([cost.gauge_mm(c) for c in codes], dtype=np.int64)[number],
        gateway_only=np.isin(codes, cost.gateway_only)[number],
        at_gateway=np.asarray(at_gateway, dtype=bool),
    )


def edge_weights(
    km: np.ndarray, u: np.ndarray, v: np.ndarray, nodes: NodeTerms, cost: RailCost
) -> np.ndarray:
    """The generalised cost of each edge (km-equivalents; ``inf`` where it is barred).

    Parameters
    ----------
    km : (m,) float
        The edges' lengths in km.
    u, v : (m,) int
        Each edge's two nodes.
    nodes : NodeTerms
        Of every node, from :func:`node_terms`.
    cost : RailCost

    Examples
    --------
    >>> cost = rail_cost(border_km=100.0, gauge_change_km=500.0, gateways=(("G", 0.0, 0.0),))
    >>> country = np.array(["POL", "POL", "BLR", "DEU"], dtype=object)
    >>> nodes = node_terms(country, [False, True, False, False], cost)
    >>> edge_weights(np.array([5.0, 5.0, 5.0]), np.array([0, 1, 0]), np.array([1, 2, 3]),
    ...              nodes, cost).tolist()
    [5.0, 605.0, 105.0]
    >>> edge_weights(np.array([5.0]), np.array([0]), np.array([2]), nodes, cost).tolist()
    [inf]
    """
    km = np.asarray(km, dtype=float)
    crossing = nodes.country[u] != nodes.country[v]
    break_of_gauge = crossing & (nodes.gauge_mm[u] != nodes.gauge_mm[v])
    gated = crossing & (break_of_gauge | nodes.gateway_only[u] | nodes.gateway_only[v])
    # without any gateway (layers with no border crossings) nothing is barred, only costed
    barred = gated & ~(nodes.at_gateway[u] | nodes.at_gateway[v]) & bool(cost.gateways)
    out = km + crossing * cost.border_km + break_of_gauge * cost.gauge_change_km
    out[barred] = math.inf
    return out


def crossing_names(lonlat: Sequence[tuple[float, float]], cost: RailCost) -> list[str | None]:
    """The gateway within ``cost.gateway_km`` of each (lon, lat), by name (None: none)."""
    from .geodesic import pairwise_distance

    out: list[str | None] = []
    for lon, lat in lonlat:
        if not cost.gateways:
            out.append(None)
            continue
        km = pairwise_distance([(lon, lat)] * len(cost.gateways), [g[1:] for g in cost.gateways])
        i = int(np.argmin(km))
        out.append(cost.gateways[i][0] if km[i] <= cost.gateway_km else None)
    return out
