"""Staff case and payroll pages, the citizen's page, and who may open them."""

import datetime as dt

import pytest

from ansinh.benefits import services
from ansinh.benefits.models import BenefitCase
from ansinh.benefits.payroll import run as payroll
from ansinh.benefits.tests.helpers import beneficiary
from ansinh.core import formats
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def computed_case():
    person = factories.person(birth_date=dt.date(1960, 1, 1), sex="male")
    factories.spell(person, factories.employer(), dt.date(1995, 1, 1), dt.date(2025, 12, 31), salary=7_000_000)
    officer = factories.user("benefits_officer")
    case = services.open_case(person, "pension", officer, inputs={"start_date": "2026-01-01"})
    return services.compute_case(case, officer), officer


def test_the_case_screen_shows_the_computation_step_by_step(client, computed_case):
    case, officer = computed_case
    client.force_login(officer)
    page = client.get(f"/benefits/cases/{case.pk}/").content.decode()
    assert "Contribution time: 31 years 0 months" in page and "Average salary (Mbq)" in page and "Art. 64" in page
    assert "another officer must approve" in page and 'id="approve"' not in page


def test_a_second_officer_approves_from_the_case_screen(client, computed_case):
    case, _ = computed_case
    client.force_login(factories.user("benefits_officer"))
    client.post(f"/benefits/cases/{case.pk}/approve/")
    case.refresh_from_db()
    assert case.state == "approved" and case.decision_number


def test_the_computing_officer_cannot_approve_by_posting(client, computed_case):
    case, officer = computed_case
    client.force_login(officer)
    client.post(f"/benefits/cases/{case.pk}/approve/")
    assert BenefitCase.objects.get(pk=case.pk).state == "computed"


def test_a_citizen_may_not_open_staff_pages(client, citizen_with_person):
    client.force_login(citizen_with_person[0])
    assert client.get("/benefits/cases/").status_code == 403
    assert client.get("/benefits/payroll/").status_code == 403


def test_the_payroll_screen_shows_totals_per_bank(client):
    beneficiary(5_000_000, bank="BIDV", account="123456789012")
    payroll.compute_run("2026-02")
    client.force_login(factories.user("benefits_officer"))
    page = client.get("/benefits/payroll/2026-02/").content.decode()
    assert "BIDV" in page and formats.number(5_000_000) in page


def test_a_citizen_sees_only_their_own_payments(client, citizen_with_person):
    account, person = citizen_with_person
    from ansinh.benefits.models import Entitlement, PaymentChannel

    Entitlement.objects.create(
        person=person, kind="pension", monthly=True, amount=4_200_000, start=dt.date(2025, 1, 1), decision_number="X1"
    )
    PaymentChannel.objects.create(person=person, method="bank", bank_code="VCB", account_number="0123456789")
    beneficiary(9_999_000)
    payroll.compute_run("2026-02")
    client.force_login(account)
    page = client.get("/benefits/me/").content.decode()
    assert formats.number(4_200_000) in page and formats.number(9_999_000) not in page
    assert f"Payment for {formats.period('2026-02')}" in page
