"""Maternity at childbirth (Law 41/2024 Art. 50–61, 94–95; Law 58/2014 Art. 31–41).

- the mother (`birth`): 6 months of SI in the 12 before the birth (3 months if a doctor ordered rest during
  pregnancy and she has 12 months in all); 6 months' leave, one more per child from the second; 100% of the
  average salary of the last 6 months of contributions; a lump sum of 2 × the reference level per child;
- the father (`paternity`): insured when his wife gives birth; 5 working days (7 for a caesarean or a birth
  before 32 weeks, 10 for twins and 3 more per further child, 14 for twins or more by caesarean), each at the
  average salary ÷ 24; the lump sum goes to him when only he is insured and has 6 months in the 12;
- recovery after birth (`recovery`): up to 10 days for two or more children, 7 after a caesarean, 5 otherwise,
  at 30% of the reference level a day;
- voluntary participants (`voluntary_birth`): 2,000,000 per child born after 6 months of voluntary SI in the 12.

The 12 months before the birth: when the child is born from the 15th and that month was contributed, the
birth month counts; otherwise the 12 months before it (Decree 158/2025).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from ansinh.benefits.rules.career import money
from ansinh.benefits.rules.checks import Outcome, check
from ansinh.benefits.rules.dates import month_index
from ansinh.benefits.rules.sickness import recovery

EVENTS = ("birth", "paternity", "recovery", "voluntary_birth")


@dataclass(frozen=True)
class MaternityInput:
    event: str
    birth_date: dt.date
    children: int = 1
    salaries: tuple = ()  # (month index, contribution salary) of compulsory SI, oldest first
    voluntary_months: tuple = ()  # month indexes of voluntary contributions
    caesarean: bool = False
    premature: bool = False  # born before 32 weeks
    prenatal_rest: bool = False  # a doctor ordered rest during pregnancy
    mother_insured: bool = True  # paternity: whether the mother is insured (else the lump sum is the father's)
    insured_now: bool = True
    leave_start: dt.date | None = None  # mother: the first day of leave (up to 2 months before the birth)
    days: int | None = None  # paternity or recovery days asked for (None: the most allowed)
    extra: dict = field(default_factory=dict)


def window_months(params, birth_date: dt.date, months: set[int]) -> tuple[int, int, int]:
    """(contributed months in the 12 before the birth, first and last month of that window)."""
    rule = params.raw("maternity.conditions")
    birth = month_index(birth_date)
    last = birth if birth_date.day >= rule["birth_month_counts_from_day"] and birth in months else birth - 1
    first = last - rule["window"] + 1
    return sum(1 for m in months if first <= m <= last), first, last


def _average(params, data: MaternityInput) -> tuple[Decimal, int]:
    """The average salary of the last average_months months contributed before the leave month."""
    rule = params.raw("maternity.leave")
    leave = month_index(data.leave_start or data.birth_date)
    before = [salary for m, salary in data.salaries if m < leave][-rule["average_months"] :]
    if not before:
        return Decimal(0), 0
    return sum(map(Decimal, before), Decimal(0)) / len(before), len(before)


def _window_check(out: Outcome, params, data: MaternityInput, code: str = "months_before_birth") -> int:
    rule = params.raw("maternity.conditions")
    has, first, last = window_months(params, data.birth_date, {m for m, _s in data.salaries})
    needs = rule["months"]
    if data.prenatal_rest and len(data.salaries) >= rule["prenatal_rest_min_total"]:
        needs = rule["prenatal_rest_months"]
    out.checks.append(
        check(
            params,
            "maternity.conditions",
            code,
            has >= needs,
            needs_months=needs,
            has_months=has,
            window=rule["window"],
            window_from=f"{first // 12:04d}-{first % 12 + 1:02d}",
            window_to=f"{last // 12:04d}-{last % 12 + 1:02d}",
        )
    )
    return has


def _lump_sum(out: Outcome, params, children: int) -> int:
    rule = params.raw("maternity.leave")
    level = params.int("reference.base_salary")
    amount = out.part("birth_grant", money(Decimal(str(rule["birth_grant_multiple"])) * level * children))
    out.step("birth_grant", multiple=rule["birth_grant_multiple"], level=level, children=children, amount=amount)
    return amount


def _birth(out: Outcome, params, data: MaternityInput) -> None:
    rule = params.raw("maternity.leave")
    _window_check(out, params, data)
    average, counted = _average(params, data)
    months = rule["leave_months"] + rule["extra_month_per_child"] * (data.children - 1)
    leave = out.part("maternity_leave", money(average * months * Decimal(str(rule["pct"])) / 100))
    out.months = months
    out.step(
        "maternity",
        average=money(average),
        months=counted,
        leave_months=months,
        children=data.children,
        pct=rule["pct"],
        leave_amount=leave,
        extra_month_per_child=rule["extra_month_per_child"],
    )
    _lump_sum(out, params, data.children)


def paternity_days(params, children: int, caesarean: bool, premature: bool) -> int:
    rule = params.raw("maternity.father")
    if children >= 2:
        return (
            rule["multiple_caesarean_days"]
            if caesarean
            else rule["twins_days"] + rule["extra_per_child_days"] * (children - 2)
        )
    return rule["caesarean_or_premature_days"] if caesarean or premature else rule["days"]


def _paternity(out: Outcome, params, data: MaternityInput) -> None:
    rule = params.raw("maternity.father")
    out.checks.append(check(params, "maternity.father", "insured_now", data.insured_now))
    allowed = paternity_days(params, data.children, data.caesarean, data.premature)
    days = allowed if data.days is None else min(data.days, allowed)
    average, counted = _average(params, data)
    divisor = params.int("sickness.working_days_per_month")
    amount = out.part("paternity", money(average / divisor * days))
    out.step(
        "paternity",
        average=money(average),
        months=counted,
        divisor=divisor,
        allowed_days=allowed,
        days=days,
        within_days=rule["within_days"],
        amount=amount,
    )
    if not data.mother_insured:
        if _window_check(out, params, data) >= params.raw("maternity.conditions")["months"]:
            _lump_sum(out, params, data.children)


def _recovery(out: Outcome, params, data: MaternityInput) -> None:
    rule = params.raw("maternity.recovery")
    reason = "multiple" if data.children >= 2 else "caesarean" if data.caesarean else "other"
    out.checks.append(
        check(
            params,
            "maternity.recovery",
            "recovery_after_birth",
            data.insured_now,
            reason=reason,
            within_days=rule["within_days"],
        )
    )
    max_days = rule["max_days"][reason]
    recovery(out, params, "maternity.recovery", max_days if data.days is None else data.days, max_days)


def _voluntary(out: Outcome, params, data: MaternityInput) -> None:
    rule = params.raw("maternity.voluntary_allowance")
    has, first, last = window_months(params, data.birth_date, set(data.voluntary_months))
    out.checks.append(
        check(
            params,
            "maternity.voluntary_allowance",
            "voluntary_months_before_birth",
            has >= rule["months"],
            needs_months=rule["months"],
            has_months=has,
            window=rule["window"],
            window_from=f"{first // 12:04d}-{first % 12 + 1:02d}",
            window_to=f"{last // 12:04d}-{last % 12 + 1:02d}",
        )
    )
    amount = out.part("voluntary_maternity", rule["amount_per_child"] * data.children)
    out.step("voluntary_maternity", per_child=rule["amount_per_child"], children=data.children, amount=amount)


def maternity(data: MaternityInput, params) -> Outcome:
    out = Outcome("maternity")
    out.checks.append(check(params, "maternity.leave", "event", data.event in EVENTS, event=data.event))
    handler = {"birth": _birth, "paternity": _paternity, "recovery": _recovery, "voluntary_birth": _voluntary}.get(
        data.event
    )
    if handler:
        handler(out, params, data)
    if not out.eligible:
        out.amount = out.monthly = 0
    return out
