"""The gateway's card check (KQNhanLichSuKCB2024): every result code a hospital system handles, the fields it prints
and stores, the receptionist, the history, and the same answer as An Sinh's own API."""

import datetime as dt

import pytest
from django.test import override_settings

from ansinh.core.models import AuditEvent
from ansinh.health.coverage import refresh_coverage
from ansinh.health.models import CardStop, Coverage, CoverageRun, EligibilityCheck, FormerCard
from ansinh.health.tests.gateway_helpers import RECEPTIONIST, check, gateway_account, session_query  # noqa: F401 — pytest fixtures, taken by name as parameters
from ansinh.health.tests.helpers_coverage import employee, facility_client, today  # noqa: F401 — pytest fixtures, taken by name as parameters
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
NAME, BORN = "Nguyễn Thị Lan", "12/03/1990"


@pytest.fixture
def worker(today):
    person = employee(full_name=NAME, birth_date=dt.date(1990, 3, 12))
    refresh_coverage(today)
    return person


@pytest.fixture
def query(client, gateway_account):
    return session_query(client)


def test_a_covered_patient_answers_000_with_the_fields_a_hospital_prints(client, query, worker):
    body = check(client, query, worker.cccd, NAME, BORN)
    card = Coverage.objects.get(person=worker)
    assert body["maKetQua"] == "000" and body["ghiChu"]
    assert body["maThe"] == card.card_code and body["maSoBHXH"] == worker.si_number
    assert body["hoTen"] == NAME and body["ngaySinh"] == BORN and body["gioiTinh"] == "Nữ"
    assert body["gtTheTu"] == f"{card.valid_from:%d/%m/%Y}" and body["gtTheDen"] == f"{card.valid_to:%d/%m/%Y}"
    assert body["maDKBD"] == card.facility.code and body["cqBHXH"] and worker.commune.name in body["diaChi"]
    assert body["ngayDu5Nam"] == f"{card.five_years_from:%d/%m/%Y}"
    assert body["dsLichSuKCB2018"] == [] and body["dsLichSuKT2018"] == []


@pytest.mark.parametrize("how", ["card", "si_number", "year_only", "lower_case_name"])
def test_the_patient_is_found_by_card_code_or_si_number_with_a_full_date_or_the_year(client, query, worker, how):
    card = Coverage.objects.get(person=worker).card_code
    ma_the, name, born = {
        "card": (card, NAME, BORN),
        "si_number": (worker.si_number, NAME, BORN),
        "year_only": (worker.cccd, NAME, "1990"),
        "lower_case_name": (card, "nguyen thi lan", BORN),
    }[how]
    assert check(client, query, ma_the, name, born)["maKetQua"] == "000"


@pytest.mark.parametrize(
    "receptionist, code",
    [(("Phạm Thị Thơm", "042186009999"), "054"), (("Trần Văn Nam", RECEPTIONIST[1]), "055"), (("", ""), "054")],
)
def test_a_receptionist_not_registered_or_misnamed_is_refused(client, query, worker, receptionist, code):
    body = check(client, query, worker.cccd, NAME, BORN, receptionist=receptionist)
    assert body["maKetQua"] == code and body["hoTen"] is None and body["maThe"] is None


@pytest.mark.parametrize(
    "ma_the, code",
    [
        ("ZZ4420000000001", "051"),  # no such group letters
        ("DN4000000000001", "052"),  # 00 is no province
        ("DN5420000000001", "053"),  # DN cards carry benefit digit 4
        ("QN5970000000001", "001"),  # issued by the army's social insurance
        ("CA5980000000001", "002"),  # issued by the police's social insurance
        ("DN44212", "051"),  # no card code at all
    ],
)
def test_card_codes_that_cannot_be_right_are_named_by_their_wrong_part(client, query, worker, ma_the, code):
    assert check(client, query, ma_the, NAME, BORN)["maKetQua"] == code


def test_the_patients_own_si_number_under_a_wrong_group_or_digit_is_refused(client, query, worker):
    assert check(client, query, f"HT3{42}{worker.si_number}", NAME, BORN)["maKetQua"] == "051"
    assert check(client, query, f"DN3{42}{worker.si_number}", NAME, BORN)["maKetQua"] == "053"


@pytest.mark.parametrize(
    "name, born, code",
    [
        ("Trần Văn Nam", BORN, "060"),
        ("Nguyễn Thị Lành", BORN, "061"),
        (NAME, "12/03/1991", "070"),
        (NAME, "1991", "070"),
    ],
)
def test_a_wrong_name_or_birth_date_answers_without_the_card(client, query, worker, name, born, code):
    body = check(client, query, worker.cccd, name, born)
    assert body["maKetQua"] == code and body["maThe"] is None and body["dsLichSuKCB2018"] is None


def test_an_expired_card_and_a_card_not_yet_valid_both_answer_010_with_different_notes(client, query, worker, today):
    Coverage.objects.filter(person=worker).update(valid_to=today - dt.timedelta(days=1))
    expired = check(client, query, worker.cccd, NAME, BORN)
    Coverage.objects.filter(person=worker).update(
        valid_from=today + dt.timedelta(days=3), valid_to=today + dt.timedelta(days=300)
    )
    not_yet = check(client, query, worker.cccd, NAME, BORN)
    assert expired["maKetQua"] == not_yet["maKetQua"] == "010"
    assert expired["ghiChu"] != not_yet["ghiChu"] and not_yet["gtTheTu"] == f"{today + dt.timedelta(days=3):%d/%m/%Y}"


@pytest.mark.parametrize("stop", ["110", "121", "124"])
def test_a_revoked_or_reported_stopped_card_answers_its_code(client, query, today, stop):
    person = employee(full_name=NAME, birth_date=dt.date(1990, 3, 12))
    CardStop.objects.create(person=person, result_code=stop, reason="test", effective=today - dt.timedelta(days=2))
    refresh_coverage(today)
    assert check(client, query, person.cccd, NAME, BORN)["maKetQua"] == stop


def test_an_old_card_replaced_by_a_new_one_answers_004_then_003_with_the_new_card(client, query, worker, today):
    old = Coverage.objects.get(person=worker)
    FormerCard.objects.create(
        person=worker,
        card_code=f"HT3{42}{worker.si_number}",
        valid_from=old.valid_from - dt.timedelta(days=365),
        valid_to=today + dt.timedelta(days=10),
        facility=old.facility,
        replaced_on=today,
        new_card_code=old.card_code,
    )
    body = check(client, query, f"HT342{worker.si_number}", NAME, BORN)
    assert body["maKetQua"] == "004" and body["maThe"] == f"HT342{worker.si_number}"
    assert (
        body["maTheMoi"] == old.card_code
        and body["gtTheDenMoi"] == f"{old.valid_to:%d/%m/%Y}"
        and body["maDKBDMoi"] == old.facility.code
    )
    FormerCard.objects.update(valid_to=today - dt.timedelta(days=1))
    assert check(client, query, f"HT342{worker.si_number}", NAME, BORN)["maKetQua"] == "003"
    assert check(client, query, worker.cccd, NAME, BORN)["maTheCu"] == f"HT342{worker.si_number}"


def test_a_card_that_lapsed_answers_010_rather_than_no_card(client, query, worker, today):
    old = Coverage.objects.get(person=worker)
    FormerCard.objects.create(
        person=worker,
        card_code=old.card_code,
        valid_from=old.valid_from - dt.timedelta(days=400),
        valid_to=today - dt.timedelta(days=30),
        facility=old.facility,
        replaced_on=today,
    )
    old.delete()
    body = check(client, query, worker.cccd, NAME, BORN)
    assert body["maKetQua"] == "010" and body["maThe"] == old.card_code


def test_a_young_child_without_a_card_answers_130(client, query, worker, today):
    child = factories.person(full_name="Lê Minh An", birth_date=today - dt.timedelta(days=40), sex="male")
    body = check(client, query, child.cccd, "Lê Minh An", f"{child.birth_date:%d/%m/%Y}")
    assert body["maKetQua"] == "130" and body["hoTen"] is None


def test_no_coverage_computed_yet_answers_100(client, query):
    person = factories.person()
    assert not CoverageRun.objects.exists()
    assert check(client, query, person.cccd, person.full_name, f"{person.birth_date:%d/%m/%Y}")["maKetQua"] == "100"


@pytest.mark.parametrize("field, value", [("ngaySinh", "31/02/1990"), ("ngaySinh", "1990-3"), ("hoTen", "")])
def test_a_parameter_in_the_wrong_format_answers_205(client, query, worker, field, value):
    body = {
        "maThe": worker.cccd,
        "hoTen": NAME,
        "ngaySinh": BORN,
        "hoTenCb": RECEPTIONIST[0],
        "cccdCb": RECEPTIONIST[1],
        field: value,
    }
    assert client.post(f"/api/egw/KQNhanLichSuKCB2024?{query}", body).json()["maKetQua"] == "205"


def test_the_history_shows_earlier_checks_and_every_check_is_logged_with_the_receptionist(client, query, worker):
    check(client, query, worker.cccd, "Sai Ten", BORN)
    body = check(client, query, worker.cccd, NAME, BORN)
    assert [(c["maLoi"], c["userKT"]) for c in body["dsLichSuKT2018"]] == [("060", "42001_BV")]
    assert body["dsLichSuKT2018"][0]["thoiGianKT"].isdigit() and len(body["dsLichSuKT2018"][0]["thoiGianKT"]) == 12
    logged = EligibilityCheck.objects.filter(person=worker, channel="gateway")
    assert logged.count() == 2 and all(c.receptionist and c.receptionist.cccd == RECEPTIONIST[1] for c in logged)
    event = AuditEvent.objects.filter(path__startswith="/api/egw/", action="read", object_id=str(worker.pk)).first()
    assert event.actor_label == "42001_BV" and event.changes["receptionist"]["name"] == RECEPTIONIST[0]
    assert event.changes["receptionist"]["cccd"].endswith(RECEPTIONIST[1][-3:]) and RECEPTIONIST[1] not in event.summary


@pytest.mark.parametrize("path", ["KQNhanLichSuKCB2019", "NhanLichSuKCB2018"])
def test_the_earlier_forms_answer_the_same_shape(client, query, worker, path):
    body = check(client, query, worker.cccd, NAME, BORN, path=path)
    assert body["maKetQua"] == "000" and body["maThe"] and "dsLichSuKCB2018" in body


@pytest.mark.parametrize(
    "ma_the, name, born",
    [
        ("{cccd}", NAME, "1990-03-12"),
        ("{si}", NAME, "1990"),
        ("{si}", "Trần Văn Nam", "1990"),
        ("{cccd}", NAME, "1991-03-12"),
        ("ZZ4420000000001", NAME, "1990"),
        ("DN5420000000001", NAME, "1990"),
        ("QN5970000000001", NAME, "1990"),
        ("042190999999", NAME, "1990"),
    ],
)
def test_the_gateway_and_the_rest_api_give_the_same_answer(client, query, facility_client, worker, ma_the, name, born):
    ma_the = ma_the.format(cccd=worker.cccd, si=worker.si_number)
    rest = client.get(
        "/api/v1/health/eligibility",
        {
            "cccd": ma_the,
            "full_name": name,
            "birth_date": born,
            "receptionist_name": RECEPTIONIST[0],
            "receptionist_cccd": RECEPTIONIST[1],
        },
        HTTP_AUTHORIZATION=facility_client["HTTP_AUTHORIZATION"],
    ).json()
    gateway_born = "/".join(reversed(born.split("-"))) if "-" in born else born
    gateway = check(client, query, ma_the, name, gateway_born)
    assert rest["result_code"] == gateway["maKetQua"]
    assert rest.get("card_code") == gateway["maThe"]


@override_settings(HEALTH_CHECK_RATE="2/min")
def test_checks_are_throttled_per_facility(client, query, worker):
    assert [check(client, query, worker.cccd, NAME, BORN)["maKetQua"] for _ in range(2)] == ["000", "000"]
    response = client.post(
        f"/api/egw/KQNhanLichSuKCB2024?{query}", {"maThe": worker.cccd, "hoTen": NAME, "ngaySinh": BORN}
    )
    assert response.status_code == 429
