"""The voluntary and family-HI parts of the monthly assessment: who is due this period and what they owe.

A participant is due when the period is the first of a new payment block (start, start + schedule, …) and
their enrolment is open; the bill covers `schedule_months` months at the amounts in force in that period.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import polars as pl

from ansinh.contributions import rules
from ansinh.core.frames import read_frame
from ansinh.core.periods import Period

_PERIOD_INDEX = (
    pl.col("start_period").str.slice(0, 4).cast(pl.Int64) * 12
    + pl.col("start_period").str.slice(5, 2).cast(pl.Int64)
    - 1
)


def _due(frame: pl.DataFrame, period: Period) -> pl.DataFrame:
    return frame.filter((period.index - _PERIOD_INDEX) % pl.col("schedule_months") == 0)


def _times_fraction(expr: pl.Expr, num: pl.Expr, den: pl.Expr) -> pl.Expr:
    return (expr * 2 * num + den) // (2 * den)


def _open_enrolments(table: str, join: str, select: str, payer: str, period: Period, schema: dict) -> pl.DataFrame:
    sql = f"""SELECT {select} FROM {table} x JOIN {join}
              WHERE x.start_period <= %s AND (x.end_period = '' OR x.end_period >= %s)
              AND NOT EXISTS (SELECT 1 FROM contributions_receivable r
                              WHERE r.payer_code = {payer} AND r.period = %s)"""
    return read_frame(sql, [str(period)] * 3, schema)


def _supported_months_used(person_ids: pl.Series) -> pl.DataFrame:
    schema = {"person_id": pl.Int64, "used": pl.Int64}
    if person_ids.len() == 0:
        return pl.DataFrame(schema=schema)
    sql = """SELECT person_id, SUM(months) FROM contributions_assessmentline
             WHERE payer_kind = 'voluntary' AND state_amount > 0 GROUP BY person_id"""
    return read_frame(sql, [], schema)


def voluntary_frame(params, period: Period) -> tuple[pl.DataFrame, pl.DataFrame]:
    frame = _open_enrolments(
        "contributions_voluntaryenrolment",
        "registry_person p ON p.id = x.person_id",
        "x.person_id, p.si_number, p.commune_id, x.income, x.support_group, x.schedule_months, x.start_period, "
        "x.supported_months_before",
        "p.si_number",
        period,
        {
            "person_id": pl.Int64,
            "payer_code": pl.String,
            "commune_id": pl.Int64,
            "income": pl.Int64,
            "support_group": pl.String,
            "schedule_months": pl.Int64,
            "start_period": pl.String,
            "before": pl.Int64,
        },
    )
    frame = _due(frame, period)
    floor, cap = rules.voluntary_income_limits(params)
    support = {g: rules.voluntary_support_per_month(params, g) for g in params.raw("voluntary.support_pct")}
    limit = params.int("voluntary.support_max_months")
    frame = (
        frame.join(_supported_months_used(frame["person_id"]), on="person_id", how="left")
        .with_columns(
            pl.col("income").clip(floor, cap).alias("income"),
            (pl.col("before") + pl.col("used").fill_null(0)).alias("used"),
            pl.col("support_group")
            .replace_strict(support, default=support.get("other", 0), return_dtype=pl.Int64)
            .alias("support_pm"),
        )
        .with_columns(
            (_rate(pl.col("income"), params.rate("voluntary.rate")) * pl.col("schedule_months")).alias("gross"),
            (pl.lit(limit) - pl.col("used")).clip(0, None).alias("left"),
        )
        .with_columns(
            pl.min_horizontal(pl.col("support_pm") * pl.min_horizontal("left", "schedule_months"), "gross").alias(
                "state_amount"
            ),
        )
        .with_columns((pl.col("gross") - pl.col("state_amount")).alias("employee_amount"))
    )
    lines = frame.select(
        "person_id",
        "payer_code",
        pl.col("income").alias("salary"),
        "employee_amount",
        "state_amount",
        pl.col("schedule_months").alias("months"),
        employer_id=pl.lit(None, pl.Int64),
        employer_amount=pl.lit(0, pl.Int64),
        payer_kind=pl.lit("voluntary"),
    )
    bills = frame.select(
        "person_id",
        "payer_code",
        "commune_id",
        "employee_amount",
        "state_amount",
        pl.col("schedule_months").alias("months"),
        pl.col("income").alias("basis"),
        pl.col("employee_amount").alias("amount"),
        employer_id=pl.lit(None, pl.Int64),
        household_id=pl.lit(None, pl.Int64),
        employer_amount=pl.lit(0, pl.Int64),
        headcount=pl.lit(1, pl.Int64),
        fund=pl.lit("retirement"),
        payer_kind=pl.lit("voluntary"),
    )
    return lines, bills


def _rate(expr: pl.Expr, rate: Decimal) -> pl.Expr:
    num, den = rate.as_integer_ratio()
    return _times_fraction(expr, pl.lit(num), pl.lit(den))


def _support_table(params) -> pl.DataFrame:
    table = params.raw("family_hi.support_pct")
    fractions = {g: Fraction(str(pct)) / 100 for g, pct in table.items()}
    return pl.DataFrame(
        {
            "support_group": list(fractions),
            "num": [f.numerator for f in fractions.values()],
            "den": [f.denominator for f in fractions.values()],
        }
    )


def family_hi_frame(params, period: Period) -> tuple[pl.DataFrame, pl.DataFrame]:
    frame = _open_enrolments(
        "contributions_familyhienrolment",
        "registry_household h ON h.id = x.household_id",
        "x.person_id, x.household_id, h.code, h.commune_id, x.support_group, x.schedule_months, x.start_period",
        "h.code",
        period,
        {
            "person_id": pl.Int64,
            "household_id": pl.Int64,
            "payer_code": pl.String,
            "commune_id": pl.Int64,
            "support_group": pl.String,
            "schedule_months": pl.Int64,
            "start_period": pl.String,
        },
    )
    # The ladder position counts the open members of the household group, in a stable order; members of a
    # state-supported group each pay the first member's amount (position 0).
    on_ladder = pl.col("support_group").is_in(params.raw("family_hi.ladder_groups"))
    frame = frame.sort("household_id", on_ladder, "person_id", descending=[False, True, False]).with_columns(
        pl.when(on_ladder).then(pl.int_range(pl.len()).over("household_id")).otherwise(0).alias("position")
    )
    size = max(1, int(frame["position"].max() or 0) + 1)
    ladder = pl.DataFrame({"position": range(size), "monthly": rules.family_hi_member_amounts(params, size)})
    frame = (
        _due(frame, period)
        .join(ladder, on="position")
        .join(_support_table(params), on="support_group", how="left")
        .with_columns(
            pl.col("num").fill_null(0),
            pl.col("den").fill_null(1),
        )
        .with_columns(
            (_times_fraction(pl.col("monthly"), pl.col("num"), pl.col("den")) * pl.col("schedule_months")).alias(
                "state_amount"
            ),
            (pl.col("monthly") * pl.col("schedule_months")).alias("gross"),
        )
        .with_columns((pl.col("gross") - pl.col("state_amount")).alias("employee_amount"))
    )
    lines = frame.select(
        "person_id",
        "payer_code",
        pl.col("monthly").alias("salary"),
        "employee_amount",
        "state_amount",
        pl.col("schedule_months").alias("months"),
        employer_id=pl.lit(None, pl.Int64),
        employer_amount=pl.lit(0, pl.Int64),
        payer_kind=pl.lit("family_hi"),
    )
    bills = (
        frame.group_by("payer_code", "household_id", "commune_id")
        .agg(
            pl.len().alias("headcount"),
            pl.col("schedule_months").max().alias("months"),
            pl.col("gross").sum().alias("basis"),
            pl.col("employee_amount").sum(),
            pl.col("state_amount").sum(),
        )
        .with_columns(
            amount=pl.col("employee_amount"),
            person_id=pl.lit(None, pl.Int64),
            employer_id=pl.lit(None, pl.Int64),
            employer_amount=pl.lit(0, pl.Int64),
            fund=pl.lit("health"),
            payer_kind=pl.lit("family_hi"),
        )
    )
    return lines, bills
