"""Use cases of claims: receive an envelope and assess what was stored at once, the result a facility reads back
(records stored with their assessment, records refused with every reason), and closing a month's settlement."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ansinh.core import audit
from ansinh.health import intake
from ansinh.health.assessment.run import run_assessment
from ansinh.health.models import Claim, Facility, Finding, Outcome, Submission


def submit_claims(data: bytes, sender, channel: str = "api") -> Submission:
    """Store the envelope's valid records (or raise EnvelopeRejected when none), then assess them set-based."""
    submission = intake.receive(data, sender, channel)
    run_assessment("{t}.submission_id = %s", [submission.pk])
    return submission


def _findings(submission: Submission) -> dict[int, list[dict]]:
    found: dict[int, list[dict]] = {}
    for f in Finding.objects.filter(claim__submission=submission).select_related("line").order_by("claim_id", "id"):
        found.setdefault(f.claim_id, []).append(
            {
                "rule": f.rule,
                "line": f.line.stt if f.line else None,
                "reason": f.reason,
                "amount": f.amount,
                "params": f.params,
            }
        )
    return found


def submission_result(submission: Submission) -> dict:
    claims = list(Claim.objects.filter(submission=submission).order_by("id"))
    findings = _findings(submission)
    count = {o: sum(1 for c in claims if c.outcome == o) for o in ("accepted", "adjusted", "rejected")}
    refused = [{"ma_lk": r.ma_lk, "record": r.position, "errors": r.errors} for r in submission.refused_records.all()]
    return {
        "submission_id": submission.pk,
        "facility_code": submission.facility.code,
        "records": submission.records,
        "claims": len(claims),
        "replaced": submission.replaced,
        "refused": len(refused),
        **count,
        "to_review": sum(1 for c in claims if c.review == Claim.Review.TO_REVIEW),
        "results": [
            {
                "ma_lk": c.ma_lk,
                "version": c.version,
                "outcome": c.outcome,
                "fund_claimed": c.fund_claimed,
                "fund_amount": c.fund_amount,
                "copay_amount": c.copay_amount,
                "findings": findings.get(c.pk, []),
            }
            for c in claims
        ],
        "refused_records": refused,
    }


@transaction.atomic
def settle_month(facility: Facility, year: int, month: int, user) -> int:
    """Close the settlement of a facility's month: its assessed claims become final and can no longer be replaced."""
    settled = (
        Claim.objects.filter(facility=facility, settle_year=year, settle_month=month, settled_at__isnull=True)
        .exclude(outcome=Outcome.PENDING)
        .update(settled_at=timezone.now())
    )
    audit.record(
        "update",
        "health.facility",
        facility.pk,
        f"{facility.code} {year}-{month:02d}: {settled} claims settled",
        {"settled": settled},
    )
    return settled
