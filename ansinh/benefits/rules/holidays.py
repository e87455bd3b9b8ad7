"""Public holidays and working days, for the deadlines of benefits (pure).

The days fixed by law (Labour Code 2019 Art. 112.1: 1/1, 30/4, 1/5, 2/9) are calendar.public_holidays; one that
falls on a Saturday or Sunday is made up on the next working day (Art. 111.3). Tết, the Hùng Kings day and the
day next to 2/9 move with the lunar calendar and each year's announcement: calendar.announced_holidays, one
version a year, applied only once in force (while provisional it is listed as an announced change)."""

from __future__ import annotations

import datetime as dt

ANNOUNCED = "calendar.announced_holidays"


def _weekend(day: dt.date) -> bool:
    return day.weekday() >= 5


def public_holidays(params, first_year: int, last_year: int) -> frozenset[dt.date]:
    """Days off other than weekends in the years first_year..last_year."""
    rule = params.raw("calendar.public_holidays")
    params.pending(ANNOUNCED)
    days = {dt.date.fromisoformat(d) for v in params.series(ANNOUNCED, dt.date.min) for d in v.value["days"]}
    for year in range(first_year, last_year + 1):
        for month_day in rule["fixed"]:
            day = dt.date.fromisoformat(f"{year}-{month_day}")
            days.add(day)
            if rule.get("weekend_made_up") and _weekend(day):
                days.add(next_working_day(day, frozenset(days)))
    return frozenset(d for d in days if first_year <= d.year <= last_year)


def is_working_day(day: dt.date, holidays: frozenset) -> bool:
    return not _weekend(day) and day not in holidays


def next_working_day(day: dt.date, holidays: frozenset) -> dt.date:
    """The day itself when it is a working day, else the first working day after it."""
    while not is_working_day(day, holidays):
        day += dt.timedelta(days=1)
    return day


def working_days_after(day: dt.date, count: int, holidays: frozenset = frozenset()) -> dt.date:
    """The working day that follows `count` working days after `day`."""
    current, passed = day, 0
    while passed < count:
        current += dt.timedelta(days=1)
        if is_working_day(current, holidays):
            passed += 1
    return next_working_day(current + dt.timedelta(days=1), holidays)


def add_working_days(day: dt.date, count: int, holidays: frozenset) -> dt.date:
    """`count` working days after `day` (the day itself when count is 0)."""
    passed = 0
    while passed < count:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays):
            passed += 1
    return day
