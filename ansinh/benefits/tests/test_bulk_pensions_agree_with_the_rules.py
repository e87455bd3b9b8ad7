"""The set-based pricing of the demo and the benchmark gives the pension of the one-by-one rules (to a đồng),
capped months and state pay-scale re-basing included."""

import datetime as dt

import polars as pl
import pytest

from ansinh.benefits import bulk_pensions
from ansinh.benefits.rules import CareerPeriod, PensionInput, quote_pension
from ansinh.benefits.rules.dates import month_index
from ansinh.policy.services import params_on

pytestmark = pytest.mark.django_db

CAREERS = {
    1: (
        "male",
        dt.date(1963, 1, 1),
        [("1990-01-01", "2004-12-31", 3_000_000, False), ("2005-01-01", "2025-12-31", 60_000_000, False)],
    ),
    2: (
        "female",
        dt.date(1968, 5, 1),
        [("1998-03-01", "2012-06-30", 1_500_000, True), ("2012-07-01", "2025-12-31", 9_000_000, True)],
    ),
    3: (
        "male",
        dt.date(1964, 2, 1),
        [("1994-01-01", "2009-12-31", 800_000, True), ("2010-01-01", "2025-12-31", 12_000_000, False)],
    ),
}


def _frames():
    people = pl.DataFrame(
        [(pid, sex, dt.date(2026, 1, 1)) for pid, (sex, _b, _s) in CAREERS.items()],
        schema=["person_id", "sex", "retired_on"],
        orient="row",
    )
    spells = pl.DataFrame(
        [
            (pid, dt.date.fromisoformat(a), dt.date.fromisoformat(b), salary, state)
            for pid, (_sex, _b, rows) in CAREERS.items()
            for a, b, salary, state in rows
        ],
        schema=["person_id", "start", "end", "insured_salary", "state_scale"],
        orient="row",
    )
    return people, spells


@pytest.mark.parametrize("person_id", sorted(CAREERS))
def test_the_bulk_pension_is_the_rules_pension(person_id):
    params = params_on(dt.date(2026, 1, 1))
    people, spells = _frames()
    bulk = bulk_pensions.pensions(people, spells, params).filter(pl.col("person_id") == person_id).row(0, named=True)
    sex, birth, rows = CAREERS[person_id]
    periods = tuple(
        CareerPeriod(
            month_index(dt.date.fromisoformat(a)),
            month_index(dt.date.fromisoformat(b)),
            salary,
            "state" if state else "employer",
        )
        for a, b, salary, state in rows
    )
    single = quote_pension(PensionInput(sex, birth, dt.date(2026, 1, 1), periods), params_on(dt.date(2026, 1, 1)))
    assert abs(bulk["mbq"] - single.average_monthly_salary) <= 1
    assert abs(bulk["monthly_pension"] - single.monthly_pension) <= 1
