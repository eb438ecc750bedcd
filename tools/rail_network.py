"""Shortest paths on the world rail network of ``scgraph_data`` (for tools/make_rail.py and
tools/make_projects.py): the engine is :mod:`geo.routing`, which ``geo.route`` uses too;
this module keeps the names the scripts import."""

from geo.routing import (  # noqa: F401
    ATTRIBUTION,
    DETOUR_OK,
    DETOUR_OK_KM,
    EARTH_RADIUS_KM,
    SOURCE,
    Bridge,
    Leg,
    RailNetwork,
    _chord_to_km,
    _km_to_chord,
    _unit,
    _walk,
)
