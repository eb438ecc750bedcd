"""Shortest paths on the world rail network of ``scgraph_data`` (for tools/make_rail.py and
tools/make_projects.py): the engine is :mod:`geo.routing`, which ``geo.route`` uses too;
this module keeps the names the scripts import, and :func:`gateway_cost`, the rail cost of
``geo/data/routing.toml`` with a terminals GeoJSON's border crossings as its gateways."""

from geo.railcost import GATEWAY_ROLE, rail_cost
from geo.routing import SOURCE, RailNetwork

__all__ = ["SOURCE", "RailNetwork", "gateway_cost"]


def gateway_cost(terminals):
    """The rail cost (geo.railcost.RailCost) whose gateways are the points of
    ``terminals`` (a GeoJSON FeatureCollection dict) with role "border crossing", as
    geo.route takes them from the terminals layer."""
    gateways = [
        (f["properties"]["name"], *map(float, f["geometry"]["coordinates"]))
        for f in terminals["features"]
        if f["properties"].get("role") == GATEWAY_ROLE and f["geometry"]["type"] == "Point"
    ]
    return rail_cost().with_gateways(gateways)
