"""The corridor layers follow their official texts: they pass the nodes those texts name,
say which text they follow, and draw no leg over the sea."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
import shapely
from pyproj import Geod

import geo
from geo.basemap import land

ROOT = Path(__file__).resolve().parents[1]
LAYERS = geo.load_layers(ROOT / "layers" / "corridors", strict=True)
BY_STEM = {layer.id.split("/")[-1]: layer for layer in LAYERS}
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
}


def part_names(layer):
    """The via-node names of each part of the layer's one feature."""
    (props,) = layer.properties
    geom = layer.frame.geometry.iloc[0]
    parts = list(geom.geoms) if geom.geom_type == "MultiLineString" else [geom]
    names, k = [], 0
    for part in parts:
        n = shapely.get_num_coordinates(part)
        names.append([v["name"] for v in props["via"][k : k + n]])
        k += n
    assert k == len(props["via"])
    return names


@pytest.mark.parametrize("stem", sorted(OFFICIAL))
def test_corridor_passes_the_nodes_its_official_text_names_in_order(stem):
    chains, url = OFFICIAL[stem]
    parts = part_names(BY_STEM[stem])
    for chain in chains:
        # some part meets every node of the chain, in this order
        assert any(
            all(name in names for name in chain)
            and np.all(np.diff([names.index(name) for name in chain]) > 0)
            for names in parts
        ), (stem, chain)
    source = BY_STEM[stem].properties[0]["source"]
    assert source.startswith("Official text followed: ") and url in source
    assert "project's choice" in source


@pytest.mark.parametrize("layer", LAYERS, ids=lambda layer: layer.id)
def test_no_corridor_leg_runs_over_the_sea(layer):
    # Each leg is sampled every ~2 km; what lies off Natural Earth's 1:50m land is summed.
    # Coasts, estuaries and the Johor causeway leave a few km off land at that scale; a leg
    # across a bay (the old 121 km Chumphon–Surat Thani leg) leaves far more.
    shore = land()
    shapely.prepare(shore)
    geom = layer.frame.geometry.iloc[0]
    parts = list(geom.geoms) if geom.geom_type == "MultiLineString" else [geom]
    for part in parts:
        xy = shapely.get_coordinates(part)
        for (x0, y0), (x1, y1) in itertools.pairwise(xy):
            km = GEOD.inv(x0, y0, x1, y1)[2] / 1000
            n = max(int(km / 2), 1)
            pts = np.array(GEOD.npts(x0, y0, x1, y1, n))
            wet = ~shapely.contains_xy(shore, pts[:, 0], pts[:, 1])
            assert wet.sum() * km / (n + 1) <= 10, (layer.id, (x0, y0), (x1, y1))


def test_indochina_reaches_cambodia_and_southern_vietnam():
    names = [v["name"] for v in BY_STEM["china_indochina"].properties[0]["via"]]
    assert "Phnom Penh" in names and "Ho Chi Minh City" in names
    assert {"KHM", "VNM"} <= set(BY_STEM["china_indochina"].properties[0]["countries"])


def test_central_asia_west_asia_crosses_the_countries_its_text_lists():
    props = BY_STEM["china_central_asia_west_asia"].properties[0]
    # China Keywords: Kazakhstan, Kyrgyzstan, Tajikistan, Uzbekistan, Turkmenistan; Iran, Turkey
    assert {"KAZ", "KGZ", "TJK", "UZB", "TKM", "IRN", "TUR"} <= set(props["countries"])
    assert "Saudi Arabia" in props["source"]  # named in the text, not drawn: said so


def test_cpec_carries_its_published_length_with_source_year_and_a_note_on_the_ratio():
    (props,) = BY_STEM["cpec"].properties
    assert props["published_length_km"] == 3000
    assert props["published_length_year"] == 2019
    assert "content_74691518" in props["published_length_source"]
    km = geo.geodesic_length(BY_STEM["cpec"].frame).iloc[0]
    assert f"{km / 3000:.3f}" in props["length_note"]
    row = geo.corridor_lengths(LAYERS).set_index("feature").loc[props["name"]]
    assert row["published_km"] == 3000


def test_bcim_status_note_gives_both_sides_with_sources():
    (props,) = BY_STEM["bcim"].properties
    note = props["status_note"]
    assert "second Belt and Road Forum" in note and "not been abandoned" in note
    assert "business-standard.com" in note and "theweek.in" in note
    assert props["source"].startswith("Official text followed: none gives a route.")
