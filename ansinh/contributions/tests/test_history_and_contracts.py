"""The functions other apps call: a person's SI history and totals, participants, members, electronic units."""

import datetime as dt

import pytest
from django.utils import timezone

from ansinh.contributions import services
from ansinh.contributions.assessment import assess
from ansinh.contributions.models import FamilyHIEnrolment
from ansinh.contributions.payments import record_payment
from ansinh.core.errors import DomainError
from ansinh.core.periods import Period
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def test_history_shows_assessed_months_with_status_and_earlier_months_from_spells():
    worker, unit = factories.person(), factories.employer(wage_region="I")
    factories.spell(worker, unit, dt.date(2025, 3, 1), end=dt.date(2025, 6, 30), salary=10_000_000)
    assess(Period.parse("2025-06"))
    record_payment("bank", "H1", dt.date(2025, 6, 25), 3_200_000, unit.unit_code)
    rows = services.si_history(worker)
    assert [r["period"] for r in rows] == ["2025-03", "2025-04", "2025-05", "2025-06"]
    assert rows[-1] == {
        "period": "2025-06",
        "kind": "compulsory",
        "payer": unit.name,
        "salary": 10_000_000,
        "employee_amount": 1_050_000,
        "employer_amount": 2_150_000,
        "state_support": 0,
        "amounts_known": True,
        "status": "paid",
    }
    assert rows[0]["status"] == "not_assessed" and rows[0]["employee_amount"] == 1_050_000
    assert services.si_totals(worker) == {
        "total_months": 4,
        "years": 0,
        "months": 4,
        "unpaid_months": 0,
        "first_period": "2025-03",
        "last_period": "2025-06",
    }


def test_a_voluntary_enrolment_bills_and_shows_in_history_month_by_month():
    person = factories.person()
    services.enrol_voluntary(person, 1_500_000, "poor", 3, "2025-07", by_user=None)
    assess(Period.parse("2025-07"))
    rows = services.si_history(person)
    assert [r["period"] for r in rows] == ["2025-07", "2025-08", "2025-09"]
    assert {r["payer"] for r in rows} == {"Tự nguyện"} and rows[0]["state_support"] == 165_000
    assert services.voluntary_members("2025-08")[0]["person_id"] == person.pk


def test_voluntary_enrolment_is_refused_under_the_floor_or_while_employed():
    person = factories.person()
    with pytest.raises(DomainError):
        services.enrol_voluntary(person, 900_000, "other", 1, "2025-07", by_user=None)
    factories.spell(person, factories.employer(), dt.date(2024, 1, 1))
    with pytest.raises(DomainError):
        services.enrol_voluntary(person, 2_000_000, "other", 1, "2025-07", by_user=None)


def test_family_hi_members_are_covered_for_the_months_their_household_paid():
    home = factories.household()
    member = factories.person(household=home)
    FamilyHIEnrolment.objects.create(household=home, person=member, schedule_months=12, start_period="2025-01")
    assess(Period.parse("2025-01"))
    assert services.family_hi_members(dt.date(2025, 3, 1)) == []
    record_payment("agent", "BD-1", dt.date(2025, 1, 10), 12 * 105_300, home.code)
    assert services.family_hi_members(dt.date(2025, 3, 1)) == [
        {
            "person_id": member.pk,
            "household_id": home.pk,
            "valid_from": dt.date(2025, 1, 1),
            "valid_to": dt.date(2025, 12, 31),
        }
    ]


def test_participants_and_electronic_units_are_counted_per_commune_and_area():
    unit = factories.employer(e_transactions=True)
    factories.spell(factories.person(), unit, dt.date(2024, 1, 1))
    voluntary = factories.person()
    services.enrol_voluntary(voluntary, 2_000_000, "other", 6, "2025-04", by_user=None)
    assess(Period.parse("2025-04"))
    assess(Period.parse("2025-06"))
    assert services.participants_by_commune("2025-06") == [{"commune_code": "43601", "compulsory": 1, "voluntary": 1}]
    assert services.electronic_units_by_area("2025-06") == [{"area_code": "436", "units": 1, "electronic_units": 1}]


def test_the_totals_count_paid_and_recorded_months_only_never_unpaid_ones_or_this_month():
    worker, unit = factories.person(), factories.employer(wage_region="I")
    this_month = Period.of(timezone.localdate())
    factories.spell(worker, unit, this_month.plus(-4).first_day, salary=10_000_000)
    assess(this_month.plus(-1))  # billed, never paid
    rows = services.si_history(worker)
    assert [r["period"] for r in rows] == [str(this_month.plus(-k)) for k in (4, 3, 2, 1)]  # nothing of this month yet
    assert rows[-1]["status"] == "unpaid"
    totals = services.si_totals(worker)
    assert (totals["total_months"], totals["unpaid_months"], totals["last_period"]) == (3, 1, str(this_month.plus(-2)))


def test_months_before_the_recorded_law_count_but_show_no_amounts():
    worker = factories.person()
    factories.spell(worker, factories.employer(), dt.date(1995, 1, 1), end=dt.date(1995, 12, 31), salary=500_000)
    rows = services.si_history(worker)
    assert len(rows) == 12 and not any(r["amounts_known"] for r in rows)
    assert services.si_totals(worker)["total_months"] == 12
