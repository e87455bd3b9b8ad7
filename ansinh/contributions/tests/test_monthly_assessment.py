"""assess_contributions: bills units from spells, voluntary and family-HI payers when due; a re-run adds nothing."""

import datetime as dt

import pytest
from django.core.management import call_command

from ansinh.contributions.assessment import assess
from ansinh.contributions.models import AssessmentRun, FamilyHIEnrolment, Receivable, VoluntaryEnrolment
from ansinh.core.models import AuditEvent
from ansinh.core.periods import Period
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    employer = factories.employer(wage_region="I")
    factories.spell(factories.person(), employer, dt.date(2024, 1, 1), salary=10_000_000)
    factories.spell(
        factories.person(birth_date=dt.date(1985, 5, 5), sex="male"), employer, dt.date(2024, 1, 1), salary=100_000_000
    )
    factories.spell(
        factories.person(birth_date=dt.date(1970, 1, 1)), employer, dt.date(2020, 1, 1), end=dt.date(2025, 5, 31)
    )
    return employer


def _bill(payer_code, period):
    return {r.fund: r for r in Receivable.objects.filter(payer_code=payer_code, period=period)}


def test_it_bills_a_unit_per_fund_from_the_spells_active_in_the_period(unit):
    assess(Period.parse("2025-06"))
    bill = _bill(unit.unit_code, "2025-06")
    assert set(bill) == {"retirement", "sickness_maternity", "accident_disease", "health", "unemployment"}
    assert bill["retirement"].headcount == 2
    assert bill["retirement"].basis == 10_000_000 + 46_800_000
    assert bill["retirement"].employer_amount == 1_400_000 + 6_552_000
    assert bill["unemployment"].basis == 10_000_000 + 20 * 4_960_000
    assert bill["health"].due_date == dt.date(2025, 6, 30)


def test_a_salary_below_a_raised_minimum_wage_is_billed_at_the_minimum():
    employer = factories.employer(wage_region="I")
    factories.spell(factories.person(), employer, dt.date(2025, 1, 1), salary=5_000_000)
    assess(Period.parse("2026-02"))
    assert _bill(employer.unit_code, "2026-02")["retirement"].basis == 5_310_000


def test_re_running_the_same_period_changes_nothing(unit):
    call_command("assess_contributions", "--period", "2025-06")
    before = list(Receivable.objects.order_by("id").values_list("payer_code", "fund", "amount"))
    call_command("assess_contributions", "--period", "2025-06")
    assert list(Receivable.objects.order_by("id").values_list("payer_code", "fund", "amount")) == before
    assert AssessmentRun.objects.order_by("-id").first().receivables == 0
    assert AuditEvent.objects.filter(action="batch", object_type="contributions.assessmentrun").count() == 2


def test_a_voluntary_participant_is_billed_for_the_schedule_when_due():
    person = factories.person()
    VoluntaryEnrolment.objects.create(
        person=person, income=2_000_000, support_group="near_poor", schedule_months=3, start_period="2025-07"
    )
    for month in ("2025-07", "2025-08", "2025-09", "2025-10"):
        assess(Period.parse(month))
    bills = Receivable.objects.filter(payer_code=person.si_number).order_by("period")
    assert [b.period for b in bills] == ["2025-07", "2025-10"]
    assert bills[0].state_amount == 3 * 132_000
    assert bills[0].amount == 3 * 440_000 - 3 * 132_000


def test_a_household_is_billed_along_the_family_hi_ladder():
    home = factories.household()
    for _n in range(3):
        FamilyHIEnrolment.objects.create(
            household=home, person=factories.person(household=home), schedule_months=12, start_period="2025-01"
        )
    assess(Period.parse("2025-01"))
    assess(Period.parse("2025-02"))
    bills = list(Receivable.objects.filter(payer_code=home.code))
    assert len(bills) == 1
    assert bills[0].amount == 12 * (105_300 + 73_710 + 63_180) and bills[0].headcount == 3


def test_a_run_limited_to_family_hi_leaves_the_units_for_the_full_run(unit):
    home = factories.household()
    FamilyHIEnrolment.objects.create(
        household=home, person=factories.person(household=home), schedule_months=12, start_period="2025-06"
    )
    assess(Period.parse("2025-06"), kinds=("family_hi",))
    assert set(Receivable.objects.values_list("payer_kind", flat=True)) == {"family_hi"}
    assess(Period.parse("2025-06"))
    assert Receivable.objects.filter(payer_kind="family_hi").count() == 1 and _bill(unit.unit_code, "2025-06")


def test_the_command_refuses_a_period_that_is_not_a_month():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("assess_contributions", "--period", "June")
