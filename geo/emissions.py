"""CO2 per TEU a route emits, from published intensities: :func:`emission_assumptions` and
:func:`co2_kg_per_teu`.

The intensities (g CO2e per tonne-km, by mode) and the load of a TEU (tonnes) are in
``geo/data/routing.toml`` (``[co2]``), each with its source, year and what it covers. A
leg's CO2 is a ``(low, high)`` pair in kg CO2e per TEU::

    km x tonnes per TEU x g CO2e per tonne-km / 1000

at the low and at the high intensity of its mode. Where two sources disagree they are the
two ends; the output names both (:meth:`EmissionAssumptions.describe`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from .layers import LayerError
from .railcost import routing_table

__all__ = ["EmissionAssumptions", "Intensity", "co2_kg_per_teu", "emission_assumptions"]

_FILE = "geo/data/routing.toml"


@dataclass(frozen=True)
class Intensity:
    """An emission intensity (g CO2e per tonne-km) with its source, year and coverage."""

    g_per_tonne_km: float
    source: str
    year: int
    covers: str

    def describe(self) -> str:
        """In words: '18.4 g CO2e/t-km (EU average rail freight...; 2025: GLEC ...)'."""
        return f"{self.g_per_tonne_km:g} g CO2e/t-km ({self.covers}; {self.year}: {self.source})"


@dataclass(frozen=True)
class EmissionAssumptions:
    """What a route's CO2 per TEU is computed from: the tonnes in a TEU, and the (low,
    high) intensities of each mode."""

    tonnes_per_teu: float
    tonnes_source: str
    #: (mode, low, high) for each mode of ``[co2]``
    intensities: tuple[tuple[str, Intensity, Intensity], ...]
    #: (mode, mode whose intensities it takes): a straight land leg is taken as rail
    same_as: tuple[tuple[str, str], ...] = ()

    def intensity(self, mode: str) -> tuple[Intensity, Intensity]:
        """The (low, high) intensities of a leg's mode (a ``ValueError`` for an unknown one)."""
        mode = dict(self.same_as).get(mode, mode)
        for name, low, high in self.intensities:
            if name == mode:
                return low, high
        known = ", ".join(repr(m) for m, _, _ in self.intensities)
        raise ValueError(f"Expected a mode among {known} for its CO2, instead got: {mode!r}")

    def describe(self, mode: str) -> str:
        """The intensities of one mode and the load, in words (the output prints them)."""
        low, high = self.intensity(mode)
        return (
            f"{mode} {low.g_per_tonne_km:g}–{high.g_per_tonne_km:g} g CO2e/t-km x "
            f"{self.tonnes_per_teu:g} t per TEU: low {low.describe()}; high {high.describe()}"
        )

    def describe_load(self) -> str:
        """The tonnes in a TEU and their source, in words."""
        return f"{self.tonnes_per_teu:g} t per TEU [{self.tonnes_source}]"


def _number(value: Any, where: str, problems: list[str]) -> float:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and value > 0
    if not ok or not math.isfinite(value):
        problems.append(f"{_FILE}: {where} is {value!r}; expected a number > 0")
        return math.nan
    return float(value)


def _intensity(table: Any, where: str, problems: list[str]) -> Intensity:
    if not isinstance(table, dict):
        problems.append(f"{_FILE}: {where} is {table!r}; expected a table")
        return Intensity(math.nan, "", 0, "")
    for key in ("source", "covers"):
        if not isinstance(table.get(key), str) or not table[key].strip():
            problems.append(f"{_FILE}: {where}.{key} is {table.get(key)!r}; expected a text")
    year = table.get("year")
    if isinstance(year, bool) or not isinstance(year, int):
        problems.append(f"{_FILE}: {where}.year is {year!r}; expected a year")
    return Intensity(
        _number(table.get("g_per_tonne_km"), f"{where}.g_per_tonne_km", problems),
        " ".join(str(table.get("source", "")).split()),
        year if isinstance(year, int) else 0,
        str(table.get("covers", "")),
    )


def emission_assumptions(*, tonnes_per_teu: Any = None) -> EmissionAssumptions:
    """The intensities and load of ``geo/data/routing.toml``'s ``[co2]``; ``tonnes_per_teu``
    replaces the load (a ``ValueError`` unless it is a number > 0).

    Examples
    --------
    >>> a = emission_assumptions(tonnes_per_teu=14)
    >>> a.tonnes_per_teu, a.tonnes_source
    (14.0, 'as given')
    >>> [i.g_per_tonne_km for i in a.intensity("rail")]
    [18.4, 27.5]
    """
    table = routing_table().get("co2", {})
    problems: list[str] = []
    modes = []
    for mode, value in table.items():
        if isinstance(value, dict) and mode != "same_as":
            modes.append(
                (
                    mode,
                    _intensity(value.get("low"), f"[co2.{mode}] low", problems),
                    _intensity(value.get("high"), f"[co2.{mode}] high", problems),
                )
            )
    load = _number(table.get("tonnes_per_teu"), "[co2] tonnes_per_teu", problems)
    same_as = table.get("same_as", {})
    if not isinstance(same_as, dict) or not all(v in dict(table) for v in same_as.values()):
        problems.append(f"{_FILE}: [co2] same_as is {same_as!r}; expected modes of [co2]")
        same_as = {}
    if problems:
        raise LayerError(problems)
    out = EmissionAssumptions(
        tonnes_per_teu=load,
        tonnes_source=" ".join(str(table.get("tonnes_per_teu_source", "")).split()),
        intensities=tuple(modes),
        same_as=tuple(sorted(same_as.items())),
    )
    if tonnes_per_teu is not None:
        ok = isinstance(tonnes_per_teu, int | float) and not isinstance(tonnes_per_teu, bool)
        if not ok or not (math.isfinite(tonnes_per_teu) and tonnes_per_teu > 0):
            raise ValueError(
                f"Expected tonnes per TEU to be a number > 0, instead got: {tonnes_per_teu!r}"
            )
        out = replace(out, tonnes_per_teu=float(tonnes_per_teu), tonnes_source="as given")
    return out


def co2_kg_per_teu(
    mode: str, length_km: float, assumptions: EmissionAssumptions
) -> tuple[float, float]:
    """A leg's (low, high) kg CO2e per TEU: ``length_km`` x tonnes per TEU x the mode's low
    and high g CO2e per tonne-km, / 1000.

    Examples
    --------
    >>> a = emission_assumptions(tonnes_per_teu=10)
    >>> co2_kg_per_teu("rail", 1000.0, a)  # 1,000 km x 10 t x 18.4 and 27.5 g/t-km
    (184.0, 275.0)
    """
    low, high = assumptions.intensity(mode)
    tonne_km = length_km * assumptions.tonnes_per_teu
    return (tonne_km * low.g_per_tonne_km / 1000.0, tonne_km * high.g_per_tonne_km / 1000.0)
