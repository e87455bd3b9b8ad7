"""Nobody sees anyone else's data: an id changed in a URL gives 404 and the attempt is logged."""

import datetime as dt

import pytest

from ansinh.core.models import AuditEvent
from ansinh.procedures.tests.helpers import file_online
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_person():
    person = factories.person(full_name="Trần Văn Bình", birth_date=dt.date(1980, 1, 1), sex="male")
    factories.spell(person, factories.employer(), dt.date(2020, 1, 1), salary=9_000_000)
    return person


def _logged_in(client, citizen_with_person):
    account, person = citizen_with_person
    client.force_login(account)
    return person


def test_another_person_s_statement_is_404_and_logged(client, citizen_with_person, other_person):
    _logged_in(client, citizen_with_person)
    response = client.get(f"/portal/statement/{other_person.si_number}.pdf")
    assert response.status_code == 404
    assert AuditEvent.objects.filter(
        action="denied", object_type="registry.person", object_id=other_person.si_number
    ).exists()


def test_another_person_s_dossier_and_its_documents_are_404_and_logged(client, citizen_with_person, other_person):
    _logged_in(client, citizen_with_person)
    theirs = file_online(other_person)
    assert client.get(f"/services/dossiers/{theirs.receipt_code}/").status_code == 404
    assert client.get(f"/services/documents/{theirs.files.first().pk}/").status_code == 404
    denied = AuditEvent.objects.filter(action="denied")
    assert denied.filter(object_type="services.dossier", object_id=theirs.receipt_code).exists()
    assert denied.filter(object_type="services.dossierdocument").exists()


def test_the_citizen_opens_their_own_dossier_document_and_statement(client, citizen_with_person):
    person = _logged_in(client, citizen_with_person)
    factories.spell(person, factories.employer(), dt.date(2021, 1, 1), salary=8_000_000)
    mine = file_online(person)
    assert client.get(f"/services/dossiers/{mine.receipt_code}/").status_code == 200
    document = client.get(f"/services/documents/{mine.files.first().pk}/")
    assert document.status_code == 200 and b"".join(document.streaming_content).startswith(b"%PDF-")
    statement = client.get(f"/portal/statement/{person.si_number}.pdf")
    assert statement.status_code == 200 and statement.content.startswith(b"%PDF-")


def test_an_employer_sees_only_its_own_unit_s_dossiers(client, other_person):
    unit, stranger = factories.employer(), factories.employer()
    from ansinh.procedures import workflow
    from ansinh.procedures.models import Procedure
    from ansinh.procedures.tests.helpers import pdf

    dossier = workflow.submit(
        procedure=Procedure.objects.get(code="E1"),
        channel="online",
        employer=stranger,
        delivery="online",
        uploads=[pdf()],
    )
    client.force_login(factories.user("employer", org_code=unit.unit_code))
    assert client.get(f"/services/dossiers/{dossier.receipt_code}/").status_code == 404


def test_staff_reads_of_a_dossier_are_audited(client, other_person):
    dossier = file_online(other_person)
    client.force_login(factories.user("service_desk"))
    assert client.get(f"/services/dossiers/{dossier.receipt_code}/").status_code == 200
    assert AuditEvent.objects.filter(action="read", object_type="services.dossier", object_id=str(dossier.pk)).exists()


def test_portal_pages_are_for_citizens_only(client):
    client.force_login(factories.user("benefits_officer"))
    for url in ("/portal/history/", "/portal/card/", "/portal/dossiers/"):
        assert client.get(url).status_code == 403
