#!/usr/bin/env python3
"""Write tests/js/fixtures/encoding.json: what the Python encoder (geo.encoding,
geo.mapspec) writes, and what the Python reference decoders read back, for the page's
decoder tests (tests/js/decode.test.js), the point symbols as the map spec carries
them (tests/js/symbols.test.js), and the status vocabulary with the looks Python gives
each status (geo.style.status_style, grey_mix: tests/js/status.test.js), where
features stand in a year (geo.years: every case of tests/test_years.py's table, and
random layers through geo.mapspec.layer_spec and geo.as_of: tests/js/years.test.js),
and the CSV cells of :data:`CSV_CELLS` (the page's downloads: tests/js/download.test.js);
those tests run under ``node --test`` alone, from the committed file. tests/test_js.py checks that
the file is what this script writes now.

Usage:  python3 tests/make_js_fixtures.py   (from the repository root)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import mapping
from test_years import STATUS_IN_CASES

from geo import encoding, mapspec
from geo.format import STATUSES, SYMBOLS
from geo.layers import Layer
from geo.style import grey_mix, status_style
from geo.values import is_missing
from geo.years import YEAR_KEYS, as_of

OUT = Path(__file__).resolve().parent / "js" / "fixtures" / "encoding.json"

#: Integers the varints must carry exactly: one and several bytes, and up to 2**53 - 1
#: (the largest a double holds exactly) once zigzagged or not.
SIGNED = [0, 1, -1, 63, -64, 64, -65, 300, -70_000, 2**31, -(2**31), 2**40 + 7, 2**52 - 1, -(2**52)]
UNSIGNED = [0, 1, 127, 128, 16_383, 16_384, 2**32 + 1, 2**53 - 1]


def _packed_cases() -> list[dict[str, Any]]:
    """Small values with rare large ones (escaped to the far varints), and none escaped."""
    rng = np.random.default_rng(19)
    small = rng.integers(-40, 40, size=200)
    small[[3, 70, 150]] = [700_000, -(2**40), 2**45 + 3]
    cases = [small, np.array([0, 1, -1, 3, -2, 700_000]), np.array([5, -5, 0]), np.array([])]
    return [
        {"values": [int(v) for v in values], "spec": encoding.encode_packed(values)}
        for values in cases
    ]


def _geometry_cases() -> dict[str, list[Any]]:
    """One case per shape code (0 to 7, and 15 for none), and a mix."""
    ring = [(10, 10), (20, 10), (20, 20), (10, 20), (10, 10)]
    hole = [(14, 14), (16, 14), (16, 16), (14, 16), (14, 14)]
    lane = [(121.5, 31.2), (150.0, 20.0), (190.0, -5.0), (282.8, -11.6)]  # past 180°, as drawn
    return {
        "Point": [shapely.Point(116.40739, 39.90421), shapely.Point(-77.27, -11.58)],
        "LineString": [shapely.LineString(lane), shapely.LineString([(0, 0), (1e-5, 1)])],
        "Polygon": [shapely.Polygon(ring, [hole]), shapely.Polygon(ring)],
        "MultiPoint": [shapely.MultiPoint([(1, 2), (3, 4), (-5, -6)])],
        "MultiLineString": [shapely.MultiLineString([lane[:2], lane[2:], [(0, 0), (0, 1)]])],
        "MultiPolygon": [
            shapely.MultiPolygon([shapely.Polygon(ring, [hole]), shapely.Polygon(hole)])
        ],
        "GeometryCollection": [
            shapely.GeometryCollection(
                [
                    shapely.Point(1, 1),
                    shapely.LineString([(0, 0), (2, 2)]),
                    shapely.GeometryCollection([shapely.Polygon(ring)]),
                ]
            )
        ],
        "none": [None, shapely.Point(), shapely.LineString([(1, 1), (2, 2)])],
        # one small step after another, then a jump across the world: escaped deltas
        "escaped": [
            shapely.LineString([(0, 0), (1e-5, 2e-5), (-179.99999, 89.9), (179.99999, -89.9)]),
            shapely.Point(179.9999999, -89.9999999),
        ],
    }


def _plain(geom: Any) -> Any:
    """A geometry as GeoJSON-like lists (None for none)."""
    if geom is None:
        return None
    return json.loads(json.dumps(mapping(geom)))


#: Layer styles to draw in each status: a line, a dashed line, a point layer (as
#: geo.style.layer_style makes them).
STYLES = [
    {"color": "#5d3a1a", "weight": 4.0, "opacity": 0.85, "fillColor": "#5d3a1a",
     "fillOpacity": 0.2, "markerColor": "#5d3a1a", "radius": 6.5, "symbol": "circle"},
    {"color": "#5d6d7e", "weight": 3.0, "opacity": 0.9, "fillColor": "#5d6d7e",
     "fillOpacity": 0.2, "markerColor": "#5d6d7e", "radius": 6.5, "symbol": "circle",
     "dashArray": "12 4 2 4"},
    {"color": "#abc", "weight": 2.5, "opacity": 0.8, "fillColor": "#abc", "fillOpacity": 0.2,
     "markerColor": "#17202a", "radius": 9.0, "symbol": "triangle"},
]  # fmt: skip


def _status_cases() -> dict[str, Any]:
    """The vocabulary as the map spec carries it, each style drawn in each status, and
    colours mixed toward grey (rounding halves up)."""
    spec = mapspec.map_spec([])["status"]
    drawn = [
        {"style": look, "status": key, "drawn": status_style(look, status)}
        for look in STYLES
        for key, status in STATUSES.items()
    ]
    mixes = [
        {"colour": c, "share": t, "grey": g, "mixed": grey_mix(c, t, g)}
        for c, t, g in [("#c0392b", 0.5, "#8c8c8c"), ("#000", 0.5, "#fff"), ("#010101", 0.5,
                        "#020202"), ("#5b2c6f", 0.85, "#8c8c8c"), ("#ffffff", 1.0, "#8c8c8c")]
    ]  # fmt: skip
    return {"spec": spec, "drawn": drawn, "grey_mix": mixes}


#: The years the random layers are shown in: from before any feature to after all.
YEARS = (1998, 2036)


def _random_layer(rng: np.random.Generator, layer_id: str, n: int, statuses: bool) -> Layer:
    """``n`` features with random statuses (the vocabulary's, in several spellings, or
    none) and random years, each of the year keys present or not, mostly in the order the
    layers write them, a third at random (the rules must agree on any input); with
    ``statuses`` False, no status column."""
    spellings = [None, "Historic", " active ", "Under Construction", "not known"]
    spellings += [status.aliases[-1] for status in STATUSES.values()]
    rows = []
    for i in range(n):
        row: dict[str, Any] = {"name": f"{layer_id} {i}"}
        if statuses:
            row["status"] = spellings[int(rng.integers(len(spellings)))]
        start = int(rng.integers(2000, 2030))
        # as the layers write them (built, opened, stopped, last reported), or at random
        ordered = {"start_year": start, "end_year": start + int(rng.integers(0, 8)),
                   "construction_start_year": start - int(rng.integers(0, 8)),
                   "status_year": start + int(rng.integers(-2, 8))}  # fmt: skip
        for key in YEAR_KEYS:
            if rng.random() < 0.5:
                row[key] = ordered[key] if i % 3 else int(rng.integers(2000, 2034))
        rows.append(row)
    geometry = [shapely.Point(i * 0.01, 0.0) for i in range(n)]
    frame = gpd.GeoDataFrame(rows, geometry=geometry, crs=4326)
    return Layer(layer_id, layer_id.title(), "port", None, frame)


#: How :func:`_states_text` writes a feature off the map, and one on it without a status;
#: a status is written as its place in the vocabulary (0 to 9).
OFF, NO_STATUS = ".", "*"


def _states_text(states: list[tuple[bool, str | None]]) -> str:
    """Where a feature stands in each year, a character a year: :data:`OFF`,
    :data:`NO_STATUS`, or its status's place in the vocabulary."""
    keys = list(STATUSES)
    assert len(keys) <= 10
    return "".join(
        (NO_STATUS if key is None else str(keys.index(key))) if shown else OFF
        for shown, key in states
    )


def _year_cases() -> dict[str, Any]:
    """Every case of tests/test_years.py's table, and random layers as the map spec
    carries them (``status``, ``years``) with each feature's place in each year of
    :data:`YEARS` by geo.as_of (by the feature's name)."""
    table = [
        {"year": year, "status": status, "years": years, "shown": want.shown,
         "drawn": want.status}
        for year, status, years, want in STATUS_IN_CASES
    ]  # fmt: skip
    rng = np.random.default_rng(2021)
    layers = [
        _random_layer(rng, "with-status", 300, True),
        _random_layer(rng, "no-status", 100, False),
    ]
    out = []
    for layer in layers:
        spec = mapspec.layer_spec(layer)
        names = layer.frame["name"].tolist()
        states: dict[str, list[tuple[bool, str | None]]] = {name: [] for name in names}
        for year in range(YEARS[0], YEARS[1] + 1):
            then = as_of([layer], year)
            found = {}
            if then:
                frame = then[0].frame
                statuses = frame["status"] if "status" in frame.columns else [None] * len(frame)
                found = {
                    name: None if is_missing(key) else key
                    for name, key in zip(frame["name"], statuses, strict=True)
                }
            for name in names:
                states[name].append((name in found, found.get(name)))
        out.append({
            "id": layer.id,
            "spec": {"count": spec["count"], "status": spec["status"], "years": spec["years"]},
            "states": [_states_text(states[name]) for name in names],
        })  # fmt: skip
    return {"table": table, "years": list(YEARS), "off": OFF, "no_status": NO_STATUS,
            "statuses": list(STATUSES), "layers": out}  # fmt: skip


#: A value and the CSV cell made of it: geo._text.csv_cell (tests/test_safe_output.py) and
#: the page's csvCell (src/download.js, tests/js/download.test.js) must both make it.
CSV_CELLS: list[tuple[Any, Any]] = [
    ("=1+2", "'=1+2"),
    ("+1", "'+1"),
    ("-3", "'-3"),  # text, though it looks like a number
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\\t=1"),
    ("\r=1", "'\\r=1"),
    ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
    ("a=1", "a=1"),
    (" =1", " =1"),
    ("'=1", "'=1"),
    ("a\nb\r\n", "a\\nb\\r\\n"),
    ("Gwadar\u202e\x1b[2J\u009b", "Gwadar\\u202e\\x1b[2J\\x9b"),
    ("\x00\x7f\u061c\u200e\u2028\u2066", "\\x00\\x7f\\u061c\\u200e\\u2028\\u2066"),
    ("lone \ud800 and \udfff", "lone \\ud800 and \\udfff"),  # undecodable halves
    ("train \U0001f686", "train \U0001f686"),  # a whole character beyond the BMP is kept
    ("Ürümqi – 瓜达尔", "Ürümqi – 瓜达尔"),
    ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
    ("", ""),
    (-3.5, -3.5),  # numbers stay numbers, negative ones too
    (-3, -3),
    (2018, 2018),
    (None, None),
]


def fixtures_text() -> str:
    """The fixture file's text."""
    geometries = []
    for name, geoms in _geometry_cases().items():
        for scale in (encoding.SCALE, mapspec.POINT_SCALE):
            spec = mapspec.encode_geometries(np.array(geoms, dtype=object), scale=scale)
            expected = [_plain(g) for g in mapspec.decode_geometries(spec)]
            geometries.append({"name": f"{name} at 1/{scale}", "spec": spec, "expected": expected})
    doc = {
        "about": "written by tests/make_js_fixtures.py from geo.encoding and geo.mapspec",
        "varints": [
            {
                "signed": True,
                "values": SIGNED,
                "text": encoding.encode_varints(SIGNED, signed=True),
            },
            {
                "signed": False,
                "values": UNSIGNED,
                "text": encoding.encode_varints(UNSIGNED, signed=False),
            },
        ],
        "packed": _packed_cases(),
        "geometries": geometries,
        "symbols": {name: symbol.spec() for name, symbol in SYMBOLS.items()},
        "status": _status_cases(),
        "years": _year_cases(),
        "csv_cells": [{"value": v, "cell": c} for v, c in CSV_CELLS],
    }
    return json.dumps(doc, indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(fixtures_text(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(OUT.parents[3])}")
