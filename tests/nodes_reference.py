"""How a route found the named places it passes before issue 27's vectorised search
(geo.routing._nodes_passed at main 1c0545e, kept verbatim but for its name): the whole route
densified to 1 km on the geodesic, every step measured, every place looked up in a KD-tree
of all the dense positions. tests/test_routing.py compares the search with it.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import shapely

from geo.geodesic import pairwise_distance
from geo.geometry import earth_centred
from geo.lines import densify_geodesic
from geo.routing import _NODE_STEP_KM, RouteNode, _base_name, _km_to_chord, _wrapped


def reference_nodes_passed(
    line: shapely.LineString, places: Iterable[tuple[str, float, float]], within_km: float
) -> tuple[RouteNode, ...]:
    """The ``places`` (name, lon, lat) within ``within_km`` of ``line``, in the order it
    passes them."""
    seen: dict[tuple[float, float], tuple[str, float, float]] = {}
    for name, lon, lat in places:  # one name per position (to ~10 m): the first
        seen.setdefault((round(lon, 4), round(lat, 4)), (name, lon, lat))
    places = list(seen.values())
    if not places or line.is_empty:
        return ()
    dense = _wrapped(shapely.get_coordinates(densify_geodesic(line, max_segment_km=_NODE_STEP_KM)))
    along = np.r_[0.0, np.cumsum(pairwise_distance(dense[:-1], dense[1:]))]
    from scipy.spatial import cKDTree  # the routing extra, as for every route

    xyz = np.array([(lon, lat) for _, lon, lat in places])
    # 1% more than the tolerance on the sphere: the exact test below is on the ellipsoid
    chord, nearest = cKDTree(earth_centred(dense[:, 0], dense[:, 1], sphere=True)).query(
        earth_centred(xyz[:, 0], xyz[:, 1], sphere=True),
        distance_upper_bound=_km_to_chord(1.01 * within_km),
    )
    near = np.flatnonzero(np.isfinite(chord))
    if not len(near):
        return ()
    off = pairwise_distance(xyz[near], dense[nearest[near]])
    found = [
        RouteNode(places[i][0], places[i][1], places[i][2], float(along[nearest[i]]), float(d))
        for i, d in zip(near, off, strict=True)
        if d <= within_km
    ]
    kept: list[RouteNode] = []
    for node in sorted(found, key=lambda n: (n.along_km, n.off_km, n.name)):
        # one place under two names of the layers ('Dostyk' and 'Dostyk (Druzhba)'): the first
        base = _base_name(node.name)
        if any(
            _base_name(k.name) == base and abs(k.along_km - node.along_km) <= within_km
            for k in kept
        ):
            continue
        kept.append(node)
    return tuple(kept)
