"""A person's contribution career read from the registry (EmploymentSpell rows = salary history)."""
from __future__ import annotations

import datetime as dt

from ansinh.benefits.rules import CareerPeriod
from ansinh.benefits.rules.dates import month_index
from ansinh.registry.models import EmploymentSpell, Sector


def career(person, before: dt.date) -> list[CareerPeriod]:
    """Insured months before `before`, oldest first. A month covered by two spells counts once (the later
    spell's salary from its first month); spells at state units are on the state pay scale."""
    spells = (EmploymentSpell.objects.filter(person=person, start__lt=before)
              .order_by("start", "id").values("start", "end", "insured_salary", "employer__sector"))
    last_month = month_index(before) - 1
    periods: list[CareerPeriod] = []
    for row in spells:
        start = month_index(row["start"])
        end = min(month_index(row["end"]) if row["end"] else last_month, last_month)
        if periods and start <= periods[-1].end:
            prev = periods.pop()
            if start > prev.start:
                periods.append(CareerPeriod(prev.start, start - 1, prev.salary, prev.pay_scale))
        if end >= start:
            scale = "state" if row["employer__sector"] == Sector.STATE else "employer"
            periods.append(CareerPeriod(start, end, row["insured_salary"], scale))
    return periods


def hazardous_years(person) -> int:
    days = sum(((s.end or dt.date.today()) - s.start).days for s in EmploymentSpell.objects.filter(person=person, hazardous=True))
    return int(days // 365.25)


def as_rows(periods: list[CareerPeriod]) -> list[dict]:
    """The career as quote-request rows, to show and to store with a computation."""
    def month(index: int) -> str:
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return [{"from": month(p.start), "to": month(p.end), "monthly_salary": p.salary, "pay_scale": p.pay_scale} for p in periods]
