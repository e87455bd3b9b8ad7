"""Facilities submit claims through the API; assessors override flagged claims with a reason, audited."""

import pytest

from ansinh.core.errors import DomainError
from ansinh.core.models import AuditEvent
from ansinh.health import review
from ansinh.health.models import Claim, ClaimReview
from ansinh.health.tests.claim_helpers import ON, claim, covered, line
from ansinh.health.xml130 import envelope
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def _post(client, token, data):
    return client.post(
        "/api/v1/health/claims", data=data, content_type="application/xml", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


def test_a_facility_submits_an_envelope_and_reads_the_assessment(client):
    token = factories.token_for(factories.user("facility", org_code="42010"))
    visit, lines = claim(covered(), items=[line("02.1897", price=60_000)])
    answer = _post(client, token, envelope("42010", ON, [visit], lines))
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert (body["claims"], body["adjusted"], body["results"][0]["findings"][0]["rule"]) == (1, 1, "L02")
    again = client.get(f"/api/v1/health/claims/{body['submission_id']}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert again.json()["results"][0]["outcome"] == "adjusted"


def test_a_rejected_envelope_answers_every_error_and_stores_nothing(client):
    token = factories.token_for(factories.user("facility", org_code="42010"))
    visit, lines = claim(covered())
    visit["fund_claimed"] += 1
    visit["admitted"] = None
    answer = _post(client, token, envelope("42010", ON, [visit], lines))
    assert answer.status_code == 422
    fields = {(e["ma_lk"], e["table"], e["field"]) for e in answer.json()["detail"]}
    assert ("LK1", "XML1", "NGAY_VAO") in fields and Claim.objects.count() == 0


def test_a_facility_cannot_send_for_another_facility_nor_a_citizen_at_all(client):
    other = factories.token_for(factories.user("facility", org_code="42011"))
    visit, lines = claim(covered())
    data = envelope("42010", ON, [visit], lines)
    assert _post(client, other, data).status_code == 422
    citizen = factories.token_for(factories.user("citizen"))
    assert _post(client, citizen, data).status_code == 403


def test_an_assessor_override_needs_a_reason_and_is_audited():
    client_user = factories.user("hi_assessor")
    from ansinh.health.assessment.run import run_assessment
    from ansinh.health.tests.claim_helpers import send

    send([claim(covered(), items=[line("02.1897", price=60_000)])])
    run_assessment()
    flagged = Claim.objects.get()
    assert list(review.queue()) == [flagged]
    with pytest.raises(DomainError):
        review.decide(flagged, client_user, "accepted", flagged.fund_claimed, "  ")
    review.decide(flagged, client_user, "accepted", flagged.fund_claimed, "Price agreed in the facility's contract")
    flagged.refresh_from_db()
    assert (flagged.outcome, flagged.fund_amount, flagged.review) == ("accepted", flagged.fund_claimed, "reviewed")
    assert ClaimReview.objects.get().reason.startswith("Price agreed")
    assert AuditEvent.objects.filter(object_type="health.claim", object_id=str(flagged.pk), action="update").exists()
    assert AuditEvent.objects.filter(object_type="health.claimreview", action="create").exists()
    assert list(review.queue()) == []
