"""The monthly assessment: bill every employer unit from its active spells, and every voluntary and family-HI
payer due in the period. Set-based: one query per payer kind, Polars arithmetic, two bulk inserts, one
transaction with a run record and one audit event.

Which spells count for a month: those active on its 15th day. This stands in for the law's rule that a
worker away 14 working days or more in a month pays nothing that month, and gives one salary per worker
and unit when a salary changes mid-month. The salary is the full contribution salary (wage, allowances and
supplements as declared; a pay-scale coefficient × the base salary in force that month); the basis is it
clipped to the regional minimum wage and to the caps in force on the first day of the period; each share is
rounded half up per worker. Adjustments of earlier months made by declarations since the last run are
added to the unit's bill, with their late-payment interest as a bill line of its own.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import polars as pl
from django.db import transaction
from django.utils import timezone

from ansinh.contributions import rules
from ansinh.contributions.assessment_frames import family_hi_frame, voluntary_frame
from ansinh.contributions.models import Adjustment, AssessmentLine, AssessmentRun, Payment, Receivable
from ansinh.contributions.payments import allocate
from ansinh.core import audit
from ansinh.core.bulk import bulk_insert
from ansinh.core.frames import read_frame
from ansinh.core.periods import Period
from ansinh.policy.services import params_on

LINE_COLUMNS = [
    "run_id",
    "period",
    "payer_kind",
    "payer_code",
    "person_id",
    "employer_id",
    "months",
    "salary",
    "employee_amount",
    "employer_amount",
    "state_amount",
]
BILL_COLUMNS = [
    "run_id",
    "payer_kind",
    "payer_code",
    "employer_id",
    "person_id",
    "household_id",
    "commune_id",
    "period",
    "fund",
    "months",
    "headcount",
    "basis",
    "employer_amount",
    "employee_amount",
    "state_amount",
    "amount",
    "due_date",
    "paid_amount",
]


def round_half_up(expr: pl.Expr, rate) -> pl.Expr:
    """Integer basis × exact rate, rounded half up, as rules.share does (rate as a ratio of integers)."""
    num, den = rate.as_integer_ratio()
    return (expr * (2 * num) + den) // (2 * den)


_PARTS = ("pay_coefficient", "position_coefficient", "beyond_frame_pct", "seniority_pct")


def spells_in_period(period: Period, skip_billed: bool = True, params=None) -> pl.DataFrame:
    mid = dt.date(period.year, period.month, 15)
    # A unit billed for the month, or whose month was since corrected by adjustments, is not billed again.
    skip = (
        """AND NOT EXISTS (SELECT 1 FROM contributions_receivable r WHERE r.payer_code = e.unit_code AND r.period = %s)
               AND NOT EXISTS (SELECT 1 FROM contributions_adjustment a WHERE a.employer_id = e.id AND a.period = %s)"""
        if skip_billed
        else ""
    )
    parts = ", ".join(f"CAST(s.{name} AS TEXT)" for name in _PARTS)
    sql = f"""SELECT s.id, s.person_id, s.employer_id, e.unit_code, e.wage_region, e.commune_id, s.insured_salary,
                     {parts}, s.position_allowance, s.allowances, s.supplements, e.sector
              FROM registry_employmentspell s JOIN registry_employer e ON e.id = s.employer_id
              WHERE s.start <= %s AND (s."end" IS NULL OR s."end" >= %s) {skip}"""
    args = [mid, mid] + ([str(period)] * 2 if skip_billed else [])
    frame = read_frame(
        sql,
        args,
        {
            "spell_id": pl.Int64,
            "person_id": pl.Int64,
            "employer_id": pl.Int64,
            "payer_code": pl.String,
            "wage_region": pl.String,
            "commune_id": pl.Int64,
            "salary": pl.Int64,
            **{name: pl.String for name in _PARTS},
            "position_allowance": pl.Int64,
            "allowances": pl.Int64,
            "supplements": pl.Int64,
            "sector": pl.String,
        },
    )
    # A worker has one line per unit and month; overlapping spells at one unit keep the latest.
    frame = frame.sort("spell_id").unique(["person_id", "employer_id"], keep="last")
    return _salary_in_force(params or params_on(period.first_day), frame).drop(
        *_PARTS, "position_allowance", "allowances", "supplements"
    )


def _salary_in_force(params, frame: pl.DataFrame) -> pl.DataFrame:
    """A salary on the state pay scale follows the base salary of the month; other salaries are as declared."""
    scaled = frame.filter(pl.col("pay_coefficient").is_not_null())
    if scaled.height == 0:
        return frame
    salaries = [
        rules.contribution_salary(
            params,
            pay_coefficient=Decimal(r["pay_coefficient"]),
            position_coefficient=Decimal(r["position_coefficient"] or 0),
            beyond_frame_pct=Decimal(r["beyond_frame_pct"] or 0),
            seniority_pct=Decimal(r["seniority_pct"] or 0),
            position_allowance=r["position_allowance"] or 0,
            allowances=r["allowances"] or 0,
            supplements=r["supplements"] or 0,
        )
        for r in scaled.iter_rows(named=True)
    ]
    in_force = pl.DataFrame({"spell_id": scaled["spell_id"], "in_force": pl.Series(salaries, dtype=pl.Int64)})
    return (
        frame.join(in_force, on="spell_id", how="left")
        .with_columns(pl.coalesce("in_force", "salary").alias("salary"))
        .drop("in_force")
    )


def compulsory_amounts(params, spells: pl.DataFrame) -> pl.DataFrame:
    """Per worker: basis and each (payer, fund) share, vectorised with the rules' rounding."""
    floors = {r: rules.minimum_wage(params, r) for r in rules.REGIONS}
    ui_caps = {r: rules.ui_cap(params, r) for r in rules.REGIONS}
    floor = pl.col("wage_region").replace_strict(floors, return_dtype=pl.Int64)
    floored = pl.max_horizontal("salary", floor)
    # State units pay on the state pay scale: their UI cap is 20 × the reference level, not the regional one.
    ui_cap = (
        pl.when(pl.col("sector") == rules.STATE_SECTOR)
        .then(pl.lit(rules.ui_cap(params, "I", "state")))
        .otherwise(pl.col("wage_region").replace_strict(ui_caps, return_dtype=pl.Int64))
    )
    frame = spells.with_columns(
        floored.clip(upper_bound=rules.si_hi_cap(params)).alias("basis"),
        pl.min_horizontal(floored, ui_cap).alias("ui_basis"),
    )
    shares = []
    for (payer, fund), rate in rules.compulsory_rates(params).items():
        basis = pl.col("ui_basis") if fund == "unemployment" else pl.col("basis")
        shares.append(round_half_up(basis, rate).alias(f"{payer}.{fund}"))
    return frame.with_columns(shares)


_BILL_SCHEMA = {
    "payer_code": pl.String,
    "employer_id": pl.Int64,
    "commune_id": pl.Int64,
    "fund": pl.String,
    "headcount": pl.Int64,
    "basis": pl.Int64,
    "employer_amount": pl.Int64,
    "employee_amount": pl.Int64,
}


def pending_adjustments(period: Period) -> list[dict]:
    """Adjustments of earlier months not yet billed, of units not already billed for this period (those wait for
    the next run)."""
    billed = Receivable.objects.filter(period=str(period), payer_kind="employer").values("payer_code")
    return list(
        Adjustment.objects.filter(billed_run__isnull=True, period__lt=str(period))
        .exclude(employer__unit_code__in=billed)
        .values("id", "employer_id", "employer__unit_code", "employer__commune_id", "shares", "interest")
    )


def _adjustment_bills(adjustments: list[dict]) -> pl.DataFrame:
    rows = []
    for a in adjustments:
        unit = (a["employer__unit_code"], a["employer_id"], a["employer__commune_id"])
        for key, amount in a["shares"].items():
            payer, fund = key.split(".")
            rows.append((*unit, fund, 0, 0, amount if payer == "employer" else 0, amount if payer == "employee" else 0))
        if a["interest"]:
            rows.append((*unit, "late_interest", 0, 0, a["interest"], 0))
    return pl.DataFrame(rows, schema=_BILL_SCHEMA, orient="row")


def _with_adjustments(bills: pl.DataFrame, adjustments: list[dict]) -> pl.DataFrame:
    """The month's bill lines plus the differences of earlier months and their interest, per unit and fund."""
    if not adjustments:
        return bills
    extra = _adjustment_bills(adjustments)
    base = bills.select(list(_BILL_SCHEMA)) if bills.height else pl.DataFrame(schema=_BILL_SCHEMA)
    return (
        pl.concat([base.cast(_BILL_SCHEMA), extra])
        .group_by("payer_code", "employer_id", "commune_id", "fund")
        .agg(
            pl.col("headcount").sum(),
            pl.col("basis").sum(),
            pl.col("employer_amount").sum(),
            pl.col("employee_amount").sum(),
        )
    )


def employer_lines_and_bills(
    params, period: Period, due: dt.date, adjustments: list[dict] | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    frame = compulsory_amounts(params, spells_in_period(period, params=params))
    employer_cols = [f"employer.{f}" for f in rules.FUNDS]
    employee_cols = [f"employee.{f}" for f in ("retirement", "health", "unemployment")]
    lines = frame.select(
        "person_id",
        "employer_id",
        "payer_code",
        pl.col("basis").alias("salary"),
        pl.sum_horizontal(employee_cols).alias("employee_amount"),
        pl.sum_horizontal(employer_cols).alias("employer_amount"),
    ).with_columns(
        payer_kind=pl.lit("employer"),
        months=pl.lit(1, pl.Int64),
        state_amount=pl.lit(0, pl.Int64),
        household_id=pl.lit(None, pl.Int64),
    )
    bills = []
    for fund in rules.FUNDS:
        employee = pl.col(f"employee.{fund}") if f"employee.{fund}" in frame.columns else pl.lit(0, pl.Int64)
        bills.append(
            frame.group_by("payer_code", "employer_id", "commune_id")
            .agg(
                pl.len().alias("headcount"),
                (pl.col("ui_basis") if fund == "unemployment" else pl.col("basis")).sum().alias("basis"),
                pl.col(f"employer.{fund}").sum().alias("employer_amount"),
                employee.sum().alias("employee_amount"),
            )
            .with_columns(fund=pl.lit(fund))
        )
    bills = _with_adjustments(pl.concat(bills) if bills else pl.DataFrame(), adjustments or [])
    bills = bills.with_columns(
        payer_kind=pl.lit("employer"),
        person_id=pl.lit(None, pl.Int64),
        household_id=pl.lit(None, pl.Int64),
        months=pl.lit(1, pl.Int64),
        state_amount=pl.lit(0, pl.Int64),
        amount=pl.col("employer_amount") + pl.col("employee_amount"),
    )
    return lines, bills


def _finish(frame: pl.DataFrame, columns: list[str], run_id: int, period: Period, due: dt.date) -> pl.DataFrame:
    extra = {
        "run_id": pl.lit(run_id),
        "period": pl.lit(str(period)),
        "due_date": pl.lit(due),
        "paid_amount": pl.lit(0, pl.Int64),
    }
    return frame.with_columns(**{k: v for k, v in extra.items() if k in columns}).select(columns)


def _stack(frames: list[pl.DataFrame], columns: list[str], run_id: int, period: Period, due: dt.date):
    present = [_finish(f, columns, run_id, period, due) for f in frames if f.height]
    return pl.concat(present, how="vertical_relaxed") if present else None


PAYER_KINDS = ("employer", "voluntary", "family_hi")


def assess(period: Period, by_user=None, kinds: tuple[str, ...] = PAYER_KINDS) -> AssessmentRun:
    """Bill one period. Payers already billed for it are skipped, so a re-run adds nothing. `kinds` limits the
    run to some payer kinds (the others are billed by a later run of the same period)."""
    params = params_on(period.first_day)
    due = rules.due_date(params, period)
    with transaction.atomic():
        run = AssessmentRun.objects.create(period=str(period), run_by=AssessmentRun.runner(by_user))
        adjustments = pending_adjustments(period) if "employer" in kinds else []
        parts = [
            employer_lines_and_bills(params, period, due, adjustments) if "employer" in kinds else None,
            voluntary_frame(params, period) if "voluntary" in kinds else None,
            family_hi_frame(params, period) if "family_hi" in kinds else None,
        ]
        parts = [part for part in parts if part is not None]
        lines = _stack([part[0] for part in parts], LINE_COLUMNS, run.pk, period, due)
        bills = _stack([part[1] for part in parts], BILL_COLUMNS, run.pk, period, due)
        if lines is not None:
            bulk_insert(AssessmentLine, LINE_COLUMNS, lines)
        if bills is not None:
            bulk_insert(Receivable, BILL_COLUMNS, bills)
        _mark_billed(adjustments, run)
        _record(run, lines, bills)
        _spend_credits(bills)
    return run


def _mark_billed(adjustments: list[dict], run: AssessmentRun) -> None:
    ids = [a["id"] for a in adjustments]
    for i in range(0, len(ids), 500):
        Adjustment.objects.filter(pk__in=ids[i : i + 500]).update(billed_run=run, billed_period=run.period)


def _spend_credits(bills) -> None:
    """Payers who paid ahead (credit left on a payment) have the new bills paid from it."""
    if bills is None:
        return
    with_credit = set(
        Payment.objects.filter(status=Payment.Status.CREDIT).values_list("payer_code", flat=True).distinct()
    )
    for code in with_credit & set(bills["payer_code"].unique().to_list()):
        allocate(code)


def _record(run: AssessmentRun, lines, bills) -> None:
    if bills is not None:
        payers = bills.group_by("payer_kind").agg(pl.col("payer_code").n_unique().alias("n"))
        counts = dict(zip(payers["payer_kind"], payers["n"], strict=False))
        run.units = counts.get("employer", 0)
        run.participants = counts.get("voluntary", 0) + counts.get("family_hi", 0)
        run.receivables, run.amount = bills.height, int(bills["amount"].sum())
    run.lines = lines.height if lines is not None else 0
    run.finished_at = timezone.now()
    run.seconds = round((run.finished_at - run.started_at).total_seconds(), 3)
    AssessmentRun.objects.filter(pk=run.pk).update(
        seconds=run.seconds,
        units=run.units,
        participants=run.participants,
        lines=run.lines,
        receivables=run.receivables,
        amount=run.amount,
        finished_at=run.finished_at,
    )
    audit.record_batch(
        "contributions.assessmentrun",
        run.pk,
        f"assessment {run.period}: {run.units} units, {run.participants} participants, "
        f"{run.receivables} bill lines, {run.amount:,} đồng",
        {"period": run.period, "lines": run.lines, "receivables": run.receivables, "amount": run.amount},
    )
