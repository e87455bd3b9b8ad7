"""The case screen lists each condition of the law with its article; a failing one hides the approval; the
officer enters the facts each benefit needs (relatives for survivors) and records job-search reports."""

import datetime as dt

import pytest

from ansinh.benefits import services
from ansinh.benefits.models import BenefitCase, Entitlement
from ansinh.core import formats
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def test_a_failing_condition_is_shown_with_its_article_and_blocks_approval(client):
    person = factories.person(birth_date=dt.date(1966, 1, 1), sex="male")
    factories.spell(person, factories.employer(), dt.date(2010, 1, 1), dt.date(2025, 12, 31), salary=8_000_000)
    officer = factories.user("benefits_officer")
    case = services.open_case(
        person, "pension", officer, inputs={"start_date": "2026-01-01", "reduced_capacity_pct": 65}
    )
    services.compute_case(case, officer)
    client.force_login(factories.user("benefits_officer"))
    page = client.get(f"/benefits/cases/{case.pk}/").content.decode()
    assert "Law 41/2024/QH15 Art. 65.1" in page and "needs 20 years, has 16 years 0 months" in page
    assert 'id="approve"' not in page and 'id="blocked"' in page
    client.post(f"/benefits/cases/{case.pk}/approve/")
    assert BenefitCase.objects.get(pk=case.pk).state == "computed"


def test_the_officer_enters_relatives_and_the_survivor_allowance_is_computed(client):
    deceased = factories.person(birth_date=dt.date(1950, 1, 1), sex="male", death_date=dt.date(2026, 3, 10))
    Entitlement.objects.create(
        person=deceased,
        kind="pension",
        monthly=True,
        amount=6_000_000,
        start=dt.date(2015, 1, 1),
        decision_number="OLD-9",
    )
    widow = factories.person(birth_date=dt.date(1962, 1, 1), sex="female")
    officer = factories.user("benefits_officer")
    case = services.open_case(deceased, "survivor", officer)
    client.force_login(officer)
    form = {
        "start_date": "2026-04-01",
        "rel-TOTAL_FORMS": "2",
        "rel-INITIAL_FORMS": "0",
        "rel-MIN_NUM_FORMS": "0",
        "rel-MAX_NUM_FORMS": "10",
        "rel-0-person": widow.cccd,
        "rel-0-relation": "spouse",
        "rel-0-has_carer": "on",
        "rel-1-relation": "child",
        "rel-1-birth_date": "2014-05-01",
        "rel-1-sex": "male",
        "rel-1-has_carer": "on",
    }
    client.post(f"/benefits/cases/{case.pk}/compute/", form)
    case.refresh_from_db()
    assert case.state == "computed" and case.amount == 2 * 1_170_000
    assert case.inputs["relatives"][0]["person_id"] == widow.pk
    client.post(f"/benefits/cases/{case.pk}/beneficiary/", {"beneficiary": widow.cccd})
    client.force_login(factories.user("benefits_officer"))
    client.post(f"/benefits/cases/{case.pk}/approve/")
    case.refresh_from_db()
    assert case.state == "approved" and case.entitlement.person == widow


def test_job_search_reports_are_recorded_on_the_case(client):
    worker = factories.person(birth_date=dt.date(1990, 1, 1), sex="male")
    factories.spell(worker, factories.employer(), dt.date(2022, 1, 1), dt.date(2026, 3, 31), salary=10_000_000)
    first, second = factories.user("benefits_officer"), factories.user("benefits_officer")
    case = services.compute_case(
        services.open_case(worker, "unemployment", first, inputs={"start_date": "2026-04-10"}), first
    )
    services.approve_case(case, second)
    client.force_login(second)
    client.post(f"/benefits/cases/{case.pk}/job_search/", {"period": "2026-05", "reported_on": "2026-05-06"})
    page = client.get(f"/benefits/cases/{case.pk}/").content.decode()
    assert f"{formats.period('2026-05')}: {formats.day(dt.date(2026, 5, 6))}" in page
