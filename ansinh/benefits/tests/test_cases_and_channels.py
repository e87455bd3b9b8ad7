"""Cases computed from the registry's salary history, decided with four eyes; payment channel switches."""

import datetime as dt

import pytest

from ansinh.benefits import services
from ansinh.benefits.models import BenefitCase, ChannelChange
from ansinh.core.errors import DomainError
from ansinh.core.models import AuditEvent
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def retiree():
    person = factories.person(birth_date=dt.date(1963, 3, 1), sex="male")
    unit = factories.employer()
    factories.spell(person, unit, dt.date(1996, 1, 1), dt.date(2010, 12, 31), salary=4_000_000)
    factories.spell(person, unit, dt.date(2011, 1, 1), dt.date(2025, 12, 31), salary=9_000_000)
    return person


def _computed(person, kind="pension", **inputs):
    officer = factories.user("benefits_officer")
    case = services.open_case(
        person, kind, officer, dossier_ref="HS-2026-0001", inputs={"start_date": "2026-01-01", **inputs}
    )

    return services.compute_case(case, officer), officer


def test_a_pension_case_is_computed_from_the_registry_history_step_by_step(retiree):
    case, _ = _computed(retiree)
    assert case.state == "computed" and case.eligible
    codes = [s["code"] for s in case.computation["steps"]]
    assert codes[:2] == ["insured_time", "retirement_age"] and "pension" in codes
    assert case.computation["steps"][0]["values"]["total_months"] == 30 * 12
    assert case.computation["career"][0] == {
        "from": "1996-01",
        "to": "2010-12",
        "monthly_salary": 4_000_000,
        "pay_scale": "employer",
        "scheme": "compulsory",
    }
    assert case.amount == next(s for s in case.computation["steps"] if s["code"] == "pension")["values"]["amount"]


def test_the_officer_who_computed_may_not_approve(retiree):
    case, officer = _computed(retiree)
    with pytest.raises(DomainError) as err:
        services.approve_case(case, officer)
    assert err.value.errors[0].code == "four_eyes"


def test_a_second_officer_approves_and_an_entitlement_with_a_decision_number_follows(retiree):
    case, _ = _computed(retiree)
    entitlement = services.approve_case(case, factories.user("benefits_officer"))
    case.refresh_from_db()
    assert case.state == "approved" and entitlement.decision_number == case.decision_number
    assert entitlement.monthly and entitlement.amount == case.amount and entitlement.start == dt.date(2026, 1, 1)
    rows = services.entitlements_for(retiree)
    assert rows[0]["monthly_amount"] == case.amount and rows[0]["decision_number"] == case.decision_number


def test_the_database_refuses_an_approver_equal_to_the_computer(retiree):
    case, officer = _computed(retiree)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        BenefitCase.objects.filter(pk=case.pk).update(approved_by=officer)


def test_a_funeral_grant_is_ten_reference_levels_and_paid_to_whoever_arranged_the_funeral(retiree):
    retiree.death_date = dt.date(2026, 2, 10)
    retiree.save()
    son = factories.person(birth_date=dt.date(1990, 1, 1), sex="male")
    officer = factories.user("benefits_officer")
    case = services.open_case(retiree, "funeral", officer, inputs={"start_date": "2026-03-01"}, beneficiary=son)
    case = services.compute_case(case, officer)
    assert case.amount == 10 * 2_340_000 and not case.monthly and case.eligible
    entitlement = services.approve_case(case, factories.user("benefits_officer"))
    assert entitlement.person == son and not entitlement.monthly


def test_a_sickness_case_pays_three_quarters_per_working_day(retiree):
    case, _ = _computed(retiree, kind="sickness", days=12, start_date="2025-12-01")
    assert case.eligible and case.amount == round(9_000_000 * 0.75 / 24 * 12)


def test_sick_leave_after_the_contract_ended_is_not_paid_and_cannot_be_approved(retiree):
    case, _ = _computed(retiree, kind="sickness", days=12)
    assert not case.eligible and [c["code"] for c in case.failed_checks] == ["insured_now"]
    with pytest.raises(DomainError) as err:
        services.approve_case(case, factories.user("benefits_officer"))
    assert err.value.errors[0].code == "not_eligible" and "Law 41/2024/QH15 Art. 42" in err.value.errors[0].message


def test_a_person_without_history_cannot_get_a_pension_computed():
    with pytest.raises(DomainError):
        _computed(factories.person())


def test_switching_to_a_bank_validates_the_account_and_keeps_the_history(retiree):
    officer = factories.user("benefits_officer")
    with pytest.raises(DomainError):
        services.switch_channel(retiree, "bank", officer, "citizen request", bank_code="VCB", account_number="12AB")
    with pytest.raises(DomainError):
        services.switch_channel(
            retiree, "bank", officer, "citizen request", bank_code="XYZ", account_number="0123456789"
        )
    services.switch_channel(retiree, "cash", officer, "first channel", post_office_code="VNP43601")
    channel = services.switch_channel(
        retiree, "bank", officer, "citizen request", bank_code="vcb", account_number="0123 456 789"
    )
    assert channel.bank_code == "VCB" and channel.account_number == "0123456789"
    change = ChannelChange.objects.filter(person=retiree).first()
    assert change.before["method"] == "cash" and change.after["method"] == "bank"
    assert AuditEvent.objects.filter(object_type="benefits.paymentchannel", action="update").exists()


def test_the_lump_sum_for_years_beyond_the_top_rate_reads_as_a_one_off_allowance_not_a_second_pension():
    woman = factories.person(birth_date=dt.date(1968, 1, 1), sex="female")
    factories.spell(woman, factories.employer(), dt.date(1990, 1, 1), dt.date(2025, 12, 31), salary=8_000_000)
    case, _ = _computed(woman)
    services.approve_case(case, factories.user("benefits_officer"))
    rows = {r["kind_label"]: r for r in services.entitlements_for(woman)}
    assert set(rows) == {"monthly pension", "one-off allowance on retirement"}
    assert rows["monthly pension"]["status_label"] == "being paid"
    one_off = rows["one-off allowance on retirement"]
    assert one_off["amount"] > 0 and "monthly_amount" not in one_off and one_off["status_label"] == "to be paid once"
