"""Demo data for contributions: voluntary and family-HI enrolments, 24 months of assessments, payments that
leave a realistic few percent of units in arrears, and a few unmatched payments in suspense.

Everything is bulk: enrolments from the people frame, the assessment runs themselves (set-based), and the
payments and allocations computed in Polars and written with bulk_insert.
"""

from __future__ import annotations

import polars as pl

from ansinh.contributions.arrears import arrears_ratio
from ansinh.contributions.assessment import assess
from ansinh.contributions.demo.payments import pay_bills
from ansinh.contributions.models import (
    STATE_SUPPORTED_LINES,
    AssessmentLine,
    FamilyHIEnrolment,
    Receivable,
    VoluntaryEnrolment,
)
from ansinh.core.bulk import bulk_insert, deferred_indexes
from ansinh.core.periods import Period

MONTHS = 24
VOLUNTARY_SCHEDULES = ([1, 3, 6, 12], [0.35, 0.25, 0.15, 0.25])
FAMILY_HI_TAKE_UP = 0.88  # the rest of the informal and elderly people without another basis go uninsured
FAMILY_HI_RENEWAL_SPREAD = 12  # households renew in any month of the year before the first month billed


def _periods(ctx) -> list[Period]:
    last = Period.of(ctx.as_of).plus(-1)
    return [last.plus(-offset) for offset in range(MONTHS - 1, -1, -1)]


def _with_household(ctx) -> pl.DataFrame:
    homes = ctx.frames["households"].select("household_id", "poverty")
    return ctx.frames["people"].join(homes, on="household_id", how="left")


def _start_periods(rng, count: int, first: Period, spread: int) -> list[str]:
    offsets = rng.integers(0, spread, count)
    return [str(first.plus(-int(o))) for o in offsets]


def voluntary_enrolments(ctx, first: Period) -> int:
    rng = ctx.rng("contributions-voluntary")
    people = _with_household(ctx).filter(pl.col("situation") == "voluntary")
    group = (
        pl.when(pl.col("poverty") == "poor")
        .then(pl.lit("poor"))
        .when(pl.col("poverty") == "near_poor")
        .then(pl.lit("near_poor"))
        .when(pl.col("ethnic_minority"))
        .then(pl.lit("ethnic_minority"))
        .otherwise(pl.lit("other"))
    )
    frame = people.select(
        "person_id",
        pl.col("voluntary_income").clip(1_500_000, None).alias("income"),
        group.alias("support_group"),
        schedule_months=pl.Series(rng.choice(VOLUNTARY_SCHEDULES[0], size=people.height, p=VOLUNTARY_SCHEDULES[1])),
        start_period=pl.Series(_start_periods(rng, people.height, first, 60), dtype=pl.String),
        end_period=pl.lit(""),
        supported_months_before=pl.lit(0),
        created_at=pl.lit(ctx.as_of).cast(pl.Datetime),
    )
    return bulk_insert(VoluntaryEnrolment, frame.columns, frame)


def family_hi_enrolments(ctx, first: Period) -> int:
    """Household members with no other HI basis: informal workers, the elderly without a pension, voluntary payers,
    in households that are not poor (the state pays for those)."""
    rng = ctx.rng("contributions-family-hi")
    people = _with_household(ctx).filter(
        pl.col("situation").is_in(["informal", "elderly", "voluntary"])
        & pl.col("household_id").is_not_null()
        & (pl.col("poverty") != "poor")
    )
    people = people.filter(pl.Series(rng.random(people.height) < FAMILY_HI_TAKE_UP))
    # One renewal month per household, so the whole household is billed together.
    homes = people.select("household_id").unique().sort("household_id")
    homes = homes.with_columns(
        start_period=pl.Series(_start_periods(rng, homes.height, first, FAMILY_HI_RENEWAL_SPREAD), dtype=pl.String)
    )
    frame = people.join(homes, on="household_id").select(
        "household_id",
        "person_id",
        "start_period",
        pl.when(pl.col("poverty") == "near_poor")
        .then(pl.lit("near_poor"))
        .otherwise(pl.lit("none"))
        .alias("support_group"),
        schedule_months=pl.lit(12),
        end_period=pl.lit(""),
        created_at=pl.lit(ctx.as_of).cast(pl.Datetime),
    )
    return bulk_insert(FamilyHIEnrolment, frame.columns, frame)


def build(ctx) -> None:
    periods = _periods(ctx)
    voluntary = voluntary_enrolments(ctx, periods[0])
    family = family_hi_enrolments(ctx, periods[0])
    ctx.log(
        f"contributions: {voluntary} voluntary and {family} family-HI enrolments; assessing {periods[0]} … "
        f"{periods[-1]}"
    )
    # Family HI is also billed for the year before the first month (without it, family cover would seem to grow
    # from nothing over the first year of the history) and for this month (renewed before the cards run out).
    family_only = [periods[0].plus(-back) for back in range(FAMILY_HI_RENEWAL_SPREAD - 1, 0, -1)] + [
        periods[-1].plus(1)
    ]
    runs = []
    # Millions of person lines and bill lines: their lookup indexes are built once at the end rather than kept
    # row by row (those each assessment reads stay). The bills are marked paid before their indexes come back:
    # updating 2.3 million bills through every index was the largest statement of the PostgreSQL build (33 s
    # of the step's 102 s at 150,000 people).
    with (
        deferred_indexes(AssessmentLine, keep=[STATE_SUPPORTED_LINES]),
        deferred_indexes(Receivable, keep=_bills_by_period()),
    ):
        for period in ctx.progress(family_only[:-1] + periods + family_only[-1:]):
            run = assess(period, kinds=("family_hi",)) if period in family_only else assess(period)
            runs += [] if period in family_only else [run]
        ctx.log(
            f"contributions: {sum(r.receivables for r in runs)} bill lines, {sum(r.lines for r in runs)} person lines"
        )
        summary = pay_bills(ctx, protect=_protected_payers(ctx))
    summary["ratio"] = arrears_ratio(summary["last_period"])["ratio"]  # read through the bills' rebuilt indexes
    ctx.log(
        f"contributions: {summary['payments']} payments, {summary['debtors']} units in arrears, "
        f"{summary['suspense']} payments in suspense, arrears ratio {summary['ratio']:.2%} for {periods[-1]}"
    )


def _bills_by_period() -> list[str]:
    """The bill index an assessment reads (the bills of a period by payer kind, for pending adjustments)."""
    return [index.name for index in Receivable._meta.indexes if index.fields == ["period", "payer_kind"]]


def _protected_payers(ctx) -> set[str]:
    """Demo log-ins keep a tidy account: the demo employer pays on time (its current bill is still open)."""
    account = getattr(ctx, "demo_accounts", {}).get("employer")
    return {account["org_code"]} if account else set()
