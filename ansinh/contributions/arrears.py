"""Arrears: what is overdue, how old it is, the interest it has run up, and the arrears ratio.

Arrears ratio (domain facts §5, this project's definition): the amount overdue at the end of the period
(bills past their due date, less what was allocated to them by that day) ÷ the amount due in the year to
date (bills of January … the period). Employer bills only: voluntary and family-HI cover simply lapses.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.db import connection

from ansinh.contributions import rules
from ansinh.core.frames import read_frame
from ansinh.core.periods import Period
from ansinh.policy.services import params_on

_SCHEMA = {
    "id": pl.Int64,
    "payer_code": pl.String,
    "employer_id": pl.Int64,
    "commune_code": pl.String,
    "area_code": pl.String,
    "period": pl.String,
    "amount": pl.Int64,
    "due_date": pl.Date,
    "paid": pl.Int64,
}


def bills_as_of(
    on: dt.date, last_period: str, payer_kind: str = "employer", area_code: str | None = None
) -> pl.DataFrame:
    """Every bill up to `last_period` with what had been allocated to it by the day `on`."""
    area_filter = "AND a.code = %s" if area_code else ""
    sql = f"""SELECT r.id, r.payer_code, r.employer_id, c.code, a.code, r.period, r.amount, r.due_date,
                     COALESCE(p.paid, 0)
              FROM contributions_receivable r
              JOIN geo_commune c ON c.id = r.commune_id JOIN geo_area a ON a.id = c.area_id
              LEFT JOIN (SELECT receivable_id, SUM(amount) AS paid FROM contributions_allocation
                         WHERE allocated_on <= %s GROUP BY receivable_id) p ON p.receivable_id = r.id
              WHERE r.payer_kind = %s AND r.period <= %s {area_filter}"""
    args = [on, payer_kind, last_period] + ([area_code] if area_code else [])
    frame = read_frame(sql, args, _SCHEMA)
    return frame.with_columns((pl.col("amount") - pl.col("paid")).clip(0, None).alias("outstanding"))


# What was overdue at a day D, per employer commune, without reading every bill and allocation ever made.
# A bill's paid amount is kept equal to the sum of its allocations (allocate() writes both in one
# transaction; a bill is created unpaid), so what had been allocated to it by D is its paid amount less what
# was allocated after D, and what it still owed at D is max(0, amount - paid_amount + allocated after D).
# That is zero for a bill settled today with nothing allocated after D: only bills open today (a partial
# index holds them alone) and bills with allocations after D (the allocations' date index) are read, so
# the cost follows the arrears outstanding and the payments since D, not the years of billing.
# SQLite is told which index the open bills come from ({open}) and to look each late allocation's bill up by its
# key (CROSS JOIN keeps that order there): without statistics for the new indexes (an index added to a database
# analysed before) it would rather read every employer bill and probe the allocations for each.
_OVERDUE = """WITH late AS (SELECT receivable_id, SUM(amount) AS amount FROM contributions_allocation {late}
                           WHERE allocated_on > %(day)s GROUP BY receivable_id),
              owed AS (SELECT r.commune_id, r.amount - r.paid_amount
                              + COALESCE((SELECT SUM(a.amount) FROM contributions_allocation a
                                          WHERE a.receivable_id = r.id AND a.allocated_on > %(day)s), 0) AS owed
                       FROM contributions_receivable r {open}
                       WHERE r.payer_kind = 'employer' AND r.amount > r.paid_amount
                         AND r.due_date < %(day)s AND r.period <= %(period)s
                       UNION ALL
                       SELECT r.commune_id, r.amount - r.paid_amount + late.amount
                       FROM late CROSS JOIN contributions_receivable r
                       WHERE r.id = late.receivable_id AND r.payer_kind = 'employer' AND r.amount <= r.paid_amount
                         AND r.due_date < %(day)s AND r.period <= %(period)s)
           SELECT commune_id, CAST(SUM(owed) AS BIGINT) FROM owed WHERE owed > 0 GROUP BY commune_id"""
# The amount due January…the period and the units billed up to it, per commune, both read from the
# (payer kind, period, commune, employer, amount) index alone: the year's bills, and every bill up to the period.
_DUE_YTD = """SELECT commune_id, CAST(SUM(amount) AS BIGINT) FROM contributions_receivable
              WHERE payer_kind = 'employer' AND period >= %(january)s AND period <= %(period)s
              GROUP BY commune_id"""
_UNITS = """SELECT commune_id, COUNT(DISTINCT employer_id) + MAX(CASE WHEN employer_id IS NULL THEN 1 ELSE 0 END)
            FROM contributions_receivable WHERE payer_kind = 'employer' AND period <= %(period)s
            GROUP BY commune_id"""


def _overdue_sql() -> str:
    from ansinh.contributions.models import ALLOCATIONS_BY_DAY, OPEN_EMPLOYER_BILLS

    if connection.vendor == "sqlite":
        return _OVERDUE.format(late=f"INDEXED BY {ALLOCATIONS_BY_DAY}", open=f"INDEXED BY {OPEN_EMPLOYER_BILLS}")
    return _OVERDUE.format(late="", open="")


def arrears_by_area(period: str) -> list[dict]:
    """Rows {area_code, commune_code, employer_count, due_ytd, overdue} per employer commune, at the period's end:
    summed in the database, so only a row per commune travels (the same sums as bills_as_of's bills give)."""
    month = Period.parse(period)
    args = {"period": period, "january": f"{month.year:04d}-01", "day": month.last_day}
    units = read_frame(_UNITS, args, {"commune_id": pl.Int64, "employer_count": pl.Int64})
    due = read_frame(_DUE_YTD, args, {"commune_id": pl.Int64, "due_ytd": pl.Int64})
    overdue = read_frame(_overdue_sql(), args, {"commune_id": pl.Int64, "overdue": pl.Int64})
    places = read_frame(
        "SELECT c.id, c.code, a.code FROM geo_commune c JOIN geo_area a ON a.id = c.area_id",
        [],
        {"commune_id": pl.Int64, "commune_code": pl.String, "area_code": pl.String},
    )
    rows = (
        units.join(due, on="commune_id", how="left")
        .join(overdue, on="commune_id", how="left")
        .join(places, on="commune_id")
        .fill_null(0)
    )
    return (
        rows.select("area_code", "commune_code", "employer_count", "due_ytd", "overdue")
        .sort("area_code", "commune_code")
        .to_dicts()
    )


def arrears_ratio(period: str, area_code: str | None = None) -> dict:
    """{due_ytd, overdue, ratio} for the province (or one area)."""
    rows = [r for r in arrears_by_area(period) if area_code in (None, r["area_code"])]
    due = sum(r["due_ytd"] for r in rows)
    overdue = sum(r["overdue"] for r in rows)
    return {"due_ytd": due, "overdue": overdue, "ratio": (overdue / due) if due else 0.0}


def ratio_per_area(period: str) -> list[dict]:
    by_area: dict[str, dict] = {}
    for row in arrears_by_area(period):
        entry = by_area.setdefault(
            row["area_code"], {"area_code": row["area_code"], "employer_count": 0, "due_ytd": 0, "overdue": 0}
        )
        for key in ("employer_count", "due_ytd", "overdue"):
            entry[key] += row[key]
    for entry in by_area.values():
        entry["ratio"] = entry["overdue"] / entry["due_ytd"] if entry["due_ytd"] else 0.0
    return sorted(by_area.values(), key=lambda e: e["area_code"])


def months_overdue(due: dt.date, on: dt.date) -> int:
    """Whole months since the due date (a bill due on 31/7 is 1 month overdue from 31/8)."""
    months = (
        (on.year - due.year) * 12
        + on.month
        - due.month
        - (1 if on.day < due.day and on != Period.of(on).last_day else 0)
    )
    return max(0, months)


def interest_to(on: dt.date, bills: pl.DataFrame, payments_by_bill: dict[int, list]) -> dict[int, int]:
    """Interest per overdue bill from its due date to `on`, at the daily rate in force on `on`."""
    rate = params_on(on).rate("late_interest.daily_rate")
    return {
        row["id"]: rules.interest_on_bill(row["amount"], row["due_date"], payments_by_bill.get(row["id"], []), on, rate)
        for row in bills.iter_rows(named=True)
    }


def aged_units(on: dt.date, area_code: str | None = None, payer_code: str | None = None) -> list[dict]:
    """Units with overdue bills on `on`: amount overdue, oldest overdue period, months overdue, interest to date."""
    frame = bills_as_of(on, str(Period.of(on)), area_code=area_code)
    if payer_code:
        frame = frame.filter(pl.col("payer_code") == payer_code)
    overdue = frame.filter((pl.col("due_date") < on) & (pl.col("outstanding") > 0))
    interest = interest_to(on, overdue, _allocations(overdue["id"].to_list(), on))
    overdue = overdue.with_columns(
        pl.col("id").replace_strict(interest, default=0, return_dtype=pl.Int64).alias("interest")
    )
    grouped = (
        overdue.group_by("payer_code", "employer_id", "area_code", "commune_code")
        .agg(
            pl.col("outstanding").sum().alias("overdue"),
            pl.col("period").min().alias("oldest_period"),
            pl.col("due_date").min().alias("oldest_due"),
            pl.col("interest").sum(),
            pl.col("period").n_unique().alias("periods"),
        )
        .sort("overdue", descending=True)
    )
    return [dict(row, months_overdue=months_overdue(row["oldest_due"], on)) for row in grouped.iter_rows(named=True)]


def _allocations(bill_ids: list[int], on: dt.date) -> dict[int, list]:
    from ansinh.contributions.models import Allocation

    found: dict[int, list] = {}
    for bill_id, day, amount in (
        Allocation.objects.filter(receivable_id__in=bill_ids, allocated_on__lte=on)
        .values_list("receivable_id", "allocated_on", "amount")
        .iterator(chunk_size=5000)
    ):
        found.setdefault(bill_id, []).append((day, amount))
    return found
