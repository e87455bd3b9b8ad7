"""Health-insurance law as pure functions: names compared at the counter, the old card code, the result of
an eligibility check, and the five-consecutive-years date. Plain values in and out; no ORM."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

PROVINCE_CARD_CODE = "42"  # Hà Tĩnh's 2-digit code inside the old 15-character card code
CARD_CODE = re.compile(r"^([A-Z]{2})([1-5])(\d{2})(\d{10})$")
CCCD = re.compile(r"^\d{12}$")


def normalise_name(name: str) -> str:
    """Upper case without diacritics or extra spaces: 'Nguyễn  Thị Đào' → 'NGUYEN THI DAO'."""
    text = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(text.upper().split())


def card_code(group: str, digit: int, si_number: str) -> str:
    """The old 15-character card: group, benefit digit, province, 10-digit SI number."""
    return f"{group}{digit}{PROVINCE_CARD_CODE}{si_number}"


def parse_card_code(code: str) -> dict | None:
    match = CARD_CODE.match(code.strip().upper())
    if not match:
        return None
    group, digit, province, si_number = match.groups()
    return {"group": group, "digit": int(digit), "province": province, "si_number": si_number}


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def five_years_from(continuous_since: dt.date, years: int) -> dt.date:
    """The day the person reaches `years` consecutive years of HI."""
    return add_years(continuous_since, years)


def check_result(coverage: dict | None, person: dict | None, full_name: str, birth_date: dt.date, on: dt.date) -> str:
    """Result code of a check at the counter. The identity is checked before the card, so a stranger learns
    nothing about someone else's card."""
    if person is None:
        return "050"
    if normalise_name(full_name) != normalise_name(person["full_name"]):
        return "060"
    if birth_date != person["birth_date"]:
        return "070"
    if coverage is None:
        return "050"
    if coverage["status"] == "revoked":
        return "110"
    if coverage["status"] == "stopped":
        return coverage.get("stop_code") or "120"
    if not coverage["valid_from"] <= on <= coverage["valid_to"]:
        return "010"
    return "000"


def precedence_rank(precedence: list[str]) -> dict[str, int]:
    return {group: rank for rank, group in enumerate(precedence)}
