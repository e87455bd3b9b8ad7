"""Pensions for many people at once (demo build, benchmark): the same law as rules.quote_pension's amount
path — each month capped at the cap of its month, state pay-scale months re-based to today's reference level,
the others revalued by year — with the career sums done in Polars and the final Decimal arithmetic in rules.

Input frames: people (person_id, sex, retired_on) and spells (person_id, start, end, insured_salary,
state_scale). The amounts are priced with one ParamSet (the parameters in force on one date). State-scale
amounts are summed in whole cents, so they may differ from the one-by-one computation by a đồng."""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from ansinh.benefits.rules import career as career_rules
from ansinh.benefits.rules import pension as pension_rules


def _months(people: pl.DataFrame, spells: pl.DataFrame) -> pl.DataFrame:
    """Spells as month indexes, cut at the month before retirement."""

    def idx(col):
        return pl.col(col).dt.year().cast(pl.Int64) * 12 + pl.col(col).dt.month().cast(pl.Int64) - 1

    frame = spells.join(people.select("person_id", "retired_on"), on="person_id")
    frame = frame.with_columns(idx("start").alias("s"), pl.min_horizontal(idx("end"), idx("retired_on") - 1).alias("e"))
    return frame.filter(pl.col("e") >= pl.col("s")).select("person_id", "s", "e", "insured_salary", "state_scale")


def _segments(params, first_month: int, last_month: int) -> pl.DataFrame:
    """Runs of months within one year with the same reference level and cap: (year, seg_s, seg_e, level,
    cap, coef_cents). A level of 0 means none recorded (state months then fall back to the coefficient)."""
    history = career_rules.SalaryHistory(params, first_month)
    table = params.raw("pension.revaluation")
    rows, current = [], None
    for m in range(first_month, last_month + 1):
        key = (m // 12, history.level(m) or 0, history.cap(m) or 0)
        if current and current[0] == key and current[2] == m - 1:
            current[2] = m
        else:
            current = [key, m, m]
            rows.append(current)
    return pl.DataFrame(
        [(k[0], s, e, k[1], k[2], int(career_rules.coefficient(table, k[0]) * 100)) for k, s, e in rows],
        schema={
            "year": pl.Int64,
            "seg_s": pl.Int64,
            "seg_e": pl.Int64,
            "level": pl.Int64,
            "cap": pl.Int64,
            "coef_cents": pl.Int64,
        },
        orient="row",
    )


def _valued(frame: pl.DataFrame, segments: pl.DataFrame, level_now: int) -> pl.DataFrame:
    """Each spell split by segment, with months `m` and its value in cents: capped salary × months, re-based
    (state) or revalued (the rest)."""
    years = frame.with_columns(pl.int_ranges(pl.col("s") // 12, pl.col("e") // 12 + 1).alias("year")).explode("year")
    parts = (
        years.join(segments, on="year")
        .with_columns((pl.min_horizontal("e", "seg_e") - pl.max_horizontal("s", "seg_s") + 1).alias("m"))
        .filter(pl.col("m") > 0)
    )
    capped = (
        pl.when(pl.col("cap") > 0).then(pl.min_horizontal("insured_salary", "cap")).otherwise(pl.col("insured_salary"))
    )
    rebased = pl.col("state_scale") & (pl.col("level") > 0)
    return parts.with_columns(capped.alias("capped")).with_columns(
        pl.when(rebased)
        .then(pl.col("capped") * pl.col("m") * level_now * 100 // pl.col("level"))
        .otherwise(pl.col("capped") * pl.col("m") * pl.col("coef_cents"))
        .alias("cents")
    )


def _state_window(frame: pl.DataFrame, windows: list, segments: pl.DataFrame, level_now: int) -> pl.DataFrame:
    """Per person: the valued total and months of the last N years of state-scale pay."""
    state = frame.filter(pl.col("state_scale")).sort(["person_id", "s"], descending=[False, True])
    if state.height == 0:
        return pl.DataFrame(schema={"person_id": pl.Int64, "window_cents": pl.Int64, "window_months": pl.Int64})
    state = state.with_columns((pl.col("e") - pl.col("s") + 1).alias("len"))
    state = state.with_columns(pl.col("len").cum_sum().over("person_id").alias("upto"))
    joined = frame.group_by("person_id").agg((pl.col("s").min() // 12).alias("joined"))
    limits = joined.with_columns(
        pl.col("joined")
        .map_elements(lambda y: career_rules.window_years(windows, y) * 12, return_dtype=pl.Int64)
        .alias("limit")
    )
    state = state.join(limits, on="person_id").with_columns(
        pl.when(pl.col("limit") == 0)
        .then(pl.col("len"))
        .otherwise(pl.min_horizontal("len", pl.max_horizontal(0, pl.col("limit") - pl.col("upto") + pl.col("len"))))
        .alias("take")
    )
    state = state.filter(pl.col("take") > 0).with_columns((pl.col("e") - pl.col("take") + 1).alias("s"))
    totals = _valued(state.select("person_id", "s", "e", "insured_salary", "state_scale"), segments, level_now)
    return totals.group_by("person_id").agg(
        pl.col("cents").sum().alias("window_cents"), pl.col("m").sum().alias("window_months")
    )


def career_sums(people: pl.DataFrame, spells: pl.DataFrame, params) -> pl.DataFrame:
    """Per person: months, state months, employer valued cents, window cents and months, first month."""
    frame = _months(people, spells)
    segments = _segments(params, int(frame["s"].min()), int(frame["e"].max()))
    level_now = params.int("reference.base_salary")
    valued = _valued(frame, segments, level_now)
    sums = valued.group_by("person_id").agg(
        pl.col("m").sum().alias("months"),
        pl.col("m").filter(pl.col("state_scale")).sum().alias("state_months"),
        pl.col("cents").filter(~pl.col("state_scale")).sum().alias("employer_cents"),
    )
    first = frame.group_by("person_id").agg(pl.col("s").min().alias("first_month"))
    window = _state_window(frame, params.raw("pension.averaging_window")["state"], segments, level_now)
    return (
        sums.join(first, on="person_id")
        .join(window, on="person_id", how="left")
        .with_columns(pl.col("window_cents").fill_null(0), pl.col("window_months").fill_null(0))
    )


def pensions(people: pl.DataFrame, spells: pl.DataFrame, params) -> pl.DataFrame:
    """person_id, months, rate_pct, mbq, monthly_pension for people who already retired (their award was
    decided when they retired; only the amount is priced here)."""
    sums = career_sums(people, spells, params).join(people.select("person_id", "sex"), on="person_id")
    half = params.int("pension.service_rounding")
    rate_table = params.raw("pension.rate")
    out = []
    for r in sums.iter_rows(named=True):
        state = (
            Decimal(r["window_cents"]) / r["window_months"] * r["state_months"] if r["window_months"] else Decimal(0)
        )
        mbq = (Decimal(r["employer_cents"]) + state) / 100 / r["months"]
        rate, _detail = pension_rules.pension_rate(rate_table, r["sex"], career_rules.rounded_years(r["months"], half))
        amount = career_rules.money(rate / 100 * mbq)
        floor = pension_rules.minimum_pension(params, r["months"], r["first_month"])
        out.append((r["person_id"], r["months"], float(rate), career_rules.money(mbq), max(amount, floor or 0)))
    return pl.DataFrame(out, schema=["person_id", "months", "rate_pct", "mbq", "monthly_pension"], orient="row")
