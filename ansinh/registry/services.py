"""Registry use cases: validated creation, look-ups for other apps, and who may see whom."""

from __future__ import annotations

import polars as pl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from ansinh.core.frames import read_frame
from ansinh.geo.models import Commune
from ansinh.geo.reference import PROVINCE_CODE, PROVINCE_NAME
from ansinh.registry.models import Employer, EmploymentSpell, Household, Person


def person_for_user(user) -> Person | None:
    """The registry person a citizen account belongs to (None for other accounts)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user=user).select_related("commune__area").first()


def employer_for_user(user) -> Employer | None:
    """The unit an employer account acts for."""
    if not getattr(user, "is_authenticated", False) or user.role != "employer" or not user.org_code:
        return None
    return Employer.objects.filter(unit_code=user.org_code).first()


def find_person_by_cccd(cccd: str) -> Person | None:
    return Person.objects.filter(cccd=cccd).select_related("commune__area").first()


def search_people(text: str, limit: int = 50):
    text = (text or "").strip()
    if not text:
        return Person.objects.none()
    if text.isdigit():
        return Person.objects.filter(Q(cccd=text) | Q(si_number=text)).select_related("commune__area")[:limit]
    return (
        Person.objects.filter(full_name__icontains=text).select_related("commune__area").order_by("full_name")[:limit]
    )


def current_spell(person: Person) -> EmploymentSpell | None:
    return person.spells.filter(end__isnull=True).select_related("employer").order_by("-start").first()


@transaction.atomic
def register_person(**fields) -> Person:
    """Create a person after every rule has passed; a ValidationError names each bad field."""
    person = Person(**fields)
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def register_employer(**fields) -> Employer:
    employer = Employer(**fields)
    employer.full_clean()
    employer.save()
    return employer


@transaction.atomic
def add_spell(**fields) -> EmploymentSpell:
    spell = EmploymentSpell(**fields)
    spell.full_clean()
    overlapping = EmploymentSpell.objects.filter(person=spell.person, end__isnull=True)
    if spell.end is None and overlapping.exists():
        raise ValidationError({"person": ["This person already has an open employment spell; close it first."]})
    spell.save()
    return spell


# --- TK1-TS data (the participant's declaration) arriving with employers' declarations ---

TK1_FIELDS = (
    "nationality",
    "ethnicity",
    "birth_registration_place",
    "address",
    "phone",
    "email",
    "hi_facility_code",
    "household_relation",
)
_NOT_MINORITY = {"", "kinh", "01", "99", "nuoc ngoai"}


def _plain(text: str) -> str:
    import unicodedata

    folded = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).casefold().split())


def tk1_changes(person: Person, data: dict) -> dict:
    """Set the TK1-TS fields the declaration carries on the person; {field: [before, after]} of what changed.
    The ethnic-minority flag (state support, HI groups) follows the declared ethnic group."""
    changed = {}
    for name in TK1_FIELDS:
        value = data.get(name)
        if value and getattr(person, name) != value:
            changed[name] = [getattr(person, name), value]
            setattr(person, name, value)
    if "ethnicity" in changed:
        minority = _plain(person.ethnicity) not in _NOT_MINORITY
        if minority != person.ethnic_minority:
            changed["ethnic_minority"] = [person.ethnic_minority, minority]
            person.ethnic_minority = minority
    return changed


def _next_codes(values, prefix: str, width: int, count: int) -> list[str]:
    numbers = [int(v) for v in values if v.isdigit() and len(v) == width and v.startswith(prefix)]
    start = max(numbers, default=int(prefix) * 10 ** (width - len(prefix))) + 1
    return [f"{start + i:0{width}d}" for i in range(count)]


def issue_si_numbers(count: int) -> list[str]:
    """Fresh 10-digit SI numbers after the highest one this province issued (prefix = province code)."""
    if count == 0:
        return []
    last = (
        Person.objects.filter(si_number__startswith=PROVINCE_CODE)
        .order_by("-si_number")
        .values_list("si_number", flat=True)[:1]
    )
    return _next_codes(list(last), PROVINCE_CODE, 10, count)


def issue_household_codes(count: int) -> list[str]:
    """Fresh 10-digit household codes (province code + 8 digits), as the agency numbers households."""
    if count == 0:
        return []
    codes = (
        Household.objects.filter(code__regex=rf"^{PROVINCE_CODE}[0-9]{{8}}$")
        .order_by("-code")
        .values_list("code", flat=True)[:1]
    )
    return _next_codes(list(codes), PROVINCE_CODE, 10, count)


class CommuneFinder:
    """Communes of the province found by official code or by name ('Xã Thạch Hạ', 'Thạch Hạ', any case or
    diacritics); names shared by two communes are ambiguous and need the code."""

    PREFIXES = ("phuong ", "thi tran ", "xa ")

    def __init__(self):
        self.by_code, self.by_name = {}, {}
        for commune in Commune.objects.select_related("area"):
            self.by_code[commune.code] = commune
            for key in {_plain(commune.name), self._bare(_plain(commune.name))}:
                self.by_name.setdefault(key, []).append(commune)

    def _bare(self, name: str) -> str:
        return next((name[len(p) :] for p in self.PREFIXES if name.startswith(p)), name)

    def find(self, text: str):
        """(commune, None) when found; (None, 'unknown' or 'ambiguous') when not."""
        text = (text or "").strip()
        if text in self.by_code:
            return self.by_code[text], None
        found = self.by_name.get(_plain(text)) or self.by_name.get(self._bare(_plain(text))) or []
        if len({c.pk for c in found}) == 1:
            return found[0], None
        return None, "ambiguous" if found else "unknown"

    @staticmethod
    def in_province(province_text: str) -> bool:
        """An empty province means this province; otherwise its name or code must be ours."""
        text = _plain(province_text).replace("tinh ", "", 1)
        return not text or text in (_plain(PROVINCE_NAME), PROVINCE_CODE, "0" + PROVINCE_CODE)


# --- Frames for set-based work in other apps (outreach): one SQL read each, no per-row ORM ---

PEOPLE_FRAME_SCHEMA = {
    "person_id": pl.Int64,
    "cccd": pl.String,
    "full_name": pl.String,
    "birth_date": pl.Date,
    "sex": pl.String,
    "commune_code": pl.String,
    "area_code": pl.String,
    "address": pl.String,
    "phone": pl.String,
    "household_code": pl.String,
    "poverty": pl.String,
    "ethnic_minority": pl.Boolean,
}
SPELLS_FRAME_SCHEMA = {
    "person_id": pl.Int64,
    "unit_code": pl.String,
    "start": pl.Date,
    "end": pl.Date,
    "end_reason": pl.String,
}


def people_frame() -> pl.DataFrame:
    """The living registry as a frame: identity, commune, household and the household's poverty status."""
    sql = """SELECT p.id, p.cccd, p.full_name, p.birth_date, p.sex, c.code, a.code, p.address, p.phone, h.code,
                    COALESCE(h.poverty, 'none'), p.ethnic_minority
             FROM registry_person p JOIN geo_commune c ON c.id = p.commune_id JOIN geo_area a ON a.id = c.area_id
             LEFT JOIN registry_household h ON h.id = p.household_id WHERE p.death_date IS NULL"""
    return read_frame(sql, None, PEOPLE_FRAME_SCHEMA)


def spells_frame() -> pl.DataFrame:
    """Every employment spell: person, employer unit, start, end (null while open) and the end's plan code."""
    sql = """SELECT s.person_id, e.unit_code, s.start, s."end", s.end_reason
             FROM registry_employmentspell s JOIN registry_employer e ON e.id = s.employer_id"""
    return read_frame(sql, None, SPELLS_FRAME_SCHEMA)


def employers_frame() -> pl.DataFrame:
    sql = """SELECT e.unit_code, e.name, c.code, a.code, e.address, e.phone FROM registry_employer e
             JOIN geo_commune c ON c.id = e.commune_id JOIN geo_area a ON a.id = c.area_id"""
    return read_frame(
        sql,
        None,
        {
            "unit_code": pl.String,
            "name": pl.String,
            "commune_code": pl.String,
            "area_code": pl.String,
            "address": pl.String,
            "phone": pl.String,
        },
    )


def person_ids_by_cccd(cccds) -> dict[str, int]:
    """{cccd: person id} for the chip IDs that the registry knows (e.g. people enrolled since a list was made)."""
    wanted = [c for c in set(cccds) if c]
    found: dict[str, int] = {}
    for start in range(0, len(wanted), 5000):
        found.update(Person.objects.filter(cccd__in=wanted[start : start + 5000]).values_list("cccd", "id"))
    return found
