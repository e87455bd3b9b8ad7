"""The social pension allowance (Law 41/2024 Art. 21–22; Decree 176/2025) and the monthly allowance for people
at retirement age without a pension (Law 41/2024 Art. 23; Decree 158/2025).

- social pension: citizens from 75 (from 70 in poor or near-poor households) without a pension or monthly SI
  allowance, on request: the amount the Government sets, with a health-insurance card paid by the state and
  funeral support;
- monthly allowance: people at the normal retirement age with fewer than the pension years, under the social
  pension age, who took no one-off SI, on request: what their contributions would give as one-off SI, paid in
  equal months until the social pension age, each at least the social pension amount (so fewer months when the
  total is small).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ansinh.benefits.rules.age import age_reached, roadmap
from ansinh.benefits.rules.career import insured_months, money
from ansinh.benefits.rules.checks import Outcome, check
from ansinh.benefits.rules.dates import add_months, full_months_between, month_index
from ansinh.benefits.rules.one_off import one_off_amount


@dataclass(frozen=True)
class SocialPensionInput:
    birth_date: dt.date
    start: dt.date
    poor_household: bool = False  # poor or near-poor household
    receives_monthly_si: bool = False  # a pension or another monthly SI allowance
    requested: bool = True


@dataclass(frozen=True)
class MonthlyAllowanceInput:
    sex: str
    birth_date: dt.date
    start: dt.date
    periods: tuple
    poor_household: bool = False
    took_one_off: bool = False
    requested: bool = True


def social_pension_age(params, poor_household: bool) -> int:
    rule = params.raw("social_pension.eligibility")
    return rule["poor_age"] if poor_household else rule["age"]


def social_pension(data: SocialPensionInput, params) -> Outcome:
    out = Outcome("social_pension")
    needs = social_pension_age(params, data.poor_household)
    age = full_months_between(data.birth_date, data.start)
    out.checks.append(
        check(
            params,
            "social_pension.eligibility",
            "social_pension_age",
            age >= needs * 12,
            needs_years=needs,
            has_years=age // 12,
            has_months=age % 12,
            poor_household=data.poor_household,
            reaches_on=add_months(data.birth_date, needs * 12).isoformat(),
        )
    )
    out.checks.append(check(params, "social_pension.eligibility", "no_monthly_si", not data.receives_monthly_si))
    out.checks.append(check(params, "social_pension.eligibility", "requested", data.requested))
    amount = out.part("social_pension", params.int("social_pension.amount"), monthly=True)
    out.step("social_pension", amount=amount)
    out.step("social_pension_extras", funeral_support=params.int("social_pension.funeral_support"))
    if not out.eligible:
        out.monthly = 0
    return out


def monthly_allowance(data: MonthlyAllowanceInput, params) -> Outcome:
    out = Outcome("monthly_allowance")
    periods = list(data.periods)
    months = insured_months(periods)
    age_months, reached = age_reached(roadmap(params.raw("pension.retirement_age"), data.sex), data.birth_date)
    has = full_months_between(data.birth_date, data.start)
    out.checks.append(
        check(
            params,
            "pension.retirement_age",
            "age",
            data.start >= reached,
            age_years=age_months // 12,
            age_months=age_months % 12,
            reaches_on=reached.isoformat(),
            has_years=has // 12,
            has_months=has % 12,
        )
    )
    needs = params.int("pension.min_years")
    out.checks.append(
        check(
            params,
            "monthly_allowance.rule",
            "under_pension_years",
            months < needs * 12,
            needs_years=needs,
            has_years=months // 12,
            has_months=months % 12,
        )
    )
    social_age = social_pension_age(params, data.poor_household)
    social_day = add_months(data.birth_date, social_age * 12)
    out.checks.append(
        check(
            params,
            "monthly_allowance.rule",
            "below_social_pension_age",
            data.start < social_day,
            social_pension_age=social_age,
            reaches_on=social_day.isoformat(),
        )
    )
    out.checks.append(check(params, "monthly_allowance.rule", "no_one_off_taken", not data.took_one_off))
    out.checks.append(check(params, "monthly_allowance.rule", "requested", data.requested))
    basis = Outcome("one_off")
    total = one_off_amount(basis, periods, params) if periods else 0
    out.steps += basis.steps
    floor = params.int("social_pension.amount")
    until = max(1, month_index(social_day) - month_index(data.start))
    monthly = Decimal(total) / until
    count = until
    if monthly < floor:
        count = max(1, total // floor)
        monthly = Decimal(total) / count
    out.part("monthly_allowance", money(monthly), monthly=True)
    out.months = count
    out.step(
        "monthly_allowance",
        total=total,
        until=social_day.isoformat(),
        months_to_age=until,
        floor=floor,
        months=count,
        amount=money(monthly),
        raised_to_floor=count < until,
    )
    if not out.eligible or not total:
        out.monthly, out.months = 0, 0
    return out
