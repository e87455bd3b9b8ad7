"""Occupational accident and disease benefits (Law 84/2015 on Occupational Safety and Hygiene Art. 45–54, as
amended by Law 41/2024: the reference level replaces the base salary).

- a loss of working capacity of 5–30%: a lump sum of 5 × the reference level at 5%, 0.5 × more per further
  1%, plus 0.5 month of salary for a year or less of contributions to the fund and 0.3 month per further year;
- 31% or more: a monthly allowance of 30% of the reference level at 31%, 2% more per further 1%, plus 0.5% of
  salary for a year or less and 0.3% per further year; from 81% with the listed conditions, a care allowance of
  the reference level a month;
- death from an accident or disease: 36 × the reference level to the relatives;
- recovery after treatment: 5, 7 or 10 days by loss (15–30%, 31–50%, 51% or more) at 30% of the reference
  level a day.
The salary is the contribution salary of the month before the accident (or of that month if it was the
first month contributed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ansinh.benefits.rules.career import money
from ansinh.benefits.rules.checks import Outcome, check
from ansinh.benefits.rules.sickness import recovery

EVENTS = ("accident", "disease")


@dataclass(frozen=True)
class OccupationalInput:
    event: str  # accident | disease
    event_date: dt.date
    capacity_loss_pct: int
    salary: int  # contribution salary of the month before the event
    fund_months: int  # months contributed to the occupational accident and disease fund
    insured_at_event: bool = True
    qualifying_event: bool = True  # the accident happened at work (Art. 45) / the disease is on the list (Art. 46)
    care_needed: bool = False  # 81% or more with spinal injury, blindness, two limbs lost or mental illness
    died: bool = False
    recovery_days: int = 0


def _seniority_years(params, fund_months: int) -> int:
    """Years beyond the first (a year or less counts as the first); a part year counts as a year."""
    rule = params.raw("occupational.one_off")
    if fund_months <= 12:
        return 0
    full, rest = divmod(fund_months - 12, 12)
    return full + (1 if rest and rule["part_year_counts"] else 0)


def _decimal(value) -> Decimal:
    """A rule's number as an exact decimal (through its text, so 0.1 stays 0.1)."""
    return Decimal(str(value))


def _one_off(out: Outcome, params, data: OccupationalInput) -> None:
    rule = params.raw("occupational.one_off")
    level = params.int("reference.base_salary")
    above_min = data.capacity_loss_pct - rule["min_pct"]
    loss = money((_decimal(rule["base_multiple"]) + _decimal(rule["per_pct_multiple"]) * above_min) * level)
    extra = _seniority_years(params, data.fund_months)
    months = _decimal(rule["seniority_first"]) + _decimal(rule["seniority_step"]) * extra
    seniority = money(months * data.salary)
    out.part("occupational_one_off", loss + seniority)
    out.step(
        "occupational_one_off",
        pct=data.capacity_loss_pct,
        level=level,
        base_multiple=rule["base_multiple"],
        per_pct=rule["per_pct_multiple"],
        loss_amount=loss,
        fund_months=data.fund_months,
        salary_months=str(months),
        salary=data.salary,
        seniority_amount=seniority,
        amount=loss + seniority,
    )


def _monthly(out: Outcome, params, data: OccupationalInput) -> None:
    rule = params.raw("occupational.monthly")
    level = params.int("reference.base_salary")
    pct = _decimal(rule["base_pct"]) + _decimal(rule["per_pct"]) * (data.capacity_loss_pct - rule["from_pct"])
    loss = money(pct / 100 * level)
    extra = _seniority_years(params, data.fund_months)
    salary_pct = _decimal(rule["seniority_first_pct"]) + _decimal(rule["seniority_step_pct"]) * extra
    seniority = money(salary_pct / 100 * data.salary)
    out.part("occupational_monthly", loss + seniority, monthly=True)
    out.step(
        "occupational_monthly",
        pct=data.capacity_loss_pct,
        level_pct=str(pct),
        level=level,
        loss_amount=loss,
        fund_months=data.fund_months,
        salary_pct=str(salary_pct),
        salary=data.salary,
        seniority_amount=seniority,
        amount=loss + seniority,
    )
    care = params.raw("occupational.care")
    if data.care_needed:
        out.checks.append(
            check(
                params,
                "occupational.care",
                "care_capacity",
                data.capacity_loss_pct >= care["min_pct"],
                needs_pct=care["min_pct"],
                has_pct=data.capacity_loss_pct,
            )
        )
        amount = out.part("occupational_care", money(_decimal(care["multiple"]) * level), monthly=True)
        out.step("occupational_care", multiple=care["multiple"], level=level, amount=amount)


def _recovery(out: Outcome, params, data: OccupationalInput) -> None:
    bands = params.raw("occupational.recovery")["bands"]
    max_days = max((days for from_pct, days in bands if data.capacity_loss_pct >= from_pct), default=0)
    out.checks.append(
        check(
            params,
            "occupational.recovery",
            "recovery_capacity",
            max_days > 0,
            needs_pct=min(b[0] for b in bands),
            has_pct=data.capacity_loss_pct,
        )
    )
    recovery(out, params, "occupational.recovery", data.recovery_days, max_days)


def occupational(data: OccupationalInput, params) -> Outcome:
    out = Outcome("occupational")
    one_off = params.raw("occupational.one_off")
    out.checks.append(
        check(
            params, "occupational.conditions", "event", data.event in EVENTS and data.qualifying_event, event=data.event
        )
    )
    out.checks.append(check(params, "occupational.conditions", "insured_at_event", data.insured_at_event))
    if data.died:
        death = params.raw("occupational.death")
        level = params.int("reference.base_salary")
        amount = out.part("occupational_death", death["multiple"] * level)
        out.step("occupational_death", multiple=death["multiple"], level=level, amount=amount)
    else:
        out.checks.append(
            check(
                params,
                "occupational.one_off",
                "capacity_loss",
                data.capacity_loss_pct >= one_off["min_pct"],
                needs_pct=one_off["min_pct"],
                has_pct=data.capacity_loss_pct,
            )
        )
        if data.capacity_loss_pct <= one_off["max_pct"]:
            _one_off(out, params, data)
        else:
            _monthly(out, params, data)
        if data.recovery_days:
            _recovery(out, params, data)
    if not out.eligible:
        out.amount = out.monthly = 0
    return out
