"""A dossier moves through its states; each move is allowed only to the right role, and audited."""

import datetime as dt

import pytest

from ansinh.core.errors import DomainError
from ansinh.core.models import AuditEvent
from ansinh.procedures import workflow
from ansinh.procedures.models import State
from ansinh.procedures.tests.helpers import file_online
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(citizen_with_person):
    _, person = citizen_with_person
    return file_online(person, "C12")  # one-off SI: handled by a benefits officer


@pytest.mark.parametrize("role", ["citizen", "employer", "collection_officer", "hi_assessor", "manager"])
def test_only_the_service_desk_or_the_handler_may_take_up_a_received_dossier(dossier, role):
    with pytest.raises(DomainError) as refused:
        workflow.move(dossier, State.IN_PROGRESS, factories.user(role))
    assert refused.value.status == 403
    dossier.refresh_from_db()
    assert dossier.state == State.RECEIVED


def test_the_service_desk_forwards_and_only_the_benefits_officer_decides(dossier):
    desk, officer = factories.user("service_desk"), factories.user("benefits_officer")
    workflow.move(dossier, State.IN_PROGRESS, desk)
    for role in ("service_desk", "collection_officer", "citizen"):
        with pytest.raises(DomainError):
            workflow.move(dossier, State.APPROVED, factories.user(role))
    workflow.move(dossier, State.APPROVED, officer, "Đủ điều kiện")
    dossier.refresh_from_db()
    assert dossier.state == State.APPROVED and dossier.finished_on is not None
    assert list(dossier.events.values_list("to_state", flat=True)) == ["received", "in_progress", "approved"]


def test_every_state_change_is_in_the_audit_log_with_the_officer(dossier):
    desk = factories.user("service_desk")
    workflow.move(dossier, State.IN_PROGRESS, desk)
    change = AuditEvent.objects.filter(
        object_type="services.dossier", object_id=str(dossier.pk), action="update"
    ).last()
    assert change.changes["state"] == ["received", "in_progress"]


def test_a_request_for_information_needs_a_note_and_only_the_applicant_or_desk_answers_it(dossier, citizen_with_person):
    account, _ = citizen_with_person
    officer = factories.user("benefits_officer")
    workflow.move(dossier, State.IN_PROGRESS, officer)
    with pytest.raises(DomainError):
        workflow.move(dossier, State.INFO_REQUESTED, officer, "")
    workflow.move(dossier, State.INFO_REQUESTED, officer, "Thiếu sổ BHXH")
    with pytest.raises(DomainError):
        workflow.move(dossier, State.IN_PROGRESS, officer)
    with pytest.raises(DomainError):
        workflow.move(dossier, State.IN_PROGRESS, factories.user("citizen"))  # another citizen
    workflow.move(dossier, State.IN_PROGRESS, account)
    dossier.refresh_from_db()
    assert dossier.state == State.IN_PROGRESS and dossier.paused_on is None


def test_a_decided_dossier_cannot_be_reopened(dossier):
    officer = factories.user("benefits_officer")
    workflow.move(dossier, State.IN_PROGRESS, officer)
    workflow.move(dossier, State.REFUSED, officer, "Chưa đủ thời gian đóng")
    with pytest.raises(DomainError):
        workflow.move(dossier, State.IN_PROGRESS, officer)


def test_a_result_by_post_needs_a_tracking_reference_and_the_service_desk(citizen_with_person):
    _, person = citizen_with_person
    dossier = file_online(person, "D1", delivery="post", postal_address="Số 5 Trần Phú, TP Hà Tĩnh")
    desk = factories.user("service_desk")
    workflow.move(dossier, State.IN_PROGRESS, desk)
    workflow.move(dossier, State.APPROVED, desk)
    with pytest.raises(DomainError):
        workflow.record_delivery(dossier, factories.user("benefits_officer"), "EV123456789VN")
    with pytest.raises(DomainError):
        workflow.record_delivery(dossier, desk, "")
    workflow.record_delivery(dossier, desk, "EV123456789VN", today=dt.date(2026, 3, 2))
    dossier.refresh_from_db()
    assert dossier.tracking_ref == "EV123456789VN" and dossier.delivered_on == dt.date(2026, 3, 2)
