"""Survivors' benefits (Law 41/2024 Art. 85–89; Law 58/2014 Art. 66–71): the funeral grant, the monthly
survivor allowance with each relative's eligibility, and the one-off survivor allowance.

The deceased qualifies for monthly allowances when they had 15 years of SI and took no one-off SI, drew a
pension, died of an occupational accident or disease, or drew a monthly occupational allowance at 61% or more.
A relative qualifies as: a child under 18 (or born after the death, or 81% loss); a wife from 55 or a husband
from 60 (or 81% loss); a parent or another dependant from 60 (men) / 55 (women) (or 81% loss); relatives
other than children with an income under the reference level. Each relative is a separate entitlement: 50% of
the reference level a month, 70% without a carer, for at most 4 relatives (in the order the claim lists them);
a child who qualifies by age alone is paid until the day before their 18th birthday. When no relative qualifies, or
those who do choose it (except a child under 6 and a child or spouse with 81% loss), the one-off allowance is paid
instead: 1.5 months of Mbq per year before 2014 and 2 from 2014, at least 3 months; for a pensioner 48 months of pension
if they died in the first 2 months, 0.5 month less per further month, at least 3.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from ansinh.benefits.rules.career import average_salary, insured_months, money
from ansinh.benefits.rules.checks import Outcome, check
from ansinh.benefits.rules.dates import add_months, full_months_between, month_index
from ansinh.benefits.rules.one_off import years_split

STATUSES = ("contributing", "reserved", "pensioner", "occupational_monthly", "occupational_death")
RELATIONS = ("child", "spouse", "parent", "other_dependant")


@dataclass(frozen=True)
class Relative:
    relation: str
    birth_date: dt.date
    sex: str
    capacity_loss_pct: int = 0
    monthly_income: int = 0
    has_carer: bool = True
    chooses_one_off: bool = False
    born_after_death: bool = False
    name: str = ""


@dataclass(frozen=True)
class SurvivorInput:
    death_date: dt.date
    status: str
    periods: tuple = ()
    relatives: tuple = ()
    occupational_pct: int = 0
    pension: int = 0
    pension_start: dt.date | None = None
    took_one_off: bool = False
    extra: dict = field(default_factory=dict)


def funeral(data: SurvivorInput, params) -> Outcome:
    out = Outcome("funeral")
    rule = params.raw("survivor.funeral_conditions")
    months = insured_months(data.periods)
    out.checks.append(
        check(params, "survivor.funeral_conditions", "deceased_status", data.status in STATUSES, status=data.status)
    )
    if data.status in ("contributing", "reserved"):
        out.checks.append(
            check(
                params,
                "survivor.funeral_conditions",
                "funeral_months",
                months >= rule["min_months"],
                needs_months=rule["min_months"],
                has_months=months,
            )
        )
    multiple, level = params.int("survivor.funeral_multiple"), params.int("reference.base_salary")
    amount = out.part("funeral", multiple * level)
    out.step("funeral", multiple=multiple, base=level, amount=amount)
    if not out.eligible:
        out.amount = 0
    return out


def _deceased_qualifies(params, data: SurvivorInput) -> bool:
    rule = params.raw("survivor.monthly_conditions")
    if data.status in ("contributing", "reserved"):
        return insured_months(data.periods) >= rule["min_years"] * 12 and not data.took_one_off
    if data.status == "occupational_monthly":
        return data.occupational_pct >= rule["occupational_pct"]
    return data.status in ("pensioner", "occupational_death")


def relative_qualifies(params, death_date: dt.date, r: Relative) -> tuple[bool, dict]:
    rule = params.raw("survivor.relatives")
    age = full_months_between(r.birth_date, death_date) // 12
    disabled = r.capacity_loss_pct >= rule["capacity_pct"]
    income_ok = r.relation == "child" or r.monthly_income < params.int("reference.base_salary")
    if r.relation == "child":
        by_age, needs_age = age < rule["child_under_age"] or r.born_after_death, rule["child_under_age"]
    elif r.relation == "spouse":
        needs_age = rule["wife_age"] if r.sex == "female" else rule["husband_age"]
        by_age = age >= needs_age
    else:
        needs_age = rule["parent_female_age"] if r.sex == "female" else rule["parent_male_age"]
        by_age = age >= needs_age
    ok = r.relation in RELATIONS and (by_age or disabled) and income_ok
    return ok, {
        "relation": r.relation,
        "name": r.name,
        "age": age,
        "needs_age": needs_age,
        "capacity_pct": r.capacity_loss_pct,
        "income": r.monthly_income,
        "income_ok": income_ok,
    }


def _protected(params, death_date: dt.date, r: Relative) -> bool:
    """Relatives who may not give up the monthly allowance for the one-off one."""
    rule = params.raw("survivor.one_off")
    age = full_months_between(r.birth_date, death_date) // 12
    return (r.relation == "child" and age < rule["protected_child_under_age"]) or (
        r.relation in ("child", "spouse") and r.capacity_loss_pct >= params.raw("survivor.relatives")["capacity_pct"]
    )


def _relatives(out: Outcome, params, data: SurvivorInput) -> list[tuple[int, Relative]]:
    """The qualifying relatives with their position in the claim (a case pays each one by it)."""
    qualifying = []
    for n, r in enumerate(data.relatives):
        ok, values = relative_qualifies(params, data.death_date, r)
        out.checks.append(check(params, "survivor.relatives", "relative", ok, blocking=False, **values))
        if ok:
            qualifying.append((n, r))
    return qualifying


def paid_until(params, death_date: dt.date, r: Relative) -> dt.date | None:
    """The last day a relative is paid when age alone ends the right (a child turning 18); None: no end date."""
    rule = params.raw("survivor.relatives")
    if r.relation != "child" or r.capacity_loss_pct >= rule["capacity_pct"]:
        return None
    birthday = add_months(r.birth_date, 12 * rule["child_under_age"])
    return birthday - dt.timedelta(days=1)


def survivor_monthly(data: SurvivorInput, params) -> Outcome:
    out = Outcome("survivor")
    rule = params.raw("survivor.monthly")
    out.checks.append(
        check(
            params,
            "survivor.monthly_conditions",
            "deceased_qualifies",
            _deceased_qualifies(params, data),
            status=data.status,
            years=insured_months(data.periods) // 12,
            occupational_pct=data.occupational_pct,
        )
    )
    staying = [
        (n, r)
        for n, r in _relatives(out, params, data)
        if not r.chooses_one_off or _protected(params, data.death_date, r)
    ]
    out.checks.append(check(params, "survivor.relatives", "qualifying_relatives", bool(staying), count=len(staying)))
    paid = staying[: rule["max_dependants"]]
    level = params.int("reference.base_salary")
    for n, r in paid:
        pct = rule["pct"] if r.has_carer else rule["no_carer_pct"]
        until = paid_until(params, data.death_date, r)
        out.part(
            "survivor_relative",
            money(Decimal(pct) / 100 * level),
            monthly=True,
            relative=n,
            relation=r.relation,
            name=r.name,
            pct=pct,
            until=until.isoformat() if until else None,
        )
        out.step(
            "survivor_relative",
            relation=r.relation,
            name=r.name or "—",
            pct=pct,
            base=level,
            amount=money(Decimal(pct) / 100 * level),
            until=until.isoformat() if until else "",
        )
    alone = sum(1 for _n, r in paid if not r.has_carer)
    out.step(
        "survivor",
        dependants=len(staying),
        paid=len(paid),
        without_carer=alone,
        pct=rule["pct"],
        no_carer_pct=rule["no_carer_pct"],
        base=level,
        amount=out.monthly,
        max_dependants=rule["max_dependants"],
    )
    if not out.eligible:
        out.monthly = 0
    return out


def _one_off_for_pensioner(out: Outcome, params, data: SurvivorInput) -> int:
    rule = params.raw("survivor.one_off")
    received = month_index(data.death_date) - month_index(data.pension_start or data.death_date) + 1
    months = Decimal(rule["pensioner_max_months"]) - Decimal(str(rule["pensioner_step"])) * max(
        0, received - rule["pensioner_first_months"]
    )
    months = max(months, Decimal(rule["min_months"]))
    amount = money(months * data.pension)
    out.step(
        "survivor_one_off_pension", received_months=received, months=str(months), pension=data.pension, amount=amount
    )
    return amount


def _one_off_for_contributor(out: Outcome, params, data: SurvivorInput) -> int:
    rule = params.raw("survivor.one_off")
    mbq, detail = average_salary(list(data.periods), params)
    out.step("average_salary", **detail, mbq=money(mbq), settlement_year=params.on.year)
    before_years, later, _b = years_split(list(data.periods), params, rule["split_year"])
    months = before_years * Decimal(str(rule["before"])) + later * Decimal(str(rule["from"]))
    months = max(months, Decimal(rule["min_months"]))
    amount = money(months * mbq)
    out.step(
        "survivor_one_off",
        years_before=before_years,
        multiple_before=rule["before"],
        years_after=str(later),
        multiple_after=rule["from"],
        split_year=rule["split_year"],
        months=str(months),
        min_months=rule["min_months"],
        mbq=money(mbq),
        amount=amount,
    )
    return amount


def survivor_one_off(data: SurvivorInput, params) -> Outcome:
    out = Outcome("survivor_one_off")
    out.checks.append(
        check(params, "survivor.funeral_conditions", "deceased_status", data.status in STATUSES, status=data.status)
    )
    qualifying = _relatives(out, params, data) if _deceased_qualifies(params, data) else []
    keeping = [r for _n, r in qualifying if not r.chooses_one_off or _protected(params, data.death_date, r)]
    out.checks.append(check(params, "survivor.one_off", "no_monthly_relative", not keeping, count=len(keeping)))
    if data.status == "pensioner":
        amount = _one_off_for_pensioner(out, params, data)
    elif data.periods:
        amount = _one_off_for_contributor(out, params, data)
    else:
        amount = 0
    out.part("survivor_one_off", amount)
    if not out.eligible:
        out.amount = 0
    return out
