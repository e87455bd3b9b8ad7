"""Retirement ages (Labour Code 2019 Art. 169; Decree 135/2020 Art. 4–5, Annexes I–II).

A roadmap gives, for each calendar year, the age that applies to people who reach it in that year. The age
that applies to a person is the one of the year in which they reach it: a woman born 5/1969 misses 56y8m in
2025 (she reaches it only in 1/2026, when the age is 57), so she retires at 57 in 5/2026.
"""

from __future__ import annotations

import datetime as dt

from ansinh.benefits.rules.dates import add_months


def _age_for_year(ages: dict[int, int], year: int) -> int:
    listed = sorted(ages)
    chosen = ages[listed[0]]
    for y in listed:
        if y <= year:
            chosen = ages[y]
    return chosen


def age_reached(ages: dict[int, int], birth_date: dt.date) -> tuple[int, dt.date]:
    """(age in months, the day it is reached) on a roadmap of {year: age in months}."""
    year = birth_date.year + min(ages.values()) // 12
    while True:
        months = _age_for_year(ages, year)
        reached = add_months(birth_date, months)
        if reached.year <= year:
            return months, reached
        year += 1


def roadmap(table: dict, sex: str, minus_months: int = 0) -> dict[int, int]:
    """A sex's roadmap from a retirement-age table, lowered by `minus_months` (e.g. 'up to 10 years lower
    than the age of Art. 169.2' for underground coal miners and 81% loss of capacity)."""
    return {int(year): months - minus_months for year, months in table[sex].items()}


def normal_retirement_age(table: dict, sex: str, birth_date: dt.date) -> tuple[int, dt.date]:
    """(age in months, the day it is reached) under Labour Code Art. 169.2 (Decree 135/2020 Annex I)."""
    return age_reached(roadmap(table, sex), birth_date)
