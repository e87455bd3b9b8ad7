"""When a declared change takes effect: the first (and last) day a row of a declaration file means, and whether
the unit may declare that day."""

from __future__ import annotations

import calendar
import datetime as dt

from django.utils.translation import gettext as _

from ansinh.contributions import declaration_fields as fields
from ansinh.contributions.plan_codes import PAST_MONTHS

MAX_DAYS_AHEAD = 31
DECREASES = {"suspend", "leave", "transfer_out"}


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _next_month(day: dt.date) -> dt.date:
    return _month_end(day) + dt.timedelta(days=1)


def timing(row, problems: fields.Problems) -> None:
    """The first day a change takes effect (and the last day of a range of past months). Months are read as
    the form means them: 'Từ tháng' is the first month the change applies to; the printed form's column 26
    ('Thời điểm đơn vị kết thúc đóng') is the last month the unit pays."""
    start, end, exact = row.months.get("from_month"), row.months.get("to_month"), row.months.get("effective_date")
    if row.action in PAST_MONTHS:
        if start is None:
            problems.add(row.record, "from_month", _("Write the first month of the period (mm/yyyy) in this column."))
            return
        row.day, row.until = start, _month_end(end or start)
        if row.until < row.day:
            problems.add(row.record, "to_month", _("The last month is before the first month."))
        return
    if row.action in DECREASES:
        printed = row.record.table.form == "d02lt"
        row.day = exact or (start if start and not printed else None) or (_next_month(end) if end else start)
    else:
        row.day = exact or start
    if row.day is None:
        key = "effective_date" if "effective_date" in row.record.table.columns else "from_month"
        problems.add(row.record, key, _("Write the month the change takes effect (mm/yyyy)."))


def check_dates(row, employer, today: dt.date, problems: fields.Problems) -> None:
    key = "effective_date" if row.months.get("effective_date") else "from_month"
    if row.day > today + dt.timedelta(days=MAX_DAYS_AHEAD):
        problems.add(
            row.record,
            key,
            _("%(day)s is more than %(n)s days ahead: declare it closer to the date.")
            % {"day": row.day.strftime("%d/%m/%Y"), "n": MAX_DAYS_AHEAD},
        )
    elif row.day < employer.registered_on:
        problems.add(
            row.record,
            key,
            _("%(day)s is before the unit registered (%(reg)s).")
            % {"day": row.day.strftime("%d/%m/%Y"), "reg": employer.registered_on.strftime("%d/%m/%Y")},
        )
    if row.until is not None and row.until > _month_end(today):
        problems.add(row.record, "to_month", _("Back-collection and refunds are for months up to this one."))
