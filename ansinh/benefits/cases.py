"""Benefit cases: open, compute from the registry with the same quote functions citizens use (every
eligibility check stored with its article), approve with four eyes (never with a failing check), reject.
Approval creates the entitlements the payroll pays: a monthly one (until its end for unemployment and the
monthly allowance) and/or a one-off one (the pension's lump sum, maternity, one-off SI …)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ansinh.benefits import cases_inputs, quoting
from ansinh.benefits.models import MONTHLY_KINDS, SURVIVOR_KINDS, BenefitCase, Entitlement, Kind
from ansinh.benefits.rules.dates import add_months
from ansinh.core.errors import DomainError
from ansinh.registry.models import Person


def open_case(
    person, kind: str, opened_by, dossier_ref: str = "", inputs: dict | None = None, beneficiary=None
) -> BenefitCase:
    if kind not in Kind.values:
        raise DomainError.one("kind", _("Unknown benefit %(kind)s.") % {"kind": kind}, "unknown_kind")
    return BenefitCase.objects.create(
        person=person,
        kind=kind,
        opened_by=opened_by,
        dossier_ref=dossier_ref,
        inputs=inputs or {},
        monthly=kind in MONTHLY_KINDS,
        beneficiary=beneficiary,
    )


def _date(inputs: dict, key: str, default: dt.date) -> dt.date:
    value = inputs.get(key)
    return dt.date.fromisoformat(value) if value else default


def _start_date(case: BenefitCase) -> dt.date:
    today = timezone.localdate()
    return _date(case.inputs, "start_date", add_months(today.replace(day=1), 1))


def _result(case: BenefitCase, start: dt.date) -> tuple[str, dict, dict]:
    """(quote kind, quote body, result) — for survivors the monthly or the one-off part."""
    quote_kind, body = cases_inputs.payload(case, start)
    if quote_kind == "pension" and case.inputs.get("priced_on"):
        # An award decided long ago, priced with a later date's law (the demo's old pensioners).
        result = quoting.pension_quote(body, priced_on=dt.date.fromisoformat(case.inputs["priced_on"]))
    else:
        result = quoting.quote(quote_kind, body)
    if quote_kind == "survivor":
        result = result["one_off" if case.kind == Kind.SURVIVOR_ONE_OFF else "monthly"]
    return quote_kind, body, result


def _payments(case: BenefitCase, result: dict, start: dt.date) -> list[dict]:
    """What approval will pay: [{monthly, amount, start, end}]."""
    if case.kind == Kind.PENSION:
        rows = [{"monthly": True, "amount": result["monthly_pension"], "start": start}]
        if result["retirement_lump_sum"]:
            rows.append({"monthly": False, "amount": result["retirement_lump_sum"], "start": start})
    elif case.kind == Kind.SURVIVOR:
        rows = _survivor_payments(case, result, start)
    else:
        begin = dt.date.fromisoformat(result["start"]) if result.get("start") else start
        rows = []
        if result["monthly_amount"]:
            # The payroll pays by calendar month: N months from the start month.
            end = (
                add_months(begin.replace(day=1), result["months"]) - dt.timedelta(days=1)
                if result.get("months")
                else None
            )
            rows.append({"monthly": True, "amount": result["monthly_amount"], "start": begin, "end": end})
        if result["amount"]:
            rows.append({"monthly": False, "amount": result["amount"], "start": begin})
    return [
        {**r, "start": r["start"].isoformat(), "end": r["end"].isoformat() if r.get("end") else None}
        for r in rows
        if r["amount"] > 0
    ]


def _survivor_payments(case: BenefitCase, result: dict, start: dt.date) -> list[dict]:
    """One monthly entitlement per relative paid (Law 41/2024 Art. 87): each with the relative's own amount,
    end (a child's 18th birthday) and registry record, so one relative's right can end alone."""
    relatives = case.inputs.get("relatives", [])
    rows = []
    for part in (p for p in result["parts"] if p["code"] == "survivor_relative"):
        given = relatives[part["relative"]] if part["relative"] < len(relatives) else {}
        until = dt.date.fromisoformat(part["until"]) if part.get("until") else None
        if until and until < start:
            continue
        rows.append(
            {
                "monthly": True,
                "amount": part["amount"],
                "start": start,
                "end": until,
                "relative": part["relative"],
                "relation": part["relation"],
                "name": part.get("name", ""),
                "person_id": given.get("person_id"),
            }
        )
    return rows


@transaction.atomic
def compute_case(case: BenefitCase, by_user, inputs: dict | None = None) -> BenefitCase:
    if case.state not in (BenefitCase.State.OPEN, BenefitCase.State.COMPUTED):
        raise DomainError.one("state", _("Only an open or computed case can be computed."), "bad_state")
    if inputs:
        case.inputs = {**case.inputs, **inputs}
    start = _start_date(case)
    _kind, body, result = _result(case, start)
    payments = _payments(case, result, start)
    case.computation = {
        "checks": result["checks"],
        "steps": result["steps"],
        "parameters": result["parameters"],
        "announcements": result["announcements"],
        "warnings": result["warnings"],
        "start_date": start.isoformat(),
        "payments": payments,
        "career": body.get("periods", []) if case.kind in (Kind.PENSION, Kind.ONE_OFF, Kind.MONTHLY_ALLOWANCE) else [],
    }
    case.eligible = result["eligible"]
    monthly = next((p for p in payments if p["monthly"]), None)
    case.monthly = monthly is not None
    case.amount = sum(p["amount"] for p in payments if p["monthly"]) if monthly else sum(p["amount"] for p in payments)
    case.state, case.computed_by, case.computed_at = BenefitCase.State.COMPUTED, by_user, timezone.now()
    case.approved_by = None
    case.save()
    return case


def decision_number(case_id: int, year: int) -> str:
    return f"{case_id:07d}/QĐ-BHXH/{year}"


def _payee(case: BenefitCase, payment: dict | None = None):
    """Who a payment goes to: a survivor's relative with a registry record is paid in person; otherwise the
    case's beneficiary (the guardian of a child, whoever arranged the funeral), else the person."""
    relative = (payment or {}).get("relative")
    if relative is not None and payment.get("person_id"):
        payee = Person.objects.get(pk=payment["person_id"])
    elif case.kind in SURVIVOR_KINDS and case.beneficiary is None:
        if relative is not None:
            raise DomainError.one(
                "beneficiary",
                _("Relative %(n)s (%(name)s) has no registry record: name who is paid for them (e.g. the guardian).")
                % {"n": relative + 1, "name": payment.get("name") or "—"},
                "no_beneficiary",
            )
        raise DomainError.one(
            "beneficiary",
            _("Name the relative or the person who arranged the funeral: the deceased cannot be paid."),
            "no_beneficiary",
        )
    else:
        payee = case.beneficiary or case.person
    if payee.death_date:
        raise DomainError.one(
            "beneficiary", _("The person to be paid has died: name who is to be paid."), "payee_deceased"
        )
    return payee


@transaction.atomic
def approve_case(case: BenefitCase, by_user) -> Entitlement:
    """The decision: a second officer approves what the first computed, only if every blocking check passed;
    the entitlements follow (the monthly one is returned when there are two)."""
    case = BenefitCase.objects.select_for_update().get(pk=case.pk)
    if case.state != BenefitCase.State.COMPUTED:
        raise DomainError.one("state", _("Only a computed case can be approved."), "bad_state")
    if case.computed_by_id == getattr(by_user, "pk", None):
        raise DomainError.one(
            "approved_by", _("Four eyes: the officer who computed the case may not approve it."), "four_eyes"
        )
    failed = case.failed_checks
    if failed or not case.eligible:
        detail = "; ".join(f"{c['text']} ({c['article']})" for c in failed)
        raise DomainError.one(
            "eligible",
            _("A condition of the law is not met, so the case cannot be approved: %(detail)s Reject it instead.")
            % {"detail": detail},
            "not_eligible",
        )
    payments = case.computation.get("payments") or []
    if not payments:
        raise DomainError.one("amount", _("The computation gives nothing to pay."), "nothing_to_pay")
    payees = [_payee(case, p) for p in payments]
    now = timezone.now()
    case.state, case.approved_by, case.approved_at = BenefitCase.State.APPROVED, by_user, now
    case.decision_number = decision_number(case.pk, now.year)
    case.save()
    created = []
    for n, (p, payee) in enumerate(zip(payments, payees, strict=False)):
        number = case.decision_number if n == 0 else f"{case.decision_number}/{n + 1}"
        created.append(
            Entitlement.objects.create(
                case=case,
                person=payee,
                kind=case.kind,
                monthly=p["monthly"],
                amount=p["amount"],
                start=dt.date.fromisoformat(p["start"]),
                end=_date(p, "end", None),
                decision_number=number,
            )
        )
    return next((e for e in created if e.monthly), created[0])


@transaction.atomic
def reject_case(case: BenefitCase, by_user, reason: str) -> BenefitCase:
    if case.state == BenefitCase.State.APPROVED:
        raise DomainError.one("state", _("An approved case cannot be rejected."), "bad_state")
    case.state = BenefitCase.State.REJECTED
    case.inputs = {**case.inputs, "rejected_reason": reason, "rejected_by": by_user.get_username()}
    case.save()
    return case


def set_beneficiary(case: BenefitCase, person) -> BenefitCase:
    if case.state == BenefitCase.State.APPROVED:
        raise DomainError.one("state", _("An approved case cannot change who is paid."), "bad_state")
    case.beneficiary = person
    case.save(update_fields=["beneficiary"])
    return case
