"""The card's "five consecutive years" count from the start of the insurance that still runs, not the first job."""

import datetime as dt

import polars as pl

from ansinh.health.coverage import continuous_since

ON = dt.date(2026, 6, 1)
D = dt.date


def spells(*rows) -> pl.DataFrame:
    return pl.DataFrame(
        [(1, start, end) for start, end in rows],
        schema={"person_id": pl.Int64, "start": pl.Date, "end": pl.Date},
        orient="row",
    )


def since(spell_rows, pension_from=None, max_gap_days=90):
    pensions = pl.DataFrame(
        {"person_id": [1] if pension_from else [], "pension_from": [pension_from] if pension_from else []},
        schema={"person_id": pl.Int64, "pension_from": pl.Date},
    )
    found = continuous_since(spells(*spell_rows), pensions, ON, max_gap_days)
    return found["continuous_since"][0] if found.height else None


def test_jobs_one_after_another_count_from_the_first():
    assert since([(D(2012, 3, 1), D(2015, 6, 30)), (D(2015, 7, 1), D(2020, 1, 31)), (D(2020, 2, 1), None)]) == D(
        2012, 3, 1
    )


def test_a_break_of_up_to_three_months_does_not_interrupt():
    assert since([(D(2012, 3, 1), D(2015, 6, 30)), (D(2015, 9, 28), None)]) == D(2012, 3, 1)


def test_a_longer_break_starts_the_count_again():
    assert since([(D(2012, 3, 1), D(2015, 6, 30)), (D(2016, 2, 1), D(2019, 1, 31)), (D(2019, 2, 1), None)]) == D(
        2016, 2, 1
    )


def test_a_pension_that_follows_the_last_job_keeps_the_count_running():
    assert since([(D(1990, 1, 1), D(2016, 1, 31))], pension_from=D(2016, 2, 1)) == D(1990, 1, 1)


def test_a_job_that_ended_long_ago_gives_no_running_insurance():
    assert since([(D(2010, 1, 1), D(2024, 12, 31))]) is None


def test_spells_that_start_after_the_day_are_ignored():
    assert since([(D(2010, 1, 1), D(2020, 12, 31)), (D(2021, 1, 1), None), (D(2027, 1, 1), None)]) == D(2010, 1, 1)
