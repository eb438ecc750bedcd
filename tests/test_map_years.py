"""The map's year slider (issue 21), in Chromium with every request refused: set to a year,
the page draws exactly the features geo.as_of keeps, each in its status then; a later
feature never shows in an earlier year, a stopped service never after its end year; play
steps the years and stops; the keyboard and a phone's touch work; the counts, labels and
charts follow the year; the phone layout stays clear."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from browser import browser_marks, open_page, overlap

import geo
from geo import render
from geo.format import STATUSES
from geo.style import status_style
from geo.values import is_missing
from geo.years import as_of

pytestmark = browser_marks()

DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844, "phone": True}
#: The years each test map is looked at in: before anything, as things begin, run and
#: stop, and after.
YEARS = [2005, 2010, 2011, 2013, 2016, 2019, 2021, 2022, 2023, 2024]

#: The boxes of the map's controls as drawn, as {left, top, right, bottom} in CSS px.
CONTROL_BOXES = """() => [...document.querySelectorAll('.leaflet-control')]
    .filter(c => getComputedStyle(c).visibility !== 'hidden')
    .map(c => [c.className, c.getBoundingClientRect()]).filter(([, r]) => r.width && r.height)
    .map(([name, r]) => ({name, left: r.left, top: r.top, right: r.right, bottom: r.bottom}))"""


def _line(x: float, y: float, dx: float = 12.0) -> shapely.LineString:
    return shapely.LineString([(x, y), (x + dx / 2, y + 1.5), (x + dx, y)])


def _layer(layer_id: str, name: str, category: str, rows: list[dict], geoms: list) -> geo.Layer:
    frame = gpd.GeoDataFrame(rows, geometry=geoms, crs=4326)
    return geo.Layer(layer_id, name, category, None, frame)


def time_layers() -> list[geo.Layer]:
    """Layers whose features begin, are built, stop and are last reported in different
    years, some with no years at all; a clustered point layer; a series to chart."""
    services = [
        {"name": "Chongqing–Duisburg", "status": "active", "start_year": 2011},
        {"name": "Yiwu–Madrid", "status": "historic", "start_year": 2014, "end_year": 2022},
        {"name": "Through Ukraine", "status": "suspended", "start_year": 2016, "end_year": 2022},
        {"name": "Last reported 2019", "status": "unknown", "start_year": 2015,
         "status_year": 2019},
        {"name": "Begun 2024", "status": "operating", "start_year": 2024},
        {"name": "Timeless service", "status": "unknown"},
    ]  # fmt: skip
    trains = _layer(
        "trains", "Trains", "rail-route", services,
        [_line(60, 40 + 1.2 * i, 40) for i in range(len(services))],
    )  # fmt: skip
    trains.series = [{
        "label": "Trips per year", "unit": "trips", "note": "",
        "points": [{"year": y, "value": v, "source": "test"} for y, v in
                   [(2011, 17), (2013, 80), (2016, 1702), (2018, 6363), (2021, 15000)]],
    }]  # fmt: skip
    railways = _layer(
        "railways", "Railways", "rail-project",
        [{"name": "Built 2016–2021", "status": "operating", "start_year": 2021,
          "construction_start_year": 2016},
         {"name": "Being built", "status": "under construction", "start_year": 2020}],
        [_line(100, 20), _line(100, 24)],
    )  # fmt: skip
    corridors = _layer(
        "corridors", "Corridors", "corridor",
        [{"name": "Alpha Economic Corridor", "start_year": 2013},
         {"name": "Omega Economic Corridor", "start_year": 2015}],
        [_line(70, 25, 18), _line(70, 32, 18)],
    )  # fmt: skip
    ports = _layer(
        "ports", "Ports", "port",
        [{"name": f"Port {i}", "start_year": 2005 + i % 20,
          **({"status": "closed", "end_year": 2021} if i % 7 == 0 else {})} for i in range(36)],
        [shapely.Point(40 + (i % 6) * 0.7, 10 + (i // 6) * 0.7) for i in range(36)],
    )  # fmt: skip
    lanes = _layer("lanes", "Lanes", "sea-lane", [{"name": "Timeless lane"}], [_line(50, 5, 30)])
    return [trains, railways, corridors, ports, lanes]


@pytest.fixture(scope="module")
def layers() -> list[geo.Layer]:
    return time_layers()


@pytest.fixture(scope="module")
def map_file(tmp_path_factory, layers) -> Path:
    path = tmp_path_factory.mktemp("years") / "map.html"
    return render.save_map(geo.build_map(layers), path)


@pytest.fixture
def page(map_file, chromium):
    with open_page(map_file, chromium, **DESKTOP) as (page, log):
        yield page
        assert log["errors"] == [] and log["refused"] == [] and log["dialogs"] == []


def expected_then(layers: list[geo.Layer], year: int | None) -> dict[str, dict[int, str | None]]:
    """geo.as_of's features in ``year`` (None: all years, every feature as it is) by layer
    id: {index in the layer: status key then}, found by the features' names."""
    out: dict[str, dict[int, str | None]] = {layer.id: {} for layer in layers}
    then = layers if year is None else as_of(layers, year)
    for layer in then:
        names = next(x for x in layers if x.id == layer.id).frame["name"].tolist()
        statuses = (
            layer.frame["status"].tolist() if "status" in layer.frame else [None] * len(layer)
        )
        for name, status in zip(layer.frame["name"], statuses, strict=True):
            key = None if is_missing(status) else STATUSES.key_of(status) or status
            out[layer.id][names.index(name)] = key
    return out


def drawn_now(page) -> dict[str, dict[int, str | None]]:
    """What the page draws: each layer's features drawn (read from Leaflet's layers), with
    the status each is drawn in."""
    return page.evaluate(
        """() => Object.fromEntries(briState.config.layers.map(s => [s.id,
             Object.fromEntries(briState.drawnFeatures(s.id).map(
               i => [i, briState.layers[s.id].drawnStatus[i]]))]))"""
    )


def set_slider(page, year: int | None) -> None:
    """Move the slider (its input, as a drag or a tap does) to a year, or all years."""
    value = page.evaluate("briState.years.last + 1") if year is None else year
    page.locator(".bri-year-range").fill(str(value))
    page.wait_for_timeout(50)


# --------------------------------------------------------------------------- the rules


@pytest.mark.parametrize("how", ["slider", "handle"])
def test_each_year_draws_exactly_what_as_of_keeps_in_its_status(page, layers, how):
    seen = set()
    for year in [*YEARS, None, 2018]:
        if how == "slider":
            set_slider(page, year)
        else:
            page.evaluate(f"briState.year = {'null' if year is None else year}")
        assert page.evaluate("briState.year") == year
        want = expected_then(layers, year)
        got = {k: {int(i): s for i, s in v.items()} for k, v in drawn_now(page).items()}
        assert got == want, year
        seen.add(sum(len(v) for v in got.values()))
    assert len(seen) >= 5  # the years differ


def test_a_feature_s_look_in_a_year_is_its_status_then(page, layers):
    """The trains' lines are drawn as the plot draws their status that year."""
    style = page.evaluate("briState.config.layers.find(s => s.id === 'trains').style")
    for year in (2016, 2019, 2020, 2022, None):
        page.evaluate(f"briState.year = {'null' if year is None else year}")
        want = expected_then(layers, year)["trains"]
        options = page.evaluate(
            """(ids) => ids.map(i => { const o = briState.layers.trains.features[i].options;
                 return {color: o.color, weight: o.weight, opacity: o.opacity,
                         dashArray: o.dashArray ?? null}; })""",
            sorted(want),
        )
        for i, got in zip(sorted(want), options, strict=True):
            drawn = status_style(style, STATUSES[want[i]]) if want[i] else style
            assert got["color"] == drawn["color"], (year, i)
            assert got["dashArray"] == drawn.get("dashArray"), (year, i)
            assert got["weight"] == pytest.approx(drawn["weight"]), (year, i)
            assert got["opacity"] == pytest.approx(drawn["opacity"]), (year, i)


def test_a_later_feature_never_shows_in_an_earlier_year(page, layers):
    by_id = {layer.id: layer for layer in layers}
    first, last = page.evaluate("[briState.years.first, briState.years.last]")
    assert (first, last) == (2005, 2024)
    for year in range(first, last + 1):
        set_slider(page, year)
        for layer_id, drawn in drawn_now(page).items():
            frame = by_id[layer_id].frame
            for i in map(int, drawn):
                began = [
                    frame[k].iloc[i]
                    for k in ("start_year", "construction_start_year")
                    if k in frame and not is_missing(frame[k].iloc[i])
                ]
                assert not began or min(began) <= year, (layer_id, i, year)


def test_a_suspended_service_does_not_show_after_its_end_year(page):
    i = 2  # Through Ukraine: 2016 to 2022, suspended
    states = {}
    for year in (2015, 2018, 2022, 2023, 2024):
        set_slider(page, year)
        states[year] = drawn_now(page)["trains"].get(str(i), "off")
    assert states == {2015: "off", 2018: "operating", 2022: "suspended", 2023: "off", 2024: "off"}
    set_slider(page, None)
    assert drawn_now(page)["trains"][str(i)] == "suspended"


def test_every_filter_must_let_a_feature_through(page, layers):
    """The year, the status filter and the layer ticks together."""
    page.evaluate("briState.year = 2019")
    page.locator('.bri-status-row input[data-status="operating"]').uncheck()
    want = {i for i, s in expected_then(layers, 2019)["trains"].items() if s != "operating"}
    assert {int(i) for i in drawn_now(page)["trains"]} == want
    page.evaluate("briState.year = null")
    assert {int(i) for i in drawn_now(page)["trains"]} == {
        i for i, s in expected_then(layers, None)["trains"].items() if s != "operating"
    }
    page.locator('.bri-status-row input[data-status="operating"]').check()
    page.locator('.bri-overlay input[data-layer="trains"]').uncheck()
    page.evaluate("briState.year = 2019")
    assert drawn_now(page)["trains"] == {}
    page.locator('.bri-overlay input[data-layer="trains"]').check()
    assert len(drawn_now(page)["trains"]) == len(expected_then(layers, 2019)["trains"])


def test_a_selected_feature_taken_off_is_no_longer_selected(page):
    page.evaluate("briState.year = null")
    assert page.evaluate("briState.select('trains', 4)")  # Begun 2024
    page.evaluate("briState.year = 2016")
    assert page.evaluate("briState.selection()") is None
    page.locator(".leaflet-popup").wait_for(state="detached", timeout=2000)
    assert page.evaluate("briState.select('trains', 4)") is False


# --------------------------------------------------------------------------- the control


def test_the_handle_takes_a_year_and_fires_bri_year(page):
    page.evaluate(
        """() => { window.years = [];
             briState.map.on('bri:year', e => window.years.push(e.year)); }"""
    )
    for value, shown in [("2013", 2013), ("2013.4", 2013), ("1990", 2005), ("2040", 2024),
                         ("null", None), ("'2013'", None), ("2016", 2016)]:  # fmt: skip
        page.evaluate(f"briState.year = {value}")
        assert page.evaluate("briState.year") == shown, value
        label = page.locator(".bri-year-value").inner_text()
        assert label == ("All years" if shown is None else str(shown))
        want = page.evaluate("briState.years.last + 1") if shown is None else shown
        assert page.locator(".bri-year-range").input_value() == str(want)
    assert page.evaluate("window.years") == [2013, 2005, 2024, None, 2016]


def test_play_steps_the_years_a_second_apart_and_stops_at_the_end(page):
    page.evaluate(
        """() => { window.years = [];
             briState.map.on('bri:year', e => window.years.push([e.year, performance.now()])); }"""
    )
    page.evaluate("briState.year = 2020")
    page.locator(".bri-play").click()
    assert page.locator(".bri-play").get_attribute("aria-pressed") == "true"
    page.wait_for_function("briState.year === 2024", timeout=8000)
    page.wait_for_timeout(1500)  # past the end, it stays
    steps = page.evaluate("window.years")
    assert [y for y, _ in steps] == [2020, 2021, 2022, 2023, 2024]
    gaps = [b - a for (_, a), (_, b) in itertools.pairwise(steps[1:])]
    assert all(950 <= g <= 2500 for g in gaps), gaps  # about a second (a busy machine: later)
    assert page.locator(".bri-play").get_attribute("aria-pressed") == "false"
    assert page.evaluate("briState.controls.years.playing()") is False
    # from the last year (or all years), play starts over at the first
    page.locator(".bri-play").click()
    assert page.evaluate("briState.year") == 2005
    page.wait_for_function("briState.year === 2006", timeout=3000)
    page.locator(".bri-play").click()  # pause
    page.wait_for_timeout(1400)
    assert page.evaluate("briState.year") == 2006
    assert page.locator(".bri-play").get_attribute("aria-pressed") == "false"


def test_the_keyboard_moves_the_slider_and_plays(page):
    page.evaluate("briState.year = null")
    slider = page.locator(".bri-year-range")
    slider.focus()
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("briState.year") == 2024  # from all years, back to the last
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("briState.year") == 2023
    page.keyboard.press("Home")
    assert page.evaluate("briState.year") == 2005
    page.keyboard.press("ArrowRight")
    assert page.evaluate("briState.year") == 2006
    page.keyboard.press("End")
    assert page.evaluate("briState.year") is None
    assert page.locator(".bri-year-value").inner_text() == "All years"
    page.keyboard.press("Shift+Tab")  # the play button
    assert page.evaluate("document.activeElement.className") == "bri-play"
    page.keyboard.press("Space")
    assert page.evaluate("briState.controls.years.playing()") is True
    assert page.evaluate("briState.year") == 2005
    page.keyboard.press("Enter")
    assert page.evaluate("briState.controls.years.playing()") is False


def test_the_year_is_shown_large(page):
    page.evaluate("briState.year = 2016")
    size = page.evaluate(
        """() => { const o = document.querySelector('.bri-year-value');
             return [o.textContent, parseFloat(getComputedStyle(o).fontSize),
                     o.getBoundingClientRect().height]; }"""
    )
    assert size[0] == "2016" and size[1] >= 24 and size[2] >= 24


def test_a_print_at_a_year_says_which_and_at_all_years_shows_no_slider(page):
    page.emulate_media(media="print")
    bar = page.locator(".bri-years")
    assert not bar.is_visible()
    page.evaluate("briState.year = 2016")
    assert bar.is_visible() and bar.inner_text() == "2016"
    assert not page.locator(".bri-year-range").is_visible()
    assert not page.locator(".bri-play").is_visible()
    page.emulate_media(media="screen")
    assert page.locator(".bri-year-range").is_visible()


def test_the_panel_counts_and_statuses_follow_the_year(page, layers):
    def rows():
        layer_rows = dict(zip(
            page.locator(".bri-overlay input").evaluate_all("bs => bs.map(b => b.dataset.layer)"),
            page.locator(".bri-overlay .bri-count").all_text_contents(), strict=True))  # fmt: skip
        statuses = page.locator(".bri-status-row:not([hidden])")
        keys = statuses.locator("input").evaluate_all("bs => bs.map(b => b.dataset.status)")
        return layer_rows, dict(zip(keys, statuses.locator(".bri-count").all_text_contents(),
                                    strict=True))  # fmt: skip

    now_layers, now_statuses = rows()
    assert now_layers["trains"] == "6 services" and now_layers["ports"] == "36 ports"
    assert "under-construction" in now_statuses
    for year in (2013, 2016, 2022):
        page.evaluate(f"briState.year = {year}")
        layer_rows, statuses = rows()
        want = expected_then(layers, year)
        assert layer_rows["trains"] == f"{len(want['trains'])} services"
        n_ports = len(want["ports"])
        assert layer_rows["ports"] == f"{n_ports} port{'s' * (n_ports != 1)}"
        counts: dict[str, int] = {}
        for features in want.values():
            for key in features.values():
                if key:
                    counts[key] = counts.get(key, 0) + 1
        shown = {k: int(re.match(r"\d+", v).group()) for k, v in statuses.items()}
        assert shown == counts, year
    page.evaluate("briState.year = null")
    assert rows() == (now_layers, now_statuses)


def test_labels_of_features_taken_off_go(page):
    page.evaluate(
        "briState.map.fitBounds([[22, 66], [36, 92]], {animate: false}); briState.year = null"
    )
    page.wait_for_timeout(300)

    def names():
        page.evaluate("briState.labels.update()")
        return {x["text"] for x in page.evaluate("briState.labels.shown")}

    assert {"Alpha", "Omega"} <= names()
    page.evaluate("briState.year = 2014")
    page.wait_for_timeout(100)
    shown = names()
    assert "Alpha" in shown and "Omega" not in shown
    page.evaluate("briState.year = 2012")
    assert not {"Alpha", "Omega"} & names()


def test_the_figures_chart_marks_the_year(page):
    page.locator(".bri-figures .bri-collapse").click()
    marker = page.locator(".bri-series-year")
    assert marker.get_attribute("visibility") == "hidden"
    page.evaluate("briState.year = 2016")
    assert marker.get_attribute("visibility") == "visible"
    assert marker.get_attribute("data-year") == "2016"
    assert page.locator(".bri-series-now").get_attribute("data-year") == "2016"
    bar = page.locator('.bri-series-bar[data-year="2016"]').bounding_box()
    line = marker.bounding_box()
    assert bar["x"] <= line["x"] + line["width"] / 2 <= bar["x"] + bar["width"]
    page.evaluate("briState.year = 2017")  # no figure that year: the line, no bar
    assert marker.get_attribute("data-year") == "2017"
    assert page.locator(".bri-series-now").count() == 0
    page.evaluate("briState.year = 2008")  # before the series
    assert marker.get_attribute("visibility") == "hidden"


def test_search_shows_all_years_for_a_feature_not_there_in_the_year_shown(page):
    page.evaluate("briState.year = 2013")
    box = page.locator(".bri-search input")
    box.fill("Begun 2024")
    box.press("Enter")
    assert page.evaluate("briState.year") is None
    assert page.evaluate("briState.selection()") == {"id": "trains", "i": 4}


def test_a_map_without_years_has_no_slider(tmp_path, chromium, layers):
    path = render.save_map(geo.build_map([layers[-1]]), tmp_path / "timeless.html")
    with open_page(path, chromium, **DESKTOP) as (page, log):
        assert page.locator(".bri-years").count() == 0
        assert page.evaluate("briState.years") is None
        page.evaluate("briState.year = 2013")  # every feature timeless: all drawn
        assert page.evaluate("briState.drawnFeatures('lanes')") == [0]
        assert log["errors"] == []


# --------------------------------------------------------------------------- layout


@pytest.mark.parametrize("year", [None, 2016])
@pytest.mark.parametrize("unfold", [None, ".bri-figures", ".bri-layers"])
def test_on_a_phone_no_control_overlaps_another(map_file, chromium, year, unfold):
    with open_page(map_file, chromium, **PHONE) as (phone, log):
        assert phone.locator(".bri-years").is_visible()
        phone.evaluate(f"briState.year = {'null' if year is None else year}")
        if unfold:
            phone.locator(f"{unfold} .bri-collapse").click()
        boxes = phone.evaluate(CONTROL_BOXES)
        assert len(boxes) >= 6
        for i, a in enumerate(boxes):
            assert a["left"] >= 0 and a["right"] <= 390 and a["bottom"] <= 844, a
            for b in boxes[i + 1 :]:
                assert not overlap(a, b), (a, b)
        assert log["errors"] == []


def test_on_a_phone_the_slider_s_targets_are_at_least_32_px_and_take_touch(map_file, chromium):
    with open_page(map_file, chromium, **PHONE) as (phone, log):
        for selector in (".bri-play", ".bri-year-range"):
            box = phone.locator(selector).bounding_box()
            assert box["width"] >= 32 and box["height"] >= 32, (selector, box)
        track = phone.locator(".bri-year-range").bounding_box()
        phone.touchscreen.tap(track["x"] + 4, track["y"] + track["height"] / 2)
        assert phone.evaluate("briState.year") == 2005  # the left end: the first year
        phone.locator(".bri-play").tap()
        assert phone.evaluate("briState.controls.years.playing()") is True
        phone.locator(".bri-play").tap()
        assert phone.evaluate("briState.controls.years.playing()") is False
        # a finger drags the thumb from all years (the right end) back: the map stays put
        phone.evaluate("briState.year = null")
        center = phone.evaluate("briState.map.getCenter()")
        cdp = phone.context.new_cdp_session(phone)
        y = track["y"] + track["height"] / 2
        x = track["x"] + track["width"] - 6
        cdp.send(
            "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]}
        )
        for _ in range(10):
            x -= track["width"] * 0.06
            cdp.send(
                "Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]}
            )
            phone.wait_for_timeout(20)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        year = phone.evaluate("briState.year")
        assert year is not None and 2005 < year < 2024, year
        assert phone.evaluate("briState.map.getCenter()") == center
        assert log["errors"] == []


# --------------------------------------------------------------------------- shipped map


@pytest.fixture(scope="module")
def shipped_map(tmp_path_factory, shipped_layers) -> Path:
    path = tmp_path_factory.mktemp("shipped-years") / "map.html"
    return render.save_map(geo.build_map(shipped_layers), path)


#: The layers issue 21 gives a start year to every feature of.
TIMED = ("corridors/", "rail/routes", "projects/railways", "projects/pipelines", "projects/ports")


def drawn_in(page, years) -> dict[int, dict[str, dict[int, str | None]]]:
    out = {}
    for year in years:
        set_slider(page, year)
        out[year] = {k: {int(i): s for i, s in v.items()} for k, v in drawn_now(page).items()}
    return out


def test_the_shipped_map_in_a_year_draws_what_as_of_keeps(shipped_map, shipped_layers, chromium):
    with open_page(shipped_map, chromium, **DESKTOP) as (page, log):
        assert page.evaluate("briState.years.first") <= 2011
        for year, drawn in drawn_in(page, (2011, 2013, 2018, 2022, 2025)).items():
            assert drawn == expected_then(list(shipped_layers), year), year
        assert log["errors"] == []


def test_the_shipped_map_at_2013_draws_clearly_less_than_at_2025(
    shipped_map, shipped_layers, chromium
):
    """Fails until the shipped layers carry their years (issue 21, item 1)."""
    timed = [x for x in shipped_layers if x.id.startswith(TIMED)]
    missing = [x.id for x in timed if "start_year" not in x.frame
               or x.frame["start_year"].isna().any()]  # fmt: skip
    assert not missing, f"layers with features without a start_year: {missing}"
    with open_page(shipped_map, chromium, **DESKTOP) as (page, log):
        counts = {y: sum(map(len, d.values())) for y, d in drawn_in(page, (2013, 2025)).items()}
        in_timed = sum(len(x) for x in timed)
        assert counts[2025] - counts[2013] >= 0.2 * in_timed, counts
        assert log["errors"] == []
