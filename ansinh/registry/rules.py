"""Validation rules for registry records. Pure functions: plain values in, field → messages out."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from ansinh.core.ids import cccd_errors

WAGE_REGIONS = ("I", "II", "III", "IV")


def person_errors(cccd: str | None, birth_date: dt.date | None, sex: str | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if cccd:
        found = cccd_errors(cccd, birth_date, sex)
        if found:
            errors["cccd"] = found
    if birth_date and birth_date > timezone.localdate():
        errors["birth_date"] = [_("The date of birth %(date)s is in the future.") % {"date": birth_date}]
    if sex not in ("male", "female"):
        errors["sex"] = [_("Sex must be 'male' or 'female' (got %(value)r).") % {"value": sex}]
    return errors


def employer_errors(unit_code: str, tax_code: str, wage_region: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if wage_region not in WAGE_REGIONS:
        errors["wage_region"] = [
            _("Unknown minimum-wage region %(value)r: must be one of I, II, III, IV.") % {"value": wage_region}
        ]
    if not tax_code or not tax_code.replace("-", "").isdigit() or len(tax_code.replace("-", "")) not in (10, 13):
        errors["tax_code"] = [_("The tax code must have 10 or 13 digits (got %(value)r).") % {"value": tax_code}]
    if not unit_code or len(unit_code) > 10:
        errors["unit_code"] = [_("The unit code must have 1 to 10 characters.")]
    return errors


def spell_errors(start: dt.date | None, end: dt.date | None, salary: int | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if start and end and end < start:
        errors["end"] = [_("The spell ends on %(end)s, before it starts on %(start)s.") % {"end": end, "start": start}]
    if salary is None or salary <= 0:
        errors["insured_salary"] = [_("The insured salary must be a positive number of đồng.")]
    return errors
