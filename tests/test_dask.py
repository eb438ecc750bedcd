"""geo.geodesic_length past one machine: dask-geopandas frames on a local cluster.

A partitioned GeoParquet file (the shipped layers' features plus edge cases) is written
into tmp_path, read back lazily and measured on a two-worker LocalCluster; every number
must equal the in-memory result exactly (each partition runs the same arithmetic).
"""

from __future__ import annotations

import subprocess
import sys

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely import GeometryCollection, LineString, MultiLineString, Point, Polygon

import geo

dgpd = pytest.importorskip("dask_geopandas", reason="dask_geopandas (dask extra, in test extra)")
distributed = pytest.importorskip("distributed", reason="distributed (dask extra, in test extra)")

from conftest import ROOT  # noqa: E402

# dask's parquet reader calls set_index(inplace=True), which pandas 3.1 deprecates
pytestmark = pytest.mark.filterwarnings("ignore:The inplace keyword in GeoDataFrame")

PARTITIONS = 4

EDGE_CASES = [
    LineString([(170, 10), (-170, 12)]),  # across the antimeridian
    LineString([(170, 10), (190, 12)]),  # the same line unwrapped past 180
    MultiLineString([[(179, -5), (-179, -5)], [(0, 0), (1, 1), (2, 0)]]),
    Polygon([(0, 0), (1, 0), (1, 1), (0, 0)]),  # its perimeter
    Point(10, 10),  # 0
    LineString(),  # empty: 0
    None,  # missing: NaN
    GeometryCollection([LineString([(5, 5), (6, 6)]), Point(0, 0)]),
]


@pytest.fixture(scope="module")
def client():
    """A two-worker cluster in separate processes, as on a real cluster: the function and
    the partitions travel pickled. Start-up took about 1.5 s on this machine."""
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def frame(shipped_layers) -> gpd.GeoDataFrame:
    """Every shipped feature (lines, multi-lines, points) and the edge cases, three times,
    with an index that is not 0..n-1."""
    shipped = [layer.frame[["name", "geometry"]] for layer in shipped_layers]
    edge = gpd.GeoDataFrame(
        {"name": [f"edge {i}" for i in range(len(EDGE_CASES))]}, geometry=EDGE_CASES, crs=4326
    )
    gdf = pd.concat([*shipped, edge] * 3, ignore_index=True)
    gdf.index = pd.Index(100 + 3 * np.arange(len(gdf)), name="row")
    return gdf


@pytest.fixture(scope="module")
def parquet(frame, tmp_path_factory):
    path = tmp_path_factory.mktemp("dask") / "lines.parquet"
    dgpd.from_geopandas(frame, npartitions=PARTITIONS).to_parquet(path)
    return path


def test_the_file_is_partitioned_and_the_workers_run_this_checkout(parquet, client):
    assert len(list(parquet.glob("*.parquet"))) == PARTITIONS
    assert dgpd.read_parquet(parquet).npartitions == PARTITIONS
    workers = client.run(lambda: __import__("geo").__file__)
    assert set(workers.values()) == {geo.__file__}


def test_result_is_lazy_float64_with_the_frames_index(parquet, client):
    ddf = dgpd.read_parquet(parquet)
    lazy = geo.geodesic_length(ddf, units="nmi")
    assert type(lazy).__module__.startswith("dask.")
    assert lazy.npartitions == PARTITIONS
    assert lazy.divisions == ddf.divisions
    assert lazy.dtype == np.float64
    assert lazy.name == "length_nmi"
    assert lazy._meta.index.name == "row"


UNITS = ["km", "m", "mi", "nmi"]


@pytest.fixture(scope="module")
def computed(parquet, client) -> dict[str, tuple[pd.Series, float]]:
    """The lengths of the partitioned file in each of UNITS, and their sums, computed on
    the cluster in one pass."""
    lazy = [geo.geodesic_length(dgpd.read_parquet(parquet), units=units) for units in UNITS]
    done = client.compute([x for series in lazy for x in (series, series.sum())], sync=True)
    return {units: (done[2 * i], done[2 * i + 1]) for i, units in enumerate(UNITS)}


@pytest.mark.parametrize("units", UNITS)
def test_partitioned_geoparquet_gives_the_in_memory_numbers(computed, frame, units):
    got, total = computed[units]
    expected = geo.geodesic_length(frame, units=units)
    pd.testing.assert_series_equal(got, expected, check_exact=True)
    assert got.isna().sum() == 3  # the None rows, once per repetition
    # the reduction adds partition sums, so only its rounding may differ from pandas' sum
    assert total == pytest.approx(expected.sum(), rel=1e-12)


def test_a_geoseries_and_empty_partitions(frame, client):
    ddf = dgpd.from_geopandas(frame, npartitions=PARTITIONS)
    kept = ddf[ddf["name"].str.startswith("edge")]  # most partitions keep no row
    expected = geo.geodesic_length(frame[frame["name"].str.startswith("edge")])
    pd.testing.assert_series_equal(geo.geodesic_length(kept.geometry).compute(), expected)
    pd.testing.assert_series_equal(geo.geodesic_length(kept).compute(), expected)
    assert (kept.map_partitions(len).compute() == 0).any()


def test_another_crs_is_transformed_per_partition(frame, client):
    mercator = frame[shapely.get_type_id(frame.geometry.array) == 1].to_crs(3857)
    ddf = dgpd.from_geopandas(mercator, npartitions=PARTITIONS)
    assert ddf.crs.equals("EPSG:3857")
    got = geo.geodesic_length(ddf).compute()
    pd.testing.assert_series_equal(got, geo.geodesic_length(mercator), check_exact=True)


def test_no_crs_with_lonlat_bounds_is_taken_as_wgs84(frame, client):
    bare = frame.set_crs(None, allow_override=True)
    got = geo.geodesic_length(dgpd.from_geopandas(bare, npartitions=PARTITIONS)).compute()
    pd.testing.assert_series_equal(got, geo.geodesic_length(frame), check_exact=True)


def test_no_crs_with_projected_coordinates_fails_as_in_memory(frame, client):
    lines = frame[shapely.get_type_id(frame.geometry.array) == 1]
    bare = lines.to_crs(3857).set_crs(None, allow_override=True)
    message = "Expected WGS84 longitude/latitude for a frame with no CRS, instead got bounds"
    with pytest.raises(ValueError, match=message):
        geo.geodesic_length(bare)
    lazy = geo.geodesic_length(dgpd.from_geopandas(bare, npartitions=PARTITIONS))  # lazy: no error
    with pytest.raises(ValueError, match=message):
        lazy.compute()


def test_bad_units_fail_before_any_work(frame):
    ddf = dgpd.from_geopandas(frame, npartitions=PARTITIONS)
    with pytest.raises(ValueError, match="Expected units to be one of 'm', 'km', 'mi', 'nmi'"):
        geo.geodesic_length(ddf, units="furlong")


@pytest.mark.parametrize("kind", ["dask DataFrame", "dask Series"])
def test_other_dask_collections_are_refused_not_computed(frame, kind):
    import dask.dataframe as dd

    plain = dd.from_pandas(pd.DataFrame({"x": [1.0, 2.0]}), npartitions=1)
    obj = plain if kind == "dask DataFrame" else plain["x"]
    with pytest.raises(TypeError, match="Expected a dask_geopandas GeoDataFrame or GeoSeries"):
        geo.geodesic_length(obj)


def test_point_functions_refuse_a_dask_frame(frame):
    ports = dgpd.from_geopandas(frame[frame.geom_type == "Point"], npartitions=2)
    with pytest.raises(TypeError, match=r"Expected points in memory \(call \.compute\(\)"):
        geo.distance_matrix(ports)


def test_the_core_package_does_not_import_dask():
    code = (
        "import sys, geo\n"
        "from shapely import LineString\n"
        "geo.geodesic_length(LineString([(0, 0), (1, 1)]))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed',"
        " 'dask_geopandas')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


#: A hand-made OpenStreetMap XML file (the format of Geofabrik's extracts, uncompressed):
#: three railway ways, one across the antimeridian, and a road the recipe must leave out.
TINY_OSM = """<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="bri-corridors test">
  <node id="1" lat="50.0" lon="10.0"/>
  <node id="2" lat="50.1" lon="10.1"/>
  <node id="3" lat="50.2" lon="10.0"/>
  <node id="4" lat="60.0" lon="179.5"/>
  <node id="5" lat="60.1" lon="-179.5"/>
  <node id="6" lat="40.0" lon="100.0"/>
  <node id="7" lat="41.0" lon="101.0"/>
  <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="railway" v="rail"/></way>
  <way id="11"><nd ref="4"/><nd ref="5"/><tag k="railway" v="rail"/></way>
  <way id="12"><nd ref="6"/><nd ref="7"/><tag k="railway" v="rail"/></way>
  <way id="13"><nd ref="3"/><nd ref="6"/><tag k="highway" v="primary"/></way>
</osm>
"""


def test_the_readme_recipe_runs_on_a_local_cluster(tmp_path, client, monkeypatch, capsys):
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Past one machine", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    (tmp_path / "asia-latest.osm").write_text(TINY_OSM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for old, new in [
        ('"asia-latest.osm.pbf"', '"asia-latest.osm"'),
        ('"tcp://scheduler:8786"', repr(client.scheduler.address)),
    ]:
        assert old in code
        code = code.replace(old, new)
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)
    namespace["client"].close()
    rail = gpd.read_file("asia-latest.osm", layer="lines", where="railway = 'rail'")
    assert len(rail) == 3
    expected = geo.geodesic_length(rail).sum()
    assert capsys.readouterr().out == f"{expected:,.0f} km of railway\n"
    across = rail[rail["osm_id"] == "11"]
    assert 0 < geo.geodesic_length(across).iloc[0] < 60  # across ±180°, not the long way
