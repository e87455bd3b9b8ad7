"""Properties of the pension rules over many careers."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansinh.benefits.rules import quote_pension
from ansinh.benefits.tests.helpers import pensioner
from ansinh.policy.services import params_on

pytestmark = pytest.mark.django_db
sexes = st.sampled_from(["male", "female"])


@settings(max_examples=60, deadline=None)
@given(sex=sexes, months=st.integers(15 * 12, 45 * 12), more=st.integers(1, 60))
def test_more_years_never_lower_the_rate(sex, months, more):
    params = params_on(dt.date(2026, 1, 1))
    shorter = quote_pension(pensioner(sex, months), params)
    longer = quote_pension(pensioner(sex, months + more), params)
    assert longer.rate_pct >= shorter.rate_pct


@settings(max_examples=60, deadline=None)
@given(sex=sexes, months=st.integers(15 * 12, 50 * 12), salary=st.integers(1_000_000, 46_800_000))
def test_an_eligible_rate_stays_between_40_and_75_percent(sex, months, salary):
    result = quote_pension(pensioner(sex, months, salary=salary), params_on(dt.date(2026, 1, 1)))
    assert result.eligible
    assert 40 <= result.rate_pct <= 75
    assert result.monthly_pension > 0
