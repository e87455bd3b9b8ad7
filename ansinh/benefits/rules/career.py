"""A contribution career: months, service time and its rounding, average salary with revaluation."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

BEFORE_LABEL = "before "  # the revaluation table's key for years before the first listed one, e.g. "before 1995"


@dataclass(frozen=True)
class CareerPeriod:
    """Months `start`..`end` inclusive, as month indexes (year * 12 + month - 1), at one monthly salary."""

    start: int
    end: int
    salary: int
    pay_scale: str = "employer"  # "employer" (pay set by the employer) or "state" (the state pay scale)

    @property
    def months(self) -> int:
        return self.end - self.start + 1

    def months_by_year(self):
        """(year, months in that year) for each calendar year the period touches."""
        index = self.start
        while index <= self.end:
            year = index // 12
            last = min(self.end, year * 12 + 11)
            yield year, last - index + 1
            index = last + 1


def insured_months(periods: list[CareerPeriod]) -> int:
    return sum(p.months for p in periods)


def split_years_months(months: int) -> tuple[int, int]:
    return months // 12, months % 12


def rounded_years(months: int, half_year_max: int) -> Decimal:
    """Service time in years for rates and lump sums: leftover 1..half_year_max months count as half a
    year, more as a whole year (Decree 115/2015 Art. 7)."""
    years, rest = split_years_months(months)
    if rest == 0:
        return Decimal(years)
    return Decimal(years) + (Decimal("0.5") if rest <= half_year_max else Decimal(1))


def money(value: Decimal) -> int:
    """The one rounding of an amount to whole đồng: half up."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def coefficient(table: dict, year: int) -> Decimal:
    """Revaluation coefficient of a contribution year; before the first listed year the 'before …' row,
    after the last listed year the last coefficient (salaries of the settlement year are not revalued)."""
    years = sorted(int(k) for k in table if k.isdigit())
    if str(year) in table:
        return Decimal(str(table[str(year)]))
    if year < years[0]:
        before = next(k for k in table if k.startswith(BEFORE_LABEL))
        return Decimal(str(table[before]))
    return Decimal(str(table[str(years[-1])]))


def window_years(windows: list, joined_year: int) -> int:
    """Years averaged for the state pay scale by the year the person joined (0 = whole career)."""
    chosen = 0
    for from_year, years in sorted(windows):
        if joined_year >= from_year:
            chosen = years
    return chosen


def _revalued_total(periods: list[CareerPeriod], table: dict) -> Decimal:
    return sum((p.salary * months * coefficient(table, year) for p in periods for year, months in p.months_by_year()), Decimal(0))


def _last_months(periods: list[CareerPeriod], count: int) -> list[CareerPeriod]:
    """The periods cut down to the last `count` insured months (all of them when count is 0)."""
    if not count:
        return periods
    kept, left = [], count
    for p in sorted(periods, key=lambda p: p.start, reverse=True):
        if left <= 0:
            break
        take = min(left, p.months)
        kept.append(CareerPeriod(p.end - take + 1, p.end, p.salary, p.pay_scale))
        left -= take
    return kept


def average_salary(periods: list[CareerPeriod], table: dict, windows: list) -> tuple[Decimal, dict]:
    """Mbq: the average revalued monthly salary. Employer-set pay counts the whole career; state-scale
    months count the average of the last N years of state-scale pay (N by the year of joining), weighted
    by the number of state-scale months (Law 58/2014 Art. 62; Law 41/2024 Art. 72)."""
    employer = [p for p in periods if p.pay_scale != "state"]
    state = [p for p in periods if p.pay_scale == "state"]
    joined = min(p.start for p in periods) // 12
    window = window_years(windows, joined)
    state_months = insured_months(state)
    state_total = Decimal(0)
    if state:
        recent = _last_months(state, window * 12)
        state_total = _revalued_total(recent, table) / insured_months(recent) * state_months
    total = _revalued_total(employer, table) + state_total
    months = insured_months(periods)
    detail = {"months": months, "employer_months": insured_months(employer), "state_months": state_months,
              "joined_year": joined, "state_window_years": window, "revalued_total": money(total)}
    return total / months, detail
