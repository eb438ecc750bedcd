"""Classed styles: a layer's features coloured by a property (numeric values cut into
classes by mapclassify, or one colour per text value) and its points sized by one (area
proportional to the value), computed once here for the web map, the print map and the
notebook table.

A layer's ``style`` asks for them (README "Adding a layer"): ``color-by`` (a property),
``scheme`` (``quantiles``, ``equal``: equal intervals, ``natural``: natural breaks by
Jenks-Caspall, or ``categories``: one class per text value; default ``quantiles`` for
numbers, else ``categories``), ``classes`` (2 to 7, default 5), ``palette`` (a sequential
palette of ``geo/data/palettes.toml``, default ``Blues``) and ``size-by`` (a property of
numbers, zero or more). Features without the property form a class of their own.
"""

from __future__ import annotations

import math
import warnings
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from ._text import value_text
from .format import PALETTES, LayerError, style_problem
from .values import is_missing, is_year_name, plain_value

if TYPE_CHECKING:
    from .layers import Layer

__all__ = [
    "DEFAULT_CLASSES",
    "DEFAULT_PALETTE",
    "MAX_RADIUS_PX",
    "MIN_RADIUS_PX",
    "Classes",
    "Sizes",
    "break_labels",
    "classed_style",
    "classed_style_problems",
    "compute_classes",
    "compute_sizes",
    "layer_classes",
    "layer_sizes",
    "restyle",
    "scheme_of",
    "short_number",
]

DEFAULT_CLASSES = 5
DEFAULT_PALETTE = "Blues"
#: The radius of a point sized by the largest value, CSS px; a point of value v has the
#: radius MAX_RADIUS_PX * sqrt(v / largest) (its area proportional to v), but at least
#: MIN_RADIUS_PX (smaller is not seen), as have features without the value.
MAX_RADIUS_PX = 14.0
MIN_RADIUS_PX = 1.5
#: The label of the class of features without the property.
MISSING_LABEL = "no value"
#: The label of the text values past the qualitative palette's colours.
OTHER_LABEL = "other"
#: mapclassify's classifier of each numeric scheme (imported when first used: it takes
#: seconds, with scikit-learn).
_SCHEMES = {"quantiles": "Quantiles", "equal": "EqualInterval", "natural": "JenksCaspall"}


@dataclass(frozen=True)
class Classes:
    """A layer's features in classes: each feature's class (``index``) and each class's
    colour and label; ``breaks`` (numeric schemes): the lowest value, then each class's
    highest. A last class ``no value`` holds features without the property."""

    by: str
    scheme: str
    palette: str
    colors: list[str]
    labels: list[str]
    breaks: list[float]
    index: list[int]

    def spec(self) -> dict[str, Any]:
        """The map spec's ``classes`` of a layer (geo.mapspec.ClassesSpec)."""
        return {
            "by": self.by,
            "scheme": self.scheme,
            "palette": self.palette,
            "colors": self.colors,
            "labels": self.labels,
            "breaks": self.breaks,
            "index": self.index,
        }


@dataclass(frozen=True)
class Sizes:
    """A layer's points sized by a property: each feature's radius (CSS px) and the
    legend's sample sizes (value, label, radius)."""

    by: str
    radius: list[float]
    legend: list[tuple[float, str, float]]

    def spec(self) -> dict[str, Any]:
        """The map spec's ``sizes`` of a layer (geo.mapspec.SizesSpec)."""
        return {
            "by": self.by,
            "radius": self.radius,
            "legend": [{"value": v, "label": t, "radius": r} for v, t, r in self.legend],
        }


def short_number(value: float, digits: int = 0) -> str:
    """A number as a legend shows it: 1.2 M, 12 M, 3.4 B, 12,000, 950, 0.25; with
    ``digits`` more significant digits where neighbouring breaks need them to differ.

    >>> [short_number(v) for v in (1_234_567, 12_345_678, 3.4e9, 12_000, 950, 0.25, -1500)]
    ['1.2 M', '12 M', '3.4 B', '12,000', '950', '0.25', '-1,500']
    >>> short_number(1_234_567, 2), short_number(0.25123, 1)
    ('1.235 M', '0.2512')
    """
    size = abs(value)
    for scale, word in ((1e9, "B"), (1e6, "M")):
        if size >= scale:
            m = value / scale
            text = f"{m:.{1 + digits}f}" if abs(m) < 10 else f"{m:.{digits}f}"
            if "." in text:
                text = text.rstrip("0").removesuffix(".")
            return f"{text} {word}"
    if size >= 1000:
        return f"{round(value):,}"
    return f"{value:.{3 + digits}g}"


def break_labels(breaks: Sequence[float], unit: str = "", *, years: bool = False) -> list[str]:
    """The legend's label of each class between ``breaks`` (the lowest value, then each
    class's highest): "1.2 M – 3.4 M" (a class of one value: that value), with more
    digits where two different breaks would read the same, and ``unit`` after the last
    number; ``years``: whole numbers as years (2018, not 2,018).

    >>> break_labels([1_000_000, 1_230_000, 1_240_000, 5_000_000], "US$")
    ['1 M – 1.23 M US$', '1.23 M – 1.24 M US$', '1.24 M – 5 M US$']
    >>> break_labels([2011, 2015, 2025], years=True)
    ['2011 – 2015', '2015 – 2025']
    """
    values = [float(b) for b in breaks]
    for digits in range(4):
        texts = [
            f"{b:.0f}" if years and b.is_integer() else short_number(b, digits) for b in values
        ]
        clash = any(
            texts[j] == texts[j + 1] and values[j] != values[j + 1] for j in range(len(values) - 1)
        )
        if not clash:
            break
    end = f" {unit}" if unit else ""
    return [
        (texts[j] if values[j] == values[j + 1] else f"{texts[j]} – {texts[j + 1]}") + end
        for j in range(len(values) - 1)
    ]


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, int | float | np.integer | np.floating)
        and not isinstance(value, bool | np.bool_)
        and math.isfinite(value)
    )


def scheme_of(style: Mapping[str, Any], values: Sequence[Any]) -> str:
    """The scheme ``style`` asks for, or its default for ``values``: ``quantiles`` where
    they are numbers, else ``categories``.

    >>> scheme_of({}, [1, None, 2.5]), scheme_of({}, ["a", 1]), scheme_of({"scheme": "equal"}, [])
    ('quantiles', 'categories', 'equal')
    """
    if "scheme" in style:
        return str(style["scheme"])
    present = [v for v in values if not is_missing(v)]
    return "quantiles" if present and all(map(_is_number, present)) else "categories"


def _feature(i: int, names: Sequence[Any]) -> str:
    name = names[i] if i < len(names) else None
    return f"feature {i}" + (f" ({name!r})" if isinstance(name, str) else "")


def classed_style_problems(
    style: Mapping[str, Any], columns: Mapping[str, Sequence[Any]], names: Sequence[Any] = ()
) -> list[str]:
    """What is wrong with a style's ``color-by`` and ``size-by`` given the features'
    properties (``columns``: each property's values, feature by feature; ``names``: the
    features' names), one line each: a property no feature has, a value not a number for
    a numeric scheme, a negative size. (Each key's own value is checked by
    :func:`geo.format.style_problem`.)

    >>> cols = {"pop": [10, "many", None]}
    >>> print(*classed_style_problems({"color-by": "pop", "scheme": "equal"}, cols, "ABC"))
    style 'color-by' is 'pop': feature 1 ('B') has 'many'; expected numbers for scheme 'equal' \
(or "scheme": "categories": one colour per value)
    >>> classed_style_problems({"size-by": "area"}, cols)
    ["style 'size-by' is 'area': no feature has a property 'area'; expected one of 'pop'"]
    """
    problems = []
    for key in ("color-by", "size-by"):
        prop = style.get(key)
        if not isinstance(prop, str):
            continue
        values = columns.get(prop)
        if values is None or all(is_missing(v) for v in values):
            known = ", ".join(repr(c) for c in columns if c not in ("name", "figures", prop))
            problems.append(
                f"style {key!r} is {prop!r}: no feature has a property {prop!r}; expected one "
                f"of {known or 'the features’ properties (they have none)'}"
            )
            continue
        scheme = scheme_of(style, values) if key == "color-by" else "size"
        if scheme == "categories":
            continue
        for i, v in enumerate(values):
            if is_missing(v):
                continue
            if not _is_number(v):
                want = (
                    f'numbers for scheme {scheme!r} (or "scheme": "categories": one colour '
                    "per value)"
                    if key == "color-by"
                    else "numbers, zero or more"
                )
                problems.append(
                    f"style {key!r} is {prop!r}: {_feature(i, names)} has {value_text(v)}; "
                    f"expected {want}"
                )
                break
            if key == "size-by" and v < 0:
                problems.append(
                    f"style {key!r} is {prop!r}: {_feature(i, names)} has {v!r}; expected "
                    "numbers, zero or more (a point's area is proportional to its value)"
                )
                break
    return problems


def _numeric_classes(
    values: Sequence[Any], scheme: str, k: int, palette: str, unit: str = "", years: bool = False
) -> tuple[list[str], list[str], list[float], list[int]]:
    present = [i for i, v in enumerate(values) if not is_missing(v)]
    y = np.array([values[i] for i in present], dtype=float)
    distinct = len(np.unique(y))
    if distinct < 2:
        bins = [float(y.max())]
        yb = np.zeros(len(y), dtype=int)
    else:
        with warnings.catch_warnings():  # fewer distinct values than classes: fewer classes
            warnings.simplefilter("ignore")
            import mapclassify

            found = getattr(mapclassify, _SCHEMES[scheme])(y, k=min(k, distinct))
        bins = [float(b) for b in found.bins]
        yb = np.asarray(found.yb, dtype=int)
    breaks = [float(y.min()), *bins]
    labels = break_labels(breaks, unit, years=years)
    colors = PALETTES.ramp(palette, len(bins))
    index = [len(bins)] * len(values)
    for i, c in zip(present, yb.tolist(), strict=True):
        index[i] = c
    return colors, labels, breaks, index


def _text_classes(values: Sequence[Any]) -> tuple[list[str], list[str], list[int]]:
    keys = [None if is_missing(v) else value_text(plain_value(v)).strip("'") for v in values]
    counts = Counter(k for k in keys if k is not None)
    ranked = sorted(counts, key=lambda k: (-counts[k], k))
    room = len(PALETTES.qualitative)
    shown = ranked if len(ranked) <= room else ranked[: room - 1]
    labels = list(shown)
    colors = PALETTES.qualitative[: len(shown)]
    if len(shown) < len(ranked):
        labels.append(OTHER_LABEL)
        colors.append(PALETTES.other)
    where = {k: j for j, k in enumerate(shown)}
    other = len(shown)
    index = [where.get(k, other) if k is not None else len(labels) for k in keys]
    return colors, labels, index


def compute_classes(
    values: Sequence[Any],
    style: Mapping[str, Any],
    *,
    where: str = "layer",
    names: Sequence[Any] = (),
) -> Classes:
    """The classes of ``values`` (one per feature) as ``style`` asks (``color-by``,
    ``scheme``, ``classes``, ``palette``).

    >>> c = compute_classes([1, 2, 3, 4, None, 100], {"color-by": "n", "classes": 2})
    >>> c.scheme, c.index, c.labels
    ('quantiles', [0, 0, 0, 1, 2, 1], ['1 – 3', '3 – 100', 'no value'])
    >>> c.colors
    ['#c6dbef', '#08306b', '#cccccc']
    >>> compute_classes(["rail", "road", "rail", None], {"color-by": "mode"}).labels
    ['rail', 'road', 'no value']

    Raises
    ------
    LayerError
        Where a value is not a number for a numeric scheme (``where`` names the layer).
    """
    by = str(style["color-by"])
    problems = classed_style_problems({**style, "size-by": None}, {by: values}, names)
    if problems:
        raise LayerError([f"{where}: {p}" for p in problems])
    scheme = scheme_of(style, values)
    if scheme == "categories":
        colors, labels, index = _text_classes(values)
        breaks: list[float] = []
        palette = "qualitative"
    else:
        palette = str(style.get("palette", DEFAULT_PALETTE))
        k = int(style.get("classes", DEFAULT_CLASSES))
        unit = str(style.get("unit", ""))
        colors, labels, breaks, index = _numeric_classes(
            values, scheme, k, palette, unit, is_year_name(by)
        )
    if any(is_missing(v) for v in values):
        labels.append(MISSING_LABEL)
        colors.append(PALETTES.missing)
    return Classes(by, scheme, palette, colors, labels, breaks, index)


def _radius(value: float, largest: float) -> float:
    if largest <= 0:
        return MIN_RADIUS_PX
    return round(max(MAX_RADIUS_PX * math.sqrt(value / largest), MIN_RADIUS_PX), 2)


def _round_down(value: float) -> float:
    """``value`` to two significant digits, down (a legend's sample size)."""
    if value <= 0:
        return 0.0
    scale = 10.0 ** (math.floor(math.log10(value)) - 1)
    return math.floor(value / scale) * scale


def compute_sizes(
    values: Sequence[Any],
    by: str,
    *,
    where: str = "layer",
    names: Sequence[Any] = (),
    unit: str = "",
) -> Sizes:
    """Each point's radius (CSS px) for ``values``: area proportional to the value,
    :data:`MAX_RADIUS_PX` for the largest, at least :data:`MIN_RADIUS_PX`; the legend's
    sizes are the largest value, a quarter and a sixteenth of it (two digits).

    >>> s = compute_sizes([100, 25, 0, None], "n")
    >>> s.radius, [(v, t, r) for v, t, r in s.legend]
    ([14.0, 7.0, 1.5, 1.5], [(100.0, '100', 14.0), (25.0, '25', 7.0), (6.2, '6.2', 3.49)])
    """
    problems = classed_style_problems({"size-by": by}, {by: values}, names)
    if problems:
        raise LayerError([f"{where}: {p}" for p in problems])
    present = [float(v) for v in values if not is_missing(v)]
    largest = max(present)
    radius = [MIN_RADIUS_PX if is_missing(v) else _radius(float(v), largest) for v in values]
    samples = sorted({_round_down(largest / d) for d in (1, 4, 16)} - {0.0}, reverse=True)
    end = f" {unit}" if unit else ""
    legend = [(v, short_number(v) + end, _radius(v, largest)) for v in samples]
    return Sizes(by, radius, legend)


def _where(layer: Layer) -> str:
    return str(layer.path) if layer.path is not None else f"layer {layer.id!r}"


def _column(layer: Layer, prop: str) -> list[Any]:
    if prop not in layer.frame.columns:
        return [None] * len(layer.frame)
    return [plain_value(v) for v in layer.frame[prop].tolist()]


def _names(layer: Layer) -> list[Any]:
    return layer.frame["name"].tolist() if "name" in layer.frame.columns else []


def layer_classes(layer: Layer) -> Classes | None:
    """The classes of a layer whose style has ``color-by`` (None for another).

    Raises
    ------
    LayerError
        For a property no feature has, or values a numeric scheme cannot class.
    """
    if not layer.style.get("color-by"):
        return None
    prop = str(layer.style["color-by"])
    values = _column(layer, prop)
    colour = {k: v for k, v in layer.style.items() if k != "size-by"}  # sizes: layer_sizes
    problems = classed_style_problems(colour, {**_others(layer), prop: values}, _names(layer))
    if problems:
        raise LayerError([f"{_where(layer)}: {p}" for p in problems])
    return compute_classes(values, layer.style, where=_where(layer), names=_names(layer))


def _others(layer: Layer) -> dict[str, list[Any]]:
    """The layer's other properties (their names, for a message)."""
    return {c: [] for c in layer.frame.columns if c != layer.frame.geometry.name}


def layer_sizes(layer: Layer) -> Sizes | None:
    """The sizes of a layer's points whose style has ``size-by`` (None for another).

    Raises
    ------
    LayerError
        For a property no feature has, or values not numbers zero or more.
    """
    if not layer.style.get("size-by"):
        return None
    prop = str(layer.style["size-by"])
    values = _column(layer, prop)
    style = {"size-by": prop}
    problems = classed_style_problems(style, {**_others(layer), prop: values}, _names(layer))
    if problems:
        raise LayerError([f"{_where(layer)}: {p}" for p in problems])
    unit = str(layer.style.get("unit", ""))
    return compute_sizes(values, prop, where=_where(layer), names=_names(layer), unit=unit)


def classed_style(
    *,
    color_by: str | None = None,
    scheme: str | None = None,
    classes: int | None = None,
    palette: str | None = None,
    size_by: str | None = None,
    unit: str | None = None,
) -> dict[str, Any]:
    """The ``style`` keys of a classed style (those given), checked: the one reading of
    ``corridors import`` and ``corridors build``'s options.

    >>> classed_style(color_by="amount", classes=4, unit="US$")
    {'color-by': 'amount', 'classes': 4, 'unit': 'US$'}
    >>> classed_style(classes=4)
    Traceback (most recent call last):
    ValueError: Expected color_by with classes, instead got no color_by

    Raises
    ------
    ValueError
        For a value out of range (naming the option), or ``scheme``, ``classes`` or
        ``palette`` without ``color_by``, or ``unit`` without either property.
    """
    keys = {
        "color-by": color_by,
        "scheme": scheme,
        "classes": classes,
        "palette": palette,
        "size-by": size_by,
        "unit": unit,
    }
    style = {k: v for k, v in keys.items() if v is not None}
    for key, value in style.items():
        if problem := style_problem(key, value):
            want = problem.split("; expected ", 1)[-1]
            raise ValueError(
                f"Expected {key.replace('-', '_')} to be {want}, instead got {value!r}"
            )
    coloured = [k for k in ("scheme", "classes", "palette") if k in style]
    if coloured and color_by is None:
        raise ValueError(f"Expected color_by with {', '.join(coloured)}, instead got no color_by")
    if unit is not None and color_by is None and size_by is None:
        raise ValueError("Expected color_by or size_by with unit, instead got neither")
    return style


def restyle(layer: Layer, **options: Any) -> Layer:
    """A copy of ``layer`` with the classed style of ``options`` (:func:`classed_style`'s)
    over its own, checked against its features (its file is not changed).

    Raises
    ------
    ValueError
        For a bad option (:func:`classed_style`).
    LayerError
        For a property no feature has, or values the style cannot class or size.
    """
    out = replace(layer, style={**layer.style, **classed_style(**options)})
    layer_classes(out)
    layer_sizes(out)
    return out
