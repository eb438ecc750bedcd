"""Validation of layer files: every problem in a file, one line each.

Validation collects every problem in a file and raises one :class:`LayerError` whose
message has one line per problem::

    path: feature N ('name'): what is wrong; what was expected

Feature numbers count from 0, as in ``.features[N]``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from .format import (
    CATEGORIES,
    COLOR,
    GEOMETRY_TYPES,
    STYLE_KEYS,
    WGS84_CRS_NAMES,
    LayerError,
)

__all__ = ["MAX_PROBLEMS_PER_FILE", "parse", "validate_file"]

#: Most problems reported for one file before the rest are counted, not listed.
MAX_PROBLEMS_PER_FILE = 50


class _Problems:
    """Collects problems for one file, capped at MAX_PROBLEMS_PER_FILE lines."""

    def __init__(self, path: Path):
        self.path = path
        self.lines: list[str] = []
        self.dropped = 0

    def add(self, message: str, feature: int | None = None, name: Any = None) -> None:
        if len(self.lines) >= MAX_PROBLEMS_PER_FILE:
            self.dropped += 1
            return
        where = ""
        if feature is not None:
            where = f"feature {feature}" + (f" ({name!r})" if isinstance(name, str) else "") + ": "
        self.lines.append(f"{self.path}: {where}{message}")

    def raise_if_any(self) -> None:
        if self.lines:
            extra = [f"{self.path}: ... and {self.dropped} more problems"] if self.dropped else []
            raise LayerError(self.lines + extra)


_BOOL_WORD = re.compile(r"true|false")


def _may_hold_bool_in_array(text: str) -> bool:
    """Whether some ``true``/``false`` follows '[' or ',' (only in an array can it do so).

    Where none does, the per-value boolean check of coordinates is skipped (numpy would
    otherwise read a ``true`` coordinate as 1.0). Words inside strings may give a false
    alarm, which only costs time.
    """
    if "true" not in text and "false" not in text:
        return False
    for match in _BOOL_WORD.finditer(text):
        j = match.start() - 1
        while j >= 0 and text[j] in " \t\r\n":
            j -= 1
        if j >= 0 and text[j] in "[,":
            return True
    return False


def _read_json(path: Path, problems: _Problems) -> tuple[Any, bool, bool]:
    """The parsed document (None on a problem), whether any array may hold a boolean, and
    whether any string may hold an unpaired surrogate (cheap screens of the text)."""
    doc, text = _read_json_text(path, problems)
    if not text:
        return doc, False, False
    return doc, _may_hold_bool_in_array(text), bool(_SURROGATE_ESCAPE.search(text))


def _read_json_text(path: Path, problems: _Problems) -> tuple[Any, str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(f"cannot read the file ({exc.strerror or exc}); expected a readable file")
        return None, ""
    if not raw.strip():
        problems.add("the file is empty; expected a GeoJSON FeatureCollection")
        return None, ""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.add(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "expected UTF-8 as RFC 7946 requires: re-save the file as UTF-8"
        )
        return None, ""
    try:
        return json.loads(text), text
    except json.JSONDecodeError as exc:
        # a string left open runs to the end of the file: JSON strings cannot span lines
        truncated = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        hint = " (the file looks truncated)" if truncated else ""
        msg = exc.msg.removesuffix(" at")  # "Unterminated string starting at"
        problems.add(
            f"not valid JSON: {msg} at line {exc.lineno} column {exc.colno}{hint}; "
            "expected a GeoJSON FeatureCollection"
        )
    except ValueError as exc:  # Python refuses integers of more than 4,300 digits
        what = "a number of more than 4,300 digits" if "digits" in str(exc) else str(exc)
        problems.add(f"not readable JSON ({what}); expected a GeoJSON FeatureCollection")
    except RecursionError:
        problems.add(
            "JSON nested too deeply to read (thousands of levels); expected a GeoJSON "
            "FeatureCollection, whose coordinates nest at most 4 arrays deep"
        )
    return None, ""


def _check_crs(doc: dict, problems: _Problems) -> None:
    if "crs" not in doc or doc["crs"] is None:
        return
    crs = doc["crs"]
    name = None
    if isinstance(crs, dict):
        props = crs.get("properties")
        if isinstance(props, dict):
            name = props.get("name") or props.get("href")
    if not isinstance(name, str) or name.strip().lower() not in WGS84_CRS_NAMES:
        problems.add(
            f"the legacy 'crs' member names {name!r}; expected WGS84 longitude/latitude "
            "(urn:ogc:def:crs:OGC:1.3:CRS84), the only CRS of RFC 7946: reproject the "
            "file to EPSG:4326 (e.g. GeoDataFrame.to_crs(4326)) and drop the 'crs' member"
        )


def _check_style(style: Any, problems: _Problems) -> dict[str, Any]:
    if style is None:
        return {}
    if not isinstance(style, dict):
        problems.add(f"'style' is {type(style).__name__}; expected an object of simplestyle keys")
        return {}
    for key, value in style.items():
        kind = STYLE_KEYS.get(key)
        ok = True
        if kind is None:
            problems.add(
                f"unknown style key {key!r}; expected one of {', '.join(sorted(STYLE_KEYS))}"
            )
            continue
        if kind == "color":
            ok = isinstance(value, str) and bool(COLOR.match(value))
            want = "a colour like '#1f618d'"
        elif kind == "number":
            ok = _is_number(value) and value >= 0
            want = "a number >= 0"
        elif kind == "opacity":
            ok = _is_number(value) and 0 <= value <= 1
            want = "a number from 0 to 1"
        elif kind == "size":
            ok = value in ("small", "medium", "large")
            want = "'small', 'medium' or 'large'"
        else:
            ok = isinstance(value, str)
            want = "text"
        if not ok:
            problems.add(f"style {key!r} is {value!r}; expected {want}")
    return dict(style)


def _check_figures(
    figures: Any, problems: _Problems, feature: int | None = None, name: Any = None
) -> list:
    if figures is None:
        return []
    if not isinstance(figures, list):
        problems.add("'figures' is not a list; expected a list of figure objects", feature, name)
        return []
    for i, fig in enumerate(figures):
        if not isinstance(fig, dict):
            problems.add(
                f"figures[{i}] is not an object; expected {{label, value, year, source}}",
                feature,
                name,
            )
            continue
        missing = [k for k in ("label", "value", "year", "source") if fig.get(k) in (None, "")]
        if missing:
            problems.add(
                f"figures[{i}] lacks {', '.join(missing)}; expected label, value, year and source",
                feature,
                name,
            )
        if "value" in fig and not _is_number(fig["value"]):
            problems.add(
                f"figures[{i}] value is {fig['value']!r}; expected a number", feature, name
            )
        year = fig.get("year")
        if year is not None and not (
            isinstance(year, int) and not isinstance(year, bool) and 1800 <= year <= 2100
        ):
            problems.add(
                f"figures[{i}] year is {_short(year)}; expected a year like 2018", feature, name
            )
        for key in ("label", "source", "unit", "note"):
            if fig.get(key) is not None and not isinstance(fig[key], str):
                problems.add(
                    f"figures[{i}] {key} is {type(fig[key]).__name__}; expected text",
                    feature,
                    name,
                )
    return figures


def _finite(value: float) -> bool:
    """math.isfinite that says False for an int too large for a float (10**400)."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and _finite(value)


# --------------------------------------------------------------------------- property checks

#: Property values nested deeper than this are not map data.
MAX_PROPERTY_DEPTH = 32
_ISO3 = re.compile(r"^[A-Z]{3}$")
#: A \\uD800-\\uDFFF escape: the only way JSON text can carry an unpaired surrogate.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


_PLAIN = (str, float, bool, type(None))


def _value_problem(value: Any, key: str) -> str | None:
    """The first problem in a property value: a number too large, or too deep a nesting."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, bool | str) or item is None:
            continue
        if isinstance(item, int | float):
            if isinstance(item, int) and not _finite(item):
                return f"property {key!r} holds a number too large for a float; expected a number"
        elif depth > MAX_PROPERTY_DEPTH:
            return (
                f"property {key!r} nests more than {MAX_PROPERTY_DEPTH} levels deep; "
                "expected text, numbers, or shallow lists and objects"
            )
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
        elif isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
    return None


def _via_problem(via: Any) -> str | None:
    if not isinstance(via, list):
        return f"'via' is {type(via).__name__}; expected a list of {{name, lon, lat}} nodes"
    for k, node in enumerate(via):
        if not isinstance(node, dict):
            return f"via[{k}] is {type(node).__name__}; expected {{name, lon, lat, source}}"
        if not isinstance(node.get("name"), str) or not node["name"].strip():
            return f"via[{k}] has no text 'name'; expected {{name, lon, lat, source}}"
        lon, lat = node.get("lon"), node.get("lat")
        if not (_is_number(lon) and _is_number(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
            return (
                f"via[{k}] ({node['name']!r}) has lon {_short(lon)}, lat {_short(lat)}; "
                "expected longitude in [-180, 180] and latitude in [-90, 90]"
            )
    return None


def _property_problems(props: dict) -> Iterator[str]:
    """Problems in the properties with a meaning of their own, and in any value's size."""
    for key, value in props.items():
        if type(value) in _PLAIN:  # the common case, checked at no cost
            continue
        problem = _value_problem(value, key)
        if problem:
            yield problem
    if "countries" in props:
        countries = props["countries"]
        if not isinstance(countries, list) or not all(
            isinstance(c, str) and _ISO3.match(c) for c in countries
        ):
            yield (
                f"'countries' is {_short(countries)}; expected a list of ISO 3166-1 "
                'alpha-3 codes like ["CHN", "PAK"]'
            )
    if "via" in props:
        problem = _via_problem(props["via"])
        if problem:
            yield problem
    if "published_length_km" in props:
        km = props["published_length_km"]
        if not (_is_number(km) and km > 0):
            yield f"'published_length_km' is {_short(km)}; expected a number of km > 0"
    year = props.get("published_length_year")
    if year is not None and not (
        isinstance(year, int) and not isinstance(year, bool) and 1800 <= year <= 2100
    ):
        yield f"'published_length_year' is {_short(year)}; expected a year like 2018"


def _surrogate_problem(value: Any) -> str | None:
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end].encode("unicode_escape").decode("ascii")
        return f"text holds an unpaired surrogate ({bad}); expected valid Unicode text"
    except (ValueError, OverflowError):  # reported by the other checks
        return None
    return None


# --------------------------------------------------------------------------- geometry checks


def _position_problem(pos: Any) -> str | None:
    """What is wrong with one position, or None."""
    if not isinstance(pos, list) or not 2 <= len(pos) <= 3:
        return f"position {_short(pos)} is not [lon, lat]; expected 2 or 3 numbers"
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in pos):
        return f"position {_short(pos)} has a non-numeric value; expected numbers [lon, lat]"
    if not all(_finite(v) for v in pos):
        return (
            f"position {_short(pos)} has NaN or infinity, or a number too large; "
            "expected finite numbers [lon, lat]"
        )
    lon, lat = pos[0], pos[1]
    lon_bad = not -180 <= lon <= 180
    lat_bad = not -90 <= lat <= 90
    if not (lon_bad or lat_bad):
        return None
    swapped = -90 <= lon <= 90 and -180 <= lat <= 180
    what = "longitude" if lon_bad and not lat_bad else "latitude" if lat_bad and not lon_bad else ""
    detail = (
        f"{what} out of range" if what else "longitude and latitude out of range"
    ) + f" in {_short(pos)}"
    expected = (
        "expected longitude in [-180, 180] and latitude in [-90, 90]; GeoJSON order is [lon, lat]"
    )
    if swapped:
        expected += " and this looks swapped ([lat, lon]): write [lon, lat]"
    return f"{detail}; {expected}"


def _short(value: Any, limit: int = 60) -> str:
    text = json.dumps(value, allow_nan=True) if not isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _positions_problems(coords: Any, depth: int, bools: bool = True) -> Iterator[str]:
    """Problems in a nested coordinate array of the given depth (1 = one position)."""
    if depth == 1:
        problem = _position_problem(coords)
        if problem:
            yield problem
        return
    if not isinstance(coords, list):
        yield f"coordinates {_short(coords)} are not an array; expected nested arrays of [lon, lat]"
        return
    # Fast path: a regular numeric array is checked in numpy.
    if depth == 2 and coords:
        try:
            arr = np.asarray(coords)
        except ValueError:  # ragged
            arr = None
        if (
            arr is not None
            and arr.dtype.kind in "fi"
            and arr.ndim == 2
            and not (bools and any(v is True or v is False for pos in coords for v in pos))
            and arr.shape[1] in (2, 3)
            and np.isfinite(arr).all()
            and (np.abs(arr[:, 0]) <= 180).all()
            and (np.abs(arr[:, 1]) <= 90).all()
        ):
            return
    seen = 0
    for item in coords:
        for problem in _positions_problems(item, depth - 1, bools):
            seen += 1
            yield problem
            if seen >= 3:  # one bad line does not need a hundred messages
                return


_DEPTH = {
    "Point": 1,
    "MultiPoint": 2,
    "LineString": 2,
    "MultiLineString": 3,
    "Polygon": 3,
    "MultiPolygon": 4,
}


def _geometry_problems(geom: Any, allowed: tuple[str, ...], bools: bool = True) -> Iterator[str]:
    if geom is None:
        yield "null geometry; expected a geometry of type " + " or ".join(allowed)
        return
    if not isinstance(geom, dict) or "type" not in geom:
        yield (
            f"geometry {_short(geom)} is not a GeoJSON geometry object; "
            "expected {'type', 'coordinates'}"
        )
        return
    gtype = geom["type"]
    if gtype not in GEOMETRY_TYPES:
        yield f"unknown geometry type {gtype!r}; expected one of {', '.join(allowed)}"
        return
    if gtype not in allowed:
        yield (
            f"geometry type {gtype} is not taken by this layer's category; "
            f"expected {' or '.join(allowed)}"
        )
        return
    if gtype == "GeometryCollection":
        members = geom.get("geometries")
        if not isinstance(members, list) or not members:
            yield "empty GeometryCollection; expected at least one geometry"
            return
        for member in members:
            yield from _geometry_problems(member, GEOMETRY_TYPES[:-1], bools)
        return
    coords = geom.get("coordinates")
    if coords is None or coords == []:
        yield f"empty {gtype} (no coordinates); expected at least one [lon, lat] position"
        return
    yield from _positions_problems(coords, _DEPTH[gtype], bools)
    if gtype in ("LineString", "MultiLineString"):
        lines = [coords] if gtype == "LineString" else coords
        for i, line in enumerate(lines if isinstance(lines, list) else []):
            if isinstance(line, list) and len(line) < 2:
                part = f" (part {i})" if gtype == "MultiLineString" else ""
                yield f"line{part} has {len(line)} position(s); expected at least 2"
    elif gtype in ("Polygon", "MultiPolygon"):
        polys = [coords] if gtype == "Polygon" else coords
        for poly in polys if isinstance(polys, list) else []:
            for ring in poly if isinstance(poly, list) else []:
                if isinstance(ring, list) and (len(ring) < 4 or ring[0] != ring[-1]):
                    yield (
                        f"polygon ring of {len(ring)} positions is not closed; expected at "
                        "least 4 positions with the last equal to the first"
                    )


def parse(path: Path, *, strict: bool) -> tuple[dict, list[dict]]:
    """Read and validate one file; returns (document, features) or raises LayerError."""
    problems = _Problems(path)
    doc, bools, surrogates = _read_json(path, problems)
    problems.raise_if_any()
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        got = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        problems.add(
            f"the top level is {got!r}, not a FeatureCollection; expected "
            '{"type": "FeatureCollection", "name": ..., "category": ..., "features": [...]}'
        )
        problems.raise_if_any()
    _check_crs(doc, problems)
    name = doc.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.add("no layer 'name'; expected a top-level \"name\": the title shown in the map")
    category = doc.get("category")
    if not isinstance(category, str) or category not in CATEGORIES:  # a list is unhashable
        got = "missing" if category is None else f"{category!r}"
        problems.add(
            f"category is {got}; expected one of {', '.join(CATEGORIES)} "
            'as a top-level "category" member'
        )
    for key in ("description", "source"):
        if doc.get(key) is not None and not isinstance(doc[key], str):
            problems.add(f"'{key}' is {type(doc[key]).__name__}; expected text")
    _check_style(doc.get("style"), problems)
    _check_figures(doc.get("figures"), problems)
    if surrogates:
        top = {k: v for k, v in doc.items() if k != "features"}
        problem = _surrogate_problem(top)
        if problem:
            problems.add(f"layer metadata: {problem}")
    features = doc.get("features")
    if not isinstance(features, list):
        problems.add("'features' is missing or not a list; expected a list of Feature objects")
        problems.raise_if_any()
    known = isinstance(category, str) and category in CATEGORIES
    allowed = CATEGORIES[category].geometry_types if known else GEOMETRY_TYPES
    seen: dict[str, int] = {}
    good_points = _valid_points(features, allowed, bools)
    for i, feat in enumerate(features):
        if not isinstance(feat, dict) or feat.get("type") != "Feature":
            problems.add('is not a Feature object; expected {"type": "Feature", ...}', i)
            continue
        props = feat.get("properties")
        if props is not None and not isinstance(props, dict):
            problems.add("'properties' is not an object; expected an object with 'name'", i)
            props = None
        props = props or {}
        fname = props.get("name")
        if fname is not None and not isinstance(fname, str):
            problems.add(
                f"'name' is {type(fname).__name__} {_short(fname)}; expected text unique "
                "in the layer",
                i,
            )
            fname = None
        elif not isinstance(fname, str) or not fname.strip():
            problems.add("no 'name' property; expected a name unique in the layer", i)
            fname = None
        elif fname in seen:
            problems.add(
                f"duplicate name (also feature {seen[fname]}); expected names unique in the layer",
                i,
                fname,
            )
        else:
            seen[fname] = i
        source = props.get("source")
        if source is not None and not isinstance(source, str):
            problems.add(f"'source' is {type(source).__name__}; expected text", i, fname)
        elif strict and not (source or "").strip():
            problems.add(
                "no 'source' property; expected where its coordinates and figures come from",
                i,
                fname,
            )
        _check_figures(props.get("figures"), problems, i, fname)
        for problem in _property_problems(props):
            problems.add(problem, i, fname)
        if surrogates:
            problem = _surrogate_problem(props)
            if problem:
                problems.add(problem, i, fname)
        if i in good_points:
            continue
        for problem in _geometry_problems(feat.get("geometry"), allowed, bools):
            problems.add(problem, i, fname)
    problems.raise_if_any()
    return doc, features


def _valid_points(features: list, allowed: tuple[str, ...], bools: bool) -> set[int]:
    """Indices of the features whose Point geometry is valid, checked in one numpy pass.

    Only what passes here skips the per-feature checks; anything odd gets them (and its
    message).
    """
    if "Point" not in allowed:
        return set()
    idx, coords = [], []
    for i, feat in enumerate(features):
        geom = feat.get("geometry") if isinstance(feat, dict) else None
        if isinstance(geom, dict) and geom.get("type") == "Point":
            pos = geom.get("coordinates")
            if isinstance(pos, list) and len(pos) == 2:
                idx.append(i)
                coords.append(pos)
    if not coords:
        return set()
    arr = np.asarray(coords)
    if arr.dtype.kind not in "fi" or arr.ndim != 2:
        return set()
    ok = np.isfinite(arr).all(axis=1) & (np.abs(arr[:, 0]) <= 180) & (np.abs(arr[:, 1]) <= 90)
    if bools:
        ok &= np.array(
            [not (p[0] is True or p[0] is False or p[1] is True or p[1] is False) for p in coords]
        )
    return {i for i, good in zip(idx, ok.tolist(), strict=True) if good}


def validate_file(path: str | Path, *, strict: bool = False) -> None:
    """Raise :class:`LayerError` listing every problem in the file; return None if it is valid.

    ``strict=True`` also requires a ``source`` on every feature (the shipped layers' rule).
    """
    parse(Path(path), strict=strict)
