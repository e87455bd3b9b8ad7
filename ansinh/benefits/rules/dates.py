"""Calendar helpers for ages and months (pure)."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def full_months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from start to end (negative when end is before start)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and end.day < start.day:
        months -= 1
    elif months < 0 and end.day > start.day:
        months += 1
    return months


def month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1
