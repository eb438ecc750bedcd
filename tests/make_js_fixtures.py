#!/usr/bin/env python3
"""Write tests/js/fixtures/encoding.json: what the Python encoder (geo.encoding,
geo.mapspec) writes, and what the Python reference decoders read back, for the page's
decoder tests (tests/js/decode.test.js), the point symbols as the map spec carries
them (tests/js/symbols.test.js), the status vocabulary with the looks Python gives
each status (geo.style.status_style, grey_mix: tests/js/status.test.js), and for the
page's downloads (tests/js/download.test.js) the CSV cells of :data:`CSV_CELLS` and
whether a feature is on the map in a year (geo.years.status_in); those tests run under
``node --test`` alone, from the committed file. tests/test_js.py checks that
the file is what this script writes now.

Usage:  python3 tests/make_js_fixtures.py   (from the repository root)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping

from geo import encoding, mapspec
from geo.format import STATUSES, SYMBOLS
from geo.style import grey_mix, status_style
from geo.years import status_in

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

#: Years and feature years for geo.years.status_in's `shown` (tests/js/download.test.js).
_YEARS = [
    (start, end, building)
    for start in (None, 2011, 2016)
    for end in (None, 2016, 2022)
    for building in (None, 2009, 2014)
]


def _year_cases() -> list[dict[str, Any]]:
    """Whether a feature with these years is on the map in each year from 2008 to 2024."""
    return [
        {"year": year, "start_year": s, "end_year": e, "construction_start_year": b,
         "shown": status_in(year, "operating", start_year=s, end_year=e,
                            construction_start_year=b).shown}
        for s, e, b in _YEARS
        for year in range(2008, 2025)
    ]  # fmt: skip


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
        "csv_cells": [{"value": v, "cell": c} for v, c in CSV_CELLS],
        "years": _year_cases(),
    }
    return json.dumps(doc, indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(fixtures_text(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(OUT.parents[3])}")
