"""The linkage pipeline, independent of Django: features, a deterministic pass, Splink on the rest, and a
decision per registry record (synced / match / ambiguous / not found).

It runs on an engine (engine.py): DuckDB on one machine, Spark for a national extract. Every statement goes
through the engine, Splink included, so the same run gives the same links on either.
"""

from __future__ import annotations

import copy
import logging
import math
import time
from dataclasses import dataclass, field

import polars as pl
from splink import Linker

from ansinh.linkage import splink_model
from ansinh.linkage.decide import decide_sql
from ansinh.linkage.features import DETERMINISTIC_SQL, feature_sql

logging.getLogger("splink").setLevel(logging.ERROR)  # "level not observed" is expected on clean data

# IDs are used to train the model when at least this share of the smaller side links on them.
SHARED_ID_SHARE = 0.05
# A blocking rule may create at most this many pairs per record left to score (and a million in any case),
# all rules together twice that: enough for every rule on a province's leftovers, while a rule that would
# explode on a file without IDs (a common given name and a birth year across a million people) is left
# out of that run. Rules are taken in order, so the wide nets at the end go first.
PAIRS_PER_RECORD = 20


@dataclass(frozen=True)
class Thresholds:
    match_probability: float  # the best candidate is proposed as the person at or above this
    candidate_probability: float  # candidates below this are not shown
    ambiguity_margin: float  # match weights closer than this to the best make the record ambiguous


@dataclass
class LinkResult:
    decisions: pl.DataFrame  # registry_uid, outcome, extract_uid, match_probability, match_weight, method
    candidates: pl.DataFrame  # registry_uid, extract_uid, rank, match_probability, match_weight, mw_<comparison>…
    model: dict
    trained: bool
    blocking: dict = field(default_factory=dict)  # rule → pairs it would create, and whether it was used
    seconds: dict = field(default_factory=dict)


class _Clock:
    def __init__(self, on_step):
        self.seconds, self.on_step, self.started = {}, on_step, time.perf_counter()

    def step(self, name: str) -> None:
        self.seconds[name] = round(time.perf_counter() - self.started, 2)
        self.started = time.perf_counter()
        if self.on_step:
            self.on_step(name)


def link(
    engine, registry: str, extract: str, thresholds: Thresholds, model: dict | None = None, on_step=None
) -> LinkResult:
    """Link table `registry` to table `extract` (both with the input columns of features.feature_sql).
    `model`: a model trained earlier on the same settings, reused as it is; None trains a new one."""
    clock = _Clock(on_step)
    engine.table("reg_f", feature_sql(registry))
    engine.table("ext_f", feature_sql(extract))
    clock.step("features")
    engine.table("det", DETERMINISTIC_SQL.format(registry="reg_f", extract="ext_f"))
    engine.table(
        "reg_rest", "SELECT f.* FROM reg_f f LEFT JOIN det d ON f.uid = d.registry_uid WHERE d.registry_uid IS NULL"
    )
    engine.table(
        "ext_rest", "SELECT f.* FROM ext_f f LEFT JOIN det d ON f.uid = d.extract_uid WHERE d.extract_uid IS NULL"
    )
    clock.step("deterministic")
    prior = _prior(engine)
    trained = model is None
    model = (
        _trained_model(engine, prior) if trained else with_prior(splink_model.for_dialect(model, engine.dialect), prior)
    )
    clock.step("training" if trained else "model reused")
    rules, blocking = affordable_blocking(engine)
    _predict(engine, model, rules, thresholds.candidate_probability)
    clock.step("prediction")
    weights = [f"mw_{name}" for name in splink_model.COMPARISONS]
    for name, select in decide_sql("pairs", weights, thresholds):
        engine.table(name, select)
    decisions = engine.frame("SELECT * FROM decisions ORDER BY registry_uid")
    candidates = engine.frame("SELECT * FROM shown_candidates ORDER BY registry_uid, rank")
    clock.step("decision")
    return LinkResult(decisions, candidates, model, trained, blocking, clock.seconds)


def _prior(engine) -> float:
    """One true pair per registry record among all registry × extract pairs, so a namesake in a small
    leftover pool is not taken for the person."""
    n_reg, n_ext = engine.count("reg_f"), engine.count("ext_f")
    return max(1, min(n_reg, n_ext)) / max(1, n_reg * n_ext)


def with_prior(model: dict, prior: float) -> dict:
    model = copy.deepcopy(model)
    model["probability_two_random_records_match"] = prior
    return model


def _linker(engine, tables: tuple[str, str], settings) -> Linker:
    db_api = engine.db_api
    registered = [
        db_api.register(tables[0], table_name=f"{tables[0]}_in_splink", dataset_display_name="registry"),
        db_api.register(tables[1], table_name=f"{tables[1]}_in_splink", dataset_display_name="extract"),
    ]
    return Linker(registered, settings, log_level=logging.ERROR)


def _trained_model(engine, prior: float) -> dict:
    n_reg, n_det = engine.count("reg_f"), engine.count("det")
    ids_shared = n_det >= SHARED_ID_SHARE * max(1, min(n_reg, engine.count("ext_f")))
    linker = _linker(engine, ("reg_f", "ext_f"), splink_model.settings(prior, engine.dialect))
    splink_model.train(linker, pairs_for_u=min(5e6, max(1e6, n_reg * 4.0)), em_max_pairs=1e6, ids_shared=ids_shared)
    return splink_model.with_floors(linker.misc.save_model_to_json())


def affordable_blocking(engine) -> tuple[list[dict], dict]:
    """The blocking rules whose pairs on the records left to score fit the budget, counted exactly and
    cheaply (per key: registry records × extract records) in one query before anything is joined."""
    budget = max(1_000_000, PAIRS_PER_RECORD * (engine.count("reg_rest") + engine.count("ext_rest")))
    counted = " UNION ALL ".join(_pairs_sql(n, keys) for n, keys in enumerate(splink_model.BLOCKING_KEYS))
    pairs_of = dict(engine.frame(counted).iter_rows())
    rules, report, total = [], {}, 0
    for n, keys in enumerate(splink_model.BLOCKING_KEYS):
        pairs = int(pairs_of.get(n) or 0)
        used = pairs <= budget and total + pairs <= 2 * budget
        total += pairs if used else 0
        report[" + ".join(keys)] = {"pairs": pairs, "used": used}
        if used:
            rules.append(splink_model.blocking_rules((keys,))[0].get_blocking_rule(engine.dialect).as_dict())
    return rules, report


def _pairs_sql(n: int, keys: tuple[str, ...]) -> str:
    def side(table):
        columns = ", ".join(f"{k} AS k{i}" for i, k in enumerate(keys))
        present = " AND ".join(f"{k} IS NOT NULL" for k in keys)
        return f"SELECT {columns}, count(*) AS n FROM {table} WHERE {present} GROUP BY {', '.join(keys)}"

    on = " AND ".join(f"a.k{i} = b.k{i}" for i in range(len(keys)))
    return (
        f"SELECT {n} AS rule, sum(a.n * b.n) AS pairs FROM ({side('reg_rest')}) a JOIN ({side('ext_rest')}) b ON {on}"
    )


def _predict(engine, model: dict, rules: list[dict], candidate_probability: float) -> None:
    """Score the records the deterministic pass left with the model, into table `pairs`, oriented
    registry → extract (Splink puts either input on the left)."""
    model = dict(model, blocking_rules_to_generate_predictions=rules)
    linker = _linker(engine, ("reg_rest", "ext_rest"), model)
    scored = linker.inference.predict(threshold_match_probability=candidate_probability, warning_mode="never")
    weights = ", ".join(f"mw_{name}" for name in splink_model.COMPARISONS)
    engine.table(
        "pairs",
        f"""
        SELECT CASE WHEN source_dataset_l = 'registry' THEN uid_l ELSE uid_r END AS registry_uid,
               CASE WHEN source_dataset_l = 'registry' THEN uid_r ELSE uid_l END AS extract_uid,
               match_probability, match_weight, {weights}
        FROM {scored.physical_name}""",
    )


def weight_to_probability(weight: float) -> float:
    return 1 / (1 + math.pow(2, -weight))
