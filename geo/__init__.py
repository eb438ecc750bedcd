"""bri-corridors: the Belt and Road Initiative's corridors, rail and ports as measured layers."""

from .convert import convert_to_layer
from .export import export_geojson, to_feature_collection
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
    validate_file,
)
from .lines import densify_geodesic, split_antimeridian, unwrap_antimeridian
from .places import distance
from .render import build_map, save_map
from .stats import corridor_lengths
from .validation import geometry_type_problem, validate_document

__all__ = [
    "CATEGORIES",
    "UNITS",
    "Layer",
    "LayerError",
    "LayerWarning",
    "build_map",
    "convert_to_layer",
    "corridor_lengths",
    "densify_geodesic",
    "distance",
    "distance_matrix",
    "export_geojson",
    "geodesic_length",
    "geometry_type_problem",
    "load_layer",
    "load_layers",
    "nearest",
    "pairwise_distance",
    "save_map",
    "split_antimeridian",
    "to_feature_collection",
    "unwrap_antimeridian",
    "validate_document",
    "validate_file",
]
