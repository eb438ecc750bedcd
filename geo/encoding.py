"""Compact numbers for the map page: zigzag varints, base64-wrapped.

The map spec (:mod:`geo.mapspec`) stores coordinates as integers (degrees times
:data:`SCALE`, about 1 m) delta-encoded along each layer, and the shape of its geometries
as counts; both are byte strings of LEB128 varints, written as base64 text. The page
decodes them (``bri_map.js``); :func:`decode_varints` here is the reference.

>>> text = encode_varints(np.array([0, 1, -1, 300, -70000]), signed=True)
>>> text
'AAIB2ATfxQg='
>>> decode_varints(text, signed=True).tolist()
[0, 1, -1, 300, -70000]
"""

from __future__ import annotations

import base64

import numpy as np

__all__ = ["SCALE", "decode_varints", "encode_varints", "quantize"]

#: Coordinates are stored as round(degrees * SCALE): 1e-5 degrees, about 1.1 m at most.
SCALE = 100_000


def quantize(values: np.ndarray) -> np.ndarray:
    """Degrees as integers of 1/SCALE degree (round half to even), int64.

    >>> quantize(np.array([116.407396, -0.000004])).tolist()
    [11640740, 0]
    """
    return np.rint(np.asarray(values, dtype=float) * SCALE).astype(np.int64)


def encode_varints(values: np.ndarray, *, signed: bool) -> str:
    """Integers as base64 text of LEB128 varints (``signed``: zigzag first).

    Values of magnitude below 64 (signed) or 128 take one byte, below 8,192 or 16,384
    two, and so on.
    """
    v = np.asarray(values, dtype=np.int64)
    if signed:
        v = (v << 1) ^ (v >> 63)  # zigzag: 0, -1, 1, -2, ... -> 0, 1, 2, 3, ...
    elif len(v) and v.min() < 0:
        raise ValueError(f"Expected non-negative integers, instead got {int(v.min())}")
    u = v.view(np.uint64)
    nbytes = np.ones(len(u), dtype=np.int64)
    for k in range(1, 10):
        nbytes += u >= (np.uint64(1) << np.uint64(7 * k))
    out = np.empty(int(nbytes.sum()), dtype=np.uint8)
    starts = np.cumsum(nbytes) - nbytes
    for k in range(int(nbytes.max()) if len(nbytes) else 0):
        sel = np.flatnonzero(nbytes > k)
        group = (u[sel] >> np.uint64(7 * k)) & np.uint64(0x7F)
        more = (nbytes[sel] > k + 1).astype(np.uint64) << np.uint64(7)
        out[starts[sel] + k] = (group | more).astype(np.uint8)
    return base64.b64encode(out.tobytes()).decode("ascii")


def decode_varints(text: str, *, signed: bool) -> np.ndarray:
    """The integers :func:`encode_varints` wrote (int64)."""
    data = np.frombuffer(base64.b64decode(text), dtype=np.uint8)
    ends = np.flatnonzero(data < 0x80)
    starts = np.concatenate([[0], ends[:-1] + 1])
    out = np.zeros(len(ends), dtype=np.uint64)
    length = ends - starts + 1
    for k in range(int(length.max()) if len(length) else 0):
        sel = np.flatnonzero(length > k)
        out[sel] |= (data[starts[sel] + k].astype(np.uint64) & np.uint64(0x7F)) << np.uint64(
            7 * k
        )
    v = out.view(np.int64)
    if signed:
        v = (v >> 1) ^ -(v & 1)
    return v
