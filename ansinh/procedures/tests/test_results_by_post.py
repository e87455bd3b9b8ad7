"""A result by post goes to VNPost: the order gives the tracking number, tracking statuses are pulled or
reported by the post office, a delivered parcel dates the return and a failed one reopens the hand-over."""

import datetime as dt

import pytest
from django.core.management import call_command

from ansinh.procedures import services, workflow
from ansinh.procedures.inbound import postal
from ansinh.procedures.integrations import portal
from ansinh.procedures.models import State
from ansinh.procedures.tests.helpers import file_online
from ansinh.testing import factories

pytestmark = pytest.mark.django_db(transaction=True)
VN = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture
def posted(vnpost_standin, citizen_with_person):
    _, person = citizen_with_person
    dossier = file_online(person, "D1", delivery="post", postal_address="Số 5 Nguyễn Du, TP Hà Tĩnh")
    desk = factories.user("service_desk")
    workflow.move(dossier, State.IN_PROGRESS, desk)
    workflow.move(dossier, State.APPROVED, factories.user(dossier.procedure.handling_role), "Đủ điều kiện")
    shipment = postal.send_result(dossier, desk, postal.VNPostClient.from_settings())
    return vnpost_standin, dossier, shipment


def test_sending_creates_the_order_with_the_dossier_number_and_keeps_the_tracking_number(posted):
    standin, dossier, shipment = posted
    order = standin.orders[shipment.item_code]
    assert order["saleOrderCode"] == dossier.receipt_code and order["receiverAddress"] == "Số 5 Nguyễn Du, TP Hà Tĩnh"
    dossier.refresh_from_db()
    assert dossier.tracking_ref == shipment.item_code and dossier.delivered_on is not None
    assert shipment.fee == 22_000


def test_pulled_tracking_moves_the_parcel_and_delivery_dates_the_return(posted):
    standin, dossier, shipment = posted
    standin.report(shipment.item_code, 6, "Lấy hàng thành công", dt.datetime(2025, 3, 6, 8, tzinfo=VN))
    standin.report(
        shipment.item_code, 14, "Phát thành công", dt.datetime(2025, 3, 7, 10, tzinfo=VN), "Bưu cục Thạch Hà"
    )
    call_command("track_parcels")
    shipment.refresh_from_db()
    dossier.refresh_from_db()
    assert shipment.status == "delivered" and [e.code for e in shipment.events.all()] == ["6", "14"]
    assert dossier.delivered_on == dt.date(2025, 3, 7)
    call_command("track_parcels")  # nothing new: nothing doubled
    assert shipment.events.count() == 2
    assert portal.dossier_record(dossier)["TrangThaiHoSo"] == "10"


def test_a_failed_delivery_puts_the_result_back_in_the_desk_queue(posted):
    _, dossier, shipment = posted
    assert dossier not in services.awaiting_delivery()
    postal.apply_status(shipment.item_code, "15", dt.datetime(2025, 3, 7, 10, tzinfo=VN), "Người nhận vắng nhà")
    dossier.refresh_from_db()
    assert dossier.delivered_on is None and dossier in services.awaiting_delivery()
    assert portal.dossier_record(dossier)["TrangThaiHoSo"] == "9"


def test_the_post_office_reports_by_api_with_its_token(posted, client):
    _, dossier, shipment = posted
    token = factories.token_for(factories.user("post_office"))
    url = f"/api/v1/services/shipments/{shipment.item_code}/events"
    body = {"code": "14", "at": "2025-03-07T10:00:00+07:00", "place": "Bưu cục Cẩm Xuyên"}
    assert client.post(url, body, content_type="application/json").status_code == 401
    citizen = factories.token_for(factories.user("citizen"))
    assert (
        client.post(url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {citizen}").status_code
        == 403
    )
    answer = client.post(url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert answer.status_code == 200 and answer.json()["result"] == {"status": "delivered"}
    unknown = client.post(
        "/api/v1/services/shipments/EV000000000VN/events",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert unknown.status_code == 422


def test_an_older_status_arriving_late_does_not_move_the_parcel_back(posted):
    _, _, shipment = posted
    postal.apply_status(shipment.item_code, "12", dt.datetime(2025, 3, 7, 8, tzinfo=VN))
    postal.apply_status(shipment.item_code, "10", dt.datetime(2025, 3, 6, 8, tzinfo=VN))
    shipment.refresh_from_db()
    assert shipment.status == "delivering" and shipment.events.count() == 2
