import pytest

from ansinh.core.errors import DomainError
from ansinh.core.models import AuditEvent
from ansinh.linkage import review, services
from ansinh.linkage.models import Correction, Finding
from ansinh.linkage.rules import fold_name
from ansinh.linkage.tests import helpers
from ansinh.registry.models import Person
from ansinh.testing import factories


def _one_folded_name(tmp_path):
    helpers.province(800)
    rows = helpers.true_rows()
    person = helpers.an_adult()
    Person.objects.filter(pk=person.pk).update(full_name=fold_name(person.full_name).title(), cccd=None)
    run = helpers.reconcile(tmp_path, rows.values())
    return run, person, Finding.objects.get(run=run, person=person)


@pytest.mark.django_db
def test_accepting_a_correction_updates_the_person_writes_the_audit_log_and_a_second_accept_changes_nothing(tmp_path):
    run, person, finding = _one_folded_name(tmp_path)
    officer = factories.user("collection_officer")
    name_fix = finding.corrections.get(field="full_name")
    review.accept(name_fix.pk, by_user=officer)
    person.refresh_from_db()
    assert person.full_name == name_fix.new_value
    update = AuditEvent.objects.filter(object_type="registry.person", object_id=str(person.pk), action="update").get()
    assert update.actor == officer and update.changes["full_name"] == [name_fix.old_value, name_fix.new_value]
    events = AuditEvent.objects.count()
    review.accept(name_fix.pk, by_user=officer)
    assert AuditEvent.objects.count() == events
    assert Correction.objects.get(pk=name_fix.pk).decided_by == officer


@pytest.mark.django_db
def test_a_finding_is_resolved_once_every_correction_is_accepted_and_the_commune_counts_it_as_synced(tmp_path):
    run, person, finding = _one_folded_name(tmp_path)
    before = {r["commune_code"]: r["synced"] for r in services.sync_by_commune()}
    review.accept_finding(finding.pk)
    finding.refresh_from_db()
    person.refresh_from_db()
    assert finding.status == "resolved" and person.cccd
    after = {r["commune_code"]: r["synced"] for r in services.sync_by_commune()}
    assert after[finding.commune_code] == before[finding.commune_code] + 1


@pytest.mark.django_db
def test_a_cccd_held_by_another_record_is_not_accepted(tmp_path):
    run, person, finding = _one_folded_name(tmp_path)
    cccd_fix = finding.corrections.get(field="cccd")
    holder = Person.objects.exclude(pk=person.pk).order_by("pk").first()
    Person.objects.filter(pk=holder.pk).update(cccd=None)
    Person.objects.filter(pk=holder.pk).update(cccd=cccd_fix.new_value)
    with pytest.raises(DomainError):
        review.accept(cccd_fix.pk)
    assert Correction.objects.get(pk=cccd_fix.pk).status == "proposed"


@pytest.mark.django_db
def test_bulk_acceptance_above_a_probability_corrects_every_confident_match_with_one_batch_event(tmp_path):
    run, person, finding = _one_folded_name(tmp_path)
    counts = review.accept_above(run, 0.9)
    assert counts == {"accepted": 1, "skipped": 0}
    assert not Correction.objects.filter(finding__run=run, status="proposed").exists()
    assert (
        AuditEvent.objects.filter(
            action="batch", object_type="linkage.reconciliationrun", summary__contains="bulk"
        ).count()
        == 1
    )
