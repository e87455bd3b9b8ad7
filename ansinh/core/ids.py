"""Personal identifiers: the 12-digit chip citizen ID (CCCD). Pure functions, no Django models.

Structure (domain facts §7): 3-digit province code of birth registration, 1 digit for century and sex
(0/1 men/women born 1900s, 2/3 born 2000s, 4/5 2100s …), 2 digits of the birth year, 6 random digits.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
from pathlib import Path

from django.utils.translation import gettext as _

_CODES_FILE = Path(__file__).parent / "data" / "cccd_province_codes.csv"
FIRST_CENTURY = 1900


@functools.cache
def province_codes() -> dict[str, str]:
    with _CODES_FILE.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return {row["code"]: row["province"] for row in rows}


def century_sex_digit(birth_year: int, sex: str) -> int:
    """The 4th digit for a birth year and sex ('male'/'female')."""
    century_index = (birth_year - FIRST_CENTURY) // 100
    return century_index * 2 + (1 if sex == "female" else 0)


def make_cccd(province_code: str, birth_year: int, sex: str, serial: int) -> str:
    return f"{province_code}{century_sex_digit(birth_year, sex)}{birth_year % 100:02d}{serial % 1_000_000:06d}"


def cccd_errors(cccd: str, birth_date: dt.date | None = None, sex: str | None = None) -> list[str]:
    """Every reason the CCCD is not valid for this person; empty when it is."""
    if not isinstance(cccd, str) or len(cccd) != 12 or not cccd.isdigit():
        return [_("The CCCD must be exactly 12 digits (got %(value)r).") % {"value": cccd}]
    errors = []
    if cccd[:3] not in province_codes():
        errors.append(_("The CCCD starts with %(code)s, which is not a province code.") % {"code": cccd[:3]})
    digit = int(cccd[3])
    if birth_date is not None:
        expected_century = FIRST_CENTURY + (digit // 2) * 100
        actual_century = birth_date.year // 100 * 100
        if expected_century != actual_century:
            errors.append(
                _("The CCCD's 4th digit %(digit)s means born in the %(c1)ss, but the date of birth is in the %(c2)ss.")
                % {"digit": digit, "c1": expected_century, "c2": actual_century}
            )
        if cccd[4:6] != f"{birth_date.year % 100:02d}":
            errors.append(
                _("The CCCD's birth-year digits %(digits)s do not match the year of birth %(year)s.")
                % {"digits": cccd[4:6], "year": birth_date.year}
            )
    if sex in ("male", "female"):
        digit_sex = "female" if digit % 2 else "male"
        if digit_sex != sex:
            errors.append(
                _("The CCCD's 4th digit %(digit)s is for a %(digit_sex)s, but the person is recorded as %(sex)s.")
                % {"digit": digit, "digit_sex": _(digit_sex), "sex": _(sex)}
            )
    return errors


def is_valid_cccd(cccd: str, birth_date: dt.date | None = None, sex: str | None = None) -> bool:
    return not cccd_errors(cccd, birth_date, sex)


def mask_cccd(cccd: str) -> str:
    """For lists and logs: keep the province code and the last 3 digits."""
    if not cccd or len(cccd) < 6:
        return "••••"
    return f"{cccd[:3]}••••••{cccd[-3:]}"
