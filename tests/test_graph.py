"""geo.graph (the networks as compact CSR graphs, cached on disk) and the rail engine on it,
compared with the engine as it was (tests/rail_reference.py): the same paths, lengths and
bridges on every leg of the shipped services and on random pairs of terminals."""

from __future__ import annotations

import importlib.util
import itertools
import math
import random
from pathlib import Path

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from geo import graph as g
from geo import routing
from geo.railcost import gateways_of, rail_cost

MISSING = [m for m in ("scgraph", "scgraph_data") if not importlib.util.find_spec(m)]
needs_network = pytest.mark.skipif(
    bool(MISSING), reason=f"{', '.join(MISSING)} not installed (pip install -e '.[routing]')"
)


def random_graph(seed: int, n: int = 60, *, rounded: bool = True) -> g.Graph:
    """Nodes in a 3 x 3 degree box, each joined both ways to its 3 nearest; weights the
    great-circle km times 1-1.3, to 1e-3 km like the rail network's (so with ties), or not."""
    rng = np.random.default_rng(seed)
    latlon = np.round(rng.uniform([40, 10], [43, 13], size=(n, 2)), 2)
    latlon = np.unique(latlon, axis=0)
    xyz = g.earth_centred(latlon[:, 1], latlon[:, 0], sphere=True)
    km = g.chord_to_km(np.linalg.norm(xyz[:, None] - xyz[None], axis=-1))
    near = np.argsort(km, axis=1)[:, 1:4]
    pairs = {tuple(sorted((i, int(j)))) for i in range(len(latlon)) for j in near[i]}
    tails, heads, weights = [], [], []
    for i, j in sorted(pairs):
        w = km[i, j] * rng.uniform(1.0, 1.3)
        w = round(w, 3) if rounded else w
        tails += [i, j]
        heads += [j, i]
        weights += [w, w]
    return g.graph_from_edges(latlon, tails, heads, weights)


def brute_link(
    graph, start, end, *, within_km, penalty, cost_km, over_km, below=math.inf, step=None
):
    """Every pair, in the order the reference engine tries them."""
    best = None
    for u in np.flatnonzero(np.isfinite(start.dist)):
        for v in np.flatnonzero(np.isfinite(end.dist)):
            km = float(graph.straight_km(u, v))
            if km <= over_km or km > within_km:
                continue
            cost = penalty * km + cost_km
            if step is not None:
                cost = float(step(np.array([cost]), np.array([u]), np.array([v]))[0])
            cost = start.dist[u] + cost + end.dist[v]
            if cost < below and (best is None or cost < best.cost):
                best = g.Link(float(cost), int(u), int(v), km)
    return best


# --------------------------------------------------------------------------- the graph


def test_rows_are_laid_out_as_scipys_csr_matrix_lays_them_out():
    rng = np.random.default_rng(1)
    tails, heads = rng.integers(0, 30, 200), rng.integers(0, 30, 200)
    keep = np.unique(tails * 30 + heads, return_index=True)[1]  # no two edges i -> j
    tails, heads, weights = tails[keep], heads[keep], rng.uniform(0, 50, len(keep))
    graph = g.graph_from_edges(rng.uniform(-60, 60, (30, 2)), tails, heads, weights)
    expected = csr_matrix((weights, (tails, heads)), shape=(30, 30))
    for name in ("indptr", "indices", "data"):
        assert np.array_equal(getattr(graph.matrix, name), getattr(expected, name)), name


@pytest.mark.parametrize("seed", range(4))
def test_scale_times_the_straight_distance_bounds_every_path_from_below(seed):
    graph = random_graph(seed)
    xyz = graph.xyz
    straight = g.chord_to_km(np.linalg.norm(xyz[:, None] - xyz[None], axis=-1))
    paths = dijkstra(graph.matrix)
    assert 0.99 < graph.scale <= 1.0
    assert (graph.scale * straight <= paths).all()
    # and it is the tightest such factor, up to the hair it is kept under
    edge = graph.straight_km(np.repeat(np.arange(graph.n), np.diff(graph.indptr)), graph.indices)
    assert graph.scale == pytest.approx(min(1.0, (graph.weights / edge).min()), rel=1e-8)


@pytest.mark.parametrize(
    ("tails", "heads", "weights", "message"),
    [
        ([0], [1, 0], [1.0], "as many edge tails, heads and weights"),
        ([0], [1], [-1.0], "edge weights of 0 or more"),
        ([0], [1], [math.nan], "edge weights of 0 or more"),
    ],
)
def test_bad_edges_are_refused(tails, heads, weights, message):
    with pytest.raises(ValueError, match=message):
        g.graph_from_edges([[0, 0], [0, 1]], tails, heads, weights)


@pytest.mark.parametrize("seed", range(6))
def test_a_search_to_a_target_finds_the_full_searchs_path_ties_included(seed):
    graph = random_graph(seed, n=150)
    rng = random.Random(seed)
    kept = 0
    for _ in range(40):
        a, b = rng.sample(range(graph.n), 2)
        full = graph.search(a, 500.0)
        if not math.isfinite(full.dist[b]):
            continue
        near = graph.search_to(a, b, 500.0, float(full.dist[b]) * rng.uniform(1.0, 1.5) + 1)
        kept += near.limit < 500.0
        assert near.dist[b] == full.dist[b] and near.path(b) == full.path(b)
    assert kept > 5  # the nearer search was kept, not only the full one


def test_a_search_to_a_target_searches_within_the_limit_where_an_edge_leaves_the_near_one():
    # 0 - 1 - 2 in a row 10 km apart, and 1 - 3 a 100 km edge: from 0 to 2 within 25 km,
    # the edge 1 - 3 ends past 25 km, so scipy's steps within 25 and 500 km may differ
    latlon = [[0, 0], [0, 0.09], [0, 0.18], [0.9, 0.09]]
    tails, heads, weights = [0, 1, 1, 2, 1, 3], [1, 0, 2, 1, 3, 1], [10, 10, 10, 10, 100, 100]
    graph = g.graph_from_edges(latlon, tails, heads, weights)
    assert graph.search_to(0, 2, 500.0, 25.0).limit == 500.0
    assert graph.search_to(0, 2, 500.0, 111.0).limit == 111.0
    assert graph.search_to(0, 3, 500.0, 25.0).limit == 500.0  # not reached within 25 km


# --------------------------------------------------------------------------- links


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("within_km", [15.0, 60.0])
def test_the_cheapest_link_is_the_brute_force_one(seed, within_km):
    """Two searches that do not meet (a low limit) or do (a high one), costs with ties."""
    graph = random_graph(seed, rounded=seed % 2 == 0)
    rng = random.Random(seed)
    a, b = rng.sample(range(graph.n), 2)
    limit = rng.choice([40.0, 120.0, math.inf])
    start, end = graph.search(a, limit), graph.search(b, limit)
    kwargs = {"within_km": within_km, "penalty": 4.0, "cost_km": 10.0, "over_km": 0.5}
    for below in (math.inf, float(start.dist[b])):
        got = g.cheapest_link(graph, start, end, below=below, **kwargs)
        assert got == brute_link(graph, start, end, below=below, **kwargs)


def border_step(cost, u, v):
    """A made-up cost model's step: barred between nodes 3 apart mod 7, 150 more where u
    and v differ in parity."""
    out = cost + 150.0 * ((u - v) % 2 != 0)
    return np.where((u - v) % 7 == 3, np.inf, out)


@pytest.mark.parametrize("seed", range(8))
def test_a_step_cost_from_a_cost_model_is_the_brute_force_ones(seed):
    graph = random_graph(seed, rounded=True)
    rng = random.Random(seed)
    a, b = rng.sample(range(graph.n), 2)
    start, end = graph.search(a, 60.0), graph.search(b, 60.0)
    kwargs = {"within_km": 60.0, "penalty": 4.0, "cost_km": 10.0, "over_km": 0.5}
    got = g.cheapest_link(graph, start, end, step=border_step, **kwargs)
    assert got == brute_link(graph, start, end, step=border_step, **kwargs)
    assert got is None or (got.u - got.v) % 7 != 3  # never a barred step


def test_a_tie_goes_to_the_smallest_u_then_the_smallest_v():
    # a square 0-1-2-3 of 1 km sides with no edges: every side is a link of the same cost
    lat = 1 / 111.195
    latlon = [[0, 0], [0, lat], [lat, lat], [lat, 0]]
    graph = g.graph_from_edges(latlon, [], [], [])
    start = g.Search(0, 1.0, np.array([0.0, 0.0, np.inf, np.inf]), np.full(4, -9999))
    end = g.Search(2, 1.0, np.array([np.inf, np.inf, 0.0, 0.0]), np.full(4, -9999))
    link = g.cheapest_link(graph, start, end, within_km=1.2, penalty=4.0, cost_km=10.0, over_km=0.5)
    assert (link.u, link.v) == (0, 3)  # 0-3 and 1-2 both 1 km: u = 0 first


def test_no_link_within_reach_is_none():
    graph = random_graph(3)
    start, end = graph.search(0, 0.0), graph.search(graph.n - 1, 0.0)
    far = float(graph.straight_km(0, graph.n - 1))
    kwargs = {"penalty": 4.0, "cost_km": 10.0, "over_km": 0.5}
    assert g.cheapest_link(graph, start, end, within_km=far / 2, **kwargs) is None
    assert g.cheapest_link(graph, start, end, within_km=far * 1.01, **kwargs) is not None


# --------------------------------------------------------------------------- the cache


def test_a_graph_is_built_once_then_read_from_the_cache(tmp_path):
    built = []

    def build():
        built.append(1)
        return random_graph(5)

    first = g.cached_graph("test", "src 1", {"w": 1}, build, folder=tmp_path)
    again = g.cached_graph("test", "src 1", {"w": 1}, build, folder=tmp_path)
    assert len(built) == 1
    for name in ("latlon", "indptr", "indices", "weights"):
        assert np.array_equal(getattr(first, name), getattr(again, name)), name
    assert first.scale == again.scale
    assert [p.name for p in tmp_path.iterdir()] == [f"test-{g.cache_key('src 1', {'w': 1})}.npz"]


@pytest.mark.parametrize(("source", "parameters"), [("src 2", {"w": 1}), ("src 1", {"w": 2})])
def test_a_new_source_or_new_costs_build_anew(tmp_path, source, parameters):
    g.cached_graph("test", "src 1", {"w": 1}, lambda: random_graph(5), folder=tmp_path)
    other = g.cached_graph("test", source, parameters, lambda: random_graph(6), folder=tmp_path)
    assert np.array_equal(other.latlon, random_graph(6).latlon)
    assert len(list(tmp_path.iterdir())) == 2


@pytest.mark.parametrize(
    "damage", [b"", b"not a zip file", "truncated", "arrays of the wrong shapes"]
)
def test_a_damaged_cache_file_is_built_again_and_replaced(tmp_path, damage):
    g.cached_graph("test", "s", {}, lambda: random_graph(5), folder=tmp_path)
    (path,) = tmp_path.iterdir()
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:300])
    elif damage == "arrays of the wrong shapes":
        np.savez(path, latlon=np.zeros((3, 2)), indptr=np.zeros(2, int), indices=np.zeros(1, int),
                 weights=np.zeros(1), scale=np.float64(1))  # fmt: skip
        assert path.exists()
    else:
        path.write_bytes(damage)
    graph = g.cached_graph("test", "s", {}, lambda: random_graph(5), folder=tmp_path)
    assert np.array_equal(graph.indices, random_graph(5).indices)
    assert g.cached_graph("test", "s", {}, pytest.fail, folder=tmp_path).n == graph.n


def test_an_unwritable_cache_folder_warns_and_the_graph_is_still_built(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would go")
    with pytest.warns(RuntimeWarning, match="could not be cached"):
        graph = g.cached_graph("test", "s", {}, lambda: random_graph(5), folder=blocked / "x")
    assert graph.n == random_graph(5).n
    assert list(tmp_path.iterdir()) == [blocked]  # no temporary file left


def test_the_cache_folder_follows_xdg_cache_home(monkeypatch, tmp_path):
    monkeypatch.setattr(g.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert g.cache_dir() == tmp_path / "bri-corridors"


# --------------------------------------------------------------------------- the rail engine


@pytest.fixture(scope="module")
def reference():
    """The engine as it was, and the graph of its matrix (the network's km as weights)."""
    if MISSING:
        pytest.skip(f"{', '.join(MISSING)} not installed")
    from rail_reference import ReferenceRailNetwork

    old = ReferenceRailNetwork()
    tails = np.repeat(np.arange(len(old.latlon)), np.diff(old.matrix.indptr))
    return old, g.graph_from_edges(old.latlon, tails, old.matrix.indices, old.matrix.data)


@pytest.fixture(scope="module")
def networks(reference):
    """(the engine on the graph of the reference's km, the reference engine): the same
    weights, whatever cost model geo.routing's own network has."""
    old, km = reference
    return routing.RailNetwork(graph=km), old


def same_leg(a, b, networks, cost=None) -> None:
    new, old = networks
    try:
        want = old.leg(a, b, cost)
    except ValueError as exc:
        with pytest.raises(ValueError, match=str(exc).replace("(", r"\(").replace(")", r"\)")):
            new.leg(a, b, cost)
        return
    got = new.leg(a, b, cost)
    assert np.array_equal(got.lonlat, want.lonlat), (a, b)
    assert np.array_equal(got.nodes, want.nodes), (a, b)
    assert (got.network_km, got.bridges, got.snap_km) == (
        want.network_km,
        want.bridges,
        want.snap_km,
    ), (a, b)


@needs_network
def test_the_cached_rail_graph_is_the_reference_engines_matrix(reference, graph_cache):
    old, km = reference
    cached = routing.RailNetwork().graph
    assert list(graph_cache.glob("rail-*.npz"))  # in the session's folder, not the user's
    assert np.array_equal(cached.latlon, old.latlon)
    for name, want in (("indptr", km.indptr), ("indices", km.indices), ("weights", km.weights)):
        got = getattr(cached, name)
        assert got.dtype == want.dtype and np.array_equal(got, want), name
    assert np.array_equal(km.weights, old.matrix.data)


@needs_network
def test_the_rail_network_loads_from_the_cache_without_scgraph_data(monkeypatch, reference):
    routing.RailNetwork()  # cached (if no test did before)

    def fail():
        raise AssertionError("scgraph_data was read although the graph is cached")

    monkeypatch.setattr(routing, "_rail_edges", fail)
    assert routing.RailNetwork().graph.n == reference[1].n


@needs_network
def test_the_nodes_countries_are_cached_and_the_same_as_found(reference, graph_cache):
    network = routing.RailNetwork(graph=reference[1])
    found = network._countries()
    assert np.array_equal(network.countries, found)  # the first: found, then cached
    assert list(graph_cache.glob("rail-countries-*.npz"))
    again = routing.RailNetwork(graph=reference[1]).countries  # read back
    assert again.dtype == object and np.array_equal(again, found)
    assert {"CHN", "KAZ", "POL", "DEU"} <= set(found)


@needs_network
def test_a_change_to_the_code_that_finds_the_countries_finds_them_again(
    monkeypatch, reference, graph_cache, tmp_path
):
    import geo.countries

    assert routing.RailNetwork(graph=reference[1]).countries is not None  # cached
    before = set(graph_cache.glob("rail-countries-*.npz"))
    changed = tmp_path / "countries.py"
    changed.write_bytes(Path(geo.countries.__file__).read_bytes() + b"\n# changed\n")
    monkeypatch.setattr(geo.countries, "__file__", str(changed))
    found = np.full(reference[1].n, "XXX", dtype=object)
    monkeypatch.setattr(routing.RailNetwork, "_countries", lambda self: found)
    assert (routing.RailNetwork(graph=reference[1]).countries == "XXX").all()
    assert len(set(graph_cache.glob("rail-countries-*.npz")) - before) == 1


def shipped_legs(shipped) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    frame = shipped["rail/routes"].frame
    legs = sorted(
        {(a["lon"], a["lat"], b["lon"], b["lat"]) for via in frame["via"]
         for a, b in itertools.pairwise(via)}
    )  # fmt: skip
    assert len(legs) > 250
    return [((x0, y0), (x1, y1)) for x0, y0, x1, y1 in legs]


@pytest.mark.data
@needs_network
def test_every_leg_of_the_shipped_services_is_routed_as_before_by_km(shipped, networks):
    for a, b in shipped_legs(shipped):
        same_leg(a, b, networks)


@pytest.mark.data
@needs_network
def test_every_leg_of_the_shipped_services_is_routed_as_before_by_their_cost(
    shipped, shipped_layers, networks
):
    """By the generalised cost with the terminals layer's gateways, as tools/make_rail.py
    routes them."""
    cost = rail_cost().with_gateways(gateways_of(shipped_layers))
    assert cost.gateways
    for a, b in shipped_legs(shipped):
        same_leg(a, b, networks, cost)


@needs_network
@pytest.mark.parametrize("by", ["km", "cost"])
def test_random_pairs_of_terminals_are_routed_as_before(shipped, shipped_layers, networks, by):
    cost = None if by == "km" else rail_cost().with_gateways(gateways_of(shipped_layers))
    points = sorted({(p.x, p.y) for p in shipped["rail/terminals"].frame.geometry})
    rng = random.Random(20261208)
    for _ in range(25):
        a, b = rng.sample(points, 2)
        same_leg(a, b, networks, cost)
