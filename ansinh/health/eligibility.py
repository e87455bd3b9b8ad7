"""The card check at a facility's counter, one service for both doors: An Sinh's REST API
(/api/v1/health/eligibility) and the e-gateway hospital software already speaks (/api/egw/…). Both call
`check`, so they always give the same answer for the same question.

Lean on purpose (hot path): the law tables are re-read at most once a minute per process, one SQL query finds the
person with their card, facility and commune; a former card costs a second query only when one is asked about or
the person has no card now; one insert logs the check.
"""

from __future__ import annotations

import datetime as dt
import functools
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from ansinh.core.bulk import insert_row
from ansinh.core.ids import mask_cccd, province_codes
from ansinh.health import history, rules
from ansinh.health.messages import message_for
from ansinh.health.models import Coverage, CoverageRun, EligibilityCheck, FormerCard
from ansinh.health.reference import group_name
from ansinh.policy.services import params_on

_LOOKUP = """SELECT p.id, p.full_name, p.birth_date, p.sex, p.si_number, p.cccd,
    COALESCE(NULLIF(p.address, ''), h.address, ''), cm.name, ar.name, cm.disadvantaged, c.status, c.stop_code,
    c.valid_from, c.valid_to, c."group", c.benefit_pct, c.five_years_from, c.card_code, f.code, f.name
    FROM registry_person p
    JOIN geo_commune cm ON cm.id = p.commune_id JOIN geo_area ar ON ar.id = cm.area_id
    LEFT JOIN registry_household h ON h.id = p.household_id
    LEFT JOIN health_coverage c ON c.person_id = p.id LEFT JOIN health_facility f ON f.id = c.facility_id
    WHERE p.{column} = %s LIMIT 1"""
_COLUMN = {"cccd": "cccd", "si_number": "si_number", "card": "si_number"}
# Codes after which the person's identity is established and their card may be shown to the facility.
_IDENTIFIED = {"000", "003", "004", "010", "110", "120", "121", "122", "123", "124"}


@dataclass(frozen=True)
class Query:
    """A check as the facility asks it: the identifier (CCCD, SI number or card code), the name and birth as the
    patient gives them (birth: a date, or text dd/mm/yyyy, yyyy-mm-dd, mm/yyyy or yyyy), and who asks."""

    identifier: str
    full_name: str
    birth: str | dt.date
    facility_code: str
    receptionist_name: str = ""
    receptionist_cccd: str = ""


@dataclass
class Outcome:
    code: str
    note: str = ""
    eligible: bool = False
    verify: bool = False
    person: dict | None = None
    card: dict | None = None
    former: dict | None = None
    person_id: int | None = None
    receptionist_id: int | None = None
    on: dt.date = field(default_factory=timezone.localdate)
    previous_card_code: str = ""  # the card the current one replaced (with_history)
    visits: list[dict] | None = None
    checks: list[dict] | None = None

    @property
    def message(self) -> str:
        return message_for(self.code, self.note)


_LAW_TTL_S = 60
_law_cache: dict[dt.date, tuple[float, dict]] = {}


def law_on(on: dt.date) -> dict:
    """The tables a check needs on a date, re-read at most once a minute per process: checking the policy table for
    changes costs a query, which the counter's hot path need not pay on every check."""
    now = time.monotonic()
    cached = _law_cache.get(on)
    if cached is None or cached[0] < now:
        _law_cache.clear()
        params = params_on(on)
        tables = rules.CardTables(
            group_digits={k: int(v) for k, v in params.raw("health.group_digit").items()},
            provinces=frozenset(code[1:] for code in province_codes()),
            outside_issuers=dict(params.raw("health.card.outside_issuers")),
        )
        cached = _law_cache[on] = (
            now + _LAW_TTL_S,
            {
                "codes": params.raw("health.check_codes"),
                "tables": tables,
                "child_years": params.int("health.child_age_years"),
                "receptionist_required": bool(params.raw("health.gateway.receptionist_required")),
                "history": params.raw("health.gateway.history"),
                "area_codes": params.raw("health.residence_area_code"),
                "coverage_ready": CoverageRun.objects.exists(),
            },
        )
    return cached[1]


# Asked on every gateway check: plain SQL, as _LOOKUP (an ORM query costs more to build than to run).
_RECEPTIONIST = """SELECT r.id, r.full_name FROM health_receptionist r JOIN health_facility f ON f.id = r.facility_id
    WHERE f.code = %s AND r.cccd = %s AND r.is_active LIMIT 1"""
_REPLACED = (
    "SELECT card_code FROM health_formercard WHERE person_id = %s AND new_card_code = %s ORDER BY valid_to DESC LIMIT 1"
)


def _first(sql: str, params: list) -> tuple | None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _as_date(value):
    return value if value is None or isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _find(ident: rules.Identifier) -> tuple[dict | None, dict | None]:
    """The person (by CCCD or SI number; a card code carries the SI number) and their current card, in one query."""
    value = ident.si_number or ident.value
    with _lookup_cursor() as cursor:
        cursor.execute(_LOOKUP.format(column=_COLUMN[ident.kind]), [value])
        row = cursor.fetchone()
    if row is None:
        return None, None
    person = {
        "id": row[0],
        "full_name": row[1],
        "birth_date": _as_date(row[2]),
        "sex": row[3],
        "si_number": row[4],
        "cccd": row[5] or "",
        "address": ", ".join(part for part in (row[6], row[7], row[8], _province_name()) if part),
        "especially_disadvantaged": bool(row[9]),
    }
    if row[10] is None:
        return person, None
    return person, {
        "status": row[10],
        "stop_code": row[11],
        "valid_from": _as_date(row[12]),
        "valid_to": _as_date(row[13]),
        "group": row[14],
        "benefit_pct": row[15],
        "five_years_from": _as_date(row[16]),
        "card_code": row[17],
        "facility": {"code": row[18], "name": row[19]},
    }


def _lookup_cursor():
    """On PostgreSQL a cursor whose statements are prepared once per connection: planning the lookup's six-table join
    cost the server about 2 ms on every check, running it 0.3 ms. Django leaves preparing off (connection poolers in
    transaction mode lose prepared statements), so this cursor asks for it; still counted and logged as any query."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:  # None refuses even an explicit prepare; this number prepares nothing on its own
        raw.prepare_threshold = 2**31 - 1
    return connection._prepare_cursor(_prepared_cursor_class()(raw))


@functools.cache
def _prepared_cursor_class():
    from django.db.backends.postgresql.base import ServerBindingCursor  # importable only where psycopg is installed

    class Prepared(ServerBindingCursor):
        def execute(self, query, params=None, **kwargs):
            return super().execute(query, params, prepare=True)

    return Prepared


def _province_name() -> str:
    return province_codes().get("0" + rules.PROVINCE_CARD_CODE, "")


def _former(person_id: int, ident: rules.Identifier, card: dict | None) -> dict | None:
    """The former card asked about, or, for a person without a card now, their last card."""
    asks_other = ident.kind == "card" and (card is None or ident.value != card["card_code"])
    if not asks_other and card is not None:
        return None
    rows = FormerCard.objects.filter(person_id=person_id).select_related("facility")
    found = rows.filter(card_code=ident.value).first() if asks_other else rows.order_by("-valid_to").first()
    if found is None:
        return None
    return {
        "card_code": found.card_code,
        "valid_from": found.valid_from,
        "valid_to": found.valid_to,
        "status": found.status,
        "stop_code": found.stop_code,
        "new_card_code": found.new_card_code,
        "facility": {"code": found.facility.code, "name": found.facility.name},
    }


def _receptionist(query: Query, required: bool) -> tuple[str | None, int | None]:
    """(054/055 or None, the receptionist's id). Checked when the rule requires it or the caller names someone."""
    if not (required or query.receptionist_cccd or query.receptionist_name):
        return None, None
    found = _first(_RECEPTIONIST, [query.facility_code, query.receptionist_cccd.strip()])
    problem = rules.receptionist_result(found[1] if found else None, query.receptionist_name)
    return problem, found[0] if found else None


def evaluate(query: Query, on: dt.date | None = None, channel: str = "api") -> Outcome:
    """The answer to one check on a date (today by default), without logging it. The gateway requires the
    receptionist whenever the law does; An Sinh's API, called with a facility's own token, checks them when named."""
    on = on or timezone.localdate()
    law = law_on(on)
    birth, ident = rules.parse_birth(query.birth), rules.identify(query.identifier)
    if birth is None or not query.full_name.strip() or not query.identifier.strip():
        return _outcome("205", law, on)
    problem, receptionist_id = _receptionist(query, law["receptionist_required"] and channel == "gateway")
    if problem:
        return _outcome(problem, law, on)
    if ident is None:
        return _outcome("051", law, on, receptionist_id=receptionist_id)
    if not law["coverage_ready"]:
        _law_cache.clear()  # asked again next time: the first coverage run may land any minute
        return _outcome("100", law, on, receptionist_id=receptionist_id)
    person, card = _find(ident)
    former = _former(person["id"], ident, card) if person else None
    code, note = rules.check_result(
        ident, person, card, former, query.full_name, birth, on, law["tables"], law["child_years"]
    )
    outcome = _outcome(code, law, on, note=note, person_id=person and person["id"], receptionist_id=receptionist_id)
    if code in _IDENTIFIED:
        outcome.person, outcome.card, outcome.former = _details(person, law), card, former
    return outcome


def with_history(outcome: Outcome) -> Outcome:
    """Adds what a counter screen shows once the identity is established: the visits, the checks made at
    facilities, and the card the current one replaced."""
    if outcome.person is None:
        return outcome
    limits = law_on(outcome.on)["history"]
    since = rules.months_before(outcome.on, int(limits["visit_months"]))
    outcome.visits = history.visits(outcome.person_id, since, int(limits["visits"]))
    outcome.checks = history.checks(outcome.person_id, int(limits["checks"]))
    if outcome.card and outcome.former is None:
        replaced = _first(_REPLACED, [outcome.person_id, outcome.card["card_code"]])
        outcome.previous_card_code = replaced[0] if replaced else ""
    return outcome


def _outcome(code: str, law: dict, on: dt.date, **fields) -> Outcome:
    meaning = law["codes"].get(code, {})
    return Outcome(code, eligible=bool(meaning.get("eligible")), verify=bool(meaning.get("verify")), on=on, **fields)


def _details(person: dict, law: dict) -> dict:
    area = law["area_codes"].get("especially_disadvantaged", "") if person["especially_disadvantaged"] else ""
    return {**person, "area_code": area, "issuing_office": settings.AGENCY_NAME}


def _masked(identifier: str) -> str:
    value = "".join(identifier.split())
    return mask_cccd(value) if len(value) == 12 else value[:3] + "…" + value[-4:]


def check(
    query: Query | str,
    full_name: str = "",
    birth=None,
    facility_code: str = "",
    user=None,
    channel: str = "api",
    history: bool = False,
    audited: Callable[[Outcome], object] | None = None,
) -> Outcome:
    """Evaluate a check and log it (facility, time, person, result, who asked; the identifier stored masked).
    With history, the visits and earlier checks are added (read before this check is logged). `audited(outcome)`
    writes the caller's audit event in the same transaction as the log: one write per check, both rows or neither,
    and nothing written before the answer is known (the write lock is held only for the two inserts)."""
    if not isinstance(query, Query):
        query = Query(query, full_name, birth, facility_code)
    outcome = evaluate(query, channel=channel)
    if history:
        with_history(outcome)
    with transaction.atomic():
        _commit_without_waiting_for_the_disk()
        insert_row(
            EligibilityCheck,
            at=timezone.now(),
            facility_code=(query.facility_code or "")[:5],
            person_id=outcome.person_id,
            query=_masked(query.identifier)[:20],
            result_code=outcome.code,
            user_id=user.pk if user else None,
            receptionist_id=outcome.receptionist_id,
            channel=channel,
        )
        if audited is not None:
            audited(outcome)
    return outcome


def _commit_without_waiting_for_the_disk() -> None:
    """On PostgreSQL, this transaction's commit returns before its WAL reaches the disk (written within
    3 × wal_writer_delay, 0.6 s by default): otherwise every check waits for an fsync (~20 ms on a plain disk), more
    than everything else it does, and two server processes answer fewer than 100 checks a second. A crash of the
    database server may then lose the last fraction of a second of check logs and their audit rows (never a row of
    anything else, never consistency). Left to an enclosing transaction when there is one: that one decides."""
    if settings.HEALTH_CHECK_LOG_ASYNC_COMMIT and connection.vendor == "postgresql" and not _in_outer_atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _in_outer_atomic() -> bool:
    return len(connection.atomic_blocks) > 1


def card_dict(card: dict) -> dict:
    """A card as An Sinh's API shows it."""
    return {
        "group": card["group"],
        "group_name": group_name(card["group"]),
        "benefit_level_pct": card["benefit_pct"],
        "valid_from": card["valid_from"],
        "valid_to": card["valid_to"],
        "registered_facility": card["facility"],
        "five_years_from": card["five_years_from"],
        "card_code": card["card_code"],
    }


def coverage_dict(cov: Coverage) -> dict:
    return card_dict(
        {
            "group": cov.group,
            "benefit_pct": cov.benefit_pct,
            "valid_from": cov.valid_from,
            "valid_to": cov.valid_to,
            "facility": {"code": cov.facility.code, "name": cov.facility.name},
            "five_years_from": cov.five_years_from,
            "card_code": cov.card_code,
        }
    )
