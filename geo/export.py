"""Writing layers out for GIS tools (QGIS, geopandas, ...), spreadsheets and Google Earth:
GeoJSON, GeoPackage, GeoParquet, CSV and KML.

Lines may be densified along the geodesic first, so a GIS that draws straight segments
in its own projection still follows the shortest path; lines that cross ±180° are cut
there into MultiLineStrings, as RFC 7946 section 3.1.9 asks. The GeoPackage and the
GeoParquet file hold the same features and geometries as the GeoJSON file (EPSG:4326);
their columns are typed, and property values that are lists or objects (``via``,
``countries``), and the values of a column that mixes kinds (numbers and text), are
written as JSON text.

A GeoPackage table keeps the column names ``fid`` and ``geom`` for itself and ignores the
case of column names, so there a property named ``fid`` or ``geom`` (in any case), or one
whose name differs from an earlier column's only in case (``Operator`` after
``operator``), is written under a new name, ``<name>_2`` (``_3``, ... where that is
taken), with a :class:`~geo.LayerWarning` saying so (:func:`geopackage_column_names`).
Text holding a NUL character, which a GeoPackage would cut there, is refused.

The CSV file (:func:`export_csv`) is one row a feature, its geometry as WKT, every text
cell made safe for a spreadsheet (:func:`geo._text.csv_cell`); the KML file
(:func:`export_kml`, :mod:`geo.kml`) a Folder per layer and a Placemark per feature, for
Google Earth.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ._extras import require
from ._files import write_file_atomic, write_text_atomic
from ._text import csv_cell, json_text, printable
from .geodesic import geodesic_length
from .geometry import POINTS, is_kind
from .kml import kml_document
from .layers import Layer, LayerWarning
from .lines import (
    check_new_positions,
    count_new_positions,
    densify_geodesic,
    split_antimeridian,
)
from .style import map_colours

__all__ = [
    "CSV_COLUMNS",
    "EXPORT_FORMATS",
    "MAX_EXPORT_NEW_POSITIONS",
    "TEXT_EXPORT_FORMATS",
    "csv_column_names",
    "export_csv",
    "export_format",
    "export_geojson",
    "export_geopackage",
    "export_geoparquet",
    "export_kml",
    "export_layers",
    "geopackage_column_names",
    "to_csv_rows",
    "to_export_frame",
    "to_feature_collection",
]

#: The export formats and the file suffixes that choose them.
EXPORT_FORMATS: dict[str, tuple[str, ...]] = {
    "geojson": (".geojson", ".json"),
    "gpkg": (".gpkg",),
    "parquet": (".parquet", ".geoparquet"),
    "csv": (".csv",),
    "kml": (".kml",),
}
#: The formats that are text, safe on a terminal (every name in them escaped); the others
#: are binary files.
TEXT_EXPORT_FORMATS = frozenset({"geojson", "csv", "kml"})


def _finite(value: Any) -> Any:
    """JSON has no NaN or infinity: such numbers become null, in nested values too."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list):
        return [_finite(v) for v in value]
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    return value


#: The most positions an export may insert by densifying, counted over all its layers before
#: any is inserted: writing one costs 260 to 400 bytes at the peak (GeoJSON 258, GeoPackage
#: and GeoParquet 393, measured densifying CPEC), so this is about 2 GB.
MAX_EXPORT_NEW_POSITIONS = 5_000_000


def _check_densify(layers: list[Layer], densify_km: float | None) -> None:
    """Refuse, before densifying anything, an export whose densifying would not fit."""
    if densify_km is not None:
        check_new_positions(
            sum(count_new_positions(g.geometries(), max_segment_km=densify_km) for g in layers),
            max_segment_km=densify_km,
            limit=MAX_EXPORT_NEW_POSITIONS,
            bytes_per_position=400,
            option="densify_km (--densify on the command line)",
        )


def _export_geometries(layer: Layer, densify_km: float | None, precision: int) -> np.ndarray:
    """A layer's geometries as every export writes them: densified (where asked), split at
    ±180°, rounded to ``precision`` decimals."""
    geoms = layer.geometries()
    if densify_km is not None:
        geoms = densify_geodesic(geoms, max_segment_km=densify_km)
    geoms = split_antimeridian(geoms)
    return shapely.transform(geoms, lambda c: np.round(c, precision))


#: The properties an export adds to every feature: which layer it came from.
EXPORT_COLUMNS = ("layer_id", "layer_category")


def _own_columns_kept(layer: Layer) -> dict[str, str]:
    """A layer's own properties named as the export's columns (``layer_id``,
    ``layer_category``), renamed ``<name>_2`` (``_3``, ... where taken) so that their
    values are kept, with a :class:`~geo.LayerWarning` for each."""
    columns = set(layer.frame.columns)
    renamed = {}
    for key in EXPORT_COLUMNS:
        if key not in columns or layer.frame[key].isna().all():
            continue
        n = 2
        while f"{key}_{n}" in columns:
            n += 1
        renamed[key] = f"{key}_{n}"
        warnings.warn(
            LayerWarning(
                f"layer {printable(repr(layer.id), 200)}: property {key!r} written as "
                f"{renamed[key]!r} ({key!r} is the export's own: the layer each feature "
                "comes from)"
            ),
            stacklevel=4,
        )
    return renamed


def to_feature_collection(
    layers: Iterable[Layer], *, densify_km: float | None = None, precision: int = 6
) -> dict[str, Any]:
    """One FeatureCollection of every feature of ``layers``.

    Each feature keeps its properties and gains ``layer_id`` and ``layer_category``
    (a property of those names is kept as ``layer_id_2``, with a warning). With
    ``densify_km``, line legs longer than that many kilometres get positions along the
    geodesic. Positions are rounded to ``precision`` decimals (6 is about 0.1 m) and lines
    crossing ±180° are split there. Positions come out 2D (longitude, latitude).

    >>> import geo
    >>> from shapely import LineString
    >>> import geopandas as gpd
    >>> frame = gpd.GeoDataFrame({"name": ["Pacific"]},
    ...                          geometry=[LineString([(170, 0), (-170, 0)])], crs=4326)
    >>> layer = geo.Layer("demo", "Demo", "sea-lane", None, frame)
    >>> fc = to_feature_collection([layer])
    >>> fc["features"][0]["geometry"]["type"], fc["features"][0]["properties"]["layer_id"]
    ('MultiLineString', 'demo')
    """
    layers = list(layers)
    _check_densify(layers, densify_km)
    features: list[dict[str, Any]] = []
    for layer in layers:
        geoms = _export_geometries(layer, densify_km, precision)
        records = layer.properties
        kept = _own_columns_kept(layer)
        for props, text in zip(records, shapely.to_geojson(geoms), strict=True):
            features.append(
                {
                    "type": "Feature",
                    "properties": {
                        **{kept.get(k, k): v for k, v in _finite(props).items()},
                        "layer_id": layer.id,
                        "layer_category": layer.category,
                    },
                    "geometry": json.loads(text) if text is not None else None,
                }
            )
    return {"type": "FeatureCollection", "features": features}


def export_geojson(
    layers: Iterable[Layer],
    path: str | Path,
    *,
    densify_km: float | None = None,
    precision: int = 6,
) -> Path:
    """Write :func:`to_feature_collection` of ``layers`` to ``path`` (UTF-8), atomically.

    A failed write leaves any previous file in place.
    """
    doc = to_feature_collection(layers, densify_km=densify_km, precision=precision)
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return write_text_atomic(path, text, what="the GeoJSON")


def _column(values: list[Any]) -> pd.Series | list[Any]:
    """One typed column from plain JSON values (None for none).

    Text stays text, booleans booleans, whole numbers nullable ``Int64``, numbers floats;
    lists, objects and the values of a column mixing kinds become JSON text.
    """
    present = [v for v in values if v is not None]
    kinds = {type(v) for v in present}
    if kinds <= {str}:
        return pd.Series(values, dtype=object)
    if kinds == {bool}:
        return pd.Series(values, dtype="boolean")
    if kinds == {int}:
        try:
            return pd.Series(pd.array(values, dtype="Int64"))
        except (OverflowError, TypeError, ValueError):  # beyond int64: as JSON text below
            pass
    elif kinds <= {int, float}:
        return pd.Series([np.nan if v is None else float(v) for v in values], dtype=float)
    return pd.Series(
        [None if v is None else json.dumps(v, ensure_ascii=False, allow_nan=False) for v in values],
        dtype=object,
    )


def to_export_frame(
    layers: Iterable[Layer], *, densify_km: float | None = None, precision: int = 6
) -> gpd.GeoDataFrame:
    """The features of :func:`to_feature_collection` as one GeoDataFrame (EPSG:4326).

    The same geometries (densified, split at ±180°, rounded) and properties, with
    ``layer_id`` and ``layer_category`` first; columns as the GeoPackage and GeoParquet
    exports write them (lists and objects as JSON text, see the module docstring).

    >>> import geo
    >>> from shapely import LineString
    >>> frame = gpd.GeoDataFrame({"name": ["Pacific"], "countries": [["CHN", "PER"]]},
    ...                          geometry=[LineString([(170, 0), (-170, 0)])], crs=4326)
    >>> out = to_export_frame([geo.Layer("demo", "Demo", "sea-lane", None, frame)])
    >>> out.loc[0, "countries"], out.geometry[0].geom_type, out.crs.to_epsg()
    ('["CHN", "PER"]', 'MultiLineString', 4326)
    """
    features = to_feature_collection(layers, densify_km=densify_km, precision=precision)["features"]
    records = [f["properties"] for f in features]
    keys = ["layer_id", "layer_category"]
    for record in records:
        keys.extend(k for k in record if k not in keys)
    keys = [k for k in keys if k != "geometry"]  # the geometry column's name
    data = {k: _column([r.get(k) for r in records]) for k in keys}
    geoms = shapely.from_geojson(
        [json.dumps(f["geometry"]) if f["geometry"] is not None else None for f in features]
    )
    return gpd.GeoDataFrame(data, geometry=np.asarray(geoms, dtype=object), crs="EPSG:4326")


#: Column names a GeoPackage table keeps for itself (in any case), and what they hold.
GEOPACKAGE_RESERVED = {"fid": "the table's feature id", "geom": "the table's geometry"}


def geopackage_column_names(columns: Iterable[str]) -> dict[str, tuple[str, str]]:
    """The columns a GeoPackage table cannot hold under their names: ``{name: (new name,
    why)}``.

    Such a table keeps ``fid`` and ``geom`` (:data:`GEOPACKAGE_RESERVED`) for itself and
    ignores case, so a column named ``fid`` or ``geom`` in any case, or one whose name
    differs from an earlier column's only in case, gets ``<name>_2`` (``_3``, ... where
    that name is taken, in any case, by another column or a new name).

    Parameters
    ----------
    columns : iterable of str
        The table's column names in order, without its geometry column.

    Returns
    -------
    dict
        Old name to (new name, the reason in words); empty where every name can stay.

    Examples
    --------
    >>> geopackage_column_names(["layer_id", "fid", "operator", "Operator", "Operator_2"])
    {'fid': ('fid_2', "'fid' is the table's feature id"), 'Operator': ('Operator_3', \
"GeoPackage column names ignore case, and 'operator' is another")}
    """
    columns = list(columns)
    every = {c.casefold() for c in columns}
    first: dict[str, str] = {}
    renamed: dict[str, tuple[str, str]] = {}
    for column in columns:
        key = column.casefold()
        if key not in GEOPACKAGE_RESERVED and key not in first:
            first[key] = column
            continue
        n = 2
        while (new := f"{column}_{n}").casefold() in every | first.keys():
            n += 1
        first[new.casefold()] = new
        why = (
            f"{key!r} is {GEOPACKAGE_RESERVED[key]}"
            if key in GEOPACKAGE_RESERVED
            else f"GeoPackage column names ignore case, and {first[key]!r} is another"
        )
        renamed[column] = (new, why)
    return renamed


def _nul_problems(layer: Layer, rows: pd.DataFrame) -> list[str]:
    """Where a layer's table holds text with a NUL character, which a GeoPackage would cut:
    its id, a column name, or a value (feature number in the layer, its name, property)."""
    where = f"layer {printable(repr(layer.id), 200)}"
    problems = [f"{where}: the id holds a NUL character"] if "\x00" in layer.id else []
    names = rows["name"].tolist() if "name" in rows.columns else [None] * len(rows)
    for column in rows.columns:
        if column == rows.geometry.name:
            continue
        if "\x00" in column:
            problems.append(
                f"{where}: the name of property {printable(repr(column), 200)} holds a NUL "
                "character"
            )
            continue
        values = rows[column]
        if values.dtype != object:
            continue
        for i in np.flatnonzero([isinstance(v, str) and "\x00" in v for v in values]):
            name = f" ({printable(repr(names[i]), 100)})" if isinstance(names[i], str) else ""
            problems.append(
                f"{where}: feature {i}{name}: property {printable(repr(column), 200)} "
                "holds a NUL character"
            )
    return problems


def _filled_columns(rows: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A layer's rows with the columns it fills (``layer_id``, ``layer_category`` and the
    geometry always), numbered from 0."""
    keep = [c for c in rows.columns if c in ("layer_id", "layer_category", "geometry")
            or rows[c].notna().any()]  # fmt: skip
    return rows[keep].reset_index(drop=True)


def _renamed_columns(rows: gpd.GeoDataFrame, layer_id: str, path: str | Path) -> gpd.GeoDataFrame:
    """A table's rows with the columns a GeoPackage cannot hold renamed, and a warning for each."""
    renamed = geopackage_column_names(c for c in rows.columns if c != rows.geometry.name)
    for old, (new, why) in renamed.items():
        warnings.warn(
            LayerWarning(
                f"{printable(path)}: table {printable(repr(layer_id), 200)}: property "
                f"{printable(repr(old), 200)} written as column {printable(repr(new), 200)} "
                f"({printable(why, 400)})"
            ),
            stacklevel=3,
        )
    return rows.rename(columns={old: new for old, (new, _) in renamed.items()})


def export_geopackage(
    layers: Iterable[Layer],
    path: str | Path,
    *,
    densify_km: float | None = None,
    precision: int = 6,
) -> Path:
    """Write ``layers`` to a GeoPackage, one table per layer named by the layer's id, atomically.

    Each table has the rows of :func:`to_export_frame` for its layer and only the columns
    that layer fills (``layer_id`` and ``layer_category`` always); geometry in EPSG:4326.
    A table mixing LineStrings and MultiLineStrings (a sea lane split at ±180° among
    unsplit ones) stores them all as MultiLineStrings, as GIS tools expect one geometry
    type per table. A layer without features gives an empty table. A failed write leaves
    any previous file in place.

    Column names the table cannot hold (``fid``, ``geom``, names differing only in case)
    are written as :func:`geopackage_column_names` says, with a
    :class:`~geo.LayerWarning` for each. Text holding a NUL character (``"a\\x00b"``),
    which a GeoPackage would cut there, is refused with a ``ValueError`` naming the
    layer, the feature and the property.
    """
    import pyogrio
    import pyogrio.errors

    frame = to_export_frame(layers := list(layers), densify_km=densify_km, precision=precision)
    if not layers:
        raise ValueError("Expected at least one layer to export, instead got none")
    seen: dict[str, str] = {}
    for layer in layers:
        other = seen.setdefault(layer.id.casefold(), layer.id)
        if other != layer.id:
            raise ValueError(
                "Expected layer ids that differ in more than case for a GeoPackage (its table "
                f"names ignore case), instead got {printable(repr(other), 200)} and "
                f"{printable(repr(layer.id), 200)}"
            )
    tables = {layer.id: _filled_columns(frame[frame["layer_id"] == layer.id]) for layer in layers}
    problems = [p for layer in layers for p in _nul_problems(layer, tables[layer.id])]
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ValueError(
            f"{problems[0]} (\\x00){more}; expected text without NUL characters: a GeoPackage "
            "would cut the text there (GeoJSON and GeoParquet keep it)"
        )
    tables = {key: _renamed_columns(rows, key, path) for key, rows in tables.items()}

    def write(tmp: Path) -> None:
        with warnings.catch_warnings():  # GDAL: the temporary name does not end in .gpkg
            warnings.filterwarnings("ignore", "The filename extension", RuntimeWarning)
            warnings.filterwarnings("ignore", ".*non conformant file extension", RuntimeWarning)
            for layer in layers:
                try:
                    pyogrio.write_dataframe(
                        tables[layer.id],
                        tmp,
                        layer=layer.id,
                        driver="GPKG",
                        append=tmp.exists(),
                    )
                except pyogrio.errors.DataSourceError as exc:  # the disk, the file
                    raise OSError(f"GDAL: {exc}") from None
                except pyogrio.errors.DataLayerError as exc:  # a table it cannot make
                    raise ValueError(
                        f"cannot write layer {printable(repr(layer.id), 200)} as a GeoPackage "
                        f"table: {printable(exc, 300)}"
                    ) from None

    return write_file_atomic(path, write, what="the GeoPackage")


def export_geoparquet(
    layers: Iterable[Layer],
    path: str | Path,
    *,
    densify_km: float | None = None,
    precision: int = 6,
) -> Path:
    """Write ``layers`` to one GeoParquet table (:func:`to_export_frame`), atomically.

    Needs pyarrow (``pip install -e '.[parquet]'``). The CRS (EPSG:4326) is stored in the
    file's ``geo`` metadata; geometries as WKB. A failed write leaves any previous file
    in place.
    """
    require("parquet", ["pyarrow"], "GeoParquet export")
    frame = to_export_frame(layers, densify_km=densify_km, precision=precision)
    return write_file_atomic(
        path, lambda tmp: frame.to_parquet(tmp, index=False), what="the GeoParquet file"
    )


# --------------------------------------------------------------------------- CSV and KML

#: The CSV export's own columns: ``layer`` (the layer's id), ``name`` and ``category``
#: come first, then the features' properties, then ``length_km`` and ``geometry_wkt``.
CSV_COLUMNS = ("layer", "name", "category", "length_km", "geometry_wkt")


def _feature_lengths_km(layer: Layer) -> np.ndarray:
    """Each feature's WGS84 geodesic length in km (a polygon's perimeter), as the map's
    popup gives it; NaN for points and missing geometries."""
    geoms = layer.geometries()
    if not len(geoms):
        return np.zeros(0)
    km = np.asarray(geodesic_length(geoms, units="km"), dtype=float)
    km[is_kind(geoms, POINTS)] = np.nan
    return km


def csv_column_names(columns: Iterable[str]) -> dict[str, str]:
    """The properties the CSV export writes under another name: ``{name: new name}``.

    A property named like one of the export's own columns (:data:`CSV_COLUMNS`) but
    ``name`` gets ``<name>_2`` (``_3``, ... where that is taken).

    >>> csv_column_names(["name", "layer", "length_km", "length_km_2", "status"])
    {'layer': 'layer_2', 'length_km': 'length_km_3'}
    """
    columns = list(columns)
    taken = set(CSV_COLUMNS) | set(columns)
    renamed: dict[str, str] = {}
    for column in columns:
        if column in CSV_COLUMNS and column != "name":
            n = 2
            while (new := f"{column}_{n}") in taken:
                n += 1
            taken.add(new)
            renamed[column] = new
    return renamed


def _property_keys(layers: list[Layer]) -> list[str]:
    """Every property name of the layers' features, in the order they first appear (the
    GeoPackage's and GeoParquet's column order), ``name`` left out."""
    keys: dict[str, None] = {}
    for layer in layers:
        for props in layer.properties:
            keys.update(dict.fromkeys(props))
    keys.pop("name", None)
    return list(keys)


def _csv_value(value: Any) -> Any:
    """One property value as a CSV cell: text made safe (:func:`geo._text.csv_cell`),
    ``true``/``false``, numbers as numbers (no value for NaN), lists and objects as JSON
    text with control characters as ``\\u`` escapes, "" for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return value if math.isfinite(value) else ""
    if isinstance(value, int):
        return value
    if isinstance(value, list | dict):
        return csv_cell(json_text(_finite(value), allow_nan=False))
    return csv_cell(str(value))


#: A number in GEOS's fixed-notation WKT, whose trailing zeros are trimmed.
_WKT_NUMBER = re.compile(r"-?\d+\.\d+")


def _trimmed(match: re.Match[str]) -> str:
    text = match.group().rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _wkt(geoms: np.ndarray, precision: int) -> list[str]:
    """WKT of each geometry, 2D, with at most ``precision`` decimals and no exponent or
    trailing zero (``62.33863``, ``0.000001``); "" for a missing one."""
    texts = shapely.to_wkt(shapely.force_2d(geoms), rounding_precision=precision, trim=False)
    return ["" if t is None else _WKT_NUMBER.sub(_trimmed, t) for t in np.atleast_1d(texts)]


def to_csv_rows(
    layers: Iterable[Layer], *, densify_km: float | None = None, precision: int = 6
) -> list[list[Any]]:
    """The rows of the CSV export: its header, then one row a feature, every cell safe.

    Columns: ``layer`` (the layer's id), ``name``, ``category``, the features'
    properties (in the GeoPackage's and GeoParquet's order; a name taken by the export's
    own columns renamed, :func:`csv_column_names`), ``length_km`` (geodesic, a polygon's
    perimeter, to the metre; "" for a point) and ``geometry_wkt`` (WKT in WGS84 lon/lat,
    as :func:`to_feature_collection` has it: densified with ``densify_km``, split at
    ±180°, at most ``precision`` decimals). Text goes through
    :func:`geo._text.csv_cell` (the header's property names too); lists and objects are
    JSON text; a missing value is "".

    >>> import geo
    >>> from shapely import Point
    >>> frame = gpd.GeoDataFrame({"name": ["=1+1"], "countries": [["CHN"]]},
    ...                          geometry=[Point(62.33863, 25.1)], crs=4326)
    >>> to_csv_rows([geo.Layer("user/x", "X", "port", None, frame)])
    [['layer', 'name', 'category', 'countries', 'length_km', 'geometry_wkt'], \
['user/x', "'=1+1", 'port', '["CHN"]', '', 'POINT (62.33863 25.1)']]
    """
    layers = list(layers)
    _check_densify(layers, densify_km)
    keys = _property_keys(layers)
    renamed = csv_column_names(keys)
    header = [*CSV_COLUMNS[:3], *(renamed.get(k, k) for k in keys), *CSV_COLUMNS[3:]]
    rows: list[list[Any]] = [[csv_cell(column) for column in header]]
    for layer in layers:
        wkts = _wkt(_export_geometries(layer, densify_km, precision), precision)
        lengths = _feature_lengths_km(layer).tolist()
        for props, km, wkt in zip(layer.properties, lengths, wkts, strict=True):
            rows.append(
                [
                    csv_cell(layer.id),
                    _csv_value(props.get("name")),
                    csv_cell(layer.category),
                    *(_csv_value(props.get(k)) for k in keys),
                    round(km, 3) if math.isfinite(km) else "",
                    wkt,
                ]
            )
    return rows


def export_csv(
    layers: Iterable[Layer],
    path: str | Path,
    *,
    densify_km: float | None = None,
    precision: int = 6,
) -> Path:
    """Write :func:`to_csv_rows` of ``layers`` to ``path``, atomically: UTF-8 with a byte
    order mark (so Excel reads it as UTF-8), comma-separated, CRLF line ends (RFC 4180).

    No cell holds a line break, a control character or text a spreadsheet would run as a
    formula. A property renamed because the export's own columns take its name
    (:func:`csv_column_names`) gets a :class:`~geo.LayerWarning`. A failed write leaves
    any previous file in place.
    """
    layers = list(layers)
    rows = to_csv_rows(layers, densify_km=densify_km, precision=precision)
    for old, new in csv_column_names(_property_keys(layers)).items():
        warnings.warn(
            LayerWarning(
                f"{printable(path)}: property {printable(repr(old), 200)} written as column "
                f"{printable(repr(new), 200)} ({old!r} is a column of the CSV export)"
            ),
            stacklevel=2,
        )
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return write_text_atomic(path, "\ufeff" + buffer.getvalue(), what="the CSV file")


def export_kml(
    layers: Iterable[Layer],
    path: str | Path,
    *,
    densify_km: float | None = None,
    precision: int = 6,
) -> Path:
    """Write ``layers`` as KML for Google Earth (:func:`geo.kml.kml_document`), atomically.

    A Folder per layer, named by its title; a Placemark per feature with its name, a
    description of the popup's facts (HTML, every value escaped) and the layer's Style
    (its colour, the same as on the map, its opacity, line width and point colour as the
    map draws them). The
    geometries are those of :func:`to_feature_collection` (densified with ``densify_km``,
    split at ±180°, at most ``precision`` decimals), multi-part ones as MultiGeometry;
    lon/lat, no altitude. A failed write leaves any previous file in place.
    """
    layers = list(layers)
    _check_densify(layers, densify_km)
    geometries = [_export_geometries(layer, densify_km, precision) for layer in layers]
    lengths = [_feature_lengths_km(layer) for layer in layers]
    colours = map_colours(layers)
    text = kml_document(layers, geometries, lengths, precision=precision, colours=colours)
    return write_text_atomic(path, text, what="the KML file")


def export_format(path: str | Path) -> str:
    """The export format a file name asks for, by its suffix (see :data:`EXPORT_FORMATS`);
    a name without a suffix gets GeoJSON, any other suffix is an error.

    >>> export_format("out/all.gpkg"), export_format("ALL.GeoJSON"), export_format("out")
    ('gpkg', 'geojson', 'geojson')
    """
    suffix = Path(path).suffix.lower()
    if not suffix:
        return "geojson"
    for name, suffixes in EXPORT_FORMATS.items():
        if suffix in suffixes:
            return name
    known = ", ".join(s for suffixes in EXPORT_FORMATS.values() for s in suffixes)
    raise ValueError(f"Expected an output file ending in {known}, instead got {printable(path)!r}")


_WRITERS = {
    "geojson": export_geojson,
    "gpkg": export_geopackage,
    "parquet": export_geoparquet,
    "csv": export_csv,
    "kml": export_kml,
}


def export_layers(
    layers: Iterable[Layer],
    path: str | Path,
    *,
    format: str | None = None,
    densify_km: float | None = None,
    precision: int = 6,
) -> Path:
    """Write ``layers`` as GeoJSON, GeoPackage, GeoParquet, CSV or KML, chosen by
    ``path``'s suffix (``.geojson``/``.json``, ``.gpkg``, ``.parquet``, ``.csv``,
    ``.kml``: :data:`EXPORT_FORMATS`) or by ``format``."""
    chosen = export_format(path) if format is None else format
    if chosen not in _WRITERS:
        raise ValueError(
            f"Expected a format among {', '.join(_WRITERS)}, instead got {printable(chosen)!r}"
        )
    return _WRITERS[chosen](layers, path, densify_km=densify_km, precision=precision)
