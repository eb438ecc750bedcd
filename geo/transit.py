"""Days a route takes, from published speeds: :func:`transit_days` and
:func:`transit_assumptions`.

The speeds and the time added at canals are in ``geo/data/routing.toml`` (``[days.rail]``
and ``[days.sea]``), each with its source and year. A route's days are a ``(low, high)``
pair: at the faster and at the slower speed. By rail, a km in a standard-gauge country
other than China runs at the European speed (trains there cover fewer km a day), every
other km at the main one; by sea, the nautical miles at the knots, plus the days of each
canal passed (the Suez Canal). Congestion at the gauge-change terminals is not included;
the assumptions say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .countries import length_by_country
from .railcost import STANDARD_GAUGE_MM, RailCost, routing_table

__all__ = ["TransitAssumptions", "passage_name", "transit_assumptions", "transit_days"]

_FILE = "geo/data/routing.toml"


@dataclass(frozen=True)
class TransitAssumptions:
    """The speeds a route's days are computed from, as (fast, slow) pairs."""

    km_per_day: tuple[float, float]
    europe_km_per_day: tuple[float, float]
    knots: tuple[float, float]
    canal_days: tuple[tuple[str, float, float], ...] = ()
    rail_source: str = ""
    sea_source: str = ""
    notes: tuple[str, ...] = field(default=())

    def describe(self, mode: str) -> str:
        """The assumptions of one mode, in words (the output prints them)."""
        if mode == "rail":
            fast, slow = self.km_per_day
            text = f"rail {fast:,.0f}" + (f"–{slow:,.0f}" if slow != fast else "") + " km a day"
            if self.europe_km_per_day != self.km_per_day:
                e_fast, e_slow = self.europe_km_per_day
                text += f" ({e_fast:,.0f}–{e_slow:,.0f} in Europe)"
            return f"{text} [{self.rail_source}]" + "".join(f"; {n}" for n in self.notes if n)
        fast, slow = self.knots
        canals = ", ".join(
            f"{passage_name(k)} {lo * 24:.0f}–{hi * 24:.0f} h" for k, lo, hi in self.canal_days
        )
        speed = f"{fast:g}" if fast == slow else f"{fast:g}–{slow:g}"
        return f"sea {speed} knots" + (f", {canals}" if canals else "") + f" [{self.sea_source}]"


def _pair(value: Any, where: str) -> tuple[float, float]:
    ok = (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) and v > 0 for v in value)
    )
    if not ok:
        raise ValueError(f"{_FILE}: {where} is {value!r}; expected [fast, slow], two numbers > 0")
    return float(value[0]), float(value[1])


def transit_assumptions(
    *, km_per_day: float | None = None, knots: float | None = None
) -> TransitAssumptions:
    """The speeds of ``geo/data/routing.toml``; ``km_per_day`` (every rail km) or ``knots``
    replace a pair by one speed.

    Examples
    --------
    >>> a = transit_assumptions(knots=18)
    >>> a.knots, a.km_per_day
    ((18.0, 18.0), (1100.0, 800.0))
    """
    days = routing_table().get("days", {})
    rail, sea = days.get("rail", {}), days.get("sea", {})
    out = TransitAssumptions(
        km_per_day=_pair(rail.get("km_per_day"), "[days.rail] km_per_day"),
        europe_km_per_day=_pair(rail.get("europe_km_per_day"), "[days.rail] europe_km_per_day"),
        knots=_pair(sea.get("knots"), "[days.sea] knots"),
        canal_days=tuple(
            (k, *_pair(v, f"[days.sea] canal_days.{k}"))
            for k, v in sea.get("canal_days", {}).items()
        ),
        rail_source=str(rail.get("source", "")),
        sea_source=str(sea.get("source", "")),
        notes=(str(rail.get("congestion_note", "")),),
    )
    for name, value in (("km_per_day", km_per_day), ("knots", knots)):
        if value is not None and not (isinstance(value, int | float) and value > 0):
            raise ValueError(f"Expected {name} to be a number > 0, instead got: {value!r}")
    if km_per_day is not None:
        one = (float(km_per_day), float(km_per_day))
        out = replace(out, km_per_day=one, europe_km_per_day=one, rail_source="as given")
    if knots is not None:
        out = replace(out, knots=(float(knots), float(knots)), sea_source="as given")
    return out


def passage_name(key: str) -> str:
    """A searoute passage by its name: 'suez' -> 'Suez Canal' (an unknown key as it is)."""
    return str(routing_table().get("sea", {}).get("passages", {}).get(key, key))


def transit_days(
    mode: str,
    geometry: Any,
    length_nmi: float,
    passages: tuple[str, ...],
    assumptions: TransitAssumptions,
    cost: RailCost | None = None,
) -> tuple[float, float]:
    """A route's (low, high) days: see the module docstring. ``cost`` gives the gauges
    (by rail)."""
    if mode == "sea":
        fast, slow = assumptions.knots
        canal = {k: (lo, hi) for k, lo, hi in assumptions.canal_days}
        add_lo = sum(canal[p][0] for p in passages if p in canal)
        add_hi = sum(canal[p][1] for p in passages if p in canal)
        return (length_nmi / fast / 24 + add_lo, length_nmi / slow / 24 + add_hi)
    runs = length_by_country(geometry)
    gauge = (lambda c: cost.gauge_mm(c)) if cost else (lambda c: STANDARD_GAUGE_MM)
    only = cost.gateway_only if cost else ("CHN",)
    europe = runs["country"].map(
        lambda c: c is not None and gauge(c) == STANDARD_GAUGE_MM and c not in only
    )
    km_europe = float(runs.loc[europe, "length_km"].sum())
    km_main = float(runs["length_km"].sum()) - km_europe
    (fast, slow), (e_fast, e_slow) = assumptions.km_per_day, assumptions.europe_km_per_day
    return (km_main / fast + km_europe / e_fast, km_main / slow + km_europe / e_slow)
