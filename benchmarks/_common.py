"""Shared helpers for the benchmark scripts: best-of timing, environment report, result table."""

from __future__ import annotations

import datetime as _dt
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run from a checkout without installing the package
    sys.path.insert(0, str(ROOT))


def best_of(
    fn: Callable[..., Any], repeat: int, setup: Callable[[], tuple] | None = None
) -> tuple[float, Any]:
    """Best wall time of ``repeat`` calls of ``fn(*setup())``; ``setup`` is not timed.

    Returns (best seconds, result of the last call).
    """
    best = float("inf")
    result = None
    for _ in range(repeat):
        args = setup() if setup is not None else ()
        t0 = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best, result


def race(
    candidates: dict[str, tuple[Callable[..., Any], Callable[[], tuple] | None, int]],
) -> dict[str, tuple[float, Any]]:
    """Time candidates side by side: round-robin rounds, best wall time of each.

    ``candidates`` maps a name to (fn, setup or None, repeats). Interleaving the rounds
    spreads a burst of outside load over all candidates instead of one. Returns
    name -> (best seconds, result of its last call).
    """
    best = {name: (float("inf"), None) for name in candidates}
    rounds = max(rep for _, _, rep in candidates.values())
    for r in range(rounds):
        for name, (fn, setup, rep) in candidates.items():
            if r >= rep:
                continue
            t, result = best_of(fn, 1, setup)
            best[name] = (min(best[name][0], t), result)
    return best


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def environment() -> str:
    import numpy
    import pyproj
    import shapely

    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    try:
        load = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:
        load = "n/a"
    return "\n".join(
        [
            f"date        {_dt.datetime.now().isoformat(timespec='seconds')}",
            f"cpu         {cpu_model()}",
            f"nproc       {usable} (os.cpu_count() = {os.cpu_count()})",
            f"load avg    {load}  (other work on the machine makes timings noisy)",
            f"python      {platform.python_version()}",
            f"numpy       {numpy.__version__}",
            f"shapely     {shapely.__version__} (GEOS {shapely.geos_version_string})",
            f"pyproj      {pyproj.__version__} (PROJ {pyproj.proj_version_str})",
        ]
    )


def print_table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    print(fmt.format(*header))
    print(fmt.format(*("-" * w for w in widths)))
    for row in rows:
        print(fmt.format(*row))


def max_rel_diff(a: Any, b: Any) -> float:
    """Largest |a - b| / |b| (0 where both are 0)."""
    import numpy as np

    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    diff = np.abs(a - b)
    scale = np.abs(b)
    rel = np.divide(diff, scale, out=np.where(diff == 0, 0.0, np.inf), where=scale > 0)
    return float(rel.max()) if rel.size else 0.0
