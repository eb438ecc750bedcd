"""Compact numbers for the map page: zigzag varints, base64-wrapped.

The map spec (:mod:`geo.mapspec`) stores coordinates as integers (degrees times
:data:`SCALE`, about 1 m) delta-encoded along each layer, and the shape of its geometries
as counts; both are byte strings of LEB128 varints, written as base-85 text. The page
decodes them (``static/src/decode.js``); :func:`decode_varints` here is the reference.

>>> text = encode_varints(np.array([0, 1, -1, 300, -70000]), signed=True)
>>> text
'00IHn1mDF7'
>>> decode_varints(text, signed=True).tolist()
[0, 1, -1, 300, -70000]
"""

from __future__ import annotations

import base64

import numpy as np

__all__ = [
    "SCALE",
    "decode_packed",
    "decode_varints",
    "encode_packed",
    "encode_varints",
    "quantize",
]

#: Base 85 (RFC 1924's alphabet, as :func:`base64.b85encode` writes it) with "." for
#: "<", so the text can stand in a script element without escapes: 5 characters for 4
#: bytes, against base64's 4 for 3.
_FROM_TEXT = str.maketrans(".", "<")

#: Coordinates are stored as round(degrees * SCALE): 1e-5 degrees, about 1.1 m at most.
SCALE = 100_000


def quantize(values: np.ndarray, scale: int = SCALE) -> np.ndarray:
    """Degrees as integers of 1/``scale`` degree (round half to even), int64.

    >>> quantize(np.array([116.407396, -0.000004])).tolist()
    [11640740, 0]
    """
    return np.rint(np.asarray(values, dtype=float) * scale).astype(np.int64)


def encode_varints(values: np.ndarray, *, signed: bool) -> str:
    """Integers as base-85 text of LEB128 varints (``signed``: zigzag first).

    Values of magnitude below 64 (signed) or 128 take one byte, below 8,192 or 16,384
    two, and so on.
    """
    v = np.asarray(values, dtype=np.int64)
    if signed:
        v = (v << 1) ^ (v >> 63)  # zigzag: 0, -1, 1, -2, ... -> 0, 1, 2, 3, ...
    elif len(v) and v.min() < 0:
        raise ValueError(f"Expected non-negative integers, instead got {int(v.min())}")
    return base85(_varint_bytes(v.view(np.uint64)))


def _varint_bytes(u: np.ndarray) -> np.ndarray:
    """Unsigned values as LEB128 varint bytes."""
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
    return out


_ALPHABET = np.frombuffer(
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;.=>?@^_`{|}~",
    dtype=np.uint8,
)


def base85(data: np.ndarray) -> str:
    """Bytes as base-85 text: :func:`base64.b85encode` (without padding) with "." for
    "<", computed on whole arrays.

    >>> data = bytes([0, 0, 0, 73])  # the digits 0, 0, 0, 0, 73: "0000<" in RFC 1924
    >>> base85(np.frombuffer(data, dtype=np.uint8)), base64.b85encode(data).decode()
    ('0000.', '0000<')
    """
    data = np.asarray(data, dtype=np.uint8)
    n = len(data)
    pad = -n % 4
    words = np.concatenate([data, np.zeros(pad, dtype=np.uint8)]).view(">u4").astype(np.uint64)
    digits = np.empty((len(words), 5), dtype=np.uint8)
    for k in range(4, -1, -1):
        digits[:, k] = (words % 85).astype(np.uint8)
        words //= 85
    text = _ALPHABET[digits.ravel()]
    return text[: len(text) - pad].tobytes().decode("ascii")


def decode_varints(text: str, *, signed: bool) -> np.ndarray:
    """The integers :func:`encode_varints` wrote (int64)."""
    data = np.frombuffer(base64.b85decode(text.translate(_FROM_TEXT)), dtype=np.uint8)
    ends = np.flatnonzero(data < 0x80)
    starts = np.concatenate([[0], ends[:-1] + 1])
    out = np.zeros(len(ends), dtype=np.uint64)
    length = ends - starts + 1
    for k in range(int(length.max()) if len(length) else 0):
        sel = np.flatnonzero(length > k)
        out[sel] |= (data[starts[sel] + k].astype(np.uint64) & np.uint64(0x7F)) << np.uint64(7 * k)
    v = out.view(np.int64)
    if signed:
        v = (v >> 1) ^ -(v & 1)
    return v


def _bit_lengths(u: np.ndarray) -> np.ndarray:
    """Bits needed for each unsigned value (0 for 0)."""
    out = np.zeros(len(u), dtype=np.int64)
    rest = u.copy()
    for step in (32, 16, 8, 4, 2, 1):
        big = rest >= (np.uint64(1) << np.uint64(step))
        out[big] += step
        rest[big] >>= np.uint64(step)
    return out + (rest > 0)


def _pack_bits(u: np.ndarray, bits: int) -> np.ndarray:
    """Unsigned values, ``bits`` each, most significant bit first, as bytes (zero-padded)."""
    shifts = np.arange(bits - 1, -1, -1, dtype=np.uint64)
    chunk = 8 * 2048  # values: a multiple of 8, so each chunk ends on a byte
    parts = [
        np.packbits(((u[s : s + chunk, None] >> shifts) & np.uint64(1)).astype(np.uint8).ravel())
        for s in range(0, len(u), chunk)
    ]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint8)


def encode_packed(values: np.ndarray) -> dict:
    """Signed integers, zigzagged, at one fixed bit width chosen to make the text
    smallest; the few that do not fit (written as the width's largest value) follow in
    order in a varint stream.

    Returns ``{"count", "bits", "packed", "far"}``: the number of values, the width, the
    packed bits (most significant first) and the escaped values, both as base-85 text.

    >>> spec = encode_packed(np.array([0, 1, -1, 3, -2, 700000]))
    >>> spec["bits"], decode_packed(spec).tolist()
    (3, [0, 1, -1, 3, -2, 700000])
    """
    v = np.asarray(values, dtype=np.int64)
    u = ((v << 1) ^ (v >> 63)).view(np.uint64)
    if not len(u):
        return {"count": 0, "bits": 1, "packed": "", "far": ""}
    hist = np.bincount(_bit_lengths(u), minlength=65)
    # bytes of varints for the values needing b bits or more, for every b
    far_bytes = np.cumsum((hist * ((np.arange(65) + 6) // 7))[::-1])[::-1]
    # at most 40 bits: the page reads them with exact arithmetic on doubles (53 bits)
    costs = [len(u) * bits / 8 + far_bytes[bits + 1] for bits in range(1, 41)]
    best = 1 + int(np.argmin(costs))
    top = np.uint64((1 << best) - 1)
    escaped = u >= top
    near = np.where(escaped, top, u)
    return {
        "count": len(u),
        "bits": best,
        "packed": base85(_pack_bits(near, best)),
        "far": base85(_varint_bytes(u[escaped])),
    }


def decode_packed(spec: dict) -> np.ndarray:
    """The integers :func:`encode_packed` wrote (int64)."""
    n, bits = spec["count"], spec["bits"]
    data = np.frombuffer(base64.b85decode(spec["packed"].translate(_FROM_TEXT)), dtype=np.uint8)
    flat = np.unpackbits(data)[: n * bits].reshape(n, bits).astype(np.uint64)
    u = (flat << np.arange(bits - 1, -1, -1, dtype=np.uint64)).sum(axis=1, dtype=np.uint64)
    top = np.uint64((1 << bits) - 1)
    escaped = np.flatnonzero(u == top)
    if len(escaped):
        far = decode_varints(spec["far"], signed=False).view(np.uint64)
        u[escaped] = far
    v = u.view(np.int64)
    return (v >> 1) ^ -(v & 1)
