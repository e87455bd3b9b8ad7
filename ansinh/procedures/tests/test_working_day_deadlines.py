"""Due dates count working days: weekends, public holidays and swapped Saturdays from the calendar data."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansinh.procedures.calendar import work_calendar
from ansinh.procedures.rules import WorkCalendar, add_working_days, due_after_resume, is_overdue, working_days_between

PLAIN = WorkCalendar()
HOLIDAYS = WorkCalendar(
    days_off=frozenset({dt.date(2025, 4, 30), dt.date(2025, 5, 1), dt.date(2025, 5, 2)}),
    extra_working_days=frozenset({dt.date(2025, 4, 26)}),
)
days = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2027, 12, 31))


def test_five_working_days_from_a_friday_end_the_next_friday():
    assert add_working_days(PLAIN, dt.date(2025, 3, 7), 5) == dt.date(2025, 3, 14)


def test_a_dossier_received_on_a_saturday_counts_from_monday():
    assert add_working_days(PLAIN, dt.date(2025, 3, 8), 1) == dt.date(2025, 3, 10)


def test_the_may_holidays_push_the_deadline_and_the_swapped_saturday_counts():
    # Fri 25/4 + 5: Sat 26/4 (worked), Mon 28, Tue 29, [30/4, 1/5, 2/5 off], Mon 5/5, Tue 6/5
    assert add_working_days(HOLIDAYS, dt.date(2025, 4, 25), 5) == dt.date(2025, 5, 6)


@pytest.mark.django_db
def test_tet_2025_from_the_shipped_calendar_moves_a_seven_day_limit_by_a_week():
    calendar = work_calendar()
    # Thu 23/1/2025 + 7 working days: 24/1, [27–31/1 Tết], 3, 4, 5, 6, 7, 10/2
    assert add_working_days(calendar, dt.date(2025, 1, 23), 7) == dt.date(2025, 2, 10)


@pytest.mark.django_db
def test_the_shipped_calendar_covers_tet_for_2025_to_2027():
    calendar = work_calendar()
    for tet_day in (dt.date(2025, 1, 29), dt.date(2026, 2, 17), dt.date(2027, 2, 8)):
        assert not calendar.is_working_day(tet_day)


@given(start=days, n=st.integers(min_value=0, max_value=60))
def test_the_due_date_is_a_working_day_exactly_n_working_days_later(start, n):
    due = add_working_days(HOLIDAYS, start, n)
    assert working_days_between(HOLIDAYS, start, due) == n
    if n:
        assert HOLIDAYS.is_working_day(due)


@given(start=days, n=st.integers(min_value=0, max_value=40), extra=st.integers(min_value=0, max_value=20))
def test_a_longer_time_limit_never_gives_an_earlier_due_date(start, n, extra):
    assert add_working_days(HOLIDAYS, start, n + extra) >= add_working_days(HOLIDAYS, start, n)


@given(
    received=days, limit=st.integers(min_value=1, max_value=30), pause_after=st.integers(0, 20), wait=st.integers(0, 30)
)
def test_waiting_for_the_applicant_does_not_use_up_the_agency_s_working_days(received, limit, pause_after, wait):
    due = add_working_days(PLAIN, received, limit)
    paused = received + dt.timedelta(days=pause_after)
    resumed = paused + dt.timedelta(days=wait)
    new_due = due_after_resume(PLAIN, due, paused, resumed)
    left = working_days_between(PLAIN, paused, due)
    assert new_due == (due if left <= 0 else add_working_days(PLAIN, resumed, left))
    assert new_due >= due


def test_a_dossier_is_overdue_only_past_its_due_date_and_not_while_waiting_for_the_applicant():
    due = dt.date(2025, 6, 10)
    assert not is_overdue(due, None, due)
    assert is_overdue(due, None, dt.date(2025, 6, 11))
    assert not is_overdue(due, None, dt.date(2025, 6, 11), clock_stopped=True)
    assert is_overdue(due, dt.date(2025, 6, 11), dt.date(2025, 7, 1))
    assert not is_overdue(due, dt.date(2025, 6, 10), dt.date(2025, 7, 1))
