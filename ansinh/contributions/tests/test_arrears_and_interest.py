"""Arrears aged by months overdue, interest per day late, and the arrears ratio per area."""

import datetime as dt

import polars as pl
import pytest

from ansinh.contributions import services
from ansinh.contributions.arrears import aged_units, bills_as_of
from ansinh.contributions.assessment import assess
from ansinh.contributions.payments import record_payment
from ansinh.core.periods import Period
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_units():
    payer, debtor = factories.employer(wage_region="I"), factories.employer(wage_region="I", commune_code="43601")
    for unit in (payer, debtor):
        factories.spell(factories.person(), unit, dt.date(2024, 1, 1), salary=10_000_000)
    for month in ("2025-07", "2025-08", "2025-09"):
        assess(Period.parse(month))
    record_payment("bank", "P1", dt.date(2025, 8, 20), 3 * 3_200_000, payer.unit_code)
    return payer, debtor


def test_the_arrears_ratio_is_overdue_at_period_end_over_due_year_to_date(two_units):
    answer = services.arrears_ratio("2025-09")
    # July and August bills are past due by 30/9 (due 31/8 and 30/9… only July's is strictly before 30/9).
    assert answer["due_ytd"] == 6 * 3_200_000
    assert answer["overdue"] == 3_200_000
    assert answer["ratio"] == pytest.approx(1 / 6)


def test_arrears_by_area_gives_a_row_per_employer_commune(two_units):
    rows = services.arrears_by_area("2025-09")
    assert rows == [
        {
            "area_code": "436",
            "commune_code": "43601",
            "employer_count": 2,
            "due_ytd": 6 * 3_200_000,
            "overdue": 3_200_000,
        }
    ]


def _arrears_bill_by_bill(period: str) -> list[dict]:
    """The arrears per commune summed in Polars over every bill as it stood at the period's end."""
    month = Period.parse(period)
    bills = bills_as_of(month.last_day, period).with_columns(
        pl.when(pl.col("due_date") < month.last_day).then(pl.col("outstanding")).otherwise(0).alias("overdue"),
        pl.when(pl.col("period") >= f"{month.year}-01").then(pl.col("amount")).otherwise(0).alias("due_ytd"),
    )
    sums = bills.group_by("area_code", "commune_code").agg(
        pl.col("employer_id").n_unique().alias("employer_count"), pl.col("due_ytd").sum(), pl.col("overdue").sum()
    )
    return sums.sort("area_code", "commune_code").to_dicts()


@pytest.mark.parametrize("period", ["2025-07", "2025-08", "2025-09", "2025-12", "2026-01"])
def test_arrears_summed_in_the_database_are_the_sums_over_each_bill(two_units, period):
    other = factories.employer(wage_region="II", commune_code="43701")
    factories.spell(factories.person(), other, dt.date(2024, 1, 1), salary=7_000_000)
    assess(Period.parse("2025-09"))
    record_payment("bank", "P2", dt.date(2025, 10, 5), 1_000_000, other.unit_code)
    assert services.arrears_by_area(period) == _arrears_bill_by_bill(period)


def test_a_debtor_unit_is_aged_in_months_and_runs_up_interest_per_day(two_units):
    payer, debtor = two_units
    rows = aged_units(dt.date(2025, 10, 31))
    assert [r["payer_code"] for r in rows] == [debtor.unit_code]
    row = rows[0]
    assert row["oldest_period"] == "2025-07" and row["months_overdue"] == 2
    # July (due 31/8) is 61 days late, August (due 30/9) 31 days, at 0.03% a day of 3,200,000 = 960 đồng a day.
    assert row["interest"] == 960 * 61 + 960 * 31
    assert row["overdue"] == 2 * 3_200_000
