"""A person's contribution career read from the registry (EmploymentSpell rows = salary history) and, through
contributions.services, their voluntary-SI months; what benefit cases need to know about a person.

A spell is on the state pay scale when it declares a pay-scale coefficient (form D02-LT): the employer's sector
does not decide it (a public unit may pay some staff by contract, a company may pay on the scale). Such a
salary is (coefficient + position coefficient) × the base salary of each month plus its allowances, so a spell
that runs across a change of the base salary is split at the change."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ansinh.benefits.rules import CareerPeriod, UIMonth
from ansinh.benefits.rules.career import month_start
from ansinh.benefits.rules.dates import month_index
from ansinh.contributions import services as contributions
from ansinh.contributions.rules import contribution_salary
from ansinh.policy.services import params_on
from ansinh.registry.models import PAY_FIELDS, EmploymentSpell

STATE, EMPLOYER = "state", "employer"


def _spells(person, before: dt.date):
    return (
        EmploymentSpell.objects.filter(person=person, start__lt=before)
        .order_by("start", "id")
        .values("start", "end", "insured_salary", "hazardous", "employer__wage_region", *PAY_FIELDS)
    )


def pay_scale(row: dict) -> str:
    """The spell's own pay data decides: a declared pay-scale coefficient means the state pay scale."""
    return STATE if row["pay_coefficient"] is not None else EMPLOYER


def _base_changes(start: int, end: int) -> list[int]:
    """Month indexes in start..end where a new base salary (reference.base_salary) comes into force."""
    versions = params_on(month_start(end)).series("reference.base_salary", month_start(start))
    return [month_index(v.valid_from) for v in versions if start < month_index(v.valid_from) <= end]


def salary_segments(row: dict, start: int, end: int) -> list[tuple[int, int, int]]:
    """(first month, last month, salary) of a spell's months start..end: one segment at the declared salary, or
    for a pay-scale spell one per base salary, each priced from the declared parts with that base salary."""
    if pay_scale(row) == EMPLOYER:
        return [(start, end, row["insured_salary"])]

    bounds = [start, *_base_changes(start, end), end + 1]
    pay = {name: row[name] for name in PAY_FIELDS}
    return [
        (first, nxt - 1, contribution_salary(params_on(month_start(first)), **pay))
        for first, nxt in zip(bounds, bounds[1:], strict=False)
    ]


def _compulsory(person, before: dt.date) -> list[CareerPeriod]:
    """Insured months before `before`, oldest first. A month covered by two spells counts once (the later
    spell's salary from its first month); a spell with a pay-scale coefficient is on the state pay scale."""
    last_month = month_index(before) - 1
    periods: list[CareerPeriod] = []
    for row in _spells(person, before):
        start = month_index(row["start"])
        end = min(month_index(row["end"]) if row["end"] else last_month, last_month)
        while periods and start <= periods[-1].end:
            prev = periods.pop()
            if start > prev.start:
                periods.append(CareerPeriod(prev.start, start - 1, prev.salary, prev.pay_scale))
        if end >= start:
            periods += [
                CareerPeriod(first, last, salary, pay_scale(row))
                for first, last, salary in salary_segments(row, start, end)
            ]
    return periods


def _voluntary(person, before: dt.date, taken: set[int]) -> list[CareerPeriod]:
    last_month = month_index(before) - 1
    out = []
    for row in contributions.voluntary_periods(person):
        end = min(row["end"].index if row["end"] else last_month, last_month)
        months = [m for m in range(row["start"].index, end + 1) if m not in taken]
        for m in months:  # voluntary months never overlap compulsory ones: those are dropped
            if out and out[-1].end == m - 1 and out[-1].salary == row["income"]:
                out[-1] = CareerPeriod(out[-1].start, m, row["income"], "employer", "voluntary")
            else:
                out.append(CareerPeriod(m, m, row["income"], "employer", "voluntary"))
    return out


def career(person, before: dt.date, voluntary: bool = True) -> list[CareerPeriod]:
    """Compulsory months (and voluntary ones, unless asked not to) before `before`, oldest first."""
    periods = _compulsory(person, before)
    if voluntary:
        taken = {m for p in periods for m in range(p.start, p.end + 1)}
        periods = sorted(periods + _voluntary(person, before, taken), key=lambda p: p.start)
    return periods


def ui_months(person, before: dt.date) -> list[UIMonth]:
    """Months of unemployment insurance before `before` (the compulsory months of employees), with the
    employer's minimum-wage region and pay scale."""
    last_month = month_index(before) - 1
    months: dict[int, UIMonth] = {}
    for row in _spells(person, before):
        end = min(month_index(row["end"]) if row["end"] else last_month, last_month)
        if end < month_index(row["start"]):
            continue
        for first, last, salary in salary_segments(row, month_index(row["start"]), end):
            for m in range(first, last + 1):
                months[m] = UIMonth(m, salary, row["employer__wage_region"], pay_scale(row))
    return [months[m] for m in sorted(months)]


def last_spell_end(person) -> dt.date | None:
    last = EmploymentSpell.objects.filter(person=person).order_by("-start", "-id").values_list("end", flat=True).first()
    return last


def insured_on(person, day: dt.date) -> bool:
    return EmploymentSpell.objects.filter(person=person, start__lte=day).exclude(end__lt=day).exists()


def hazardous_years(person) -> int:
    days = sum(
        ((s.end or timezone.localdate()) - s.start).days
        for s in EmploymentSpell.objects.filter(person=person, hazardous=True)
    )
    return int(days // 365.25)


def hazardous_on(person, day: dt.date) -> bool:
    return EmploymentSpell.objects.filter(person=person, hazardous=True, start__lte=day).exclude(end__lt=day).exists()


def as_rows(periods: list[CareerPeriod]) -> list[dict]:
    """The career as quote-request rows, to show and to store with a computation."""

    def month(index: int) -> str:
        return f"{index // 12:04d}-{index % 12 + 1:02d}"

    return [
        {
            "from": month(p.start),
            "to": month(p.end),
            "monthly_salary": p.salary,
            "pay_scale": p.pay_scale,
            "scheme": p.scheme,
        }
        for p in periods
    ]
