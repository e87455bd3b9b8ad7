"""Payments: record (bank statement, bank API, collection agent), match to a payer, allocate oldest debt first.

A payment is unique per source and reference, so a statement imported twice pays once. A payment whose
text names no payer (or several) waits in the suspense queue until a collection officer assigns it.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from ansinh.contributions.models import Allocation, Payment, Receivable
from ansinh.core import audit
from ansinh.core.api_errors import DomainError, FieldError
from ansinh.registry.models import Employer, Household, Person

FUND_ORDER = ["retirement", "sickness_maternity", "accident_disease", "health", "unemployment", "late_interest"]
STATEMENT_COLUMNS = ("date", "reference", "amount", "description")


def known_payer_codes(tokens: set[str]) -> set[str]:
    """Which of these words are the code of a payer: unit code, SI number, household code."""
    found = set(Employer.objects.filter(unit_code__in=tokens).values_list("unit_code", flat=True))
    found |= set(Person.objects.filter(si_number__in=tokens).values_list("si_number", flat=True))
    found |= set(Household.objects.filter(code__in=tokens).values_list("code", flat=True))
    return found


def match_payer(text: str) -> str:
    """The one payer code the text names, or '' (none, or more than one: a person must decide)."""
    tokens = {t.upper() for t in re.split(r"[^0-9A-Za-z]+", text or "") if len(t) >= 4}
    found = known_payer_codes(tokens) if tokens else set()
    return found.pop() if len(found) == 1 else ""


@transaction.atomic
def allocate(payer_code: str, on: dt.date | None = None) -> int:
    """Spend the payer's unallocated money on its open bills, oldest period first. Returns the amount allocated."""
    payments = list(Payment.objects.select_for_update().filter(payer_code=payer_code, amount__gt=F("allocated_amount")).order_by("received_on", "id"))
    if not payments:
        return 0
    bills = sorted(Receivable.objects.select_for_update().filter(payer_code=payer_code, amount__gt=F("paid_amount")),
                   key=lambda r: (r.period, FUND_ORDER.index(r.fund)))
    total = 0
    for payment in payments:
        for bill in bills:
            take = min(payment.unallocated, bill.outstanding)
            if take <= 0:
                continue
            day = on or payment.received_on
            Allocation.objects.create(payment=payment, receivable=bill, amount=take, allocated_on=day)
            bill.paid_amount += take
            bill.paid_on = day if bill.outstanding == 0 else None
            payment.allocated_amount += take
            total += take
        payment.status = Payment.Status.ALLOCATED if payment.unallocated == 0 else Payment.Status.CREDIT
        payment.save(update_fields=["allocated_amount", "status"])
    Receivable.objects.bulk_update(bills, ["paid_amount", "paid_on"])
    return total


@transaction.atomic
def record_payment(source: str, reference: str, received_on: dt.date, amount: int, payer_text: str = "",
                   by_user=None, payer_code: str = "") -> tuple[Payment, bool]:
    """Record one payment (idempotent on source + reference), match and allocate it. Returns (payment, created)."""
    existing = Payment.objects.filter(source=source, reference=reference).first()
    if existing is not None:
        if existing.amount != amount:
            raise DomainError.one("reference", _("Payment %(ref)s was already recorded with another amount (%(amount)s đồng).")
                                  % {"ref": reference, "amount": f"{existing.amount:,}"}, "duplicate_reference")
        return existing, False
    code = payer_code or match_payer(f"{reference} {payer_text}")
    payment = Payment.objects.create(
        source=source, reference=reference, received_on=received_on, amount=amount, payer_text=payer_text[:200],
        payer_code=code, status=Payment.Status.CREDIT if code else Payment.Status.SUSPENSE,
        recorded_by=by_user if getattr(by_user, "pk", None) else None)
    if code:
        allocate(code)
        payment.refresh_from_db()
    return payment, True


@transaction.atomic
def assign_suspense(payment: Payment, payer_code: str, by_user) -> Payment:
    """A collection officer names the payer of an unmatched payment; it is then allocated like any other."""
    if payment.status != Payment.Status.SUSPENSE:
        raise DomainError.one("payment", _("This payment is not in the suspense queue."), "not_in_suspense")
    if payer_code not in known_payer_codes({payer_code}):
        raise DomainError.one("payer_code", _("No employer unit, participant or household has the code %(code)s.") % {"code": payer_code}, "unknown_payer")
    payment.payer_code, payment.status, payment.assigned_by = payer_code, Payment.Status.CREDIT, by_user
    payment.save(update_fields=["payer_code", "status", "assigned_by"])
    allocate(payer_code, max(payment.received_on, dt.date.today()))
    payment.refresh_from_db()
    return payment


def _statement_row(number: int, row: dict) -> tuple[dict | None, list[FieldError]]:
    errors = []
    try:
        day = dt.date.fromisoformat((row.get("date") or "").strip())
    except ValueError:
        errors.append(FieldError("date", _("Not a date YYYY-MM-DD: %(value)r.") % {"value": row.get("date")}, "bad_date", "row", number))
    amount_text = (row.get("amount") or "").replace(".", "").replace(",", "").strip()
    if not amount_text.isdigit() or int(amount_text) <= 0:
        errors.append(FieldError("amount", _("Not a positive whole amount of đồng: %(value)r.") % {"value": row.get("amount")}, "bad_amount", "row", number))
    reference = (row.get("reference") or "").strip()
    if not reference:
        errors.append(FieldError("reference", _("The bank reference is missing."), "missing", "row", number))
    if errors:
        return None, errors
    return {"received_on": day, "amount": int(amount_text), "reference": reference, "payer_text": (row.get("description") or "").strip()}, []


def import_statement(content: bytes, source: str = "bank", by_user=None) -> dict:
    """A bank-statement CSV (date, reference, amount, description): all rows valid or nothing recorded."""
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    missing = [c for c in STATEMENT_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise DomainError.one("file", _("The statement lacks the columns: %(cols)s.") % {"cols": ", ".join(missing)}, "missing_columns")
    parsed, errors = [], []
    for number, row in enumerate(reader, start=2):
        item, row_errors = _statement_row(number, row)
        errors += row_errors
        if item:
            parsed.append(item)
    if errors:
        raise DomainError(errors)
    with transaction.atomic():
        results = [record_payment(source, by_user=by_user, **item) for item in parsed]
        summary = {"rows": len(parsed), "new": sum(1 for _, created in results if created),
                   "suspense": sum(1 for p, created in results if created and p.status == Payment.Status.SUSPENSE)}
        audit.record_batch("contributions.payment", "", f"bank statement: {summary['new']} new payments, {summary['suspense']} in suspense", summary)
    return summary
