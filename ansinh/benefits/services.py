"""Public use cases of benefits, for other apps (portal, insights, services, health) and for our own pages.

Quotes of every benefit (quote(kind, body) and one function per kind), cases, entitlements and payments of a
person, job-search reports, indexation, cashless payments by commune."""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from ansinh.benefits.cases import approve_case, compute_case, open_case, reject_case, set_beneficiary  # noqa: F401 — the app's public API, re-exported
from ansinh.benefits.channels import channel_dict, channel_label, switch_channel  # noqa: F401 — the app's public API, re-exported
from ansinh.benefits.entitlements import (  # noqa: F401 — the app's public API, re-exported
    index_entitlements,
    job_search_months,
    record_job_search,
    report_job_search_online,
)
from ansinh.benefits.models import Entitlement, Kind, Method, PaymentChannel, PaymentInstruction
from ansinh.benefits.quoting import (  # noqa: F401 — the app's public API, re-exported
    QUOTES,
    funeral_quote,
    indexation_quote,
    maternity_quote,
    monthly_allowance_quote,
    occupational_quote,
    one_off_quote,
    pension_quote,
    quote,
    sickness_quote,
    social_pension_quote,
    survivor_quote,
    unemployment_quote,
)
from ansinh.core.frames import read_frame
from ansinh.core.periods import period_or_error


def job_search_for(person, today) -> list[dict]:
    """The person's running unemployment benefits, each with its months to report (window, deadline, state)."""
    rows = Entitlement.objects.filter(person=person, kind="unemployment", status=Entitlement.Status.ACTIVE).order_by(
        "-start", "-id"
    )
    return [
        {
            "entitlement_id": e.pk,
            "decision_number": e.decision_number,
            "monthly_amount": e.amount,
            "start": e.start,
            "end": e.end,
            **job_search_months(e, today),
        }
        for e in rows
    ]


def entitlements_for(person) -> list[dict]:
    channel = channel_dict(PaymentChannel.objects.filter(person=person).first())
    rows = []
    paid = set(
        PaymentInstruction.objects.filter(person=person, status=PaymentInstruction.Status.PAID).values_list(
            "entitlement_id", flat=True
        )
    )
    for e in Entitlement.objects.filter(person=person).order_by("-start", "-id"):
        amount_key = "monthly_amount" if e.monthly else "amount"
        rows.append(
            {
                "id": e.pk,
                "kind": e.kind,
                "kind_label": _kind_label(e),
                "decision_number": e.decision_number,
                amount_key: e.amount,
                "from": e.start,
                "to": e.end,
                "status": e.status,
                "status_label": _status_label(e, e.pk in paid),
                "channel": channel_label(channel),
            }
        )
    return rows


def _kind_label(entitlement) -> str:
    # A pension decision can also grant a one-off allowance for the years beyond those that give the top rate
    # (Law 41/2024/QH15 Art. 68): it is not a second monthly pension.
    if entitlement.kind == Kind.PENSION and not entitlement.monthly:
        return _("one-off allowance on retirement")
    return entitlement.get_kind_display()


def _status_label(entitlement, paid: bool) -> str:
    """A one-off amount is paid or still to be paid; only a monthly benefit is 'being paid'."""
    if entitlement.monthly or entitlement.status != Entitlement.Status.ACTIVE:
        return entitlement.get_status_display()
    return _("paid in full") if paid else _("to be paid once")


def payments_for(person) -> list[dict]:
    """Payments newest first: period, amount, channel, status (pending/sent/paid/rejected), paid_on."""
    rows = PaymentInstruction.objects.filter(person=person).select_related("entitlement").order_by("-period", "-id")
    return [
        {
            "period": p.period,
            "amount": p.amount,
            "kind": p.entitlement.kind,
            "kind_label": p.entitlement.get_kind_display(),
            "channel": channel_label(
                {
                    "method": p.method,
                    "bank_code": p.bank_code,
                    "account_number": p.account_number,
                    "post_office_code": p.post_office_code,
                }
            ),
            "status": p.status,
            "status_label": p.get_status_display(),
            "paid_on": p.paid_on,
        }
        for p in rows
    ]


def cashless_by_commune(period: str) -> list[dict]:
    """Per commune of the beneficiary: payments of the month and how many (and how much) went to a bank."""
    period_or_error(period)
    bank = Q(method=Method.BANK)
    rows = (
        PaymentInstruction.objects.filter(period=period)
        .values("person__commune__code", "person__commune__area__code")
        .annotate(
            payments=Count("id"),
            bank_payments=Count("id", filter=bank),
            paid_total=Sum("amount"),
            bank_total=Sum("amount", filter=bank),
        )
        .order_by("person__commune__code")
    )
    return [
        {
            "commune_code": r["person__commune__code"],
            "area_code": r["person__commune__area__code"],
            "payments": r["payments"],
            "bank_payments": r["bank_payments"],
            "amount": r["paid_total"] or 0,
            "bank_amount": r["bank_total"] or 0,
        }
        for r in rows
    ]


def monthly_beneficiary_ids() -> set[int]:
    """People paid a monthly benefit now (pensions, monthly allowances): not prospects for coverage."""
    return set(
        Entitlement.objects.filter(status=Entitlement.Status.ACTIVE, monthly=True).values_list("person_id", flat=True)
    )


def pension_starts(until: dt.date) -> pl.DataFrame:
    """The first day of every active pension that started by `until`: (person_id, start)."""
    sql = """SELECT person_id, start FROM benefits_entitlement WHERE kind = %s AND status = %s AND start <= %s"""
    params = [Kind.PENSION.value, Entitlement.Status.ACTIVE.value, until]
    return read_frame(sql, params, {"person_id": pl.Int64, "start": pl.Date})


def pensioners_on(on: dt.date, starts: pl.DataFrame | None = None) -> pl.DataFrame:
    """Everyone paid an active pension that started by `on`, with its first day: (person_id, pension_from).
    Health insures them through the SI fund. `starts` from pension_starts of a later day, to cut several days
    from one read."""
    starts = pension_starts(on) if starts is None else starts
    return starts.filter(pl.col("start") <= on).group_by("person_id").agg(pl.col("start").min().alias("pension_from"))
