"""The API for payroll software (declarations), banks (statement lines, files) and collection agents."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ansinh.contributions.assessment import assess
from ansinh.core.periods import Period
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
COLUMNS = ("change", "cccd", "full_name", "birth_date", "sex", "effective_date", "salary", "job_title")


@pytest.fixture
def unit_and_token():
    unit = factories.employer(wage_region="III")
    account = factories.user("employer", org_code=unit.unit_code)
    return unit, factories.token_for(account)


def _file(text):
    return SimpleUploadedFile("payroll.csv", text.encode(), content_type="text/csv")


def test_payroll_software_sends_a_declaration_with_its_employer_token(client, unit_and_token):
    unit, token = unit_and_token
    body = (
        ",".join(COLUMNS)
        + f"\nhire,042095000123,Nguyễn Văn An,1995-04-12,male,{timezone.localdate():%Y-%m-%d},8500000,\n"
    )
    response = client.post(
        "/api/v1/contributions/declarations", {"file": _file(body)}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["changes"] == {"TM": 1} and response.json()["unit_code"] == unit.unit_code


def test_a_bad_declaration_answers_422_with_the_row_errors(client, unit_and_token):
    _, token = unit_and_token
    body = ",".join(COLUMNS) + "\nhire,123,Nguyễn Văn An,1995-04-12,male,2025-07-01,8500000,\n"
    response = client.post(
        "/api/v1/contributions/declarations", {"file": _file(body)}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["row"] == 2 and response.json()["errors"][0]["field"] == "cccd"


def test_an_employer_may_not_declare_for_another_unit(client, unit_and_token):
    _, token = unit_and_token
    other = factories.employer()
    response = client.post(
        f"/api/v1/contributions/declarations?unit_code={other.unit_code}",
        {"file": _file(",".join(COLUMNS))},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422 and response.json()["detail"][0]["type"] == "not_your_unit"


def test_a_bank_posts_a_statement_line_that_pays_the_unit(client):
    unit = factories.employer(wage_region="I")
    factories.spell(factories.person(), unit, dt.date(2024, 1, 1), salary=10_000_000)
    assess(Period.parse("2025-06"))
    token = factories.token_for(factories.user("bank", org_code="VCB"))
    payload = {
        "reference": "VCB-1",
        "received_on": "2025-07-02",
        "amount": 3_200_000,
        "payer_text": f"{unit.unit_code} BHXH T6",
    }
    response = client.post(
        "/api/v1/contributions/payments/bank",
        payload,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200
    assert response.json()["status"] == "allocated" and response.json()["payer_code"] == unit.unit_code


def test_a_citizen_may_not_post_payments(client):
    token = factories.token_for(factories.user("citizen"))
    response = client.post(
        "/api/v1/contributions/payments/agent",
        {"reference": "x", "received_on": "2025-07-02", "amount": 1},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 403


def _bank_token(code="VCB"):
    return factories.token_for(factories.user("bank", org_code=code))


def test_a_bank_sends_its_statement_file_as_it_exports_it(client):
    from pathlib import Path

    content = (Path(__file__).resolve().parents[2] / "banking" / "samples" / "vcb-mt940.sta").read_bytes()
    upload = SimpleUploadedFile("vcb.sta", content, content_type="text/plain")
    response = client.post(
        "/api/v1/contributions/payments/statement",
        {"file": upload},
        headers={"Authorization": f"Bearer {_bank_token()}"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["format"], body["new_payments"], body["ignored"][0]["reason"]) == ("mt940", 3, "debit")


def test_a_bank_pushes_a_camt054_notification_as_the_request_body(client):
    from pathlib import Path

    content = (Path(__file__).resolve().parents[2] / "banking" / "samples" / "vcb-camt054-v08.xml").read_bytes()
    token = _bank_token()
    response = client.post(
        "/api/v1/contributions/payments/notification",
        content,
        content_type="application/xml",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert (
        response.status_code == 200 and response.json()["new_payments"] == 1 and not response.json()["already_imported"]
    )
    again = client.post(
        "/api/v1/contributions/payments/notification",
        content,
        content_type="application/xml",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert again.json()["already_imported"] and again.json()["id"] == response.json()["id"]


def test_a_bank_may_not_post_a_credit_to_another_banks_account(client):
    payload = {"reference": "X1", "received_on": "2025-07-02", "amount": 1_000, "account": "51010000123456"}
    response = client.post(
        "/api/v1/contributions/payments/bank",
        payload,
        content_type="application/json",
        headers={"Authorization": f"Bearer {_bank_token()}"},
    )
    assert response.status_code == 422 and response.json()["detail"][0]["type"] == "bad_account"


@pytest.mark.parametrize("amount", [0, -5, 2**63 - 1, 2**63])
def test_an_absurd_amount_is_refused_before_anything_is_stored(client, amount):
    payload = {"reference": "X2", "received_on": "2025-07-02", "amount": amount}
    response = client.post(
        "/api/v1/contributions/payments/bank",
        payload,
        content_type="application/json",
        headers={"Authorization": f"Bearer {_bank_token()}"},
    )
    assert response.status_code == 422
    from ansinh.contributions.models import Payment

    assert not Payment.objects.exists()


def test_a_payer_code_with_a_zero_width_space_goes_to_suspense(client):
    unit = factories.employer()
    payload = {
        "reference": "X3",
        "received_on": "2025-07-02",
        "amount": 1_000,
        "payer_code": unit.unit_code[:3] + "\u200b" + unit.unit_code[3:],
    }
    response = client.post(
        "/api/v1/contributions/payments/bank",
        payload,
        content_type="application/json",
        headers={"Authorization": f"Bearer {_bank_token()}"},
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["suspense_reason"]) == ("suspense", "hidden_chars")


def test_a_statement_that_is_not_utf8_is_a_clear_422(client):
    content = "Ngày giao dịch,Ghi có\n05/01/2026,1000\n".encode("utf-16-le")
    upload = SimpleUploadedFile("x.csv", content, content_type="text/csv")
    response = client.post(
        "/api/v1/contributions/payments/statement",
        {"file": upload},
        headers={"Authorization": f"Bearer {_bank_token()}"},
    )
    assert response.status_code == 422 and response.json()["detail"][0]["type"] == "bad_encoding"


def test_a_plain_csv_without_an_account_is_booked_on_the_sending_banks_only_account(client):
    upload = SimpleUploadedFile(
        "s.csv", b"date,reference,amount,description\n2026-01-05,FT9,3200000,TA99999 BHXH\n", content_type="text/csv"
    )
    response = client.post(
        "/api/v1/contributions/payments/statement",
        {"file": upload},
        headers={"Authorization": f"Bearer {_bank_token()}"},
    )
    assert response.status_code == 200 and response.json()["accounts"] == "0201000123456"
    assert response.json()["suspense"] == 1
