"""The linkage pipeline, independent of Django: features, a deterministic pass, Splink on the rest, and a
decision per registry record (synced / match / ambiguous / not found).

The linker is built on a Splink database API: `DuckDBAPI` here; a national run passes `SparkAPI` and the
same tables (see docs/linkage.md). Only the thin SQL around it is run on the DuckDB connection directly.
"""
from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass, field

import duckdb
import polars as pl
from splink import DuckDBAPI, Linker

from ansinh.linkage import model
from ansinh.linkage.decide import decide_sql
from ansinh.linkage.features import DETERMINISTIC_SQL, feature_sql

logging.getLogger("splink").setLevel(logging.ERROR)  # "level not observed" is expected on clean data


@dataclass(frozen=True)
class Thresholds:
    match_probability: float      # the best candidate is proposed as the person at or above this
    candidate_probability: float  # candidates below this are not shown
    ambiguity_margin: float       # match weights closer than this to the best make the record ambiguous


@dataclass
class LinkResult:
    decisions: pl.DataFrame   # registry_uid, outcome, extract_uid, match_probability, match_weight, method
    candidates: pl.DataFrame  # registry_uid, extract_uid, rank, match_probability, match_weight, mw_<comparison>…
    model: dict
    seconds: dict = field(default_factory=dict)


def connect(memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    if memory_limit:
        _run(con, f"SET memory_limit = '{memory_limit}'")
    return con


def link(con, registry: str, extract: str, thresholds: Thresholds, on_step=None) -> LinkResult:
    """Link table `registry` to table `extract` (both with the input columns of features.feature_sql)."""
    seconds, started = {}, time.perf_counter()

    def step(name):
        nonlocal started
        seconds[name] = round(time.perf_counter() - started, 2)
        started = time.perf_counter()
        if on_step:
            on_step(name)

    _run(con, f"CREATE OR REPLACE TABLE reg_f AS {feature_sql(registry)}")
    _run(con, f"CREATE OR REPLACE TABLE ext_f AS {feature_sql(extract)}")
    step("features")
    _run(con, "CREATE OR REPLACE TABLE det AS " + DETERMINISTIC_SQL.format(registry="reg_f", extract="ext_f"))
    _run(con, "CREATE OR REPLACE TABLE reg_rest AS SELECT * FROM reg_f ANTI JOIN det ON reg_f.uid = det.registry_uid")
    _run(con, "CREATE OR REPLACE TABLE ext_rest AS SELECT * FROM ext_f ANTI JOIN det ON ext_f.uid = det.extract_uid")
    step("deterministic")
    trained = _trained_model(con)
    step("training")
    pairs = _predict(con, trained, thresholds.candidate_probability)
    step("prediction")
    decisions, candidates = _decide(con, pairs, thresholds)
    step("decision")
    return LinkResult(decisions, candidates, trained, seconds)


def _sizes(con, left: str, right: str) -> tuple[int, int]:
    return tuple(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] for table in (left, right))


def _trained_model(con) -> dict:
    """Train on the whole registry and extract: the prior is one true pair per registry record among all
    registry × extract pairs, so a namesake in a small leftover pool is not taken for the person."""
    n_reg, n_ext = _sizes(con, "reg_f", "ext_f")
    prior = max(1, min(n_reg, n_ext)) / max(1, n_reg * n_ext)
    db_api = DuckDBAPI(connection=con)
    linker = Linker(
        [db_api.register("reg_f", dataset_display_name="registry"), db_api.register("ext_f", dataset_display_name="extract")],
        model.settings(prior), log_level=logging.ERROR,
    )
    model.train(linker, pairs_for_u=min(2e6, max(1e4, n_reg * 4.0)), em_max_pairs=1e6)
    return model.with_floors(linker.misc.save_model_to_json())


def _predict(con, trained: dict, candidate_probability: float) -> str:
    """Score the records the deterministic pass left, with the trained model; returns the pairs' table."""
    db_api = DuckDBAPI(connection=con)
    tables = [db_api.register("reg_rest", dataset_display_name="registry_rest"),
              db_api.register("ext_rest", dataset_display_name="extract_rest")]
    linker = Linker(tables, trained, log_level=logging.ERROR)
    pairs = linker.inference.predict(threshold_match_probability=candidate_probability, warning_mode="never")
    weights = ", ".join(f"mw_{name}" for name in model.COMPARISONS)
    # Splink puts either input on the left; orient every pair registry → extract.
    _run(con, f"""
        CREATE OR REPLACE TABLE pairs AS
        SELECT CASE WHEN source_dataset_l = 'registry_rest' THEN uid_l ELSE uid_r END AS registry_uid,
               CASE WHEN source_dataset_l = 'registry_rest' THEN uid_r ELSE uid_l END AS extract_uid,
               match_probability, match_weight, {weights}
        FROM {pairs.physical_name}
    """)
    return "pairs"


def _decide(con, pairs: str, thresholds: Thresholds) -> tuple[pl.DataFrame, pl.DataFrame]:
    for statement in decide_sql(pairs, thresholds):
        _run(con, statement)
    decisions = con.sql("SELECT * FROM decisions ORDER BY registry_uid").pl()
    candidates = con.sql("SELECT * FROM shown_candidates ORDER BY registry_uid, rank").pl()
    return decisions, candidates


def _run(con, sql: str) -> None:
    """Execute and drain, so the connection is free for Splink's next statement."""
    con.execute(sql).fetchall()


def weight_to_probability(weight: float) -> float:
    return 1 / (1 + math.pow(2, -weight))
