"""The assessor's review of flagged claims: the queue, and a decision that overrides the automatic outcome
with a reason (kept as a ClaimReview row, audited)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from ansinh.core import audit
from ansinh.core.errors import DomainError
from ansinh.health.models import Claim, ClaimReview, Outcome

DECISIONS = (Outcome.ACCEPTED, Outcome.ADJUSTED, Outcome.REJECTED)


def queue(facility_code: str = "", rule: str = ""):
    claims = Claim.objects.filter(review=Claim.Review.TO_REVIEW).select_related("facility")
    if facility_code:
        claims = claims.filter(facility__code=facility_code)
    if rule:
        claims = claims.filter(findings__rule=rule).distinct()
    return claims.order_by("-fund_claimed", "id")


def _check(claim: Claim, outcome: str, fund_amount: int, reason: str) -> None:
    if outcome not in DECISIONS:
        raise DomainError.one("outcome", _("Choose accepted, adjusted or rejected."), "invalid_outcome")
    if not reason.strip():
        raise DomainError.one("reason", _("Give the reason for the decision."), "reason_required")
    if outcome == Outcome.REJECTED and fund_amount != 0:
        raise DomainError.one("fund_amount", _("A rejected claim pays nothing."), "rejected_pays_nothing")
    if not 0 <= fund_amount <= claim.fund_claimed:
        raise DomainError.one(
            "fund_amount",
            _("The fund's part must be between 0 and the amount claimed (%(claimed)s).")
            % {"claimed": f"{claim.fund_claimed:,}".replace(",", ".")},
            "out_of_range",
        )


@transaction.atomic
def decide(claim: Claim, user, outcome: str, fund_amount: int, reason: str) -> ClaimReview:
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if outcome == Outcome.ACCEPTED and fund_amount == 0:
        fund_amount = claim.fund_claimed
    _check(claim, outcome, fund_amount, reason)
    review = ClaimReview.objects.create(
        claim=claim,
        reviewer=user,
        outcome_before=claim.outcome,
        outcome=outcome,
        fund_before=claim.fund_amount,
        fund_amount=fund_amount,
        reason=reason.strip(),
    )
    allowed = claim.allowed_total if outcome != Outcome.REJECTED else 0
    Claim.objects.filter(pk=claim.pk).update(
        outcome=outcome,
        fund_amount=fund_amount,
        review=Claim.Review.REVIEWED,
        copay_amount=max(0, allowed - fund_amount),
        allowed_total=allowed,
    )
    audit.record(
        "update",
        "health.claim",
        claim.pk,
        f"{claim} reviewed: {claim.outcome} → {outcome}",
        {"fund_amount": [claim.fund_amount, fund_amount], "reason": reason.strip()},
    )
    return review
