"""Claims intake: a GIAMDINHHS envelope checked in full and stored in one transaction, or rejected with every
error (MA_LK, table, field, reason) and nothing stored."""
from __future__ import annotations

import hashlib

import polars as pl
from django.db import transaction
from django.utils import timezone

from ansinh.core import audit
from ansinh.core.bulk import bulk_insert, next_id
from ansinh.health.models import Claim, ClaimLine, Facility, Submission
from ansinh.health.xml130 import ClaimError, EnvelopeRejected, read_envelope
from ansinh.policy.services import params_on
from ansinh.registry.models import Person

CLAIM_COLUMNS = ["id", "submission_id", "facility_id", "ma_lk", "person_id", "cccd", "card_code", "full_name", "birth_date",
                 "registered_code", "diagnosis", "patient_kind", "visit_type", "admitted", "discharged", "days", "drugs_total",
                 "supplies_total", "hospital_total", "hi_total", "patient_paid", "copay_claimed", "fund_claimed", "settle_year",
                 "settle_month", "outcome", "allowed_total", "fund_amount", "copay_amount", "benefit_pct", "route_pct", "review"]
LINE_COLUMNS = ["claim_id", "table", "stt", "code", "name", "unit", "quantity", "unit_price", "amount", "copay_claimed",
                "fund_claimed", "ordered_on", "allowed_amount"]


def _already(facility: Facility, claims: list[dict]) -> list[ClaimError]:
    keys = [c["ma_lk"] for c in claims]
    known = set(Claim.objects.filter(facility=facility, ma_lk__in=keys).values_list("ma_lk", flat=True))
    return [ClaimError(key, "XML1", "MA_LK", "this record was already received") for key in keys if key in known]


def _people(claims: list[dict]) -> dict[str, int]:
    """Patients by CCCD, else by the SI number inside the old card code."""
    cccds = {c["cccd"] for c in claims if c["cccd"]}
    found = dict(Person.objects.filter(cccd__in=cccds).values_list("cccd", "id"))
    si = {c["card_code"][-10:] for c in claims if not c["cccd"] and c["card_code"]}
    found.update({f"SI{k}": v for k, v in Person.objects.filter(si_number__in=si).values_list("si_number", "id")})
    return found


def _claim_frame(claims: list[dict], first_id: int, submission: Submission, facility: Facility) -> pl.DataFrame:
    people = _people(claims)
    rows = []
    for n, c in enumerate(claims):
        person = people.get(c["cccd"]) if c["cccd"] else people.get(f"SI{c['card_code'][-10:]}")
        rows.append({**{k: c[k] for k in CLAIM_COLUMNS[5:25] if k in c}, "id": first_id + n, "submission_id": submission.pk,
                     "facility_id": facility.pk, "ma_lk": c["ma_lk"], "person_id": person, "outcome": "pending", "allowed_total": 0,
                     "fund_amount": 0, "copay_amount": 0, "benefit_pct": 0, "route_pct": 0, "review": "none"})
    tz = timezone.get_current_timezone()
    frame = pl.DataFrame(rows, infer_schema_length=None)
    return frame.with_columns(pl.col("admitted", "discharged").dt.replace_time_zone(str(tz)).dt.convert_time_zone("UTC"),
                              pl.col("person_id").cast(pl.Int64))


def _line_frame(lines: list[dict], ids: dict[str, int]) -> pl.DataFrame:
    rows = [{"claim_id": ids[line["ma_lk"]], "table": line["table"], "stt": line["stt"], "code": line["code"], "name": line["name"],
             "unit": line.get("unit") or "", "quantity": line["quantity"], "unit_price": line["unit_price"], "amount": line["amount"],
             "copay_claimed": line["copay_claimed"], "fund_claimed": line["fund_claimed"], "ordered_on": line["ordered_on"],
             "allowed_amount": 0} for line in lines]
    return pl.DataFrame(rows, schema_overrides={"quantity": pl.Float64}, infer_schema_length=None)


def receive(data: bytes, sender, channel: str = "api") -> Submission:
    """Check and store an envelope sent by `sender` (a facility user: org_code = facility code)."""
    digest = hashlib.sha256(data).hexdigest()
    if Submission.objects.filter(sha256=digest).exists():
        raise EnvelopeRejected([ClaimError("", "GIAMDINHHS", "", "this envelope was already received")])
    parsed = read_envelope(data, params_on(timezone.localdate()).int("health.claims.totals_tolerance"))
    facility = Facility.objects.filter(code=parsed["facility_code"]).first()
    errors = []
    if facility is None:
        errors.append(ClaimError("", "GIAMDINHHS", "MACSKCB", f"unknown facility {parsed['facility_code']}"))
    elif getattr(sender, "role", "") == "facility" and sender.org_code != facility.code:
        errors.append(ClaimError("", "GIAMDINHHS", "MACSKCB", f"your account sends for {sender.org_code}, not {facility.code}"))
    else:
        errors += _already(facility, parsed["claims"])
    if errors:
        raise EnvelopeRejected(errors)
    return _store(parsed, facility, sender, channel, digest)


@transaction.atomic
def _store(parsed: dict, facility: Facility, sender, channel: str, digest: str) -> Submission:
    submission = Submission.objects.create(facility=facility, prepared_on=parsed["prepared_on"], submitted_by=sender if getattr(sender, "pk", None) else None,
                                           channel=channel, sha256=digest, claims=len(parsed["claims"]))
    first = next_id(Claim)
    claims = _claim_frame(parsed["claims"], first, submission, facility)
    bulk_insert(Claim, CLAIM_COLUMNS, claims)
    if parsed["lines"]:
        ids = dict(zip(claims["ma_lk"].to_list(), claims["id"].to_list()))
        bulk_insert(ClaimLine, LINE_COLUMNS, _line_frame(parsed["lines"], ids))
    from ansinh.core.bulk import reset_sequence

    reset_sequence(Claim)
    audit.record_batch("health.submission", submission.pk, f"{facility.code}: {submission.claims} claims received ({channel})")
    return submission
