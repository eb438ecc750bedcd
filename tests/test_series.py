"""Time series of a layer (``series``): validated, carried in the map spec, and charted in
the map's figures panel."""

from __future__ import annotations

import copy

import pytest
from browser import needs_browser, open_page
from conftest import spec_in_page
from hostile import write_layer

import geo
from geo import LayerError, render

SERIES = {
    "label": "Trips per year",
    "unit": "trips",
    "points": [
        {"year": 2011, "value": 17, "source": "https://example.org/2011"},
        {"year": 2013, "value": 80, "source": "Page B", "note": "rounded"},
        {"year": 2014, "value": 308.5, "source": "Page C"},
    ],
}


def doc(series) -> dict:
    return {
        "type": "FeatureCollection",
        "name": "Trains",
        "category": "other",
        "series": series,
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "A", "source": "test"},
                "geometry": {"type": "Point", "coordinates": [10, 20]},
            }
        ],
    }


def test_a_series_is_kept_on_the_layer_and_in_the_spec(tmp_path):
    path = write_layer(tmp_path / "layers" / "t.geojson", doc([SERIES]))
    layer = geo.load_layer(path)
    assert layer.series == [SERIES]
    page = render.save_map(geo.build_map([layer]), tmp_path / "m.html").read_text()
    (entry,) = spec_in_page(page)["series"]
    assert entry["where"] == "Trains" and entry["unit"] == "trips"
    assert [p["year"] for p in entry["points"]] == [2011, 2013, 2014]
    assert entry["points"][1]["note"] == "rounded"


def broken(change) -> list:
    series = copy.deepcopy(SERIES)
    change(series)
    return [series]


@pytest.mark.parametrize(
    ("series", "message"),
    [
        ({"label": "x"}, "'series' is not a list"),
        (broken(lambda s: s.pop("label")), r"series\[0\] lacks a label"),
        (broken(lambda s: s.update(points=[])), r"series\[0\] has no points"),
        (broken(lambda s: s["points"][1].update(year=2011)), "does not follow 2011"),
        (broken(lambda s: s["points"][0].update(year="2011")), r"points\[0\] year is '2011'"),
        (broken(lambda s: s["points"][2].update(value="n/a")), "value is 'n/a'"),
        (broken(lambda s: s["points"][1].pop("source")), r"points\[1\] has no source"),
    ],
)
def test_a_bad_series_is_refused_with_where_and_what(tmp_path, series, message):
    path = write_layer(tmp_path / "t.geojson", doc(series))
    with pytest.raises(LayerError, match=message):
        geo.load_layer(path)


@needs_browser
def test_the_figures_panel_charts_the_series_with_its_gaps_and_sources(tmp_path, chromium):
    path = write_layer(tmp_path / "layers" / "t.geojson", doc([SERIES]))
    page_path = render.save_map(geo.build_map([geo.load_layer(path)]), tmp_path / "m.html")
    with open_page(page_path, chromium) as (page, log):
        page.locator(".bri-figures .bri-collapse").click()
        bars = page.locator(".bri-series-bar")
        assert bars.count() == 3
        years = [bars.nth(i).get_attribute("data-year") for i in range(3)]
        assert years == ["2011", "2013", "2014"]
        heights = [float(bars.nth(i).get_attribute("height")) for i in range(3)]
        assert heights[0] < heights[1] < heights[2]  # 17 < 80 < 308.5
        assert "2013: 80 trips (rounded). Source: Page B" in bars.nth(1).text_content()
        assert "No published total found for 2012" in page.locator(".bri-series").inner_text()
        page.locator(".bri-series-sources summary").click()
        link = page.locator(".bri-series-sources a")
        assert link.get_attribute("href") == "https://example.org/2011"
        assert log["refused"] == [] and log["errors"] == []
