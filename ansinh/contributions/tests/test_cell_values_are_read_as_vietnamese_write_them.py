"""Cell values as employers' files carry them: dd/mm/yyyy dates, mm/yyyy months, 8.500.000 amounts, 2,34
coefficients, Nam/Nữ and 1/0; and the contribution salary built from its parts."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansinh.contributions import declaration_values as values
from ansinh.contributions import rules
from ansinh.policy.rules import ParamSet, ParamVersion


@pytest.mark.parametrize(
    "text, day",
    [
        ("12/04/1995", dt.date(1995, 4, 12)),
        ("2/3/2001", dt.date(2001, 3, 2)),
        ("12-04-1995", dt.date(1995, 4, 12)),
        ("12.04.1995", dt.date(1995, 4, 12)),
        ("1995-04-12", dt.date(1995, 4, 12)),
        (dt.datetime(1995, 4, 12, 0, 0), dt.date(1995, 4, 12)),
        (34801, dt.date(1995, 4, 12)),
    ],
)
def test_dates(text, day):
    assert values.parse_date(text) == day


@pytest.mark.parametrize("text", ["31/02/2025", "2025/04/12", "12 tháng 4", "", "abc"])
def test_bad_dates_say_how_to_write_one(text):
    with pytest.raises(ValueError, match="dd/mm/yyyy"):
        values.parse_date(text)


@pytest.mark.parametrize(
    "text, month",
    [
        ("07/2025", dt.date(2025, 7, 1)),
        ("7/2025", dt.date(2025, 7, 1)),
        ("2025-07", dt.date(2025, 7, 1)),
        ("tháng 07/2025", dt.date(2025, 7, 1)),
        (dt.datetime(2025, 7, 15), dt.date(2025, 7, 1)),
        ("15/07/2025", dt.date(2025, 7, 1)),
    ],
)
def test_months(text, month):
    assert values.parse_month(text) == month


@pytest.mark.parametrize("text", ["13/2025", "00/2025", "2025", "7.5"])
def test_bad_months(text):
    with pytest.raises(ValueError, match="mm/yyyy"):
        values.parse_month(text)


@pytest.mark.parametrize(
    "text, amount",
    [
        ("8500000", 8_500_000),
        ("8.500.000", 8_500_000),
        ("8,500,000", 8_500_000),
        ("8 500 000", 8_500_000),
        ("8.500.000,00", 8_500_000),
        ("8,500,000.00", 8_500_000),
        ("8.500.000 đ", 8_500_000),
        (8500000.0, 8_500_000),
        (0, 0),
    ],
)
def test_amounts(text, amount):
    assert values.parse_money(text) == amount


@pytest.mark.parametrize("text", ["8.5", "8,500.5", "-1000", "1.234.5", "85tr", 8500000.5, 10**12])
def test_bad_amounts(text):
    with pytest.raises(ValueError):
        values.parse_money(text)


@pytest.mark.parametrize(
    "text, wage, coefficient",
    [
        ("2,34", None, Decimal("2.34")),
        ("2.34", None, Decimal("2.34")),
        (2.34, None, Decimal("2.34")),
        ("4,98", None, Decimal("4.98")),
        ("6.000.000", 6_000_000, None),
        (6000000, 6_000_000, None),
        ("6000000", 6_000_000, None),
    ],
)
def test_a_salary_column_holds_a_wage_or_a_coefficient(text, wage, coefficient):
    assert values.parse_wage_or_coefficient(text) == (wage, coefficient)


def test_a_coefficient_written_2_34_is_never_234_dong():
    assert values.parse_wage_or_coefficient("2,34") != (234, None)


@pytest.mark.parametrize(
    "text, sex",
    [
        ("Nam", "male"),
        ("nam", "male"),
        ("1", "male"),
        (1, "male"),
        ("Nữ", "female"),
        ("NỮ", "female"),
        ("Nu", "female"),
        ("0", "female"),
        (0, "female"),
        ("2", "female"),
    ],
)
def test_sex(text, sex):
    assert values.parse_sex(text) == sex


@given(st.integers(0, values.MAX_AMOUNT))
def test_an_amount_written_with_thousand_separators_reads_back(amount):
    dotted = f"{amount:,}".replace(",", ".")
    assert values.parse_money(dotted) == values.parse_money(f"{amount:,}") == values.parse_money(str(amount)) == amount


@given(st.one_of(st.text(max_size=20), st.integers(), st.floats(allow_nan=True), st.none(), st.booleans()))
def test_any_cell_is_read_or_refused_with_a_value_error(cell):
    for parse in (
        values.parse_date,
        values.parse_month,
        values.parse_money,
        values.parse_wage_or_coefficient,
        values.parse_sex,
        values.parse_flag,
        values.parse_percent,
    ):
        try:
            parse(cell)
        except ValueError as exc:
            assert str(exc)


def _params(base_salary: int) -> ParamSet:
    return ParamSet(
        dt.date(2025, 7, 1),
        {
            "reference.base_salary": ParamVersion(
                "reference.base_salary", dt.date(2024, 7, 1), base_salary, "dong", "test"
            )
        },
    )


def test_the_contribution_salary_is_wage_plus_allowances_plus_supplements():
    assert (
        rules.contribution_salary(
            _params(2_340_000), wage=7_000_000, allowances=1_200_000, supplements=500_000, position_allowance=300_000
        )
        == 9_000_000
    )


def test_a_pay_scale_salary_is_built_as_the_state_scale_builds_it():
    # (2,34 + 0,3) × 2.340.000 = 6.177.600; +5 % beyond the frame = 6.486.480; +10 % seniority = 7.135.128;
    # + 200.000 đồng allowance
    salary = rules.contribution_salary(
        _params(2_340_000),
        pay_coefficient=Decimal("2.34"),
        position_coefficient=Decimal("0.3"),
        beyond_frame_pct=Decimal(5),
        seniority_pct=Decimal(10),
        allowances=200_000,
    )
    assert salary == 7_135_128 + 200_000
