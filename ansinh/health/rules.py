"""Health-insurance law as pure functions: names compared at the counter, the card code and what its parts must
be, the birth date as the patient gives it, the result of an eligibility check, and the five-consecutive-years
date. Plain values in and out; no ORM.

The result codes are those of the social-insurance agency's card check (the e-gateway's table, kept as data in
the policy pack under `health.check_codes`): which of them exist and whether each means "covered" is data; the
order in which they are decided is the law's and lives here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from ansinh.geo.reference import PROVINCE_CODE

PROVINCE_CARD_CODE = PROVINCE_CODE  # the 2 digits after the benefit digit in the old 15-character card code
CARD_CODE = re.compile(r"^([A-Z]{2})([1-5])(\d{2})(\d{10})$")
CARD_SHAPE = re.compile(r"^([A-Z]{2})(\d)(\d{2})(\d{10})$")  # any benefit digit, so a wrong one can be named (053)
CCCD = re.compile(r"^\d{12}$")
SI_NUMBER = re.compile(r"^\d{10}$")
COVERED = "000"


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


@dataclass(frozen=True)
class Identifier:
    """What the facility typed to find the patient: the 12-digit CCCD, the 10-digit SI number or the card code."""

    kind: str  # "cccd", "si_number" or "card"
    value: str
    group: str = ""
    digit: int = 0
    province: str = ""

    @property
    def si_number(self) -> str:
        return self.value[-10:] if self.kind in ("card", "si_number") else ""


def identify(text: str) -> Identifier | None:
    """The kind of identifier, or None when it is none of the three (the check answers 051, card code wrong)."""
    value = "".join(text.split()).upper()
    if CCCD.match(value):
        return Identifier("cccd", value)
    if SI_NUMBER.match(value):
        return Identifier("si_number", value)
    match = CARD_SHAPE.match(value)
    if match:
        group, digit, province, _si = match.groups()
        return Identifier("card", value, group, int(digit), province)
    return None


@dataclass(frozen=True)
class Birth:
    """A birth date as the patient gives it: the full date, the month and year, or the year only (common for the
    elderly, whose papers often carry only the year)."""

    year: int
    month: int | None = None
    day: int | None = None

    def matches(self, born: dt.date) -> bool:
        return self.year == born.year and self.month in (None, born.month) and self.day in (None, born.day)

    def as_date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.day else None


_BIRTH_FORMATS = [
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), ("day", "month", "year")),  # dd/mm/yyyy (the gateway's)
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), ("year", "month", "day")),  # ISO (An Sinh's REST API)
    (re.compile(r"^(\d{2})(\d{2})(\d{4})$"), ("day", "month", "year")),  # ddmmyyyy (read from the card's QR)
    (re.compile(r"^(\d{1,2})/(\d{4})$"), ("month", "year")),
    (re.compile(r"^(\d{4})$"), ("year",)),
]


def parse_birth(text: str | dt.date) -> Birth | None:
    """The birth as given, or None when it is not a real date in one of the accepted forms (the check answers 205)."""
    if isinstance(text, dt.date):
        return Birth(text.year, text.month, text.day)
    value = str(text).strip()
    for pattern, parts in _BIRTH_FORMATS:
        match = pattern.match(value)
        if match:
            found = dict(zip(parts, map(int, match.groups()), strict=False))
            birth = Birth(found["year"], found.get("month"), found.get("day"))
            try:
                dt.date(birth.year, birth.month or 1, birth.day or 1)
            except ValueError:
                return None
            return birth if 1850 <= birth.year <= 2200 else None
    return None


def name_result(typed: str, recorded: str) -> str | None:
    """None when the names match (case, spacing and diacritics aside); 061 when only the first letter is right,
    060 otherwise."""
    given, known = normalise_name(typed), normalise_name(recorded)
    if given == known:
        return None
    return "061" if given[:1] == known[:1] else "060"


def receptionist_result(registered_name: str | None, typed_name: str) -> str | None:
    """054 when the CCCD of the person checking is not in the facility's list, 055 when the name does not match it."""
    if registered_name is None:
        return "054"
    return None if normalise_name(registered_name) == normalise_name(typed_name) else "055"


@dataclass(frozen=True)
class CardTables:
    """The parts a card code may have on a date: group letters with their benefit digit, the province codes, and
    the codes of bodies outside the agency that issue cards (army, police) with the answer for them."""

    group_digits: dict[str, int]
    provinces: frozenset[str]
    outside_issuers: dict[str, str]


def card_shape_result(card: Identifier, tables: CardTables) -> str | None:
    """For a card code that is no card we know: 001/002 when another body issued it, else 051 (group letters),
    052 (province digits) or 053 (benefit digit) when that part cannot be right."""
    if card.province in tables.outside_issuers:
        return tables.outside_issuers[card.province]
    if card.group not in tables.group_digits:
        return "051"
    if card.province not in tables.provinces:
        return "052"
    if card.digit != tables.group_digits[card.group]:
        return "053"
    return None


def card_match_result(card: Identifier, current_code: str) -> str | None:
    """A card code whose SI number is the patient's but which is not their card: which part is wrong."""
    if card.value == current_code:
        return None
    if card.group != current_code[:2]:
        return "051"
    if str(card.digit) != current_code[2]:
        return "053"
    return "052"


def card_status(status: str, stop_code: str, valid_from: dt.date, valid_to: dt.date, on: dt.date) -> tuple[str, str]:
    """The card's own state on a date: (code, note). 010 carries the note "expired" or "not_yet_valid", so a
    receptionist tells a lapsed card from one that starts later."""
    if status == "revoked":
        return "110", ""
    if status == "stopped":
        return stop_code or "120", ""
    if on < valid_from:
        return "010", "not_yet_valid"
    if on > valid_to:
        return "010", "expired"
    return COVERED, ""


def replaced_card_result(new_card_code: str, old_valid_to: dt.date, new_card_result: str, on: dt.date) -> str:
    """A card that was replaced by a new one: 004 while the old card's validity has not run out, 003 after it.
    When the new card itself is not valid, its own code is the answer."""
    if new_card_result != COVERED:
        return new_card_result
    return "004" if on <= old_valid_to else "003"


def _status_of(card: dict, on: dt.date) -> tuple[str, str]:
    return card_status(
        card.get("status", "active"), card.get("stop_code", ""), card["valid_from"], card["valid_to"], on
    )


def check_result(
    ident: Identifier,
    person: dict | None,
    card: dict | None,
    former: dict | None,
    full_name: str,
    birth: Birth,
    on: dt.date,
    tables: CardTables,
    child_years: int,
) -> tuple[str, str]:
    """(code, note) of a check at the counter. Cards other bodies hold are answered first (the agency has no data
    on them); then the identity, before anything about the card, so a stranger learns nothing about someone
    else's card; then the card asked about (a former card answers 003/004), then the card's state.

    person: full_name, birth_date; card: the current card (card_code, status, stop_code, valid_from, valid_to);
    former: the person's former card with the code asked about, or their last card when they have none now."""
    if ident.kind == "card" and ident.province in tables.outside_issuers:
        return tables.outside_issuers[ident.province], ""
    if person is None:
        return (card_shape_result(ident, tables) if ident.kind == "card" else None) or "050", ""
    wrong_name = name_result(full_name, person["full_name"])
    if wrong_name:
        return wrong_name, ""
    if not birth.matches(person["birth_date"]):
        return "070", ""
    asked_former = former is not None and ident.kind == "card" and former["card_code"] == ident.value
    if card is None:
        if former is not None and (asked_former or ident.kind != "card"):
            code, note = _status_of(former, on)  # a card that lapsed while still in its validity was reported stopped
            return ("120", "") if code == COVERED else (code, note)
        if ident.kind == "card":
            return card_shape_result(ident, tables) or "050", ""
        return ("130" if age_on(person["birth_date"], on) < child_years else "050"), ""
    if asked_former:
        code, note = _status_of(card, on)
        return replaced_card_result(card["card_code"], former["valid_to"], code, on), note
    if ident.kind == "card" and ident.value != card["card_code"]:
        return card_match_result(ident, card["card_code"]), ""
    return _status_of(card, on)


def age_on(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def months_before(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` months before `day`'s month."""
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def five_years_from(continuous_since: dt.date, years: int) -> dt.date:
    """The day the person reaches `years` consecutive years of HI."""
    return add_years(continuous_since, years)


def precedence_rank(precedence: list[str]) -> dict[str, int]:
    return {group: rank for rank, group in enumerate(precedence)}
