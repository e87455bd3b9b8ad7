"""The working-day calendar as the rules need it, read from the CalendarDay table."""

from __future__ import annotations

from ansinh.procedures.models import CalendarDay
from ansinh.procedures.rules import WorkCalendar


def work_calendar() -> WorkCalendar:
    days = CalendarDay.objects.values_list("date", "kind")
    return WorkCalendar(
        days_off=frozenset(d for d, kind in days if kind == CalendarDay.Kind.DAY_OFF),
        extra_working_days=frozenset(d for d, kind in days if kind == CalendarDay.Kind.WORKING),
    )
