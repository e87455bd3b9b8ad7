"""Single-value converters, for tables read one value at a time (the e-gateway's check-in file XML0): the same
formats and code lists as the field rules of the claims reader (data/fields.csv, data/codes.csv). Each returns the
value in our types or raises ValueError with the reason a facility's IT staff can act on."""

from __future__ import annotations

import datetime as dt
import re

from ansinh.health.xml130.fieldcheck import CARD, FACILITY, ICD10, IDNO
from ansinh.health.xml130.spec import codes


def text(value: str) -> str:
    return value.strip()


def count(value: str) -> int:
    if not value.strip().isdigit():
        raise ValueError(f"not a whole number: {value!r}")
    return int(value)


def _date(value: str, digits: int, fmt: str) -> dt.datetime:
    value = value.strip()
    if not re.fullmatch(rf"\d{{{digits}}}", value):
        raise ValueError(f"expected {'yyyymmddHHMM' if digits == 12 else 'yyyymmdd'}, got {value!r}")
    try:
        return dt.datetime.strptime(value, fmt)
    except ValueError:
        raise ValueError(f"not a real date: {value!r}") from None


def day(value: str) -> dt.date:
    """yyyymmdd, or yyyymmddHHMM of which the date is kept; month and day 00 when unknown (QĐ 130 Bảng 1 mục 6)."""
    value = value.strip()
    value = value[:8] if len(value) == 12 else value
    if len(value) == 8 and value[4:6] == "00":
        value = value[:4] + "0101"
    elif len(value) == 8 and value[6:8] == "00":
        value = value[:6] + "01"
    return _date(value, 8, "%Y%m%d").date()


def moment(value: str) -> dt.datetime:
    return _date(value, 12, "%Y%m%d%H%M")


def _code(value: str, listing: str, label: str) -> str:
    value = value.strip()
    if value not in codes()[listing]:
        raise ValueError(f"{label} must be one of {', '.join(codes()[listing])}")
    return value


def sex(value: str) -> int:
    return int(_code(value, "sex", "GIOI_TINH"))


def visit_type(value: str) -> str:
    return _code(value, "visit_type", "MA_LOAI_KCB")


def cccd(value: str) -> str:
    value = value.strip()
    if value and not re.match(IDNO, value):
        raise ValueError("not a CCCD (12 digits), old ID (9 digits) or passport number")
    return value


def card(value: str) -> str:
    value = value.strip().upper()
    if value and not re.match(CARD, value):
        raise ValueError("the card code must be 2 letters, a benefit digit 1–5, 2 province digits and 10 digits")
    return value


def icd10(value: str) -> str:
    value = value.strip().upper()
    if not re.match(ICD10, value):
        raise ValueError(f"not an ICD-10 code: {value!r}")
    return value


def facility(value: str) -> str:
    value = value.strip()
    if not re.match(FACILITY, value):
        raise ValueError("a facility code has 5 characters")
    return value
