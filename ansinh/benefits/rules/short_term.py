"""One-off SI, sickness, maternity, survivor allowance and funeral grant (Law 41/2024; Law 58/2014)."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ansinh.benefits.rules.career import CareerPeriod, average_salary, insured_months, money, rounded_years


@dataclass
class Amount:
    amount: int
    steps: list[dict] = field(default_factory=list)
    monthly: bool = False


def _dec(value) -> Decimal:
    return Decimal(str(value))


def one_off_si(periods: list[CareerPeriod], params) -> Amount:
    """1.5 × Mbq a year before split_year, 2 × Mbq a year from it; leftover months before split_year move to
    the later part before rounding (Circular 59/2015 Art. 19). Under a year: the retirement contributions
    paid, at most under_year_max × Mbq."""
    rule = params.raw("one_off.multiples")
    split = rule["split_year"] * 12
    months = insured_months(periods)
    mbq, detail = average_salary(periods, params.raw("pension.revaluation"), params.raw("pension.averaging_window")["state"])
    steps = [{"code": "insured_time", "values": {"years": months // 12, "months": months % 12, "total_months": months}},
             {"code": "average_salary", "values": {**detail, "mbq": money(mbq), "settlement_year": params.on.year}}]
    if months < 12:
        rate = params.rate("rate.employee.retirement") + params.rate("rate.employer.retirement")
        paid = sum((_dec(p.salary) * p.months for p in periods), Decimal(0)) * rate
        amount = money(min(paid, _dec(rule["under_year_max"]) * mbq))
        steps.append({"code": "one_off_under_year", "values": {"paid": money(paid), "cap": money(_dec(rule["under_year_max"]) * mbq), "amount": amount}})
        return Amount(amount, steps)
    before = sum(max(0, min(p.end, split - 1) - p.start + 1) for p in periods)
    before_years, carried = divmod(before, 12)
    later = rounded_years(months - before + carried, params.int("pension.service_rounding")) if months - before + carried else Decimal(0)
    amount = money((before_years * _dec(rule["before"]) + later * _dec(rule["from"])) * mbq)
    steps.append({"code": "one_off", "values": {"years_before": before_years, "multiple_before": rule["before"], "years_after": str(later),
                                                "multiple_after": rule["from"], "split_year": rule["split_year"], "mbq": money(mbq), "amount": amount}})
    return Amount(amount, steps)


def sickness_benefit(salary: int, days: int, insured_years: int, params) -> Amount:
    """75% of the insured salary of the month before leave, per working day (÷ 24), for at most the
    yearly days of the contribution-years band."""
    table = params.raw("sickness.days")
    allowed = table["max_days"]
    for under_years, band_days in sorted(table["bands"]):
        if insured_years < under_years:
            allowed = band_days
            break
    paid_days = min(days, allowed)
    daily = _dec(salary) * params.rate("sickness.rate") / params.int("sickness.working_days_per_month")
    amount = money(daily * paid_days)
    steps = [{"code": "sickness", "values": {"salary": salary, "rate_pct": params.raw("sickness.rate"), "divisor": params.int("sickness.working_days_per_month"),
                                             "days": days, "allowed_days": allowed, "paid_days": paid_days, "daily": money(daily), "amount": amount}}]
    return Amount(amount, steps)


def maternity_benefit(last_salaries: list[int], children: int, params) -> Amount:
    """Leave months × pct × the average salary of the last months, plus the birth grant per child."""
    rule = params.raw("maternity.leave")
    recent = last_salaries[-rule["average_months"]:]
    average = sum(map(_dec, recent), Decimal(0)) / len(recent)
    leave = average * rule["leave_months"] * _dec(rule["pct"]) / 100
    grant = _dec(rule["birth_grant_multiple"]) * params.int("reference.base_salary") * children
    amount = money(leave + grant)
    steps = [{"code": "maternity", "values": {"average": money(average), "months": len(recent), "leave_months": rule["leave_months"],
                                              "pct": rule["pct"], "leave_amount": money(leave), "grant": money(grant), "children": children, "amount": amount}}]
    return Amount(amount, steps)


def survivor_monthly(dependants: int, without_carer: int, params) -> Amount:
    rule = params.raw("survivor.monthly")
    base = params.int("reference.base_salary")
    paid = min(dependants, rule["max_dependants"])
    alone = min(without_carer, paid)
    total = (_dec(rule["no_carer_pct"]) * alone + _dec(rule["pct"]) * (paid - alone)) / 100 * base
    amount = money(total)
    steps = [{"code": "survivor", "values": {"dependants": dependants, "paid": paid, "without_carer": alone, "pct": rule["pct"],
                                             "no_carer_pct": rule["no_carer_pct"], "base": base, "amount": amount}}]
    return Amount(amount, steps, monthly=True)


def funeral_grant(params) -> Amount:
    multiple = params.int("survivor.funeral_multiple")
    base = params.int("reference.base_salary")
    amount = multiple * base
    return Amount(amount, [{"code": "funeral", "values": {"multiple": multiple, "base": base, "amount": amount}}])
