"""The check at a facility's counter: who the patient is, whether the card is valid, logged every time.

Lean on purpose (hot path): one query for the person with their coverage and facility, one insert for the log.
"""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ansinh.core.ids import mask_cccd
from ansinh.health import rules
from ansinh.health.messages import message_for
from ansinh.health.models import Coverage, EligibilityCheck
from ansinh.health.reference import group_name
from ansinh.policy.services import params_on
from ansinh.registry.models import Person


def _find(identifier: str):
    """A person by the 12-digit CCCD, or by the old 15-character card code (its SI number)."""
    people = Person.objects.select_related("hi_coverage__facility")
    card = rules.parse_card_code(identifier)
    if card:
        return people.filter(si_number=card["si_number"]).first()
    return people.filter(cccd=identifier).first()


def _coverage(person) -> Coverage | None:
    try:
        return person.hi_coverage
    except Coverage.DoesNotExist:
        return None


def coverage_dict(cov: Coverage) -> dict:
    return {"group": cov.group, "group_name": group_name(cov.group), "benefit_level_pct": cov.benefit_pct,
            "valid_from": cov.valid_from, "valid_to": cov.valid_to,
            "registered_facility": {"code": cov.facility.code, "name": cov.facility.name},
            "five_years_from": cov.five_years_from, "card_code": cov.card_code}


def _masked(identifier: str) -> str:
    return mask_cccd(identifier) if len(identifier) == 12 else identifier[:3] + "…" + identifier[-4:]


def check(identifier: str, full_name: str, birth_date: dt.date, facility_code: str, user=None) -> dict:
    """The answer to a facility, logged with the facility, time and person (identifier stored masked)."""
    now = timezone.now()
    on = timezone.localdate(now)
    person = _find(identifier.strip().upper())
    cov = _coverage(person) if person else None
    person_data = {"full_name": person.full_name, "birth_date": person.birth_date} if person else None
    cov_data = {"status": cov.status, "stop_code": cov.stop_code, "valid_from": cov.valid_from, "valid_to": cov.valid_to} if cov else None
    code = rules.check_result(cov_data, person_data, full_name, birth_date, on)
    EligibilityCheck.objects.create(at=now, facility_code=(facility_code or "")[:5], person=person,
                                    query=_masked(identifier.strip()), result_code=code, user=user)
    outcome = params_on(on).raw("health.result_codes")[code]
    answer = {"result_code": code, "eligible": bool(outcome["eligible"]), "message": message_for(code)}
    if cov is not None and code in ("000", "010"):
        answer.update(coverage_dict(cov))
    return answer
