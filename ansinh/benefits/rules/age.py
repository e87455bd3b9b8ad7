"""Retirement age and the grounds for retiring earlier (Labour Code 2019 Art. 169, Decree 135/2020;
Law 41/2024 Art. 64–65)."""
from __future__ import annotations

import datetime as dt

from ansinh.benefits.rules.dates import add_months, full_months_between


def _age_for_year(ages: dict[int, int], year: int) -> int:
    listed = sorted(ages)
    chosen = ages[listed[0]]
    for y in listed:
        if y <= year:
            chosen = ages[y]
    return chosen


def normal_retirement_age(table: dict, sex: str, birth_date: dt.date) -> tuple[int, dt.date]:
    """(age in months, the day it is reached). The age that applies is the one of the year in which the
    person reaches it (Decree 135/2020 annex: a woman born 5/1969 misses 56y8m in 2025, so retires at 57
    in 2026)."""
    ages = {int(year): months for year, months in table[sex].items()}
    year = birth_date.year + min(ages.values()) // 12
    while True:
        months = _age_for_year(ages, year)
        reached = add_months(birth_date, months)
        if reached.year <= year:
            return months, reached
        year += 1


def _allowed_early_months(data, params, steps: list) -> tuple[int, str | None]:
    """Months earlier than the normal age this person may retire, and on which ground."""
    hazardous = params.raw("pension.hazardous_early")
    if data.hazardous_years >= hazardous["min_years"]:
        steps.append({"code": "early_ground", "values": {"ground": "hazardous", "years": data.hazardous_years, "months": hazardous["months_earlier"]}})
        return hazardous["months_earlier"], "hazardous"
    allowed = 0
    for from_pct, months in params.raw("pension.reduced_capacity")["bands"]:
        if data.reduced_capacity_pct >= from_pct:
            allowed = months
    if allowed:
        steps.append({"code": "early_ground", "values": {"ground": "reduced_capacity", "pct": data.reduced_capacity_pct, "months": allowed}})
        return allowed, "reduced_capacity"
    return 0, None


def eligibility(data, params, months: int, steps: list) -> tuple[bool, str | None, dict, int]:
    """(eligible, reason code, reason values, months early that count for the reduction)."""
    age_months, reached = normal_retirement_age(params.raw("pension.retirement_age"), data.sex, data.birth_date)
    at = full_months_between(data.birth_date, data.retirement_date)
    steps.append({"code": "retirement_age", "values": {"years": age_months // 12, "months": age_months % 12, "reached_on": reached.isoformat(),
                                                        "age_years": at // 12, "age_months": at % 12}})
    min_years = params.int("pension.min_years")
    if months < min_years * 12:
        values = {"needs_years": min_years, "has_years": months // 12, "has_months": months % 12}
        steps.append({"code": "not_eligible", "values": {"reason": "too_few_years", **values}})
        return False, "too_few_years", values, 0
    if data.retirement_date >= reached:
        return True, None, {}, 0
    allowed, ground = _allowed_early_months(data, params, steps)
    earliest = add_months(reached, -allowed)
    if data.retirement_date < earliest:
        values = {"age_years": age_months // 12, "age_months": age_months % 12, "reaches_on": earliest.isoformat(),
                  "has_years": at // 12, "has_months": at % 12}
        steps.append({"code": "not_eligible", "values": {"reason": "below_age", **values}})
        return False, "below_age", values, 0
    early = full_months_between(data.retirement_date, reached) if ground == "reduced_capacity" else 0
    return True, None, {}, early
