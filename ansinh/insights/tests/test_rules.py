"""The pure rules: ratios, target checks, status and trend."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from ansinh.insights import rules


def test_a_ratio_without_a_denominator_is_unknown_not_zero():
    assert rules.percent(5, 0) is None
    assert rules.percent(None, 10) is None
    assert rules.percent(1, 8) == 12.5


@given(st.integers(0, 10**9), st.integers(1, 10**9))
def test_a_part_of_a_whole_is_between_0_and_100_percent(part, extra):
    value = rules.percent(part, part + extra)
    assert 0 <= value < 100


def test_each_comparison_reads_as_its_symbol():
    assert rules.meets(45.0, "gte", Decimal("45")) and not rules.meets(45.0, "gt", Decimal("45"))
    assert rules.meets(2.49, "lt", Decimal("2.5")) and not rules.meets(2.5, "lt", Decimal("2.5"))
    assert rules.meets(None, "gte", Decimal("1")) is None


def test_the_status_says_met_near_off_or_why_there_is_none():
    assert rules.status(46, "gte", Decimal("45"), "higher") == "met"
    assert rules.status(41, "gte", Decimal("45"), "higher") == "near"
    assert rules.status(30, "gte", Decimal("45"), "higher") == "off"
    assert rules.status(3.0, "lt", Decimal("2.5"), "lower") == "off"
    assert rules.status(2.6, "lt", Decimal("2.5"), "lower") == "near"
    assert rules.status(50, None, None, "higher") == "no_target"
    assert rules.status(None, "gte", Decimal("45"), "higher") == "no_data"


def test_a_trend_is_better_when_it_moves_the_good_way():
    assert rules.trend(46, 45, "higher") == "better"
    assert rules.trend(3, 2, "lower") == "worse"
    assert rules.trend(2, 2.001, "lower") == "same"
    assert rules.trend(None, 2, "lower") == ""


def test_the_gap_is_positive_when_short_of_target_in_either_direction():
    assert rules.gap(40, Decimal("45"), "higher") == 5
    assert rules.gap(3, Decimal("2.5"), "lower") == 0.5
    assert rules.gap(None, Decimal("2.5"), "lower") is None
