"""Dossiers the national portal forwards are filed once with their documents; the same dossier again
answers "duplicate"; a forged or malformed message changes nothing."""

import json

import pytest

from ansinh.procedures.integrations import protocol as p
from ansinh.procedures.models import Dossier, Procedure
from ansinh.procedures.tests.helpers import PDF
from ansinh.testing import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def forwarded(portal_standin, live_server):
    Procedure.objects.filter(code="C7").update(national_code="1.001667")
    person = factories.person(full_name="Trần Thị Mai")
    portal_standin.files["giay-ra-vien.pdf"] = PDF
    message = {
        "MaHoSo": "G26.99-250305-0001",
        "MaTTHC": "1.001667",
        "SoDinhDanh": person.cccd,
        "ChuHoSo": "Trần Thị Mai",
        "NgayTiepNhan": "20250305091500",
        "HinhThuc": "1",
        "DiaChiNhanKetQua": "Thôn 3, xã Thạch Hạ",
        "SoDienThoai": "0912345678",
        "TaiLieuNop": [
            {
                "TenTepDinhKem": "giay-ra-vien.pdf",
                "TenGiayTo": "Giấy ra viện",
                "DuongDanTaiTepTin": f"{portal_standin.url}/files/giay-ra-vien.pdf",
            }
        ],
    }
    return portal_standin, f"{live_server.url}/api/v1/services/portal/dossiers", message, person


def test_a_forwarded_dossier_is_filed_with_its_documents_and_the_portal_code(forwarded):
    standin, endpoint, message, person = forwarded
    answer = standin.forward(endpoint, message, "khoa-chuyen-ho-so").json()
    assert answer["error_code"] == 0 and answer["result"]["duplicate"] is False
    dossier = Dossier.objects.get(receipt_code=answer["result"]["SoBienNhan"])
    assert dossier.portal_code == "G26.99-250305-0001" and dossier.channel == "portal" and dossier.person == person
    assert str(dossier.received_on) == "2025-03-05" and dossier.delivery == "post"
    assert [d.label for d in dossier.files.all()] == ["Giấy ra viện"]


def test_the_same_dossier_forwarded_again_answers_duplicate_and_files_nothing(forwarded):
    standin, endpoint, message, _ = forwarded
    first = standin.forward(endpoint, message, "khoa-chuyen-ho-so").json()
    again = standin.forward(endpoint, message, "khoa-chuyen-ho-so").json()
    assert again["error_code"] == 0 and again["result"] == {
        "SoBienNhan": first["result"]["SoBienNhan"],
        "duplicate": True,
    }
    assert Dossier.objects.filter(portal_code=message["MaHoSo"]).count() == 1


def test_the_portal_code_is_what_the_portal_hears_back_about(forwarded):
    from ansinh.procedures.integrations import portal

    standin, endpoint, message, _ = forwarded
    standin.forward(endpoint, message, "khoa-chuyen-ho-so")
    portal.deliver()
    assert message["MaHoSo"] in standin.dossiers


def test_a_message_with_a_wrong_checksum_is_refused(forwarded):
    standin, endpoint, message, _ = forwarded
    response = standin.forward(endpoint, message, "not-the-secret")
    assert response.status_code == 401 and not Dossier.objects.exists()


@pytest.mark.parametrize(
    "change, code, field",
    [
        ({"SoDinhDanh": ""}, "10", "SoDinhDanh"),
        ({"NgayTiepNhan": "05/03/2025"}, "10", "date"),
        ({"MaTTHC": "9.999999"}, "11", "MaTTHC"),
        ({"SoDinhDanh": "042099000001"}, "12", "SoDinhDanh"),
        ({"HinhThuc": "7"}, "10", "HinhThuc"),
    ],
)
def test_a_bad_message_answers_what_is_wrong_and_files_nothing(forwarded, change, code, field):
    standin, endpoint, message, _ = forwarded
    answer = standin.forward(endpoint, {**message, **change}, "khoa-chuyen-ho-so").json()
    assert answer["error_code"] == code and field in answer["message"]
    assert not Dossier.objects.exists()


def test_a_document_that_cannot_be_downloaded_refuses_the_dossier(forwarded):
    standin, endpoint, message, _ = forwarded
    message["TaiLieuNop"][0]["DuongDanTaiTepTin"] = f"{standin.url}/files/missing.pdf"
    answer = standin.forward(endpoint, message, "khoa-chuyen-ho-so").json()
    assert answer["error_code"] == "13" and not Dossier.objects.exists()


@pytest.mark.parametrize(
    "url, code, says",
    [
        ("http://169.254.169.254/latest/meta-data/", "13", "file hosts"),
        ("http://intranet.ansinh.local/files/giay-ra-vien.pdf", "13", "file hosts"),
        ("file:///etc/passwd", "10", "DuongDanTaiTepTin"),
    ],
)
def test_documents_are_fetched_only_from_the_portals_own_file_hosts(forwarded, url, code, says):
    standin, endpoint, message, _ = forwarded
    message["TaiLieuNop"][0]["DuongDanTaiTepTin"] = url
    answer = standin.forward(endpoint, message, "khoa-chuyen-ho-so").json()
    assert answer["error_code"] == code and says in answer["message"] and not Dossier.objects.exists()
    assert not [path for _, path, _ in standin.requests if path.startswith("/files/")]


def test_the_checksum_is_hmac_sha256_of_the_body():
    body = json.dumps({"MaHoSo": "X"}).encode()
    assert p.checksum_ok("k", body, p.checksum("k", body)) and not p.checksum_ok("", body, p.checksum("", body))
