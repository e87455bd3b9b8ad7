"""The check at a facility's counter: who the patient is, whether the card is valid, logged every time.

Lean on purpose (hot path): one SQL query for the person with their card and facility, one insert for the log.
"""
from __future__ import annotations

import datetime as dt
import time

from django.db import connection
from django.utils import timezone

from ansinh.core.ids import mask_cccd
from ansinh.health import rules
from ansinh.health.messages import message_for
from ansinh.health.models import Coverage, EligibilityCheck
from ansinh.health.reference import group_name
from ansinh.policy.services import params_on


_LOOKUP = """SELECT p.id, p.full_name, p.birth_date, c.status, c.stop_code, c.valid_from, c.valid_to, c."group",
    c.benefit_pct, c.five_years_from, c.card_code, f.code, f.name FROM registry_person p
    LEFT JOIN health_coverage c ON c.person_id = p.id LEFT JOIN health_facility f ON f.id = c.facility_id
    WHERE p.{column} = %s LIMIT 1"""


def _as_date(value):
    return value if value is None or isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _find(identifier: str) -> tuple[dict | None, dict | None]:
    """The person (by the 12-digit CCCD, or by the old card code's SI number) and their card, in one query."""
    card = rules.parse_card_code(identifier)
    column, value = ("si_number", card["si_number"]) if card else ("cccd", identifier)
    with connection.cursor() as cursor:
        cursor.execute(_LOOKUP.format(column=column), [value])
        row = cursor.fetchone()
    if row is None:
        return None, None
    person = {"id": row[0], "full_name": row[1], "birth_date": _as_date(row[2])}
    if row[3] is None:
        return person, None
    return person, {"status": row[3], "stop_code": row[4], "valid_from": _as_date(row[5]), "valid_to": _as_date(row[6]),
                    "group": row[7], "benefit_pct": row[8], "five_years_from": _as_date(row[9]), "card_code": row[10],
                    "facility": {"code": row[11], "name": row[12]}}


def _public(cov: dict) -> dict:
    return {"group": cov["group"], "group_name": group_name(cov["group"]), "benefit_level_pct": cov["benefit_pct"],
            "valid_from": cov["valid_from"], "valid_to": cov["valid_to"], "registered_facility": cov["facility"],
            "five_years_from": cov["five_years_from"], "card_code": cov["card_code"]}


def coverage_dict(cov: Coverage) -> dict:
    return {"group": cov.group, "group_name": group_name(cov.group), "benefit_level_pct": cov.benefit_pct,
            "valid_from": cov.valid_from, "valid_to": cov.valid_to,
            "registered_facility": {"code": cov.facility.code, "name": cov.facility.name},
            "five_years_from": cov.five_years_from, "card_code": cov.card_code}


def _masked(identifier: str) -> str:
    return mask_cccd(identifier) if len(identifier) == 12 else identifier[:3] + "…" + identifier[-4:]


_CODES_TTL_S = 60
_codes_cache: dict[dt.date, tuple[float, dict]] = {}


def _result_codes(on: dt.date) -> dict:
    """The pack's result-code table, re-read at most once a minute per process: checking the pack for changes
    costs a query, which the counter's hot path need not pay on every check."""
    now = time.monotonic()
    cached = _codes_cache.get(on)
    if cached is None or cached[0] < now:
        _codes_cache.clear()
        cached = _codes_cache[on] = (now + _CODES_TTL_S, params_on(on).raw("health.result_codes"))
    return cached[1]


def check(identifier: str, full_name: str, birth_date: dt.date, facility_code: str, user=None) -> dict:
    """The answer to a facility, logged with the facility, time and person (identifier stored masked)."""
    now = timezone.now()
    on = timezone.localdate(now)
    person, cov = _find(identifier.strip().upper())
    code = rules.check_result(cov, person, full_name, birth_date, on)
    EligibilityCheck.objects.create(at=now, facility_code=(facility_code or "")[:5], person_id=person and person["id"],
                                    query=_masked(identifier.strip()), result_code=code, user=user)
    outcome = _result_codes(on)[code]
    answer = {"result_code": code, "eligible": bool(outcome["eligible"]), "message": message_for(code)}
    if cov is not None and code in ("000", "010"):
        answer.update(_public(cov))
    return answer
