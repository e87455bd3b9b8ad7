"""Every dossier and every step reaches the national portal through the outbox: in order, retried with
back-off through an outage, each attempt logged, replayable; the stand-in portal checks each message."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from ansinh.procedures import workflow
from ansinh.procedures.integration_models import OutboxDelivery, OutboxMessage
from ansinh.procedures.integrations import outbox, portal
from ansinh.procedures.integrations import protocol as p
from ansinh.procedures.models import Procedure, State
from ansinh.procedures.tests.helpers import file_online
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def _decided_counter_dossier():
    Procedure.objects.filter(code="D1").update(national_code="1.001667")
    desk, person = factories.user("service_desk"), factories.person(full_name="Lê Văn Bình")
    dossier = workflow.submit(
        procedure=Procedure.objects.get(code="D1"), channel="counter", person=person, delivery="counter", by_user=desk
    )
    workflow.move(dossier, State.IN_PROGRESS, desk)
    workflow.move(dossier, State.APPROVED, factories.user(dossier.procedure.handling_role), "Đủ điều kiện")
    return dossier


def test_a_counter_dossier_reaches_the_portal_with_every_step_in_order(portal_standin):
    dossier = _decided_counter_dossier()
    result = portal.deliver()
    assert result["sent"] == 6 and result["failed"] == 0
    synced = portal_standin.dossiers[dossier.receipt_code]
    assert synced["TrangThaiHoSo"] == str(p.DONE) and synced["MaTTHC"] == "1.001667"
    assert synced["ChuHoSo"] == "Lê Văn Bình" and synced["LoaiDoiTuong"] == "1"
    assert [s["TrangThai"] for s in portal_standin.progress] == ["2", "4", "9"]
    assert synced["NgayTiepNhan"] == p.portal_date(dossier.received_on)
    assert synced["NgayTiepNhan"].endswith("000000") and len(synced["NgayTiepNhan"]) == 14


def test_the_first_sync_is_new_and_later_ones_are_updates_after_looking_the_dossier_up(portal_standin):
    _decided_counter_dossier()
    portal.deliver()
    sync_calls = [b for m, path, b in portal_standin.requests if b"DongBoHoSoMC" in b]
    assert b'"isUpdating": "False"' in sync_calls[0] and all(b'"isUpdating": "True"' in b for b in sync_calls[1:])
    assert sum(b"TraCuuHoSo" in b for m, path, b in portal_standin.requests) == len(sync_calls)


def test_an_online_dossier_sends_its_documents_as_download_links(portal_standin, client, citizen_with_person):
    _, person = citizen_with_person
    Procedure.objects.filter(code="D1").update(national_code="1.001667")
    dossier = file_online(person, "D1")
    portal.deliver()
    documents = portal_standin.dossiers[dossier.receipt_code]["TaiLieuNop"]
    assert len(documents) == 1 and documents[0]["DuongDanTaiTepTin"].startswith("http")
    path = documents[0]["DuongDanTaiTepTin"].split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get("/services/portal-files/forged-token/").status_code == 404


def test_an_outage_is_retried_with_back_off_and_nothing_arrives_out_of_order(portal_standin):
    dossier = _decided_counter_dossier()
    portal_standin.fail_next = 1
    first = portal.deliver()
    assert first == {"sent": 0, "failed": 1, "gave_up": 0, "held": 5}
    waiting = OutboxMessage.objects.filter(status="pending").first()
    assert waiting.attempts == 1 and waiting.next_attempt_at > timezone.now() + dt.timedelta(seconds=25)
    assert OutboxDelivery.objects.get().error_code == "http_503"
    assert portal.deliver()["sent"] == 0  # still backing off: later steps wait too
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    assert portal.deliver()["sent"] == 6
    assert [s["TrangThai"] for s in portal_standin.progress] == ["2", "4", "9"]
    assert portal_standin.dossiers[dossier.receipt_code]["TrangThaiHoSo"] == "9"


def test_a_message_that_keeps_failing_gives_up_and_the_operator_replays_it(portal_standin):
    _decided_counter_dossier()
    portal_standin.fail_next = 3
    for _ in range(3):
        portal.deliver()
        OutboxMessage.objects.filter(status="pending").update(next_attempt_at=timezone.now())
    assert OutboxMessage.objects.filter(status="failed").count() == 1
    assert OutboxDelivery.objects.filter(ok=False).count() == 3
    call_command("portal_sync", "--replay-failed")
    assert OutboxMessage.objects.filter(status="sent").count() == 6
    assert outbox.backoff_seconds(1, 30, 3600) == 30 and outbox.backoff_seconds(4, 30, 3600) == 240
    assert outbox.backoff_seconds(20, 30, 3600) == 3600


def test_a_lost_session_is_renewed_once(portal_standin):
    _decided_counter_dossier()
    client = portal.PortalClient.from_settings()
    client.login()
    portal_standin.sessions.clear()
    assert portal.deliver(client=client)["sent"] == 6


def test_a_procedure_not_linked_to_the_portal_catalogue_is_refused_with_the_reason(portal_standin):
    workflow.submit(
        procedure=Procedure.objects.get(code="D2"), channel="counter", person=factories.person(), delivery="counter"
    )
    assert portal.deliver()["failed"] == 1
    assert "MaTTHC" in OutboxMessage.objects.get(status="pending", operation=portal.SYNC).last_error


def test_nothing_is_sent_while_the_portal_is_not_configured(settings):
    settings.PORTAL_ADAPTER_URL = ""
    _decided_counter_dossier()
    assert portal.deliver() == {"configured": False, "pending": 6}


def test_the_catalogue_is_pulled_and_linked_by_the_portal_code(portal_standin):
    Procedure.objects.filter(code="C7").update(national_code="1.001667")
    call_command("portal_sync", "--pull-catalogue")
    from ansinh.procedures.integration_models import NationalProcedure

    entry = NationalProcedure.objects.get(code="1.001667")
    assert entry.field_code == "G26-BH01" and "6 Ngày làm việc" in entry.time_limit
    dossier = workflow.submit(
        procedure=Procedure.objects.get(code="C7"), channel="counter", person=factories.person(), delivery="counter"
    )
    assert portal.dossier_record(dossier)["TenTTHC"] == "Giải quyết hưởng trợ cấp ốm đau"


def test_portal_dates_are_vietnam_time():
    moment = dt.datetime(2025, 3, 4, 17, 30, tzinfo=dt.UTC)
    assert p.portal_date(moment) == "20250305003000"
    assert p.parse_portal_date("20250305003000") == moment
    with pytest.raises(p.ProtocolError):
        p.parse_portal_date("2025-03-05")
