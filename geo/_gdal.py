"""GDAL held to the file it is given: the project's vector drivers only, and no network.

A file from elsewhere is handed to GDAL (through pyogrio) only inside :func:`guarded`.
While such a block runs (in any thread), GDAL:

- has only the drivers of :data:`ALLOWED_DRIVERS` registered: GDAL honours what a file
  says it is, and drivers such as OGR VRT (rows of another file, or of a URL), GDALG (a
  pipeline of GDAL commands), HTTP, WFS or GPSBabel (an external program) would read other
  files, reach servers or run programs;
- answers every HTTP request (``CPLHTTPFetch``: a GeoJSON's ``crs`` link, a GML schema, an
  SQL function that geocodes) with a failure, before any connection is made, and the URL
  is recorded so that the caller can name it;
- has ``/vsicurl/`` and its cousins (``CPL_VSIL_CURL_ALLOWED_FILENAME``), GML schema
  downloads, SQLite's access to other files and PROJ's network turned off.

When the last such block ends, GDAL is given back as it was (every driver, in its order;
the configuration; no fetch callback), so the rest of the program reads what it read
before. Code that uses GDAL in another thread at that time sees the same limits. The
settings are made through GDAL's C API on the library pyogrio loaded; where that cannot
be done, a foreign file is refused rather than read unguarded.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pyogrio

__all__ = ["ALLOWED_DRIVERS", "GdalGuardError", "Refusals", "guarded"]

#: The GDAL drivers that may open a file from elsewhere: data formats that hold their own
#: features and point at no other file or server. MEM is GDAL's own in-memory driver.
ALLOWED_DRIVERS = frozenset(
    {
        "CSV",
        "ESRI Shapefile",
        "FlatGeobuf",
        "GML",
        "GPKG",
        "GPX",
        "GeoJSON",
        "GeoJSONSeq",
        "KML",
        "LIBKML",
        "MEM",
        "ODS",
        "OpenFileGDB",
        "TopoJSON",
        "XLSX",
    }
)

#: Configuration set for the process: no remote file systems, no schema downloads, no
#: access from SQLite to other files, nothing fetched by LIBKML.
_CONFIG = {
    # /vsicurl/, /vsis3/, ...: only this (impossible) name may be opened
    "CPL_VSIL_CURL_ALLOWED_FILENAME": "/vsicurl/bri-corridors-makes-no-requests",
    "CPL_CURL_ENABLE_VSIMEM": "NO",
    "GDAL_HTTP_MAX_RETRY": "0",
    "GML_DOWNLOAD_SCHEMA": "NO",
    "GML_DOWNLOAD_WFS_SCHEMA": "NO",
    "GML_SKIP_RESOLVE_ELEMS": "ALL",
    "OGR_SQLITE_ALLOW_EXTERNAL_ACCESS": "NO",
    "LIBKML_EXTERNAL_STYLE": "NO",
    "GDAL_ALLOW_REMOTE_RESOURCE_TO_ACCESS_LOCAL_FILE": "NO",
}

#: curl's CURLE_UNSUPPORTED_PROTOCOL: the status of every request refused here.
_REFUSED_STATUS = 1
_REFUSED_MESSAGE = b"bri-corridors makes no network requests"


class GdalGuardError(RuntimeError):
    """GDAL could not be held to the allowed drivers and kept off the network."""


class _HTTPResult(ctypes.Structure):
    """GDAL's ``CPLHTTPResult`` (cpl_http.h, unchanged since GDAL 2)."""

    _fields_ = [
        ("nStatus", ctypes.c_int),
        ("pszContentType", ctypes.c_void_p),
        ("pszErrBuf", ctypes.c_void_p),
        ("nDataLen", ctypes.c_int),
        ("nDataAlloc", ctypes.c_int),
        ("pabyData", ctypes.c_void_p),
        ("papszHeaders", ctypes.c_void_p),
        ("nMimePartCount", ctypes.c_int),
        ("pasMimePart", ctypes.c_void_p),
    ]


#: ``CPLHTTPFetchCallbackFunc``: (url, options, progress, progress arg, write, write arg,
#: user data) -> CPLHTTPResult*.
_FETCH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_void_p,
    ctypes.c_char_p,
    ctypes.c_void_p,
    ctypes.c_void_p,
    ctypes.c_void_p,
    ctypes.c_void_p,
    ctypes.c_void_p,
    ctypes.c_void_p,
)


class Refusals:
    """The URLs GDAL asked for and was refused, in order (thread-safe)."""

    def __init__(self) -> None:
        self._urls: list[str] = []
        self._lock = threading.Lock()

    def add(self, url: str) -> None:
        with self._lock:
            self._urls.append(url)

    def since(self, mark: int) -> list[str]:
        """The URLs refused after ``mark`` (a value of :meth:`mark`)."""
        with self._lock:
            return self._urls[mark:]

    def mark(self) -> int:
        with self._lock:
            return len(self._urls)


def _loaded_library_path() -> str | None:
    """The GDAL library pyogrio has loaded into this process (importing pyogrio loads it)."""
    maps = Path("/proc/self/maps")
    if maps.is_file():
        for line in maps.read_text(errors="replace").splitlines():
            path = line.split(maxsplit=5)[-1] if line.count(" ") >= 5 else ""
            if re.search(r"/libgdal[^/]*\.so", path):
                return path.strip()
    package = Path(pyogrio.__file__).resolve().parent
    for folder, pattern in (
        (package / ".dylibs", "libgdal*.dylib"),
        (package.parent / "pyogrio.libs", "*gdal*.dll"),
        (package.parent / "pyogrio.libs", "libgdal*.so*"),
    ):
        found = sorted(folder.glob(pattern))
        if found:
            return str(found[0])
    return ctypes.util.find_library("gdal")


#: The GDAL functions used here: (name, argument types, result type).
_API = (
    ("GDALGetDriverCount", [], ctypes.c_int),
    ("GDALGetDriver", [ctypes.c_int], ctypes.c_void_p),
    ("GDALGetDriverShortName", [ctypes.c_void_p], ctypes.c_char_p),
    ("GDALDeregisterDriver", [ctypes.c_void_p], None),
    ("GDALRegisterDriver", [ctypes.c_void_p], ctypes.c_int),
    ("CPLHTTPSetFetchCallback", [_FETCH_CALLBACK, ctypes.c_void_p], None),
    ("CPLCalloc", [ctypes.c_size_t, ctypes.c_size_t], ctypes.c_void_p),
    ("CPLStrdup", [ctypes.c_char_p], ctypes.c_void_p),
    ("OSRSetPROJEnableNetwork", [ctypes.c_int], None),
    ("OSRGetPROJEnableNetwork", [], ctypes.c_int),
)


def _bind(lib: ctypes.CDLL) -> None:
    """Argument and result types of the GDAL functions used here."""
    for name, argtypes, restype in _API:
        function = getattr(lib, name)
        function.argtypes = argtypes
        function.restype = restype


class _Guard:
    """The limits above, applied while at least one :func:`guarded` block runs."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        self._lib = lib
        self._lock = threading.Lock()
        self._depth = 0
        self._saved: dict[str, object] = {}
        self._order: list[int] = []
        self._network = 1
        self.refusals = Refusals()
        size = max(ctypes.sizeof(_HTTPResult), 512)  # room to spare if the struct grows

        def refuse(url: bytes | None, *_args: object) -> int | None:
            self.refusals.add((url or b"").decode("utf-8", "replace"))
            result = lib.CPLCalloc(1, size)  # freed by GDAL's CPLHTTPDestroyResult
            fields = _HTTPResult.from_address(result)
            fields.nStatus = _REFUSED_STATUS
            fields.pszErrBuf = lib.CPLStrdup(_REFUSED_MESSAGE)
            return result

        self._callback = _FETCH_CALLBACK(refuse)  # kept alive as long as the guard

    def enter(self) -> None:
        with self._lock:
            if self._depth == 0:
                self._apply()
            self._depth += 1

    def exit(self) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0:
                self._restore()

    def _apply(self) -> None:
        lib = self._lib
        self._saved = {k: pyogrio.get_gdal_config_option(k) for k in _CONFIG}
        self._network = lib.OSRGetPROJEnableNetwork()
        lib.CPLHTTPSetFetchCallback(self._callback, None)
        lib.OSRSetPROJEnableNetwork(0)
        pyogrio.set_gdal_config_options(_CONFIG)
        self._order = _deregister_others(lib)
        left = set(pyogrio.list_drivers())
        if not left <= ALLOWED_DRIVERS:
            self._restore()
            extra = ", ".join(sorted(left - ALLOWED_DRIVERS))
            raise GdalGuardError(f"drivers still registered after deregistration: {extra}")

    def _restore(self) -> None:
        lib = self._lib
        for handle in [lib.GDALGetDriver(i) for i in range(lib.GDALGetDriverCount())]:
            lib.GDALDeregisterDriver(handle)
        for handle in self._order:  # every driver again, in the order it had
            lib.GDALRegisterDriver(handle)
        pyogrio.set_gdal_config_options(self._saved)
        lib.OSRSetPROJEnableNetwork(self._network)
        lib.CPLHTTPSetFetchCallback(_FETCH_CALLBACK(), None)


def _deregister_others(lib: ctypes.CDLL) -> list[int]:
    """Deregister every driver not allowed; returns every driver's handle, in the order
    they were registered (drivers are never destroyed, so the handles stay good)."""
    drivers = [lib.GDALGetDriver(i) for i in range(lib.GDALGetDriverCount())]
    for handle in drivers:
        name = (lib.GDALGetDriverShortName(handle) or b"").decode("ascii", "replace")
        if name not in ALLOWED_DRIVERS:
            lib.GDALDeregisterDriver(handle)
    return drivers


@functools.cache
def _guard() -> _Guard:
    """The guard of the GDAL library pyogrio uses (found and bound once)."""
    path = _loaded_library_path()
    if not path:
        raise GdalGuardError("the GDAL library pyogrio uses was not found")
    try:
        lib = ctypes.CDLL(path)
        _bind(lib)
    except (OSError, AttributeError) as exc:
        raise GdalGuardError(f"GDAL's C API is not reachable in {path} ({exc})") from None
    return _Guard(lib)


@contextlib.contextmanager
def guarded() -> Iterator[list[str]]:
    """Read foreign files with GDAL inside this block; yields the list of URLs GDAL was
    refused during it (filled when the block ends).

    Raises
    ------
    GdalGuardError
        GDAL could not be held to :data:`ALLOWED_DRIVERS` and kept off the network (the
        file is then not read at all).

    >>> with guarded() as refused:
    ...     sorted(pyogrio.list_drivers())[:3]
    ['CSV', 'ESRI Shapefile', 'FlatGeobuf']
    >>> refused, "OGR_VRT" in pyogrio.list_drivers()
    ([], True)
    """
    guard = _guard()
    mark = guard.refusals.mark()
    refused: list[str] = []
    guard.enter()
    try:
        yield refused
    finally:
        guard.exit()
        refused.extend(guard.refusals.since(mark))
