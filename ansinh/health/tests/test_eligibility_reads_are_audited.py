"""A facility's eligibility check reads a person's coverage: each one is an audited read."""

import pytest

from ansinh.core.models import AuditEvent
from ansinh.health.coverage import refresh_coverage
from ansinh.health.tests.helpers_coverage import employee, facility_client, today  # noqa: F401 — pytest fixtures, taken by name as parameters
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def test_an_eligibility_check_through_the_api_writes_a_read_event_for_the_person(client, facility_client, today):
    worker = employee()
    refresh_coverage(today)
    response = client.get(
        "/api/v1/health/eligibility",
        {"cccd": worker.cccd, "full_name": worker.full_name, "birth_date": "1990-03-12"},
        HTTP_AUTHORIZATION=facility_client["HTTP_AUTHORIZATION"],
    )
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="read", object_type="registry.person", object_id=str(worker.pk))
    assert event.actor == facility_client["user"] and "eligibility" in event.summary


def test_the_claims_queue_records_the_patients_it_showed(client):
    from ansinh.health.assessment.run import run_assessment
    from ansinh.health.models import Claim
    from ansinh.health.tests.claim_helpers import claim, covered, line, send

    send([claim(covered(), items=[line("02.1897", price=60_000)])])
    run_assessment()
    claim = Claim.objects.get()
    client.force_login(factories.user("hi_assessor"))
    assert client.get("/health/claims/").status_code == 200
    assert claim.person_id in AuditEvent.objects.get(action="read", summary="HI claims queue").changes["shown"]
