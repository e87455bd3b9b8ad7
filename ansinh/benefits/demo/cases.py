"""Demo cases: the pensioner citizen's own award computed and approved through the real flow, and a short
queue of cases waiting for an officer."""

from __future__ import annotations

import datetime as dt

import polars as pl

from ansinh.benefits import cases
from ansinh.benefits.models import BenefitCase
from ansinh.benefits.rules.dates import add_months
from ansinh.core.errors import DomainError
from ansinh.registry.models import Person


def pensioner_case(ctx, person_id: int, officer, approver) -> bool:
    """The citizen's award computed from the registry history with the rules and approved by a second
    officer; priced with the demo date's parameters (the yearly indexation of old pensions is not
    modelled). When the generated retirement date is before the roadmap age, the pension starts the
    month after the age is reached, if that is before the months paid in the demo. False: not awarded."""
    person = Person.objects.get(pk=person_id)
    retired_on = ctx.frames["people"].filter(pl.col("person_id") == person_id)["retired_on"][0]
    case = cases.open_case(
        person,
        "pension",
        officer,
        dossier_ref="HS-HT-0001",
        inputs={"start_date": retired_on.isoformat(), "priced_on": ctx.as_of.isoformat()},
    )
    case = cases.compute_case(case, officer)
    if not case.eligible:
        reached = next(s for s in case.computation["steps"] if s["code"] == "retirement_age")["values"]["reached_on"]
        start = add_months(dt.date.fromisoformat(reached).replace(day=1), 1)
        if start > add_months(ctx.as_of.replace(day=1), -3):
            BenefitCase.objects.filter(pk=case.pk).update(state=BenefitCase.State.REJECTED)
            return False
        case = cases.compute_case(case, officer, {"start_date": start.isoformat()})
    cases.approve_case(case, approver)
    return True


def case_queue(ctx, people: pl.DataFrame, officer) -> None:
    """Short-term cases from employees: sickness and maternity computed and waiting for the second officer,
    a one-off SI claim just opened, and the social pension of an elderly person without a pension."""
    employees = people.filter(pl.col("situation") == "employee").sort("person_id")
    women = employees.filter(
        (pl.col("sex") == "female") & (pl.col("birth_date") >= ctx.as_of.replace(year=ctx.as_of.year - 38))
    )
    start = ctx.as_of.replace(day=1).isoformat()
    queue = [(r, "sickness", {"days": 5 + r % 10}) for r in employees["person_id"].head(3).to_list()]
    queue += [(r, "maternity", {"children": 1}) for r in women["person_id"].head(2).to_list()]
    for person_id, kind, inputs in queue:
        case = cases.open_case(
            Person.objects.get(pk=person_id),
            kind,
            officer,
            dossier_ref=f"HS-{kind[:2].upper()}-{person_id}",
            inputs={"start_date": start, **inputs},
        )
        try:
            cases.compute_case(case, officer)
        except DomainError:
            continue
    last = employees["person_id"].tail(1).to_list()
    if last:
        cases.open_case(
            Person.objects.get(pk=last[0]),
            "one_off",
            officer,
            dossier_ref=f"HS-1L-{last[0]}",
            inputs={"start_date": start},
        )
    elders = people.filter(
        (pl.col("situation") == "elderly") & (pl.col("birth_date") <= ctx.as_of.replace(year=ctx.as_of.year - 76))
    )
    for person_id in elders["person_id"].head(1).to_list():
        case = cases.open_case(
            Person.objects.get(pk=person_id),
            "social_pension",
            officer,
            dossier_ref=f"HS-HTXH-{person_id}",
            inputs={"start_date": start},
        )
        cases.compute_case(case, officer)
