"""The monthly assessment caps UI at 20 × the reference level for state pay-scale units, and bills the family-HI
ladder only to members of the household group (state-supported members each pay the first member's amount)."""

import datetime as dt

import pytest

from ansinh.contributions.assessment import assess
from ansinh.contributions.models import AssessmentLine, FamilyHIEnrolment, Receivable
from ansinh.core.periods import Period
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def test_a_state_unit_has_its_ui_capped_at_twenty_reference_levels():
    state = factories.employer(wage_region="I", sector="state")
    factories.spell(factories.person(), state, dt.date(2024, 1, 1), salary=120_000_000)
    assess(Period.parse("2026-02"))
    bill = Receivable.objects.get(payer_code=state.unit_code, period="2026-02", fund="unemployment")
    assert bill.basis == 20 * 2_340_000 and bill.employer_amount == 468_000


def test_near_poor_members_are_off_the_ladder_and_the_household_members_keep_their_places():
    home = factories.household()
    people = [factories.person(household=home) for _ in range(3)]
    FamilyHIEnrolment.objects.create(
        household=home, person=people[0], schedule_months=1, start_period="2025-09", support_group="near_poor"
    )
    for p in people[1:]:
        FamilyHIEnrolment.objects.create(household=home, person=p, schedule_months=1, start_period="2025-09")
    assess(Period.parse("2025-09"))
    lines = {line.person_id: line for line in AssessmentLine.objects.filter(payer_code=home.code)}
    assert lines[people[0].pk].salary == 105_300 and lines[people[0].pk].state_amount == 73_710
    assert sorted(lines[p.pk].salary for p in people[1:]) == [73_710, 105_300]
