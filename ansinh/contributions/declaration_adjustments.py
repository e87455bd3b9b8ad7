"""Months already billed that a declaration changes: a late hire (TM from an earlier month), a late leaving,
a retroactive salary change, back-collection (AD, TT) or refund (SB, TU).

For every assessed month from the earliest one a row touches, the worker's shares are computed twice with
the assessment's own rules (spell active on the 15th, floor and caps of that month, rounding per worker):
from the spells before the declaration and from the spells after it. The difference is an Adjustment,
billed with the next assessment; an increase past its due date carries the late-payment interest (0.03 %
a day, the rate in force) from the day after the due date to the day of the declaration. So what has been
billed plus the adjustments always equals what the spells say is due.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import polars as pl

from ansinh.contributions import rules
from ansinh.contributions.assessment import compulsory_amounts
from ansinh.contributions.models import Adjustment, AssessmentLine, AssessmentRun
from ansinh.core.periods import Period
from ansinh.policy.services import params_on
from ansinh.registry.models import PAY_FIELDS, EmploymentSpell

SPELL_ACTIONS = {
    "join",
    "transfer_in",
    "return",
    "change",
    "title_change",
    "suspend",
    "leave",
    "transfer_out",
    "back_pay",
    "refund",
}
_SCHEMA = {
    "spell_id": pl.Int64,
    "person_id": pl.Int64,
    "employer_id": pl.Int64,
    "payer_code": pl.String,
    "wage_region": pl.String,
    "commune_id": pl.Int64,
    "salary": pl.Int64,
    "sector": pl.String,
}


def assessed_periods() -> list[Period]:
    return sorted(Period.parse(p) for p in AssessmentRun.objects.values_list("period", flat=True).distinct())


def touched(rows: list, periods: list[Period]) -> set[int]:
    """People whose spells change in a month already assessed."""
    if not periods:
        return set()
    last = periods[-1].last_day
    return {row.person.pk for row in rows if row.action in SPELL_ACTIONS and row.day <= last}


def snapshot(employer, person_ids: set[int]) -> list[dict]:
    fields = ("id", "person_id", "start", "end", "insured_salary", *PAY_FIELDS)
    found = []
    ids = sorted(person_ids)
    for i in range(0, len(ids), 500):
        found += list(EmploymentSpell.objects.filter(employer=employer, person_id__in=ids[i : i + 500]).values(*fields))
    return found


def _salary(params, spell: dict) -> int:
    if spell["pay_coefficient"] is None:
        return spell["insured_salary"]
    return rules.contribution_salary(params, **{k: spell[k] for k in PAY_FIELDS})


def _shares(params, employer, spells: list[dict], period: Period) -> dict[int, dict]:
    mid = dt.date(period.year, period.month, 15)
    active = [s for s in spells if s["start"] <= mid and (s["end"] is None or s["end"] >= mid)]
    latest = {s["person_id"]: s for s in sorted(active, key=lambda s: s["id"])}
    rows = [
        (
            s["id"],
            s["person_id"],
            employer.pk,
            employer.unit_code,
            employer.wage_region,
            employer.commune_id,
            _salary(params, s),
            employer.sector,
        )
        for s in latest.values()
    ]
    if not rows:
        return {}
    frame = compulsory_amounts(params, pl.DataFrame(rows, schema=_SCHEMA, orient="row"))
    keys = [f"{payer}.{fund}" for payer, fund in rules.COMPULSORY_SHARES]
    return {r["person_id"]: {"basis": r["basis"], **{k: r[k] for k in keys}} for r in frame.iter_rows(named=True)}


def _adjustment(
    declaration, employer, person_id: int, period: Period, code: str, before: dict, after: dict
) -> Adjustment | None:
    keys = [f"{payer}.{fund}" for payer, fund in rules.COMPULSORY_SHARES]
    delta = {k: after.get(k, 0) - before.get(k, 0) for k in keys}
    if not any(delta.values()):
        return None
    return Adjustment(
        declaration=declaration,
        employer=employer,
        person_id=person_id,
        period=str(period),
        code=code,
        basis_before=before.get("basis", 0),
        basis_after=after.get("basis", 0),
        shares={k: v for k, v in delta.items() if v},
        employer_amount=sum(v for k, v in delta.items() if k.startswith("employer.")),
        employee_amount=sum(v for k, v in delta.items() if k.startswith("employee.")),
    )


def _months(first: dt.date, last: dt.date) -> list[Period]:
    start, end = Period.of(first), Period.of(last)
    return [start.plus(i) for i in range(end.index - start.index + 1)]


def _health_only(params, employer, salary: int, sign: int) -> dict:
    floor = rules.minimum_wage(params, employer.wage_region)
    basis = min(max(salary, floor), rules.si_hi_cap(params))
    return {
        "basis": basis,
        **{
            f"{payer}.health": sign * rules.share(basis, params.rate(f"rate.{payer}.health"))
            for payer in ("employer", "employee")
        },
    }


def _health_rows(declaration, employer, rows: list) -> list[Adjustment]:
    """TT: health insurance added for the months at the declared salary; TU: what was billed for them taken back."""
    made = []
    for row in (r for r in rows if r.action in ("hi_back_pay", "hi_refund")):
        billed = dict(
            AssessmentLine.objects.filter(
                person=row.person,
                payer_code=employer.unit_code,
                period__in=[str(p) for p in _months(row.day, row.until)],
            ).values_list("period", "salary")
        )
        for period in _months(row.day, row.until):
            params = params_on(period.first_day)
            if row.action == "hi_back_pay":
                after = _health_only(params, employer, row.salary, 1)
            elif str(period) in billed:
                after = _health_only(params, employer, billed[str(period)], -1)
            else:
                continue
            adjustment = _adjustment(declaration, employer, row.person.pk, period, row.code, {}, after)
            if adjustment:
                made.append(adjustment)
    return made


def _with_interest(adjustments: list[Adjustment], on: dt.date) -> None:
    rate = params_on(on).rate("late_interest.daily_rate")
    for adjustment in adjustments:
        period = Period.parse(adjustment.period)
        due = rules.due_date(params_on(period.first_day), period)
        if adjustment.amount > 0 and on > due:
            adjustment.days_late = (on - due).days
            adjustment.interest = rules.late_interest(adjustment.amount, adjustment.days_late, Decimal(rate))


def compute(
    declaration, employer, rows: list, before: list[dict], after: list[dict], people: set[int], on: dt.date
) -> list[Adjustment]:
    """The adjustments a valid declaration makes (unsaved), interest included."""
    periods = assessed_periods()
    code_of = {row.person.pk: row.code for row in rows if row.person is not None}
    made = []
    if people:
        first = min(Period.of(row.day) for row in rows if row.person is not None and row.person.pk in people)
        for period in (p for p in periods if p >= first):
            params = params_on(period.first_day)
            old, new = _shares(params, employer, before, period), _shares(params, employer, after, period)
            for person_id in people:
                adjustment = _adjustment(
                    declaration,
                    employer,
                    person_id,
                    period,
                    code_of[person_id],
                    old.get(person_id, {}),
                    new.get(person_id, {}),
                )
                if adjustment:
                    made.append(adjustment)
    made += _health_rows(declaration, employer, rows)
    _with_interest(made, on)
    return made
