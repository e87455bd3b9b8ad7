"""One row of a declaration file, read into typed values: who (SI number, CCCD, name, birth, sex), what (plan
code, months), the pay parts, and the participant's TK1-TS data. Each unreadable cell becomes one problem
naming the row and the column as the file labels it; the row is still read as far as it goes.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from ansinh.contributions import declaration_values as values
from ansinh.contributions.declaration_layouts import Record
from ansinh.core.ids import province_codes
from ansinh.core.text import clean_name, clean_text

MAX_PROBLEMS = 1000
PAY_KEYS = (
    "wage_or_coefficient",
    "coefficient",
    "position_allowance",
    "beyond_frame_pct",
    "seniority_pct",
    "allowances",
    "supplements",
)
_PHONE = re.compile(r"^0\d{8,10}$")


class Problems:
    """Row errors, as {sheet, row, column, field, key, message}; at most MAX_PROBLEMS kept (and counted)."""

    def __init__(self):
        self.items: list[dict] = []
        self.dropped = 0

    def add(self, record: Record | None, key: str, message: str) -> None:
        if len(self.items) >= MAX_PROBLEMS:
            self.dropped += 1
            return
        where = record.where(key) if record is not None else {"sheet": "", "row": 1, "column": "", "field": key}
        self.items.append({**where, "key": key, "message": message})

    def file(self, message: str) -> None:
        self.add(None, "file", message)

    def __bool__(self) -> bool:
        return bool(self.items)

    def as_list(self) -> list[dict]:
        if self.dropped:
            return self.items + [
                {
                    "sheet": "",
                    "row": 0,
                    "column": "",
                    "field": "file",
                    "key": "file",
                    "message": _("… and %(n)s more problems not listed.") % {"n": self.dropped},
                }
            ]
        return self.items


def read(record: Record, key: str, parser, problems: Problems):
    """The cell parsed, or None when it is empty or unreadable (then a problem is noted)."""
    if not record.text(key):
        return None
    try:
        return parser(record.raw(key))
    except ValueError as exc:
        problems.add(record, key, str(exc))
        return None


def digits(record: Record, key: str, width: int, problems: Problems, what: str) -> str:
    """An identifier of `width` digits. A number cell lost its leading zeros in Excel: they are put back."""
    raw = record.raw(key)
    if raw is None or values.text_of(raw) == "":
        return ""
    text = (
        str(int(raw)).zfill(width)
        if isinstance(raw, (int, float)) and not isinstance(raw, bool)
        else re.sub(r"[\s.\-]", "", values.text_of(raw))
    )
    if len(text) != width or not text.isdigit():
        problems.add(
            record,
            key,
            _("The %(what)s must be exactly %(n)s digits (got %(value)r).")
            % {"what": what, "n": width, "value": values.text_of(raw)},
        )
        return ""
    return text


def name(record: Record, key: str, problems: Problems) -> str:
    text = record.text(key)
    if not text:
        return ""
    try:
        return clean_name(text)
    except ValueError as exc:
        problems.add(record, key, str(exc))
        return ""


def identity(record: Record, problems: Problems) -> dict:
    """SI number, CCCD, full name, date of birth (also year only, or under the 'Nam'/'Nữ' columns) and sex."""
    found = {
        "si_number": digits(record, "si_number", 10, problems, _("SI number")),
        "cccd": digits(record, "cccd", 12, problems, "CCCD"),
        "full_name": name(record, "full_name", problems),
    }
    year_only = read(record, "year_only", values.parse_flag, problems)
    birth_parser = values.parse_year_only_birth if year_only else values.parse_date
    found["birth_date"] = read(record, "birth_date", birth_parser, problems)
    found["sex"] = read(record, "sex", values.parse_sex, problems)
    for key, sex in (("birth_date_male", "male"), ("birth_date_female", "female")):
        day = read(record, key, birth_parser, problems)
        if day is not None:
            found["birth_date"], found["sex"] = day, sex
    found["year_only"] = bool(year_only)
    return found


def pay(record: Record, problems: Problems) -> dict | None:
    """The contribution-salary parts of columns 12–17 (None when the row gives no pay at all)."""
    if not any(record.text(key) for key in PAY_KEYS):
        return None
    before = len(problems.items)
    wage, coefficient = read(record, "wage_or_coefficient", values.parse_wage_or_coefficient, problems) or (None, None)
    coefficient = (
        read(record, "coefficient", lambda v: values.parse_decimal(v, values.MAX_COEFFICIENT), problems) or coefficient
    )
    position_money, position_coefficient = read(
        record, "position_allowance", values.parse_coefficient_or_money, problems
    ) or (0, 0)
    parts = {
        "wage": wage,
        "pay_coefficient": coefficient,
        "position_coefficient": position_coefficient,
        "position_allowance": position_money,
        "beyond_frame_pct": read(record, "beyond_frame_pct", values.parse_percent, problems) or 0,
        "seniority_pct": read(record, "seniority_pct", values.parse_percent, problems) or 0,
        "allowances": read(record, "allowances", values.parse_money, problems) or 0,
        "supplements": read(record, "supplements", values.parse_money, problems) or 0,
    }
    if len(problems.items) > before:
        return None
    if coefficient is None and wage is None:
        problems.add(
            record, "wage_or_coefficient", _("Write the salary (in đồng) or the pay-scale coefficient (e.g. 2,34).")
        )
        return None
    if coefficient is None and (position_coefficient or parts["beyond_frame_pct"] or parts["seniority_pct"]):
        problems.add(
            record,
            "position_allowance",
            _(
                "Coefficients and seniority percents go with a pay-scale coefficient; "
                "for pay set by the unit write the allowances in đồng."
            ),
        )
        return None
    return parts


def _joined(*parts: str) -> str:
    return ", ".join(p for p in parts if p)


def _text(record: Record, key: str, problems: Problems, max_length: int) -> str:
    try:
        return clean_text(record.text(key), max_length)
    except ValueError as exc:
        problems.add(record, key, str(exc))
        return ""


def _phone(record: Record, key: str, problems: Problems) -> str:
    text = re.sub(r"[\s.\-()]", "", record.text(key))
    if text.startswith("+84"):
        text = "0" + text[3:]
    elif text.startswith("84") and len(text) == 11:
        text = "0" + text[2:]
    elif text and not text.startswith("0") and text.isdigit() and len(text) in (9, 10):
        text = "0" + text  # a number cell drops the leading 0
    if text and not _PHONE.match(text):
        problems.add(
            record, key, _("%(value)r is not a phone number (write 0912345678).") % {"value": record.text(key)}
        )
        return ""
    return text


def _facility(record: Record, problems: Problems) -> str:
    code = record.text("facility_code").upper()
    if not code:
        if record.text("facility_name"):
            problems.add(
                record, "facility_name", _("Write the facility's 5-character code (Mã bệnh viện) as well as its name.")
            )
        return ""
    if isinstance(record.raw("facility_code"), (int, float)):
        code = str(int(record.raw("facility_code"))).zfill(5)
    if len(code) != 5 or not code[:2].isdigit() or f"0{code[:2]}" not in province_codes():
        problems.add(
            record,
            "facility_code",
            _("%(value)r is not a health-facility code: 5 characters, the first two the province code (e.g. 42001).")
            % {"value": code},
        )
        return ""
    return code


def _nationality(record: Record, problems: Problems) -> str:
    text = record.text("nationality") or record.text("nationality_name")
    if not text:
        return ""
    if values.plain(text).replace(" ", "") in ("vietnam", "vn", "vie"):
        return "VN"
    return (
        text.upper()
        if len(text) == 2 and text.isalpha()
        else _text(record, "nationality_name" if record.text("nationality_name") else "nationality", problems, 40)
    )


def _ethnicity(record: Record, problems: Problems) -> str:
    if record.text("ethnicity_name"):
        return _text(record, "ethnicity_name", problems, 40)
    text = _text(record, "ethnicity", problems, 40)
    return "Kinh" if text in ("01", "1") else text  # 01 is Kinh in every published code list


def tk1(record: Record, problems: Problems) -> dict:
    """The TK1-TS data a row carries (only what it carries: empty values are left out)."""
    data = {
        "nationality": _nationality(record, problems),
        "ethnicity": _ethnicity(record, problems),
        "birth_registration_place": _joined(
            *(_text(record, k, problems, 200) for k in ("birth_address", "birth_commune", "birth_province"))
        )[:200],
        "address": _joined(
            *(_text(record, k, problems, 200) for k in ("address", "address_commune", "address_province"))
        )[:200],
        "phone": _phone(record, "phone", problems),
        "email": _text(record, "email", problems, 254),
        "hi_facility_code": _facility(record, problems),
    }
    return {key: value for key, value in data.items() if value}


def household(record: Record, problems: Problems) -> dict:
    """Household data on a worker row (code, head, permanent address); empty values left out."""
    data = {
        "code": _text(record, "household_code", problems, 20).replace(" ", ""),
        "head_name": name(record, "head_name", problems),
        "head_cccd": digits(record, "head_cccd", 12, problems, "CCCD"),
        "province": _text(record, "household_province", problems, 100),
        "commune": _text(record, "household_commune", problems, 100),
        "address": _joined(
            _text(record, "household_village", problems, 100), _text(record, "household_address", problems, 200)
        )[:200],
    }
    return {key: value for key, value in data.items() if value}
