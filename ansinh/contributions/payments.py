"""Payments: record money received (bank statements and notifications, the bank API, collection agents),
match it to a payer, allocate it oldest debt first.

One payment is one bank transaction, named by the account it was credited to and the bank's own reference
for it, whichever channel reports it first: a notification, an API call and the day's statement never
count it twice, and two banks that happen to use the same reference never collide. A payment that names
no payer (or several) waits in the suspense queue, with the reason, until a collection officer assigns it.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ansinh.banking.records import Line
from ansinh.contributions.models import Allocation, Payment, Receivable, StatementImport
from ansinh.contributions.payment_matching import Match, check_given_code, known_payer_codes, match_lines
from ansinh.core import audit
from ansinh.core.errors import DomainError, FieldError
from ansinh.core.notify import Message, notify
from ansinh.registry.models import Person

FUND_ORDER = ["retirement", "sickness_maternity", "accident_disease", "health", "unemployment", "late_interest"]
CHUNK = 2_000


@transaction.atomic
def allocate(payer_code: str, on: dt.date | None = None) -> int:
    """Spend the payer's unallocated money on its open bills, oldest period first. Returns the amount allocated."""
    payments = list(
        Payment.objects.select_for_update()
        .filter(payer_code=payer_code, amount__gt=F("allocated_amount"))
        .order_by("received_on", "id")
    )
    if not payments:
        return 0
    bills = sorted(
        Receivable.objects.select_for_update().filter(payer_code=payer_code, amount__gt=F("paid_amount")),
        key=lambda r: (r.period, FUND_ORDER.index(r.fund)),
    )
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
    if total:
        _tell_participants([b for b in bills if b.paid_amount], total, on or payments[-1].received_on)
    return total


PAYMENT_SUBJECT = gettext_noop("Payment received")
PAYMENT_TEXT = {
    "voluntary": gettext_noop(
        "An Sinh received %(amount)s đồng on %(day)s for your voluntary social insurance (payer code %(payer)s)."
    ),
    "family_hi": gettext_noop(
        "An Sinh received %(amount)s đồng on %(day)s for your household's health insurance (payer code %(payer)s)."
    ),
}


def _tell_participants(bills: list[Receivable], total: int, day: dt.date) -> None:
    """A voluntary participant, and the household members of a family-HI bill, hear that their money arrived
    (in their inbox when they have an account). Employers follow their bills on their own pages."""
    bill = next((b for b in bills if b.payer_kind in PAYMENT_TEXT), None)
    if bill is None:
        return
    people = (
        Person.objects.filter(pk=bill.person_id)
        if bill.person_id
        else Person.objects.filter(household_id=bill.household_id)
    )
    values = {"amount": f"{total:,}".replace(",", "."), "day": f"{day:%d/%m/%Y}", "payer": bill.payer_code}
    message = Message(
        "payment", PAYMENT_SUBJECT, PAYMENT_TEXT[bill.payer_kind], values, link=reverse("portal:payments")
    )
    with translation.override("vi"):
        for person in people.filter(user__isnull=False).select_related("user"):
            notify(phone=person.phone, message=message, user=person.user)


def _recorded(keys: set[tuple[str, str]]) -> dict[tuple[str, str], Payment]:
    """Payments already recorded under these (account, reference) keys, in one query per chunk."""
    references, found = sorted({reference for _account, reference in keys}), {}
    for start in range(0, len(references), CHUNK):
        for payment in Payment.objects.filter(reference__in=references[start : start + CHUNK]):
            if (payment.account, payment.reference) in keys:
                found[(payment.account, payment.reference)] = payment
    return found


def _conflict(line: Line, amount: int) -> FieldError:
    return FieldError(
        "reference",
        _("Transaction %(ref)s on account %(acct)s was already recorded with another amount (%(amount)s đồng).")
        % {"ref": line.bank_reference, "acct": line.account, "amount": f"{amount:,}"},
        "duplicate_reference",
        location="file",
        row=line.position,
    )


def _new_payment(line: Line, match: Match, source: str, by_user, statement) -> Payment:
    return Payment(
        source=source,
        account=line.account,
        reference=line.bank_reference,
        end_to_end_id=line.end_to_end_id[:35],
        structured_reference=line.structured_reference[:35],
        received_on=line.booking_date,
        amount=line.amount,
        payer_text=line.text[:200],
        debtor_name=line.debtor_name[:140],
        debtor_account=line.debtor_account[:40],
        payer_code=match.payer_code,
        status=Payment.Status.CREDIT if match.payer_code else Payment.Status.SUSPENSE,
        suspense_reason=match.reason,
        suspense_detail=match.detail,
        statement=statement,
        recorded_by=by_user if getattr(by_user, "pk", None) else None,
    )


def _split_known(lines: list[Line]) -> tuple[list[Line], list[tuple[int, Payment]]]:
    """Lines not yet recorded, and (index, payment) of those already recorded; DomainError on a conflict."""
    recorded = _recorded({(line.account, line.bank_reference) for line in lines})
    fresh, known, errors, seen = [], [], [], {}
    for index, line in enumerate(lines):
        key = (line.account, line.bank_reference)
        earlier = recorded.get(key)
        amount = earlier.amount if earlier else seen.get(key)
        if amount is not None and amount != line.amount:
            errors.append(_conflict(line, amount))
        elif earlier:
            known.append((index, earlier))
        elif key not in seen:
            seen[key] = line.amount
            fresh.append(line)
    if errors:
        raise DomainError(errors)
    return fresh, known


@transaction.atomic
def record_lines(
    lines: list[Line], source: str, by_user=None, statement: StatementImport | None = None, given_code: str = ""
) -> list[tuple[Payment, bool]]:
    """Record credits (each with its account and bank reference) once each; match and allocate the new ones.
    Returns (payment, created) per line, in order."""
    fresh, known = _split_known(lines)
    matches = [check_given_code(given_code)] * len(fresh) if given_code else match_lines(fresh)
    payments = [
        _new_payment(line, match, source, by_user, statement) for line, match in zip(fresh, matches, strict=False)
    ]
    try:
        with transaction.atomic():
            Payment.objects.bulk_create(payments)
    except IntegrityError:
        raise DomainError.one(
            "reference",
            _("Another channel recorded one of these transactions at the same moment; send the file again."),
            "concurrent",
        ) from None
    for code in sorted({p.payer_code for p in payments if p.payer_code}):
        allocate(code)
    by_id = Payment.objects.in_bulk([p.pk for p in payments])
    created = {(p.account, p.reference): by_id[p.pk] for p in payments}
    known_at = dict(known)
    return [
        (known_at[i], False) if i in known_at else (created[(line.account, line.bank_reference)], True)
        for i, line in enumerate(lines)
    ]


def record_payment(
    source: str,
    reference: str,
    received_on: dt.date,
    amount: int,
    payer_text: str = "",
    by_user=None,
    payer_code: str = "",
    account: str = "",
    **details,
) -> tuple[Payment, bool]:
    """One payment reported on its own (bank API, collection agent): idempotent on account and reference.
    `details` are further Line fields (end_to_end_id, structured_reference, debtor_name). Returns (payment, created)."""
    line = Line(0, account, received_on, amount, True, bank_reference=reference, text=payer_text, **details)
    payment, created = record_lines([line], source, by_user=by_user, given_code=payer_code)[0]
    if created:
        audit.record(
            "create",
            "contributions.payment",
            payment.pk,
            f"{source} {payment.account} {payment.reference}: {payment.amount} đồng, {payment.status}",
        )
    return payment, created


@transaction.atomic
def assign_suspense(payment: Payment, payer_code: str, by_user) -> Payment:
    """A collection officer names the payer of an unmatched payment; it is then allocated like any other."""
    if payment.status != Payment.Status.SUSPENSE:
        raise DomainError.one("payment", _("This payment is not in the suspense queue."), "not_in_suspense")
    if payer_code not in known_payer_codes({payer_code}):
        raise DomainError.one(
            "payer_code",
            _("No employer unit, participant or household has the code %(code)s.") % {"code": payer_code},
            "unknown_payer",
        )
    payment.payer_code, payment.status, payment.assigned_by = payer_code, Payment.Status.CREDIT, by_user
    payment.save(update_fields=["payer_code", "status", "assigned_by"])
    allocate(payer_code, max(payment.received_on, timezone.localdate()))
    payment.refresh_from_db()
    return payment
