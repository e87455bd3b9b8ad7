"""Time limits come from the Law on Complaints 2011 and the Law on Denunciations 2018 as effective-dated
data; working days follow the calendar, calendar-day limits ending on a day off move to the next working day."""

import datetime as dt

import pytest

from ansinh.feedback import rules
from ansinh.procedures.rules import WorkCalendar

CAL = WorkCalendar(days_off=frozenset({dt.date(2025, 4, 30), dt.date(2025, 5, 1), dt.date(2025, 5, 2)}))
COMPLAINT_ACCEPT = rules.TimeLimit("complaint", "accept", 10, "days", dt.date(2012, 7, 1), "Luật Khiếu nại, Điều 27")
DENUNCIATION_ACCEPT = rules.TimeLimit(
    "denunciation", "accept", 7, "working_days", dt.date(2019, 1, 1), "Luật Tố cáo, Điều 24"
)


def test_a_calendar_day_limit_ending_on_a_holiday_ends_on_the_next_working_day():
    assert rules.deadline(CAL, dt.date(2025, 4, 20), COMPLAINT_ACCEPT) == dt.date(2025, 5, 5)  # 30/4 → after 1–4/5


def test_a_working_day_limit_skips_weekends_and_holidays():
    assert rules.deadline(CAL, dt.date(2025, 4, 25), DENUNCIATION_ACCEPT) == dt.date(2025, 5, 9)


def test_the_version_in_force_on_the_day_applies():
    newer = rules.TimeLimit("complaint", "accept", 5, "days", dt.date(2030, 1, 1), "a later law")
    limits = [COMPLAINT_ACCEPT, newer]
    assert rules.limit_for(limits, "complaint", "accept", dt.date(2029, 12, 31)) is COMPLAINT_ACCEPT
    assert rules.limit_for(limits, "complaint", "accept", dt.date(2030, 1, 1)) is newer
    assert rules.limit_for(limits, "complaint", "accept", dt.date(2010, 1, 1)) is None


@pytest.mark.parametrize(
    "today, expected",
    [(dt.date(2025, 5, 5), "due_soon"), (dt.date(2025, 5, 12), "overdue"), (dt.date(2025, 4, 21), "")],
)
def test_a_case_warns_two_working_days_before_its_limit_and_when_past_it(today, expected):
    assert rules.warning(CAL, dt.date(2025, 5, 7), today, finished=False) == expected
    assert rules.warning(CAL, dt.date(2025, 5, 7), today, finished=True) == ""


@pytest.mark.django_db
def test_the_seeded_limits_carry_their_articles():
    from ansinh.feedback.models import TimeLimit

    complaint = TimeLimit.objects.get(kind="complaint", stage="resolve")
    denunciation = TimeLimit.objects.get(kind="denunciation", stage="accept")
    assert complaint.days == 30 and "Điều 28" in complaint.source and not complaint.assumed
    assert denunciation.unit == "working_days" and "25/2018/QH14" in denunciation.source
    assert TimeLimit.objects.get(kind="question").assumed
