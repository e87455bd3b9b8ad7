"""Employer e-declarations: a labour-change report (CSV or XLSX, one row per worker and change).

Every row is checked against the registry and the law in force on its effective date; one bad row rejects
the whole file with a row/field error list. A good file changes the employment spells atomically and is
recorded with who sent it. Columns: see COLUMNS and docs/contributions.md.
"""
from __future__ import annotations

import csv
import datetime as dt
import io

from django.utils.translation import gettext as _

from ansinh.contributions import rules
from ansinh.core.ids import cccd_errors
from ansinh.policy.rules import MissingParameter
from ansinh.policy.services import params_on
from ansinh.registry.models import EmploymentSpell, Person

COLUMNS = ("change", "cccd", "full_name", "birth_date", "sex", "effective_date", "salary", "job_title")
KINDS = ("hire", "salary_change", "unpaid_leave", "maternity_leave", "return", "termination")
NEEDS_SALARY = {"hire", "salary_change", "return"}
CLOSES_SPELL = {"salary_change", "unpaid_leave", "maternity_leave", "termination"}
MAX_DAYS_AHEAD = 31


class FileError(ValueError):
    pass


def read_rows(file_name: str, content: bytes) -> list[dict]:
    """Rows as dicts of text, from a CSV (UTF-8) or the first sheet of an XLSX; the header is row 1."""
    if file_name.lower().endswith(".xlsx"):
        return _xlsx_rows(content)
    if file_name.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FileError(_("The CSV file must be UTF-8 text.")) from None
        reader = csv.DictReader(io.StringIO(text))
        _check_header(reader.fieldnames)
        return [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in reader]
    raise FileError(_("Send a .csv or .xlsx file (got %(name)s).") % {"name": file_name})


def _check_header(header) -> None:
    missing = [c for c in COLUMNS if c not in [h.strip() for h in (header or []) if h]]
    if missing:
        raise FileError(_("The file lacks the columns: %(cols)s. Download the template.") % {"cols": ", ".join(missing)})


def _cell(value) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def _xlsx_rows(content: bytes) -> list[dict]:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
    except Exception:
        raise FileError(_("The file is not a readable XLSX workbook.")) from None
    rows = sheet.iter_rows(values_only=True)
    header = [_cell(h) for h in next(rows, [])]
    _check_header(header)
    return [dict(zip(header, map(_cell, row))) for row in rows if any(v not in (None, "") for v in row)]


def _date(text: str):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


class Checker:
    """Validates rows against what the registry knows, loaded once for the whole file."""

    def __init__(self, employer, rows: list[dict], today: dt.date):
        self.employer, self.today = employer, today
        ids = {r.get("cccd", "") for r in rows}
        self.people = {p.cccd: p for p in Person.objects.filter(cccd__in=ids)}
        self.open_spells: dict[int, list] = {}
        for spell in EmploymentSpell.objects.filter(person__in=self.people.values(), end__isnull=True).select_related("employer"):
            self.open_spells.setdefault(spell.person_id, []).append(spell)
        self.had_spell_here = set(EmploymentSpell.objects.filter(person__in=self.people.values(), employer=employer)
                                  .values_list("person_id", flat=True))
        self.errors: list[dict] = []

    def error(self, row: int, field: str, message: str) -> None:
        self.errors.append({"row": row, "field": field, "message": message})

    def check(self, number: int, row: dict) -> dict | None:
        before = len(self.errors)
        kind, cccd = row.get("change", ""), row.get("cccd", "")
        if kind not in KINDS:
            self.error(number, "change", _("Unknown change %(value)r: use one of %(kinds)s.") % {"value": kind, "kinds": ", ".join(KINDS)})
            return None
        birth = _date(row.get("birth_date", "")) if row.get("birth_date") else None
        for message in cccd_errors(cccd, birth, row.get("sex") or None):
            self.error(number, "cccd", message)
        day = self._effective_date(number, row)
        salary = self._salary(number, row, kind, day)
        person = self.people.get(cccd)
        if len(self.errors) == before:
            self._check_against_registry(number, row, kind, person, day)
        if len(self.errors) > before:
            return None
        return {"row": number, "kind": kind, "person": person, "day": day, "salary": salary, "fields": row}

    def _effective_date(self, number: int, row: dict):
        day = _date(row.get("effective_date", ""))
        if day is None:
            self.error(number, "effective_date", _("Not a date YYYY-MM-DD: %(value)r.") % {"value": row.get("effective_date", "")})
        elif day > self.today + dt.timedelta(days=MAX_DAYS_AHEAD):
            self.error(number, "effective_date", _("%(day)s is more than %(n)s days ahead: declare it closer to the date.") % {"day": day, "n": MAX_DAYS_AHEAD})
        elif day < self.employer.registered_on:
            self.error(number, "effective_date", _("%(day)s is before the unit registered (%(reg)s).") % {"day": day, "reg": self.employer.registered_on})
        return day

    def _salary(self, number: int, row: dict, kind: str, day):
        if kind not in NEEDS_SALARY:
            return None
        text = row.get("salary", "").replace(".", "").replace(",", "")
        if not text.isdigit():
            self.error(number, "salary", _("The contribution salary must be a whole number of đồng (got %(value)r).") % {"value": row.get("salary", "")})
            return None
        salary = int(text)
        if day is None:
            return salary
        try:
            params = params_on(day)
            rules.check_compulsory_salary(params, salary, self.employer.wage_region)
            cap = rules.si_hi_cap(params)
        except rules.RuleError as exc:
            self.error(number, "salary", exc.message)
            return salary
        except MissingParameter:
            self.error(number, "effective_date", _("No law is recorded for %(day)s.") % {"day": day})
            return salary
        if salary > cap:
            self.error(number, "salary", _("The salary %(salary)s đồng is above the cap of %(cap)s đồng (20 × base salary): declare at most the cap.")
                       % {"salary": rules.vnd(salary), "cap": rules.vnd(cap)})
        return salary

    def _check_against_registry(self, number, row, kind, person, day) -> None:
        from ansinh.contributions.declaration_checks import check_registry

        check_registry(self, number, row, kind, person, day)


def validate(employer, rows: list[dict], today: dt.date | None = None) -> tuple[list[dict], list[dict]]:
    """(plans, errors): a plan per good row, an error per bad field. Rows are numbered as in the sheet (header = 1)."""
    checker = Checker(employer, rows, today or dt.date.today())
    if not rows:
        checker.error(1, "file", _("The file has no rows under the header."))
    seen: dict[str, int] = {}
    plans = []
    for number, row in enumerate(rows, start=2):
        cccd = row.get("cccd", "")
        if cccd in seen:
            checker.error(number, "cccd", _("This worker is already on row %(row)s: declare one change per worker per file.") % {"row": seen[cccd]})
            continue
        seen[cccd] = number
        plan = checker.check(number, row)
        if plan:
            plans.append(plan)
    return plans, checker.errors
