"""Every page writes dates, months, money and numbers through ansinh.core.formats: the Vietnamese way in
Vietnamese, the English way in English."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from ansinh.core import formats


@pytest.fixture
def vi():
    with translation.override("vi"):
        yield


@pytest.fixture
def en():
    with translation.override("en"):
        yield


def test_vietnamese_writes_day_month_year_with_slashes(vi):
    assert formats.day(dt.date(2026, 12, 1)) == "01/12/2026"
    assert formats.day("2026-12-01") == "01/12/2026"
    assert formats.period("2026-11") == "11/2026"
    assert formats.period(dt.date(2026, 3, 9)) == "03/2026"


def test_english_writes_the_month_by_name(en):
    assert formats.day(dt.date(2026, 12, 1)) == "1 Dec 2026"
    assert formats.period("2026-11") == "Nov 2026"


def test_money_and_numbers_in_vietnamese(vi):
    assert formats.money(1234567) == "1.234.567 đ"
    assert formats.number(36.5, 1) == "36,5"
    assert formats.years(36.5) == "36,5 năm"
    assert formats.percent(78) == "78,0 %"
    assert formats.number(-2530000) == "-2.530.000"


def test_money_and_numbers_in_english(en):
    assert formats.money(1234567) == "1,234,567 VND"
    assert formats.years(Decimal("36.5")) == "36.5 years"
    assert formats.years(1, 0) == "1 year"
    assert formats.percent(78.04) == "78.0%"


def test_a_missing_value_is_a_dash_and_text_passes_through(vi):
    assert formats.money(None) == formats.day("") == formats.percent(float("nan")) == "—"
    assert formats.period("now") == "now"


def test_a_moment_is_written_in_local_time(vi, settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    moment = dt.datetime(2026, 12, 1, 7, 5, tzinfo=dt.UTC)
    assert formats.moment(moment) == "01/12/2026 14:05"


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_grouping_never_changes_the_amount(amount):
    with translation.override("vi"):
        assert int(formats.number(amount).replace(".", "")) == amount
    with translation.override("en"):
        assert int(formats.number(amount).replace(",", "")) == amount


def test_the_template_filters_are_the_same_functions(vi):
    rendered = Template(
        "{% load ansinh_format %}{{ d|day }} {{ p|period }} {{ m|money }} {{ y|years }} {{ r|percent:0 }} "
        "{{ x|decimal:2 }}"
    ).render(Context({"d": dt.date(2026, 1, 2), "p": "2026-02", "m": 5000, "y": 2, "r": 50, "x": 1.5}))
    assert rendered == "02/01/2026 02/2026 5.000 đ 2,0 năm 50 % 1,50"


def test_a_length_of_insurance_in_years_and_months(vi):
    assert formats.years_months(34, 9) == "34 năm 9 tháng"
    assert formats.years_months(0, 7) == "7 tháng" and formats.years_months(2, 0) == "2 năm"
    assert (
        Template("{% load ansinh_format %}{{ t|years_months }}").render(Context({"t": {"years": 1, "months": 11}}))
        == "1 năm 11 tháng"
    )


def test_a_length_of_insurance_in_english_is_singular_for_one(en):
    assert formats.years_months(1, 11) == "1 year 11 months"
    assert formats.years_months(3, 1) == "3 years 1 month" and formats.years_months(0, 0) == "0 months"
