"""geo.style: one look for the web map and the print map."""

from __future__ import annotations

import pytest

import geo
from geo.format import CATEGORIES, MARKER_SIZES
from geo.style import layer_style


def test_the_map_and_the_plot_take_one_style(layers):
    from geo import mapspec

    cpec = next(layer for layer in layers if layer.id == "corridors/cpec")
    assert mapspec.layer_spec(cpec)["style"] == layer_style(cpec)
    spec = mapspec.layer_spec(cpec, colour="#123456")
    assert spec["style"] == layer_style(cpec, "#123456")


@pytest.mark.parametrize(("key", "value"), [("marker-size", "huge"), ("marker-symbol", "rocket")])
def test_a_marker_the_maps_cannot_draw_is_the_categorys_with_a_warning(layers, key, value):
    ports = next(layer for layer in layers if layer.id == "maritime/ports")
    ports.style = {**ports.style, key: value}
    with pytest.warns(geo.LayerWarning, match=rf"style '{key}' is '{value}'.*its category"):
        style = layer_style(ports)
    assert style["radius"] == MARKER_SIZES["medium"]
    assert style["symbol"] == CATEGORIES["port"].marker


@pytest.fixture
def layers(shipped_copies):
    """The shipped layers, the test's own to change."""
    return shipped_copies
