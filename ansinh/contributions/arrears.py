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


# Per employer bill up to the period: its commune and what had been allocated to it by the day. SQLite sums
# each bill's allocations through their index (a correlated sum: five times less work there than summing
# every allocation of the province first); PostgreSQL would probe that index once per bill, so it sums the
# allocations once with a hash aggregate and joins.
_PAID_BY_SQLITE = """COALESCE((SELECT SUM(al.amount) FROM contributions_allocation al
                              WHERE al.receivable_id = r.id AND al.allocated_on <= %s), 0)"""
_PAID_BY_JOINED = """LEFT JOIN (SELECT receivable_id, SUM(amount) AS paid FROM contributions_allocation
                               WHERE allocated_on <= %s GROUP BY receivable_id) p ON p.receivable_id = r.id"""


def _bills_paid_by() -> str:
    correlated = connection.vendor == "sqlite"
    paid = _PAID_BY_SQLITE if correlated else "COALESCE(p.paid, 0)"
    return f"""SELECT a.code AS area_code, c.code AS commune_code, r.employer_id, r.period, r.amount, r.due_date,
                      {paid} AS paid
               FROM contributions_receivable r JOIN geo_commune c ON c.id = r.commune_id
               JOIN geo_area a ON a.id = c.area_id {"" if correlated else _PAID_BY_JOINED}
               WHERE r.payer_kind = 'employer' AND r.period <= %s"""


def arrears_by_area(period: str) -> list[dict]:
    """Rows {area_code, commune_code, employer_count, due_ytd, overdue} per employer commune, at the period's end:
    summed in the database, so only a row per commune travels (the same sums as bills_as_of's bills give)."""
    month = Period.parse(period)
    sql = f"""SELECT area_code, commune_code,
                     COUNT(DISTINCT employer_id) + MAX(CASE WHEN employer_id IS NULL THEN 1 ELSE 0 END),
                     CAST(SUM(CASE WHEN period >= %s THEN amount ELSE 0 END) AS BIGINT),
                     CAST(SUM(CASE WHEN due_date < %s AND amount > paid THEN amount - paid ELSE 0 END) AS BIGINT)
              FROM ({_bills_paid_by()}) bills
              GROUP BY area_code, commune_code ORDER BY area_code, commune_code"""
    args = [f"{month.year:04d}-01", month.last_day, month.last_day, period]
    schema = {
        "area_code": pl.String,
        "commune_code": pl.String,
        "employer_count": pl.Int64,
        "due_ytd": pl.Int64,
        "overdue": pl.Int64,
    }
    return read_frame(sql, args, schema).to_dicts()


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
