"""Splink on Spark (local mode) with the settings and the trained model of a DuckDB run gives the same links:
the national reconciliation runs the same definitions on a cluster. The test touches no database, so it runs
once, in the suite's SQLite pass."""

import os

import polars as pl
import pytest

from ansinh.linkage import linking
from ansinh.linkage.engine import DuckDBEngine, SparkEngine, local_spark
from ansinh.linkage.tests import febrl
from ansinh.linkage.tests.test_public_benchmark_files_link_without_any_id import THRESHOLDS, load_tables

pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="no database involved: runs in the SQLite pass"),
]


@pytest.fixture(scope="module")
def spark():
    session = local_spark(cores=2, memory="1g")
    yield session
    session.stop()


def _linked(result) -> pl.DataFrame:
    return (
        result.decisions.filter(pl.col("outcome") == "linked")
        .select("registry_uid", "extract_uid")
        .sort("registry_uid")
    )


def test_spark_links_a_file_exactly_as_duckdb_does(tmp_path, spark):
    registry_frame, extract_frame = febrl.febrl4()
    registry_frame = registry_frame.iloc[:200]
    extract_frame = extract_frame[
        extract_frame.index.map(febrl.entity).isin(set(registry_frame.index.map(febrl.entity)))
    ]
    registry, extract_ids = load_tables(tmp_path, registry_frame, extract_frame)

    on_duckdb = DuckDBEngine()
    febrl.load(on_duckdb, registry, tmp_path / "extract.parquet")
    by_duckdb = linking.link(on_duckdb, "registry_in", "extract_in", THRESHOLDS)

    on_spark = SparkEngine(spark)
    febrl.load(on_spark, registry, tmp_path / "extract.parquet")
    by_spark = linking.link(on_spark, "registry_in", "extract_in", THRESHOLDS, model=by_duckdb.model)

    assert by_spark.model["sql_dialect"] == "spark" and not by_spark.trained
    assert _linked(by_spark).equals(_linked(by_duckdb))
    assert febrl.score(by_spark.decisions, registry, extract_ids)["f1"] >= 0.95  # a model trained on 200 records
