"""Layer files: finding them, reading them (validated), and the :class:`Layer` they give.

The format is defined in :mod:`geo.format` and checked by :mod:`geo.validation`.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from ._text import printable
from .format import CATEGORIES, Category, LayerError, LayerWarning
from .validation import parse, validate_file

__all__ = [
    "CATEGORIES",
    "DEFAULT_LAYERS_DIR",
    "Category",
    "Layer",
    "LayerError",
    "LayerWarning",
    "duplicate_id_problems",
    "find_layer_files",
    "load_layer",
    "load_layers",
    "validate_file",
]

DEFAULT_LAYERS_DIR = Path("layers")


@dataclass
class Layer:
    """One layer: its metadata and its features as a GeoDataFrame in EPSG:4326.

    ``id`` is the file's path below the layers folder without its suffix
    (``corridors/cpec``), or the file's stem when it was loaded on its own.
    """

    id: str
    name: str
    category: str
    path: Path
    frame: gpd.GeoDataFrame
    description: str = ""
    source: str = ""
    style: dict[str, Any] = field(default_factory=dict)
    figures: list[dict[str, Any]] = field(default_factory=list)
    #: Each feature's properties exactly as in the file (the frame turns ints with gaps to floats).
    properties: list[dict[str, Any]] = field(default_factory=list, repr=False)

    @property
    def effective_style(self) -> dict[str, Any]:
        """The category's default look with the layer's own ``style`` on top."""
        return {**CATEGORIES[self.category].style, **self.style}

    def __len__(self) -> int:
        return len(self.frame)


def _layer_id(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.relative_to(root).with_suffix("").as_posix()
        except ValueError:
            pass
    return path.stem


def _build_geometries(geometries: list[dict]) -> np.ndarray:
    """shapely geometries for validated GeoJSON geometry objects.

    Points and LineStrings, the bulk of big layers, are built from one coordinate array
    per type; other types go through GeoJSON text one by one.
    """
    out = np.empty(len(geometries), dtype=object)
    by_type: dict[str, list[int]] = {}
    for i, geom in enumerate(geometries):
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


def _to_frame(features: list[dict]) -> gpd.GeoDataFrame:
    geoms = _build_geometries([f["geometry"] for f in features])
    records = [f.get("properties") or {} for f in features]
    frame = gpd.GeoDataFrame(records, geometry=geoms, crs="EPSG:4326")
    if "name" not in frame.columns:
        frame["name"] = []
    return frame


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
    doc, features = parse(path, strict=strict)
    return Layer(
        id=_layer_id(path, Path(root) if root is not None else None),
        name=doc["name"].strip(),
        category=doc["category"],
        path=path,
        frame=_to_frame(features),
        description=doc.get("description") or "",
        source=doc.get("source") or "",
        style=dict(doc.get("style") or {}),
        figures=list(doc.get("figures") or []),
        properties=[f.get("properties") or {} for f in features],
    )


LAYER_SUFFIXES = (".geojson", ".json")


def _skip(path: Path, why: str) -> None:
    warnings.warn(
        LayerWarning(f"{printable(path)}: skipped: {why}; expected layer files and folders"),
        stacklevel=3,
    )


def find_layer_files(directory: str | Path = DEFAULT_LAYERS_DIR) -> list[Path]:
    """Every ``*.geojson`` / ``*.json`` file below ``directory`` (hidden ones skipped), sorted.

    A symbolic link to a layer file is taken; a symbolic link to a folder is not followed.
    Each entry skipped for another reason than being hidden or not named like a layer (a
    broken link, a linked or unreadable folder, a FIFO or device named like a layer) gives
    a :class:`LayerWarning`, so nothing is left out without a word.
    """
    root = Path(directory)
    if not root.is_dir():
        raise LayerError(
            [f"{printable(root)}: no such folder; expected a folder of .geojson layer files"]
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
    directory: str | Path = DEFAULT_LAYERS_DIR,
    *,
    only: Iterable[str] | None = None,
    strict: bool = False,
) -> list[Layer]:
    """Every layer below ``directory``, validated; one :class:`LayerError` for all problems.

    ``only`` keeps the layers with these ids (an unknown id is an error naming the known ones).
    """
    root = Path(directory)
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
