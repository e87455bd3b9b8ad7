"""Employer declarations of labour changes: the D02-LT list (printed form or I-VAN import workbook), with the
participants' TK1-TS data and the household appendix, or An Sinh's own simple template.

Reading (declaration_files, declaration_layouts, declaration_fields) turns the file into typed rows; the
checks here and in declaration_checks / declaration_household test every row against the law in force on its
date and against the registry. Nothing is written: declaration_service applies a file only when every row
is good. Row errors name the sheet, the row, the column as the file labels it, and what to write instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from ansinh.contributions import declaration_fields as fields
from ansinh.contributions import declaration_values as values
from ansinh.contributions.declaration_checks import RegistryView
from ansinh.contributions.declaration_files import MAX_ROWS, FileError, open_sheets
from ansinh.contributions.declaration_household import attach_members, attach_tk1
from ansinh.contributions.declaration_layouts import Record, Table, find_table
from ansinh.contributions.plan_codes import accepted_codes, code_in, plan_codes

__all__ = ["FileError", "Declared", "read_tables", "validate"]


@dataclass
class Declared:
    """One row of the file, read and then checked: what happens to whom, from when, at what pay."""

    record: Record
    code: str = ""
    identity: dict = field(default_factory=dict)
    pay: dict | None = None
    tk1: dict = field(default_factory=dict)
    household: dict = field(default_factory=dict)
    members: list = field(default_factory=list)
    months: dict = field(default_factory=dict)
    job_title: str = ""
    note: str = ""
    death: bool = False
    death_date: dt.date | None = None
    hazardous: bool | None = None
    person: object = None
    household_plan: object = None
    day: dt.date | None = None
    until: dt.date | None = None
    salary: int | None = None

    @property
    def action(self) -> str:
        plan = plan_codes().get(self.code)
        return plan.action if plan else ""

    @property
    def key(self) -> str:
        return (
            self.identity.get("si_number")
            or self.identity.get("cccd")
            or f"{self.identity.get('full_name')}|{self.identity.get('birth_date')}"
        )


def read_tables(file_name: str, content: bytes) -> list[Table]:
    """The tables of workers, TK1-TS data and household members the file holds (FileError when unreadable)."""
    return [table for table in map(find_table, open_sheets(file_name, content)) if table is not None]


def _code(record: Record, problems: fields.Problems) -> str:
    for key in ("plan", "plan_label"):
        text = record.text(key)
        if text:
            code = code_in(text)
            if not code:
                problems.add(
                    record,
                    key,
                    _("Unknown plan code %(value)r: use one of %(codes)s.")
                    % {"value": text, "codes": ", ".join(accepted_codes())},
                )
            return code
    return code_in(record.text("note"))  # the printed form has no plan column: the code opens the notes


def parse_row(record: Record, problems: fields.Problems) -> Declared:
    row = Declared(
        record,
        code=_code(record, problems),
        identity=fields.identity(record, problems),
        pay=fields.pay(record, problems),
        tk1=fields.tk1(record, problems),
        household=fields.household(record, problems),
    )
    row.months = {
        key: fields.read(record, key, parser, problems)
        for key, parser in (
            ("from_month", values.parse_month),
            ("to_month", values.parse_month),
            ("effective_date", values.parse_date),
        )
    }
    row.job_title = fields._text(record, "job_title", problems, 100)
    row.note = fields._text(record, "note", problems, 500)
    row.death = bool(fields.read(record, "death", values.parse_flag, problems)) or bool(record.text("death_date"))
    row.death_date = fields.read(record, "death_date", values.parse_date, problems)
    hazardous_from = fields.read(record, "hazardous_from", values.parse_date, problems)
    hazardous_to = fields.read(record, "hazardous_to", values.parse_date, problems)
    if hazardous_from:
        row.hazardous = hazardous_to is None or hazardous_to >= hazardous_from
    return row


def validate(employer, tables: list[Table], today: dt.date | None = None) -> tuple[list[Declared], fields.Problems]:
    """(rows, problems): every row checked; the file may be applied only when there are no problems."""
    today = today or timezone.localdate()
    problems = fields.Problems()
    declaring = [t for t in tables if t.kind == "declaration"]
    if not declaring:
        problems.file(
            _(
                "No table of workers was found: the file needs a header row with the form's columns "
                "(Họ và tên, Mã số BHXH, PA, Tiền lương, Từ tháng …) or the D02-LT numbered columns (1)…(27)."
            )
        )
        return [], problems
    for table in declaring:
        if table.unit_code and table.unit_code != employer.unit_code:
            problems.file(
                _("The file is for unit %(code)s, not for your unit %(own)s.")
                % {"code": table.unit_code, "own": employer.unit_code}
            )
            return [], problems
    rows = [parse_row(record, problems) for table in declaring for record in table.records()]
    if not rows:
        problems.file(_("The file has no worker rows under its header."))
    if len(rows) > MAX_ROWS:
        problems.file(_("The file has %(n)s rows: send at most %(max)s per file.") % {"n": len(rows), "max": MAX_ROWS})
        return [], problems
    attach_tk1(rows, [t for t in tables if t.kind == "tk1"], problems)
    attach_members(rows, [t for t in tables if t.kind == "members"], problems)
    RegistryView(employer, rows, today).check_all(problems)
    return rows, problems
