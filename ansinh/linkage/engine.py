"""Where the linkage's SQL runs: DuckDB on one machine, Spark on a cluster.

Every statement of the pipeline is a SELECT written once in DuckDB's dialect; an engine materialises it
as a named table (DuckDB: a table; Spark: a cached temporary view) after translating it with sqlglot, and
hands Splink the matching database API. Nothing else in the linkage talks to a database directly.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import polars as pl
import sqlglot
from splink import DuckDBAPI


class DuckDBEngine:
    dialect = "duckdb"

    def __init__(self, memory_limit: str | None = None, spill_dir: Path | None = None):
        """`memory_limit` (e.g. "4GB") caps DuckDB's memory; past it, work spills to `spill_dir` on disk."""
        self.con = duckdb.connect()
        if memory_limit:
            self.con.execute(f"SET memory_limit = '{memory_limit}'").fetchall()
        if spill_dir:
            spill_dir.mkdir(parents=True, exist_ok=True)
            self.con.execute(f"SET temp_directory = '{spill_dir}'").fetchall()
        self.db_api = DuckDBAPI(connection=self.con)

    def table(self, name: str, select_sql: str) -> None:
        self.con.execute(f"CREATE OR REPLACE TABLE {name} AS {select_sql}").fetchall()

    def load_frame(self, name: str, frame: pl.DataFrame) -> None:
        self.con.register(f"{name}__arrow", frame.to_arrow())
        self.table(name, f"SELECT * FROM {name}__arrow")
        self.con.unregister(f"{name}__arrow")

    def load_parquet(self, name: str, path: Path) -> None:
        self.table(name, f"SELECT * FROM read_parquet('{path}')")

    def frame(self, select_sql: str) -> pl.DataFrame:
        return self.con.sql(select_sql).pl()

    def count(self, name: str) -> int:
        return self.con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]

    def close(self) -> None:
        self.con.close()


class SparkEngine:
    """Spark SQL through a SparkSession (local mode in the tests; a cluster for a national run)."""

    dialect = "spark"

    def __init__(self, spark, break_lineage_method: str = "persist"):
        """`break_lineage_method`: how Splink cuts long query plans — "persist" in local mode, "parquet" or
        "checkpoint" on a cluster (see docs/linkage.md)."""
        from splink import SparkAPI  # optional: the `spark` extra

        self.spark = spark
        self.db_api = SparkAPI(spark_session=spark, break_lineage_method=break_lineage_method)
        self._cached: dict[str, object] = {}

    def _sql(self, select_sql: str) -> str:
        return sqlglot.transpile(select_sql, read="duckdb", write="spark")[0]

    def table(self, name: str, select_sql: str) -> None:
        self._replace(name, self.spark.sql(self._sql(select_sql)))

    def _replace(self, name: str, df) -> None:
        # Materialise now, like a table, and cut the lineage: each step reads the previous ones, and a plan
        # that carried them all would be recomputed and grow with every step.
        df = df.localCheckpoint(eager=True)
        df.createOrReplaceTempView(name)
        old = self._cached.pop(name, None)
        if old is not None:
            old.unpersist()
        self._cached[name] = df

    def load_frame(self, name: str, frame: pl.DataFrame) -> None:
        self._replace(
            name,
            self.spark.createDataFrame(frame.to_pandas())
            if frame.height
            else self.spark.createDataFrame([], _spark_schema(frame)),
        )

    def load_parquet(self, name: str, path: Path) -> None:
        self._replace(name, self.spark.read.parquet(str(path)))

    def frame(self, select_sql: str) -> pl.DataFrame:
        return pl.from_arrow(self.spark.sql(self._sql(select_sql)).toArrow())

    def count(self, name: str) -> int:
        return self.spark.table(name).count()

    def close(self) -> None:
        for df in self._cached.values():
            df.unpersist()
        self._cached.clear()


def _spark_schema(frame: pl.DataFrame):
    from pyspark.sql import types as T

    kinds = {pl.Int64: T.LongType(), pl.Int32: T.IntegerType(), pl.Float64: T.DoubleType(), pl.Boolean: T.BooleanType()}
    return T.StructType([T.StructField(n, kinds.get(t, T.StringType()), True) for n, t in frame.schema.items()])


def local_spark(cores: int = 2, memory: str = "2g"):
    """A local-mode SparkSession with Splink's similarity functions (Jaro–Winkler …) on its class path and a
    checkpoint folder (Splink checkpoints to cut long query plans)."""
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    spark = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("ansinh-linkage")
        .config("spark.driver.memory", memory)
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", str(cores))
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    spark.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="ansinh-spark-checkpoints-"))
    return spark
