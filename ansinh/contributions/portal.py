"""What the employer portal and the staff pages show: read models over bills, payments and declarations."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from ansinh.banking.references import creditor_reference
from ansinh.contributions import rules
from ansinh.contributions.arrears import aged_units
from ansinh.contributions.bank_accounts import collection_accounts
from ansinh.contributions.models import Declaration, Payment, Receivable
from ansinh.core.periods import Period
from ansinh.policy.rules import MissingParameter
from ansinh.policy.services import params_on

# Apps above contributions add their part of the employer's home (the portal: the unit's workers and dossiers). They
# register in their AppConfig.ready(), so contributions never imports them.
_employer_panels: list = []


def add_employer_panel(panel) -> None:
    """`panel(unit, today)` returns more context for the employer's home page."""
    if panel not in _employer_panels:
        _employer_panels.append(panel)


def employer_panels(unit, today: dt.date) -> dict:
    context = {}
    for panel in _employer_panels:
        context.update(panel(unit, today))
    return context


def bill_for(payer_code: str, period: str) -> dict | None:
    lines = list(Receivable.objects.filter(payer_code=payer_code, period=period).order_by("id"))
    if not lines:
        return None
    total = sum(line.amount for line in lines)
    paid = sum(line.paid_amount for line in lines)
    return {
        "period": period,
        "lines": lines,
        "total": total,
        "paid": paid,
        "outstanding": total - paid,
        "due_date": lines[0].due_date,
        "headcount": max(line.headcount for line in lines),
        "employer": sum(line.employer_amount for line in lines),
        "employee": sum(line.employee_amount for line in lines),
    }


def latest_bill(payer_code: str) -> dict | None:
    period = (
        Receivable.objects.filter(payer_code=payer_code).order_by("-period").values_list("period", flat=True).first()
    )
    return bill_for(payer_code, period) if period else None


def estimate_this_month(employer, today: dt.date) -> dict:
    """This month from the workers declared so far (active on the later of today and the 15th)."""
    day = max(today, today.replace(day=15))
    spells = employer.spells.filter(Q(end__isnull=True) | Q(end__gte=day), start__lte=day)
    estimate = {"period": str(Period.of(today)), "headcount": 0, "employer": 0, "employee": 0, "total": 0}
    try:
        params = params_on(today)
        floor = rules.minimum_wage(params, employer.wage_region)
    except (MissingParameter, rules.RuleError):
        return estimate
    for spell in spells:
        salary = (
            rules.contribution_salary(params, **spell.pay())
            if spell.pay_coefficient is not None
            else spell.insured_salary
        )
        shares = rules.compulsory_contribution(
            params, max(salary, floor), employer.wage_region, rules.pay_scale_of(employer.sector)
        )
        estimate["headcount"] += 1
        estimate["employer"] += sum(s.amount for s in shares if s.payer == "employer")
        estimate["employee"] += sum(s.amount for s in shares if s.payer == "employee")
    estimate["total"] = estimate["employer"] + estimate["employee"]
    return estimate


def employer_overview(employer, today: dt.date) -> dict:
    arrears = aged_units(today, payer_code=employer.unit_code)
    return {
        "bill": latest_bill(employer.unit_code),
        "estimate": estimate_this_month(employer, today),
        "payments": Payment.objects.filter(payer_code=employer.unit_code).order_by("-received_on", "-id")[:12],
        "arrears": arrears[0] if arrears else None,
        "declarations": Declaration.objects.filter(employer=employer).select_related("submitted_by")[:10],
        "bills": _recent_bills(employer.unit_code),
        "pay_to": collection_accounts(),
        "payment_reference": creditor_reference(employer.unit_code),
    }


def _recent_bills(payer_code: str, count: int = 12) -> list[dict]:
    periods = list(
        Receivable.objects.filter(payer_code=payer_code)
        .order_by("-period")
        .values_list("period", flat=True)
        .distinct()[:count]
    )
    return [bill_for(payer_code, p) for p in periods]
