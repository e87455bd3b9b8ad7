"""Demo payments: most payers pay each bill by its due date, a few pay late (and run up interest), a few
percent of units stop paying for some months (arrears), and a handful of bank lines name no payer."""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.db import connection

from ansinh.contributions.bank_accounts import collection_accounts
from ansinh.contributions.models import Allocation, Payment
from ansinh.core.bulk import bulk_insert, next_id, reset_sequence
from ansinh.core.frames import read_frame
from ansinh.core.periods import Period

DEBTOR_SHARE = 0.08  # units that stopped paying for their last months
DEBT_MONTHS = (2, 8)  # how many of their latest due months are unpaid
LATE_SHARE = 0.07  # payments made after the due date
LAPSE_SHARE = 0.04  # voluntary and family-HI bills left unpaid
FULL_SUSPENSE = 60
PAYMENT_COLUMNS = [
    "id",
    "source",
    "account",
    "reference",
    "end_to_end_id",
    "structured_reference",
    "received_on",
    "amount",
    "payer_text",
    "debtor_name",
    "debtor_account",
    "payer_code",
    "status",
    "suspense_reason",
    "suspense_detail",
    "allocated_amount",
    "created_at",
    "recorded_by_id",
    "assigned_by_id",
    "statement_id",
]
AGENT_ACCOUNT = "agent-VNPOST"  # the post office's receipts, keyed by its own receipt numbers


def _blank_columns() -> list[pl.Expr]:
    return [
        pl.lit("").alias(c)
        for c in ("end_to_end_id", "structured_reference", "debtor_name", "debtor_account", "suspense_detail")
    ] + [pl.lit(None, pl.Int64).alias("statement_id")]


def _bank_account() -> str:
    return next(iter(collection_accounts()))


def _bills() -> pl.DataFrame:
    return read_frame(
        "SELECT id, payer_kind, payer_code, period, amount, due_date FROM contributions_receivable ORDER BY id",
        [],
        {
            "receivable_id": pl.Int64,
            "payer_kind": pl.String,
            "payer_code": pl.String,
            "period": pl.String,
            "amount": pl.Int64,
            "due_date": pl.Date,
        },
    )


def _unpaid_flags(ctx, per: pl.DataFrame, protect: set[str]) -> pl.DataFrame:
    rng = ctx.rng("contributions-payments")
    units = per.filter(pl.col("payer_kind") == "employer")["payer_code"].unique().sort()
    chosen = units.to_frame().with_columns(
        debtor=pl.Series(rng.random(units.len()) < DEBTOR_SHARE) & ~pl.col("payer_code").is_in(list(protect)),
        debt_months=pl.Series(rng.integers(*DEBT_MONTHS, units.len())),
    )
    per = per.join(chosen, on="payer_code", how="left").with_columns(
        pl.col("debtor").fill_null(False),
        pl.col("debt_months").fill_null(0),
        pl.col("period")
        .rank("ordinal", descending=True)
        .over("payer_code", pl.col("due_date") < ctx.as_of)
        .alias("age_rank"),
        lapse=pl.Series(rng.random(per.height) < LAPSE_SHARE),
        late=pl.Series(rng.random(per.height) < LATE_SHARE),
        early_days=pl.Series(rng.integers(0, 20, per.height)),
        late_days=pl.Series(rng.integers(3, 45, per.height)),
    )
    # Units pay after the month; households and voluntary payers pay before their cover starts (a family HI card
    # is issued once paid), so their bills are settled whatever the due date.
    not_due = (pl.col("due_date") >= ctx.as_of) & (pl.col("payer_kind") == "employer")
    in_debt = pl.col("debtor") & (pl.col("age_rank") <= pl.col("debt_months"))
    lapsed = (pl.col("payer_kind") != "employer") & pl.col("lapse")
    return per.with_columns((not_due | in_debt | lapsed).alias("unpaid"))


def _payments(ctx, per: pl.DataFrame, first_id: int) -> pl.DataFrame:
    last_day = ctx.as_of - dt.timedelta(days=1)
    paid = per.filter(~pl.col("unpaid")).sort("payer_code", "period")
    received = (
        pl.when(pl.col("late"))
        .then(pl.col("due_date") + pl.duration(days=pl.col("late_days")))
        .otherwise(pl.col("due_date") - pl.duration(days=pl.col("early_days")))
    )
    return (
        paid.with_row_index("n")
        .select(
            (pl.col("n").cast(pl.Int64) + first_id).alias("id"),
            "payer_code",
            "period",
            pl.when(pl.col("payer_kind") == "employer").then(pl.lit("bank")).otherwise(pl.lit("agent")).alias("source"),
            pl.when(pl.col("payer_kind") == "employer")
            .then(pl.lit(_bank_account()))
            .otherwise(pl.lit(AGENT_ACCOUNT))
            .alias("account"),
            pl.format("DEMO-{}-{}", "payer_code", "period").alias("reference"),
            pl.min_horizontal(received, pl.lit(last_day)).alias("received_on"),
            "amount",
            pl.format("{} nop bao hiem {}", "payer_code", "period").alias("payer_text"),
            status=pl.lit("allocated"),
            suspense_reason=pl.lit(""),
            allocated_amount=pl.col("amount"),
            recorded_by_id=pl.lit(None, pl.Int64),
            assigned_by_id=pl.lit(None, pl.Int64),
        )
        .with_columns(pl.col("received_on").cast(pl.Datetime).alias("created_at"), *_blank_columns())
    )


def _suspense(ctx, first_id: int) -> pl.DataFrame:
    rng = ctx.rng("contributions-suspense")
    count = ctx.scaled(FULL_SUSPENSE, minimum=3)
    days = rng.integers(1, 40, count)
    return pl.DataFrame(
        {
            "id": [first_id + i for i in range(count)],
            "source": ["bank"] * count,
            "account": [_bank_account()] * count,
            "reference": [f"FT{ctx.as_of:%y%m}{i:05d}" for i in range(count)],
            "received_on": [ctx.as_of - dt.timedelta(days=int(d)) for d in days],
            "amount": (rng.integers(5, 400, count) * 10_000).tolist(),
            "payer_text": [
                rng.choice(["NOP TIEN BHXH", "CK bao hiem thang nay", "Nop BHYT ho gia dinh", "chuyen tien"])
                for _ in range(count)
            ],
            "payer_code": [""] * count,
            "status": ["suspense"] * count,
            "suspense_reason": ["no_code"] * count,
            "allocated_amount": [0] * count,
        }
    ).with_columns(
        pl.col("received_on").cast(pl.Datetime).alias("created_at"),
        *_blank_columns(),
        recorded_by_id=pl.lit(None, pl.Int64),
        assigned_by_id=pl.lit(None, pl.Int64),
    )


def _mark_bills_paid() -> None:
    # One grouped pass over the allocations joined to the bills: with two correlated sub-queries per bill,
    # PostgreSQL took 17 minutes over the full province's 2.3 million bills (tables not yet analysed
    # inside the build's transaction).
    with connection.cursor() as cursor:
        cursor.execute("""UPDATE contributions_receivable SET paid_amount = paid.amount, paid_on = paid.last_day
            FROM (SELECT receivable_id, SUM(amount) AS amount, MAX(allocated_on) AS last_day
                  FROM contributions_allocation GROUP BY receivable_id) AS paid
            WHERE contributions_receivable.id = paid.receivable_id""")


def pay_bills(ctx, protect: set[str]) -> dict:
    bills = _bills()
    # Sorted: the random draws below go by row, so the same seed must see the same rows in the same order.
    per = (
        bills.group_by("payer_kind", "payer_code", "period")
        .agg(pl.col("amount").sum(), pl.col("due_date").min())
        .sort("payer_kind", "payer_code", "period")
    )
    per = _unpaid_flags(ctx, per, protect)
    payments = _payments(ctx, per, next_id(Payment))
    allocations = bills.join(
        payments.select(pl.col("id").alias("payment_id"), "payer_code", "period", "received_on"),
        on=["payer_code", "period"],
    ).select("payment_id", "receivable_id", "amount", pl.col("received_on").alias("allocated_on"))
    suspense = _suspense(ctx, int(payments["id"].max() or next_id(Payment) - 1) + 1)
    bulk_insert(
        Payment,
        PAYMENT_COLUMNS,
        pl.concat([payments.select(PAYMENT_COLUMNS), suspense.select(PAYMENT_COLUMNS)], how="vertical_relaxed"),
    )
    bulk_insert(Allocation, ["payment_id", "receivable_id", "amount", "allocated_on"], allocations)
    reset_sequence(Payment)
    _mark_bills_paid()
    last = str(Period.of(ctx.as_of).plus(-1))
    debtors = per.filter(pl.col("debtor") & pl.col("unpaid") & (pl.col("due_date") < ctx.as_of))[
        "payer_code"
    ].n_unique()
    return {"payments": payments.height, "suspense": suspense.height, "debtors": debtors, "last_period": last}
