"""Check-in (XML0) and claims (GIAMDINHHS) sent through the gateway: taken whole with a receipt, or refused whole with
every error; a file sent twice gets its first receipt; the facility sends only for itself."""

import datetime as dt

import pytest
from django.utils import timezone

from ansinh.core.models import AuditEvent
from ansinh.health.coverage import refresh_coverage
from ansinh.health.models import CheckIn, Claim, Coverage, GatewayReceipt, Submission
from ansinh.health.tests import his_files
from ansinh.health.tests.gateway_helpers import b64, check, file_headers, gateway_account, session_query  # noqa: F401 — pytest fixtures, taken by name as parameters
from ansinh.health.tests.helpers_coverage import employee, today  # noqa: F401 — pytest fixtures, taken by name as parameters

pytestmark = pytest.mark.django_db
CHECK_IN, CLAIMS = "/api/qd130/checkInKcbQd4750", "/api/qd130/guiHoSoXmlQD4750"


@pytest.fixture
def patient(today):
    person = employee(full_name="Nguyễn Thị Lan", birth_date=dt.date(1990, 3, 12))
    refresh_coverage(today)
    card = Coverage.objects.get(person=person)
    return person, his_files.Patient("Nguyễn Thị Lan", person.cccd, card.card_code, "19900312", 2, card.facility.code)


def send(client, path, data: bytes, loai="130", facility="42001", **headers):
    form = {
        "username": "42001_BV",
        "loaiHoSo": loai,
        "maTinh": facility[:2],
        "maCSKCB": facility,
        "fileHSBase64": b64(data),
    }
    return client.post(path, form, **{**file_headers(client), **headers}).json()


def test_a_check_in_is_taken_with_a_receipt_and_linked_to_the_patient(client, gateway_account, patient):
    person, his = patient
    body = send(client, CHECK_IN, his_files.check_in("42001", his, "LK0001", "202506020815", rows=2), loai="0")
    assert body["maKetQua"] == "200" and len(body["maGiaoDich"]) == 32 and len(body["thoiGianTiepNhan"]) == 14
    rows = CheckIn.objects.filter(ma_lk="LK0001").order_by("stt")
    assert (
        [r.stt for r in rows] == [1, 2] and rows[0].person == person and timezone.localtime(rows[0].admitted).hour == 8
    )
    assert GatewayReceipt.objects.get(code=body["maGiaoDich"]).kind == "checkin"


def test_a_check_in_sent_again_gets_its_first_receipt_and_nothing_twice(client, gateway_account, patient):
    data = his_files.check_in("42001", patient[1], "LK0002", "202506020900")
    first, again = send(client, CHECK_IN, data, loai="0"), send(client, CHECK_IN, data, loai="0")
    assert again["maKetQua"] == "200" and again["maGiaoDich"] == first["maGiaoDich"]
    assert CheckIn.objects.filter(ma_lk="LK0002").count() == 1


def test_a_check_in_with_errors_is_refused_whole_with_every_error(client, gateway_account, patient):
    data = his_files.check_in("42001", patient[1], "LK0003", "2025060209", rows=2).replace(
        b"<GIOI_TINH>2</GIOI_TINH>", b"<GIOI_TINH>7</GIOI_TINH>", 1
    )
    body = send(client, CHECK_IN, data, loai="0")
    assert body["maKetQua"] == "205" and body["maGiaoDich"] is None
    assert {(e["truong"], e["dong"]) for e in body["dsLoi"]} == {("NGAY_VAO", 1), ("NGAY_VAO", 2), ("GIOI_TINH", 1)}
    assert not CheckIn.objects.exists()


def test_the_open_visit_appears_in_the_card_checks_history(client, gateway_account, patient):
    person, his = patient
    send(client, CHECK_IN, his_files.check_in("42001", his, "LK0004", f"{timezone.localdate():%Y%m%d}0730"), loai="0")
    body = check(client, session_query(client), person.cccd, his.full_name, "12/03/1990")
    assert [(v["maCSKCB"], v["ngayRa"]) for v in body["dsLichSuKCB2018"]] == [("42001", "")]


def test_claims_in_base64_are_received_through_the_claims_intake(client, gateway_account, patient):
    person, his = patient
    body = send(client, CLAIMS, his_files.claims("42001", his, "HS0001", "202506020800", "202506021000"))
    assert body["maKetQua"] == "200", body
    receipt = GatewayReceipt.objects.get(code=body["maGiaoDich"])
    assert receipt.kind == "claims" and receipt.submission.channel == "gateway" and receipt.rows == 1
    claim = Claim.objects.get(ma_lk="HS0001")
    assert claim.person == person and claim.submission.submitted_by.gateway_account == gateway_account


def test_claims_as_raw_xml_are_received_too(client, gateway_account, patient):
    data = his_files.claims("42001", patient[1], "HS0002", "202506030800", "202506031000")
    body = client.post(CLAIMS, data, content_type="application/xml", **file_headers(client)).json()
    assert body["maKetQua"] == "200" and Claim.objects.filter(ma_lk="HS0002").exists()


def test_the_visit_history_lists_the_claims_received(client, gateway_account, patient):
    person, his = patient
    day = timezone.localdate() - dt.timedelta(days=3)
    send(client, CLAIMS, his_files.claims("42001", his, "HS0003", f"{day:%Y%m%d}0800", f"{day:%Y%m%d}1000"))
    body = check(client, session_query(client), person.cccd, his.full_name, "1990")
    visit = body["dsLichSuKCB2018"][0]
    assert (
        visit["maCSKCB"] == "42001"
        and visit["ngayVao"] == f"{day:%Y%m%d}0800"
        and visit["ngayRa"] == f"{day:%Y%m%d}1000"
    )
    assert visit["tenBenh"].startswith("I10") and visit["maHoSo"] == str(Claim.objects.get(ma_lk="HS0003").pk)
    history = client.post(
        f"/api/egw/Lskcb2025?{session_query(client)}",
        {
            "maThe": person.cccd,
            "hoTen": his.full_name,
            "ngaySinh": "1990",
            "hoTenCb": "Phạm Thị Thơm",
            "cccdCb": "042186002959",
        },
    ).json()
    assert history["maKetQua"] == "000" and [v["maCSKCB"] for v in history["dsLichSuKCB2025"]] == ["42001"]


def test_claims_with_errors_are_refused_whole_with_every_error(client, gateway_account, patient):
    data = his_files.claims("42001", patient[1], "HS0004", "202506040800", "202506041000").replace(
        b"<MACSKCB>42001", b"<MACSKCB>42XX1"
    )
    body = send(client, CLAIMS, data)
    assert body["maKetQua"] == "205" and {(e["maLK"], e["truong"]) for e in body["dsLoi"]} == {("HS0004", "MA_CSKCB")}
    assert not Submission.objects.exists() and not GatewayReceipt.objects.exists()


def test_claims_sent_twice_get_the_first_receipt(client, gateway_account, patient):
    data = his_files.claims("42001", patient[1], "HS0005", "202506050800", "202506051000")
    first, again = send(client, CLAIMS, data), send(client, CLAIMS, data)
    assert first["maKetQua"] == again["maKetQua"] == "200" and again["maGiaoDich"] == first["maGiaoDich"]
    assert Submission.objects.count() == 1


def test_a_facility_sends_only_for_itself(client, gateway_account, patient):
    data = his_files.claims("42002", patient[1], "HS0006", "202506060800", "202506061000")
    assert send(client, CLAIMS, data, facility="42002")["maKetQua"] == "403"
    form = {"maCSKCB": "42001", "maTinh": "42", "loaiHoSo": "130", "fileHSBase64": b64(data)}
    body = client.post(CLAIMS, form, **file_headers(client)).json()
    assert body["maKetQua"] == "205" and "42002" in str(body["dsLoi"])


@pytest.mark.parametrize(
    "change, code",
    [
        ({"loaiHoSo": "7"}, "205"),
        ({"maTinh": "01"}, "205"),
        ({"fileHSBase64": "không phải base64"}, "205"),
        ({"username": "42002_BV"}, "401"),
    ],
)
def test_the_fields_around_the_file_must_fit(client, gateway_account, patient, change, code):
    data = his_files.claims("42001", patient[1], "HS0007", "202506070800", "202506071000")
    form = {
        "username": "42001_BV",
        "loaiHoSo": "130",
        "maTinh": "42",
        "maCSKCB": "42001",
        "fileHSBase64": b64(data),
        **change,
    }
    assert client.post(CLAIMS, form, **file_headers(client)).json()["maKetQua"] == code


def test_a_wrong_password_hash_header_is_no_session(client, gateway_account, patient):
    data = his_files.claims("42001", patient[1], "HS0008", "202506080800", "202506081000")
    body = send(client, CLAIMS, data, HTTP_PASSWORDHASH="0" * 32)
    assert body["maKetQua"] == "401" and not Submission.objects.exists()


def test_every_file_is_in_the_audit_log(client, gateway_account, patient):
    send(client, CHECK_IN, his_files.check_in("42001", patient[1], "LK0009", "202506090800"), loai="0")
    send(client, CLAIMS, b"not xml at all")
    services = [(e.changes["service"], e.changes["result"]) for e in AuditEvent.objects.filter(actor_label="42001_BV")]
    assert ("checkInKcbQd4750", "200") in services and ("guiHoSoXmlQD4750", "205") in services


def test_a_body_larger_than_the_server_accepts_answers_205(client, gateway_account, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = client.post(
        CLAIMS, b"<GIAMDINHHS>" + b" " * 2000 + b"</GIAMDINHHS>", content_type="application/xml", **file_headers(client)
    )
    assert body.status_code == 200 and body.json()["maKetQua"] == "205" and not GatewayReceipt.objects.exists()


def test_visits_older_than_the_history_window_are_not_shown(client, gateway_account, patient):
    person, his = patient
    old = timezone.localdate() - dt.timedelta(days=430)
    send(client, CLAIMS, his_files.claims("42001", his, "HS0010", f"{old:%Y%m%d}0800", f"{old:%Y%m%d}1000"))
    assert Claim.objects.filter(ma_lk="HS0010").exists()
    assert check(client, session_query(client), person.cccd, his.full_name, "1990")["dsLichSuKCB2018"] == []


def test_base64_with_line_breaks_or_an_unencoded_plus_is_read(client, gateway_account, patient):
    data = his_files.check_in("42001", patient[1], "LK0011", "202506110800")
    text = b64(data)
    wrapped = "\r\n".join(text[i : i + 76] for i in range(0, len(text), 76)).replace("+", " ")
    form = {"username": "42001_BV", "loaiHoSo": "0", "maTinh": "42", "maCSKCB": "42001", "fileHSBase64": wrapped}
    assert client.post(CHECK_IN, form, **file_headers(client)).json()["maKetQua"] == "200"
