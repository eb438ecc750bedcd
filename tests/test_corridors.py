"""The corridor layers follow their official texts: they pass the nodes those texts name,
say which text they follow, and draw no leg over the sea."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest
import shapely
import shapely.ops
from conftest import shipped_ids
from pyproj import Geod

import geo
from geo.basemap import countries, land

#: The shipped data checked, not code: left out by ``pytest -m "not data"``.
pytestmark = pytest.mark.data

GEOD = Geod(ellps="WGS84")

#: corridor file -> (nodes the official text names, in the order a part meets them; the URL of
#: that text, which the feature's source must cite)
OFFICIAL = {
    "china_mongolia_russia": (
        [
            ["Beijing", "Hohhot"],
            ["Dalian", "Shenyang", "Changchun", "Harbin", "Manzhouli", "Chita"],
        ],
        "http://english.scio.gov.cn/featured/chinakeywords/2019-07/11/content_74977493.htm",
    ),
    "new_eurasian_land_bridge": (
        [["Lianyungang", "Rotterdam"], ["Rizhao", "Lianyungang"], ["Duisburg", "Antwerp"]],
        "http://keywords.china.org.cn/2019-04/17/content_74691522.html",
    ),
    "china_central_asia_west_asia": (
        [["Urumqi", "Tashkent", "Tehran"], ["Tashkent", "Dushanbe"], ["Tehran", "Bandar Abbas"]],
        "http://english.scio.gov.cn/featured/chinakeywords/2019-07/11/content_74977495.htm",
    ),
    "china_indochina": (
        [["Guangzhou", "Nanning", "Pingxiang (Guangxi)", "Hanoi"], ["Bangkok", "Singapore"]],
        "http://japanese.china.org.cn/jp/china_key_words/2017-04/21/content_40664308.htm",
    ),
    "cmec": (
        [["Mandalay", "Yangon"], ["Mandalay", "Kyaukphyu"]],
        "https://www.fmprc.gov.cn/mfa_eng/zxxx_662805/t1512583.shtml",
    ),
}


def part_names(layer):
    """The via-node names of each part of the layer's one feature (``part_nodes``: how many
    of the via nodes each part has, in order)."""
    (props,) = layer.properties
    geom = layer.frame.geometry.iloc[0]
    parts = list(geom.geoms) if geom.geom_type == "MultiLineString" else [geom]
    assert len(props["part_nodes"]) == len(parts)
    names, k = [], 0
    for n in props["part_nodes"]:
        names.append([v["name"] for v in props["via"][k : k + n]])
        k += n
    assert k == len(props["via"])
    return names


@pytest.mark.parametrize("stem", sorted(OFFICIAL))
def test_corridor_passes_the_nodes_its_official_text_names_in_order(stem, shipped):
    chains, url = OFFICIAL[stem]
    parts = part_names(shipped[f"corridors/{stem}"])
    for chain in chains:
        # some part meets every node of the chain, in this order
        assert any(
            all(name in names for name in chain)
            and np.all(np.diff([names.index(name) for name in chain]) > 0)
            for names in parts
        ), (stem, chain)
    source = shipped[f"corridors/{stem}"].properties[0]["source"]
    assert source.startswith("Official text followed: ") and url in source
    assert "project's choice" in source


#: The most a leg may run off Natural Earth's 1:50m land (km): coasts, estuaries and the Johor
#: causeway leave a few km off land at that scale; a leg across a bay (the old 121 km
#: Chumphon–Surat Thani leg) leaves far more.
OFF_LAND_KM = 10


@pytest.fixture(scope="module")
def shore():
    shore = land()
    shapely.prepare(shore)
    return shore


def km_off_land(shore, start, end):
    """How much of the geodesic from ``start`` to ``end`` (lon, lat) lies off ``shore`` (km),
    sampled every ~2 km."""
    (x0, y0), (x1, y1) = start, end
    km = GEOD.inv(x0, y0, x1, y1)[2] / 1000
    n = max(int(km / 2), 1)
    pts = np.array(GEOD.npts(x0, y0, x1, y1, n))
    wet = ~shapely.contains_xy(shore, pts[:, 0], pts[:, 1])
    return wet.sum() * km / (n + 1)


@pytest.mark.parametrize("layer_id", shipped_ids("corridors"))
def test_no_corridor_leg_runs_over_the_sea(layer_id, shore, shipped):
    layer = shipped[layer_id]
    geom = layer.frame.geometry.iloc[0]
    parts = list(geom.geoms) if geom.geom_type == "MultiLineString" else [geom]
    for part in parts:
        xy = shapely.get_coordinates(part)
        for a, b in itertools.pairwise(xy):
            assert km_off_land(shore, a, b) <= OFF_LAND_KM, (layer.id, tuple(a), tuple(b))


def test_indochina_reaches_cambodia_and_southern_vietnam(shipped):
    names = [v["name"] for v in shipped["corridors/china_indochina"].properties[0]["via"]]
    assert "Phnom Penh" in names and "Ho Chi Minh City" in names
    assert {"KHM", "VNM"} <= set(shipped["corridors/china_indochina"].properties[0]["countries"])


def test_central_asia_west_asia_crosses_the_countries_its_text_lists(shipped):
    props = shipped["corridors/china_central_asia_west_asia"].properties[0]
    # China Keywords: Kazakhstan, Kyrgyzstan, Tajikistan, Uzbekistan, Turkmenistan; Iran, Turkey
    assert {"KAZ", "KGZ", "TJK", "UZB", "TKM", "IRN", "TUR"} <= set(props["countries"])
    assert "Saudi Arabia" in props["source"]  # named in the text, not drawn: said so


def test_cpec_carries_its_published_length_with_source_year_and_a_note_on_the_ratio(shipped):
    (props,) = shipped["corridors/cpec"].properties
    assert props["published_length_km"] == 3000
    assert props["published_length_year"] == 2019
    assert "content_74691518" in props["published_length_source"]
    km = geo.geodesic_length(shipped["corridors/cpec"].frame).iloc[0]
    assert f"{km / 3000:.3f}" in props["length_note"]
    row = geo.corridor_lengths([shipped["corridors/cpec"]]).set_index("feature").loc[props["name"]]
    assert row["published_km"] == 3000


def test_bcim_status_note_gives_both_sides_with_sources(shipped):
    (props,) = shipped["corridors/bcim"].properties
    note = props["status_note"]
    assert "second Belt and Road Forum" in note and "not been abandoned" in note
    assert "business-standard.com" in note and "theweek.in" in note
    assert props["source"].startswith("Official text followed: none gives a route.")


def via_by_name(stem, shipped):
    return {v["name"]: v for v in shipped[f"corridors/{stem}"].properties[0]["via"]}


def test_cmec_is_a_y_across_the_border_to_mandalay_then_to_yangon_and_kyaukphyu(shipped):
    stem, east, west = part_names(shipped["corridors/cmec"])
    assert stem[-1] == east[0] == west[0] == "Mandalay"
    assert (east[-1], west[-1]) == ("Yangon", "Kyaukphyu")
    # the stem crosses the China–Myanmar border once (Ruili–Muse), by Natural Earth's borders
    world = countries()
    via = via_by_name("cmec", shipped)
    points = shapely.points([(via[name]["lon"], via[name]["lat"]) for name in stem])
    inside = world.sindex.query(points, predicate="within")
    country = world["iso_n3"].to_numpy()[inside[1][np.argsort(inside[0])]]
    n = stem.index("Muse")  # China (156) up to Ruili, Myanmar (104) from Muse on
    assert list(country) == ["156"] * n + ["104"] * (len(stem) - n)
    assert shipped["corridors/cmec"].properties[0]["countries"] == ["CHN", "MMR"]


def test_cmec_reaches_kyaukphyu_on_ramree_island_by_the_bridge_not_over_the_water(shore, shipped):
    via = via_by_name("cmec", shipped)
    ann, kyaukphyu = ((via[n]["lon"], via[n]["lat"]) for n in ("Ann", "Kyaukphyu"))
    assert km_off_land(shore, ann, kyaukphyu) > OFF_LAND_KM  # the straight leg would fail
    west = part_names(shipped["corridors/cmec"])[2]
    to_port = west[west.index("Ann") :]
    assert "Ramree Island bridge (mainland end)" in to_port and "Sane" in to_port


def test_cmec_road_nodes_from_openstreetmap_are_where_scgraph_data_puts_them(shipped):
    highways = pytest.importorskip("scgraph_data.world_highways")
    graph = highways.world_highways_geograph
    via = shipped["corridors/cmec"].properties[0]["via"]
    osm = [v for v in via if "world highway network" in v["source"]]
    assert len(osm) == 4
    for v in osm:
        assert "© OpenStreetMap contributors (ODbL)" in v["source"]
        node = int(re.search(r"node (\d+) at", v["source"]).group(1))
        assert graph.nodes[node] == [v["lat"], v["lon"]], v["name"]


def test_cmec_length_note_gives_the_drawn_ratios_to_the_published_1700_km(shipped):
    (props,) = shipped["corridors/cmec"].properties
    assert props["published_length_km"] == 1700 and props["published_length_year"] == 2018
    assert "mizzima.com" in props["published_length_source"]
    stem, east, west = (
        geo.geodesic_length(p) for p in shipped["corridors/cmec"].frame.geometry.iloc[0].geoms
    )
    for drawn in (stem + east + west, stem + west, stem + east):
        assert f"{drawn:,.0f} km" in props["length_note"]
        assert f"{drawn / 1700:.3f}" in props["length_note"]


#: The corridors with a published length: each is drawn within 0.90–1.10 of it, or its
#: length_note gives the drawn ratio and says why (issue 25).
PUBLISHED = {"cpec": 3000, "bcim": 2800, "cmec": 1700, "new_eurasian_land_bridge": 10800}


@pytest.mark.parametrize("stem", sorted(PUBLISHED))
def test_corridor_is_drawn_near_its_published_length_or_says_why(stem, shipped):
    layer = shipped[f"corridors/{stem}"]
    (props,) = layer.properties
    assert props["published_length_km"] == PUBLISHED[stem]
    ratio = geo.geodesic_length(layer.frame).iloc[0] / PUBLISHED[stem]
    if not 0.9 <= ratio <= 1.1:
        assert f"{ratio:.3f}" in props["length_note"], (stem, round(ratio, 3))
        assert "scgraph_data" in props["length_note"] or "chain" in props["length_note"]


def test_the_land_bridge_and_the_cmec_to_yangon_are_within_a_tenth_of_their_lengths(shipped):
    bridge = shipped["corridors/new_eurasian_land_bridge"].frame.geometry.iloc[0].geoms[0]
    assert 0.9 <= geo.geodesic_length(bridge) / 10800 <= 1.1
    stem, east, _ = shipped["corridors/cmec"].frame.geometry.iloc[0].geoms
    assert 0.9 <= (geo.geodesic_length(stem) + geo.geodesic_length(east)) / 1700 <= 1.1


@pytest.mark.parametrize("layer_id", shipped_ids("corridors"))
def test_corridor_is_routed_on_roads_or_railways_through_its_nodes(layer_id, shipped):
    (props,) = shipped[layer_id].properties
    source = props["source"]
    assert "world highway network" in source and "world railway network" in source
    assert "© OpenStreetMap contributors (ODbL)" in source
    geom = shipped[layer_id].frame.geometry.iloc[0]
    # along the network: many more vertices than nodes
    assert shapely.get_num_coordinates(geom) > 5 * len(props["via"])
    for v in props["via"]:
        # within the snapping tolerance of the line, or passed and said so
        assert v["off_track_km"] <= 15.0 or f"{v['name']} passed, not routed through" in source


def test_central_asia_west_asia_reaches_the_mediterranean_and_the_arabian_peninsula(shipped):
    layer = shipped["corridors/china_central_asia_west_asia"]
    (props,) = layer.properties
    assert {"IRQ", "KWT", "SAU"} <= set(props["countries"])
    ends = {names[-1]: names for names in part_names(layer)}
    assert ends["Mersin"][0] == "Ankara" and ends["Riyadh"][0] == "Qom"
    via = via_by_name("china_central_asia_west_asia", shipped)
    # Mersin is on the Mediterranean coast: within 5 km of Natural Earth's shore, in the basin
    mersin = shapely.Point(via["Mersin"]["lon"], via["Mersin"]["lat"])
    near = shapely.ops.nearest_points(land().boundary, mersin)[0]
    assert geo.pairwise_distance([(near.x, near.y)], [(mersin.x, mersin.y)])[0] < 5
    assert -6 < mersin.x < 36.5 and 30 < mersin.y < 46
    text = props["source"]
    assert "the Mediterranean Sea and the Arabian Peninsula" in text  # the text quoted
    assert "Saudi Arabia" in text and "project's choice" in text


def test_indochina_passes_through_myanmar_as_its_text_lists(shipped):
    (props,) = shipped["corridors/china_indochina"].properties
    assert "MMR" in props["countries"]
    assert "缅甸" in props["source"]  # the text's list of countries, quoted
    parts = part_names(shipped["corridors/china_indochina"])
    assert [
        "Bangkok",
        "Nakhon Sawan",
        "Tak",
        "Mae Sot",
        "Myawaddy",
        "Thaton",
        "Kyaikto",
        "Bago",
        "Yangon",
    ] in parts
