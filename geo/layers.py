"""Layer files: finding them, reading them (validated), and the :class:`Layer` they give.

The format is defined in :mod:`geo.format` and checked by :mod:`geo.validation`.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ._files import write_text_atomic
from ._repr import layer_html, layer_repr
from ._text import printable
from .format import CATEGORIES, Category, LayerError, LayerWarning
from .geometry import frame_to_wgs84
from .validation import collector_paused, parse, validate_document, validate_file
from .values import is_missing, plain_value

__all__ = [
    "CATEGORIES",
    "SHIPPED_LAYERS",
    "Category",
    "Layer",
    "LayerError",
    "LayerWarning",
    "duplicate_id_problems",
    "find_layer_files",
    "frame_properties",
    "is_missing",
    "layer_document",
    "layer_from_document",
    "layer_text",
    "load_layer",
    "load_layers",
    "plain_value",
    "shipped_layers_dir",
    "validate_file",
    "write_layer",
]

#: The ``layers/`` folder of the checkout this package is installed from (``pip install
#: -e .``): the shipped layers, found from any working directory. A wheel has no such
#: folder; :func:`shipped_layers_dir` then says so.
SHIPPED_LAYERS = Path(__file__).resolve().parent.parent / "layers"


def shipped_layers_dir() -> Path:
    """The folder of the shipped layers: ``layers/`` beside the ``geo`` package.

    Found relative to the package, not to the working directory, so the commands and the
    functions that default to it work from any folder.

    Returns
    -------
    Path
        An absolute path.

    Raises
    ------
    LayerError
        Where the package was installed without its checkout (a wheel): there is no
        shipped folder, and the layers folder must be named.

    >>> (shipped_layers_dir() / "corridors" / "cpec.geojson").is_file()
    True
    """
    folder = SHIPPED_LAYERS
    if not folder.is_dir():
        raise LayerError(
            [
                f"{printable(folder)}: no shipped layers folder (the package in "
                f"{printable(folder.parent / 'geo')} was installed without its checkout, "
                "e.g. from a wheel); expected a folder of .geojson layer files named with "
                "--layers DIR (directory= in Python), or an install of a checkout with "
                "pip install -e ."
            ]
        )
    return folder


@dataclass
class Layer:
    """One layer: its metadata and its features as a GeoDataFrame.

    ``frame`` is the one place the features live: one row per feature, a ``name``
    column, the other properties as columns (integers stay integers: a column of whole
    numbers with gaps is pandas' nullable ``Int64``) and the geometry, in EPSG:4326 as
    read. Filter, sort or extend it freely; everything else (:attr:`properties`, the map,
    the exports, the lengths) is derived from it when asked for.

    ``id`` is the file's path below the layers folder without its suffix
    (``corridors/cpec``), or the file's stem when it was loaded on its own.
    """

    id: str
    name: str
    category: str
    path: Path | None
    frame: gpd.GeoDataFrame
    description: str = ""
    source: str = ""
    style: dict[str, Any] = field(default_factory=dict)
    figures: list[dict[str, Any]] = field(default_factory=list)
    #: time series published for the layer: [{label, unit, note, points: [{year, value,
    #: source, note}]}]
    series: list[dict[str, Any]] = field(default_factory=list)

    @property
    def properties(self) -> list[dict[str, Any]]:
        """Each feature's properties as plain JSON values, derived from :attr:`frame`.

        A property a feature leaves empty (missing, null or NaN) is left out of its dict.
        """
        return frame_properties(self.frame)

    @property
    def effective_style(self) -> dict[str, Any]:
        """The category's default look with the layer's own ``style`` on top."""
        return {**CATEGORIES[self.category].style, **self.style}

    def geometries(self) -> np.ndarray:
        """The features' shapely geometries in WGS84 (lon, lat), as an object array.

        A frame moved to another CRS (``layer.frame.to_crs(3857)``) is moved back.
        """
        return np.asarray(frame_to_wgs84(self.frame).array, dtype=object)

    def __len__(self) -> int:
        return len(self.frame)

    def __repr__(self) -> str:
        return layer_repr(self)

    def _repr_html_(self) -> str:
        """In Jupyter: a small table of the layer (id, title, category, feature count,
        geometry types, total line length) and its first features, every value escaped."""
        return layer_html(self)


def frame_properties(frame: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """One dict of plain properties per row of ``frame`` (geometry left out; empty cells
    left out; keys as text)."""
    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    columns = [c for c in frame.columns if c != geometry]
    keys = [str(c) for c in columns]
    out = []
    for row in frame[columns].itertuples(index=False, name=None):
        out.append({k: plain_value(v) for k, v in zip(keys, row, strict=True) if not is_missing(v)})
    return out


def _layer_id(path: Path, root: Path | None) -> str:
    """The layer's id: its path below ``root`` without the suffix (else the file's stem).

    A byte of the file name that is not UTF-8 is shown escaped (``caf\\xe9``), so the id
    is text that any page or terminal takes.
    """
    text = path.stem
    if root is not None and path.is_relative_to(root):
        text = path.relative_to(root).with_suffix("").as_posix()
    return os.fsencode(text).decode("utf-8", errors="backslashreplace")


def _build_geometries(geometries: list[dict], arrays: dict | None = None) -> np.ndarray:
    """shapely geometries for validated GeoJSON geometry objects.

    Points and LineStrings, the bulk of big layers, are built from one coordinate array
    per type (LineStrings from the array validation already made, in ``arrays``); other
    types go through GeoJSON text one by one.
    """
    out = np.empty(len(geometries), dtype=object)
    done = None
    if arrays and "lines" in arrays:
        idx, coords, lengths = arrays["lines"]
        if len(idx):
            owner = np.repeat(np.arange(len(idx)), lengths)
            out[idx] = shapely.linestrings(coords, indices=owner)
            done = set(idx.tolist())
    by_type: dict[str, list[int]] = {}
    if done is None or len(done) < len(geometries):  # else every one is a line built above
        for i, geom in enumerate(geometries):
            if done is None or i not in done:
                by_type.setdefault(geom["type"], []).append(i)
    rest = [i for t, ids in by_type.items() if t not in ("Point", "LineString") for i in ids]
    points = by_type.get("Point", [])
    if points:
        arr = [geometries[i]["coordinates"] for i in points]
        if all(len(p) == 2 for p in arr):
            out[points] = shapely.points(np.asarray(arr, dtype=float))
        else:
            rest += points
    lines = by_type.get("LineString", [])
    if lines:
        try:
            parts = [np.asarray(geometries[i]["coordinates"], dtype=float) for i in lines]
        except ValueError:  # 2D and 3D positions mixed in one line
            parts = [np.empty((0, 3))]
        if all(p.ndim == 2 and p.shape[1] == 2 for p in parts):
            lengths = [len(p) for p in parts]
            out[lines] = shapely.linestrings(
                np.concatenate(parts), indices=np.repeat(np.arange(len(lines)), lengths)
            )
        else:
            rest += lines
    if rest:
        out[rest] = shapely.from_geojson(
            [json.dumps(geometries[i], separators=(",", ":")) for i in rest]
        )
    return out


def _keep_integers(frame: gpd.GeoDataFrame, records: list[dict]) -> None:
    """Columns pandas read as floats only because of gaps or mixed ints: integers back.

    All whole numbers with gaps become nullable ``Int64``; ints mixed with fractions keep
    each value as written (an object column).
    """
    for column in frame.columns:
        if frame[column].dtype != np.float64:
            continue
        values = [r.get(column) for r in records]
        kinds = {type(v) for v in values if v is not None}
        if int not in kinds:
            continue
        try:
            if kinds == {int}:
                frame[column] = pd.array(values, dtype="Int64")
                continue
        except (OverflowError, TypeError, ValueError):  # beyond int64
            pass
        frame[column] = pd.Series(values, index=frame.index, dtype=object)


def _to_frame(features: list[dict], arrays: dict | None = None) -> gpd.GeoDataFrame:
    geoms = _build_geometries([f["geometry"] for f in features], arrays)
    records = [f.get("properties") or {} for f in features]
    frame = gpd.GeoDataFrame(records, geometry=geoms, crs="EPSG:4326")
    _keep_integers(frame, records)
    if "name" not in frame.columns:
        frame["name"] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    return frame


def layer_from_document(doc: dict[str, Any], *, id: str, path: Path | None = None) -> Layer:
    """A :class:`Layer` of a layer document already validated in memory (as
    :func:`geo.validation.validate_document` checks it)."""
    return Layer(
        id=id,
        name=str(doc["name"]).strip(),
        category=doc["category"],
        path=path,
        frame=_to_frame(doc["features"]),
        description=doc.get("description") or "",
        source=doc.get("source") or "",
        style=dict(doc.get("style") or {}),
        figures=list(doc.get("figures") or []),
        series=list(doc.get("series") or []),
    )


def load_layer(path: str | Path, *, root: str | Path | None = None, strict: bool = False) -> Layer:
    """Read and validate one layer file.

    Parameters
    ----------
    path : str or Path
        The ``.geojson`` file.
    root : str or Path, optional
        The layers folder the id is taken relative to; default: the file's stem is the id.
    strict : bool
        Require a ``source`` on every feature.

    Raises
    ------
    LayerError
        With one line per problem in the file.
    """
    path = Path(path)
    arrays: dict = {}
    with collector_paused():
        doc, features = parse(path, strict=strict, arrays=arrays)
        layer = Layer(
            id=_layer_id(path, Path(root) if root is not None else None),
            name=doc["name"].strip(),
            category=doc["category"],
            path=path,
            frame=_to_frame(features, arrays),
            description=doc.get("description") or "",
            source=doc.get("source") or "",
            style=dict(doc.get("style") or {}),
            figures=list(doc.get("figures") or []),
            series=list(doc.get("series") or []),
        )
        # the parsed document goes while the collector is off: once it is on again, its
        # first pass would walk every object of the document (0.1-0.3 s per 10 MB)
        del doc, features, arrays
    return layer


LAYER_SUFFIXES = (".geojson", ".json")


def _skip(path: Path, why: str) -> None:
    warnings.warn(
        LayerWarning(f"{printable(path)}: skipped: {why}; expected layer files and folders"),
        stacklevel=3,
    )


def find_layer_files(directory: str | Path | None = None) -> list[Path]:
    """Every ``*.geojson`` / ``*.json`` file below ``directory`` (hidden ones skipped), sorted.

    ``directory`` defaults to the shipped layers (:func:`shipped_layers_dir`).

    A symbolic link to a layer file is taken; a symbolic link to a folder is not followed.
    Each entry skipped for another reason than being hidden or not named like a layer (a
    broken link, a linked or unreadable folder, a FIFO or device named like a layer) gives
    a :class:`LayerWarning`, so nothing is left out without a word.
    """
    root = shipped_layers_dir() if directory is None else Path(directory)
    if not root.is_dir():
        raise LayerError(
            [
                f"{printable(root)}: no such folder (looked in {printable(Path.cwd())}); "
                "expected a folder of .geojson layer files (--layers DIR on the command line)"
            ]
        )
    files: list[Path] = []
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            _skip(folder, f"cannot read the folder ({exc.strerror or exc})")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                if entry.is_symlink():
                    if not path.exists():
                        _skip(path, "a broken symbolic link")
                        continue
                    if path.is_dir():
                        _skip(path, "a symbolic link to a folder (not followed)")
                        continue
                elif entry.is_dir(follow_symlinks=False):
                    folders.append(path)
                    continue
                if path.suffix.lower() not in LAYER_SUFFIXES:
                    continue
                if not path.is_file():
                    _skip(path, "not a regular file")
                    continue
            except OSError as exc:
                _skip(path, f"cannot look at it ({exc.strerror or exc})")
                continue
            files.append(path)
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def duplicate_id_problems(files: Iterable[Path], root: str | Path) -> list[str]:
    """One line for each file whose layer id another of ``files`` already has.

    ``layers/pipeline.geojson`` and ``layers/pipeline.json`` are both ``pipeline``.
    """
    root = Path(root)
    first: dict[str, Path] = {}
    problems = []
    for path in files:
        layer_id = _layer_id(path, root)
        if layer_id in first:
            problems.append(
                f"{printable(path)}: layer id {printable(repr(layer_id), 200)} is also the id of "
                f"{printable(first[layer_id])}; expected one file per id: rename or remove one"
            )
        else:
            first[layer_id] = path
    return problems


def load_layers(
    directory: str | Path | None = None,
    *,
    only: Iterable[str] | None = None,
    strict: bool = False,
) -> list[Layer]:
    """Every layer below ``directory``, validated; one :class:`LayerError` for all problems.

    ``directory`` defaults to the shipped layers (:func:`shipped_layers_dir`), wherever
    the working directory is. ``only`` keeps the layers with these ids (an unknown id is
    an error naming the known ones).
    """
    root = shipped_layers_dir() if directory is None else Path(directory)
    files = find_layer_files(root)
    if not files:
        raise LayerError(
            [f"{printable(root)}: no layer files; expected .geojson files in this folder"]
        )
    clashes = duplicate_id_problems(files, root)
    if clashes:
        raise LayerError(clashes)
    wanted = set(only) if only is not None else None
    if wanted is not None:
        known = {_layer_id(p, root) for p in files}
        unknown = sorted(wanted - known)
        if unknown:
            names = printable(", ".join(sorted(known)), 2000)
            raise LayerError(
                [
                    f"{printable(root)}: no layer with id {printable(repr(u), 200)}; "
                    f"expected one of {names}"
                    for u in unknown
                ]
            )
        files = [p for p in files if _layer_id(p, root) in wanted]
    layers: list[Layer] = []
    problems: list[str] = []
    for path in files:
        try:
            layers.append(load_layer(path, root=root, strict=strict))
        except LayerError as exc:
            problems.extend(exc.problems)
    if problems:
        raise LayerError(problems)
    return layers


# --------------------------------------------------------------------------- writing

#: A position ``[lon, lat]`` or ``[lon, lat, z]`` as indented JSON spreads it over lines.
_POSITION = re.compile(
    r"\[\s+(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?),\s+(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)"
    r"(?:,\s+(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?))?\s+\]"
)


def _position(match: re.Match[str]) -> str:
    return "[" + ", ".join(g for g in match.groups() if g is not None) + "]"


def layer_text(doc: dict[str, Any]) -> str:
    """A layer document as its file holds it: JSON indented by one space, each position on
    one line (routed lines have thousands), UTF-8 text as it is, a newline at the end.

    >>> print(layer_text({"type": "FeatureCollection", "name": "T", "features": [
    ...     {"type": "Feature", "properties": {"name": "Ürümqi"},
    ...      "geometry": {"type": "Point", "coordinates": [87.6, 43.8]}}]}), end="")
    {
     "type": "FeatureCollection",
     "name": "T",
     "features": [
      {
       "type": "Feature",
       "properties": {
        "name": "Ürümqi"
       },
       "geometry": {
        "type": "Point",
        "coordinates": [87.6, 43.8]
       }
      }
     ]
    }
    """
    text = json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False)
    return _POSITION.sub(_position, text) + "\n"


def layer_document(layer: Layer) -> dict[str, Any]:
    """The layer file's document of a :class:`Layer`: its members, then a feature per row
    of its frame (properties as :attr:`Layer.properties` gives them, geometry in WGS84)."""
    doc: dict[str, Any] = {"type": "FeatureCollection", "name": layer.name}
    doc["category"] = layer.category
    for key in ("description", "source"):
        if getattr(layer, key):
            doc[key] = getattr(layer, key)
    for key in ("style", "figures", "series"):
        if getattr(layer, key):
            doc[key] = getattr(layer, key)
    geometries = shapely.to_geojson(layer.geometries())
    doc["features"] = [
        {"type": "Feature", "properties": props, "geometry": json.loads(g) if g else None}
        for props, g in zip(layer.properties, geometries, strict=True)
    ]
    return doc


def write_layer(
    layer: Layer | dict[str, Any], path: str | Path, *, strict: bool = False, checked: bool = False
) -> Path:
    """Write a layer file: checked as :func:`geo.validate_document` checks it (problems
    named against ``path``; nothing written), in the form of :func:`layer_text`, through a
    temporary file so that a failed write leaves any old file as it was.

    Parameters
    ----------
    layer : Layer or dict
        A :class:`Layer` (its frame as it is now), or a layer document.
    path : str or Path
        The ``.geojson`` file to write (replaced if it exists).
    strict : bool
        Require a ``source`` on every feature (the shipped layers' rule).
    checked : bool
        The document was just checked by :func:`geo.validate_document` (with ``strict``):
        it is not checked again.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    LayerError
        One line per problem; nothing is written.
    """
    doc = layer_document(layer) if isinstance(layer, Layer) else layer
    if not checked:
        validate_document(doc, path=path, strict=strict)
    return write_text_atomic(path, layer_text(doc), what="the layer")
