import pytest

from ansinh.core.models import AuditEvent
from ansinh.linkage.models import Finding
from ansinh.linkage.rules import fold_name
from ansinh.linkage.tests import helpers
from ansinh.registry.models import Person
from ansinh.testing import factories


@pytest.fixture
def finding(db, tmp_path):
    helpers.province(600)
    rows = helpers.true_rows()
    person = helpers.an_adult()
    Person.objects.filter(pk=person.pk).update(full_name=fold_name(person.full_name))
    run = helpers.reconcile(tmp_path, rows.values())
    return Finding.objects.get(run=run, person=person)


def test_a_service_desk_officer_sees_the_queue_and_the_finding_side_by_side_and_the_read_is_audited(client, finding):
    officer = factories.user("service_desk")
    client.force_login(officer)
    assert finding.person.full_name in client.get("/linkage/").content.decode()
    page = client.get(f"/linkage/findings/{finding.pk}/").content.decode()
    assert finding.candidates.get(rank=1).full_name in page
    assert AuditEvent.objects.filter(action="read", actor=officer, object_id=str(finding.person_id)).exists()


def test_accepting_from_the_page_corrects_the_registry(client, finding):
    client.force_login(factories.user("collection_officer"))
    correction = finding.corrections.get()
    client.post(f"/linkage/findings/{finding.pk}/corrections/{correction.pk}/accept/")
    finding.person.refresh_from_db()
    assert finding.person.full_name == correction.new_value


def test_citizens_and_employers_may_not_open_the_queue_and_only_managers_accept_in_bulk(client, finding):
    client.force_login(factories.user("citizen"))
    assert client.get("/linkage/").status_code == 403
    client.force_login(factories.user("collection_officer"))
    assert client.post("/linkage/bulk-accept/", {"min_probability": "99"}).status_code == 403
    client.force_login(factories.user("manager"))
    client.post("/linkage/bulk-accept/", {"min_probability": "99"})
    finding.refresh_from_db()
    assert finding.status == "resolved"
