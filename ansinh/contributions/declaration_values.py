"""Cell values as employers' files carry them: dates dd/mm/yyyy, months mm/yyyy, amounts "8.500.000",
coefficients "2,34", Nam/Nữ or 1/0. Pure functions: a value in, a Python value out, or ValueError with a
message that says what was expected.

Spreadsheet cells may already be typed (openpyxl gives datetime for date cells and float for numbers); text
cells and CSV fields are parsed as a Vietnamese user writes them (decimal comma, dot as thousands separator).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

MAX_AMOUNT = 10_000_000_000  # an input bound (10 billion đồng a month), not a legal limit: catches typos
MAX_COEFFICIENT = Decimal(15)
MAX_PERCENT = Decimal(100)
EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_TEXT = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_MONTH_TEXT = re.compile(r"^(?:th[aá]ng\s*)?(\d{1,2})\s*[/.\-]\s*(\d{4})$", re.IGNORECASE)
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_GROUPED = re.compile(r"^\d{1,3}(?P<sep>[., ])\d{3}(?:(?P=sep)\d{3})*$")
_GROUPED_WITH_DECIMALS = re.compile(r"^\d{1,3}(?P<sep>[.,])\d{3}(?:(?P=sep)\d{3})*(?P<dec>[.,])(?P<frac>\d{1,2})$")
_CURRENCY = re.compile(r"\s*(đồng|đ|vnd|vnđ)\s*$", re.IGNORECASE)
_MALE = {"nam", "1", "m", "male", "trai"}
_FEMALE = {"nu", "0", "2", "f", "female", "gai"}
_TRUE = {"1", "x", "co", "true", "yes", "dung", "v"}
_FALSE = {"0", "", "khong", "false", "no", "sai"}


def plain(text: str) -> str:
    """Lower case without diacritics (đ → d): how labels and keywords are compared."""
    folded = unicodedata.normalize("NFD", str(text)).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold().strip()


def text_of(value) -> str:
    """A cell as text, as the employer sees it (a whole float without its '.0')."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unicodedata.normalize("NFC", str(value)).replace("\u00a0", " ").strip()


def parse_date(value) -> dt.date:
    """dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy), yyyy-mm-dd, or a date cell."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and 1 <= value < 2_958_466:
        return EXCEL_EPOCH + dt.timedelta(days=int(value))  # a date cell saved without its date format
    text = text_of(value)
    match = _DATE_TEXT.match(text)
    try:
        if match:
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        match = _ISO_DATE.match(text)
        if match:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        pass
    raise ValueError(_("%(value)r is not a date: write it as dd/mm/yyyy, e.g. 01/07/2025.") % {"value": text})


def parse_month(value) -> dt.date:
    """The first day of a month written mm/yyyy (also m/yyyy, yyyy-mm), or of a date cell's month."""
    if isinstance(value, (dt.date, dt.datetime)) or (isinstance(value, (int, float)) and value > 10_000):
        day = parse_date(value)
        return day.replace(day=1)
    text = text_of(value)
    match = _MONTH_TEXT.match(text)
    month_year = (int(match.group(1)), int(match.group(2))) if match else None
    if month_year is None and (match := _ISO_MONTH.match(text)):
        month_year = (int(match.group(2)), int(match.group(1)))
    if month_year is None and (_DATE_TEXT.match(text) or _ISO_DATE.match(text)):
        return parse_date(text).replace(day=1)
    if month_year and 1 <= month_year[0] <= 12 and 1900 <= month_year[1] <= 2999:
        return dt.date(month_year[1], month_year[0], 1)
    raise ValueError(_("%(value)r is not a month: write it as mm/yyyy, e.g. 07/2025.") % {"value": text})


def parse_money(value) -> int:
    """Whole đồng: 8500000, 8.500.000, 8,500,000, 8 500 000, 8.500.000,00 or a number cell."""
    if isinstance(value, bool):
        raise ValueError(_("%(value)r is not an amount in đồng.") % {"value": value})
    if isinstance(value, (int, float)):
        amount = value
        if isinstance(value, float) and not value.is_integer():
            raise ValueError(_("%(value)s is not a whole number of đồng.") % {"value": value})
    else:
        amount = _money_text(_CURRENCY.sub("", text_of(value)))
    amount = int(amount)
    if amount < 0 or amount > MAX_AMOUNT:
        raise ValueError(
            _("%(value)s đồng is outside 0 … %(max)s đồng.")
            % {"value": amount, "max": f"{MAX_AMOUNT:,}".replace(",", ".")}
        )
    return amount


def _money_text(text: str) -> int:
    compact = text.strip()
    if compact.isdigit():
        return int(compact)
    if _GROUPED.match(compact):
        return int(re.sub(r"\D", "", compact))
    match = _GROUPED_WITH_DECIMALS.match(compact)
    if match and match.group("dec") != match.group("sep") and int(match.group("frac")) == 0:
        return int(re.sub(r"\D", "", compact[: match.start("dec")]))
    match = re.match(r"^(\d+)[.,](0{1,2})$", compact)
    if match:
        return int(match.group(1))
    raise ValueError(_("%(value)r is not a whole number of đồng (write 8500000 or 8.500.000).") % {"value": text})


def parse_decimal(value, maximum: Decimal) -> Decimal:
    """A coefficient or percent with at most two decimals: 2,34 or 2.34 or a number cell."""
    if isinstance(value, bool):
        raise ValueError(_("%(value)r is not a number.") % {"value": value})
    text = repr(value) if isinstance(value, float) else text_of(value).replace(",", ".").rstrip("%").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("%(value)r is not a number (write 2,34).") % {"value": text_of(value)}) from None
    if not number.is_finite() or number < 0 or number > maximum or number != number.quantize(Decimal("0.01")):
        raise ValueError(
            _("%(value)s must be between 0 and %(max)s with at most two decimals.")
            % {"value": text_of(value), "max": maximum}
        )
    return number.quantize(Decimal("0.01"))


def parse_wage_or_coefficient(value) -> tuple[int | None, Decimal | None]:
    """Column 'Hệ số/Mức lương': a pay-scale coefficient (below 100, e.g. 2,34) or a wage in đồng."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < 100:
            return None, _positive_coefficient(parse_decimal(value, MAX_COEFFICIENT))
        return parse_money(value), None
    text = _CURRENCY.sub("", text_of(value))
    if _GROUPED.match(text) or _GROUPED_WITH_DECIMALS.match(text) or (text.isdigit() and int(text) >= 100):
        return parse_money(text), None
    return None, _positive_coefficient(parse_decimal(text, MAX_COEFFICIENT))


def _positive_coefficient(number: Decimal) -> Decimal:
    if number <= 0:
        raise ValueError(_("A pay-scale coefficient must be above 0 (got %(value)s).") % {"value": number})
    return number


def parse_coefficient_or_money(value) -> tuple[int, Decimal]:
    """A position allowance: a coefficient (below 100, e.g. 0,3) or an amount in đồng. Returns (đồng, coefficient)."""
    wage, coefficient = parse_wage_or_coefficient(value) if text_of(value) not in ("0", "") else (0, None)
    return (wage or 0), (coefficient or Decimal(0))


def parse_percent(value) -> Decimal:
    return parse_decimal(value, MAX_PERCENT)


def parse_sex(value) -> str:
    """Nam/Nữ (any case, with or without diacritics), 1/0 as the I-VAN template writes it, M/F."""
    key = plain(text_of(value))
    if key in _MALE:
        return "male"
    if key in _FEMALE:
        return "female"
    raise ValueError(
        _("%(value)r is not a sex: write Nam or Nữ (or 1 for men, 0 for women).") % {"value": text_of(value)}
    )


def parse_flag(value) -> bool:
    key = plain(text_of(value))
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueError(_("%(value)r is not yes or no: write 1 or 0.") % {"value": text_of(value)})


def parse_year_only_birth(value) -> dt.date:
    """A birth year alone (the form's 'only the year of birth' case) stands for 1 January of that year."""
    text = text_of(value)
    if text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2999:
        return dt.date(int(text), 1, 1)
    return parse_date(value)
