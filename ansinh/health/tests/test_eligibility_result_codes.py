"""The counter check answers each result code with a receptionist's message, and logs every check."""

import datetime as dt

import pytest

from ansinh.health import services
from ansinh.health.coverage import refresh_coverage
from ansinh.health.models import CardStop, Coverage, EligibilityCheck
from ansinh.health.tests.helpers_coverage import employee, facility_client, today  # noqa: F401 — pytest fixtures, taken by name as parameters
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
URL = "/api/v1/health/eligibility"


def ask(client, auth, cccd, full_name="Nguyễn Thị Lan", birth_date="1990-03-12", **extra):
    return client.get(
        URL,
        {"cccd": cccd, "full_name": full_name, "birth_date": birth_date, **extra},
        HTTP_AUTHORIZATION=auth["HTTP_AUTHORIZATION"],
    )


def test_an_insured_employee_is_eligible_at_80_percent(client, facility_client, today):
    worker = employee()
    refresh_coverage(today)
    body = ask(client, facility_client, worker.cccd).json()
    assert body["result_code"] == "000" and body["eligible"] is True
    assert body["benefit_level_pct"] == 80 and body["group"] == "DN"
    assert body["card_code"] == f"DN442{worker.si_number}"
    assert body["registered_facility"]["code"].startswith("42")
    assert body["message"]


def test_a_name_typed_without_diacritics_is_accepted(client, facility_client, today):
    worker = employee(full_name="Đặng Thị Lan")
    refresh_coverage(today)
    assert ask(client, facility_client, worker.cccd, full_name="dang thi LAN").json()["result_code"] == "000"


def test_the_old_card_code_is_accepted_instead_of_the_cccd(client, facility_client, today):
    worker = employee()
    refresh_coverage(today)
    card = Coverage.objects.get(person=worker).card_code
    assert ask(client, facility_client, card).json()["result_code"] == "000"


def test_a_wrong_name_gives_060_and_no_card_details(client, facility_client, today):
    worker = employee()
    refresh_coverage(today)
    body = ask(client, facility_client, worker.cccd, full_name="Trần Văn Nam").json()
    assert body["result_code"] == "060" and body["eligible"] is False and body.get("card_code") is None


def test_a_wrong_birth_date_gives_070(client, facility_client, today):
    worker = employee()
    refresh_coverage(today)
    assert ask(client, facility_client, worker.cccd, birth_date="1991-03-12").json()["result_code"] == "070"


def test_an_unknown_cccd_gives_050(client, facility_client, today):
    refresh_coverage(today)
    body = ask(client, facility_client, "042190999999").json()
    assert body["result_code"] == "050" and body["eligible"] is False


def test_a_person_without_coverage_gives_050(client, facility_client, today):
    adult = factories.person()  # working age, no job, not poor: no group applies
    refresh_coverage(today)
    assert ask(client, facility_client, adult.cccd).json()["result_code"] == "050"


def test_an_expired_card_gives_010(client, facility_client, today):
    worker = employee()
    refresh_coverage(today)
    Coverage.objects.filter(person=worker).update(valid_to=today - dt.timedelta(days=1))
    body = ask(client, facility_client, worker.cccd).json()
    assert body["result_code"] == "010" and body["eligible"] is False and body["valid_to"] and body["note"] == "expired"


def test_a_card_not_yet_valid_gives_010_with_its_own_note_and_message(client, facility_client, today):
    worker = employee()
    refresh_coverage(today)
    expired = ask(client, facility_client, worker.cccd)
    Coverage.objects.filter(person=worker).update(valid_from=today + dt.timedelta(days=5))
    body = ask(client, facility_client, worker.cccd).json()
    assert (
        body["result_code"] == "010"
        and body["note"] == "not_yet_valid"
        and body["message"] != expired.json()["message"]
    )


def test_the_si_number_and_the_birth_year_alone_are_accepted(client, facility_client, today):
    worker = employee()
    refresh_coverage(today)
    body = ask(client, facility_client, worker.si_number, birth_date="1990").json()
    assert body["result_code"] == "000" and body["si_number"] == worker.si_number and body["birth_date"] == "1990-03-12"


def test_the_holder_is_shown_once_the_identity_is_established(client, facility_client, today):
    worker = employee()
    refresh_coverage(today)
    body = ask(client, facility_client, worker.cccd, history="true").json()
    assert (
        body["full_name"] == "Nguyễn Thị Lan" and body["sex"] == "female" and body["address"] and body["issuing_office"]
    )
    assert body["visits"] == [] and body["checks"] == []
    assert ask(client, facility_client, worker.cccd, full_name="Lê Văn Tám").json().get("full_name") is None


@pytest.mark.parametrize(
    "code, expected",
    [("ZZ4420000000001", "051"), ("DN4000000000001", "052"), ("DN1420000000001", "053"), ("QN5970000000001", "001")],
)
def test_card_codes_that_cannot_be_right_answer_05x_or_the_issuing_body(client, facility_client, today, code, expected):
    refresh_coverage(today)
    assert ask(client, facility_client, code).json()["result_code"] == expected


@pytest.mark.parametrize("code", ["110", "120", "124"])
def test_a_revoked_or_stopped_card_is_not_eligible(client, facility_client, today, code):
    worker = employee()
    CardStop.objects.create(person=worker, result_code=code, reason="test", effective=today - dt.timedelta(days=3))
    refresh_coverage(today)
    body = ask(client, facility_client, worker.cccd).json()
    assert body["result_code"] == code and body["eligible"] is False


def test_every_check_is_logged_and_visible_to_the_person(client, facility_client, today):
    worker = employee()
    refresh_coverage(today)
    ask(client, facility_client, worker.cccd)
    ask(client, facility_client, worker.cccd, full_name="Sai Tên")
    rows = services.eligibility_checks_for(worker)
    assert [r["result_code"] for r in rows] == ["060", "000"]
    assert rows[0]["facility_code"] == "42001" and rows[0]["facility_name"]
    assert EligibilityCheck.objects.filter(person=worker).count() == 2


def test_a_malformed_cccd_is_a_422_naming_the_field(client, facility_client):
    response = ask(client, facility_client, "12345")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "cccd"


def test_a_birth_date_that_is_no_date_is_a_422_naming_the_field(client, facility_client):
    response = ask(client, facility_client, "042190012345", birth_date="1990-02-30")
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "birth_date"


def test_a_receptionist_named_on_the_rest_api_is_checked_against_the_facilitys_list(client, facility_client, today):
    worker = employee()
    refresh_coverage(today)
    body = ask(client, facility_client, worker.cccd, receptionist_name="Ai Đó", receptionist_cccd="042186002959").json()
    assert body["result_code"] == "054"


def test_a_citizen_may_not_use_the_check(client):
    citizen = factories.user("citizen")
    response = client.get(
        URL,
        {"cccd": "042190012345", "full_name": "A", "birth_date": "1990-01-01"},
        HTTP_AUTHORIZATION=f"Bearer {factories.token_for(citizen)}",
    )
    assert response.status_code == 403


def test_an_anonymous_caller_is_refused(client):
    assert client.get(URL, {"cccd": "042190012345", "full_name": "A", "birth_date": "1990-01-01"}).status_code == 401


def test_an_old_card_answers_004_with_the_new_card_and_the_old_one_beside_it(client, facility_client, today):
    from ansinh.health.models import FormerCard

    worker = employee()
    refresh_coverage(today)
    new = Coverage.objects.get(person=worker)
    FormerCard.objects.create(
        person=worker,
        card_code=f"HN242{worker.si_number}",
        valid_from=dt.date(today.year, 1, 1),
        valid_to=today + dt.timedelta(days=30),
        facility=new.facility,
        replaced_on=today,
        new_card_code=new.card_code,
    )
    body = ask(client, facility_client, f"HN242{worker.si_number}").json()
    assert body["result_code"] == "004" and body["eligible"] is True and body["card_code"] == new.card_code
    assert (
        body["former_card"]["card_code"] == f"HN242{worker.si_number}"
        and body["former_card"]["registered_facility"]["code"]
    )
