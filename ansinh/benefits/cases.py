"""Benefit cases: open, compute from the registry with the rules, approve with four eyes, reject."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ansinh.benefits import explain, history, rules
from ansinh.benefits.models import MONTHLY_KINDS, BenefitCase, Entitlement, Kind
from ansinh.benefits.rules.dates import add_months
from ansinh.core.api_errors import DomainError
from ansinh.policy.rules import MissingParameter
from ansinh.policy.services import params_on


def open_case(person, kind: str, opened_by, dossier_ref: str = "", inputs: dict | None = None) -> BenefitCase:
    if kind not in Kind.values:
        raise DomainError.one("kind", _("Unknown benefit %(kind)s.") % {"kind": kind}, "unknown_kind")
    return BenefitCase.objects.create(person=person, kind=kind, opened_by=opened_by, dossier_ref=dossier_ref,
                                      inputs=inputs or {}, monthly=kind in MONTHLY_KINDS)


def _date(inputs: dict, key: str, default: dt.date) -> dt.date:
    value = inputs.get(key)
    return dt.date.fromisoformat(value) if value else default


def _start_date(case: BenefitCase) -> dt.date:
    today = timezone.localdate()
    return _date(case.inputs, "start_date", add_months(today.replace(day=1), 1))


def _compute(case: BenefitCase) -> tuple[bool, int, list[dict], object]:
    """(eligible, amount, raw steps, params) for the case's kind and inputs."""
    start = _start_date(case)
    params = params_on(_date(case.inputs, "priced_on", start))
    person, inputs = case.person, case.inputs
    if case.kind in (Kind.PENSION, Kind.ONE_OFF, Kind.SICKNESS, Kind.MATERNITY):
        periods = history.career(person, start)
        if not periods:
            raise DomainError.one("person", _("The registry holds no insured work for this person before %(day)s.") % {"day": start}, "no_history")
    if case.kind == Kind.PENSION:
        data = rules.PensionInput(person.sex, person.birth_date, start, tuple(periods),
                                  int(inputs.get("hazardous_years", history.hazardous_years(person))), int(inputs.get("reduced_capacity_pct", 0)))
        result = rules.quote_pension(data, params)
        return result.eligible, result.monthly_pension, result.steps, params
    if case.kind == Kind.ONE_OFF:
        result = rules.one_off_si(periods, params)
    elif case.kind == Kind.SICKNESS:
        result = rules.sickness_benefit(periods[-1].salary, int(inputs.get("days", 0)), rules.insured_months(periods) // 12, params)
    elif case.kind == Kind.MATERNITY:
        salaries = [p.salary for p in periods for _month in range(p.months)]
        result = rules.maternity_benefit(salaries, int(inputs.get("children", 1)), params)
    elif case.kind == Kind.SURVIVOR:
        result = rules.survivor_monthly(int(inputs.get("dependants", 1)), int(inputs.get("without_carer", 0)), params)
    else:
        result = rules.funeral_grant(params)
    return result.amount > 0, result.amount, result.steps, params


@transaction.atomic
def compute_case(case: BenefitCase, by_user, inputs: dict | None = None) -> BenefitCase:
    if case.state not in (BenefitCase.State.OPEN, BenefitCase.State.COMPUTED):
        raise DomainError.one("state", _("Only an open or computed case can be computed."), "bad_state")
    if inputs:
        case.inputs = {**case.inputs, **inputs}
    try:
        eligible, amount, steps, params = _compute(case)
    except MissingParameter as exc:
        raise DomainError.one("start_date", str(exc), "no_law") from None
    case.computation = {"steps": explain.steps(steps), "parameters": params.citations(), "start_date": _start_date(case).isoformat(),
                        "career": history.as_rows(history.career(case.person, _start_date(case))) if case.kind in (Kind.PENSION, Kind.ONE_OFF) else []}
    case.eligible, case.amount = eligible, amount
    case.state, case.computed_by, case.computed_at = BenefitCase.State.COMPUTED, by_user, timezone.now()
    case.approved_by = None
    case.save()
    return case


def decision_number(case_id: int, year: int) -> str:
    return f"{case_id:07d}/QĐ-BHXH/{year}"


@transaction.atomic
def approve_case(case: BenefitCase, by_user) -> Entitlement:
    """The decision: a second officer approves what the first computed; the entitlement is created."""
    case = BenefitCase.objects.select_for_update().get(pk=case.pk)
    if case.state != BenefitCase.State.COMPUTED:
        raise DomainError.one("state", _("Only a computed case can be approved."), "bad_state")
    if case.computed_by_id == getattr(by_user, "pk", None):
        raise DomainError.one("approved_by", _("Four eyes: the officer who computed the case may not approve it."), "four_eyes")
    if not case.eligible:
        raise DomainError.one("eligible", _("The computation found the person not eligible; reject the case instead."), "not_eligible")
    now = timezone.now()
    case.state, case.approved_by, case.approved_at = BenefitCase.State.APPROVED, by_user, now
    case.decision_number = decision_number(case.pk, now.year)
    case.save()
    return Entitlement.objects.create(case=case, person=case.person, kind=case.kind, monthly=case.monthly, amount=case.amount,
                                      start=dt.date.fromisoformat(case.computation["start_date"]), decision_number=case.decision_number)


@transaction.atomic
def reject_case(case: BenefitCase, by_user, reason: str) -> BenefitCase:
    if case.state == BenefitCase.State.APPROVED:
        raise DomainError.one("state", _("An approved case cannot be rejected."), "bad_state")
    case.state = BenefitCase.State.REJECTED
    case.inputs = {**case.inputs, "rejected_reason": reason, "rejected_by": by_user.get_username()}
    case.save()
    return case
