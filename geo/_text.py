"""Text from files and users made safe to print: on a terminal line, in JSON, in a CSV cell.

Names and paths come from files anyone can write. Printed raw, a control character moves
the cursor or retitles the terminal, a bidirectional override shows text in another order
than it is stored, and a CSV cell that starts with ``=`` is run as a formula by a
spreadsheet. :func:`printable` makes a terminal line, :func:`json_text` JSON with such
characters as ``\\u`` escapes, :func:`csv_cell` a cell no spreadsheet runs.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

__all__ = [
    "CSV_FORMULA_STARTS",
    "csv_cell",
    "json_text",
    "printable",
    "short_value",
    "value_text",
]

#: C0 and C1 controls, DEL, line/paragraph separators, bidirectional overrides and isolates
#: (they reorder what a terminal shows), and lone surrogates (undecodable file-name bytes).
_BEYOND_C0 = "\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE = re.compile(f"[\x00-\x1f{_BEYOND_C0}]")
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


#: A text cell starting with one of these is a formula to a spreadsheet (OWASP's list:
#: ``=``, ``+``, ``-``, ``@``, tab and carriage return).
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    r"""A CSV cell's value that a spreadsheet shows as text, not runs as a formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    (:data:`CSV_FORMULA_STARTS`) gets a leading single quote, OWASP's remedy for CSV
    injection; control and bidirectional characters in text are escaped as by
    :func:`printable`. Anything else (a number, negative ones too; None) is returned as
    it is.

    Examples
    --------
    >>> print(csv_cell('=HYPERLINK("http://x")'), csv_cell("-3"), csv_cell(-3.5))
    '=HYPERLINK("http://x") '-3 -3.5
    >>> print(csv_cell("Gwadar\u202e\x1b[2J"), csv_cell("\tx"))
    Gwadar\u202e\x1b[2J '\tx
    """
    if not isinstance(value, str):
        return value
    quote = "'" if value.startswith(CSV_FORMULA_STARTS) else ""
    return quote + printable(value)


#: What :data:`_UNSAFE` matches but C0 controls, which ``json.dumps`` escapes in strings
#: itself (outside them, the only ones are the newlines of ``indent``).
_UNSAFE_IN_JSON = re.compile(f"[{_BEYOND_C0}]")


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_text(value: Any, **options: Any) -> str:
    r"""``json.dumps(value, ensure_ascii=False, **options)`` with the characters
    :func:`printable` escapes written as ``\uXXXX``: C0 and C1 controls, DEL,
    bidirectional overrides and isolates, line and paragraph separators, lone surrogates.

    The text stays valid JSON that reads back to the same value (a lone surrogate
    included), and prints on a terminal as it is stored. Other non-ASCII text (Ürümqi,
    瓜达尔) is kept as it is.

    Examples
    --------
    >>> print(json_text({"name": "Gwadar\u202e\x9b\u2028 Ürümqi"}))
    {"name": "Gwadar\u202e\u009b\u2028 Ürümqi"}
    >>> json.loads(json_text(["\x1b[2J\ud800"], indent=1)) == ["\x1b[2J\ud800"]
    True
    """
    text = json.dumps(value, ensure_ascii=False, **options)
    # outside strings these are never written, so each is inside one: escaping it there
    # keeps the document valid
    return _UNSAFE_IN_JSON.sub(_json_escape, text) if _UNSAFE_IN_JSON.search(text) else text


def short_value(value: Any, limit: int = 60) -> str:
    """A value as a message shows it: text as a Python literal, other values as JSON,
    control characters escaped, cut to ``limit`` characters with "…"."""
    if isinstance(value, str):
        text = repr(value[: limit + 1])
    else:
        try:
            text = json.dumps(value, allow_nan=True)
        except (TypeError, ValueError, RecursionError):  # not JSON, or nested too deep
            text = f"a {type(value).__name__}"
    return printable(text, limit)


def value_text(value: Any, limit: int = 60) -> str:
    """A value as Python shows it (``True``, ``['port']``), escaped and cut like short_value; an
    infinity (what strict JSON's 1e400 reads as) says so."""
    if isinstance(value, str):
        return short_value(value, limit)
    if isinstance(value, float) and math.isinf(value):
        return f"{value} (a number too large for a float)"
    try:
        text = repr(value)
    except (RecursionError, ValueError):  # nested too deep; an int of > 4,300 digits
        text = f"a {type(value).__name__}"
    return printable(text, limit)
