"""Shortest paths on the world rail network of ``scgraph_data`` (for tools/make_rail.py and
tools/make_projects.py): the engine is :mod:`geo.routing`, which ``geo.route`` uses too;
this module keeps the names the scripts import."""

from geo.routing import SOURCE, RailNetwork

__all__ = ["SOURCE", "RailNetwork"]
