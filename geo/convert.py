"""Turning a file from elsewhere into a layer file: ``corridors import`` and
:func:`convert_to_layer`.

Anything GDAL reads (through pyogrio) comes in: GeoPackage, Shapefile (also zipped, in
a sub-folder of the archive), GeoJSON (also a bare ``Feature`` or geometry), TopoJSON,
KML and KMZ, GPX, FlatGeobuf, GML, and tables with coordinate columns (CSV, XLSX, ODS).
The data are moved to WGS84 and written in the layer format, validated before they land.

Real files are messy, so what can be fixed without guessing is fixed and reported:
missing names are filled and repeated names numbered, null and empty geometries are
dropped, longitudes a hair past ±180° (GIS seams) or unwrapped past 180° are wrapped
into [-180, 180]. ``strict=True`` fixes nothing and refuses instead.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyproj
import shapely

from ._files import write_text_atomic
from .format import CATEGORIES, LayerError
from .layers import DEFAULT_LAYERS_DIR, plain_value
from .validation import validate_document

__all__ = [
    "DATASET_SUFFIXES",
    "MAX_FEATURES",
    "MAX_SOURCE_BYTES",
    "ImportReport",
    "convert_to_layer",
]

#: Files inside a zip archive that are datasets of their own (the rest are side files).
DATASET_SUFFIXES = (
    ".shp",
    ".gpkg",
    ".geojson",
    ".json",
    ".topojson",
    ".kml",
    ".gpx",
    ".csv",
    ".tsv",
    ".fgb",
    ".gml",
    ".sqlite",
    ".tab",
    ".mif",
    ".xlsx",
    ".ods",
    ".gdb",
)
#: The most bytes read from one source (uncompressed, for an archive) unless told more.
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


def _same(a: str, b: str) -> bool:
    """Names equal but for case and surrounding white space."""
    return a.strip().casefold() == b.strip().casefold()


# --------------------------------------------------------------------------- finding data


def _zip_datasets(archive: Path, max_bytes: int) -> list[str]:
    """The dataset members of a zip archive (in sub-folders too), after a size check."""
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise LayerError([f"{archive}: not a readable zip archive ({exc})"]) from None
    total = sum(i.file_size for i in infos)
    if total > max_bytes:
        raise LayerError(
            [
                f"{archive}: would unpack to {total:,} bytes, more than the limit of "
                f"{max_bytes:,}; expected a smaller archive, or raise the limit (--max-bytes)"
            ]
        )
    names = []
    for info in infos:
        parts = Path(info.filename).parts
        if info.is_dir() or any(p.startswith((".", "__MACOSX")) for p in parts):
            continue
        if Path(info.filename).suffix.lower() in DATASET_SUFFIXES:
            names.append(info.filename)
    return sorted(names)


def _open_path(src: Path, layer: str | None, max_bytes: int) -> tuple[str, str | None, str]:
    """(GDAL path, layer still to choose, label) for a file, a folder or a zip archive."""
    if not src.exists():
        raise LayerError([f"{src}: no such file; expected a vector file to import"])
    if (
        src.is_file()
        and zipfile.is_zipfile(src)
        and src.suffix.lower() not in (".gpkg", ".xlsx", ".ods")
    ):
        members = _zip_datasets(src, max_bytes)
        if not members:
            raise LayerError(
                [
                    f"{src}: the archive holds no dataset; expected one of "
                    f"{', '.join(DATASET_SUFFIXES)} inside it"
                ]
            )
        if len(members) > 1:
            chosen = [
                m
                for m in members
                if layer is not None and (_same(m, layer) or _same(Path(m).stem, layer))
            ]
            if len(chosen) != 1:
                raise LayerError(
                    [
                        f"{src}: holds {len(members)} datasets ({', '.join(members)}); expected "
                        "one chosen with --layer (its name or path in the archive)"
                    ]
                )
            members, layer = chosen, None
        return f"/vsizip/{src.resolve()}/{members[0]}", layer, f"{src.name}/{members[0]}"
    if src.is_file() and src.stat().st_size > max_bytes:
        raise LayerError(
            [
                f"{src}: {src.stat().st_size:,} bytes, more than the limit of {max_bytes:,}; "
                "expected a smaller file, or raise the limit (--max-bytes)"
            ]
        )
    return str(src), layer, src.name


def _list_layers(path: str, src: Path) -> list[str]:
    try:
        return [str(n) for n in pyogrio.list_layers(path)[:, 0]]
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise LayerError(
            [
                f"{src}: cannot read it as a vector file ({exc}); expected a file GDAL reads "
                "(GeoPackage, Shapefile, GeoJSON, KML, GPX, CSV, ...)"
            ]
        ) from None


def _choose_layers(names: list[str], layer: str | None, src: Path) -> list[str]:
    if layer is None:
        return names
    chosen = [n for n in names if n == layer] or [n for n in names if _same(n, layer)]
    if not chosen:
        raise LayerError(
            [f"{src}: no layer {layer!r}; expected one of: {', '.join(map(repr, names))}"]
        )
    return chosen[:1]


# --------------------------------------------------------------------------- reading


def _wkb_type(wkb: bytes | None) -> int | None:
    """The geometry type number of a WKB value (ISO and EWKB), or None."""
    if not wkb or len(wkb) < 5:
        return None
    code = int.from_bytes(wkb[1:5], "little" if wkb[0] == 1 else "big")
    return (code & 0xFFFF) % 1000


def _unsupported_geometries(path: str, layer: str, where: str) -> list[str]:
    """One problem line per feature whose geometry type GeoJSON has no place for."""
    try:
        _meta, _fids, wkb, _fields = pyogrio.raw.read(path, layer=layer)
    except Exception:  # only looking for a better message
        return []
    problems = []
    for i, value in enumerate(wkb if wkb is not None else []):
        kind = _UNSUPPORTED_WKB.get(_wkb_type(value))
        if kind:
            problems.append(
                f"{where}: feature {i}: geometry type {kind} cannot be imported; expected "
                "points, lines, polygons or collections of them (GeoJSON's types)"
            )
    return problems


def _bad_text_field(path: str, layer: str, encoding: str | None) -> tuple[str, int, int] | None:
    """(field, feature, byte) of the first text that is not in the declared encoding."""
    try:
        frame = pyogrio.read_dataframe(path, layer=layer, encoding="latin1", read_geometry=False)
    except Exception:  # only looking for a better message
        return None
    for column in frame.columns:
        for i, value in enumerate(frame[column]):
            if isinstance(value, str):
                raw = value.encode("latin1", errors="replace")
                try:
                    raw.decode(encoding or "utf-8")
                except UnicodeDecodeError as exc:
                    return str(column), i, raw[exc.start]
                except LookupError:
                    return None
    return None


def _read_layer(
    path: str, layer: str, where: str, encoding: str | None, max_features: int
) -> tuple[pd.DataFrame, set[str], str]:
    """One layer's features (a GeoDataFrame, or a DataFrame for a table), its integer
    columns and the GDAL driver."""
    options: dict[str, Any] = {}
    try:
        info = pyogrio.read_info(path, layer=layer, encoding=encoding)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise LayerError([f"{where}: cannot read it ({exc}); expected a file GDAL reads"]) from None
    if info["driver"] == "CSV":
        options.update(AUTODETECT_TYPE="YES", KEEP_GEOM_COLUMNS="NO")
        info = pyogrio.read_info(path, layer=layer, encoding=encoding, **options)
    if info["features"] > max_features:
        raise LayerError(
            [
                f"{where}: {info['features']:,} features, more than the limit of "
                f"{max_features:,}; expected fewer, or raise the limit (--max-features)"
            ]
        )
    try:
        frame = pyogrio.read_dataframe(
            path,
            layer=layer,
            encoding=encoding,
            datetime_as_string=True,
            max_features=max_features + 1,
            **options,
        )
    except UnicodeDecodeError as exc:
        bad = _bad_text_field(path, layer, encoding)
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
    except shapely.errors.GEOSException as exc:
        problems = _unsupported_geometries(path, layer, where)
        raise LayerError(
            problems
            or [f"{where}: a geometry cannot be read ({exc}); expected points, lines or polygons"]
        ) from None
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise LayerError([f"{where}: cannot read it ({exc}); expected a file GDAL reads"]) from None
    if len(frame) > max_features:
        raise LayerError(
            [
                f"{where}: more than {max_features:,} features; expected fewer, or raise the "
                "limit (--max-features)"
            ]
        )
    integers = {
        str(f) for f, t in zip(info["fields"], info["dtypes"], strict=True) if "int" in str(t)
    }
    if info["driver"] == "LIBKML":
        drop = [c for c in frame.columns if c in _KML_STYLE_COLUMNS]
        frame = frame.drop(columns=drop)
    return frame, integers, info["driver"]


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
        if frame.geometry.notna().any() and not (
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


def _drop_empty_parts(geoms: np.ndarray) -> tuple[np.ndarray, int]:
    """Multi-geometries and collections without their empty parts; how many were dropped."""
    multi = np.flatnonzero(np.isin(shapely.get_type_id(geoms), (4, 5, 6, 7)))
    if not len(multi):
        return geoms, 0
    parts, owner = shapely.get_parts(geoms[multi], return_index=True)
    empty = shapely.is_empty(parts)
    if not empty.any():
        return geoms, 0
    out = geoms.copy()
    for k in np.unique(owner[empty]):
        i = multi[k]
        keep = [p for p in parts[owner == k] if not p.is_empty]
        out[i] = type(geoms[i])(keep) if keep else type(geoms[i])()
    return out, int(empty.sum())


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


def _output_path(src: Path, dest: str | Path | None, layers_dir: Path, force: bool) -> Path:
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


def convert_to_layer(
    src: str | Path,
    dest: str | Path | None = None,
    *,
    name: str | None = None,
    category: str = "other",
    name_field: str | None = None,
    source: str | None = None,
    layer: str | None = None,
    description: str | None = None,
    x_field: str | None = None,
    y_field: str | None = None,
    crs: str | None = None,
    encoding: str | None = None,
    strict: bool = False,
    force: bool = False,
    layers_dir: str | Path = DEFAULT_LAYERS_DIR,
    max_bytes: int = MAX_SOURCE_BYTES,
    max_features: int = MAX_FEATURES,
) -> ImportReport:
    """Write the features of ``src`` as a layer file, fixing what is safe to fix.

    Parameters
    ----------
    src : path
        A vector file GDAL reads, a folder of shapefiles, or a zip archive holding one
        (in any sub-folder); ``layer`` picks a dataset of an archive or a layer of a
        multi-layer file (ignoring case and surrounding spaces). Without ``layer``,
        every non-empty layer is taken, each feature with a ``source_layer`` property.
    dest : path, optional
        The ``.geojson`` layer file to write; default ``<layers_dir>/user/<src stem>.geojson``.
        An existing file is replaced only with ``force=True``.
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
    force : bool
        Replace an existing ``dest``.
    max_bytes, max_features : int
        Limits on what is read (uncompressed, for an archive), checked before reading.

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
    layers_dir = Path(layers_dir)
    if category not in CATEGORIES:
        raise ValueError(
            f"Expected category to be one of {', '.join(CATEGORIES)}, instead got: {category!r}"
        )
    out = _output_path(src, dest, layers_dir, force)
    path, layer, label = _open_path(src, layer, max_bytes)
    all_layers = _list_layers(path, src)
    chosen = _choose_layers(all_layers, layer, src)
    notes: list[str] = []
    if layer is None:
        derived = [n for n in chosen if n in _DERIVED_LAYERS and _DERIVED_LAYERS[n] in chosen]
        if derived:
            chosen = [n for n in chosen if n not in derived]
            notes.append(
                f"left out {' and '.join(derived)}: GDAL's copies of the vertices of "
                f"{' and '.join(_DERIVED_LAYERS[d] for d in derived)} (--layer takes one)"
            )
    frames: list[tuple[str, gpd.GeoDataFrame, set[str]]] = []
    for lyr in chosen:
        where = label if len(all_layers) == 1 else f"{label} (layer {lyr!r})"
        frame, integers, _driver = _read_layer(path, lyr, where, encoding, max_features)
        if isinstance(frame, gpd.GeoDataFrame) and (x_field is not None or y_field is not None):
            frame = pd.DataFrame(frame.drop(columns=frame.geometry.name))
        if not isinstance(frame, gpd.GeoDataFrame):
            frame = _table_geometry(frame, where, x_field, y_field)
        frame = _to_wgs84(frame, where, crs, notes)
        _degrees_check(frame, where, crs)
        frames.append((lyr, frame, integers))
    return _write(
        frames,
        all_layers,
        src,
        out,
        label,
        notes,
        name=name or _title(src, chosen, all_layers),
        category=category,
        name_field=name_field,
        source=source,
        description=description,
        strict=strict,
        layers_dir=layers_dir,
    )


def _title(src: Path, chosen: list[str], all_layers: list[str]) -> str:
    if len(all_layers) > 1 and len(chosen) == 1:
        return chosen[0].strip()
    return src.stem


def _write(
    frames: list[tuple[str, gpd.GeoDataFrame, set[str]]],
    all_layers: list[str],
    src: Path,
    out: Path,
    label: str,
    notes: list[str],
    *,
    name: str,
    category: str,
    name_field: str | None,
    source: str | None,
    description: str | None,
    strict: bool,
    layers_dir: Path,
) -> ImportReport:
    many = len(frames) > 1
    problems: list[str] = []
    features: list[dict] = []
    names: list[str | None] = []
    taken: list[tuple[str, int]] = []
    empty_layers: list[str] = []
    dropped_null = dropped_parts = wrapped = 0
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
                    f"{out}: {where} feature {i}: null or empty geometry; expected "
                    "a geometry (without --strict it is dropped)"
                )
        geoms, parts = _drop_empty_parts(geoms)
        dropped_parts += parts
        keep = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
        dropped_null += int((~keep).sum())
        geoms, n_wrapped, far = _wrap_longitudes(geoms[keep])
        if strict and n_wrapped:
            problems.append(
                f"{out}: {where}: {n_wrapped} feature(s) with longitudes past ±180° "
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
        for row, text in zip(rows.itertuples(index=False, name=None), texts, strict=True):
            props: dict[str, Any] = {}
            for key, value in zip(columns, row, strict=True):
                value = _plain(value, integer=key in integers)
                if value is not None:
                    props[key] = value
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
            features.append({"type": "Feature", "properties": props, "geometry": json.loads(text)})
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
    if wrapped:
        notes.append(
            f"{wrapped} feature(s) with longitudes past ±180° (up to {worst:g}) "
            "wrapped into [-180, 180]; they still draw continuously across ±180°"
        )
    if empty_layers and taken:
        notes.append(f"empty layer(s) left out: {', '.join(map(repr, empty_layers))}")
    doc: dict[str, Any] = {"type": "FeatureCollection", "name": name, "category": category}
    if description:
        doc["description"] = description
    doc["source"] = source or f"converted from {src.name}"
    doc["features"] = features
    # checked in memory (problems named against the destination; nothing written)
    validate_document(doc, path=out, strict=False)
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    if _outside(out, layers_dir):
        notes.append(
            f"{out} is outside the layers folder {str(layers_dir)!r} that `corridors build` "
            "reads: move it there, or build with --layers"
        )
    write_text_atomic(out, text, what="the layer")
    return ImportReport(path=out, features=len(features), layers=taken, notes=notes)
