"""The peer of bench/reconcile.py: a plain Splink model, written as Splink's own tutorial writes one, on the same
registry and extract, scored against the same truth in the same run.

Plain means: the raw columns (no folding, no sorted name words, no features), Splink's stock comparisons (name,
date of birth, sex, commune, address and, when the extract has them, the CCCD), blocking rules on exact columns,
u by random sampling, m by expectation maximisation, then every extract line linked to its best registry record
at a match probability of at least 0.9. Nothing is tuned to the province."""

from __future__ import annotations

import logging
import time

import polars as pl

THRESHOLD = 0.9
COLUMNS = ("uid", "cccd", "full_name", "birth_date", "sex", "commune_code", "address")


def _settings(with_ids: bool, prior: float, with_place: bool = True):
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    comparisons = [
        cl.NameComparison("full_name"),
        cl.DateOfBirthComparison("birth_date", input_is_string=True),
        cl.ExactMatch("sex"),
        cl.ExactMatch("commune_code"),
        cl.JaroWinklerAtThresholds("address", [0.9, 0.7]),
    ]
    blocking = [block_on("full_name", "birth_date"), block_on("birth_date", "commune_code")]
    blocking.append(block_on("full_name", "commune_code"))
    if not with_place:  # files with no commune at all (FEBRL): the exact columns left, one at a time
        blocking = [block_on("birth_date"), block_on("full_name")]
    if with_ids:
        comparisons.append(cl.ExactMatch("cccd"))
        blocking.insert(0, block_on("cccd"))
    return SettingsCreator(
        link_type="link_only",
        unique_id_column_name="uid",
        comparisons=comparisons,
        blocking_rules_to_generate_predictions=blocking,
        probability_two_random_records_match=prior,  # one true pair per person among all pairs
    )


def _em_blocks(with_ids: bool) -> list:
    from splink import block_on

    return [block_on("cccd"), block_on("full_name")] if with_ids else [block_on("birth_date"), block_on("full_name")]


def link(registry: pl.DataFrame, extract: pl.DataFrame, with_ids: bool) -> tuple[pl.DataFrame, float]:
    """(registry_uid, extract_uid) of every link, and the seconds it took (training included)."""
    import duckdb
    from splink import DuckDBAPI, Linker

    def prepared(frame: pl.DataFrame) -> pl.DataFrame:
        frame = frame.select(COLUMNS).with_columns(pl.col("uid").cast(pl.Int64))
        return frame.with_columns(
            [pl.when(pl.col(c).cast(pl.String) == "").then(None).otherwise(pl.col(c)).alias(c) for c in COLUMNS[1:]]
        )

    started = time.perf_counter()
    con = duckdb.connect()
    con.register("registry_arrow", prepared(registry).to_arrow())
    con.register("extract_arrow", prepared(extract).to_arrow())
    con.execute("CREATE TABLE registry_in AS SELECT * FROM registry_arrow")
    con.execute("CREATE TABLE extract_in AS SELECT * FROM extract_arrow")
    db_api = DuckDBAPI(connection=con)
    inputs = [
        db_api.register("registry_in", table_name="registry_in_splink", dataset_display_name="registry"),
        db_api.register("extract_in", table_name="extract_in_splink", dataset_display_name="extract"),
    ]
    prior = max(1, min(registry.height, extract.height)) / max(1, registry.height * extract.height)
    with_place = extract["commune_code"].cast(pl.String).replace("", None).drop_nulls().len() > 0
    linker = Linker(inputs, _settings(with_ids, prior, with_place), log_level=logging.ERROR)
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1)
    for rule in _em_blocks(with_ids):
        linker.training.estimate_parameters_using_expectation_maximisation(rule, max_pairs=1e6)
    scored = linker.inference.predict(threshold_match_probability=THRESHOLD)
    links = con.sql(
        f"""
        WITH oriented AS (
            SELECT CASE WHEN source_dataset_l = 'registry' THEN uid_l ELSE uid_r END AS registry_uid,
                   CASE WHEN source_dataset_l = 'registry' THEN uid_r ELSE uid_l END AS extract_uid,
                   match_probability
            FROM {scored.physical_name})
        SELECT registry_uid, extract_uid FROM oriented
        QUALIFY row_number() OVER (PARTITION BY extract_uid ORDER BY match_probability DESC, registry_uid) = 1
        """
    ).pl()
    con.close()
    return links, time.perf_counter() - started


def score(links: pl.DataFrame, line_cccd: pl.DataFrame, truth: pl.DataFrame) -> dict:
    """Precision, recall and F1 of links (registry_uid, extract_uid) against the truth: an extract line's own CCCD
    (line_cccd: extract_uid, true_cccd) is the one the truth gives the registry person (registry_uid, extract_cccd)."""
    joined = links.join(line_cccd, on="extract_uid").join(truth, on="registry_uid")
    tp = joined.filter(pl.col("true_cccd") == pl.col("extract_cccd")).height
    return figures(tp, links.height - tp, truth.filter(pl.col("extract_cccd").is_not_null()).height - tp)


def figures(tp: int, fp: int, fn: int) -> dict:
    """The link counts with their precision, recall and F1."""
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return {
        "true_links": tp,
        "false_links": fp,
        "missed_links": fn,
        "precision": round(precision, 6),
        "recall": round(recall, 6),
        "f1": round(2 * precision * recall / max(1e-12, precision + recall), 6),
    }
