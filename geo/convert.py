"""Turning a file from elsewhere into a layer file: ``corridors import`` and
:func:`convert_to_layer`.

The formats of ``geo/data/formats.toml`` come in, read by GDAL (through pyogrio):
GeoPackage, Shapefile (also zipped, in a sub-folder of the archive), GeoJSON (also a bare
``Feature`` or geometry), TopoJSON, KML and KMZ, GPX, FlatGeobuf, GML, an Esri File
Geodatabase, and tables with coordinate columns (CSV, XLSX, ODS). Only the named file and
the side files of its format are read, and no request is made (:mod:`geo._sources`,
:mod:`geo._gdal`). The data are moved to WGS84 and written in the layer format, validated
before they land; :func:`read_foreign` does the same in memory.

Real files are messy, so what can be fixed without guessing is fixed and reported:
missing names are filled and repeated names numbered, null and empty geometries are
dropped, longitudes a hair past ±180° (GIS seams) or unwrapped past 180° are wrapped
into [-180, 180]. ``strict=True`` fixes nothing and refuses instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import os
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import orjson
import pandas as pd
import pyogrio
import pyproj
import shapely

from ._gdal import GdalGuardError, guarded
from ._sources import (
    Staged,
    check_gpkg,
    count_lines,
    gpkg_row_count,
    shapefile_counts,
    staged,
)
from ._text import printable
from .classes import classed_style
from .format import CATEGORIES, LayerError
from .geometry import AREAS, drop_empty_parts, is_kind
from .layers import (
    SHIPPED_LAYERS,
    Layer,
    layer_from_document,
    shipped_layers_dir,
    write_layer,
)
from .validation import validate_document
from .values import plain_value

__all__ = [
    "MAX_FEATURES",
    "MAX_SOURCE_BYTES",
    "ForeignLayer",
    "ImportOptions",
    "ImportReport",
    "convert_to_layer",
    "read_foreign",
]

#: The most bytes read from one source (unpacked, for an archive) unless told more.
MAX_SOURCE_BYTES = 2 * 1024**3
#: The most features taken from one source unless told more.
MAX_FEATURES = 5_000_000

#: GPX layers that repeat the vertices of the routes and tracks as points.
_DERIVED_LAYERS = {"route_points": "routes", "track_points": "tracks"}
#: Columns the LIBKML driver adds for KML's drawing options, not data.
_KML_STYLE_COLUMNS = {"altitudeMode", "tessellate", "extrude", "visibility", "drawOrder", "icon"}
_X_NAMES = ("lon", "lng", "long", "longitude", "x")
_Y_NAMES = ("lat", "latitude", "y")
_TITLE_LIKE = re.compile(r"name|title|label", re.IGNORECASE)
#: WKB type numbers (ISO, any dimension) that shapely and GeoJSON do not take.
_UNSUPPORTED_WKB = {15: "PolyhedralSurface", 16: "TIN", 17: "Triangle"}


@dataclass
class ImportReport:
    """What :func:`convert_to_layer` did. Usable as the written path (``os.PathLike``).

    Attributes
    ----------
    path : Path
        The layer file written.
    features : int
        How many features it holds.
    layers : list of (str, int)
        The source layers taken, with their feature counts.
    notes : list of str
        One line for each thing changed or left out on the way.
    """

    path: Path
    features: int
    layers: list[tuple[str, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __fspath__(self) -> str:
        return os.fspath(self.path)


# --------------------------------------------------------------------------- values


def _plain(value: Any, integer: bool = False) -> Any:
    """A JSON value for one cell: numpy scalars to Python, missing to None, dates to ISO
    text; ``integer`` turns whole floats back into ints (an integer column with gaps is
    read as floats)."""
    if type(value) is str:  # the common case, first
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    value = plain_value(value)
    if value is None:
        return None
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return int(value) if integer and value.is_integer() else value
    if isinstance(value, dt.date | dt.datetime | dt.time) or hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


def _column_values(column: pd.Series, integer: bool) -> list[Any]:
    """:func:`_plain` of every cell of a column, whole columns of numbers at once."""
    values = column.to_numpy()
    if values.dtype.kind in "iub":
        return values.tolist()
    if values.dtype.kind == "f":
        plain = values.tolist()
        for i in np.flatnonzero(~np.isfinite(values)):
            plain[i] = None
        if integer:
            plain = [int(v) if v is not None and v.is_integer() else v for v in plain]
        return plain
    return [_plain(v, integer) for v in values]


def _same(a: str, b: str) -> bool:
    """Names equal but for case and surrounding white space."""
    return a.strip().casefold() == b.strip().casefold()


# --------------------------------------------------------------------------- reading


def _list_layers(path: str, shown: str) -> list[tuple[str, str | None]]:
    """(name, geometry type or None for a table) of every layer of the dataset."""
    try:
        return [(str(n), None if t is None else str(t)) for n, t in pyogrio.list_layers(path)]
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise LayerError(
            [f"{shown}: cannot read it as a vector file ({exc}); expected a file GDAL reads"]
        ) from None


def _choose_layers(names: list[str], layer: str | None, shown: str) -> list[str]:
    if layer is None:
        return names
    chosen = [n for n in names if n == layer] or [n for n in names if _same(n, layer)]
    if not chosen:
        raise LayerError(
            [f"{shown}: no layer {layer!r}; expected one of: {', '.join(map(repr, names))}"]
        )
    return chosen[:1]


def _wkb_type(wkb: bytes | None) -> int | None:
    """The geometry type number of a WKB value (ISO and EWKB), or None."""
    if not wkb or len(wkb) < 5:
        return None
    code = int.from_bytes(wkb[1:5], "little" if wkb[0] == 1 else "big")
    return (code & 0xFFFF) % 1000


def _unsupported_geometries(wkb: np.ndarray | None, where: str) -> list[str]:
    """One problem line per feature whose geometry type GeoJSON has no place for."""
    problems = []
    for i, value in enumerate(wkb if wkb is not None else []):
        kind = _UNSUPPORTED_WKB.get(_wkb_type(value))
        if kind:
            problems.append(
                f"{where}: feature {i}: geometry type {kind} cannot be imported; expected "
                "points, lines, polygons or collections of them (GeoJSON's types)"
            )
    return problems


def _bad_text_field(
    path: str, layer: str, encoding: str | None, features: int, options: dict[str, str]
) -> tuple[str, int, int] | None:
    """(field, feature, byte) of the first text that is not in the declared encoding."""
    try:
        _meta, _fids, _wkb, fields = pyogrio.raw.read(
            path, layer=layer, encoding="latin1", read_geometry=False,
            max_features=features, **options,
        )  # fmt: skip
        names = _meta["fields"]
    except Exception:  # only looking for a better message
        return None
    for column, values in zip(names, fields, strict=True):
        for i, value in enumerate(values):
            if isinstance(value, str):
                raw = value.encode("latin1", errors="replace")
                try:
                    raw.decode(encoding or "utf-8")
                except UnicodeDecodeError as exc:
                    return str(column), i, raw[exc.start]
                except LookupError:
                    return None
    return None


def _too_many(where: str, count: int | None, limit: int) -> LayerError:
    """``count`` features (None: more than ``limit``, where reading stopped there)."""
    said = (
        f"more than {limit:,}" if count is None else f"{count:,}, more than the limit of {limit:,}"
    )
    return LayerError(
        [f"{where}: {said} features; expected fewer, or raise the limit (--max-features)"]
    )


def _feature_bound(source: Staged, layer: str, where: str, limit: int) -> int:
    """How many features to read at most (0: all, where GDAL counts what it parsed),
    bounded by what the file actually holds, not by a count in its header."""
    fmt, options = source.format, dict(source.format.open_options)
    if fmt.count == "parsed":
        return 0
    if fmt.count == "lines":
        return max(1, min(limit + 1, count_lines(Path(source.path))))
    if fmt.count == "sqlite":
        count = gpkg_row_count(Path(source.path), layer, limit + 1, where)
    else:  # "scan": a first read of the feature ids only
        size = sum(p.stat().st_size for p in source.files)
        try:
            _meta, fids, _wkb, _fields = pyogrio.raw.read(
                source.path, layer=layer, read_geometry=False, columns=[], return_fids=True,
                max_features=max(1, min(limit + 1, size // 8)), **options,
            )  # fmt: skip
        except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
            raise LayerError(
                [f"{where}: cannot read it ({exc}); expected a file GDAL reads"]
            ) from None
        count = len(fids) if fids is not None else 0
    if count > limit:
        raise _too_many(where, None, limit)
    return max(count, 1)


def _geometry_column(fields: Iterable[str]) -> str | None:
    """The name a source column called "geometry" takes (``geometry_2``, or the first
    ``geometry_N`` free in any case), or None where there is none: a layer's property may
    not be named "geometry", the feature's geometry in every table format."""
    names = [str(f) for f in fields]
    if "geometry" not in names:
        return None
    taken = {n.casefold() for n in names}
    k = 2
    while f"geometry_{k}" in taken:
        k += 1
    return f"geometry_{k}"


def _frame(meta: dict, wkb: np.ndarray | None, fields: list, where: str) -> pd.DataFrame:
    """The read as pyogrio's read_dataframe makes it: a GeoDataFrame, or a DataFrame for a
    table; JSON text columns parsed; a column named "geometry" renamed (see
    :func:`_geometry_column`)."""
    renamed = _geometry_column(meta["fields"])
    columns = [renamed if str(c) == "geometry" else str(c) for c in meta["fields"]]
    frame = pd.DataFrame(dict(zip(columns, fields, strict=True)), columns=columns)
    for subtype, column in zip(meta["ogr_subtypes"], columns, strict=True):
        if subtype == "OFSTJSON":
            frame[column] = frame[column].map(_json_or_text, na_action="ignore")
    if wkb is None:
        return frame
    try:
        geoms = shapely.from_wkb(wkb)
    except shapely.errors.GEOSException as exc:
        raise LayerError(
            _unsupported_geometries(wkb, where)
            or [f"{where}: a geometry cannot be read ({exc}); expected points, lines or polygons"]
        ) from None
    return gpd.GeoDataFrame(frame, geometry=geoms, crs=meta["crs"])


def _json_or_text(text: Any) -> Any:
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return text


@contextlib.contextmanager
def _gdal_says(where: str, notes: list[str]) -> Iterator[None]:
    """GDAL's warnings while reading, as notes naming the source (not Python warnings)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    said = dict.fromkeys(str(w.message).strip() for w in caught)
    notes.extend(f"{where}: GDAL says: {text}" for text in said if text)


def _read_layer(
    source: Staged,
    layer: str,
    where: str,
    encoding: str | None,
    limit: int,
    notes: list[str],
    strict: bool = False,
) -> tuple[pd.DataFrame, set[str]]:
    """One layer's features (a GeoDataFrame, or a DataFrame for a table) and its integer
    columns, reading at most ``limit`` + 1 features."""
    options = dict(source.format.open_options)
    bound = _feature_bound(source, layer, where, limit)
    try:
        with _gdal_says(where, notes):
            meta, _fids, wkb, fields = pyogrio.raw.read(
                source.path, layer=layer, encoding=encoding, datetime_as_string=True,
                max_features=bound, **options,
            )  # fmt: skip
    except UnicodeDecodeError as exc:
        bad = _bad_text_field(source.path, layer, encoding, bound, options)
        said = encoding or "UTF-8"
        what = (
            f"text field {bad[0]!r} of feature {bad[1]} is not {said} (byte 0x{bad[2]:02x})"
            if bad
            else f"its text is not {said} ({exc.reason})"
        )
        raise LayerError(
            [
                f"{where}: {what}; expected text in the encoding the file declares: name the real "
                "one with --encoding (e.g. --encoding cp1252, latin1 or cp1250)"
            ]
        ) from None
    except LookupError:
        raise LayerError(
            [f"{where}: unknown encoding {encoding!r}; expected e.g. cp1252"]
        ) from None
    except pyogrio.errors.GDALError as exc:
        raise LayerError([f"{where}: cannot read it ({exc}); expected a file GDAL reads"]) from None
    renamed = _geometry_column(meta["fields"])
    if renamed is not None:
        if strict:
            raise LayerError(
                [
                    f"{where}: a column is named 'geometry', which a layer's property may not be "
                    f"(it is the feature's geometry in every table format); expected another "
                    f"name (without --strict it is renamed {renamed!r})"
                ]
            )
        notes.append(
            f"{where}: column 'geometry' renamed {renamed!r} (a layer's property may not be "
            "named 'geometry': it is the feature's geometry in every table format)"
        )
    frame = _frame(meta, wkb, fields, where)
    if len(frame) > limit:  # where reading stopped at limit + 1, the count is not known
        raise _too_many(where, None if bound == limit + 1 else len(frame), limit)
    integers = {
        renamed if str(f) == "geometry" else str(f)
        for f, t in zip(meta["fields"], meta["dtypes"], strict=True)
        if "int" in str(t)
    }
    if source.format.key == "kml":
        frame = frame.drop(columns=[c for c in frame.columns if c in _KML_STYLE_COLUMNS])
    return frame, integers


def _pick_column(columns: Iterable[str], names: tuple[str, ...]) -> list[str]:
    return [c for c in columns if str(c).strip().casefold() in names]


def _table_geometry(
    frame: pd.DataFrame, where: str, x_field: str | None, y_field: str | None
) -> gpd.GeoDataFrame:
    """Points from a table's coordinate columns (named, or found by their names)."""
    columns = [str(c) for c in frame.columns]

    def find(given: str | None, names: tuple[str, ...], what: str, option: str) -> str:
        if given is not None:
            same = [c for c in columns if c == given] or [c for c in columns if _same(c, given)]
            if not same:
                raise LayerError(
                    [
                        f"{where}: no column {given!r} for the {what}; its columns are: "
                        f"{', '.join(columns) or 'none'}"
                    ]
                )
            return same[0]
        found = _pick_column(columns, names)
        if len(found) != 1:
            how = "several" if found else "no"
            raise LayerError(
                [
                    f"{where}: a table with no geometry and {how} {what} column "
                    f"({', '.join(found) if found else 'looked for ' + '/'.join(names)}); expected "
                    f"one named with {option} (its columns are: {', '.join(columns) or 'none'})"
                ]
            )
        return found[0]

    x = find(x_field, _X_NAMES, "x (longitude)", "--x-field")
    y = find(y_field, _Y_NAMES, "y (latitude)", "--y-field")
    xs = pd.to_numeric(frame[x], errors="coerce").to_numpy(dtype=float)
    ys = pd.to_numeric(frame[y], errors="coerce").to_numpy(dtype=float)
    bad = np.flatnonzero(~(np.isfinite(xs) & np.isfinite(ys)))
    geoms = shapely.points(xs, ys)
    geoms[bad] = None  # reported as null geometries
    rest = frame.drop(columns=[x, y])
    return gpd.GeoDataFrame(rest, geometry=geoms)


def _crs_of(text: str) -> pyproj.CRS:
    try:
        return pyproj.CRS.from_user_input(text)
    except pyproj.exceptions.CRSError:
        raise LayerError(
            [f"--crs {text!r} is not a CRS; expected e.g. EPSG:3857 or EPSG:26986"]
        ) from None


def _to_wgs84(
    frame: gpd.GeoDataFrame, where: str, crs: str | None, notes: list[str]
) -> gpd.GeoDataFrame:
    if crs is not None:
        declared = _crs_of(crs)
        if frame.crs is not None and not frame.crs.equals(declared):
            notes.append(f"{where}: its CRS {frame.crs.name} replaced by --crs {crs}, as told")
        frame = frame.set_crs(declared, allow_override=True)
    if frame.crs is None:
        xmin, ymin, xmax, ymax = frame.total_bounds
        if np.isfinite(frame.total_bounds).all() and not (
            xmin >= -540 and xmax <= 540 and ymin >= -90 and ymax <= 90
        ):
            swapped = xmin >= -90 and xmax <= 90 and ymin >= -180 and ymax <= 180
            hint = (
                "they look like (lat, lon): swap --x-field and --y-field"
                if swapped
                else "expected the CRS named with --crs (e.g. --crs EPSG:3857)"
            )
            raise LayerError(
                [
                    f"{where}: no CRS, and its coordinates ({xmin:g}, {ymin:g}, {xmax:g}, "
                    f"{ymax:g}) cannot be degrees; {hint}"
                ]
            )
        return frame.set_crs("EPSG:4326")
    if frame.crs.equals("EPSG:4326") or frame.crs.equals("OGC:CRS84"):
        return frame
    try:
        return frame.to_crs("EPSG:4326")
    except pyproj.exceptions.ProjError as exc:
        raise LayerError(
            [
                f"{where}: its CRS ({frame.crs.name}) cannot be transformed to WGS84 ({exc}); "
                "expected a geographic or projected CRS on Earth"
            ]
        ) from None


def _degrees_check(frame: gpd.GeoDataFrame, where: str, crs: str | None) -> None:
    """Latitudes past ±90° after the move to WGS84: the coordinates were not degrees."""
    coords = shapely.get_coordinates(np.asarray(frame.geometry.array, dtype=object))
    if not len(coords):
        return
    bad = np.flatnonzero(~(np.abs(coords[:, 1]) <= 90) | ~(np.abs(coords[:, 0]) <= 540))
    if len(bad):
        x, y = coords[bad[0]]
        swapped = abs(x) <= 90 and abs(y) <= 180
        hint = (
            "it looks like (lat, lon): swap --x-field and --y-field"
            if swapped
            else "name their CRS with --crs (e.g. --crs EPSG:3857)"
        )
        said = f"--crs {crs}" if crs else "longitude/latitude"
        raise LayerError(
            [f"{where}: coordinates like ({x:g}, {y:g}) cannot be {said} degrees; {hint}"]
        )


# --------------------------------------------------------------------------- fixing


def _bounds_no_area(geoms: np.ndarray) -> np.ndarray:
    """For each geometry: a (multi-)polygon every part of which has an outer ring of fewer
    than 3 distinct places (±180° one meridian, a pole one place), so bounds no area and
    draws as nothing; as validation refuses it."""
    out = np.zeros(len(geoms), dtype=bool)
    for i in np.flatnonzero(is_kind(geoms, AREAS)):
        parts = shapely.get_parts(geoms[i])
        out[i] = all(_distinct_places(shapely.get_exterior_ring(p)) < 3 for p in parts)
    return out


def _distinct_places(ring: shapely.LinearRing) -> int:
    coords = shapely.get_coordinates(ring)
    lon = (coords[:, 0] + 180.0) % 360.0 - 180.0
    lat = coords[:, 1]
    lon = np.where(np.abs(lat) == 90, 0.0, lon)
    return len(set(zip(lon.tolist(), lat.tolist(), strict=True)))


def _wrap_longitudes(geoms: np.ndarray) -> tuple[np.ndarray, int, float]:
    """Longitudes outside [-180, 180] moved by whole turns into it (the same places on
    Earth, so every geodesic length stays); (geometries, features changed, worst)."""
    has_z = shapely.has_z(geoms)
    out = geoms.copy()
    changed, worst = 0, 0.0
    for flag in (False, True):
        sel = np.flatnonzero(has_z == flag)
        if not len(sel):
            continue
        coords, idx = shapely.get_coordinates(geoms[sel], include_z=flag, return_index=True)
        outside = np.abs(coords[:, 0]) > 180
        if not outside.any():
            continue
        worst = max(worst, float(np.abs(coords[outside, 0]).max()))
        changed += len(np.unique(idx[outside]))
        coords[outside, 0] = (coords[outside, 0] + 180.0) % 360.0 - 180.0
        out[sel] = shapely.set_coordinates(geoms[sel].copy(), coords)
    return out, changed, worst


def _name_column(
    columns: list[str], frame: pd.DataFrame, name_field: str | None, where: str
) -> str | None:
    """The column that gives the feature names (None: no such column)."""
    if name_field is not None:
        same = [c for c in columns if c == name_field] or [
            c for c in columns if _same(c, name_field)
        ]
        if not same:
            raise LayerError(
                [
                    f"{where}: no column {name_field!r} for the feature names; its columns are: "
                    f"{', '.join(columns) or 'none'} (choose one with --name-field)"
                ]
            )
        return same[0]
    exact = [c for c in columns if c == "name"] or [c for c in columns if _same(c, "name")]
    if exact:
        return exact[0]
    for column in columns:
        if _TITLE_LIKE.search(column):
            values = frame[column].dropna()
            if len(values) and all(isinstance(v, str) for v in values):
                return column
    return None


def _name_text(value: Any) -> str | None:
    value = _plain(value)
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _fix_names(names: list[str | None], title: str) -> tuple[list[str], int, int, list[str]]:
    """Missing names filled as "<title> N" and repeats numbered "X (2)", "X (3)", ...;
    returns the names, how many were filled and numbered, and a few examples."""
    taken = {n for n in names if n is not None}
    seen: dict[str, int] = {}
    out: list[str] = []
    filled = numbered = 0
    examples: list[str] = []
    for i, name in enumerate(names):
        if name is None:
            filled += 1
            name, k = f"{title} {i + 1}", 1
            while name in taken:
                k += 1
                name = f"{title} {i + 1}.{k}"
            taken.add(name)
        elif name in seen:
            k = seen[name]
            while f"{name} ({k})" in taken:
                k += 1
            seen[name] = k + 1
            numbered += 1
            new = f"{name} ({k})"
            taken.add(new)
            if len(examples) < 3:
                examples.append(new)
            name = new
        else:
            seen[name] = 2
        out.append(name)
    return out, filled, numbered, examples


# --------------------------------------------------------------------------- the import


def _output_path(src: Path, dest: str | Path | None, layers_dir: Path | None, force: bool) -> Path:
    if dest is None and layers_dir is None:
        raise ValueError("Expected dest or layers_dir to say where the layer file goes")
    out = Path(dest) if dest is not None else layers_dir / "user" / f"{src.stem}.geojson"
    if out.suffix.lower() != ".geojson":
        raise LayerError(
            [
                f"{out}: a layer file must end in .geojson; expected e.g. "
                f"{out.with_suffix('.geojson')}"
            ]
        )
    if out.exists() and not force:
        raise LayerError(
            [
                f"{out}: already exists; expected a new file: choose another -o, or replace it "
                "with --force (force=True in Python)"
            ]
        )
    return out


def _outside(path: Path, layers_dir: Path) -> bool:
    try:
        path.resolve().relative_to(layers_dir.resolve())
    except ValueError:
        return True
    return False


@dataclass
class ForeignLayer:
    """A file from elsewhere read as a layer, in memory: what :func:`read_foreign` gives.

    Attributes
    ----------
    document : dict
        The layer document (a FeatureCollection in the layer format), validated.
    label : str
        The source as the notes name it (``towns.zip/data/towns.shp``).
    layers : list of (str, int)
        The source layers taken, with their feature counts.
    notes : list of str
        One line for each thing changed or left out on the way.
    """

    document: dict[str, Any]
    label: str
    layers: list[tuple[str, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_layer(self, id: str = "foreign") -> Layer:
        """The document as a :class:`~geo.Layer` (with ``path`` None)."""
        return layer_from_document(self.document, id=id)


@dataclass(frozen=True)
class ImportOptions:
    """How a file from elsewhere is read: the keyword arguments :func:`read_foreign` and
    :func:`convert_to_layer` take (``corridors import``'s options of the same names).

    Attributes
    ----------
    name, category, description : str
        The layer's title (default: the source's name), category (default ``"other"``,
        which takes any geometry; see :data:`geo.CATEGORIES`) and description.
    name_field : str, optional
        The column whose values become each feature's ``name``. Default: a ``name``
        column in any case, else the first text column whose name holds "name",
        "title" or "label"; a file's own ``name`` column given up for another is kept as
        ``original_name``.
    source : str, optional
        Written as ``source`` on every feature that has none (and on the layer).
    layer : str, optional
        A dataset of an archive, or a layer of a multi-layer file (ignoring case and
        surrounding spaces). Default: every non-empty layer with geometry, each feature
        with a ``source_layer`` property.
    x_field, y_field : str, optional
        For a table without geometry: the columns of the coordinates (default: found by
        name: lon/lng/longitude/x and lat/latitude/y, any case).
    crs : str, optional
        The CRS of those coordinates (default EPSG:4326), or of a file that names none.
    encoding : str, optional
        The text encoding, where the file's own declaration (e.g. a shapefile's .cpg) is
        wrong or missing.
    strict : bool
        Fix nothing: refuse, listing every problem, where names or geometries would need
        changing.
    max_bytes, max_features : int
        Limits on what is read: bytes of the dataset (counted as it is unpacked, for an
        archive), and features, counted as they are read.
    color_by, scheme, classes, palette, size_by, unit : optional
        A classed style written into the layer's ``style`` (its keys ``color-by``,
        ``scheme``, ``classes``, ``palette``, ``size-by``, ``unit``: :mod:`geo.classes`):
        features coloured by a property, points sized by one, the legend's numbers
        followed by ``unit``. ``scheme``, ``classes`` and ``palette`` need ``color_by``.
    """

    name: str | None = None
    category: str = "other"
    name_field: str | None = None
    source: str | None = None
    layer: str | None = None
    description: str | None = None
    x_field: str | None = None
    y_field: str | None = None
    crs: str | None = None
    encoding: str | None = None
    strict: bool = False
    max_bytes: int = MAX_SOURCE_BYTES
    max_features: int = MAX_FEATURES
    color_by: str | None = None
    scheme: str | None = None
    classes: int | None = None
    palette: str | None = None
    size_by: str | None = None
    unit: str | None = None

    def style(self) -> dict[str, Any]:
        """The layer's ``style`` these options ask for (empty: none)."""
        return classed_style(
            color_by=self.color_by,
            scheme=self.scheme,
            classes=self.classes,
            palette=self.palette,
            size_by=self.size_by,
            unit=self.unit,
        )

    def __post_init__(self) -> None:
        self.style()  # checked: a bad classed style is said before anything is read
        if self.category not in CATEGORIES:
            raise ValueError(
                f"Expected category to be one of {', '.join(CATEGORIES)}, instead got: "
                f"{self.category!r}"
            )
        for key in ("max_bytes", "max_features"):
            value = getattr(self, key)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"Expected {key} to be a whole number >= 1, instead got {value!r}")


def read_foreign(
    src: str | Path, *, named_as: str | Path | None = None, **options: Any
) -> ForeignLayer:
    """Read a file from elsewhere as a layer, in memory, fixing what is safe to fix.

    Takes the options of :class:`ImportOptions` as keyword arguments, as
    :func:`convert_to_layer` does, and writes nothing. ``named_as`` is the path problems
    are named against (default: ``src``).

    Only the named file (with the side files of its format) is read, only in the formats
    of ``geo/data/formats.toml``, and no network request is made: see
    :mod:`geo._sources` and :mod:`geo._gdal`.

    Returns
    -------
    ForeignLayer
        The layer document, the layers taken and one note per change.

    Raises
    ------
    LayerError
        One line per problem.
    """
    src = Path(src)
    opts = ImportOptions(**options)
    notes: list[str] = []
    try:
        with guarded() as refused, staged(src, opts.layer, opts.max_bytes) as staged_source:
            frames, all_layers = _read_frames(staged_source, opts, notes)
            label = staged_source.label
    except GdalGuardError as exc:
        raise LayerError(
            [
                f"{printable(src)}: not read: GDAL cannot be held to the formats this tool "
                f"reads in this installation ({exc}); please report it"
            ]
        ) from None
    if refused:
        urls = ", ".join(printable(u, 200) for u in dict.fromkeys(refused))
        if opts.crs is None:
            raise LayerError(
                [
                    f"{printable(label)}: asks for {urls}, which is not fetched (no network "
                    "request is made when reading a file); expected a file that holds its data "
                    "and names its CRS, or give the CRS with --crs"
                ]
            )
        notes.append(f"{label}: {urls} not fetched; read with --crs {opts.crs}, as told")
    chosen = [lyr for lyr, _frame, _integers in frames]
    doc, taken = _document(
        frames,
        all_layers,
        src,
        label,
        notes,
        named_as=Path(named_as) if named_as is not None else src,
        title=opts.name or _title(src, chosen, all_layers),
        options=opts,
    )
    return ForeignLayer(document=doc, label=label, layers=taken, notes=notes)


def _read_frames(
    source: Staged, opts: ImportOptions, notes: list[str]
) -> tuple[list[tuple[str, gpd.GeoDataFrame, set[str]]], list[str]]:
    """Every chosen layer of the staged source, in WGS84; and the names of all its layers."""
    x_field, y_field, crs = opts.x_field, opts.y_field, opts.crs
    shown = printable(source.label)
    if source.format.key == "gpkg":
        notes.extend(check_gpkg(source, shown))  # before GDAL runs the views
    listed = _list_layers(source.path, shown)
    all_layers = [n for n, _kind in listed]
    chosen = _choose_layers(all_layers, source.layer, shown)
    if source.layer is None:
        chosen = _leave_out(chosen, dict(listed), notes)
    _check_shapefiles(source, shown)
    tables = [lyr for lyr in chosen if dict(listed)[lyr] is None]
    frames: list[tuple[str, gpd.GeoDataFrame, set[str]]] = []
    skipped: list[tuple[str, LayerError]] = []
    for lyr in chosen:
        where = source.label if len(all_layers) == 1 else f"{source.label} (layer {lyr!r})"
        frame, integers = _read_layer(
            source, lyr, where, opts.encoding, opts.max_features, notes, opts.strict
        )
        if isinstance(frame, gpd.GeoDataFrame) and (x_field is not None or y_field is not None):
            frame = pd.DataFrame(frame.drop(columns=frame.geometry.name))
        if not isinstance(frame, gpd.GeoDataFrame):
            try:
                frame = _table_geometry(frame, where, x_field, y_field)
            except LayerError as exc:
                if len(tables) < 2 or x_field is not None or y_field is not None:
                    raise
                skipped.append((lyr, exc))
                continue
        frame = _to_wgs84(frame, where, crs, notes)
        _degrees_check(frame, where, crs)
        frames.append((lyr, frame, integers))
    if skipped and not frames:
        raise skipped[0][1]
    if skipped:
        left = ", ".join(repr(lyr.strip()) for lyr, _exc in skipped)
        notes.append(f"table(s) without coordinate columns left out: {left} (--layer takes one)")
    return frames, all_layers


def _leave_out(chosen: list[str], kinds: dict[str, str | None], notes: list[str]) -> list[str]:
    """Without --layer: GPX's copies of route and track vertices, and tables without
    geometry beside layers with geometry (a QGIS ``layer_styles`` table), are left out."""
    derived = [n for n in chosen if n in _DERIVED_LAYERS and _DERIVED_LAYERS[n] in chosen]
    if derived:
        chosen = [n for n in chosen if n not in derived]
        notes.append(
            f"left out {' and '.join(derived)}: GDAL's copies of the vertices of "
            f"{' and '.join(_DERIVED_LAYERS[d] for d in derived)} (--layer takes one)"
        )
    tables = [n for n in chosen if kinds[n] is None]
    if tables and len(tables) < len(chosen):
        chosen = [n for n in chosen if n not in tables]
        names = ", ".join(repr(n.strip()) for n in tables)
        notes.append(f"table(s) without geometry left out: {names} (--layer takes one)")
    return chosen


def _check_shapefiles(source: Staged, shown: str) -> None:
    """Every shapefile has as many records in its .dbf as shapes in its .shp (counted from
    the files' sizes, not from their headers): GDAL reads only as many as the .dbf holds."""
    if source.format.key != "shapefile":
        return
    problems = []
    for shp in (p for p in source.files if p.suffix.lower() == ".shp"):
        shapes, records = shapefile_counts(shp)
        if shapes is not None and records is not None and shapes != records:
            problems.append(
                f"{shown}: {shp.stem}.shp holds {shapes:,} shape(s) but {shp.stem}.dbf "
                f"{records:,} record(s); expected one record per shape (a truncated or "
                "mismatched .dbf): repair it, e.g. in QGIS, and import it again"
            )
    if problems:
        raise LayerError(problems)


def convert_to_layer(
    src: str | Path,
    dest: str | Path | None = None,
    *,
    force: bool = False,
    layers_dir: str | Path | None = None,
    **options: Any,
) -> ImportReport:
    """Write the features of ``src`` as a layer file, fixing what is safe to fix.

    Parameters
    ----------
    src : path
        A vector file (see ``geo/data/formats.toml``: GeoJSON, TopoJSON, Shapefile,
        GeoPackage, FlatGeobuf, CSV, KML, GPX, GML, XLSX, ODS, File Geodatabase), a folder of
        shapefiles, or a zip archive holding one (in any sub-folder). Only this file and
        the side files of its format are read, and no network request is made.
    dest : path, optional
        The ``.geojson`` layer file to write; default ``<layers_dir>/user/<src stem>.geojson``.
        An existing file is replaced only with ``force=True``.
    force : bool
        Replace an existing ``dest``.
    layers_dir : path, optional
        The layers folder (default: the shipped layers, :func:`geo.shipped_layers_dir`):
        where ``dest`` goes by default, and what a note says ``dest`` lies outside of.
    **options
        How the file is read: the attributes of :class:`ImportOptions` (``name``,
        ``category``, ``name_field``, ``source``, ``layer``, ``description``, ``x_field``,
        ``y_field``, ``crs``, ``encoding``, ``strict``, ``max_bytes``, ``max_features``).

    Returns
    -------
    ImportReport
        The path written, the layers taken and one note per change; it is also a path.

    Raises
    ------
    LayerError
        One line per problem; nothing is written.
    """
    src = Path(src)
    if layers_dir is not None:
        folder: Path | None = Path(layers_dir)
    elif dest is None:
        folder = shipped_layers_dir()  # no shipped folder (a wheel): says to name one
    else:
        folder = SHIPPED_LAYERS if SHIPPED_LAYERS.is_dir() else None
    ImportOptions(**options)  # bad options are said before anything else
    out = _output_path(src, dest, folder, force)
    read = read_foreign(src, named_as=out, **options)
    notes = list(read.notes)
    if folder is not None and _outside(out, folder):
        notes.append(
            f"{out} is outside the layers folder {str(folder)!r} that `corridors build` "
            "reads: move it there, or build with --layers"
        )
    _write(read.document, out)
    return ImportReport(
        path=out, features=len(read.document["features"]), layers=read.layers, notes=notes
    )


def _write(doc: dict[str, Any], out: Path) -> Path:
    """The layer document, validated when it was read, written to ``out``."""
    return write_layer(doc, out, checked=True)


def _title(src: Path, chosen: list[str], all_layers: list[str]) -> str:
    if len(all_layers) > 1 and len(chosen) == 1:
        return chosen[0].strip()
    return src.stem


def _document(
    frames: list[tuple[str, gpd.GeoDataFrame, set[str]]],
    all_layers: list[str],
    src: Path,
    label: str,
    notes: list[str],
    *,
    named_as: Path,
    title: str,
    options: ImportOptions,
) -> tuple[dict[str, Any], list[tuple[str, int]]]:
    """The layer document of the frames read (validated, problems named against
    ``named_as``), and the layers taken."""
    name, category, source = title, options.category, options.source
    name_field, description, strict = options.name_field, options.description, options.strict
    max_features = options.max_features
    many = len(frames) > 1
    problems: list[str] = []
    features: list[dict] = []
    names: list[str | None] = []
    taken: list[tuple[str, int]] = []
    empty_layers: list[str] = []
    dropped_null = dropped_parts = dropped_flat = wrapped = 0
    worst = 0.0
    for lyr, frame, integers in frames:
        where = label if not many else f"{label} (layer {lyr!r})"
        geometry = frame.geometry.name
        columns = [str(c) for c in frame.columns if c != geometry]
        frame = frame.set_axis([str(c) if c != geometry else c for c in frame.columns], axis=1)
        name_col = _name_column(columns, frame, name_field, where)
        geoms = np.asarray(frame.geometry.array, dtype=object)
        if strict:
            for i in np.flatnonzero(shapely.is_missing(geoms) | shapely.is_empty(geoms)):
                problems.append(
                    f"{named_as}: {where} feature {i}: null or empty geometry; expected "
                    "a geometry (without --strict it is dropped)"
                )
        geoms, parts = drop_empty_parts(geoms)
        dropped_parts += parts
        keep = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
        dropped_null += int((~keep).sum())
        flat = keep & _bounds_no_area(geoms)
        for i in np.flatnonzero(flat) if strict else []:
            problems.append(
                f"{named_as}: {where} feature {i}: polygon bounds no area (its outer rings have "
                "fewer than 3 distinct places); expected an area (without --strict it is dropped)"
            )
        keep &= ~flat
        dropped_flat += int(flat.sum())
        geoms, n_wrapped, far = _wrap_longitudes(geoms[keep])
        if strict and n_wrapped:
            problems.append(
                f"{named_as}: {where}: {n_wrapped} feature(s) with longitudes past ±180° "
                f"(up to {far:g}); expected [-180, 180] (without --strict they are "
                "wrapped)"
            )
        wrapped += n_wrapped
        worst = max(worst, far)
        rows = frame[columns][keep]
        if not len(rows):
            empty_layers.append(lyr)
            continue
        taken.append((lyr, len(rows)))
        texts = shapely.to_geojson(geoms)
        cells = [_column_values(rows[key], integer=key in integers) for key in columns]
        for i, text in enumerate(texts):
            props: dict[str, Any] = {}
            for key, values in zip(columns, cells, strict=True):
                if values[i] is not None:
                    props[key] = values[i]
            name_value = None
            if name_col is not None:
                name_value = _name_text(props.pop(name_col, None))
                if name_col != "name" and "name" in props:
                    props["original_name"] = props.pop("name")
            elif "name" in props:  # a non-text name column
                name_value = _name_text(props.pop("name"))
            if many:
                props["source_layer"] = lyr.strip()
            if source and not str(props.get("source") or "").strip():
                props["source"] = source
            names.append(name_value)
            geometry = orjson.loads(text)
            features.append({"type": "Feature", "properties": props, "geometry": geometry})
    if not features:
        detail = (
            f"its layers {', '.join(map(repr, empty_layers))} have no features with geometry"
            if many or len(all_layers) > 1
            else "it has no features with geometry"
        )
        others = [n for n in all_layers if n not in empty_layers]
        hint = f"; layers with data: {', '.join(map(repr, others))}" if others else ""
        raise LayerError([f"{src}: {detail}{hint}; expected at least one feature to import"])
    if problems:
        raise LayerError(problems)
    if not strict:
        fixed, filled, numbered, examples = _fix_names(names, name)
        for feature, fixed_name in zip(features, fixed, strict=True):
            feature["properties"] = {"name": fixed_name, **feature["properties"]}
        changes = []
        if numbered:
            shown = ", ".join(repr(e) for e in examples) + (", ..." if numbered > 3 else "")
            changes.append(f"{numbered} repeated names numbered ({shown})")
        if filled:
            changes.append(f"{filled} missing names filled ('{name} N')")
        if changes:
            notes.append(", ".join(changes))
    else:
        for feature, given in zip(features, names, strict=True):
            if given is not None:
                feature["properties"] = {"name": given, **feature["properties"]}
    if dropped_null:
        notes.append(f"{dropped_null} feature(s) with null or empty geometry dropped")
    if dropped_parts:
        notes.append(f"{dropped_parts} empty part(s) of multi-part geometries dropped")
    if dropped_flat:
        notes.append(
            f"{dropped_flat} polygon feature(s) bounding no area dropped (outer rings of fewer "
            "than 3 distinct places: nothing to draw or measure)"
        )
    if wrapped:
        notes.append(
            f"{wrapped} feature(s) with longitudes past ±180° (up to {worst:g}) "
            "wrapped into [-180, 180]; they still draw continuously across ±180°"
        )
    if empty_layers and taken:
        notes.append(f"empty layer(s) left out: {', '.join(map(repr, empty_layers))}")
    if len(features) > max_features:
        raise _too_many(printable(label), len(features), max_features)
    doc: dict[str, Any] = {"type": "FeatureCollection", "name": name, "category": category}
    if description:
        doc["description"] = description
    doc["source"] = source or f"converted from {src.name}"
    if options.style():
        doc["style"] = options.style()
    doc["features"] = features
    # checked in memory (problems named against the destination; nothing written)
    validate_document(doc, path=named_as, strict=False)
    return doc, taken
