"""Every kind of benefit case: computed from the registry with its checks, decided by a second officer, and
paid by the monthly payroll (one-off amounts once, monthly amounts every month until their end)."""

import datetime as dt

import pytest

from ansinh.benefits import services
from ansinh.benefits.models import Entitlement, EntitlementAdjustment, PaymentInstruction
from ansinh.benefits.payroll import run as payroll
from ansinh.contributions.models import VoluntaryEnrolment
from ansinh.core.errors import DomainError
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers():
    return factories.user("benefits_officer"), factories.user("benefits_officer")


def _decide(person, kind, officers, beneficiary=None, **inputs):
    first, second = officers
    case = services.open_case(person, kind, first, inputs=inputs, beneficiary=beneficiary)
    case = services.compute_case(case, first)
    assert case.eligible, case.failed_checks
    entitlement = services.approve_case(case, second)
    case.refresh_from_db()
    return case, entitlement


def _paid(entitlement, period):
    return (
        PaymentInstruction.objects.filter(entitlement=entitlement, period=period)
        .values_list("amount", flat=True)
        .first()
    )


def test_maternity_for_twins_is_paid_once_with_the_birth_grant(officers):
    mother = factories.person(birth_date=dt.date(1995, 1, 1), sex="female")
    factories.spell(mother, factories.employer(), dt.date(2024, 1, 1), salary=8_000_000)
    case, entitlement = _decide(
        mother, "maternity", officers, start_date="2026-05-10", birth_date="2026-05-10", children=2
    )
    assert entitlement.amount == 7 * 8_000_000 + 2 * 2 * 2_340_000 and not entitlement.monthly
    payroll.compute_run("2026-05")
    payroll.compute_run("2026-06")
    assert _paid(entitlement, "2026-05") == entitlement.amount and _paid(entitlement, "2026-06") is None


def test_a_pension_with_a_lump_sum_gives_a_monthly_and_a_one_off_entitlement(officers):
    woman = factories.person(birth_date=dt.date(1965, 1, 1), sex="female")
    factories.spell(woman, factories.employer(), dt.date(1994, 1, 1), dt.date(2025, 12, 31), salary=8_000_000)
    case, monthly = _decide(woman, "pension", officers, start_date="2026-01-01")
    lump = case.entitlements.get(monthly=False)
    assert monthly.monthly and lump.decision_number == f"{case.decision_number}/2"
    payroll.compute_run("2026-01")
    payroll.compute_run("2026-02")
    assert (
        _paid(monthly, "2026-02") == monthly.amount
        and _paid(lump, "2026-01") == lump.amount
        and _paid(lump, "2026-02") is None
    )


def test_unemployment_pays_the_months_of_its_duration_and_only_reported_months_after_the_first(officers):
    worker = factories.person(birth_date=dt.date(1990, 1, 1), sex="male")
    factories.spell(
        worker, factories.employer(wage_region="II"), dt.date(2022, 1, 1), dt.date(2026, 3, 31), salary=10_000_000
    )
    case, entitlement = _decide(worker, "unemployment", officers, start_date="2026-04-10", claim_date="2026-04-10")
    # 51 months of contributions: 3 + 1 = 4 months from 27/4 (the 11th working day after the claim), April to July.
    assert (
        entitlement.amount == 6_000_000
        and entitlement.start == dt.date(2026, 4, 27)
        and entitlement.end == dt.date(2026, 7, 31)
    )
    payroll.compute_run("2026-04")
    payroll.compute_run("2026-05")
    assert _paid(entitlement, "2026-04") == 6_000_000 and _paid(entitlement, "2026-05") is None
    with pytest.raises(DomainError):
        services.record_job_search(entitlement, "2026-10", dt.date(2026, 10, 5))
    services.record_job_search(entitlement, "2026-05", dt.date(2026, 5, 6), officers[0])
    payroll.compute_run("2026-05")
    assert _paid(entitlement, "2026-05") == 6_000_000


def test_an_occupational_accident_at_45_percent_is_a_monthly_allowance(officers):
    worker = factories.person(birth_date=dt.date(1985, 1, 1), sex="male")
    factories.spell(worker, factories.employer(), dt.date(2023, 11, 1), salary=8_000_000)
    case, entitlement = _decide(
        worker, "occupational", officers, start_date="2026-04-01", event_date="2026-03-10", capacity_loss_pct=45
    )
    # 58% × 2,340,000 = 1,357,200; 28 months in the fund: 0.5% + 0.3% × 2 = 1.1% × 8,000,000 = 88,000.
    assert entitlement.monthly and entitlement.amount == 1_357_200 + 88_000


def test_survivor_cases_pay_the_named_relative_never_the_deceased(officers):
    pensioner = factories.person(birth_date=dt.date(1950, 1, 1), sex="male", death_date=dt.date(2026, 3, 10))
    Entitlement.objects.create(
        person=pensioner,
        kind="pension",
        monthly=True,
        amount=6_000_000,
        start=dt.date(2015, 1, 1),
        decision_number="OLD-1",
    )
    widow = factories.person(birth_date=dt.date(1960, 1, 1), sex="female")
    first, second = officers
    case = services.open_case(
        pensioner,
        "survivor",
        first,
        inputs={"start_date": "2026-04-01", "relatives": [{"person_id": widow.pk, "relation": "spouse"}]},
    )
    case = services.compute_case(case, first)
    assert case.eligible and case.amount == 1_170_000
    entitlement = services.approve_case(case, second)
    assert entitlement.person == widow and entitlement.monthly and entitlement.end is None
    funeral_case, grant = _decide(pensioner, "funeral", officers, beneficiary=widow, start_date="2026-04-01")
    assert grant.amount == 23_400_000 and grant.person == widow
    with pytest.raises(DomainError) as err:
        services.approve_case(
            services.compute_case(
                services.open_case(pensioner, "funeral", first, inputs={"start_date": "2026-04-01"}), first
            ),
            second,
        )
    assert err.value.errors[0].code == "no_beneficiary"


def test_each_survivor_is_a_separate_entitlement_and_a_child_stops_at_eighteen(officers):
    """Law 41/2024 Art. 86–87: a widow of 66 (50% of 2,340,000 = 1,170,000), a son of 11 without a carer (70% =
    1,638,000, until the day before 1/1/2033) and a daughter of 16 with no registry record, paid to her
    guardian (1,170,000 until 31/12/2027): three entitlements, each with its own payee, amount and end."""
    pensioner = factories.person(birth_date=dt.date(1950, 1, 1), sex="male", death_date=dt.date(2026, 3, 10))
    Entitlement.objects.create(
        person=pensioner,
        kind="pension",
        monthly=True,
        amount=6_000_000,
        start=dt.date(2015, 1, 1),
        decision_number="OLD-5",
    )
    widow = factories.person(birth_date=dt.date(1960, 1, 1), sex="female")
    son = factories.person(birth_date=dt.date(2015, 1, 1), sex="male")
    guardian = factories.person(birth_date=dt.date(1975, 5, 5), sex="female")
    first, second = officers
    relatives = [
        {"person_id": widow.pk, "relation": "spouse"},
        {"person_id": son.pk, "relation": "child", "has_carer": False},
        {"relation": "child", "birth_date": "2010-01-01", "sex": "female", "name": "Lê Thị Hoa"},
    ]
    case = services.compute_case(
        services.open_case(pensioner, "survivor", first, inputs={"start_date": "2026-04-01", "relatives": relatives}),
        first,
    )
    assert case.eligible and case.amount == 1_170_000 + 1_638_000 + 1_170_000
    with pytest.raises(DomainError) as err:
        services.approve_case(case, second)
    assert err.value.errors[0].code == "no_beneficiary" and "Lê Thị Hoa" in err.value.errors[0].message
    services.set_beneficiary(case, guardian)
    services.approve_case(case, second)
    paid = {(e.person_id, e.amount, e.end) for e in case.entitlements.all()}
    assert paid == {
        (widow.pk, 1_170_000, None),
        (son.pk, 1_638_000, dt.date(2032, 12, 31)),
        (guardian.pk, 1_170_000, dt.date(2027, 12, 31)),
    }
    payroll.compute_run("2028-01")
    paid_in_2028 = set(
        PaymentInstruction.objects.filter(period="2028-01", entitlement__case=case).values_list("person_id", flat=True)
    )
    assert paid_in_2028 == {widow.pk, son.pk}


def test_the_social_pension_reads_the_household_and_refuses_a_pensioner(officers):
    poor = factories.household(poverty="poor")
    elder = factories.person(birth_date=dt.date(1955, 6, 1), sex="female", household=poor)
    case, entitlement = _decide(elder, "social_pension", officers, start_date="2026-03-01")
    assert entitlement.amount == 500_000 and entitlement.monthly
    retired = factories.person(birth_date=dt.date(1945, 1, 1), sex="male")
    Entitlement.objects.create(
        person=retired,
        kind="pension",
        monthly=True,
        amount=4_000_000,
        start=dt.date(2005, 1, 1),
        decision_number="OLD-2",
    )
    case = services.compute_case(
        services.open_case(retired, "social_pension", officers[0], inputs={"start_date": "2026-03-01"}), officers[0]
    )
    assert not case.eligible and [c["code"] for c in case.failed_checks] == ["no_monthly_si"]


def test_the_monthly_allowance_ends_at_the_social_pension_age(officers):
    woman = factories.person(birth_date=dt.date(1969, 1, 1), sex="female")
    factories.spell(woman, factories.employer(), dt.date(2010, 1, 1), dt.date(2019, 12, 31), salary=6_000_000)
    case, entitlement = _decide(woman, "monthly_allowance", officers, start_date="2026-03-01")
    assert entitlement.end == dt.date(2043, 12, 31) and entitlement.amount > 500_000


def test_voluntary_months_from_contributions_count_in_a_one_off_case(officers):
    person = factories.person(birth_date=dt.date(1980, 1, 1), sex="male")
    factories.spell(person, factories.employer(), dt.date(2012, 1, 1), dt.date(2019, 12, 31), salary=6_000_000)
    VoluntaryEnrolment.objects.create(
        person=person,
        income=3_000_000,
        support_group="other",
        schedule_months=1,
        start_period="2020-01",
        end_period="2024-12",
    )
    case, entitlement = _decide(person, "one_off", officers, start_date="2026-03-01", ground="transitional")
    career = case.computation["career"]
    assert career[-1]["scheme"] == "voluntary" and career[-1]["from"] == "2020-01"
    assert next(s for s in case.computation["steps"] if s["code"] == "insured_time")["values"]["voluntary_months"] == 60


def test_one_off_without_a_ground_is_refused_with_the_article(officers):
    person = factories.person(birth_date=dt.date(1980, 1, 1), sex="male")
    factories.spell(person, factories.employer(), dt.date(2004, 1, 1), dt.date(2024, 8, 31), salary=6_000_000)
    case = services.compute_case(
        services.open_case(
            person, "one_off", officers[0], inputs={"start_date": "2026-03-01", "ground": "transitional"}
        ),
        officers[0],
    )
    assert not case.eligible and case.failed_checks[0]["article"] == "Law 41/2024/QH15 Art. 70.1"
    with pytest.raises(DomainError):
        services.approve_case(case, officers[1])


def test_indexation_raises_running_pensions_once(officers):
    person = factories.person(birth_date=dt.date(1950, 1, 1), sex="male")
    old = Entitlement.objects.create(
        person=person,
        kind="pension",
        monthly=True,
        amount=5_000_000,
        start=dt.date(2021, 6, 1),
        decision_number="OLD-3",
    )
    recent = Entitlement.objects.create(
        person=person,
        kind="pension",
        monthly=True,
        amount=4_000_000,
        start=dt.date(2025, 1, 1),
        decision_number="OLD-4",
    )
    services.index_entitlements(dt.date(2026, 12, 1))
    services.index_entitlements(dt.date(2026, 12, 1))
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.amount == 6_947_438 and recent.amount == 4_000_000
    assert EntitlementAdjustment.objects.filter(entitlement=old).count() == 3
