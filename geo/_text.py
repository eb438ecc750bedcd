"""Text from files and users made safe for a terminal line: controls escaped, length capped."""

from __future__ import annotations

import re

__all__ = ["printable"]

#: C0 and C1 controls, DEL, line/paragraph separators, bidirectional overrides and isolates
#: (they reorder what a terminal shows), and lone surrogates (undecodable file-name bytes).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object, limit: int | None = None) -> str:
    """``text`` as one safe terminal line: control characters escaped, at most ``limit`` long.

    Newlines, carriage returns and tabs become ``\\n``, ``\\r`` and ``\\t``; other controls,
    bidirectional overrides and lone surrogates become ``\\xNN`` or ``\\uNNNN``. Text longer
    than ``limit`` characters (after escaping) is cut and ends with "…".

    Parameters
    ----------
    text : object
        A string, or anything whose ``str`` is to be shown (a path, a number).
    limit : int, optional
        The longest result; default: no limit.

    Returns
    -------
    str
        The line, with no character that could move the cursor or forge another line.

    Examples
    --------
    >>> printable("evil\\nlayers/x.geojson: feature 0: fake\\x1b[2J")
    'evil\\\\nlayers/x.geojson: feature 0: fake\\\\x1b[2J'
    >>> printable("x" * 10, limit=5)
    'xxxx…'
    """
    value = text if isinstance(text, str) else str(text)
    cut = limit is not None and len(value) > limit
    if cut:
        value = value[:limit]  # escaping only lengthens: the rest need not be escaped
    if _UNSAFE.search(value):
        value = _UNSAFE.sub(_escape, value)
    if limit is not None and (cut or len(value) > limit):
        value = value[: max(limit - 1, 0)] + "…"
    return value
