"""Computing a month's payroll, set-based: one query loads what is due, Polars shapes it, bulk_insert writes
it, all inside one transaction with the run record. The unique key (entitlement, period) and the anti-join
on what already exists make a re-run, or a run after a crash, add only what is missing."""

from __future__ import annotations

import time

import polars as pl
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum
from django.utils.translation import gettext as _

from ansinh.benefits.banks import POST_OFFICE_PREFIX
from ansinh.benefits.models import Entitlement, JobSearchReport, PaymentChannel, PaymentInstruction, PayrollRun
from ansinh.core import audit
from ansinh.core.bulk import bulk_insert
from ansinh.core.errors import DomainError
from ansinh.core.periods import Period, period_or_error

CHUNK = 50_000
COLUMNS = [
    "run_id",
    "entitlement_id",
    "person_id",
    "period",
    "amount",
    "method",
    "bank_code",
    "account_number",
    "post_office_code",
    "attempt",
    "status",
    "reject_reason",
]


def _checkpoint(written: int) -> None:
    """Called after each chunk is written. Tests replace it to crash a run half-way."""


def due_entitlements(period: Period):
    """Monthly entitlements running in the month and one-off entitlements not yet paid, of living people."""
    alive = Q(person__death_date__isnull=True) | Q(person__death_date__gte=period.first_day)
    running = Q(monthly=True, start__lte=period.last_day) & (Q(end__isnull=True) | Q(end__gte=period.first_day))
    one_off = Q(monthly=False, start__lte=period.last_day) & ~Q(payments__isnull=False)
    # Unemployment benefit: a month after the first is paid once that month's job search is reported.
    reported = Exists(JobSearchReport.objects.filter(entitlement=OuterRef("pk"), period=str(period)))
    searching = ~Q(kind="unemployment") | Q(start__gte=period.first_day) | Q(reported=True)
    return Entitlement.objects.annotate(reported=reported).filter(
        alive, running | one_off, searching, status=Entitlement.Status.ACTIVE
    )


def _due_frame(period: Period) -> pl.DataFrame:
    rows = (
        due_entitlements(period)
        .exclude(payments__period=str(period))
        .values_list(
            "id",
            "person_id",
            "amount",
            "person__payment_channel__method",
            "person__payment_channel__bank_code",
            "person__payment_channel__account_number",
            "person__payment_channel__post_office_code",
            "person__commune__code",
        )
    )
    schema = {
        "entitlement_id": pl.Int64,
        "person_id": pl.Int64,
        "amount": pl.Int64,
        "method": pl.String,
        "bank_code": pl.String,
        "account_number": pl.String,
        "post_office_code": pl.String,
        "commune_code": pl.String,
    }
    frame = pl.DataFrame(list(rows), schema=schema, orient="row")
    # No channel recorded yet: cash at the post office of the person's commune.
    return frame.with_columns(
        pl.col("method").fill_null("cash"),
        pl.col("bank_code").fill_null(""),
        pl.col("account_number").fill_null(""),
        pl.coalesce(pl.col("post_office_code"), pl.lit(POST_OFFICE_PREFIX) + pl.col("commune_code")).alias(
            "post_office_code"
        ),
    )


def _write(run: PayrollRun, frame: pl.DataFrame) -> int:
    frame = frame.with_columns(
        pl.lit(run.pk).alias("run_id"),
        pl.lit(run.period).alias("period"),
        pl.lit(1).alias("attempt"),
        pl.lit(PaymentInstruction.Status.PENDING).alias("status"),
        pl.lit("").alias("reject_reason"),
    ).select(COLUMNS)
    written = 0
    for offset in range(0, frame.height, CHUNK):
        written += bulk_insert(PaymentInstruction, COLUMNS, frame.slice(offset, CHUNK))
        _checkpoint(written)
    return written


def _carry_rejects(run: PayrollRun) -> int:
    """Payments rejected in earlier runs join this run as a new attempt on the person's current channel."""
    channel = PaymentChannel.objects.filter(person=OuterRef("person"))
    return PaymentInstruction.objects.filter(
        status=PaymentInstruction.Status.REJECTED, run__period__lt=run.period
    ).update(
        run=run,
        status=PaymentInstruction.Status.PENDING,
        attempt=F("attempt") + 1,
        method=Subquery(channel.values("method")[:1]),
        bank_code=Subquery(channel.values("bank_code")[:1]),
        account_number=Subquery(channel.values("account_number")[:1]),
        post_office_code=Subquery(channel.values("post_office_code")[:1]),
    )


def refresh_totals(run: PayrollRun) -> PayrollRun:
    agg = run.payments.aggregate(n=Count("id"), total=Sum("amount"))
    run.instructions, run.total = agg["n"], agg["total"] or 0
    run.save(update_fields=["instructions", "total"])
    return run


@transaction.atomic
def compute_run(period_text: str, by_user=None) -> PayrollRun:
    began = time.perf_counter()
    period = period_or_error(period_text)
    run, _created = PayrollRun.objects.get_or_create(period=str(period), defaults={"run_by": by_user})
    run = PayrollRun.objects.select_for_update().get(pk=run.pk)
    if run.state != PayrollRun.State.DRAFT:
        raise DomainError.one(
            "period",
            _("The payroll of %(period)s is already %(state)s; it can no longer change.")
            % {"period": period, "state": run.get_state_display()},
            "not_draft",
        )
    added = _write(run, _due_frame(period))
    carried = _carry_rejects(run)
    refresh_totals(run)
    run.stop_clock(began)
    run.save(update_fields=["seconds"])
    audit.record_batch(
        "benefits.payrollrun",
        run.pk,
        f"payroll {period}: {added} payments added, {carried} rejected payments carried",
        {"added": added, "carried": carried, "instructions": run.instructions, "total": run.total},
    )
    return run
