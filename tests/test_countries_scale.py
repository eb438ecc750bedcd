"""geo.length_by_country at scale (issue 27): the streamed search (segments screened by
their boxes, only the steps near a border cut) gives what the search before it gave
(``countries_reference``: every 1 km step of every line cut with the borders), chunk by
chunk and on threads alike; and it agrees with an independent overlay."""

from __future__ import annotations

import itertools

import countries_reference
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely import LineString

import geo
from geo import basemap, countries
from geo.geodesic import WGS84

KEYS = ["feature", "part", "country", "country_name"]
KM = ["length_km", "from_km", "to_km"]


def random_walks(n: int, seed: int, box=(-10.0, 5.0, 145.0, 72.0), vertices=50):
    """Random-walk lines in lon/lat: steps of 0.05-0.4 degrees on a slowly turning heading
    (as the benchmark's), folded into ``box``."""
    rng = np.random.default_rng(seed)
    west, south, east, north = box
    start = np.c_[rng.uniform(west, east, n), rng.uniform(south, north, n)]
    heading = rng.uniform(0, 2 * np.pi, (n, 1)) + np.cumsum(
        rng.normal(0, 0.25, (n, vertices - 1)), axis=1
    )
    step = rng.uniform(0.05, 0.4, (n, vertices - 1))
    xy = np.empty((n, vertices, 2))
    xy[:, 0] = start
    xy[:, 1:, 0] = start[:, :1] + np.cumsum(step * np.cos(heading), axis=1)
    xy[:, 1:, 1] = start[:, 1:] + np.cumsum(step * np.sin(heading), axis=1)
    for axis, lo, hi in ((0, west, east), (1, south, north)):
        span = hi - lo
        t = np.mod(xy[..., axis] - lo, 2 * span)
        xy[..., axis] = lo + np.where(t > span, 2 * span - t, t)
    return shapely.linestrings(xy.reshape(-1, 2), indices=np.repeat(np.arange(n), vertices))


def long_legs(n: int, seed: int) -> np.ndarray:
    """Lines of a few long legs anywhere on Earth, across ±180° and near the poles, with
    longitudes as given and unwrapped past 180°."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        k = rng.integers(2, 6)
        lon = rng.uniform(-180, 180) + np.cumsum(rng.uniform(-60, 60, k))
        lat = np.clip(rng.uniform(-80, 85) + np.cumsum(rng.uniform(-15, 15, k)), -89, 89)
        if rng.random() < 0.5:
            lon = (lon + 180) % 360 - 180
        out.append(LineString(np.c_[lon, lat]))
    return np.array(out, dtype=object)


def assert_same_table(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """The same runs, in the same countries, in the same order; the kilometres equal to
    rounding (1e-9 km: the running sums along the lines are added up per chunk)."""
    assert list(got.columns) == list(want.columns)
    pd.testing.assert_frame_equal(got[KEYS], want[KEYS])
    for column in KM:
        assert np.abs(got[column].to_numpy() - want[column].to_numpy()).max() <= 1e-9, column


@pytest.fixture(scope="module")
def walks():
    return random_walks(400, seed=27)


@pytest.fixture(scope="module")
def legs():
    return long_legs(150, seed=2027)


def test_random_walks_give_what_the_search_before_gave(walks):
    assert_same_table(geo.length_by_country(walks), countries_reference.length_by_country(walks))


def test_long_legs_anywhere_give_what_the_search_before_gave(legs):
    table = geo.length_by_country(legs)
    assert table["country"].notna().any() and table["country"].isna().any()
    assert_same_table(table, countries_reference.length_by_country(legs))


@pytest.mark.data
def test_shipped_lines_give_what_the_search_before_gave(shipped_layers):
    lines = [layer for layer in shipped_layers if layer.frame.geom_type.str.contains("Line").any()]
    assert len(lines) > 3
    for layer in lines:
        want = countries_reference.length_by_country(layer)
        assert_same_table(geo.length_by_country(layer), want)


@pytest.mark.parametrize("chunk", [1, 7, 120])
@pytest.mark.parametrize("threads", [1, 2])
def test_chunks_and_threads_do_not_change_the_result(walks, legs, monkeypatch, chunk, threads):
    lines = np.r_[walks[:60], legs[:40]]
    want = geo.length_by_country(lines)  # one chunk: 2,950 segments
    monkeypatch.setattr(countries, "CHUNK_SEGMENTS", chunk)
    assert_same_table(geo.length_by_country(lines, threads=threads), want)


def test_parts_add_up_to_the_geodesic_length_at_scale(walks):
    table = geo.length_by_country(walks)
    sums = table.groupby("feature")["length_km"].sum().to_numpy()
    assert np.allclose(sums, geo.geodesic_length(walks), rtol=1e-9, atol=0)


def overlay_km(lines: np.ndarray, step_km: float = 0.25) -> pd.Series:
    """km per (feature, country) from an overlay written independently: each line's
    geodesic sampled every ``step_km`` (Geod.npts), cut with every base map country's
    polygon, the pieces measured with Geod; km outside every country under None."""
    frame = basemap.countries()
    codes = countries.country_codes()["alpha3"].to_numpy()
    rows = []
    for feature, line in enumerate(lines):
        xy = np.asarray(line.coords)
        points = [xy[0]]
        for a, b in itertools.pairwise(xy):
            m = WGS84.inv(a[0], a[1], b[0], b[1])[2]
            n = int(np.ceil(m / (step_km * 1000)))
            points += [*WGS84.npts(a[0], a[1], b[0], b[1], n - 1), b] if n > 1 else [b]
        dense = LineString(points)
        total = WGS84.geometry_length(dense)
        inside = 0.0
        for code, polygon in zip(codes, frame.geometry, strict=True):
            if polygon.intersects(dense):
                km = WGS84.geometry_length(polygon.intersection(dense)) / 1000
                rows.append((feature, code, km))
                inside += km
        rows.append((feature, None, total / 1000 - inside))
    table = pd.DataFrame(rows, columns=["feature", "country", "km"])
    return table.groupby(["feature", "country"], dropna=False)["km"].sum()


def test_km_per_country_agree_with_an_independent_overlay():
    lines = random_walks(12, seed=7, box=(60.0, 35.0, 90.0, 50.0))  # Central Asia's borders
    table = geo.length_by_country(lines)
    ours = table.groupby(["feature", "country"], dropna=False)["length_km"].sum()
    theirs = overlay_km(lines)
    both = pd.concat([ours, theirs], axis=1, keys=["ours", "theirs"]).fillna(0.0)
    assert (both["ours"] > 0).sum() > 20  # many countries crossed
    # the overlay's chords (250 m) and the search's (1 km) lie within centimetres of the
    # geodesic where they cross a border: per feature and country within 2 m (0.16 m seen)
    assert np.abs(both["ours"] - both["theirs"]).max() < 0.002, both.sub(both["theirs"], axis=0)


# --------------------------------------------------------------------------- the cells' cache


def test_the_border_cells_are_read_back_from_the_cache_as_found(tmp_path, monkeypatch):
    """Issue 27: the grid of border cells (about a second of CPU) is kept in the cache
    folder; a second process reads the same cells. A damaged file is found again, and a
    folder that cannot be written gives the cells with a warning."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    edge_xy = countries._world().edge_xy
    found = countries._EdgeCells.of(edge_xy)

    def same(cells) -> bool:
        return all(
            np.array_equal(getattr(cells, k), getattr(found, k))
            for k in ("coarse", "block", "fine")
        )

    assert same(countries._cached_cells(edge_xy))  # found, then written
    (path,) = (tmp_path / "bri-corridors").glob("country-cells-*.npz")
    with np.load(path) as data:
        assert sorted(data.files) == ["bits", "marked"]
    assert same(countries._cached_cells(edge_xy))  # read back
    path.write_bytes(path.read_bytes()[:1000])  # cut short: found again and rewritten
    assert same(countries._cached_cells(edge_xy))
    with np.load(path) as data:
        assert data["marked"].shape == (found.coarse.shape[0] - 1, found.coarse.shape[1] - 1)
    moved = edge_xy.copy()
    moved[0, 0] += 1.0  # other edges: other cells, in a file of their own
    countries._cached_cells(moved)
    assert len(list((tmp_path / "bri-corridors").glob("country-cells-*.npz"))) == 2
    blocked = tmp_path / "a file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # no folder can be made in it
    with pytest.warns(RuntimeWarning, match="country-cells arrays could not be cached"):
        assert same(countries._cached_cells(edge_xy))


def test_the_edge_index_finds_what_a_tree_of_the_edges_finds():
    """Issue 27: the edges are indexed by boxes of runs of edges (no line made for each
    edge up front); the pairs (chord, edge) it finds are those an STRtree of the edges'
    lines finds with predicate="intersects", chords through vertices and along edges too."""
    edge_xy = countries._world().edge_xy
    index = countries._world().edges
    rng = np.random.default_rng(27)
    pick = rng.integers(0, len(edge_xy), 3000)
    ends = [
        edge_xy[pick, :2] + rng.normal(0, 0.05, (3000, 2)),  # near an edge
        edge_xy[pick, :2],  # from its vertex
        (edge_xy[pick, :2] + edge_xy[pick, 2:]) / 2,  # from its middle, along it below
    ]
    x1, y1 = np.concatenate([e[:, 0] for e in ends]), np.concatenate([e[:, 1] for e in ends])
    step = rng.normal(0, 0.02, (len(x1), 2))
    along = np.arange(len(x1)) >= 6000
    step[along] = (edge_xy[pick, 2:] - edge_xy[pick, :2])[: along.sum()] * 0.3
    x2, y2 = x1 + step[:, 0], y1 + step[:, 1]
    got = set(zip(*(a.tolist() for a in index.crossing(x1, y1, x2, y2)), strict=True))
    tree = shapely.STRtree(shapely.linestrings(edge_xy.reshape(-1, 2, 2)))
    chords = shapely.linestrings(np.column_stack([x1, y1, x2, y2]).reshape(-1, 2, 2))
    want = set(zip(*(a.tolist() for a in tree.query(chords, predicate="intersects")), strict=True))
    assert got == want and len(want) > 6000
    boxes = shapely.box(x1 - 0.01, y1 - 0.01, x1 + 0.01, y1 + 0.01)
    near = set(index.near(boxes).tolist())
    assert set(tree.query(boxes)[0].tolist()) <= near  # every box that meets an edge's
