"""Dates, months, money and numbers written the way the reader's language writes them: one place for all
pages, exports and PDFs. Vietnamese: 01/12/2026, 11/2026, 1.234.567 đ, 36,5 năm, 78,0 %. English: 1 Dec 2026,
Nov 2026, 1,234,567 VND, 36.5 years, 78.0%. Anything missing is written as a dash."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import get_language, ngettext

DASH = "—"
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _english() -> bool:
    return (get_language() or "vi").startswith("en")


def _missing(value) -> bool:
    return value is None or value == "" or (isinstance(value, float) and value != value)


def number(value, places: int = 0) -> str:
    """1.234.567 or 36,5 in Vietnamese; 1,234,567 or 36.5 in English."""
    if _missing(value):
        return DASH
    try:
        places = int(places)
        exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return str(value)
    text = f"{exact:,.{places}f}"
    return text if _english() else text.translate(str.maketrans(",.", ".,"))


def money(value) -> str:
    """Whole đồng with the unit: 1.234.567 đ / 1,234,567 VND."""
    if _missing(value):
        return DASH
    return f"{number(value)} VND" if _english() else f"{number(value)} đ"


def percent(value, places: int = 1) -> str:
    if _missing(value):
        return DASH
    return f"{number(value, places)}%" if _english() else f"{number(value, places)} %"


def years(value, places: int = 1) -> str:
    if _missing(value):
        return DASH
    shown = number(value, places)
    return ngettext("%(n)s year", "%(n)s years", 1 if Decimal(str(value)) == 1 else 2) % {"n": shown}


def years_months(years: int, months: int) -> str:
    """A length of insurance: 1 year 11 months / 1 năm 11 tháng (no "0 years" in front of months alone)."""
    year_part = ngettext("%(n)s year", "%(n)s years", years) % {"n": years}
    month_part = ngettext("%(n)s month", "%(n)s months", months) % {"n": months}
    if not years:
        return month_part
    return year_part if not months else f"{year_part} {month_part}"


def day(value) -> str:
    """A date (or the local date of a moment): 01/12/2026 / 1 Dec 2026."""
    if _missing(value):
        return DASH
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}" if _english() else f"{value:%d/%m/%Y}"


def moment(value) -> str:
    """A date and time to the minute, in local time: 01/12/2026 14:05 / 1 Dec 2026 14:05."""
    if _missing(value):
        return DASH
    local = timezone.localtime(value) if isinstance(value, dt.datetime) and timezone.is_aware(value) else value
    return f"{day(local)} {local:%H:%M}"


def period(value) -> str:
    """A month ('2026-11', a Period or a date): 11/2026 / Nov 2026."""
    if _missing(value):
        return DASH
    if isinstance(value, (dt.date, dt.datetime)):
        year, month = value.year, value.month
    else:
        text = str(value)
        if len(text) < 7 or text[4] != "-" or not (text[:4] + text[5:7]).isdigit():
            return text
        year, month = int(text[:4]), int(text[5:7])
    return f"{_MONTHS_EN[month - 1]} {year}" if _english() else f"{month:02d}/{year}"
