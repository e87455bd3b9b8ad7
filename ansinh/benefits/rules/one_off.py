"""One-off social insurance (Law 41/2024 Art. 70; Law 58/2014 Art. 60): only on a ground the law lists,
each a check; the amount by years before and from 2014 (the one-off survivor allowance uses the same count).

Grounds: `retirement_age` (at the normal age with fewer than the pension years, not continuing voluntary SI),
`transitional` (joined before 7/2025, out of compulsory SI for 12 months, not in voluntary SI, under 20 years),
`emigration`, `serious_illness` (a life-threatening illness on the Ministry of Health list), `armed_forces`
(discharged without a pension) — the last three on a document the officer checks.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ansinh.benefits.rules.age import age_reached, roadmap
from ansinh.benefits.rules.career import average_salary, insured_months, money, rounded_years
from ansinh.benefits.rules.checks import Outcome, check
from ansinh.benefits.rules.dates import month_index

GROUNDS = ("retirement_age", "transitional", "emigration", "serious_illness", "armed_forces")


def _dec(value) -> Decimal:
    return Decimal(str(value))


def years_split(periods, params, split_year: int) -> tuple[int, Decimal, int]:
    """(whole years before split_year, rounded years from it, months before). Leftover months before the
    split move to the later part before rounding (Circular 59/2015 Art. 19)."""
    split = split_year * 12
    months = insured_months(periods)
    before = sum(max(0, min(p.end, split - 1) - p.start + 1) for p in periods)
    before_years, carried = divmod(before, 12)
    rest = months - before + carried
    later = rounded_years(rest, params.int("pension.service_rounding")) if rest else Decimal(0)
    return before_years, later, before


def ground_checks(
    out: Outcome,
    params,
    periods,
    settlement: dt.date,
    ground: str,
    sex: str | None,
    birth_date: dt.date | None,
    document: bool,
    in_voluntary_si: bool,
) -> None:
    rule = params.raw("one_off.grounds")
    months = insured_months(periods)
    out.checks.append(check(params, "one_off.grounds", "one_off_ground", ground in GROUNDS, ground=ground))
    if ground == "retirement_age":
        needs = rule["retirement_age_max_years"]
        out.checks.append(
            check(
                params,
                "one_off.grounds",
                "under_pension_years",
                months < needs * 12,
                needs_years=needs,
                has_years=months // 12,
                has_months=months % 12,
            )
        )
        if sex and birth_date:
            age_months, reached = age_reached(roadmap(params.raw("pension.retirement_age"), sex), birth_date)
            out.checks.append(
                check(
                    params,
                    "pension.retirement_age",
                    "age",
                    settlement >= reached,
                    age_years=age_months // 12,
                    age_months=age_months % 12,
                    reaches_on=reached.isoformat(),
                    has_years=0,
                    has_months=0,
                )
            )
        out.checks.append(check(params, "one_off.grounds", "not_in_voluntary_si", not in_voluntary_si))
    elif ground == "transitional":
        t = rule["transitional"]
        first, last = min(p.start for p in periods), max(p.end for p in periods)
        out_months = month_index(settlement) - last - 1
        out.checks.append(
            check(
                params,
                "one_off.grounds",
                "joined_before",
                first < month_index(dt.date.fromisoformat(t["joined_before"])),
                joined=f"{first // 12:04d}-{first % 12 + 1:02d}",
                before=t["joined_before"],
            )
        )
        out.checks.append(
            check(
                params,
                "one_off.grounds",
                "months_out_of_si",
                out_months >= t["months_out"],
                needs_months=t["months_out"],
                has_months=max(out_months, 0),
            )
        )
        out.checks.append(
            check(
                params,
                "one_off.grounds",
                "under_years",
                months < t["max_years"] * 12,
                max_years=t["max_years"],
                has_years=months // 12,
                has_months=months % 12,
            )
        )
        out.checks.append(check(params, "one_off.grounds", "not_in_voluntary_si", not in_voluntary_si))
    elif ground in GROUNDS:
        out.checks.append(check(params, "one_off.grounds", "ground_document", document, ground=ground))


def one_off_amount(out: Outcome, periods, params) -> int:
    """1.5 × Mbq a year before split_year, 2 × Mbq a year from it; under a year: the retirement contributions
    paid (employee and employer; voluntary: the participant's share), at most under_year_max × Mbq."""
    rule = params.raw("one_off.multiples")
    months = insured_months(periods)
    mbq, detail = average_salary(periods, params)
    out.step(
        "insured_time",
        years=months // 12,
        months=months % 12,
        total_months=months,
        voluntary_months=insured_months(periods, "voluntary"),
    )
    out.step("average_salary", **detail, mbq=money(mbq), settlement_year=params.on.year)
    if months < 12:
        rate = params.rate("rate.employee.retirement") + params.rate("rate.employer.retirement")
        paid = sum(
            (
                _dec(p.salary) * p.months * (params.rate("voluntary.rate") if p.scheme == "voluntary" else rate)
                for p in periods
            ),
            Decimal(0),
        )
        amount = money(min(paid, _dec(rule["under_year_max"]) * mbq))
        out.step("one_off_under_year", paid=money(paid), cap=money(_dec(rule["under_year_max"]) * mbq), amount=amount)
        return out.part("one_off", amount)
    before_years, later, _before = years_split(periods, params, rule["split_year"])
    amount = money((before_years * _dec(rule["before"]) + later * _dec(rule["from"])) * mbq)
    out.step(
        "one_off",
        years_before=before_years,
        multiple_before=rule["before"],
        years_after=str(later),
        multiple_after=rule["from"],
        split_year=rule["split_year"],
        mbq=money(mbq),
        amount=amount,
    )
    return out.part("one_off", amount)


def one_off_si(
    periods,
    params,
    settlement: dt.date | None = None,
    ground: str = "retirement_age",
    sex: str | None = None,
    birth_date: dt.date | None = None,
    document: bool = False,
    in_voluntary_si: bool = False,
) -> Outcome:
    out = Outcome("one_off")
    ground_checks(out, params, periods, settlement or params.on, ground, sex, birth_date, document, in_voluntary_si)
    one_off_amount(out, periods, params)
    if not out.eligible:
        out.amount = 0
    return out
