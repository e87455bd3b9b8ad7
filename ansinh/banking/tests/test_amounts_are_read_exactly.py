"""Amounts in đồng are read exactly in either thousands convention; a fraction or an absurd size is an error."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansinh.banking.amounts import MAX_AMOUNT, AmountError, check_currency, parse_amount


@pytest.mark.parametrize(
    "text, value",
    [
        ("52,579,200", 52_579_200),
        ("52.579.200", 52_579_200),
        ("52 579 200", 52_579_200),
        ("52\u00a0579\u00a0200", 52_579_200),
        ("115881600.00", 115_881_600),
        ("115881600,00", 115_881_600),
        ("52.579.200,00", 52_579_200),
        ("52,579,200.00", 52_579_200),
        ("1.000", 1_000),
        ("1,000", 1_000),
        ("3960000", 3_960_000),
        ("52,579,200 VND", 52_579_200),
        ("VND 1.500.000", 1_500_000),
        ("1.500.000 đ", 1_500_000),
        ("-11,000", -11_000),
        ("+2,500", 2_500),
        (98765400.0, 98_765_400),
        (Decimal("52579200.00000"), 52_579_200),
    ],
)
def test_it_reads_the_amounts_banks_write(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "115881600.50",
        "1.5",
        "52,579,200.01",
        "1,000.5",
        "12,34,567",
        "1.2345",
        "abc",
        "",
        "1e6",
        "--5",
        "5-",
        "9223372036854775807",
        "9223372036854775808",
        "1,000,000,000,000,000",
        float("nan"),
        1234.5,
        True,
        None,
    ],
)
def test_it_refuses_fractions_malformed_numbers_and_absurd_sizes(text):
    with pytest.raises(AmountError):
        parse_amount(text)


def test_the_largest_accepted_amount_is_far_below_two_to_the_sixty_three():
    assert parse_amount(MAX_AMOUNT) == MAX_AMOUNT
    with pytest.raises(AmountError):
        parse_amount(2**63)
    assert 900_000 * MAX_AMOUNT < 2**63


def test_only_vnd_is_accepted():
    check_currency("VND")
    with pytest.raises(AmountError):
        check_currency("USD")


@given(st.integers(min_value=0, max_value=MAX_AMOUNT), st.sampled_from([",", ".", " "]), st.booleans())
def test_any_amount_written_with_thousands_separators_reads_back(value, separator, with_zero_decimals):
    text = f"{value:,}".replace(",", separator)
    if with_zero_decimals:
        text += ("," if separator == "." else ".") + "00"
    assert parse_amount(text) == value
