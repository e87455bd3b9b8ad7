"""A contribution career: months, service time and its rounding, and the average salary (Mbq).

Mbq (Law 41/2024 Art. 72–73; Law 58/2014 Art. 62–63): each month's salary is first capped at the cap in
force that month (20 × the reference level of that month, Art. 31); months on the state pay scale are then
re-based to the reference level at settlement (salary × level now ÷ level then), months of employer-set pay
and voluntary incomes are revalued with the yearly coefficient table. State-scale months count with the
average of their last N years (N by the year of joining), the rest with their whole career.
"""

from __future__ import annotations

import bisect
import datetime as dt
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
    scheme: str = "compulsory"  # "compulsory" or "voluntary" (the income the participant chose)

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


def insured_months(periods, scheme: str | None = None) -> int:
    return sum(p.months for p in periods if scheme is None or p.scheme == scheme)


def split_years_months(months: int) -> tuple[int, int]:
    return months // 12, months % 12


def rounded_years(months: int, half_year_max: int) -> Decimal:
    """Service time in years for rates and lump sums: leftover 1..half_year_max months count as half a
    year, more as a whole year (Decree 115/2015 Art. 7; Decree 158/2025)."""
    years, rest = split_years_months(months)
    if rest == 0:
        return Decimal(years)
    return Decimal(years) + (Decimal("0.5") if rest <= half_year_max else Decimal(1))


def money(value: Decimal) -> int:
    """The one rounding of an amount to whole đồng: half up."""
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def month_start(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


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


class SalaryHistory:
    """The reference level and the contribution cap of every month since a career began (in-force versions,
    each cited), to cap past salaries and re-base state-scale ones."""

    def __init__(self, params, first_month: int):
        since = month_start(first_month)
        self.levels = [(v.valid_from, int(v.value)) for v in params.series("reference.base_salary", since)]
        self.caps = [(v.valid_from, int(v.value)) for v in params.series("cap.si_hi_multiple", since)]
        self._level_days, self._cap_days = [d for d, _v in self.levels], [d for d, _v in self.caps]
        self.now = params.int("reference.base_salary")

    @staticmethod
    def _at(days: list, rows: list, day: dt.date):
        i = bisect.bisect_right(days, day)
        return rows[i - 1][1] if i else None

    def level(self, index: int) -> int | None:
        return self._at(self._level_days, self.levels, month_start(index))

    def cap(self, index: int) -> int | None:
        """The cap of the month, or None where no cap was in force (before Law 71/2006)."""
        multiple, level = self._at(self._cap_days, self.caps, month_start(index)), self.level(index)
        return multiple * level if multiple is not None and level is not None else None

    def capped(self, index: int, salary: int) -> int:
        cap = self.cap(index)
        return min(salary, cap) if cap is not None else salary


def monthly_salaries(periods, params) -> list[tuple[int, int]]:
    """(month index, contribution salary capped at the month's cap), oldest first: the basis of the
    short-term benefits' averages (maternity, unemployment)."""
    if not periods:
        return []
    history = SalaryHistory(params, min(p.start for p in periods))
    return sorted((m, history.capped(m, p.salary)) for p in periods for m in range(p.start, p.end + 1))


def _last_months(periods: list[CareerPeriod], count: int) -> list[CareerPeriod]:
    """The periods cut down to the last `count` insured months (all of them when count is 0)."""
    if not count:
        return periods
    kept, left = [], count
    for p in sorted(periods, key=lambda p: p.start, reverse=True):
        if left <= 0:
            break
        take = min(left, p.months)
        kept.append(CareerPeriod(p.end - take + 1, p.end, p.salary, p.pay_scale, p.scheme))
        left -= take
    return kept


def _revalued(periods, params, history: SalaryHistory, table: dict, counts: dict) -> Decimal:
    """Sum over the months of the capped salary, re-based (state scale) or revalued (the rest)."""
    total = Decimal(0)
    for p in periods:
        for m in range(p.start, p.end + 1):
            salary = history.capped(m, p.salary)
            counts["capped"] += salary < p.salary
            then = history.level(m) if p.pay_scale == "state" else None
            if then:
                total += Decimal(salary) * history.now / then
            else:
                counts["fallback"] += p.pay_scale == "state"
                total += Decimal(salary) * coefficient(table, m // 12)
    return total


def average_salary(periods: list[CareerPeriod], params) -> tuple[Decimal, dict]:
    """Mbq and its detail (months, state months, window, capped months, revalued total)."""
    table = params.raw("pension.revaluation")
    windows = params.raw("pension.averaging_window")["state"]
    history = SalaryHistory(params, min(p.start for p in periods))
    state = [p for p in periods if p.pay_scale == "state"]
    rest = [p for p in periods if p.pay_scale != "state"]
    joined = min(p.start for p in periods) // 12
    window = window_years(windows, joined)
    counts = {"capped": 0, "fallback": 0}
    total = _revalued(rest, params, history, table, counts)
    state_months = insured_months(state)
    if state:
        params.version("pension.state_rebasing")
        recent = _last_months(state, window * 12)
        total += _revalued(recent, params, history, table, counts) / insured_months(recent) * state_months
    months = insured_months(periods)
    detail = {
        "months": months,
        "employer_months": insured_months(rest),
        "state_months": state_months,
        "voluntary_months": insured_months(periods, "voluntary"),
        "joined_year": joined,
        "state_window_years": window,
        "capped_months": counts["capped"],
        "revalued_total": money(total),
        "level_now": history.now,
        "rebase_fallback_months": counts["fallback"],
    }
    return total / months, detail
