"""Statistics over layers: the length of every line feature beside its published length."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import shapely

from .geodesic import UNITS, geodesic_length
from .geometry import LINES, is_kind
from .layers import CATEGORIES, Layer, load_layers

__all__ = ["corridor_lengths"]

COLUMNS = [
    "layer",
    "category",
    "feature",
    "length_km",
    "length_nmi",
    "published_km",
    "ratio",
    "vertices",
    "countries",
]


def corridor_lengths(layers: Iterable[Layer] | None = None) -> pd.DataFrame:
    """One row per line feature: drawn geodesic length beside the published one.

    Columns: ``layer`` (id), ``category``, ``feature`` (name), ``length_km`` and
    ``length_nmi`` (drawn, WGS84 geodesic), ``published_km`` (the feature's
    ``published_length_km``, else NaN), ``ratio`` (drawn / published), ``vertices``,
    ``countries`` (the ``countries`` property joined with "-", else "").

    ``layers`` defaults to the shipped layers (:func:`geo.layers.shipped_layers_dir`).
    """
    layers = list(layers) if layers is not None else load_layers()
    frames = []
    for layer in layers:
        frame = layer.frame
        is_line = is_kind(frame.geometry.array, LINES)
        if not CATEGORIES[layer.category].is_line and not is_line.any():
            continue
        lines = frame[is_line]
        if lines.empty:
            continue
        km = geodesic_length(lines, units="km").to_numpy()
        published = (
            pd.to_numeric(lines["published_length_km"], errors="coerce").to_numpy(dtype=float)
            if "published_length_km" in lines.columns
            else np.full(len(lines), np.nan)
        )
        countries = (
            ["-".join(c) if isinstance(c, list) else "" for c in lines["countries"]]
            if "countries" in lines.columns
            else [""] * len(lines)
        )
        frames.append(
            pd.DataFrame(
                {
                    "layer": layer.id,
                    "category": layer.category,
                    "feature": lines["name"].to_numpy(),
                    "length_km": km,
                    "length_nmi": km * UNITS["km"] / UNITS["nmi"],
                    "published_km": published,
                    "ratio": km / published,
                    "vertices": shapely.get_num_coordinates(lines.geometry.array),
                    "countries": countries,
                }
            )
        )
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    return pd.concat(frames, ignore_index=True)[COLUMNS]
