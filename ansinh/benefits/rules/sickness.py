"""Sickness benefit (Law 41/2024 Art. 42–47; Law 58/2014 Art. 25–29).

- own illness: 30/40/60 working days a year by years of contribution (under 15 / 15 to under 30 / 30 or
  more), 10 more in heavy or hazardous work; 75% of the salary of the month before leave, ÷ 24 a day;
- long-term illness on the Ministry of Health list: up to 180 days at 75%, then at a lower rate by years of
  contribution (under 15: 50%, 15 to under 30: 55%, 30 or more: 65%) for at most the time contributed;
- a sick child: 20 working days a year under 3, 15 from 3 to under 7, per parent;
- recovery after sickness (its own claim): 5 to 10 days at 30% of the reference level a day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ansinh.benefits.rules.career import money
from ansinh.benefits.rules.checks import Outcome, check
from ansinh.benefits.rules.dates import full_months_between

KINDS = ("own", "long_term", "child", "recovery")
RECOVERY_REASONS = ("long_term", "surgery", "other")


@dataclass(frozen=True)
class SicknessInput:
    kind: str  # own | long_term | child
    salary: int  # contribution salary of the month before leave
    insured_months: int
    days: int = 0  # working days (own, child); for long_term: days beyond the whole months
    months: int = 0  # long_term: whole months of leave
    days_used: int = 0  # days of the same kind already paid this year (for this child, for a child)
    hazardous: bool = False
    child_birth_date: dt.date | None = None
    leave_start: dt.date | None = None
    insured_now: bool = True
    certified: bool = True
    long_term_used_days: int = 0  # long_term: days already paid for this illness
    recovery_days: int = 0  # recovery: days asked for
    recovery_reason: str = "other"  # recovery: long_term | surgery | other
    sick_days_this_year: int = 0  # recovery: days of sickness benefit taken this year


def _allowed_days(params, years: int, hazardous: bool) -> int:
    table = params.raw("sickness.days")
    allowed = table["max_days"]
    for under_years, band_days in sorted(table["bands"]):
        if years < under_years:
            allowed = band_days
            break
    return allowed + (table.get("hazardous_extra", 0) if hazardous else 0)


def _daily(params, salary: int, rate: Decimal) -> Decimal:
    return Decimal(salary) * rate / params.int("sickness.working_days_per_month")


def _own(out: Outcome, data: SicknessInput, params) -> None:
    allowed = _allowed_days(params, data.insured_months // 12, data.hazardous)
    left = max(0, allowed - data.days_used)
    paid = min(data.days, left)
    out.checks.append(
        check(params, "sickness.days", "days_left", left > 0, allowed_days=allowed, used_days=data.days_used)
    )
    daily = _daily(params, data.salary, params.rate("sickness.rate"))
    amount = out.part("sickness", money(daily * paid))
    out.step(
        "sickness",
        salary=data.salary,
        rate_pct=params.raw("sickness.rate"),
        divisor=params.int("sickness.working_days_per_month"),
        days=data.days,
        allowed_days=allowed,
        used_days=data.days_used,
        paid_days=paid,
        daily=money(daily),
        amount=amount,
        hazardous=data.hazardous,
    )


def _later_rate(params, years: int) -> Decimal:
    rule = params.raw("sickness.long_term")
    rate = rule["max_later_rate"]
    for under_years, pct in sorted(rule["later_rates"]):
        if years < under_years:
            rate = pct
            break
    return Decimal(str(rate)) / 100


def _long_term(out: Outcome, data: SicknessInput, params) -> None:
    """Whole months at the monthly rate, leftover days ÷ 24; the first full_rate_days (counted in calendar
    days, 30 a month) at 75%, the rest at the lower rate, for at most the months contributed."""
    rule = params.raw("sickness.long_term")
    days = data.months * 30 + data.days
    full_left = max(0, rule["full_rate_days"] - data.long_term_used_days)
    later_cap = max(0, data.insured_months * 30 - max(0, data.long_term_used_days - rule["full_rate_days"]))
    at_full, at_later = min(days, full_left), min(max(0, days - full_left), later_cap)
    out.checks.append(
        check(
            params,
            "sickness.long_term",
            "long_term_days_left",
            at_full + at_later > 0,
            full_rate_days=rule["full_rate_days"],
            used_days=data.long_term_used_days,
        )
    )
    full, later = params.rate("sickness.rate"), _later_rate(params, data.insured_months // 12)
    divisor = params.int("sickness.working_days_per_month")
    amount = 0
    for label, count, rate in (("long_term_full", at_full, full), ("long_term_later", at_later, later)):
        if count:
            months, rest = divmod(count, 30)
            value = money(Decimal(data.salary) * rate * months + Decimal(data.salary) * rate / divisor * rest)
            amount += out.part(label, value)
            out.step(label, salary=data.salary, rate_pct=str(rate * 100), months=months, days=rest, amount=value)
    out.step("sickness_total", amount=amount)


def _child(out: Outcome, data: SicknessInput, params) -> None:
    rule = params.raw("sickness.child")
    start = data.leave_start or params.on
    age = full_months_between(data.child_birth_date, start) if data.child_birth_date else -1
    allowed = next((days for under, days in sorted(rule["bands"]) if 0 <= age < under), 0)
    out.checks.append(
        check(
            params,
            "sickness.child",
            "child_age",
            allowed > 0,
            age_years=max(age, 0) // 12,
            age_months=max(age, 0) % 12,
            max_years=max(u for u, _d in rule["bands"]) // 12,
        )
    )
    left = max(0, allowed - data.days_used)
    paid = min(data.days, left)
    daily = _daily(params, data.salary, params.rate("sickness.rate"))
    amount = out.part("sickness_child", money(daily * paid))
    out.step(
        "sickness_child",
        salary=data.salary,
        rate_pct=params.raw("sickness.rate"),
        allowed_days=allowed,
        used_days=data.days_used,
        days=data.days,
        paid_days=paid,
        daily=money(daily),
        amount=amount,
    )


def recovery(out: Outcome, params, key: str, days: int, max_days: int) -> int:
    """Recovery days at a percent of the reference level a day (sickness, maternity, occupational)."""
    rule = params.raw(key)
    paid = min(days, max_days)
    level = params.int("reference.base_salary")
    daily = Decimal(level) * Decimal(str(rule["pct_of_reference"])) / 100
    amount = out.part("recovery", money(daily * paid))
    out.step(
        "recovery",
        days=days,
        max_days=max_days,
        paid_days=paid,
        pct=rule["pct_of_reference"],
        level=level,
        amount=amount,
    )
    return amount


def _recovery(out: Outcome, data: SicknessInput, params) -> None:
    rule = params.raw("sickness.recovery")
    out.checks.append(
        check(
            params,
            "sickness.recovery",
            "recovery_reason",
            data.recovery_reason in RECOVERY_REASONS,
            reason=data.recovery_reason,
        )
    )
    out.checks.append(
        check(
            params,
            "sickness.recovery",
            "sick_days_before_recovery",
            data.sick_days_this_year >= rule["min_sick_days"],
            needs_days=rule["min_sick_days"],
            has_days=data.sick_days_this_year,
        )
    )
    recovery(out, params, "sickness.recovery", data.recovery_days, rule["max_days"].get(data.recovery_reason, 0))


def sickness(data: SicknessInput, params) -> Outcome:
    out = Outcome("sickness")
    out.checks.append(check(params, "sickness.rate", "kind", data.kind in KINDS, kind=data.kind))
    out.checks.append(check(params, "sickness.conditions", "insured_now", data.insured_now))
    out.checks.append(check(params, "sickness.conditions", "medical_certificate", data.certified))
    if data.kind == "own":
        _own(out, data, params)
    elif data.kind == "long_term":
        _long_term(out, data, params)
    elif data.kind == "child":
        _child(out, data, params)
    elif data.kind == "recovery":
        _recovery(out, data, params)
    if not out.eligible:
        out.amount = 0
    return out
