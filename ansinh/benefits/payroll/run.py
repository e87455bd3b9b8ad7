"""Computing a month's payroll, set-based: INSERT ... SELECT writes a payment for everything due, inside one
transaction with the run record. The unique key (entitlement, period) and the anti-join on what already exists
make a re-run, or a run after a crash, add only what is missing."""

from __future__ import annotations

import time

from django.db import connection, transaction
from django.db.models import CharField, Count, Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.translation import gettext as _

from ansinh.benefits.banks import POST_OFFICE_PREFIX
from ansinh.benefits.models import Entitlement, JobSearchReport, PaymentChannel, PaymentInstruction, PayrollRun
from ansinh.core import audit
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


def _due_rows(run: PayrollRun, period: Period):
    """The payment rows of every due entitlement not yet paid for the period, in COLUMNS order."""
    channel = "person__payment_channel__"
    # In entitlement order: the payment ids, and so the order of the bank files' rows, do not depend on the plan.
    return (
        due_entitlements(period)
        .exclude(payments__period=str(period))
        .order_by("id")
        .values_list(
            Value(run.pk),
            "id",
            "person_id",
            Value(str(period)),
            "amount",
            # No channel recorded yet: cash at the post office of the person's commune.
            Coalesce(F(f"{channel}method"), Value("cash")),
            Coalesce(F(f"{channel}bank_code"), Value("")),
            Coalesce(F(f"{channel}account_number"), Value("")),
            Coalesce(
                F(f"{channel}post_office_code"),
                Concat(Value(POST_OFFICE_PREFIX), F("person__commune__code"), output_field=CharField()),
            ),
            Value(1),
            Value(PaymentInstruction.Status.PENDING),
            Value(""),
        )
    )


def _insert_due(run: PayrollRun, period: Period) -> int:
    """INSERT ... SELECT, a chunk at a time: the database joins and writes the rows itself, nothing passes
    through Python. Each chunk's anti-join skips what the chunks before it wrote."""
    table = connection.ops.quote_name(PaymentInstruction._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
    written = 0
    with connection.cursor() as cursor:
        while True:
            select, params = _due_rows(run, period)[:CHUNK].query.sql_with_params()
            cursor.execute(f"INSERT INTO {table} ({columns}) {select}", params)
            written += cursor.rowcount
            _checkpoint(written)
            if cursor.rowcount < CHUNK:
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
    added = _insert_due(run, period)
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
