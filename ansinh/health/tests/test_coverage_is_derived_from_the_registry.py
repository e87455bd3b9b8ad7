"""refresh_coverage gives each person the first group that applies, with level, validity, card code, facility."""

import datetime as dt

import pytest

from ansinh.health import services
from ansinh.health.coverage import refresh_coverage
from ansinh.health.models import Coverage, CoverageRun, ListMembership
from ansinh.health.tests.helpers_coverage import employee, today  # noqa: F401 — pytest fixtures, taken by name as parameters
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def years_ago(on: dt.date, years: int) -> dt.date:
    return on.replace(year=on.year - years, day=min(on.day, 28))


def card(person) -> Coverage:
    return Coverage.objects.select_related("facility").get(person=person)


def test_an_employee_of_an_enterprise_is_dn_at_80_percent_registered_at_the_commune_station(today):
    worker = employee(start=dt.date(2015, 1, 1))
    refresh_coverage(today)
    cov = card(worker)
    assert (cov.group, cov.benefit_pct, cov.source) == ("DN", 80, "employment")
    assert cov.card_code == f"DN442{worker.si_number}"
    assert cov.facility.commune_id == worker.commune_id and cov.facility.level == "primary"
    assert cov.valid_from == dt.date(today.year, 1, 1) and cov.valid_to == dt.date(today.year, 12, 31)
    assert cov.five_years_from == dt.date(2020, 1, 1)


def test_a_civil_servant_is_hc():
    worker = factories.person()
    factories.spell(worker, factories.employer(sector="state"), dt.date(2020, 5, 1))
    refresh_coverage(dt.date(2025, 6, 1))
    assert card(worker).group == "HC"


def test_a_child_under_six_is_te_at_100_percent_until_the_day_before_the_sixth_birthday(today):
    born = years_ago(today, 2)
    child = factories.person(full_name="Lê Minh An", birth_date=born, sex="male")
    refresh_coverage(today)
    cov = card(child)
    assert (cov.group, cov.benefit_pct) == ("TE", 100)
    assert cov.valid_from == born and cov.valid_to == born.replace(year=born.year + 6) - dt.timedelta(days=1)


def test_members_of_poor_and_near_poor_households_are_hn_and_cn():
    on = dt.date(2025, 6, 1)
    poor = factories.person(household=factories.household(poverty="poor"))
    near = factories.person(household=factories.household(poverty="near_poor"))
    refresh_coverage(on)
    assert (card(poor).group, card(poor).benefit_pct) == ("HN", 100)
    assert (card(near).group, card(near).benefit_pct) == ("CN", 95)


def test_near_poor_households_get_100_percent_from_2026_when_the_digit_changes():
    near = factories.person(household=factories.household(poverty="near_poor"))
    refresh_coverage(dt.date(2026, 3, 1))
    assert (card(near).benefit_digit, card(near).benefit_pct) == (2, 100)


def test_a_pupil_is_hs(today):
    pupil = factories.person(full_name="Phan Thu Hà", birth_date=years_ago(today, 12))
    refresh_coverage(today)
    assert (card(pupil).group, card(pupil).benefit_pct) == ("HS", 80)


def test_an_employee_in_a_poor_household_is_covered_through_the_employer():
    worker = employee(household=factories.household(poverty="poor"))
    refresh_coverage(dt.date(2025, 6, 1))
    assert card(worker).group == "DN"


def test_a_pensioner_with_an_active_pension_is_ht_at_95_percent(today):
    from ansinh.benefits.models import Entitlement

    retiree = factories.person(full_name="Hoàng Văn Sơn", birth_date=dt.date(1955, 2, 1), sex="male")
    Entitlement.objects.create(
        person=retiree,
        kind="pension",
        monthly=True,
        amount=6_000_000,
        start=dt.date(2017, 3, 1),
        decision_number="HT-TEST-1",
    )
    refresh_coverage(today)
    assert (card(retiree).group, card(retiree).benefit_pct) == ("HT", 95)


def test_a_person_on_a_list_gets_the_list_group(today):
    person = factories.person()
    ListMembership.objects.create(
        person=person,
        group="BT",
        list_name="Trợ cấp xã hội",
        valid_from=dt.date(today.year, 1, 1),
        valid_to=dt.date(today.year, 12, 31),
    )
    refresh_coverage(today)
    assert (card(person).group, card(person).benefit_pct) == ("BT", 100)


def test_a_working_age_adult_without_a_group_is_not_covered_and_a_refresh_is_repeatable(today):
    idle = factories.person()
    worker = employee()
    refresh_coverage(today)
    run = refresh_coverage(today)
    assert not Coverage.objects.filter(person=idle).exists()
    assert Coverage.objects.filter(person=worker).count() == 1
    assert run.members == 1 and run.by_source["population"] == 2
    assert CoverageRun.objects.count() == 2


def test_the_contract_functions_answer_from_the_coverage(today):
    worker = employee()
    refresh_coverage(today)
    cov = services.coverage_for(worker, today)
    assert cov["group"] == "DN" and cov["benefit_level_pct"] == 80 and cov["registered_facility"]["code"]
    assert services.coverage_for(worker, dt.date(today.year + 1, 1, 1)) is None
    assert services.hi_members_by_commune(today) == [{"commune_code": worker.commune.code, "members": 1}]


def test_members_on_a_day_before_the_last_refresh_are_those_covered_that_day():
    on = dt.date(2025, 6, 1)
    long_employed, hired_later = employee(start=dt.date(2015, 1, 1)), employee(start=dt.date(2025, 3, 1))
    refresh_coverage(on)
    last_year = services.hi_members_by_commune(dt.date(2024, 6, 30))  # the stored cards only run from 1/1/2025
    assert last_year == [{"commune_code": long_employed.commune.code, "members": 1}]
    assert services.hi_members_by_commune(on) == [{"commune_code": hired_later.commune.code, "members": 2}]


def test_a_resident_of_a_disadvantaged_commune_is_dk_or_dt_if_of_an_ethnic_minority():
    from ansinh.geo.models import Commune

    place = Commune.objects.filter(disadvantaged=True).first()
    resident = factories.person(commune_code=place.code)
    minority = factories.person(commune_code=place.code, ethnic_minority=True)
    refresh_coverage(dt.date(2025, 6, 1))
    assert (card(resident).group, card(minority).group) == ("DK", "DT")
    assert card(minority).benefit_pct == 100


def test_a_student_is_sv(today):
    student = factories.person(birth_date=years_ago(today, 19))
    refresh_coverage(today)
    assert (card(student).group, card(student).benefit_pct) == ("SV", 80)


def test_the_elderly_without_a_pension_get_the_social_allowance_group_in_force():
    old = factories.person(birth_date=dt.date(1940, 1, 1))
    refresh_coverage(dt.date(2024, 6, 1))
    assert card(old).group == "BT"
    refresh_coverage(dt.date(2026, 6, 1))
    assert card(old).group == "LH"


def test_the_facility_chosen_on_the_tk1ts_form_replaces_the_communes_when_it_takes_registrations(today):
    from ansinh.health.models import Facility

    worker = employee(start=dt.date(2015, 1, 1))
    station = Facility.objects.filter(level="primary").exclude(commune_id=worker.commune_id).first()
    hospital = Facility.objects.filter(level="specialized").first()
    worker.hi_facility_code = station.code
    worker.save()
    refresh_coverage(today)
    assert card(worker).facility == station
    worker.hi_facility_code = hospital.code  # a specialized hospital takes no first-contact registrations
    worker.save()
    refresh_coverage(today)
    assert card(worker).facility.commune_id == worker.commune_id and card(worker).facility.level == "primary"
