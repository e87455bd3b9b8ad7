"""Who may draw a pension, and the reasons given to those who may not."""

import datetime as dt

import pytest

from ansinh.benefits import explain
from ansinh.benefits.rules import PensionInput, quote_pension
from ansinh.benefits.rules.age import normal_retirement_age
from ansinh.benefits.rules.pension import early_reduction_pct
from ansinh.benefits.tests.helpers import pensioner, years_of_work
from ansinh.policy.services import params_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def params():
    return params_on(dt.date(2026, 1, 1))


def test_someone_with_twelve_years_four_months_is_told_what_is_missing(params):
    result = quote_pension(pensioner("female", 12 * 12 + 4), params)
    assert not result.eligible
    assert (
        explain.reason(result.reason_code, result.reason_values)
        == "needs 15 years of contributions, has 12 years 4 months"
    )
    assert result.monthly_pension == 0


@pytest.mark.parametrize(
    "sex, birth, age, reached",
    [
        ("male", dt.date(1964, 3, 15), (61, 3), dt.date(2025, 6, 15)),
        ("male", dt.date(1970, 1, 1), (62, 0), dt.date(2032, 1, 1)),
        ("female", dt.date(1969, 5, 10), (57, 0), dt.date(2026, 5, 10)),
        ("female", dt.date(1969, 4, 10), (56, 8), dt.date(2025, 12, 10)),
        ("female", dt.date(1980, 6, 1), (60, 0), dt.date(2040, 6, 1)),
    ],
)
def test_the_retirement_age_is_the_one_of_the_year_it_is_reached(params, sex, birth, age, reached):
    months, day = normal_retirement_age(params.raw("pension.retirement_age"), sex, birth)
    assert (months // 12, months % 12) == age
    assert day == reached


def test_someone_below_the_age_is_told_when_they_reach_it(params):
    data = PensionInput("male", dt.date(1966, 1, 1), dt.date(2026, 1, 1), years_of_work(25 * 12))
    result = quote_pension(data, params)
    assert result.reason_code == "below_age"
    assert result.reason_values["reaches_on"] == "2027-10-01"  # 61y9m applies in 2027


def test_fifteen_years_of_hazardous_work_allow_five_years_earlier_without_reduction(params):
    data = PensionInput("male", dt.date(1969, 1, 1), dt.date(2026, 1, 1), years_of_work(25 * 12), hazardous_years=15)
    result = quote_pension(data, params)
    assert result.eligible and result.early_retirement_reduction_pct == 0


@pytest.mark.parametrize("months_early, pct", [(0, 0), (5, 0), (6, 1), (11, 1), (12, 2), (17, 2), (18, 3), (30, 5)])
def test_the_early_retirement_reduction_bands(params, months_early, pct):
    assert early_reduction_pct(params.raw("pension.early_reduction"), months_early) == pct


def test_reduced_capacity_retirement_eighteen_months_early_loses_three_points(params):
    # Born 1/1965 he reaches 61y6m on 2026-07-01; leaving on 2025-01-01 is 18 months early -> 2% + 1%.
    retire = dt.date(2025, 1, 1)
    data = PensionInput("male", dt.date(1965, 1, 1), retire, years_of_work(30 * 12, retire), reduced_capacity_pct=65)
    result = quote_pension(data, params)
    assert result.eligible
    assert result.early_retirement_reduction_pct == 3
    pension_step = next(s for s in result.steps if s["code"] == "pension")
    assert pension_step["values"]["rate_pct"] == str(result.rate_pct - 3)


def test_law_58_required_twenty_years_before_july_2025():
    old = params_on(dt.date(2025, 3, 1))
    result = quote_pension(pensioner("male", 17 * 12, retire=dt.date(2025, 3, 1)), old)
    assert result.reason_code == "too_few_years"
    assert result.reason_values["needs_years"] == 20
