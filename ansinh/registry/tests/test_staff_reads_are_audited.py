import pytest

from ansinh.core.models import AuditEvent
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def test_a_staff_read_of_a_person_record_is_audited_with_who_and_from_where(client):
    officer = factories.user("service_desk")
    person = factories.person()
    client.force_login(officer)
    response = client.get(f"/registry/people/{person.pk}/", REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="read", object_type="registry.person", object_id=str(person.pk))
    assert event.actor == officer and event.ip == "10.1.2.3"


def test_a_citizen_cannot_open_the_staff_person_pages(client, citizen_with_person):
    account, person = citizen_with_person
    client.force_login(account)
    assert client.get(f"/registry/people/{person.pk}/").status_code == 403


def test_a_change_to_business_data_is_audited_with_the_changed_fields(client):
    officer = factories.user("collection_officer")
    unit = factories.employer()
    from ansinh.core import audit

    with audit.acting_as(officer):
        unit.name = "Công ty Cổ phần Mới"
        unit.save()
    event = AuditEvent.objects.filter(action="update", object_type="registry.employer").latest("id")
    assert event.actor == officer
    assert event.changes["name"][1] == "Công ty Cổ phần Mới"


def test_the_api_refuses_a_person_lookup_without_a_token_and_for_a_wrong_role(client):
    person = factories.person()
    assert client.get(f"/api/v1/registry/people/{person.cccd}").status_code == 401
    bank = factories.user("bank")
    response = client.get(
        f"/api/v1/registry/people/{person.cccd}", HTTP_AUTHORIZATION=f"Bearer {factories.token_for(bank)}"
    )
    assert response.status_code == 403


def test_the_api_answers_staff_with_a_token_and_audits_the_read(client):
    person = factories.person()
    officer = factories.user("benefits_officer")
    response = client.get(
        f"/api/v1/registry/people/{person.cccd}", HTTP_AUTHORIZATION=f"Bearer {factories.token_for(officer)}"
    )
    assert response.status_code == 200 and response.json()["full_name"] == person.full_name
    assert AuditEvent.objects.filter(action="read", object_id=str(person.pk), actor=officer).exists()
