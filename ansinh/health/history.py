"""A patient's history as a card check shows it: visits (claims received, and check-ins of visits not yet claimed)
and the checks made at facilities. Read-only; nothing here writes.

Two SQL statements rather than ORM querysets: this runs inside every gateway check, where building four querysets
cost more than the whole check (measured with bench/eligibility.py). Both use the (person, time) indexes."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.utils import timezone

from ansinh.health.models import Diagnosis

_VISITS = """SELECT c.id, f.code, f.name, c.admitted, c.discharged, c.diagnosis, c.patient_kind
    FROM health_claim c JOIN health_facility f ON f.id = c.facility_id WHERE c.person_id = %s AND c.admitted >= %s
    UNION ALL
    SELECT NULL, f.code, f.name, k.admitted, NULL, '', k.patient_kind
    FROM health_checkin k JOIN health_facility f ON f.id = k.facility_id WHERE k.person_id = %s AND k.admitted >= %s
      AND k.stt = (SELECT MIN(first.stt) FROM health_checkin first
                   WHERE first.facility_id = k.facility_id AND first.ma_lk = k.ma_lk)
      AND NOT EXISTS (SELECT 1 FROM health_claim claimed
                      WHERE claimed.facility_id = k.facility_id AND claimed.ma_lk = k.ma_lk)
    ORDER BY 4 DESC LIMIT %s"""
_CHECKS = """SELECT e.at, e.facility_code, e.result_code, COALESCE(g.username, u.username, e.facility_code)
    FROM health_eligibilitycheck e LEFT JOIN core_user u ON u.id = e.user_id
    LEFT JOIN health_gatewayaccount g ON g.user_id = e.user_id
    WHERE e.person_id = %s ORDER BY e.at DESC, e.id DESC LIMIT %s"""


def _moment(value) -> dt.datetime | None:
    """A stored moment as an aware datetime (SQLite hands back text in UTC, PostgreSQL aware datetimes)."""
    if value is None or value == "":
        return None
    moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=dt.UTC)


def _rows(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def visits(person_id: int, since: dt.date, limit: int) -> list[dict]:
    """Visits from `since`, newest first: the claims, and admissions announced by check-in and not yet claimed."""
    start = connection.ops.adapt_datetimefield_value(timezone.make_aware(dt.datetime.combine(since, dt.time())))
    rows = _rows(_VISITS, [person_id, start, person_id, start, limit])
    names = _diagnosis_names() if any(row[5] for row in rows) else {}
    return [
        {
            "record": str(row[0] or ""),
            "facility_code": row[1],
            "facility_name": row[2],
            "admitted": _moment(row[3]),
            "discharged": _moment(row[4]),
            "diagnosis": " - ".join(part for part in (row[5], names.get(row[5], "")) if part),
            "patient_kind": row[6],
        }
        for row in rows
    ]


_names: dict[str, str] = {}


def _diagnosis_names() -> dict[str, str]:
    """ICD-10 names, read once per process: reference data (loaded with the catalogue), not a query per check."""
    if not _names:
        _names.update(Diagnosis.objects.values_list("code", "name_vi"))
    return _names


def checks(person_id: int, limit: int) -> list[dict]:
    """The last checks of this person's card at any facility, newest first: when, where, by which account, result."""
    return [
        {"at": _moment(row[0]), "facility_code": row[1], "result_code": row[2], "account": row[3]}
        for row in _rows(_CHECKS, [person_id, limit])
    ]
