"""The rate checkpoints of the domain facts (§6) and the rounding of leftover months."""

import datetime as dt
from decimal import Decimal

import pytest

from ansinh.benefits.rules import quote_pension, rounded_years
from ansinh.benefits.tests.helpers import pensioner
from ansinh.policy.services import params_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def params():
    return params_on(dt.date(2026, 1, 1))


@pytest.mark.parametrize(
    "sex, years, rate",
    [
        ("female", 15, 45),
        ("female", 20, 55),
        ("female", 30, 75),
        ("female", 34, 75),
        ("male", 15, 40),
        ("male", 19, 44),
        ("male", 20, 45),
        ("male", 30, 65),
        ("male", 35, 75),
        ("male", 40, 75),
    ],
)
def test_the_rate_follows_the_law_at_each_checkpoint(params, sex, years, rate):
    result = quote_pension(pensioner(sex, years * 12), params)
    assert result.eligible
    assert result.rate_pct == rate


@pytest.mark.parametrize("months, years", [(0, "20"), (1, "20.5"), (6, "20.5"), (7, "21"), (11, "21")])
def test_leftover_months_count_as_half_or_whole_years(params, months, years):
    assert rounded_years(20 * 12 + months, params.int("pension.service_rounding")) == Decimal(years)


def test_a_woman_with_twenty_years_and_three_months_gets_half_a_step_more(params):
    result = quote_pension(pensioner("female", 20 * 12 + 3), params)
    assert result.rate_pct == Decimal(56)


def test_a_man_with_nineteen_years_and_eight_months_counts_twenty_years(params):
    result = quote_pension(pensioner("male", 19 * 12 + 8), params)
    assert result.rate_pct == Decimal(45)


def test_the_lump_sum_pays_half_an_average_salary_per_year_beyond_the_cap(params):
    result = quote_pension(pensioner("female", 32 * 12), params)
    assert result.retirement_lump_sum == round(2 * 0.5 * result.average_monthly_salary)
    man = quote_pension(pensioner("male", 32 * 12), params)
    assert man.retirement_lump_sum == 0


def test_the_pension_is_the_rate_times_the_average_salary(params):
    result = quote_pension(pensioner("male", 25 * 12, salary=10_000_000), params)
    assert result.rate_pct == 55
    assert abs(result.monthly_pension - Decimal("0.55") * result.average_monthly_salary) <= 1


def test_a_low_earner_with_twenty_years_gets_at_least_the_reference_level(params):
    result = quote_pension(pensioner("female", 20 * 12, salary=2_000_000), params)
    assert result.monthly_pension == params.int("reference.base_salary")
