"""Every staff list that shows people's data writes a read event naming the records on the page."""

import pytest

from ansinh.core.models import AuditEvent
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def _read_of(summary: str) -> AuditEvent:
    return AuditEvent.objects.get(action="read", summary=summary)


def _as(client, role, **extra):
    account = factories.user(role, **extra)
    client.force_login(account)
    return account


def test_a_registry_search_records_whom_it_showed(client):
    officer = _as(client, "service_desk")
    person = factories.person(full_name="Hồ Văn Tìm")
    assert client.get("/registry/people/", {"q": "Tìm"}, REMOTE_ADDR="10.1.2.3").status_code == 200
    event = _read_of("person search")
    assert event.actor == officer and event.changes["shown"] == [person.pk] and "q=" in event.changes["query"]
    assert event.ip == "10.1.2.3"


def test_an_empty_search_shows_nobody_and_records_nothing(client):
    _as(client, "service_desk")
    client.get("/registry/people/")
    assert not AuditEvent.objects.filter(action="read").exists()


def test_the_admin_person_list_records_whom_it_showed(client):
    _as(client, "administrator", is_staff=True, is_superuser=True)
    person = factories.person()
    assert client.get("/admin/registry/person/", {"q": person.cccd}).status_code == 200
    assert _read_of("person list (admin)").changes["shown"] == [person.pk]


def test_the_benefit_case_list_records_the_people_of_its_cases(client):
    from ansinh.benefits import services

    officer = _as(client, "benefits_officer")
    person = factories.person()
    services.open_case(person, "funeral", officer)
    assert client.get("/benefits/cases/").status_code == 200
    assert _read_of("benefit case list").changes["shown"] == [person.pk]


def test_the_eligibility_checks_list_records_the_people_checked(client):
    from ansinh.health.models import EligibilityCheck

    _as(client, "hi_assessor")
    person = factories.person()
    EligibilityCheck.objects.create(facility_code="42001", person=person, query="042•••123", result_code="000")
    assert client.get("/health/lookups/").status_code == 200
    assert _read_of("eligibility checks list").changes["shown"] == [person.pk]


def test_the_assistant_feedback_page_records_the_personal_answers_it_shows(client):
    from ansinh.assistant.models import Exchange

    _as(client, "service_desk")
    citizen = factories.user("citizen")
    personal = Exchange.objects.create(
        question="how much did I pay?",
        lang="en",
        answer="You paid 1,000,000 đồng.",
        kind="personal",
        confidence=1.0,
        user=citizen,
        helpful=False,
    )
    Exchange.objects.create(
        question="what is HI?", lang="en", answer="Health insurance.", kind="policy", confidence=1.0, helpful=False
    )
    assert client.get("/assistant/feedback/").status_code == 200
    assert _read_of("assistant feedback with personal answers").changes["shown"] == [personal.pk]


def test_the_reconciliation_queue_records_the_people_of_its_findings(client):
    from ansinh.linkage.models import Finding, PopulationExtract, ReconciliationRun

    _as(client, "collection_officer")
    person = factories.person()
    extract = PopulationExtract.objects.create(file_name="x.csv", sha256="0" * 64, parquet_path="x.parquet", rows=1)
    run = ReconciliationRun.objects.create(extract=extract)
    Finding.objects.create(
        run=run, person=person, commune_code="43601", area_code="436", outcome="not_found", method="exact"
    )
    assert client.get("/linkage/").status_code == 200
    assert _read_of("reconciliation queue").changes["shown"] == [person.pk]
