"""Write the broken layer files in ``tests/data/bad/``: one problem each, one with five.

Run once from anywhere (``python3 tests/data/make_bad_files.py``) and commit the outputs;
``tests/test_validation.py`` checks that the committed files still match this script.
The deeply nested file (100 kB) is not committed: a fixture in the tests writes it.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
BAD_DIR = HERE / "bad"


def _layer(category="port", features=(), name="Test layer", **extra) -> dict:
    doc = {"type": "FeatureCollection"}
    if name is not None:
        doc["name"] = name
    if category is not None:
        doc["category"] = category
    doc.update(extra)
    doc["features"] = list(features)
    return doc


def _feature(name, geometry, **props) -> dict:
    properties = {} if name is None else {"name": name}
    properties.update(props)
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def _point(lon, lat) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


def _line(*positions) -> dict:
    return {"type": "LineString", "coordinates": [list(p) for p in positions]}


def _dump(doc) -> bytes:
    # allow_nan keeps NaN as the bare JSON literal, as some tools write it
    return (json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=True) + "\n").encode()


GWADAR = _feature("Gwadar", _point(62.33, 25.12))
COLOMBO = _feature("Colombo", _point(79.85, 6.95))
CORRIDOR = _feature("Kashgar–Gwadar", _line((75.99, 39.47), (62.33, 25.12)))

_VALID_PORTS = _dump(_layer("port", [GWADAR, COLOMBO]))

BAD_FILES: dict[str, bytes] = {
    "empty.geojson": b"",
    "truncated.geojson": _VALID_PORTS[: len(_VALID_PORTS) // 2],
    # "Ürümqi" in Latin-1: 0xdc is not valid UTF-8 here
    "latin1.geojson": _dump(_layer("rail-node", [_feature("Ürümqi", _point(87.6, 43.8))]))
    .decode()
    .encode("latin-1"),
    "bare_feature.geojson": _dump(GWADAR),
    "bare_geometry.geojson": _dump(_point(62.33, 25.12)),
    "json_list.geojson": _dump([GWADAR, COLOMBO]),
    "missing_category.geojson": _dump(_layer(None, [GWADAR])),
    "unknown_category.geojson": _dump(_layer("railway", [GWADAR])),
    "category_list.geojson": _dump(_layer(["port"], [GWADAR])),
    "missing_layer_name.geojson": _dump(_layer("port", [GWADAR], name=None)),
    "feature_without_name.geojson": _dump(_layer("port", [_feature(None, _point(62.33, 25.12))])),
    "duplicate_names.geojson": _dump(
        _layer("port", [GWADAR, _feature("Gwadar", _point(62.35, 25.10))])
    ),
    "point_in_corridor.geojson": _dump(
        _layer("corridor", [_feature("Gwadar", _point(62.33, 25.12))])
    ),
    "linestring_in_port.geojson": _dump(_layer("port", [CORRIDOR])),
    "one_position_line.geojson": _dump(
        _layer("corridor", [_feature("Stub", _line((75.99, 39.47)))])
    ),
    "string_coordinate.geojson": _dump(
        _layer("port", [_feature("Gwadar", {"type": "Point", "coordinates": ["62.33", 25.12]})])
    ),
    "boolean_coordinate.geojson": _dump(
        _layer("corridor", [_feature("Kashgar–Gwadar", _line((75.99, 39.47), (62.33, True)))])
    ),
    "nan_coordinate.geojson": _dump(
        _layer("port", [_feature("Gwadar", _point(float("nan"), 25.12))])
    ),
    "longitude_out_of_range.geojson": _dump(
        _layer("port", [_feature("Nowhere", _point(242.33, 25.12))])
    ),
    # Beijing written [lat, lon]
    "swapped_lat_lon.geojson": _dump(
        _layer("rail-node", [_feature("Beijing", _point(39.9, 116.4))])
    ),
    "null_geometry.geojson": _dump(_layer("port", [_feature("Gwadar", None)])),
    "empty_geometry.geojson": _dump(
        _layer("corridor", [_feature("Kashgar–Gwadar", {"type": "LineString", "coordinates": []})])
    ),
    "crs_3857.geojson": _dump(
        _layer(
            "port",
            [GWADAR],
            crs={"type": "name", "properties": {"name": "EPSG:3857"}},
        )
    ),
    "bad_style.geojson": _dump(_layer("port", [GWADAR], style={"marker-color": "navy"})),
    "bad_figures.geojson": _dump(
        _layer(
            "port",
            [GWADAR],
            figures=[
                {"label": "Investment", "value": "about 1.6bn", "year": 2015, "source": "x"},
            ],
        )
    ),
    # Five problems, one line each: no layer name; bad style; feature 0 has no name;
    # feature 2 repeats feature 1's name; feature 3 is written [lat, lon].
    "many_problems.geojson": _dump(
        _layer(
            "port",
            [
                _feature(None, _point(62.33, 25.12)),
                COLOMBO,
                _feature("Colombo", _point(79.86, 6.94)),
                _feature("Chittagong", _point(22.3, 91.8)),
            ],
            name=None,
            style={"marker-size": "huge"},
        )
    ),
}


def main() -> None:
    BAD_DIR.mkdir(parents=True, exist_ok=True)
    for name, data in BAD_FILES.items():
        (BAD_DIR / name).write_bytes(data)
    print(f"wrote {len(BAD_FILES)} files to {BAD_DIR}")


if __name__ == "__main__":
    main()
