"""Shared fixtures."""

from __future__ import annotations

import io
import json
import pickle
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pytest
from hostile import write_layer

import geo

ROOT = Path(__file__).resolve().parents[1]
#: Real third-party files (read-only, beside the checkout; absent in a user's clone).
REAL = ROOT.parent / "shared" / "data" / "real-layers"
#: The shipped layers' folder (``layers/`` of this checkout).
SHIPPED = geo.shipped_layers_dir()


def shipped_ids(folder: str = "") -> list[str]:
    """The ids of the shipped layers (below ``folder``), from their file names alone.

    For ``parametrize``: no layer file is read, so a broken one fails the tests that load
    it, not the collection of every module.
    """
    root = SHIPPED / folder
    return [
        p.relative_to(SHIPPED).with_suffix("").as_posix() for p in geo.layers.find_layer_files(root)
    ]


def _fingerprint(layer: geo.Layer) -> str:
    """Everything a layer holds, as text: equal texts, equal layers."""
    frame = layer.frame
    meta = [layer.id, layer.name, layer.category, str(layer.path), layer.description,
            layer.source, layer.style, layer.figures, layer.series, list(map(str, frame.columns)),
            list(map(str, frame.dtypes)), list(map(str, frame.index)), str(frame.crs)]  # fmt: skip
    return json.dumps(meta, sort_keys=True, default=str) + frame.to_json()


@pytest.fixture(scope="session")
def shipped_layers() -> tuple[geo.Layer, ...]:
    """The shipped layers, loaded (strictly) once a session; read them, never change them.

    A test that changes a layer takes copies (:func:`shipped_copies`). At the end of the
    session every layer is compared with what was loaded: a test that changed one fails
    here, naming the layer.
    """
    layers = tuple(geo.load_layers(SHIPPED, strict=True))
    before = [_fingerprint(layer) for layer in layers]
    yield layers
    changed = [
        layer.id for layer, was in zip(layers, before, strict=True) if _fingerprint(layer) != was
    ]
    assert not changed, (
        f"a test changed the session's shipped layers {changed}; expected it to change copies "
        "(the shipped_copies fixture)"
    )


@pytest.fixture(scope="session", autouse=True)
def graph_cache(tmp_path_factory) -> Iterator[Path]:
    """The routing networks' cache (geo.graph) in a folder of the session, not the user's:
    the first test that routes builds it (in each worker), the rest load it."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(folder))
        yield folder / "bri-corridors"


@pytest.fixture(scope="session")
def shipped(shipped_layers) -> Mapping[str, geo.Layer]:
    """The shipped layers by id (read-only, as :func:`shipped_layers`)."""
    return MappingProxyType({layer.id: layer for layer in shipped_layers})


@pytest.fixture
def shipped_copies(shipped_layers) -> list[geo.Layer]:
    """Copies of the shipped layers, to change at will: their frames, and every list and
    dict in them, are the test's own."""
    return pickle.loads(pickle.dumps(list(shipped_layers)))


@pytest.fixture
def real() -> Path:
    """The folder of real third-party layer files; the test is skipped where it is absent."""
    if not REAL.is_dir():
        pytest.skip(f"third-party layer files absent: no folder {REAL}")
    return REAL


@pytest.fixture
def cli(capsys) -> Callable[..., tuple[int, str, str]]:
    """Run ``corridors ARGV...`` in this process: its exit status, stdout and stderr.

    The arguments are turned into text (paths may be passed as they are). Whatever the
    status, nothing may print a traceback: every error is one line in the command's words.
    """
    from geo.cli import main

    def run(*argv: object) -> tuple[int, str, str]:
        capsys.readouterr()  # what was printed before is not this command's
        status = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err, err
        return status, out, err

    return run


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session's browser tests (``open_page(path, chromium)``
    opens each page in a fresh context of it)."""
    from browser import chromium

    with chromium() as browser:
        yield browser


#: Mean earth radius (km) and the most a great-circle distance on that sphere and the
#: geodesic distance on WGS84 can differ, as a ratio either way: about 1.0056, as the
#: meridian's radius of curvature runs from 6,335 to 6,400 km; 1.01 leaves room.
EARTH_KM, SPHERE_SLACK = 6371.0088, 1.01


def _unit_vectors(lonlat: np.ndarray) -> np.ndarray:
    lon, lat = np.radians(np.asarray(lonlat, dtype=float)).T
    return np.c_[np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)]


def nearest_positions(points: np.ndarray, positions: np.ndarray) -> tuple[np.ndarray, ...]:
    """For each (lon, lat) point, the geodesic distance (km) to the nearest of ``positions``
    and that position's index (the first on a tie): the min and argmin of
    ``geo.distance_matrix(points, positions)``, to the bit, but measured on WGS84 only for
    the positions a great-circle distance leaves in the running (the nearest on the sphere,
    and any within SPHERE_SLACK² of it), so a line of 100,000 positions takes milliseconds.
    """
    chord = np.linalg.norm(
        _unit_vectors(points)[:, None, :] - _unit_vectors(positions)[None, :, :], axis=2
    )
    sphere_km = 2 * EARTH_KM * np.arcsin(np.minimum(chord / 2, 1))
    km, at = np.empty(len(points)), np.empty(len(points), dtype=int)
    for i, row in enumerate(sphere_km):
        near = np.flatnonzero(row <= row.min() * SPHERE_SLACK**2 + 1e-3)
        d = geo.pairwise_distance(np.repeat(points[i : i + 1], len(near), 0), positions[near])
        km[i], at[i] = d.min(), near[d.argmin()]
    return km, at


def spec_in_page(page: str) -> dict:
    """The map spec a built page carries (the JSON script element its script reads)."""
    import json
    import re

    match = re.search(r'<script type="application/json" id="(\w+)">(.*?)</script>', page, re.S)
    assert match, "the map spec is in the page"
    assert f'document.getElementById("{match.group(1)}")' in page
    return json.loads(match.group(2))


@pytest.fixture
def two_victorias(tmp_path: Path) -> Path:
    """Two layers, each with a Victoria: the Seychelles' capital and British Columbia's."""

    def write(relpath, features) -> None:
        doc = {"type": "FeatureCollection", "name": relpath, "category": "port", "features": [
            {"type": "Feature", "properties": {"name": name},
             "geometry": {"type": "Point", "coordinates": list(lonlat)}}
            for name, lonlat in features
        ]}  # fmt: skip
        (tmp_path / relpath).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relpath).write_text(json.dumps(doc), encoding="utf-8")

    write("test/seychelles.geojson", [("Victoria", (55.45, -4.62))])
    write(
        "test/canada.geojson", [("Victoria", (-123.365, 48.428)), ("Port: Ogden", (-123.4, 48.4))]
    )
    return tmp_path


@pytest.fixture
def pacific_layers(tmp_path: Path) -> Path:
    """A layers folder of one sea lane across the Pacific (Shanghai to Chancay, over 180°)."""
    root = tmp_path / "layers"
    write_layer(root / "pacific.geojson", {
        "type": "FeatureCollection", "name": "Pacific", "category": "sea-lane",
        "features": [{"type": "Feature",
                      "properties": {"name": "Shanghai – Chancay", "odd": None,
                                     "via": [{"name": "Shanghai", "lon": 121.47, "lat": 31.23}]},
                      "geometry": {"type": "LineString",
                                   "coordinates": [[121.47, 31.23], [-77.27, -11.58]]}}],
    })  # fmt: skip
    return root


class TtyStdout(io.TextIOWrapper):
    """A standard output in memory that says whether it is a terminal (``tty``)."""

    def __init__(self, tty: bool):
        super().__init__(io.BytesIO(), encoding="utf-8")
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty
