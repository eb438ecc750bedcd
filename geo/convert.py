"""Turning a file from elsewhere (GeoPackage, Shapefile, GeoJSON, TopoJSON, KML, ...) into
a layer file: read with pyogrio (GDAL), moved to WGS84, written in the layer format and
validated before it lands.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import tempfile
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyproj
import shapely

from ._files import write_text_atomic
from .layers import CATEGORIES, LayerError, validate_file

__all__ = ["convert_to_layer"]


def _plain(value: Any, integer: bool = False) -> Any:
    """A JSON value for one cell: numpy scalars to Python, missing to None, dates to ISO
    text; ``integer`` turns whole floats back into ints (an integer column with gaps is
    read as floats)."""
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    if isinstance(value, list | dict):
        return value
    if value is None or pd.isna(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return int(value) if integer and value.is_integer() else value
    if isinstance(value, dt.date | dt.datetime | dt.time) or hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


def _layer_names(src: Path) -> list[str]:
    with contextlib.suppress(Exception):  # an unreadable file is reported by the caller
        return [str(n) for n in pyogrio.list_layers(src)[:, 0]]
    return []


def _read(src: Path, layer: str | None) -> tuple[gpd.GeoDataFrame, set[str]]:
    """The file's features and the names of its integer columns."""
    names = _layer_names(src)
    if layer is None and len(names) > 1:
        raise LayerError(
            [f"{src}: holds {len(names)} layers ({', '.join(names)}); expected one chosen "
             "with layer= / --layer"]
        )  # fmt: skip
    try:
        frame = gpd.read_file(src, layer=layer, engine="pyogrio", datetime_as_string=True)
        info = pyogrio.read_info(src, layer=layer)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        hint = f"; its layers are: {', '.join(names)}" if names else ""
        raise LayerError(
            [f"{src}: cannot read it as a vector file ({exc}){hint}; expected a file GDAL reads"]
        ) from None
    if not isinstance(frame, gpd.GeoDataFrame):
        raise LayerError(
            [f"{src}: has no geometry column; expected points, lines or polygons (for a CSV "
             "of coordinates, make a GeoPackage or GeoJSON of it first)"]
        )  # fmt: skip
    integers = {
        str(f) for f, t in zip(info["fields"], info["dtypes"], strict=True) if "int" in str(t)
    }
    return frame, integers


def _to_wgs84(frame: gpd.GeoDataFrame, src: Path) -> gpd.GeoDataFrame:
    if frame.crs is None:
        xmin, ymin, xmax, ymax = frame.total_bounds
        if len(frame) and not (xmin >= -180 and xmax <= 180 and ymin >= -90 and ymax <= 90):
            raise LayerError(
                [f"{src}: no CRS and bounds ({xmin:g}, {ymin:g}, {xmax:g}, {ymax:g}) are not "
                 "longitude/latitude; expected a file that names its CRS"]
            )  # fmt: skip
        return frame
    if frame.crs.equals("EPSG:4326"):
        return frame
    try:
        return frame.to_crs("EPSG:4326")
    except pyproj.exceptions.ProjError as exc:
        raise LayerError(
            [f"{src}: its CRS ({frame.crs.name}) cannot be transformed to WGS84 ({exc}); "
             "expected a geographic or projected CRS on Earth"]
        ) from None  # fmt: skip


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
    frame, integers = _read(src, layer)
    if name_field not in frame.columns:
        # KML and some other drivers capitalise it: accept a case-only difference
        same = [c for c in frame.columns if str(c).casefold() == name_field.casefold()]
        if len(same) != 1:
            columns = ", ".join(str(c) for c in frame.columns if c != frame.geometry.name)
            raise LayerError(
                [f"{src}: no column {name_field!r} for the feature names; its columns are: "
                 f"{columns or 'none'} (choose one with name_field / --name-field)"]
            )  # fmt: skip
        name_field = same[0]
    frame = _to_wgs84(frame, src)
    geometry = frame.geometry.name
    columns = [c for c in frame.columns if c != geometry]
    features = []
    texts = shapely.to_geojson(np.asarray(frame.geometry.array, dtype=object))
    for row, text in zip(frame[columns].itertuples(index=False, name=None), texts, strict=True):
        props = {}
        for key, value in zip(columns, row, strict=True):
            value = _plain(value, integer=key in integers)
            if value is not None:  # a column this feature did not fill
                props[str(key)] = value
        if name_field != "name":
            props.pop(name_field, None)
        name_value = _plain(row[columns.index(name_field)])
        props = {"name": None if name_value is None else str(name_value), **props}
        if props["name"] is None:
            del props["name"]
        if source and not str(props.get("source") or "").strip():
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
    # validate a draft in a scratch folder, so that a refusal leaves nothing behind
    with tempfile.TemporaryDirectory() as scratch:
        draft = Path(scratch) / "layer.geojson"
        draft.write_text(text, encoding="utf-8")
        try:
            validate_file(draft)
        except LayerError as exc:
            raise LayerError([p.replace(str(draft), str(dest), 1) for p in exc.problems]) from None
    return write_text_atomic(dest, text, what="the layer")
