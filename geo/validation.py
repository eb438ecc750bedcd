"""Validation of layer files: every problem in a file, one line each.

Validation collects every problem in a file and raises one :class:`LayerError` whose
message has one line per problem::

    path: feature N ('name'): what is wrong; what was expected

Feature numbers count from 0, as in ``.features[N]``. Paths and values from the file are
shown through :func:`geo._text.printable`, so no file can forge or garble a line.

What is safe to fix is fixed in the document and said in a :class:`~geo.LayerWarning` of the
same form, once the file passes: a year (``geo/data/years.toml``: ``start_year``,
``end_year``, ...) given as text of digits or as a number with no fraction is made that whole
number. A feature whose status says it stopped but that has no ``end_year`` is a warning too.

Reading a file (:func:`parse`) also guards what a parser must not be fed: files larger
than :data:`MAX_FILE_BYTES`, JSON nested deeper than :data:`MAX_NESTING`, and JSON that is
not strict (``NaN``/``Infinity`` literals, a key repeated in one object).
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import json
import json.decoder
import json.scanner
import math
import os
import re
import shlex
import stat
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

try:  # the fast JSON parser; the standard library's is the fallback
    import orjson as _orjson
except ImportError:  # pragma: no cover
    _orjson = None

from ._text import printable
from ._text import short_value as _short
from ._text import value_text as _repr
from .classes import classed_style_problems
from .filekinds import HEAD_BYTES, identify
from .format import (
    CATEGORIES,
    GEOMETRY_TYPES,
    STATUSES,
    WGS84_CRS_NAMES,
    YEAR_KEYS,
    LayerError,
    LayerWarning,
    style_problem,
)

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_NESTING",
    "MAX_PROBLEMS_PER_FILE",
    "geometry_type_problem",
    "parse",
    "problem_count",
    "validate_document",
    "validate_file",
]

#: Most problems reported for one file before the rest are counted, not listed.
MAX_PROBLEMS_PER_FILE = 50
#: Largest layer file read, in bytes (2 GiB); ``max_bytes=`` changes it per call.
MAX_FILE_BYTES = 2 * 1024**3
#: Deepest JSON nesting read: a layer needs 8 levels (a MultiPolygon's position), and a
#: property value at most :data:`MAX_PROPERTY_DEPTH` more.
MAX_NESTING = 64
#: Longest message part taken from the file (a value, a name), in characters.
_MAX_MESSAGE = 500


def problem_count(error: LayerError) -> int:
    """How many problems ``error`` reports, counting those of a file past
    :data:`MAX_PROBLEMS_PER_FILE`, which its ``problems`` do not list (their last line
    says how many more there are).

    >>> doc = {"type": "FeatureCollection", "name": "T", "category": "port", "features": [
    ...     {"type": "Feature", "properties": {"name": f"P{i}"},
    ...      "geometry": {"type": "Point", "coordinates": [400, 0]}} for i in range(60)]}
    >>> try:
    ...     validate_document(doc, path="far.geojson")
    ... except LayerError as error:
    ...     print(len(error.problems), error.problems[-1], problem_count(error))
    51 far.geojson: ... and 10 more problems 60
    >>> problem_count(LayerError(["a: x", "b: y"]))
    2
    """
    total = getattr(error, "total", None)  # set where a file's problems were capped
    return total if isinstance(total, int) else len(error.problems)


class _Problems:
    """Collects problems for one file, capped at MAX_PROBLEMS_PER_FILE lines (the rest
    are counted), and notes: what was fixed, or will be drawn otherwise than it says,
    given as :class:`LayerWarning` once the file passes (:meth:`warn_notes`)."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = printable(os.fspath(path), _MAX_MESSAGE)
        self.lines: list[str] = []
        self.dropped = 0
        self.notes: list[str] = []
        self.notes_dropped = 0

    def _line(self, message: str, feature: int | None, name: Any) -> str:
        where = ""
        if feature is not None:
            shown = f" ({_short(name, 100)})" if isinstance(name, str) else ""
            where = f"feature {feature}{shown}: "
        return f"{self.path}: {where}{printable(message, 2 * _MAX_MESSAGE)}"

    def add(self, message: str, feature: int | None = None, name: Any = None) -> None:
        if len(self.lines) >= MAX_PROBLEMS_PER_FILE:
            self.dropped += 1
            return
        self.lines.append(self._line(message, feature, name))

    def note(self, message: str, feature: int | None = None, name: Any = None) -> None:
        """A fix made, or a warning; past MAX_PROBLEMS_PER_FILE they are counted."""
        if len(self.notes) >= MAX_PROBLEMS_PER_FILE:
            self.notes_dropped += 1
            return
        self.notes.append(self._line(message, feature, name))

    def raise_if_any(self) -> None:
        if self.lines:
            extra = [f"{self.path}: ... and {self.dropped:,} more problems"] if self.dropped else []
            error = LayerError(self.lines + extra)
            error.total = len(self.lines) + self.dropped  # for problem_count
            raise error

    def warn_notes(self) -> None:
        """Each note as a :class:`LayerWarning` (past the cap, one line saying more)."""
        for line in self.notes:
            warnings.warn(LayerWarning(line), stacklevel=4)
        if self.notes_dropped:
            more = f"{self.path}: ... and {self.notes_dropped:,} more notes"
            warnings.warn(LayerWarning(more), stacklevel=4)


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


def _read_json(path: Path, problems: _Problems, max_bytes: int) -> tuple[Any, bool, bool]:
    """The parsed document (None on a problem), whether any array may hold a boolean, and
    whether any string may hold an unpaired surrogate or a NUL (cheap screens of the text)."""
    doc, text = _read_json_text(path, problems, max_bytes)
    if not text:
        return doc, False, False
    return doc, _may_hold_bool_in_array(text), bool(_SCREENED_ESCAPE.search(text))


def _read_bytes(path: Path, problems: _Problems, max_bytes: int) -> bytes | None:
    """The file's bytes, or None (and a problem) for what is not a readable regular file
    of at most ``max_bytes`` (a FIFO or a device is not opened: reading could block)."""
    too_big = (
        "the file is larger than {:,} bytes; expected a layer file of at most that size "
        "(split the layer, or raise the limit with max_bytes=)"
    )
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            problems.add("cannot read the file (it is a folder); expected a readable file")
            return None
        if not stat.S_ISREG(info.st_mode):
            problems.add("cannot read the file (it is not a regular file); expected a file")
            return None
        if info.st_size > max_bytes:
            problems.add(too_big.format(max_bytes))
            return None
        with path.open("rb") as fh:
            raw = fh.read(max_bytes + 1)  # the file may grow while it is read
    except OSError as exc:
        problems.add(f"cannot read the file ({exc.strerror or exc}); expected a readable file")
        return None
    except ValueError as exc:  # a NUL byte in the path
        problems.add(f"cannot read the file ({exc}); expected a readable file")
        return None
    if len(raw) > max_bytes:
        problems.add(too_big.format(max_bytes))
        return None
    return raw


# --------------------------------------------------------------------------- other files


def _file_kind_problem(raw: bytes, path: Path, shown: str) -> str | None:
    """What a file that is not a GeoJSON layer looks like (by its first bytes, its root
    element or its suffix) and what to do with it, as a problem; None where it may be JSON.

    >>> _file_kind_problem(b"%PDF-1.7", Path("map.pdf"), "map.pdf")
    'this is a PDF document, not JSON; expected a GeoJSON layer file: a PDF holds no features to read'
    """  # noqa: E501
    kind = identify(raw[:HEAD_BYTES], Path(path).suffix.lower())
    if kind is None or kind.family == "json":
        return None
    if kind.format is not None:
        how = f"`corridors import {shlex.quote(shown)}` makes a layer of it"
    else:
        how = kind.advice
    return f"this is {kind.kind}, not JSON; expected a GeoJSON layer file: {how}"


_KEEP_FOR_NESTING = b'"[]{}'
_DROP_FOR_NESTING = bytes(c for c in range(256) if c not in _KEEP_FOR_NESTING)


def _nesting_depth(raw: bytes) -> int:
    r"""How deeply the arrays and objects of JSON text nest, from its bytes, before parsing.

    Escapes go first (so no quote inside a string is counted), then everything but quotes
    and brackets, then empty string pairs: what is left is brackets, with quotes only
    around strings that hold brackets. About 40 ms for 30 MB.

    >>> _nesting_depth(b'{"a": "]]]", "b": [[1, 2], [3]], "c\\"[": {}}')
    3
    """
    if b"\\" in raw:
        raw = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    kept = raw.translate(None, _DROP_FOR_NESTING).replace(b'""', b"")
    chars = np.frombuffer(kept, dtype=np.uint8)
    if b'"' in kept:  # drop the brackets inside strings
        quote = chars == ord('"')
        chars = chars[((np.cumsum(quote) & 1) == 0) & ~quote]
    steps = np.where((chars == ord("[")) | (chars == ord("{")), 1, -1).astype(np.int32)
    return int(steps.cumsum().max(initial=0))


def _read_json_text(path: Path, problems: _Problems, max_bytes: int) -> tuple[Any, str]:
    raw = _read_bytes(path, problems, max_bytes)
    if raw is None:
        return None, ""
    if not raw.strip():
        problems.add("the file is empty; expected a GeoJSON FeatureCollection")
        return None, ""
    kind = _file_kind_problem(raw, path, problems.path)
    if kind:
        problems.add(kind)
        return None, ""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.add(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "expected UTF-8 as RFC 7946 requires: re-save the file as UTF-8"
        )
        return None, ""
    depth = _nesting_depth(raw)
    if depth > MAX_NESTING:
        problems.add(
            f"JSON nested too deeply ({depth:,} levels, more than {MAX_NESTING}); expected a "
            "GeoJSON FeatureCollection, whose coordinates nest at most 4 arrays deep"
        )
        return None, ""
    try:
        return _loads(raw, text), text
    except _NonFinite as exc:
        problems.add(_non_finite_message(text, exc.args[0]))
    except _DuplicateKey as exc:
        problems.add(_duplicate_key_message(text, exc.args[0]))
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
    except RecursionError:  # not reached: the nesting is measured first
        problems.add(
            f"JSON nested too deeply to read (more than {MAX_NESTING} levels); expected a "
            "GeoJSON FeatureCollection, whose coordinates nest at most 4 arrays deep"
        )
    return None, ""


# --------------------------------------------------------------------------- strict JSON


class _NonFinite(Exception):
    """A NaN, Infinity or -Infinity literal (args: the literal)."""


class _DuplicateKey(Exception):
    """A key repeated in one object (args: the key)."""


def _refuse_constant(literal: str) -> float:
    raise _NonFinite(literal)


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return obj


#: Digits to "1", every other byte to "0" (bytes.translate's table).
_DIGIT_MARKS = bytes(ord("1") if chr(c).isdigit() and c < 128 else ord("0") for c in range(256))
#: An integer of this many digits or more may be past 64 bits (orjson makes it a float).
_LONG_DIGIT_RUN = 19


def _has_long_digit_run(raw: bytes, digits: int = _LONG_DIGIT_RUN) -> bool:
    r"""Whether the text holds ``digits`` or more digits in a row outside its strings (two
    passes in C over the bytes, without arrays; then, for each such run, whether an odd
    number of quotes comes before it: digits in a string, such as a URL's, are text).

    >>> _has_long_digit_run(b'[1.25, 123456]', 6), _has_long_digit_run(b'[1.25, 123456]', 7)
    (True, False)
    >>> _has_long_digit_run(b'{"u": "a/123456", "v": 1}', 6)
    False
    >>> _has_long_digit_run(b'{"u": "a\\\\", "v": 123456}', 6)  # a\ ends the string
    True
    >>> _has_long_digit_run(b'{"u": "a\\" 123456"}', 6)  # a quote in the string
    False
    """
    marks = raw.translate(_DIGIT_MARKS)
    run = b"1" * digits
    at = marks.find(run)
    if at < 0:
        return False
    if b"\\" in raw:  # escapes go first, so no quote inside a string is counted
        raw = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
        marks = raw.translate(_DIGIT_MARKS)
        at = marks.find(run)
    quotes, counted = 0, 0
    while at >= 0:
        quotes += raw.count(b'"', counted, at)
        counted = at
        if quotes % 2 == 0:  # outside every string
            return True
        end = marks.find(b"0", at)  # past this run
        at = -1 if end < 0 else marks.find(run, end)
    return False


#: Bytes that are not JSON white space.
_SOLID = np.ones(256, dtype=bool)
_SOLID[[0x20, 0x09, 0x0A, 0x0D]] = False


def _key_count(raw: bytes) -> int:
    """How many object keys JSON text holds: strings followed by ':' (escapes first go)."""
    if b"\\" in raw:
        raw = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    chars = np.frombuffer(raw, dtype=np.uint8)
    after = np.flatnonzero(chars == ord('"'))[1::2] + 1  # just past each closing quote
    after = after[after < len(chars)]
    while True:  # step over white space (mostly none, or one blank, after a string)
        blank = ~_SOLID[chars[after]]
        if not blank.any():
            break
        after[blank] += 1
        after = after[after < len(chars)]
    return int((chars[after] == ord(":")).sum())


def _walk_keys(stack: list) -> int:
    n = 0
    while stack:
        item = stack.pop()
        if type(item) is dict:
            n += len(item)
            stack.extend(
                v for k, v in item.items() if k != "coordinates" and type(v) in (dict, list)
            )
        elif type(item) is list:
            stack.extend(v for v in item if type(v) in (dict, list))
    return n


def _parsed_key_count(doc: Any) -> int:
    """How many keys the parsed document's objects hold (positions are not walked: an
    object inside ``coordinates`` makes the counts differ, and the strict parser look).

    Features, their properties and geometries are counted on a fast path; anything else
    nested is walked.
    """
    if type(doc) is not dict or type(doc.get("features")) is not list:
        return _walk_keys([doc])
    n = len(doc)
    rest = [v for k, v in doc.items() if k != "features" and type(v) in (dict, list)]
    nested = (dict, list)
    flat = {str, float, int, bool, type(None)}.issuperset  # no object or array among them
    for feature in doc["features"]:
        if type(feature) is not dict:
            rest.append(feature)
            continue
        n += len(feature)
        for key, value in feature.items():
            kind = type(value)
            if kind is dict and key == "properties":
                n += len(value)
                if not flat(map(type, value.values())):
                    rest.extend(v for v in value.values() if type(v) in nested)
            elif kind is dict and key == "geometry":
                n += len(value)
                for k, v in value.items():
                    if k != "coordinates" and type(v) in nested:
                        rest.append(v)
            elif kind in nested:
                rest.append(value)
    return n + _walk_keys(rest)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a layer is read (and built): the parsed
    document is millions of objects that make no cycles, and each full pass over them would
    cost more than the reading itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _loads(raw: bytes, text: str) -> Any:
    """The parsed document, fast: orjson (strict RFC 8259: it refuses NaN and Infinity),
    then a check that no key was given twice (orjson would keep the last silently): the
    keys in the text against those parsed. Whatever the fast path cannot vouch for (an
    error, a key twice, integers of 19 digits or more, which orjson makes floats) is
    parsed again by :func:`_loads_strict`, which names the problem.
    """
    if _orjson is None or _has_long_digit_run(raw):
        return _loads_strict(text)
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        doc = _orjson.loads(body)
    except _orjson.JSONDecodeError:
        return _loads_strict(text)
    if _key_count(body) != _parsed_key_count(doc):
        return _loads_strict(text)
    return doc


def _loads_strict(text: str) -> Any:
    """json.loads refusing what is not strict JSON (RFC 8259): NaN and Infinity literals,
    and keys repeated in an object (json.loads would keep the last one silently).

    The hooks cost little: parse_constant runs only on such a literal, and the C parser
    builds each object from a list of pairs either way.
    """
    return json.loads(text, object_pairs_hook=_unique_pairs, parse_constant=_refuse_constant)


_STRING_OR_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)')
_KEY_BEFORE = re.compile(r'"((?:[^"\\\n]|\\.){0,200})"\s*:')


def _line_column(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    column = pos - text.rfind("\n", 0, pos)
    return f"line {line} column {column}"


def _non_finite_message(text: str, literal: str) -> str:
    """Where the first NaN/Infinity literal outside a string is, and under which key."""
    where = ""
    for match in _STRING_OR_CONSTANT.finditer(text):
        if match.group(1):
            pos = match.start(1)
            keys = list(_KEY_BEFORE.finditer(text, max(0, pos - 10_000), pos))
            key = ""
            if keys:
                with contextlib.suppress(ValueError):
                    name = json.loads(keys[-1].group(0).rstrip(": \t\r\n"))
                    key = f" (under key {_short(name)})"
            literal = match.group(1)
            where = f"{key} at {_line_column(text, pos)}"
            break
    return (
        f"not strict JSON: {literal}{where}; expected numbers JSON allows (it has no NaN or "
        "Infinity): write null for a missing value, or a number"
    )


class _Found(Exception):
    """A repeated key found by :func:`_duplicate_key_position` (args: first, second, key)."""


def _duplicate_key_position(text: str) -> tuple[int, int, str] | None:
    """(offset of a key's first occurrence, of its repeat, the key), in text order.

    Slow (a pure-Python parse), so run only once a duplicate is known to be there.
    """
    ws = json.decoder.WHITESPACE.match

    def parse_object(s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo=None):
        s, end = s_and_end
        seen: dict[str, int] = {}
        end = ws(s, end).end()
        if s[end : end + 1] == "}":
            return {}, end + 1
        while True:
            if s[end : end + 1] != '"':
                raise ValueError("expected a key")
            key, after = json.decoder.scanstring(s, end + 1, strict)
            if key in seen:
                raise _Found(seen[key], end, key)
            seen[key] = end
            end = ws(s, after).end()
            if s[end : end + 1] != ":":
                raise ValueError("expected ':'")
            _, end = scan_once(s, ws(s, end + 1).end())
            end = ws(s, end).end()
            if s[end : end + 1] == "}":
                return {}, end + 1
            if s[end : end + 1] != ",":
                raise ValueError("expected ','")
            end = ws(s, end + 1).end()

    decoder = json.JSONDecoder(parse_constant=float)
    decoder.parse_object = parse_object
    try:
        json.scanner.py_make_scanner(decoder)(text, ws(text, 0).end())
    except _Found as found:
        return found.args
    except (ValueError, StopIteration, RecursionError):
        return None
    return None


def _duplicate_key_message(text: str, key: str) -> str:
    found = _duplicate_key_position(text)
    where = ""
    if found is not None:
        first, second, key = found
        where = f" at {_line_column(text, second)} (first at {_line_column(text, first)})"
    return (
        f"not strict JSON: key {_short(key)} appears twice in one object{where}; expected "
        "each key once per object (readers keep only one of them): remove or rename one"
    )


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
            f"the legacy 'crs' member names {_repr(name)}; expected WGS84 longitude/latitude "
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
        problem = style_problem(key, value)
        if problem is not None:
            problems.add(f"style {problem}")
    return dict(style)


def _check_series(series: Any, problems: _Problems) -> None:
    """A layer's time series: ``[{label, unit?, note?, points: [{year, value, source,
    note?}]}]``, years rising, every point with its own source."""
    if series is None:
        return
    if not isinstance(series, list):
        problems.add("'series' is not a list; expected a list of {label, points} objects")
        return
    for i, one in enumerate(series):
        where = f"series[{i}]"
        if not isinstance(one, dict):
            problems.add(f"{where} is not an object; expected {{label, unit, points}}")
            continue
        if not isinstance(one.get("label"), str) or not one["label"].strip():
            problems.add(f"{where} lacks a label; expected text such as 'Trips per year'")
        for key in ("unit", "note"):
            if one.get(key) is not None and not isinstance(one[key], str):
                problems.add(f"{where} {key} is {type(one[key]).__name__}; expected text")
        points = one.get("points")
        if not isinstance(points, list) or not points:
            problems.add(f"{where} has no points; expected a list of {{year, value, source}}")
            continue
        last = None
        for j, pt in enumerate(points):
            at = f"{where}.points[{j}]"
            if not isinstance(pt, dict):
                problems.add(f"{at} is not an object; expected {{year, value, source}}")
                continue
            year = pt.get("year")
            if not (isinstance(year, int) and not isinstance(year, bool) and 1800 <= year <= 2100):
                problems.add(f"{at} year is {_short(year)}; expected a year like 2018")
            elif last is not None and year <= last:
                problems.add(f"{at} year {year} does not follow {last}; expected rising years")
            else:
                last = year
            if not _is_number(pt.get("value")):
                problems.add(f"{at} value is {_repr(pt.get('value'))}; expected a number")
            if not isinstance(pt.get("source"), str) or not pt["source"].strip():
                problems.add(f"{at} has no source; expected where the figure is published")
            if pt.get("note") is not None and not isinstance(pt["note"], str):
                problems.add(f"{at} note is {type(pt['note']).__name__}; expected text")


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
                f"figures[{i}] value is {_repr(fig['value'])}; expected a number", feature, name
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
#: A \\uD800-\\uDFFF escape, the only way JSON text can carry an unpaired surrogate, or
#: \\u0000, the only way it can carry a NUL.
_SCREENED_ESCAPE = re.compile(r"\\u(?:[dD][89a-fA-F][0-9a-fA-F]{2}|0000)")


_PLAIN = (str, float, bool, type(None))


def _value_problem(value: Any, key: str, what: str = "property") -> str | None:
    """The first problem in a property value (or another member's, ``what``): a number too
    large for a float (an integer past 1.8e308, or a literal like 1e400 that reads as
    infinity), or too deep a nesting."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, bool | str) or item is None:
            continue
        if isinstance(item, int | float):
            if not _finite(item):
                return (
                    f"{what} {_repr(key)} holds a number too large for a float (such as 1e400, "
                    "which reads as infinity); expected a number within ±1.8e308"
                )
        elif depth > MAX_PROPERTY_DEPTH:
            return (
                f"{what} {_repr(key)} nests more than {MAX_PROPERTY_DEPTH} levels deep; "
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
                f"via[{k}] ({_short(node['name'])}) has lon {_short(lon)}, lat {_short(lat)}; "
                "expected longitude in [-180, 180] and latitude in [-90, 90]"
            )
    return None


def _property_problems(props: dict) -> Iterator[str]:
    """Problems in the properties with a meaning of their own, and in any value's size."""
    for key, value in props.items():
        kind = type(value)
        if kind in _PLAIN and (kind is not float or value - value == 0):  # the common case
            continue
        if kind is int and -1e308 < value < 1e308:  # a float can hold it (compared exactly)
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
    if props.get("status") is not None and STATUSES.key_of(props["status"]) is None:
        yield (
            f"'status' is {_short(props['status'])}; expected a status of "
            f"geo/data/status.toml (any case): {STATUSES.allowed()}"
        )
    if "published_length_km" in props:
        km = props["published_length_km"]
        if not (_is_number(km) and km > 0):
            yield f"'published_length_km' is {_short(km)}; expected a number of km > 0"
    year = props.get("published_length_year")
    if year is not None and not (
        isinstance(year, int) and not isinstance(year, bool) and 1800 <= year <= 2100
    ):
        yield f"'published_length_year' is {_short(year)}; expected a year like 2018"


_DIGITS = re.compile(r"[0-9]+")


def _whole_year(value: Any) -> tuple[int | None, bool]:
    """A year property's value as a whole number, and whether it had to be read so (text
    of digits, or a number with no fraction); (None, False) for anything else.

    >>> _whole_year(2017), _whole_year(" 2017"), _whole_year(2017.0), _whole_year(2017.5)
    ((2017, False), (2017, True), (2017, True), (None, False))
    """
    if isinstance(value, bool):
        return None, False
    if isinstance(value, int):
        return value, False
    if isinstance(value, float) and _finite(value) and value.is_integer():
        return int(value), True
    if isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        return int(value.strip()), True
    return None, False


@dataclass(frozen=True)
class _YearRules:
    """geo/data/years.toml as the validator uses it, taken once per document."""

    keys: tuple[str, ...]
    first: int
    last: int
    order: tuple[tuple[str, str], ...]
    ended: frozenset[str]

    @classmethod
    def read(cls) -> _YearRules:
        y = YEAR_KEYS
        return cls(y.keys, y.first, y.last, y.order, frozenset(y.ended))


def _check_years(
    props: dict, problems: _Problems, feature: int, name: Any, rules: _YearRules
) -> None:
    """A feature's years (``geo/data/years.toml``): whole years in range, each problem
    added naming the key; a year given as text of digits or as a number with no fraction
    is made that whole number in ``props``, with a note; the order the years keep; and a
    note where the status says the feature stopped but there is no ``end_year``."""
    years: dict[str, int] = {}
    for key in rules.keys:
        value = props.get(key)
        if value is None:
            continue
        year, read = _whole_year(value)
        if year is None or not rules.first <= year <= rules.last:
            expected = f"expected a whole year from {rules.first} to {rules.last}, like 2018"
            problems.add(f"{_repr(key)} is {_short(value)}; {expected}", feature, name)
            continue
        if read:
            props[key] = year
            problems.note(f"{_repr(key)} {_short(value)} read as the year {year}", feature, name)
        years[key] = year
    if len(years) > 1:
        for earlier, later in rules.order:
            if years.get(earlier, -math.inf) > years.get(later, math.inf):
                problems.add(
                    f"{_repr(later)} {years[later]} is before {_repr(earlier)} "
                    f"{years[earlier]}; expected {later} to be {earlier} or later",
                    feature,
                    name,
                )
    status = props.get("status")
    if status is not None and "end_year" not in years and STATUSES.key_of(status) in rules.ended:
        problems.note(
            f"'status' is {_short(status)} but there is no 'end_year'; expected the year it "
            "stopped as end_year (without it the map draws it in every later year)",
            feature,
            name,
        )


def _holds_nul(value: Any) -> bool:
    """Whether some text in ``value`` (a key of an object too) holds a NUL character."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
    return False


def _nul_problems(members: dict, what: str) -> Iterator[str]:
    """A problem for each member of ``members`` (properties, or the layer's metadata) whose
    name or text holds a NUL character."""
    for key, value in members.items():
        if _holds_nul(key) or _holds_nul(value):
            yield (
                f"{what} {_repr(key)} holds a NUL character (\\x00); expected text without "
                "one: a GeoPackage, a Shapefile and most GIS tools end the text there"
            )


def _geometry_property_problem(props: dict) -> str | None:
    """A property named ``geometry`` would be lost: every table format (a GeoDataFrame,
    a GeoPackage, GeoParquet) names the feature's geometry so."""
    if "geometry" not in props:
        return None
    return (
        "a property may not be named 'geometry' (it is the feature's geometry in every "
        "table format); expected another name, e.g. 'geometry_note'"
    )


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


#: A longitude at most this far past ±180 is a seam left by a GIS, not a mistake of order.
SEAM_DEGREES = 0.01


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
    if lon_bad and not lat_bad and abs(lon) <= 180 + SEAM_DEGREES:
        return (
            f"longitude {lon!r} is a hair past ±180 (a GIS seam); expected [-180, 180]: "
            "`corridors import` wraps such longitudes"
        )
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


#: Types of WKT/WKB (ISO SQL/MM) that GeoJSON has no form for, and what to make of them.
_CURVES = "curves have no GeoJSON form: linearize them (e.g. ogr2ogr -nlt CONVERT_TO_LINEAR)"
_NOT_GEOJSON = {
    "tin": "triangulated surfaces have no GeoJSON form: convert them to (Multi)Polygons",
    "polyhedralsurface": "polyhedral surfaces have no GeoJSON form: convert them to MultiPolygons",
    "triangle": "triangles have no GeoJSON form: write them as Polygons",
    "circularstring": _CURVES,
    "compoundcurve": _CURVES,
    "curvepolygon": _CURVES,
    "multicurve": _CURVES,
    "multisurface": _CURVES,
}
_GEOMETRY_SUFFIX = re.compile(r"(?:\s*(?:zm|z|m|25d)|\s+(?:zm|z|m))\Z")
_GEOJSON_KEYS = {t.lower(): t for t in GEOMETRY_TYPES}


def _type_key(type_name: Any) -> str | None:
    """A type name lower-cased, without blanks and a Z/M/25D suffix (None if not text)."""
    if not isinstance(type_name, str):
        return None
    key = type_name.strip().lower()
    if key not in _GEOJSON_KEYS:  # "multipoint" itself ends in "m"
        key = _GEOMETRY_SUFFIX.sub("", key)
    return key.replace(" ", "")


def geometry_type_problem(type_name: Any, allowed: tuple[str, ...] = GEOMETRY_TYPES) -> str | None:
    """The problem with a geometry type name, or None if it is a GeoJSON type.

    For the import of WKB/WKT data too: call it with a type name as GDAL or shapely give
    it (``"TIN"``, ``"PolyhedralSurface Z"``, ``"MULTIPOLYGON"``) before building geometries,
    since GEOS cannot read some of these. Case and a Z/M/25D suffix are ignored.

    Parameters
    ----------
    type_name : object
        The type name (a GeoJSON ``"type"`` member may be anything).
    allowed : tuple of str
        The types accepted, named in the message.

    Returns
    -------
    str or None
        ``"unknown geometry type 'TIN'; expected one of ...: ..."``, or None.

    >>> geometry_type_problem("Polygon") is None, geometry_type_problem("MULTIPOLYGON Z")
    (True, None)
    >>> geometry_type_problem("TIN", ("Point",))
    "unknown geometry type 'TIN'; expected one of Point: triangulated surfaces have no GeoJSON form: convert them to (Multi)Polygons"
    """  # noqa: E501
    key = _type_key(type_name)
    if key in _GEOJSON_KEYS:
        return None
    hint = _NOT_GEOJSON.get(key or "")
    expected = f"expected one of {', '.join(allowed)}"
    if hint is None:
        expected += " (GeoJSON's geometry types, spelt as RFC 7946 does)"
    else:
        expected += f": {hint}"
    return f"unknown geometry type {_short(type_name)}; {expected}"


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
        problem = geometry_type_problem(gtype, allowed)
        if problem is None:  # a WKT spelling such as "POINT": GeoJSON's names are exact
            right = _GEOJSON_KEYS[_type_key(gtype)]
            problem = (
                f"unknown geometry type {_short(gtype)}; expected one of {', '.join(allowed)} "
                f"(GeoJSON type names are exact: write {right!r})"
            )
        yield problem
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
        yield from _polygon_problems(coords, gtype)


#: Why a polygon must bound an area, in messages.
_NO_AREA = "expected at least 3: a ring bounds an area (±180° is one meridian, a pole one place)"


def _polygon_problems(coords: Any, gtype: str) -> Iterator[str]:
    """Rings that are not closed, and a polygon that bounds no area: RFC 7946 3.1.6 asks
    for closed rings of 4 positions or more, each the boundary of a surface, and an outer
    ring of fewer than 3 distinct places is none (nothing to draw). A hole, or a part of a
    multi-polygon beside others, that collapsed to one or two places (as quantized data
    have them: world-atlas 110m's North Korea) bounds nothing and is drawn as nothing."""
    polys = [coords] if gtype == "Polygon" else coords
    outer: list[int] = []  # distinct places of each part's outer ring
    for i, poly in enumerate(polys if isinstance(polys, list) else []):
        for j, ring in enumerate(poly if isinstance(poly, list) else []):
            problem = _ring_problem(ring)
            if problem:
                kind = "outer ring" if j == 0 else f"hole {j}"
                part = f" (part {i})" if gtype == "MultiPolygon" else ""
                yield f"polygon {kind}{part} {problem}"
            elif j == 0:
                places = _ring_places(ring)
                outer.extend([] if places is None else [places])
    if outer and max(outer) < 3:
        if gtype == "Polygon":
            yield f"polygon outer ring has {outer[0]} distinct position(s); {_NO_AREA}"
        else:
            yield (
                f"multi-polygon bounds no area: the outer rings of its {len(outer)} part(s) "
                f"have at most {max(outer)} distinct position(s); {_NO_AREA}"
            )


def _places(ring: list) -> set[tuple[float, float]]:
    """The distinct places of a ring's positions: the same longitude and latitude, where
    -180° and 180° are one meridian and a pole is one place whatever its longitude."""
    out = set()
    for pos in ring:
        if not isinstance(pos, list) or len(pos) < 2 or not all(_is_number(v) for v in pos[:2]):
            raise ValueError("not a position")  # said by the positions' own check
        lon, lat = float(pos[0]), float(pos[1])
        out.add((0.0, lat) if abs(lat) == 90 else (-180.0 if lon == 180 else lon, lat))
    return out


def _ring_problem(ring: Any) -> str | None:
    """A ring that is not closed of 4 positions or more (RFC 7946 3.1.6), or None. Its
    positions are checked on their own."""
    if isinstance(ring, list) and (len(ring) < 4 or ring[0] != ring[-1]):
        return (
            f"of {len(ring)} positions is not closed; expected at least 4 positions with the "
            "last equal to the first"
        )
    return None


def _ring_places(ring: Any) -> int | None:
    """How many distinct places a ring's positions are (None if a position is bad: its own
    check says so)."""
    try:
        return len(_places(ring)) if isinstance(ring, list) else None
    except ValueError:
        return None


def parse(
    path: str | Path,
    *,
    strict: bool = False,
    max_bytes: int = MAX_FILE_BYTES,
    arrays: dict | None = None,
) -> tuple[dict, list[dict]]:
    """Read and validate one file: :func:`validate_document` of the file's JSON.

    Parameters
    ----------
    path : str or Path
        The layer file.
    strict : bool
        Require a ``source`` on every feature.
    max_bytes : int
        Refuse a file larger than this (default :data:`MAX_FILE_BYTES`).
    arrays : dict, optional
        Receives the positions of the LineStrings checked in bulk, for building them.

    Returns
    -------
    tuple
        (document, its list of features).

    Raises
    ------
    LayerError
        With one line per problem; also for a file that is not strict JSON (NaN or
        Infinity literals, a key repeated in an object), is nested deeper than
        :data:`MAX_NESTING`, is too large, or is not a readable regular file.
    """
    problems = _Problems(path)
    with collector_paused():
        doc, bools, escapes = _read_json(Path(path), problems, max_bytes)
        problems.raise_if_any()
        return _check_document(
            doc, problems, strict=strict, bools=bools, escapes=escapes, arrays=arrays
        )


def validate_document(doc: Any, *, path: str | os.PathLike[str], strict: bool = False) -> None:
    """Raise :class:`LayerError` listing every problem in a parsed layer document.

    Parameters
    ----------
    doc : object
        The document as ``json.loads`` gives it (a dict, for a layer).
    path : str or path-like
        Only used to name the document in the messages (where it will be written, say).
    strict : bool
        Require a ``source`` on every feature (the shipped layers' rule).

    Raises
    ------
    LayerError
        One line per problem, ``path: feature N ('name'): what is wrong; what was expected``.

    Warns
    -----
    LayerWarning
        A fix made in ``doc`` (a year given as text, ``"2017"``, is made ``2017``), or a
        feature whose status says it stopped without an ``end_year``; one per line.

    >>> doc = {"type": "FeatureCollection", "name": "T", "category": "port", "features": [
    ...     {"type": "Feature", "properties": {"name": "X"},
    ...      "geometry": {"type": "Point", "coordinates": [400, 0]}}]}
    >>> validate_document(doc, path="mine.geojson")
    Traceback (most recent call last):
    ...
    geo.format.LayerError: mine.geojson: feature 0 ('X'): longitude out of range in [400, 0]; expected longitude in [-180, 180] and latitude in [-90, 90]; GeoJSON order is [lon, lat]
    """  # noqa: E501
    _check_document(doc, _Problems(path), strict=strict, bools=True, escapes=True)


#: The members a layer and a feature are read for (their values are checked on their own).
_LAYER_KEYS = frozenset(
    ["type", "name", "category", "description", "source", "style", "figures", "series",
     "features", "crs"]
)  # fmt: skip
_FEATURE_KEYS = frozenset(["type", "properties", "geometry"])


def _check_document(
    doc: Any,
    problems: _Problems,
    *,
    strict: bool,
    bools: bool,
    escapes: bool,
    arrays: dict | None = None,
) -> tuple[dict, list[dict]]:
    """Validate ``doc``; ``bools``/``escapes`` False skip checks the text showed needless
    (booleans among coordinates; unpaired surrogates and NUL characters in text).

    ``arrays``, where given, receives the coordinates of the LineStrings checked in bulk
    (``"lines"``: feature indices, (N, 2) positions, positions per line), for building.
    """
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        got = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        topojson = got == "Topology" and isinstance(doc.get("objects"), dict)
        problems.add(
            f"the top level is {_repr(got)}, not a FeatureCollection; expected "
            '{"type": "FeatureCollection", "name": ..., "category": ..., "features": [...]}'
            + (
                f": this is TopoJSON, and `corridors import {shlex.quote(problems.path)}` "
                "makes a layer of it"
                if topojson
                else ""
            )
        )
        problems.raise_if_any()
    _check_crs(doc, problems)
    for key, value in doc.items():  # members of no meaning here (bbox, ...): readable numbers
        if key not in _LAYER_KEYS:
            problem = _value_problem(value, key, "member")
            if problem:
                problems.add(problem)
    name = doc.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.add("no layer 'name'; expected a top-level \"name\": the title shown in the map")
    category = doc.get("category")
    if not isinstance(category, str) or category not in CATEGORIES:  # a list is unhashable
        got = "missing" if category is None else _repr(category)
        problems.add(
            f"category is {got}; expected one of {', '.join(CATEGORIES)} "
            'as a top-level "category" member'
        )
    for key in ("description", "source"):
        if doc.get(key) is not None and not isinstance(doc[key], str):
            problems.add(f"'{key}' is {type(doc[key]).__name__}; expected text")
    _check_style(doc.get("style"), problems)
    _check_figures(doc.get("figures"), problems)
    _check_series(doc.get("series"), problems)
    if escapes:
        top = {k: v for k, v in doc.items() if k != "features"}
        problem = _surrogate_problem(top)
        if problem:
            problems.add(f"layer metadata: {problem}")
        for problem in _nul_problems(top, "layer member"):
            problems.add(problem)
    features = doc.get("features")
    if not isinstance(features, list):
        problems.add("'features' is missing or not a list; expected a list of Feature objects")
        problems.raise_if_any()
    known = isinstance(category, str) and category in CATEGORIES
    allowed = CATEGORIES[category].geometry_types if known else GEOMETRY_TYPES
    seen: dict[str, int] = {}
    years = _YearRules.read()
    none_named = _none_named_problem(features, problems.path)
    if none_named:
        problems.add(none_named)
    good_points = _valid_points(features, allowed, bools)
    good_points |= _valid_lines(features, allowed, bools, arrays)
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
            if not none_named:  # else one line said it of every feature
                problems.add(
                    "no 'name' property; expected a name unique in the layer (`corridors "
                    "import` names unnamed features automatically)",
                    i,
                )
            fname = None
        elif fname in seen:
            problems.add(
                f"duplicate name (also feature {seen[fname]}); expected names unique in the "
                "layer (`corridors import` numbers repeated names automatically)",
                i,
                fname,
            )
        else:
            seen[fname] = i
        if len(feat) > 3:  # members besides type, properties and geometry (id, bbox)
            for key, value in feat.items():
                problem = None if key in _FEATURE_KEYS else _value_problem(value, key, "member")
                if problem:
                    problems.add(problem, i, fname)
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
        _check_years(props, problems, i, fname, years)
        problem = _geometry_property_problem(props)
        if problem:
            problems.add(problem, i, fname)
        if escapes:
            problem = _surrogate_problem(props)
            if problem:
                problems.add(problem, i, fname)
            for problem in _nul_problems(props, "property"):
                problems.add(problem, i, fname)
        if i in good_points:
            continue
        for problem in _geometry_problems(feat.get("geometry"), allowed, bools):
            problems.add(problem, i, fname)
    _check_classed_style(doc.get("style"), features, problems)
    problems.raise_if_any()
    problems.warn_notes()
    return doc, features


def _check_classed_style(style: Any, features: list, problems: _Problems) -> None:
    """A style's ``color-by`` and ``size-by`` against the features' properties (each
    key's value is checked with the style's other keys)."""
    if not isinstance(style, dict):
        return
    asked = [style.get(k) for k in ("color-by", "size-by")]
    asked = [p for p in asked if isinstance(p, str)]
    if not asked or any(style_problem(k, v) for k, v in style.items()):
        return
    props = [
        f.get("properties") if isinstance(f, dict) and isinstance(f.get("properties"), dict) else {}
        for f in features
    ]
    columns: dict[str, list[Any]] = {}
    for p in props:
        for key in p:
            columns.setdefault(key, [])
    for prop in asked:
        columns[prop] = [p.get(prop) for p in props]
    names = [p.get("name") for p in props]
    for problem in classed_style_problems(style, columns, names):
        problems.add(problem)


def _name_like_rank(key: str) -> int | None:
    """How much a property's key looks like the features' names (0 most), or None.

    >>> [_name_like_rank(k) for k in ("NAME", "name_en", "NAME_LONG", "brk_name", "Title", "id")]
    [0, 1, 2, 3, 4, None]
    """
    folded = key.strip().casefold()
    ranks = (
        folded == "name",
        folded in ("name_en", "name:en", "name_eng", "nameen", "name_english"),
        re.match(r"name[\W_]", folded) is not None,
        "name" in folded,
        folded in ("title", "label"),
        "title" in folded or "label" in folded,
    )
    return next((rank for rank, hit in enumerate(ranks) if hit), None)


def _none_named_problem(features: list, shown: str) -> str | None:
    """One line for a layer none of whose features has a ``name`` (where each would get a
    line of its own), naming the property that looks like the names, if one does; None
    where some feature has one, and for a single feature with nothing to suggest."""
    props = [
        f.get("properties") if isinstance(f.get("properties"), dict) else {}
        for f in features
        if isinstance(f, dict) and f.get("type") == "Feature"
    ]
    if not props or any(
        p.get("name") is not None and not (isinstance(p["name"], str) and not p["name"].strip())
        for p in props
    ):
        return None
    counts: dict[str, int] = {}
    for p in props:
        for key, value in p.items():
            if isinstance(value, str) and value.strip() and _name_like_rank(key) is not None:
                counts[key] = counts.get(key, 0) + 1
    head = "every feature lacks 'name'"
    command = f"corridors import {shlex.quote(shown)}"
    if not counts and len(props) == 1:  # its own line says it better ("feature 0: ...")
        return None
    if not counts:
        return (
            f"{head}; expected a name unique in the layer on each: `{command}` names them "
            "('<layer title> N'), or takes them from a column with --name-field COLUMN"
        )
    order = list(counts)
    best = min(counts, key=lambda k: (counts[k] < len(props), _name_like_rank(k), order.index(k)))
    where = "" if counts[best] == len(props) else f" (in {counts[best]:,} of them)"
    return (
        f"{head}; it has {_short(best, 100)}{where}: "
        f"`{command} --name-field {shlex.quote(best)}` makes a layer of it"
    )


def _coordinates_of(features: list, kind: str, fits: Any) -> tuple[list[int], list]:
    """(indices, coordinate lists) of the features whose geometry is a ``kind`` with a
    list of coordinates that ``fits``."""
    idx, found = [], []
    for i, feat in enumerate(features):
        geom = feat.get("geometry") if isinstance(feat, dict) else None
        if isinstance(geom, dict) and geom.get("type") == kind:
            coords = geom.get("coordinates")
            if isinstance(coords, list) and fits(coords):
                idx.append(i)
                found.append(coords)
    return idx, found


def _valid_lines(
    features: list, allowed: tuple[str, ...], bools: bool, arrays: dict | None
) -> set[int]:
    """Indices of the features whose 2D LineString is valid, checked in one numpy pass
    over all their positions (the bulk of a big line layer).

    Only what passes skips the per-feature checks; a layer with anything odd in its lines
    (booleans, 3D or ragged positions, text) gets them all, and their messages. Positions
    are checked to be pairs of numbers (ints or floats, not booleans) before conversion
    (where the text shows no boolean in any array, by summing them: only numbers add up).
    """
    if "LineString" not in allowed:
        return set()
    idx, parts = _coordinates_of(features, "LineString", lambda c: len(c) >= 2)
    if not idx:
        return set()
    lengths = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
    positions = list(itertools.chain.from_iterable(parts))
    try:
        if set(map(len, positions)) != {2}:  # 3D, mixed or short positions
            return set()
    except TypeError:  # a position that is not an array
        return set()
    values = list(itertools.chain.from_iterable(positions))
    if bools:  # the text may hold a boolean among positions: look at every value's type
        if not set(map(type, values)) <= {float, int}:  # text, booleans, null, arrays, objects
            return set()
    else:  # no boolean in any array: a sum refuses text, null, arrays and objects, faster
        try:
            sum(values)
        except (TypeError, OverflowError):
            return set()
    try:
        arr = np.fromiter(values, dtype=float, count=len(values)).reshape(-1, 2)
    except OverflowError:  # an integer too large for a float
        return set()
    ok = np.isfinite(arr).all(axis=1) & (np.abs(arr[:, 0]) <= 180) & (np.abs(arr[:, 1]) <= 90)
    owner = np.repeat(np.arange(len(idx)), lengths)
    good = np.ones(len(idx), dtype=bool)
    good[owner[~ok]] = False
    if arrays is not None:
        keep = good[owner]
        arrays["lines"] = (np.asarray(idx)[good], arr[keep], lengths[good])
    return {i for i, g in zip(idx, good.tolist(), strict=True) if g}


def _valid_points(features: list, allowed: tuple[str, ...], bools: bool) -> set[int]:
    """Indices of the features whose Point geometry is valid, checked in one numpy pass.

    Only what passes here skips the per-feature checks; anything odd gets them (and its
    message).
    """
    if "Point" not in allowed:
        return set()
    idx, coords = _coordinates_of(features, "Point", lambda c: len(c) == 2)
    if not coords:
        return set()
    try:
        arr = np.asarray(coords)
    except ValueError:  # ragged ([60, [40]]) or nested positions: those are checked one by one
        plain = [k for k, pos in enumerate(coords) if all(type(v) in (int, float) for v in pos)]
        idx, coords = [idx[k] for k in plain], [coords[k] for k in plain]
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


def validate_file(
    path: str | Path, *, strict: bool = False, max_bytes: int = MAX_FILE_BYTES
) -> None:
    """Raise :class:`LayerError` listing every problem in the file; return None if it is valid.

    ``strict=True`` also requires a ``source`` on every feature (the shipped layers' rule);
    a file larger than ``max_bytes`` is refused unread. See :func:`parse`.
    """
    parse(path, strict=strict, max_bytes=max_bytes)
