"""The layer format: categories, their geometry types and default looks, style keys,
point symbols, the status vocabulary, the year properties.

Categories are defined in ``geo/data/categories.toml``, point symbols in
``geo/data/symbols.toml``, the statuses a feature may have in ``geo/data/status.toml`` and
the years it may carry in ``geo/data/years.toml``; each is checked when first read
(:func:`read_categories`, :func:`read_symbols`, :func:`read_statuses`,
:func:`read_year_keys`), so a typo stops with one line naming the file, the category,
symbol, status or year, and the key or value.

A layer is one RFC 7946 GeoJSON FeatureCollection (WGS84, positions ``[lon, lat]``) with
top-level members ``name`` and ``category`` and optional ``description``, ``source``,
``style`` and ``figures``. See the README's "Adding a layer" for the full format.
"""

from __future__ import annotations

import functools
import math
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from ._text import printable, value_text
from .geodesic import UNITS

__all__ = [
    "CATEGORIES",
    "CATEGORY_KEYS",
    "COLOR",
    "GEOMETRY_TYPES",
    "LINE_TYPES",
    "MARKER_SIZES",
    "MARKER_SYMBOLS",
    "MAX_CLASSES",
    "MAX_DASHES",
    "MAX_DASH_PX",
    "MAX_STROKE_WIDTH_PX",
    "MIN_CLASSES",
    "MIN_DASH_PERIOD_PX",
    "PALETTES",
    "POPUP",
    "SCHEMES",
    "STATUSES",
    "STYLE_KEYS",
    "SYMBOLS",
    "WGS84_CRS_NAMES",
    "YEAR_KEYS",
    "Category",
    "DataTable",
    "LayerError",
    "LayerWarning",
    "Palettes",
    "Status",
    "Symbol",
    "Vocabulary",
    "YearKeys",
    "dash_array_problem",
    "dash_lengths",
    "read_categories",
    "read_palettes",
    "read_statuses",
    "read_symbols",
    "read_year_keys",
    "style_problem",
]

LINE_TYPES = ("LineString", "MultiLineString")
GEOMETRY_TYPES = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
)


#: A style's ``marker-size`` and the radius it draws, in CSS pixels.
MARKER_SIZES = {"small": 4.5, "medium": 6.5, "large": 9.0}

_T = TypeVar("_T")


class LayerError(ValueError):
    """A layer file that cannot be used; the message has one line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class LayerWarning(UserWarning):
    """Something under a layers folder that was skipped (a broken link, an unreadable
    folder), or in a layer that was fixed or will be drawn otherwise than it says (a year
    given as text, a stopped feature without its end year, a style the maps cannot draw)."""


class DataTable(Mapping[str, _T]):
    """A table of the package's data files, read and checked when first used.

    A broken file (``geo/data/categories.toml`` with a typo) is a :class:`LayerError`
    naming the file where the table is used, never an error on ``import geo``.
    """

    def __init__(self, read: Callable[[], dict[str, _T]]):
        self._read = functools.cache(read)

    def __getitem__(self, key: str) -> _T:
        return self._read()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())

    def __repr__(self) -> str:
        return repr(self._read())


#: What the popup shows of a feature's properties (``geo/data/popup.toml``): labels for
#: the properties of a meaning of their own, and properties it hides.
POPUP: dict[str, Any] = tomllib.loads(
    (resources.files("geo") / "data" / "popup.toml").read_text(encoding="utf-8")
)


def _data_path(name: str) -> Path:
    return Path(str(resources.files("geo") / "data" / name))


def _read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's table; a file that cannot be read or parsed is one LayerError line."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LayerError([f"{path}: cannot be read ({exc.strerror or exc})"]) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LayerError([f"{path}: not valid TOML ({exc}); expected TOML tables"]) from exc


# --------------------------------------------------------------------------- symbols


@dataclass(frozen=True)
class Symbol:
    """How a point is drawn: a circle, or a polygon in units of the marker's radius
    (x to the right, y down, as on a screen). Read from ``geo/data/symbols.toml``.

    >>> SYMBOLS["diamond"].extent
    1.25
    >>> SYMBOLS["circle"].spec()
    {'circle': True}
    """

    name: str
    #: the vertices (x, y); None for a circle
    polygon: tuple[tuple[float, float], ...] | None = None

    @property
    def extent(self) -> float:
        """The farthest the symbol reaches from its point, in radii (1 for a circle)."""
        return max(max(abs(x), abs(y)) for x, y in self.polygon) if self.polygon else 1.0

    def spec(self) -> dict[str, Any]:
        """The symbol as the map spec carries it: ``{circle: true}`` or ``{polygon}``."""
        if self.polygon is None:
            return {"circle": True}
        return {"polygon": [[x, y] for x, y in self.polygon]}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _symbol(name: str, entry: Any) -> tuple[Symbol | None, str | None]:
    """A symbol's definition, or the problem with it."""
    if not isinstance(entry, dict) or set(entry) not in ({"circle"}, {"polygon"}):
        return None, "expected a table with either circle = true or polygon = [[x, y], ...]"
    if "circle" in entry:
        ok = entry["circle"] is True
        return (Symbol(name), None) if ok else (None, "circle must be true")
    points = entry["polygon"]
    if not (
        isinstance(points, list)
        and len(points) >= 3
        and all(isinstance(p, list) and len(p) == 2 and all(map(_is_number, p)) for p in points)
    ):
        return None, f"polygon is {points!r}; expected at least 3 vertices [x, y] of numbers"
    return Symbol(name, tuple((float(x), float(y)) for x, y in points)), None


def read_symbols(path: str | Path) -> dict[str, Symbol]:
    """The point symbols of a symbols file, checked (a :class:`LayerError` with one line
    per problem, naming the file and the symbol)."""
    path = Path(path)
    table = _read_toml(path)
    symbols, problems = {}, []
    for name, entry in table.items():
        symbol, problem = _symbol(name, entry)
        if problem:
            problems.append(f"{path}: symbol {name!r}: {problem}")
        elif symbol:
            symbols[name] = symbol
    if not symbols and not problems:
        problems.append(f"{path}: no symbol; expected tables such as [circle]")
    if problems:
        raise LayerError(problems)
    return symbols


#: The point symbols (``geo/data/symbols.toml``), by name, read when first used.
SYMBOLS: Mapping[str, Symbol] = DataTable(lambda: read_symbols(_data_path("symbols.toml")))
#: How points can be drawn (a style's ``marker-symbol``, a category's ``marker``).
MARKER_SYMBOLS = SYMBOLS.keys()


#: The widest line a style may ask for (CSS px; the print map draws 0.4 pt per px): a
#: line a hundred pixels wide is already a band across a city at street level. 0 draws
#: none (a polygon's fill without its outline).
MAX_STROKE_WIDTH_PX = 100.0
#: A style's ``dash-array``: at most this many numbers, each from 0 to this many px, adding
#: up to at least MIN_DASH_PERIOD_PX (a shorter period draws a dash or more a pixel: no
#: dashes to see, and millions of them to draw; "1e-300 1e-300" never ends).
MAX_DASHES = 16
MAX_DASH_PX = 1000.0
MIN_DASH_PERIOD_PX = 1.0
#: Numbers as Leaflet's canvas and SVG read them, separated by commas and/or blanks.
_DASH_NUMBER = r"(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_DASH_ARRAY = re.compile(rf"{_DASH_NUMBER}(?:(?: *, *| +){_DASH_NUMBER})*")


def dash_lengths(value: Any) -> list[float] | None:
    """The numbers of a ``dash-array`` (CSS px), or None where it is not numbers separated by
    commas and/or blanks (as Leaflet splits it; nothing before or after them).

    >>> dash_lengths("12 4 2 4"), dash_lengths("8,6"), dash_lengths(" 8 6"), dash_lengths("8px")
    ([12.0, 4.0, 2.0, 4.0], [8.0, 6.0], None, None)
    """
    if not isinstance(value, str) or not _DASH_ARRAY.fullmatch(value):
        return None
    return [float(v) for v in re.split(r"[ ,]+", value)]


def dash_array_problem(value: Any) -> str | None:
    """What is wrong with a style's ``dash-array``, or None: it must be 1 to
    :data:`MAX_DASHES` numbers (px, dash and gap in turn), each finite, from 0 to
    :data:`MAX_DASH_PX`, adding up to at least :data:`MIN_DASH_PERIOD_PX`.

    >>> dash_array_problem("8 6") is None, dash_array_problem("0 4") is None
    (True, True)
    >>> dash_array_problem("1e-300 1e-300")
    'its numbers add up to 2e-300 px; expected dashes and gaps adding up to at least 1 px'
    """
    numbers = dash_lengths(value)
    want = (
        f"expected 1 to {MAX_DASHES} numbers of px (dash, gap, ...) separated by commas or "
        "blanks, like '8 6'"
    )
    if numbers is None:
        return f"it is not numbers; {want}"
    if len(numbers) > MAX_DASHES:
        return f"it has {len(numbers)} numbers; {want}"
    big = [v for v in numbers if not v <= MAX_DASH_PX]  # inf from 1e400 too
    if big:
        return f"{big[0]:g} px is too long; expected each number at most {MAX_DASH_PX:g} px"
    if sum(numbers) < MIN_DASH_PERIOD_PX:
        return (
            f"its numbers add up to {sum(numbers):g} px; expected dashes and gaps adding up "
            f"to at least {MIN_DASH_PERIOD_PX:g} px"
        )
    return None


COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
STYLE_KEYS: dict[str, str] = {
    "stroke": "color",
    "stroke-width": "number",
    "stroke-opacity": "opacity",
    "fill": "color",
    "fill-opacity": "opacity",
    "marker-color": "color",
    "marker-size": "size",
    "marker-symbol": "symbol",
    "dash-array": "text",
    "color-by": "property",
    "scheme": "scheme",
    "classes": "classes",
    "palette": "palette",
    "size-by": "property",
    "unit": "unit",
}

#: A classed style's ``scheme``: how a numeric property's values are cut into classes
#: (mapclassify's Quantiles, EqualInterval, JenksCaspall), or ``categories``: one class per
#: text value.
SCHEMES = ("quantiles", "equal", "natural", "categories")
#: A classed style's ``unit``: written after the legend's numbers ("1,200 – 3,400 km").
MAX_UNIT_CHARS = 12
UNIT = re.compile(rf"(?=.*\S)[\w $%/²³.\-]{{1,{MAX_UNIT_CHARS}}}")
#: A classed style's ``classes``: from 2 to this many (the palettes' colours to tell apart).
MIN_CLASSES = 2
MAX_CLASSES = 7


@dataclass(frozen=True)
class Palettes:
    """The palettes a classed style may name (``geo/data/palettes.toml``)."""

    sequential: dict[str, list[str]]  #: name: colours, light to dark
    qualitative: list[str]  #: one colour per text value
    other: str  #: the text values past ``qualitative``
    missing: str  #: features without the property

    def ramp(self, name: str, n: int) -> list[str]:
        """``n`` colours of the sequential palette ``name``, light to dark, spread evenly
        over its darkest :data:`MAX_CLASSES`.

        >>> PALETTES.ramp("Blues", 2)
        ['#c6dbef', '#08306b']
        """
        darkest = self.sequential[name][-MAX_CLASSES:]
        if n == 1:
            return [darkest[-1]]
        return [darkest[round(k * (len(darkest) - 1) / (n - 1))] for k in range(n)]


def read_palettes(path: str | Path) -> Palettes:
    """The palettes of ``path`` (a TOML file like ``geo/data/palettes.toml``), checked."""
    table = _read_toml(Path(path))
    problems = []
    seq = table.get("sequential")
    if not isinstance(seq, dict) or not seq:
        problems.append(f"{path}: no [sequential.NAME] tables; expected palettes")
        seq = {}
    qual = table.get("qualitative") if isinstance(table.get("qualitative"), dict) else {}
    lists = {
        f"sequential.{k}": v.get("colors") if isinstance(v, dict) else None for k, v in seq.items()
    }
    lists["qualitative"] = qual.get("colors")
    for where, colors in lists.items():
        ok = isinstance(colors, list) and all(
            isinstance(c, str) and COLOR.fullmatch(c) for c in colors
        )
        if not ok or len(colors) < MAX_CLASSES:
            problems.append(
                f"{path}: [{where}] colors; expected at least {MAX_CLASSES} colours like '#1f618d'"
            )
    for key in ("other", "missing"):
        if not (isinstance(qual.get(key), str) and COLOR.fullmatch(qual[key])):
            problems.append(f"{path}: [qualitative] {key}; expected a colour like '#666666'")
    if problems:
        raise LayerError(problems)
    return Palettes(
        {k: list(v["colors"]) for k, v in seq.items()},
        list(qual["colors"]),
        qual["other"],
        qual["missing"],
    )


class _Lazy:
    """An object read from a data file when first used."""

    def __init__(self, load: Callable[[], Any]):
        self._load = functools.cache(load)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._load(), name)


#: The palettes of classed styles (``geo/data/palettes.toml``), read when first used.
PALETTES: Palettes = _Lazy(lambda: read_palettes(_data_path("palettes.toml")))  # type: ignore[assignment]

#: What a style value of each kind must be: a test, and the words for it (``{symbols}``:
#: the marker symbols, read when first needed). A colour is all the text: '#1f618d\n' is no
#: colour for a plot or a page.
_STYLE_VALUES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "color": (lambda v: isinstance(v, str) and bool(COLOR.fullmatch(v)), "a colour like '#1f618d'"),
    "number": (
        lambda v: _is_number(v) and 0 <= v <= MAX_STROKE_WIDTH_PX,
        f"a number of px from 0 to {MAX_STROKE_WIDTH_PX:g}",
    ),
    "opacity": (lambda v: _is_number(v) and 0 <= v <= 1, "a number from 0 to 1"),
    "size": (lambda v: isinstance(v, str) and v in MARKER_SIZES, "'small', 'medium' or 'large'"),
    "symbol": (lambda v: isinstance(v, str) and v in MARKER_SYMBOLS, "one of {symbols}"),
    "text": (lambda v: isinstance(v, str), "text"),
    "property": (
        lambda v: isinstance(v, str) and bool(v.strip()) and v not in ("name", "figures"),
        "the name of a property of the features (not 'name' or 'figures')",
    ),
    "scheme": (lambda v: v in SCHEMES, "one of " + ", ".join(map(repr, SCHEMES))),
    "classes": (
        lambda v: (
            isinstance(v, int) and not isinstance(v, bool) and MIN_CLASSES <= v <= MAX_CLASSES
        ),
        f"a whole number of classes from {MIN_CLASSES} to {MAX_CLASSES}",
    ),
    "palette": (lambda v: isinstance(v, str) and v in PALETTES.sequential, "one of {palettes}"),
    "unit": (
        lambda v: isinstance(v, str) and bool(UNIT.fullmatch(v)),
        f"a short unit for the legend like 'km', 'US$' or 'TEU' (1 to {MAX_UNIT_CHARS} letters, "
        "digits, spaces or $ % / ² ³ . -)",
    ),
}


def style_problem(key: str, value: Any) -> str | None:
    """What is wrong with one style key and value, or None: the one check of a layer's
    ``style`` and a category's.

    >>> style_problem("stroke", "#c0392b") is None
    True
    >>> style_problem("strok-width", 4)
    "'strok-width' is not a style key; expected one of classes, color-by, dash-array, fill, \
fill-opacity, marker-color, marker-size, marker-symbol, palette, scheme, size-by, stroke, \
stroke-opacity, stroke-width, unit"
    >>> style_problem("stroke-width", "4px")
    "'stroke-width' is '4px'; expected a number of px from 0 to 100"
    >>> style_problem("stroke", "#1f618d\\n")
    "'stroke' is '#1f618d\\\\n'; expected a colour like '#1f618d', with nothing before or after it"
    """
    kind = STYLE_KEYS.get(key)
    shown = value_text(value)
    if kind is None:
        keys = ", ".join(sorted(STYLE_KEYS))
        return f"{printable(repr(key), 200)} is not a style key; expected one of {keys}"
    if key == "dash-array":
        problem = dash_array_problem(value)
        return None if problem is None else f"'dash-array' is {shown}: {problem}"
    test, want = _STYLE_VALUES[kind]
    if test(value):
        return None
    if kind == "color" and isinstance(value, str) and COLOR.fullmatch(value.strip()):
        want += ", with nothing before or after it"
    symbols = ", ".join(map(repr, MARKER_SYMBOLS))
    palettes = ", ".join(map(repr, PALETTES.sequential)) if kind == "palette" else ""
    return f"{key!r} is {shown}; expected " + want.format(symbols=symbols, palettes=palettes)


# --------------------------------------------------------------------------- categories


@dataclass(frozen=True)
class Category:
    """A kind of layer: the geometry types it takes, its default look, and what the map
    and the tools need to know of it.

    Read from ``geo/data/categories.toml``, the one place a category is defined.
    """

    key: str
    title: str
    group: str
    geometry_types: tuple[str, ...]
    style: dict[str, Any]
    marker: str = "circle"
    role_markers: dict[str, str] = field(default_factory=dict)
    #: the colour of each shipped layer of the category, by layer id
    colors: dict[str, str] = field(default_factory=dict)
    #: colours for other layers (none of them a colour of a shipped layer of the group)
    palette: tuple[str, ...] = ()
    #: what the layer control counts: (one, many)
    noun: tuple[str, str] = ("feature", "features")
    #: "features": the layer control gives the count; "length": the layer's length
    count: str = "features"
    #: whether the map's first view is fitted to layers of this category (see categories.toml)
    first_view: bool = True
    #: the units the map shows a feature's length in (names of :data:`geo.UNITS`)
    units: tuple[str, ...] = ("km",)
    #: whether its points are ports: where a route by sea starts and ends (geo.routing)
    port: bool = False

    @property
    def is_line(self) -> bool:
        return set(self.geometry_types) <= set(LINE_TYPES)


def _text(v: Any) -> str | None:
    return None if isinstance(v, str) and v.strip() else f"is {v!r}; expected text"


def _flag(v: Any) -> str | None:
    return None if isinstance(v, bool) else f"is {v!r}; expected true or false"


def _listed(allowed: Iterable[str], what: str) -> Callable[[Any], str | None]:
    """A check that a value is a list of some of ``allowed`` (at least one)."""

    def check(v: Any) -> str | None:
        names = list(allowed)
        if not isinstance(v, list) or not v:
            return f"is {v!r}; expected a list of {what}: {', '.join(names)}"
        wrong = [x for x in v if x not in names]
        return f"has {wrong[0]!r}; expected {what}: {', '.join(names)}" if wrong else None

    return check


def _marker(v: Any) -> str | None:
    if isinstance(v, str) and v in MARKER_SYMBOLS:
        return None
    return f"{v!r} is not a marker symbol; expected one of {', '.join(MARKER_SYMBOLS)}"


def _role_markers(v: Any) -> str | None:
    if not isinstance(v, dict):
        return f"is {v!r}; expected a table of role = marker symbol"
    for role, marker in v.items():
        if problem := _marker(marker):
            return f"{role!r}: {problem}"
    return None


def _style(v: Any) -> str | None:
    if not isinstance(v, dict):
        return f"is {v!r}; expected a table of style keys"
    for key, value in v.items():
        if problem := style_problem(key, value):
            return problem
    return None


def _palette(v: Any) -> str | None:
    ok = isinstance(v, list) and all(isinstance(c, str) and COLOR.match(c) for c in v)
    return None if ok else f"is {v!r}; expected a list of colours like '#1f618d'"


def _colors(v: Any) -> str | None:
    ok = isinstance(v, dict) and all(isinstance(c, str) and COLOR.match(c) for c in v.values())
    return None if ok else f"is {v!r}; expected a table of layer id = colour like '#1f618d'"


def _noun(v: Any) -> str | None:
    ok = isinstance(v, list) and len(v) == 2 and all(isinstance(w, str) and w.strip() for w in v)
    return None if ok else f'is {v!r}; expected [one, many], like ["service", "services"]'


def _count(v: Any) -> str | None:
    return None if v in ("features", "length") else f"is {v!r}; expected 'features' or 'length'"


#: The keys of a category's table, and the check of each value (None, or what is wrong
#: with it after the key's name). title, group and geometry_types are required.
CATEGORY_KEYS: dict[str, Callable[[Any], str | None]] = {
    "title": _text,
    "group": _text,
    "geometry_types": _listed(GEOMETRY_TYPES, "GeoJSON geometry types"),
    "marker": _marker,
    "role_markers": _role_markers,
    "style": _style,
    "colors": _colors,
    "palette": _palette,
    "noun": _noun,
    "count": _count,
    "first_view": _flag,
    "units": _listed(UNITS, "units"),
    "port": _flag,
}
_REQUIRED = ("title", "group", "geometry_types")


def _table_problems(
    entry: Any, checks: dict[str, Callable[[Any], str | None]], required: tuple[str, ...]
) -> list[str]:
    """What is wrong with one table of a data file: not a table, a ``required`` key
    missing, a key ``checks`` does not know, or a value its check refuses (each problem
    after its key)."""
    if not isinstance(entry, dict):
        return [f"is {entry!r}; expected a table with {', '.join(required)}"]
    problems = [f"{key} is missing; expected it" for key in required if key not in entry]
    for key, value in entry.items():
        check = checks.get(key)
        if check is None:
            problems.append(f"unknown key {key!r}; expected one of {', '.join(checks)}")
        elif problem := check(value):
            problems.append(f"{key} {problem}")
    return problems


def _category_problems(entry: Any) -> list[str]:
    """What is wrong with one category's table (each problem after its key)."""
    return _table_problems(entry, CATEGORY_KEYS, _REQUIRED)


def _palette_problems(table: dict[str, Any]) -> list[str]:
    """A palette colour that a shipped layer of the category's group has (a user's layer
    would look like it)."""
    taken: dict[str, set[str]] = {}
    for entry in table.values():
        colours = {c.lower() for c in entry.get("colors", {}).values()}
        taken.setdefault(entry["group"], set()).update(colours)
    problems = []
    for key, entry in table.items():
        clash = [c for c in entry.get("palette", ()) if c.lower() in taken[entry["group"]]]
        if clash:
            problems.append(
                f"category {key!r}: palette has {clash[0]!r}, a colour of a shipped layer of "
                f"the group {entry['group']!r}; expected colours no shipped layer of it uses"
            )
    return problems


def read_categories(path: str | Path) -> dict[str, Category]:
    """The categories of a categories file, checked: every problem is one line of a
    :class:`LayerError` naming the file, the category and the key or value.

    >>> sorted(read_categories(_data_path("categories.toml")))[:3]
    ['corridor', 'country', 'other']
    """
    path = Path(path)
    table = _read_toml(path)
    problems = [
        f"{path}: category {key!r}: {problem}"
        for key, entry in table.items()
        for problem in _category_problems(entry)
    ]
    if not table:
        problems.append(f"{path}: no category; expected tables such as [corridor]")
    if not problems:
        problems.extend(f"{path}: {problem}" for problem in _palette_problems(table))
    if problems:
        raise LayerError(problems)
    return {
        key: Category(
            key=key,
            title=entry["title"],
            group=entry["group"],
            geometry_types=tuple(entry["geometry_types"]),
            style=dict(entry.get("style", {})),
            marker=entry.get("marker", "circle"),
            role_markers=dict(entry.get("role_markers", {})),
            colors=dict(entry.get("colors", {})),
            palette=tuple(entry.get("palette", ())),
            noun=tuple(entry.get("noun", ("feature", "features"))),
            count=entry.get("count", "features"),
            first_view=entry.get("first_view", True),
            units=tuple(entry.get("units", ("km",))),
            port=entry.get("port", False),
        )
        for key, entry in table.items()
    }


#: The layer categories (``geo/data/categories.toml``), by key, read and checked when
#: first used.
CATEGORIES: Mapping[str, Category] = DataTable(
    lambda: read_categories(_data_path("categories.toml"))
)

# --------------------------------------------------------------------------- statuses


@dataclass(frozen=True)
class Status:
    """What a feature's ``status`` may say, and how a feature in it is drawn: read from
    ``geo/data/status.toml``, the one place the vocabulary is defined.

    >>> STATUSES.key_of(" Active ")
    'operating'
    >>> STATUSES["under-construction"].dash
    '9 6'
    """

    key: str
    label: str
    note: str
    #: the values of a ``status`` property that mean this status, in lower case
    aliases: tuple[str, ...]
    #: lines: a dash pattern (CSS px) replacing the layer's; "" keeps the layer's
    dash: str = ""
    #: multiplies the layer's line and point opacity
    opacity: float = 1.0
    #: multiplies the layer's line width
    weight: float = 1.0
    #: how far the layer's colour is mixed toward the vocabulary's grey, 0 to 1
    greyed: float = 0.0
    #: points: a ring in the layer's colour, white inside
    hollow: bool = False

    def spec(self) -> dict[str, Any]:
        """The status as the map spec carries it (the aliases stay here: the spec
        carries each feature's status by key)."""
        return {
            "key": self.key,
            "label": self.label,
            "note": self.note,
            "dash": self.dash,
            "opacity": self.opacity,
            "weight": self.weight,
            "greyed": self.greyed,
            "hollow": self.hollow,
        }


class Vocabulary(Mapping[str, Status]):
    """The statuses by key, in the legend's order, the colour greyed ones are mixed toward
    (:attr:`grey`), and the key of a ``status`` value (:meth:`key_of`).

    ``load`` gives the statuses and the colours (grey, sample) when first needed
    (:data:`STATUSES` reads ``geo/data/status.toml`` then, so a broken file is an error
    where it is used, never on ``import geo``).
    """

    def __init__(self, load: Callable[[], tuple[Iterable[Status], dict[str, str]]]):
        self._load = load

    @functools.cached_property
    def _tables(self) -> tuple[dict[str, Status], dict[str, str], dict[str, str]]:
        statuses, colours = self._load()
        by_key = {s.key: s for s in statuses}
        keys = {alias: s.key for s in by_key.values() for alias in (s.key, *s.aliases)}
        return by_key, keys, colours

    @property
    def grey(self) -> str:
        """The colour a greyed status's colour is mixed toward."""
        return self._tables[2]["grey"]

    @property
    def sample(self) -> str:
        """The colour the legends draw each status's sample in."""
        return self._tables[2]["sample"]

    def __getitem__(self, key: str) -> Status:
        return self._tables[0][key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables[0])

    def __len__(self) -> int:
        return len(self._tables[0])

    def key_of(self, value: Any) -> str | None:
        """The key of the status a ``status`` value names: the key itself or one of its
        aliases (any case, spaces around ignored), or None for a value the vocabulary does
        not hold.

        >>> STATUSES.key_of("under-construction"), STATUSES.key_of(" Under Construction")
        ('under-construction', 'under-construction')
        """
        if not isinstance(value, str):
            return None
        return self._tables[1].get(value.strip().casefold())

    def allowed(self) -> str:
        """The values allowed, for messages: "operating (or active, ...), ...".

        >>> STATUSES.allowed().split("; ")[0]
        'operating (or active, open, in service, operational)'
        """
        parts = []
        for s in self.values():
            first, *others = dict.fromkeys((s.key, *s.aliases))
            parts.append(first + (f" (or {', '.join(others)})" if others else ""))
        return "; ".join(parts)


_STATUS_KEY = re.compile(r"[a-z][a-z-]*")


def _status_key(v: Any) -> str | None:
    if isinstance(v, str) and _STATUS_KEY.fullmatch(v):
        return None
    return f"is {v!r}; expected a name of lower-case letters and dashes"


def _aliases(v: Any) -> str | None:
    if isinstance(v, list) and v and all(isinstance(a, str) and a.strip() for a in v):
        return None
    return f"is {v!r}; expected a list of the values that mean the status"


def _dash(v: Any) -> str | None:
    """A status's dash: "" (the layer's own), or a dash pattern as a style's dash-array."""
    if v == "":
        return None
    problem = dash_array_problem(v)
    return None if problem is None else f"is {v!r}: {problem}"


def _factor(v: Any) -> str | None:
    return None if _is_number(v) and 0 <= v <= 1 else f"is {v!r}; expected a number from 0 to 1"


#: The keys of a status's table and the check of each value (None, or what is wrong after
#: the key's name); key, label and aliases are required.
STATUS_KEYS: dict[str, Callable[[Any], str | None]] = {
    "key": _status_key,
    "label": _text,
    "note": _text,
    "aliases": _aliases,
    "dash": _dash,
    "opacity": _factor,
    "weight": _factor,
    "greyed": _factor,
    "hollow": _flag,
}


def _status_problems(entry: Any) -> list[str]:
    """What is wrong with one status's table (each problem after its key)."""
    return _table_problems(entry, STATUS_KEYS, ("key", "label", "aliases"))


def _status(entry: dict[str, Any]) -> Status:
    return Status(
        key=entry["key"],
        label=entry["label"],
        note=entry.get("note", ""),
        aliases=tuple(dict.fromkeys(a.strip().casefold() for a in entry["aliases"])),
        dash=entry.get("dash", ""),
        opacity=float(entry.get("opacity", 1.0)),
        weight=float(entry.get("weight", 1.0)),
        greyed=float(entry.get("greyed", 0.0)),
        hollow=entry.get("hollow", False),
    )


def read_statuses(path: str | Path) -> Vocabulary:
    """The status vocabulary of a status file, checked: every problem is one line of a
    :class:`LayerError` naming the file, the status and the key or value (an alias given
    to two statuses too).

    >>> list(read_statuses(_data_path("status.toml")))[:3]
    ['operating', 'under-construction', 'planned']
    """
    path = Path(path)
    table = _read_toml(path)
    problems = []
    for key in table:
        if key not in ("grey", "sample", "status"):
            problems.append(
                f"{path}: unknown key {key!r}; expected grey, sample and [[status]] tables"
            )
    colours = {}
    for key in ("grey", "sample"):
        colours[key] = table.get(key)
        if not (isinstance(colours[key], str) and COLOR.match(colours[key])):
            problems.append(f"{path}: {key} is {colours[key]!r}; expected a colour like '#8c8c8c'")
    entries = table.get("status")
    if not isinstance(entries, list) or not entries:
        problems.append(f"{path}: no [[status]] table; expected one per status")
        entries = []
    statuses: list[Status] = []
    for n, entry in enumerate(entries):
        name = entry.get("key", f"number {n + 1}") if isinstance(entry, dict) else n + 1
        found = _status_problems(entry)
        problems.extend(f"{path}: status {name!r}: {problem}" for problem in found)
        if not found:
            statuses.append(_status(entry))
    owner: dict[str, str] = {}
    for status in statuses:
        for alias in status.aliases:
            if alias in owner:
                problems.append(
                    f"{path}: status {status.key!r}: alias {alias!r} is also {owner[alias]!r}'s; "
                    "expected each value to mean one status"
                )
            owner.setdefault(alias, status.key)
    if len({s.key for s in statuses}) < len(statuses):
        problems.append(f"{path}: a status key is given twice; expected each key once")
    if problems:
        raise LayerError(problems)
    return Vocabulary(lambda: (statuses, colours))


#: The status vocabulary (``geo/data/status.toml``), read and checked when first used.
STATUSES = Vocabulary(lambda: _vocabulary_of(read_statuses(_data_path("status.toml"))))


def _vocabulary_of(vocabulary: Vocabulary) -> tuple[list[Status], dict[str, str]]:
    return list(vocabulary.values()), {"grey": vocabulary.grey, "sample": vocabulary.sample}


# --------------------------------------------------------------------------- years


@dataclass(frozen=True)
class YearRules:
    """The year properties of ``geo/data/years.toml``, checked (:func:`read_year_keys`)."""

    #: the first and last year a year property may hold
    first: int
    last: int
    #: the year properties, in the order messages list them, with what each year is
    meanings: dict[str, str]
    #: (earlier, later) pairs: where both are given, the first may not be after the second
    order: tuple[tuple[str, str], ...]
    #: status keys that say a feature stopped: such a feature needs an end_year
    ended: tuple[str, ...]
    #: the year the map's slider and the timeline start from at the earliest
    timeline_from: int


class YearKeys:
    """The year properties a feature may carry (``start_year``, ``end_year``, ...), the
    years allowed, the order they keep, and the statuses that need an ``end_year``.

    ``load`` gives the rules when first needed (:data:`YEAR_KEYS` reads
    ``geo/data/years.toml`` then, so a broken file is an error where it is used).

    >>> YEAR_KEYS.keys[:2], YEAR_KEYS.first, YEAR_KEYS.last
    (('start_year', 'end_year'), 1800, 2100)
    >>> YEAR_KEYS.ended
    ('suspended', 'historic')
    """

    def __init__(self, load: Callable[[], YearRules]):
        self._load = functools.cache(load)

    @property
    def keys(self) -> tuple[str, ...]:
        """The year properties, in the order messages list them."""
        return tuple(self._load().meanings)

    @property
    def meanings(self) -> dict[str, str]:
        """What each year property's year is."""
        return dict(self._load().meanings)

    @property
    def first(self) -> int:
        """The first year allowed."""
        return self._load().first

    @property
    def last(self) -> int:
        """The last year allowed."""
        return self._load().last

    @property
    def order(self) -> tuple[tuple[str, str], ...]:
        """(earlier, later) pairs of year properties: the first may not be after the second."""
        return self._load().order

    @property
    def ended(self) -> tuple[str, ...]:
        """The status keys that say a feature stopped (it then needs an ``end_year``)."""
        return self._load().ended

    @property
    def timeline_from(self) -> int:
        """The year the map's slider and the timeline start from at the earliest: a
        feature begun before it is there from then (:func:`geo.years.timeline_span`)."""
        return self._load().timeline_from


_YEAR_KEY = re.compile(r"[a-z][a-z_]*")


def _year(v: Any) -> str | None:
    ok = isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 9999
    return None if ok else f"is {v!r}; expected a whole year like 1800"


def _year_entries(path: Path, entries: Any) -> tuple[dict[str, str], list[str]]:
    """The [[year]] tables as {key: meaning}, and their problems."""
    if not isinstance(entries, list) or not entries:
        return {}, [f"{path}: no [[year]] table; expected one per year property"]
    meanings: dict[str, str] = {}
    problems = []
    for n, entry in enumerate(entries):
        name = entry.get("key", f"number {n + 1}") if isinstance(entry, dict) else n + 1
        if not isinstance(entry, dict) or set(entry) != {"key", "meaning"}:
            got = sorted(entry) if isinstance(entry, dict) else repr(entry)
            problems.append(f"{path}: year {name!r}: has {got}; expected key and meaning")
        elif not (isinstance(entry["key"], str) and _YEAR_KEY.fullmatch(entry["key"])):
            key = entry["key"]
            problems.append(f"{path}: year {name!r}: key {key!r}; expected a name like end_year")
        elif _text(entry["meaning"]):
            problems.append(f"{path}: year {name!r}: meaning {_text(entry['meaning'])}")
        elif entry["key"] in meanings:
            problems.append(f"{path}: year {name!r} is given twice; expected each key once")
        else:
            meanings[entry["key"]] = " ".join(entry["meaning"].split())
    return meanings, problems


def _order_pairs(path: Path, entries: Any, keys: Iterable[str]) -> tuple[list, list[str]]:
    """The [[order]] tables as (earlier, later) pairs of known keys, and their problems."""
    pairs, problems, known = [], [], list(keys)
    for n, entry in enumerate(entries if isinstance(entries, list) else [entries]):
        if not isinstance(entry, dict) or set(entry) != {"earlier", "later"}:
            problems.append(f"{path}: order {n + 1} is {entry!r}; expected earlier and later")
            continue
        wrong = [k for k in (entry["earlier"], entry["later"]) if k not in known]
        if wrong:
            problems.append(
                f"{path}: order {n + 1} names {wrong[0]!r}; expected year keys of "
                f"the [[year]] tables: {', '.join(known)}"
            )
        else:
            pairs.append((entry["earlier"], entry["later"]))
    return pairs, problems


def read_year_keys(path: str | Path) -> YearKeys:
    """The year properties of a years file, checked: every problem is one line of a
    :class:`LayerError` naming the file and the key or value.

    >>> read_year_keys(_data_path("years.toml")).order[0]
    ('start_year', 'end_year')
    """
    path = Path(path)
    table = _read_toml(path)
    problems = [
        f"{path}: unknown key {key!r}; expected first, last, timeline_from, ended, [[year]] "
        "and [[order]]"
        for key in table
        if key not in ("first", "last", "timeline_from", "ended", "year", "order")
    ]
    for key in ("first", "last", "timeline_from"):
        if problem := _year(table.get(key)):
            problems.append(f"{path}: {key} {problem}")
    if not problems and table["first"] >= table["last"]:
        problems.append(f"{path}: first {table['first']} is not before last {table['last']}")
    if not problems and not table["first"] <= table["timeline_from"] <= table["last"]:
        problems.append(
            f"{path}: timeline_from {table['timeline_from']}; expected a year from first "
            f"{table['first']} to last {table['last']}"
        )
    meanings, found = _year_entries(path, table.get("year"))
    problems += found
    pairs, found = _order_pairs(path, table.get("order", []), meanings)
    problems += found
    ended = table.get("ended", [])
    if not isinstance(ended, list) or any(STATUSES.key_of(e) != e for e in ended):
        problems.append(
            f"{path}: ended is {ended!r}; expected a list of status keys of "
            f"geo/data/status.toml: {', '.join(STATUSES)}"
        )
    if problems:
        raise LayerError(problems)
    rules = YearRules(
        table["first"], table["last"], meanings, tuple(pairs), tuple(ended), table["timeline_from"]
    )
    return YearKeys(lambda: rules)


#: The year properties (``geo/data/years.toml``), read and checked when first used.
YEAR_KEYS = YearKeys(lambda: read_year_keys(_data_path("years.toml"))._load())


WGS84_CRS_NAMES = {
    "urn:ogc:def:crs:ogc:1.3:crs84",
    "urn:ogc:def:crs:ogc::crs84",
    "ogc:crs84",
    "crs84",
    "epsg:4326",
    "urn:ogc:def:crs:epsg::4326",
    "urn:ogc:def:crs:epsg:4326",
    "http://www.opengis.net/def/crs/ogc/1.3/crs84",
    "http://www.opengis.net/def/crs/epsg/0/4326",
}
