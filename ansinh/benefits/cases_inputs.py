"""The quote body of a benefit case, built from the registry (career, voluntary months, household, deaths,
entitlements) and what the officer entered on the case (the facts the registry cannot hold: days of leave,
loss of capacity, relatives, the ground of a one-off claim …). A case is then computed by the same quote
function a citizen calls, so the two cannot disagree."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from ansinh.benefits import history
from ansinh.benefits.models import Entitlement, Kind
from ansinh.benefits.rules.dates import add_months
from ansinh.contributions import services as contributions
from ansinh.core.errors import DomainError
from ansinh.registry.models import Household, Person

MONTHLY_SI = ("pension", "occupational", "monthly_allowance")


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else value


def _career(person, before: dt.date, required: bool = True) -> list[dict]:
    rows = history.as_rows(history.career(person, before))
    if required and not rows:
        raise DomainError.one(
            "person",
            _("The registry holds no insured work for this person before %(day)s.") % {"day": before},
            "no_history",
        )
    return rows


def _pick(inputs: dict, *names) -> dict:
    return {n: inputs[n] for n in names if inputs.get(n) not in (None, "")}


def _poor(person) -> bool:
    return bool(person.household_id) and person.household.poverty in (
        Household.Poverty.POOR,
        Household.Poverty.NEAR_POOR,
    )


def _monthly_si(person, on: dt.date) -> Entitlement | None:
    return (
        Entitlement.objects.filter(
            person=person, kind__in=MONTHLY_SI, monthly=True, status=Entitlement.Status.ACTIVE, start__lte=on
        )
        .order_by("-start")
        .first()
    )


def _took_one_off(person) -> bool:
    return Entitlement.objects.filter(person=person, kind=Kind.ONE_OFF).exists()


def pension(case, start: dt.date) -> dict:
    person, inputs = case.person, case.inputs
    return {
        "sex": person.sex,
        "birth_date": person.birth_date.isoformat(),
        "retirement_date": start.isoformat(),
        "periods": _career(person, start),
        "hazardous_years": int(inputs.get("hazardous_years", history.hazardous_years(person))),
        **_pick(inputs, "reduced_capacity_pct", "especially_hazardous_years", "coal_mining_years", "occupational_hiv"),
    }


def one_off(case, start: dt.date) -> dict:
    person, inputs = case.person, case.inputs

    in_voluntary = any(r["end"] is None for r in contributions.voluntary_periods(person))
    return {
        "settlement_date": start.isoformat(),
        "periods": _career(person, start),
        "ground": inputs.get("ground", ""),
        "sex": person.sex,
        "birth_date": person.birth_date.isoformat(),
        "document": bool(inputs.get("document")),
        "in_voluntary_si": in_voluntary,
    }


def sickness(case, start: dt.date) -> dict:
    person, inputs = case.person, case.inputs
    periods = [p for p in history.career(person, start, voluntary=False)]
    if not periods:
        raise DomainError.one(
            "person",
            _("The registry holds no insured work for this person before %(day)s.") % {"day": start},
            "no_history",
        )
    months = sum(p.months for p in periods)
    return {
        "kind": inputs.get("sick_kind", "own"),
        "leave_start": start.isoformat(),
        "salary": periods[-1].salary,
        "insured_months": months,
        "hazardous": history.hazardous_on(person, start),
        "insured_now": history.insured_on(person, start),
        **_pick(
            inputs,
            "days",
            "months",
            "days_used",
            "child_birth_date",
            "certified",
            "long_term_used_days",
            "recovery_days",
            "recovery_reason",
            "sick_days_this_year",
        ),
    }


def maternity(case, start: dt.date) -> dict:
    person, inputs = case.person, case.inputs
    birth = _date(inputs.get("birth_date")) or start
    event = inputs.get("event") or ("birth" if person.sex == "female" else "paternity")
    after_birth = add_months(birth.replace(day=1), 1)
    return {
        "event": event,
        "birth_date": birth.isoformat(),
        "periods": _career(person, after_birth, required=False),
        "insured_now": history.insured_on(person, birth),
        **_pick(inputs, "children", "caesarean", "premature", "prenatal_rest", "mother_insured", "leave_start", "days"),
    }


def unemployment(case, start: dt.date) -> dict:
    person, inputs = case.person, case.inputs
    end = _date(inputs.get("contract_end")) or history.last_spell_end(person)
    if end is None:
        raise DomainError.one(
            "contract_end",
            _("The registry shows no ended contract: enter the day the contract ended."),
            "no_contract_end",
        )
    months = history.ui_months(person, end + dt.timedelta(days=1))
    periods = [
        {
            "from": f"{m.index // 12:04d}-{m.index % 12 + 1:02d}",
            "to": f"{m.index // 12:04d}-{m.index % 12 + 1:02d}",
            "monthly_salary": m.salary,
            "region": m.region,
            "pay_scale": m.pay_scale,
        }
        for m in months
    ]
    if not periods:
        raise DomainError.one(
            "person",
            _("The registry holds no insured work for this person before %(day)s.") % {"day": end},
            "no_history",
        )
    return {
        "contract_end": end.isoformat(),
        "claim_date": (_date(inputs.get("claim_date")) or start).isoformat(),
        "periods": periods,
        "employed": history.insured_on(person, start),
        **_pick(inputs, "contract", "lawful_termination", "receiving_pension", "months_used"),
    }


def occupational(case, start: dt.date) -> dict:
    person, inputs = case.person, case.inputs
    event = _date(inputs.get("event_date")) or start
    periods = history.career(person, event.replace(day=1), voluntary=False) or history.career(
        person, add_months(event.replace(day=1), 1), voluntary=False
    )
    if not periods:
        raise DomainError.one(
            "person",
            _("The registry holds no insured work for this person before %(day)s.") % {"day": event},
            "no_history",
        )
    return {
        "event": inputs.get("event", "accident"),
        "event_date": event.isoformat(),
        "salary": periods[-1].salary,
        "fund_months": sum(p.months for p in periods),
        "insured_at_event": history.insured_on(person, event),
        **_pick(inputs, "capacity_loss_pct", "qualifying_event", "care_needed", "died", "recovery_days"),
    }


def _deceased(case) -> tuple[Person, dt.date]:
    person = case.person
    if not person.death_date:
        raise DomainError.one("person", _("The registry records no date of death for this person."), "not_deceased")
    return person, person.death_date


def _status(person, death: dt.date, inputs: dict) -> dict:
    pension = _monthly_si(person, death)
    if inputs.get("status"):
        status = inputs["status"]
    elif pension and pension.kind == "pension":
        status = "pensioner"
    else:
        status = "contributing" if history.insured_on(person, death) else "reserved"
    out = {"status": status, "took_one_off": _took_one_off(person), **_pick(inputs, "occupational_pct")}
    if pension:
        out |= {"pension": pension.amount, "pension_start": pension.start.isoformat()}
    return out


def _relatives(inputs: dict) -> list[dict]:
    rows = []
    for r in inputs.get("relatives", []):
        row = {k: v for k, v in r.items() if k not in ("cccd", "person_id") and v not in (None, "")}
        person = Person.objects.filter(pk=r.get("person_id")).first() if r.get("person_id") else None
        if person:
            row |= {"birth_date": person.birth_date.isoformat(), "sex": person.sex, "name": person.full_name}
        rows.append(row)
    return rows


def survivor(case, _start: dt.date) -> dict:
    person, death = _deceased(case)
    after = add_months(death.replace(day=1), 1)
    return {
        "death_date": death.isoformat(),
        "periods": _career(person, after, required=False),
        "relatives": _relatives(case.inputs),
        **_status(person, death, case.inputs),
    }


def funeral(case, _start: dt.date) -> dict:
    person, death = _deceased(case)
    after = add_months(death.replace(day=1), 1)
    return {
        "death_date": death.isoformat(),
        "periods": _career(person, after, required=False),
        "status": _status(person, death, case.inputs)["status"],
    }


def social_pension(case, start: dt.date) -> dict:
    person = case.person
    return {
        "birth_date": person.birth_date.isoformat(),
        "start": start.isoformat(),
        "poor_household": _poor(person),
        "receives_monthly_si": _monthly_si(person, start) is not None,
        **_pick(case.inputs, "requested"),
    }


def monthly_allowance(case, start: dt.date) -> dict:
    person = case.person
    return {
        "sex": person.sex,
        "birth_date": person.birth_date.isoformat(),
        "start": start.isoformat(),
        "periods": _career(person, start),
        "poor_household": _poor(person),
        "took_one_off": _took_one_off(person),
        **_pick(case.inputs, "requested"),
    }


BUILDERS = {
    Kind.PENSION: ("pension", pension),
    Kind.ONE_OFF: ("one_off", one_off),
    Kind.SICKNESS: ("sickness", sickness),
    Kind.MATERNITY: ("maternity", maternity),
    Kind.UNEMPLOYMENT: ("unemployment", unemployment),
    Kind.OCCUPATIONAL: ("occupational", occupational),
    Kind.SURVIVOR: ("survivor", survivor),
    Kind.SURVIVOR_ONE_OFF: ("survivor", survivor),
    Kind.FUNERAL: ("funeral", funeral),
    Kind.SOCIAL_PENSION: ("social_pension", social_pension),
    Kind.MONTHLY_ALLOWANCE: ("monthly_allowance", monthly_allowance),
}


def payload(case, start: dt.date) -> tuple[str, dict]:
    """(quote kind, quote body) for the case."""
    quote_kind, build = BUILDERS[case.kind]
    return quote_kind, build(case, start)
