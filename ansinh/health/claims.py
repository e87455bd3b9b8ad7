"""Use cases of claims: receive an envelope and assess it at once, and the result a facility reads back."""
from __future__ import annotations

from ansinh.health import intake
from ansinh.health.assessment.run import run_assessment
from ansinh.health.models import Claim, Finding, Submission


def submit_claims(data: bytes, sender, channel: str = "api") -> Submission:
    """Store the envelope (or raise EnvelopeRejected with every error), then assess its claims set-based."""
    submission = intake.receive(data, sender, channel)
    run_assessment("{t}.submission_id = %s", [submission.pk])
    return submission


def submission_result(submission: Submission) -> dict:
    claims = list(Claim.objects.filter(submission=submission).order_by("id"))
    findings: dict[int, list[dict]] = {}
    for f in Finding.objects.filter(claim__submission=submission).select_related("line").order_by("claim_id", "id"):
        findings.setdefault(f.claim_id, []).append({"rule": f.rule, "line": f.line.stt if f.line else None, "reason": f.reason, "amount": f.amount})
    count = {o: sum(1 for c in claims if c.outcome == o) for o in ("accepted", "adjusted", "rejected")}
    return {"submission_id": submission.pk, "facility_code": submission.facility.code, "claims": len(claims), **count,
            "to_review": sum(1 for c in claims if c.review == Claim.Review.TO_REVIEW),
            "results": [{"ma_lk": c.ma_lk, "outcome": c.outcome, "fund_claimed": c.fund_claimed, "fund_amount": c.fund_amount,
                         "copay_amount": c.copay_amount, "findings": findings.get(c.pk, [])} for c in claims]}
