"""Classed styles on the web map: the spec carries each feature's class and size once per
layer, the page draws them (canvas pixels), its legend lists the classes' breaks, and
the page's class of each feature is Python's (issue 23's done-means)."""

from __future__ import annotations

import pytest
from browser import needs_browser, open_page
from conftest import spec_in_page

import geo
from geo.classes import layer_classes, layer_sizes
from geo.mapspec import SPEC_VERSION, layer_spec

PLACES = "ne_110m_populated_places_simple.json"

#: Each drawn point's fill colour, read from the layers' canvas at its centre, and the
#: colour its Leaflet marker was given.
_DRAWN = """(id) => {
  const s = briState, m = s.map, e = s.layers[id];
  const c = m.getPane('overlayPane').querySelector('canvas'), ctx = c.getContext('2d');
  const rc = c.getBoundingClientRect(), rm = m.getContainer().getBoundingClientRect();
  const hex = (d) => '#' + [d[0], d[1], d[2]].map((v) => v.toString(16).padStart(2, '0')).join('');
  const out = [];
  e.features.forEach((f, i) => {
    if (!f || !m.hasLayer(f)) return;
    const p = m.latLngToContainerPoint(f.getLatLng());
    const x = Math.round((p.x + rm.left - rc.left) * c.width / rc.width);
    const y = Math.round((p.y + rm.top - rc.top) * c.height / rc.height);
    if (x < 0 || y < 0 || x >= c.width || y >= c.height) return;
    out.push({i, pixel: hex(ctx.getImageData(x, y, 1, 1).data), fill: f.options.fillColor,
              radius: f.getRadius()});
  });
  return out;
}"""


@pytest.fixture
def places_map(real, tmp_path, cli):
    """`corridors import` of Natural Earth's populated places coloured and sized by
    pop_max, and `corridors build` of it: the layer and the page."""
    folder = tmp_path / "layers"
    dest = folder / "places.geojson"
    status, _, err = cli(
        "import", real / PLACES, "-o", dest, "--color-by", "pop_max", "--size-by", "pop_max"
    )
    assert status == 0, err
    page = tmp_path / "map.html"
    status, _, err = cli("build", "--layers", folder, "-o", page)
    assert status == 0, err
    return geo.load_layer(dest, root=folder), page


def test_the_spec_carries_each_features_class_once_per_layer(places_map):
    layer, page = places_map
    spec = spec_in_page(page.read_text(encoding="utf-8"))
    assert spec["version"] == SPEC_VERSION == 7
    (drawn,) = spec["layers"]
    classes, sizes = layer_classes(layer), layer_sizes(layer)
    assert drawn["classes"] == classes.spec() == layer_spec(layer)["classes"]
    assert drawn["sizes"] == sizes.spec()
    assert len(drawn["classes"]["index"]) == len(drawn["sizes"]["radius"]) == len(layer.frame)
    assert drawn["cluster"] is False  # a cluster would hide the classes
    assert drawn["classes"]["scheme"] == "quantiles" and len(classes.breaks) == 6


@needs_browser
def test_the_page_draws_the_classes_and_their_legend(places_map, chromium):
    layer, page = places_map
    classes, sizes = layer_classes(layer), layer_sizes(layer)
    with open_page(page, chromium) as (pg, log):
        pg.wait_for_timeout(300)
        drawn = pg.evaluate(_DRAWN, layer.id)
        legend = pg.locator(f'.bri-classes[data-layer="{layer.id}"] .bri-class-label')
        texts = legend.all_inner_texts()
        assert not log["errors"], log["errors"]
    assert len(drawn) > 100  # the world's populated places in the first view
    # the page's class of each feature is Python's, its size too
    for d in drawn:
        assert d["fill"] == classes.colors[classes.index[d["i"]]]
        assert d["radius"] == pytest.approx(sizes.radius[d["i"]], abs=1e-9)
    pixels = {d["pixel"] for d in drawn}
    shown = pixels & set(classes.colors)
    assert len(shown) >= 4, (pixels, classes.colors)
    # the legend: each class's breaks, for people, then the sample sizes
    assert texts[: len(classes.labels)] == classes.labels
    assert texts[len(classes.labels) :] == [label for _, label, _ in sizes.legend]
    assert all(" M" in t or "," in t for t in classes.labels[1:])  # 1.2 M, 12,000


@needs_browser
def test_sized_points_are_drawn_largest_first(places_map, chromium):
    """No large point hides a smaller one: the canvas draws a sized layer's points in
    order of their radius, largest first (as the print map does)."""
    layer, page = places_map
    with open_page(page, chromium) as (pg, log):
        radii = pg.evaluate(
            "(id) => briState.layers[id].paths.getLayers().map((f) => f.getRadius())", layer.id
        )
        assert not log["errors"], log["errors"]
    assert len(radii) == len(layer.frame)
    assert radii == sorted(radii, reverse=True)
    assert radii[0] > radii[-1]
