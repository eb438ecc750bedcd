"""Turning a file from elsewhere (GeoPackage, Shapefile, GeoJSON, TopoJSON, KML, ...) into
a layer file: read with pyogrio (GDAL), moved to WGS84, written in the layer format and
validated before it lands.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import warnings
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

from ._files import write_text_atomic
from .layers import CATEGORIES, LayerError, validate_file

__all__ = ["convert_to_layer"]


def _plain(value: Any) -> Any:
    """A JSON value for one cell: numpy scalars to Python, NaN/NaT to null, dates to ISO."""
    if value is None:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if hasattr(value, "isoformat"):  # pandas Timestamp
        return None if str(value) == "NaT" else value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    if value is gpd.pd.NA or value is gpd.pd.NaT:
        return None
    return value


def _read(src: Path, layer: str | None) -> gpd.GeoDataFrame:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "more than one layer found"
            return gpd.read_file(src, layer=layer, engine="pyogrio")
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        layers = ""
        with contextlib.suppress(Exception):  # the file itself is unreadable: said below
            layers = ", ".join(str(n) for n in pyogrio.list_layers(src)[:, 0])
        hint = f"; its layers are: {layers}" if layers else ""
        raise LayerError(
            [f"{src}: cannot read it as a vector file ({exc}){hint}; expected a file GDAL reads"]
        ) from None


def convert_to_layer(
    src: str | Path,
    dest: str | Path,
    *,
    name: str,
    category: str,
    name_field: str = "name",
    source: str | None = None,
    layer: str | None = None,
    description: str | None = None,
) -> Path:
    """Write the features of ``src`` as a layer file at ``dest``.

    Parameters
    ----------
    src : path
        Any vector file GDAL reads (through pyogrio); ``layer`` picks one of several.
    dest : path
        The ``.geojson`` layer file to write (e.g. ``layers/user/pipeline.geojson``).
    name, category, description : str
        The layer's title, category (see :data:`geo.CATEGORIES`) and description.
    name_field : str
        The column whose values become each feature's ``name``.
    source : str, optional
        Written as ``source`` on every feature that has none (and on the layer).

    The data are transformed to WGS84 when the file says it is in another CRS; a file
    with no CRS must already be in longitude/latitude. The result is validated before
    it replaces ``dest``: a :class:`LayerError` lists every problem (written against
    ``dest``), and nothing is written.
    """
    src, dest = Path(src), Path(dest)
    if category not in CATEGORIES:
        raise ValueError(
            f"Expected category to be one of {', '.join(CATEGORIES)}, instead got: {category!r}"
        )
    frame = _read(src, layer)
    if name_field not in frame.columns:
        columns = ", ".join(c for c in frame.columns if c != frame.geometry.name) or "none"
        raise LayerError(
            [f"{src}: no column {name_field!r} for the feature names; its columns are: "
             f"{columns} (choose one with name_field / --name-field)"]
        )  # fmt: skip
    if frame.crs is None:
        xmin, ymin, xmax, ymax = frame.total_bounds
        if len(frame) and not (xmin >= -180 and xmax <= 180 and ymin >= -90 and ymax <= 90):
            raise LayerError(
                [f"{src}: no CRS and bounds ({xmin:g}, {ymin:g}, {xmax:g}, {ymax:g}) are not "
                 "longitude/latitude; expected a file that names its CRS"]
            )  # fmt: skip
    elif not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    geometry = frame.geometry.name
    columns = [c for c in frame.columns if c != geometry]
    features = []
    texts = shapely.to_geojson(np.asarray(frame.geometry.array, dtype=object))
    for row, text in zip(frame[columns].itertuples(index=False, name=None), texts, strict=True):
        props = {str(k): _plain(v) for k, v in zip(columns, row, strict=True)}
        props["name"] = None if props.get(name_field) is None else str(props[name_field])
        if source and not props.get("source"):
            props["source"] = source
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": None if text is None else json.loads(text),
            }
        )
    doc: dict[str, Any] = {"type": "FeatureCollection", "name": name, "category": category}
    if description:
        doc["description"] = description
    doc["source"] = source or f"converted from {src.name}"
    doc["features"] = features
    text = json.dumps(doc, ensure_ascii=False, indent=None, separators=(",", ":"))
    # validate a draft beside the destination, so messages can name the destination
    draft = dest.with_name(f".{dest.name}.draft")
    write_text_atomic(draft, text, what="the layer")
    try:
        validate_file(draft)
    except LayerError as exc:
        raise LayerError([p.replace(str(draft), str(dest), 1) for p in exc.problems]) from None
    finally:
        draft.unlink(missing_ok=True)
    return write_text_atomic(dest, text, what="the layer")
