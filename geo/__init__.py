"""bri-corridors: the Belt and Road Initiative's corridors, rail and ports as measured layers."""

from ._extras import MissingExtra
from .choropleth import country_layer, country_totals
from .convert import ForeignLayer, ImportOptions, convert_to_layer, read_foreign
from .countries import country_sequence, length_by_country
from .export import export_csv, export_geojson, export_kml, export_layers, to_feature_collection
from .geodesic import (
    UNITS,
    distance_matrix,
    geodesic_length,
    nearest,
    pairwise_distance,
)
from .layers import (
    CATEGORIES,
    Layer,
    LayerError,
    LayerWarning,
    load_layer,
    load_layers,
    shipped_layers_dir,
    validate_file,
    write_layer,
)
from .lines import densify_geodesic, split_antimeridian, unwrap_antimeridian
from .near import within
from .places import distance
from .railcost import RailCost, gateways_of, rail_cost
from .routing import Route, compare_routes, route
from .stats import corridor_lengths
from .summarize import summarize
from .validation import geometry_type_problem, validate_document
from .years import as_of, year_span

#: Names whose module is imported when first used: the map needs folium, which costs
#: start-up time that commands drawing no map should not pay.
_LAZY = {
    "build_map": "render",
    "save_map": "render",
    "plot_map": "plot",
    "timeline": "history",
    "plot_timeline": "history",
}
#: Submodules reached as ``geo.NAME``: the Natural Earth base map (land, borders, countries).
_SUBMODULES = {"basemap"}


def __getattr__(name: str):
    from importlib import import_module

    if name == "__version__":  # the installed package's metadata: read when asked for
        from ._version import package_version

        return package_version()
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "CATEGORIES",
    "UNITS",
    "ForeignLayer",
    "ImportOptions",
    "Layer",
    "LayerError",
    "LayerWarning",
    "MissingExtra",
    "RailCost",
    "Route",
    "as_of",
    "basemap",
    "build_map",
    "compare_routes",
    "convert_to_layer",
    "corridor_lengths",
    "country_layer",
    "country_sequence",
    "country_totals",
    "densify_geodesic",
    "distance",
    "distance_matrix",
    "export_csv",
    "export_geojson",
    "export_kml",
    "export_layers",
    "gateways_of",
    "geodesic_length",
    "geometry_type_problem",
    "length_by_country",
    "load_layer",
    "load_layers",
    "nearest",
    "pairwise_distance",
    "plot_map",
    "plot_timeline",
    "rail_cost",
    "read_foreign",
    "route",
    "save_map",
    "shipped_layers_dir",
    "split_antimeridian",
    "summarize",
    "timeline",
    "to_feature_collection",
    "unwrap_antimeridian",
    "validate_document",
    "validate_file",
    "within",
    "write_layer",
    "year_span",
]
