"""Property: a layer that validates always builds, exports and measures.

Hypothesis generates valid layers of every geometry type, with positions drawn towards
±180° and the poles, 2D and 3D; for each, ``validate`` passing implies that
``build_map``, ``save_map``, ``export_geojson`` (densified), ``corridor_lengths`` and
``geodesic_length`` all succeed.
"""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import geo

EDGE_LON = [-180.0, -179.9999, -179.5, 179.5, 179.9999, 180.0, 0.0]
EDGE_LAT = [-90.0, -89.9999, -89.0, 89.0, 89.9999, 90.0, 0.0]

lon = st.one_of(st.sampled_from(EDGE_LON), st.floats(-180, 180, allow_nan=False))
lat = st.one_of(st.sampled_from(EDGE_LAT), st.floats(-90, 90, allow_nan=False))
position = st.one_of(
    st.tuples(lon, lat).map(list),
    st.tuples(lon, lat, st.floats(-1e4, 1e4, allow_nan=False)).map(list),
)
line = st.lists(position, min_size=2, max_size=6)


@st.composite
def ring(draw) -> list:
    body = draw(st.lists(position, min_size=3, max_size=6))
    return [*body, list(body[0])]


point = position.map(lambda p: {"type": "Point", "coordinates": p})
multipoint = st.lists(position, min_size=1, max_size=4).map(
    lambda c: {"type": "MultiPoint", "coordinates": c}
)
linestring = line.map(lambda c: {"type": "LineString", "coordinates": c})
multilinestring = st.lists(line, min_size=1, max_size=3).map(
    lambda c: {"type": "MultiLineString", "coordinates": c}
)
polygon = st.lists(ring(), min_size=1, max_size=2).map(
    lambda c: {"type": "Polygon", "coordinates": c}
)
multipolygon = st.lists(st.lists(ring(), min_size=1, max_size=2), min_size=1, max_size=2).map(
    lambda c: {"type": "MultiPolygon", "coordinates": c}
)
simple = st.one_of(point, multipoint, linestring, multilinestring, polygon, multipolygon)
collection = st.lists(simple, min_size=1, max_size=3).map(
    lambda g: {"type": "GeometryCollection", "geometries": g}
)
geometry = st.one_of(simple, collection)


@st.composite
def layer_doc(draw) -> dict:
    category = draw(st.sampled_from(["other", "corridor", "sea-lane", "port"]))
    kind = {"other": geometry, "port": point}.get(category, st.one_of(linestring, multilinestring))
    geoms = draw(st.lists(kind, min_size=1, max_size=4))
    features = [
        {"type": "Feature", "properties": {"name": f"f{i}"}, "geometry": g}
        for i, g in enumerate(geoms)
    ]
    return {"type": "FeatureCollection", "name": "Generated", "category": category,
            "features": features}  # fmt: skip


def test_valid_layer_builds_exports_and_measures(tmp_path):
    valid: list[bool] = []

    @settings(
        max_examples=150,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(doc=layer_doc())
    def builds(doc):
        folder = tmp_path / "layers"
        folder.mkdir(exist_ok=True)
        path = folder / "generated.geojson"
        path.write_text(json.dumps(doc), encoding="utf-8")
        try:
            geo.validate_file(path)
        except geo.LayerError:  # not valid: nothing is promised
            valid.append(False)
            return
        valid.append(True)
        layers = geo.load_layers(folder)
        geo.save_map(geo.build_map(layers), tmp_path / "map.html")
        geo.export_geojson(layers, tmp_path / "all.geojson", densify_km=500)
        geo.corridor_lengths(layers)
        km = geo.geodesic_length(layers[0].frame)
        assert all(math.isfinite(v) and v >= 0 for v in km)

    builds()
    # the property is only worth something if most generated layers are valid
    assert len(valid) >= 100 and sum(valid) >= 0.75 * len(valid), (sum(valid), len(valid))
