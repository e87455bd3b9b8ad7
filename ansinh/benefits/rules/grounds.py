"""The grounds for a monthly pension, each a set of checks (Law 41/2024 Art. 64–65; Law 58/2014 Art. 54–55).

- normal: the age of Labour Code Art. 169.2 and the minimum years (15 from 7/2025);
- hazardous: 15 years of heavy, hazardous work or work in especially difficult areas, at the lower age of
  Art. 169.3 (Decree 135/2020 Annex II, by the year the age is reached), no reduction;
- coal: 15 years of underground coal mining, up to 10 years below the Art. 169.2 age, no reduction;
- hiv: HIV from an occupational accident on duty, any age, no reduction;
- reduced capacity: 20 years of compulsory SI and 61–80% loss (up to 5 years earlier), 81% or more (up to 10
  years earlier), or 15 years of especially heavy, hazardous work and 61% (any age); 2% less per year early.

A ground holds when all its checks pass. The first ground that holds is used (those without a reduction
first); the other grounds' checks are kept for the record but do not block.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from ansinh.benefits.rules.age import age_reached, roadmap
from ansinh.benefits.rules.checks import Check, check
from ansinh.benefits.rules.dates import full_months_between


@dataclass
class Ground:
    name: str
    checks: list[Check]
    earliest: dt.date | None = None  # the day the age condition is met (None: any age)
    reduce_from: dt.date | None = None  # early retirement is reduced relative to this day

    @property
    def holds(self) -> bool:
        return all(c.passed for c in self.checks)


def _years(params, months: int, needs_years: int, key: str, ground: str) -> Check:
    return check(
        params,
        key,
        "insured_years",
        months >= needs_years * 12,
        ground=ground,
        needs_years=needs_years,
        has_years=months // 12,
        has_months=months % 12,
    )


def _age(params, data, key: str, ground: str, age_months: int, reached: dt.date) -> Check:
    at = full_months_between(data.birth_date, data.retirement_date)
    return check(
        params,
        key,
        "age",
        data.retirement_date >= reached,
        ground=ground,
        age_years=age_months // 12,
        age_months=age_months % 12,
        reaches_on=reached.isoformat(),
        has_years=at // 12,
        has_months=at % 12,
    )


def normal(params, data, total_months: int) -> Ground:
    table = params.raw("pension.retirement_age")
    months, reached = age_reached(roadmap(table, data.sex), data.birth_date)
    checks = [
        _years(params, total_months, params.int("pension.min_years"), "pension.min_years", "normal"),
        _age(params, data, "pension.retirement_age", "normal", months, reached),
    ]
    return Ground("normal", checks, reached)


def hazardous(params, data, compulsory_months: int) -> Ground:
    rule = params.raw("pension.early_grounds")
    months, reached = age_reached(roadmap(params.raw("pension.lowered_retirement_age"), data.sex), data.birth_date)
    checks = [
        _years(params, compulsory_months, params.int("pension.min_years"), "pension.min_years", "hazardous"),
        check(
            params,
            "pension.early_grounds",
            "hazardous_years",
            data.hazardous_years >= rule["hazardous_years"],
            ground="hazardous",
            needs_years=rule["hazardous_years"],
            has_years=data.hazardous_years,
        ),
        _age(params, data, "pension.lowered_retirement_age", "hazardous", months, reached),
    ]
    return Ground("hazardous", checks, reached)


def coal(params, data, compulsory_months: int) -> Ground:
    rule = params.raw("pension.early_grounds")
    table = roadmap(params.raw("pension.retirement_age"), data.sex, rule["coal_months_lower"])
    months, reached = age_reached(table, data.birth_date)
    checks = [
        _years(params, compulsory_months, params.int("pension.min_years"), "pension.min_years", "coal"),
        check(
            params,
            "pension.early_grounds",
            "coal_years",
            data.coal_mining_years >= rule["coal_years"],
            ground="coal",
            needs_years=rule["coal_years"],
            has_years=data.coal_mining_years,
        ),
        _age(params, data, "pension.early_grounds", "coal", months, reached),
    ]
    return Ground("coal", checks, reached)


def hiv(params, data, compulsory_months: int) -> Ground:
    checks = [
        _years(params, compulsory_months, params.int("pension.min_years"), "pension.min_years", "hiv"),
        check(params, "pension.early_grounds", "occupational_hiv", data.occupational_hiv, ground="hiv"),
    ]
    return Ground("hiv", checks)


def reduced_capacity(params, data, compulsory_months: int) -> Ground:
    rule = params.raw("pension.reduced_capacity")
    pct, lowest = data.reduced_capacity_pct, min(band[0] for band in rule["bands"])
    checks = [
        _years(params, compulsory_months, rule["min_years"], "pension.reduced_capacity", "reduced_capacity"),
        check(
            params,
            "pension.reduced_capacity",
            "capacity_loss",
            pct >= lowest,
            ground="reduced_capacity",
            needs_pct=lowest,
            has_pct=pct,
        ),
    ]
    normal_months, normal_day = age_reached(roadmap(params.raw("pension.retirement_age"), data.sex), data.birth_date)
    if (
        data.especially_hazardous_years >= rule["especially_hazardous_years"]
        and pct >= rule["especially_hazardous_pct"]
    ):
        # Art. 65.1.c: any age; the reduction counts from the lower age of Art. 169.3.
        _m, lowered = age_reached(roadmap(params.raw("pension.lowered_retirement_age"), data.sex), data.birth_date)
        checks.append(
            check(
                params,
                "pension.reduced_capacity",
                "especially_hazardous_years",
                True,
                ground="reduced_capacity",
                needs_years=rule["especially_hazardous_years"],
                has_years=data.especially_hazardous_years,
            )
        )
        return Ground("reduced_capacity", checks, None, lowered)
    allowed = max((months for from_pct, months in rule["bands"] if pct >= from_pct), default=0)
    months, reached = age_reached(roadmap(params.raw("pension.retirement_age"), data.sex, allowed), data.birth_date)
    checks.append(_age(params, data, "pension.reduced_capacity", "reduced_capacity", months, reached))
    return Ground("reduced_capacity", checks, reached, normal_day)


def evaluate(params, data, total_months: int, compulsory_months: int) -> tuple[Ground | None, list[Check]]:
    """(the ground used or None, every check evaluated; only the used ground's — or, when none holds, all of
    them — block)."""
    grounds = [normal(params, data, total_months)]
    if data.hazardous_years:
        grounds.append(hazardous(params, data, compulsory_months))
    if data.coal_mining_years:
        grounds.append(coal(params, data, compulsory_months))
    if data.occupational_hiv:
        grounds.append(hiv(params, data, compulsory_months))
    if data.reduced_capacity_pct:
        grounds.append(reduced_capacity(params, data, compulsory_months))
    chosen = next((g for g in grounds if g.holds), None)
    checks = []
    for g in grounds:
        keep = chosen is None or g is chosen
        checks += [c if keep else dataclasses.replace(c, blocking=False) for c in g.checks]
    return chosen, checks
