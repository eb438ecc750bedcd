"""What a file is, from its first bytes (and, for a few kinds, its suffix): the one table
(``geo/data/file_kinds.toml``) that ``corridors import`` reads a file by and that
``corridors validate`` names a non-layer file from.

A kind that ``import`` reads names its format (a key of ``geo/data/formats.toml``, or
``"archive"`` for a zip archive); any other kind says what to do instead.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = ["HEAD_BYTES", "FileKind", "identify", "xml_root"]

#: Bytes read from the start of a file to tell what it is.
HEAD_BYTES = 64 * 1024


@dataclass(frozen=True)
class FileKind:
    """What a file is.

    Attributes
    ----------
    kind : str
        In words, as messages name it: ``"a GeoPackage (an SQLite database)"``.
    format : str or None
        The format ``corridors import`` reads it as (a key of ``formats.toml``, or
        ``"archive"``); None where it does not read it.
    advice : str
        What to do instead, where ``format`` is None.
    family : str
        How it was told: ``"binary"`` (its first bytes), ``"json"``, ``"xml"``, or
        ``"other"`` (text told by its suffix).
    """

    kind: str
    format: str | None
    advice: str
    family: str


@functools.cache
def _table() -> dict[str, Any]:
    text = (resources.files("geo") / "data" / "file_kinds.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _kind(entry: dict[str, Any], family: str) -> FileKind:
    return FileKind(entry["kind"], entry.get("format"), entry.get("advice", ""), family)


_XML_NAME = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")


def xml_root(text: bytes) -> str | None:
    """The local name of the first element of text that starts with "<" (lower case), past
    an XML declaration, comments and a doctype; ``"html"`` for an HTML doctype.

    >>> xml_root(b'<?xml version="1.0"?><!-- x --><kml:kml xmlns:kml="...">')
    'kml'
    >>> xml_root(b"<!DOCTYPE html>\\n<html lang=en>")
    'html'
    """
    pos = 0
    while True:
        while pos < len(text) and text[pos : pos + 1].isspace():
            pos += 1
        for start, end in ((b"<?", b"?>"), (b"<!--", b"-->")):
            if text.startswith(start, pos):
                close = text.find(end, pos)
                if close < 0:
                    return None
                pos = close + len(end)
                break
        else:
            if text[pos : pos + 9].lower() == b"<!doctype":
                close = text.find(b">", pos)
                if b"html" in text[pos : close if close >= 0 else None].lower():
                    return "html"
                if close < 0:
                    return None
                pos = close + 1
                continue
            match = _XML_NAME.match(text, pos)
            return match.group(1).decode("ascii").lower() if match else None


def _signature_matches(signature: dict[str, Any], raw: bytes, suffix: str) -> bool:
    if "suffixes" in signature and suffix not in signature["suffixes"]:
        return False
    for part in signature.get("match", []):
        expected = part["bytes"].encode("latin-1")
        if raw[part["at"] : part["at"] + len(expected)] != expected:
            return False
    return True


def _json_kind(head: bytes, suffix: str) -> FileKind:
    text = head.decode("utf-8", errors="replace")
    for entry in _table()["json"]:
        pattern, suffixes = entry.get("contains"), entry.get("suffixes")
        if pattern is not None and re.search(pattern, text):
            return _kind(entry, "json")
        if suffixes is not None and suffix in suffixes:
            return _kind(entry, "json")
        if pattern is None and suffixes is None:
            return _kind(entry, "json")
    raise LookupError("file_kinds.toml: no [[json]] entry for the rest")  # pragma: no cover


def identify(head: bytes, suffix: str) -> FileKind | None:
    """What a file is, from its first bytes (:data:`HEAD_BYTES` of them will do) and its
    suffix (lower case, with the dot); None for text of no kind in the table.

    >>> identify(b"SQLite format 3\\x00" + bytes(52) + b"GPKG", ".gpkg").format
    'gpkg'
    >>> identify(b'<OGRVRTDataSource><OGRVRTLayer name="x">', ".csv").kind
    'an OGR VRT file, which points GDAL at other files or at URLs'
    >>> identify(b'{"type": "FeatureCollection", "features": []}', ".json").format
    'geojson'
    >>> identify(b"name,lon,lat", ".txt") is None
    True
    """
    table = _table()
    body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    first = body.lstrip()[:1]
    by_bytes = [sig for sig in table["signature"] if "match" in sig]
    by_suffix = [sig for sig in table["signature"] if "match" not in sig]
    for signature in by_bytes:
        if _signature_matches(signature, head, suffix):
            return _kind(signature, "binary")
    if first in (b"{", b"[") or body.startswith(b"\x1e"):
        return _json_kind(body, suffix)
    if first == b"<":
        return _xml_kind(body.lstrip(), table)
    for signature in by_suffix:  # what the content does not tell, the name may
        if _signature_matches(signature, head, suffix):
            return _kind(signature, "other")
    return None


def _xml_kind(text: bytes, table: dict[str, Any]) -> FileKind:
    root = xml_root(text)
    if root in table["html"]["roots"]:
        root = "html"
    elif root not in table["xml"] and b"opengis.net/gml" in text:
        root = "featurecollection"
    entry = table["xml"].get(root or "*", table["xml"]["*"])
    if root and root not in table["xml"]:
        entry = {**entry, "kind": f"{entry['kind']} (root element <{root}>)"}
    return _kind(entry, "xml")
