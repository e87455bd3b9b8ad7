"""Turn a LinkResult into stored findings, candidates and proposed corrections (bulk, explicit ids)."""

from __future__ import annotations

import polars as pl

from ansinh.core.bulk import bulk_insert, next_id, reset_sequence
from ansinh.linkage import rules, splink_model
from ansinh.linkage.models import Candidate, Correction, Finding, Outcome, RunCommune

_FIELDS = ("cccd", "full_name", "birth_date", "sex", "commune_code")


def _differs() -> pl.Expr:
    """Vectorised pre-filter with the same meaning as rules.corrections (which then names the fields)."""
    new_full_date = pl.col("birth_date_x").str.len_chars() == 10
    return (
        (pl.col("cccd_x").is_not_null() & (pl.col("cccd_x") != pl.col("cccd")).fill_null(True))
        | (pl.col("full_name_x") != pl.col("full_name"))
        | (new_full_date & (pl.col("birth_date_x") != pl.col("birth_date")))
        | (pl.col("sex_x").is_not_null() & (pl.col("sex_x") != pl.col("sex")))
        | (pl.col("commune_code_x").is_not_null() & (pl.col("commune_code_x") != pl.col("commune_code")))
    )


def write_findings(run, registry: pl.DataFrame, extract: pl.DataFrame, result) -> dict:
    ext = extract.rename({c: f"{c}_x" for c in extract.columns if c != "uid"})
    decided = result.decisions.join(registry, left_on="registry_uid", right_on="uid").join(
        ext, left_on="extract_uid", right_on="uid", how="left"
    )
    linked = decided.filter(pl.col("outcome") == "linked")
    needs_fix = linked.filter(_differs())
    synced = linked.join(needs_fix.select("registry_uid"), on="registry_uid", how="anti")
    _write_communes(run, registry, synced)
    findings = pl.concat(
        [
            needs_fix.with_columns(pl.lit(Outcome.MATCH.value).alias("outcome")),
            decided.filter(pl.col("outcome") != "linked"),
        ],
        how="diagonal_relaxed",
    )
    _write_rows(run, findings, result.candidates, ext)
    return {
        "synced": synced.height,
        "matched": needs_fix.height,
        "ambiguous": decided.filter(pl.col("outcome") == Outcome.AMBIGUOUS).height,
        "not_found": decided.filter(pl.col("outcome") == Outcome.NOT_FOUND).height,
    }


def _write_communes(run, registry, synced) -> None:
    per_commune = (
        registry.group_by("commune_code", "area_code")
        .agg(pl.len().alias("participants"))
        .join(
            synced.group_by("commune_code").agg(pl.len().alias("synced")),
            on="commune_code",
            how="left",
        )
        .with_columns(pl.col("synced").fill_null(0), pl.lit(run.pk).alias("run_id"))
    )
    bulk_insert(RunCommune, ["run_id", "commune_code", "area_code", "participants", "synced"], per_commune)


def _write_rows(run, findings: pl.DataFrame, candidates: pl.DataFrame, ext: pl.DataFrame) -> None:
    first_finding = next_id(Finding)
    findings = findings.sort("registry_uid").with_row_index("finding_id", offset=first_finding)
    bulk_insert(
        Finding,
        [
            "id",
            "run_id",
            "person_id",
            "commune_code",
            "area_code",
            "outcome",
            "method",
            "match_probability",
            "match_weight",
            "status",
        ],
        findings.select(
            pl.col("finding_id").alias("id"),
            pl.lit(run.pk).alias("run_id"),
            pl.col("registry_uid").alias("person_id"),
            "commune_code",
            "area_code",
            "outcome",
            "method",
            "match_probability",
            "match_weight",
            pl.lit("open").alias("status"),
        ),
    )
    shown = _candidate_rows(findings, candidates, ext)
    bulk_insert(
        Candidate,
        [
            "id",
            "finding_id",
            "rank",
            "extract_line",
            "cccd",
            "full_name",
            "birth_date",
            "sex",
            "commune_code",
            "address",
            "match_probability",
            "match_weight",
            "weights",
        ],
        shown,
    )
    bulk_insert(
        Correction,
        ["finding_id", "candidate_id", "field", "old_value", "new_value", "status"],
        _correction_rows(findings, shown),
    )
    for table in (Finding, Candidate, Correction):
        reset_sequence(table)


def _candidate_rows(findings, candidates, ext) -> pl.DataFrame:
    """Deterministic matches show their one extract record; the others the scored candidates."""
    scored = candidates.join(findings.select("registry_uid", "finding_id", "method", "outcome"), on="registry_uid")
    scored = scored.filter(
        (pl.col("method") == "probabilistic") & ((pl.col("outcome") != "match") | (pl.col("rank") == 1))
    )
    exact = findings.filter(pl.col("method") == "deterministic").select(
        "registry_uid",
        "finding_id",
        "extract_uid",
        pl.lit(1, dtype=pl.Int64).alias("rank"),
        pl.lit(1.0).alias("match_probability"),
        pl.lit(None, dtype=pl.Float64).alias("match_weight"),
    )
    weight_cols = [f"mw_{name}" for name in splink_model.COMPARISONS]
    rows = pl.concat(
        [
            scored.select(
                "registry_uid",
                "finding_id",
                "extract_uid",
                pl.col("rank").cast(pl.Int64),
                "match_probability",
                "match_weight",
                *weight_cols,
            ),
            exact,
        ],
        how="diagonal_relaxed",
    )
    rows = rows.join(ext, left_on="extract_uid", right_on="uid").sort("finding_id", "rank")
    weights = pl.struct([pl.col(c).round(2).alias(c.removeprefix("mw_")) for c in weight_cols]).struct.json_encode()
    return rows.with_row_index("id", offset=next_id(Candidate)).select(
        "id",
        "finding_id",
        "rank",
        pl.col("extract_uid").alias("extract_line"),
        pl.col("cccd_x").fill_null("").alias("cccd"),
        pl.col("full_name_x").alias("full_name"),
        pl.col("birth_date_x").fill_null("").alias("birth_date"),
        pl.col("sex_x").fill_null("").alias("sex"),
        pl.col("commune_code_x").fill_null("").alias("commune_code"),
        pl.col("address_x").fill_null("").str.slice(0, 200).alias("address"),
        "match_probability",
        "match_weight",
        weights.alias("weights"),
    )


def _correction_rows(findings, shown) -> list[tuple]:
    """Corrections for findings with a proposed person (rank-1 candidate of a match)."""
    matches = findings.filter(pl.col("outcome") == "match").select("finding_id", *_FIELDS)
    proposed = shown.filter(pl.col("rank") == 1).join(matches, on="finding_id", suffix="_reg")
    rows = []
    for row in proposed.iter_rows(named=True):
        registry = {f: row[f"{f}_reg"] for f in _FIELDS}
        for field, (old, new) in rules.corrections(registry, row).items():
            rows.append((row["finding_id"], row["id"], field, old, new, "proposed"))
    return rows
