"""The pure rules of outreach: working age, support groups, near a pension, attribution window, dealing."""

import datetime as dt

import pytest

from ansinh.outreach import rules

RETIREMENT = {"male": {"2025": 735, "2026": 738, "2028": 744}, "female": {"2026": 684, "2035": 720}}


def test_the_retirement_age_of_the_year_applies_and_the_last_listed_year_holds_later():
    assert rules.retirement_age_months(RETIREMENT, "male", 2026) == 738
    assert rules.retirement_age_months(RETIREMENT, "male", 2027) == 738
    assert rules.retirement_age_months(RETIREMENT, "male", 2040) == 744


@pytest.mark.parametrize(
    "birth, sex, expected",
    [
        (dt.date(2011, 6, 1), "male", True),  # 15 today
        (dt.date(2011, 6, 2), "male", False),  # 15 tomorrow
        (dt.date(1965, 3, 1), "male", True),  # 61y3m < 61y6m
        (dt.date(1964, 12, 1), "male", False),  # 61y6m: retirement age reached
        (dt.date(1969, 6, 1), "female", False),  # 57 = the women's age in 2026
    ],
)
def test_working_age_runs_from_fifteen_to_the_retirement_age(birth, sex, expected):
    assert rules.of_working_age(birth, sex, dt.date(2026, 6, 1), 180, RETIREMENT) is expected


@pytest.mark.parametrize(
    "poverty, minority, tier",
    [
        ("poor", False, "poor"),
        ("near_poor", True, "near_poor"),
        ("none", True, "ethnic_minority"),
        ("none", False, "other"),
    ],
)
def test_the_voluntary_si_support_group_follows_the_household_then_the_ethnic_group(poverty, minority, tier):
    assert rules.voluntary_tier(poverty, minority) == tier


def test_a_poor_household_is_no_family_hi_prospect_and_a_near_poor_one_in_a_poor_commune_gets_full_support():
    assert rules.family_hi_tier("poor", False) is None
    assert rules.family_hi_tier("near_poor", True) == "near_poor_poor_commune"
    assert rules.family_hi_tier("near_poor", False) == "near_poor"
    assert rules.family_hi_tier("none", True) == "none"


@pytest.mark.parametrize(
    "paid, since, expected", [(120, 6, True), (119, 12, False), (179, 6, True), (180, 24, False), (150, 5, False)]
)
def test_near_a_pension_means_ten_to_fifteen_years_paid_and_stopped_half_a_year(paid, since, expected):
    assert rules.near_pension(paid, since, 180, 120, 6) is expected


def test_an_enrolment_is_credited_from_the_contact_day_to_the_end_of_the_window():
    contact = dt.date(2026, 1, 31)
    assert rules.attributed(contact, contact, 6)
    assert rules.attributed(contact, dt.date(2026, 7, 30), 6)
    assert not rules.attributed(contact, dt.date(2026, 7, 31), 6)
    assert not rules.attributed(contact, dt.date(2026, 1, 30), 6)


def test_households_are_dealt_in_turn_and_a_rate_needs_a_whole():
    assert [rules.agent_for(i, 3) for i in range(5)] == [0, 1, 2, 0, 1]
    assert rules.under_declared(3, 5) == 2 and rules.under_declared(6, 5) == 0
    assert rules.rate(1, 3) == 33.3 and rules.rate(1, 0) is None
