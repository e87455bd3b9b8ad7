"""Row checks against the registry: is the worker known, insured elsewhere, employed here, and does the date fit."""
from __future__ import annotations

from django.utils.translation import gettext as _

from ansinh.core.ids import mask_cccd


def _open_here(checker, person):
    return next((s for s in checker.open_spells.get(person.pk, []) if s.employer_id == checker.employer.pk), None) if person else None


def _open_elsewhere(checker, person):
    return next((s for s in checker.open_spells.get(person.pk, []) if s.employer_id != checker.employer.pk), None) if person else None


def _check_new_person(checker, number, row) -> None:
    for field in ("full_name", "birth_date", "sex"):
        if not row.get(field):
            checker.error(number, field, _("A worker new to the registry needs %(field)s.") % {"field": field})
    if row.get("sex") and row["sex"] not in ("male", "female"):
        checker.error(number, "sex", _("Sex must be 'male' or 'female' (got %(value)r).") % {"value": row["sex"]})


def _check_name(checker, number, row, person) -> None:
    given = " ".join(row.get("full_name", "").split()).casefold()
    if given and given != person.full_name.casefold():
        checker.error(number, "full_name", _("The registry knows CCCD %(cccd)s as %(name)s, not %(given)s.")
                      % {"cccd": mask_cccd(person.cccd), "name": person.full_name, "given": row["full_name"]})


def _check_start(checker, number, kind, person) -> None:
    elsewhere = _open_elsewhere(checker, person)
    if elsewhere:
        checker.error(number, "cccd", _("This worker is already insured by unit %(unit)s in an open spell since %(start)s; "
                                        "that unit must declare the termination first.")
                      % {"unit": elsewhere.employer.unit_code, "start": elsewhere.start.strftime("%d/%m/%Y")})
    if _open_here(checker, person):
        checker.error(number, "change", _("This worker is already insured by your unit: declare a salary change instead."))
    if kind == "return" and (person is None or person.pk not in checker.had_spell_here):
        checker.error(number, "change", _("This worker never worked for your unit: declare a hire instead."))


def _check_close(checker, number, kind, person, day, salary_text) -> None:
    here = _open_here(checker, person)
    if here is None:
        checker.error(number, "cccd", _("This worker has no open spell at your unit, so there is nothing to change."))
        return
    if day is not None and day <= here.start:
        checker.error(number, "effective_date", _("The change on %(day)s is not after the spell's start on %(start)s.")
                      % {"day": day.strftime("%d/%m/%Y"), "start": here.start.strftime("%d/%m/%Y")})
    if kind == "salary_change" and salary_text is not None and salary_text == here.insured_salary:
        checker.error(number, "salary", _("The salary is already %(salary)s đồng.") % {"salary": f"{salary_text:,}".replace(",", ".")})


def check_registry(checker, number: int, row: dict, kind: str, person, day) -> None:
    if person is None and kind != "hire":
        checker.error(number, "cccd", _("No worker with this CCCD is known: declare a hire first."))
        return
    if person is None:
        _check_new_person(checker, number, row)
        return
    _check_name(checker, number, row, person)
    if kind in ("hire", "return"):
        _check_start(checker, number, kind, person)
    else:
        salary = int(row["salary"].replace(".", "").replace(",", "")) if kind == "salary_change" and row.get("salary", "").replace(".", "").replace(",", "").isdigit() else None
        _check_close(checker, number, kind, person, day, salary)
