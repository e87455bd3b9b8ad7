"""Employer portal (its own unit only) and the collection officer's suspense queue and arrears pages."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ansinh.contributions.assessment import assess
from ansinh.contributions.declaration_forms import SIMPLE_COLUMNS
from ansinh.contributions.models import Declaration, Payment
from ansinh.contributions.payments import record_payment
from ansinh.core.models import AuditEvent
from ansinh.core.periods import Period
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    employer = factories.employer(wage_region="I")
    factories.spell(factories.person(), employer, dt.date(2024, 1, 1), salary=10_000_000)
    assess(Period.of(timezone.localdate()).plus(-3))
    return employer


def _login(client, role, org_code=""):
    account = factories.user(role, org_code=org_code)
    client.force_login(account)
    return account


def test_an_employer_sees_its_bill_and_estimate(client, unit):
    _login(client, "employer", unit.unit_code)
    page = client.get("/contributions/employer/")
    assert page.status_code == 200
    assert page.context["bill"]["total"] == 3_200_000 and page.context["estimate"]["headcount"] == 1


def test_an_employer_upload_with_a_bad_row_shows_the_row_report(client, unit):
    _login(client, "employer", unit.unit_code)
    body = (
        "change,cccd,full_name,birth_date,sex,effective_date,salary,job_title\n"
        "hire,123,An,1995-04-12,male,2025-07-01,8500000,\n"
    )
    response = client.post(
        "/contributions/employer/", {"file": SimpleUploadedFile("a.csv", body.encode())}, follow=True
    )
    assert response.context["declaration"].status == "rejected"
    assert b"row-errors" in response.content


def test_an_employer_may_not_read_another_units_declaration(client, unit):
    other = factories.employer()
    declaration = Declaration.objects.create(employer=other, file_name="x.csv", status="rejected")
    _login(client, "employer", unit.unit_code)
    assert client.get(f"/contributions/declarations/{declaration.pk}/").status_code == 404
    assert AuditEvent.objects.filter(action="denied", object_type="contributions.declaration").exists()


def test_a_citizen_may_not_open_the_employer_portal_or_staff_pages(client):
    _login(client, "citizen")
    assert client.get("/contributions/employer/").status_code == 403
    assert client.get("/contributions/arrears/").status_code == 403


def test_the_templates_download_in_every_form(client, unit):
    _login(client, "employer", unit.unit_code)
    assert (
        client.get("/contributions/declaration-template.csv")
        .content.decode("utf-8-sig")
        .startswith(",".join(SIMPLE_COLUMNS))
    )
    for fmt in ("xlsx", "ivan.xlsx", "d02lt.xlsx"):
        assert client.get(f"/contributions/declaration-template.{fmt}").content[:2] == b"PK"


def test_an_officer_assigns_a_suspense_payment(client, unit):
    payment, _ = record_payment("bank", "S1", timezone.localdate(), 3_200_000, "no code here")
    _login(client, "collection_officer")
    assert b"S1" in client.get("/contributions/suspense/").content
    client.post(f"/contributions/suspense/{payment.pk}/assign/", {"payer_code": unit.unit_code.lower()})
    payment.refresh_from_db()
    assert payment.status == Payment.Status.ALLOCATED and payment.payer_code == unit.unit_code


def test_an_officer_drills_down_from_an_area_to_a_unit_in_arrears(client, unit):
    _login(client, "collection_officer")
    period = str(Period.of(timezone.localdate()).plus(-1))
    page = client.get(f"/contributions/arrears/?period={period}&area={unit.area.code}")
    assert [u["payer_code"] for u in page.context["units"]] == [unit.unit_code]
    detail = client.get(f"/contributions/units/{unit.unit_code}/")
    assert detail.status_code == 200 and detail.context["arrears"]["overdue"] == 3_200_000


def test_an_officer_uploads_a_bank_export_and_sees_what_it_held(client, unit):
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    _login(client, "collection_officer")
    content = (Path(__file__).resolve().parents[2] / "banking" / "samples" / "vcb-statement.xlsx").read_bytes()
    response = client.post("/contributions/statements/", {"file": SimpleUploadedFile("vcb.xlsx", content)}, follow=True)
    assert response.status_code == 200 and response.context["record"].new_payments == 3
    assert "FEE26005000001" in response.content.decode()
    assert b"FT26005000888" in client.get("/contributions/suspense/").content


def test_a_bad_bank_file_shows_every_row_to_correct(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _login(client, "collection_officer")
    bad = (
        'Số tài khoản: 0201000123456\nNgày giao dịch,Số tham chiếu,Ghi nợ,Ghi có,Mô tả\n05/01/2026,FT1,,"1,000.50",x\n'
    ).encode()
    response = client.post("/contributions/statements/", {"file": SimpleUploadedFile("bad.csv", bad)})
    assert response.status_code == 422 and response.context["errors"][0].row == 3


def test_the_employer_sees_where_to_pay_and_a_reference_that_matches_its_unit(client, unit):
    from ansinh.banking.references import creditor_reference

    _login(client, "employer", unit.unit_code)
    page = client.get("/contributions/employer/").content.decode()
    reference = creditor_reference(unit.unit_code)
    assert reference in page and "0201000123456" in page
    payment, _ = record_payment(
        "bank",
        "RF-PAID-1",
        timezone.localdate(),
        1_000,
        "CHUYEN TIEN",
        account="0201000123456",
        structured_reference=reference,
    )
    assert payment.payer_code == unit.unit_code


def test_the_simple_template_has_vietnamese_headers_that_the_reader_maps_to_its_fields():
    from ansinh.contributions.declaration_layouts import _COMPILED, squeeze

    def key(label):
        return next((k for k, pattern in _COMPILED if pattern.search(squeeze(label))), "unmatched")

    assert [key(label) for label in SIMPLE_COLUMNS] == [
        "plan",
        "si_number",
        "cccd",
        "full_name",
        "birth_date",
        "sex",
        "effective_date",
        "wage_or_coefficient",
        "allowances",
        "supplements",
        "job_title",
        "phone",
        "address",
        "facility_code",
    ]
