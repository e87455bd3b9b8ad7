"""Result sheets (kết quả chi) from banks that take their own bulk template, and the post office's cash returns:
a table with our end-to-end id, the outcome and a reason, in CSV or Excel, with Vietnamese or English headers.
Outcomes are read as ISO 20022 status codes, so they are handled like a pain.002 report."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from ansinh.banking import tabular, vn_statements
from ansinh.banking.records import StatusReport, TransactionStatus
from ansinh.banking.text import words
from ansinh.core.errors import DomainError, FieldError

COLUMNS = {
    "end_to_end_id": [
        "end to end id",
        "endtoendid",
        "ma tham chieu",
        "so tham chieu khach hang",
        "ma giao dich khach hang",
        "reference",
    ],
    "status": ["status", "trang thai", "ket qua", "tinh trang"],
    "reason": ["reason", "ly do", "mo ta loi", "noi dung loi", "ghi chu"],
    "paid_on": ["paid on", "ngay chi tra", "ngay hach toan", "ngay thanh toan", "ngay"],
}
OUTCOMES = {
    "paid": "ACSC",
    "thanh cong": "ACSC",
    "da chi": "ACSC",
    "da chi tra": "ACSC",
    "success": "ACSC",
    "rejected": "RJCT",
    "that bai": "RJCT",
    "khong thanh cong": "RJCT",
    "tu choi": "RJCT",
    "failed": "RJCT",
}
ISO_CODE = re.compile(r"^[A-Z]{2}\d{2}$")


def _header(row: list) -> dict[str, int] | None:
    found = {}
    for index, cell in enumerate(row):
        name = words(str(cell or ""))
        for role, aliases in COLUMNS.items():
            if name in aliases and role not in found:
                found[role] = index
    return found if {"end_to_end_id", "status"} <= found.keys() else None


def _cell(row, columns, role) -> str:
    index = columns.get(role)
    return tabular.cell_text(row[index]) if index is not None and index < len(row) else ""


def _status(number: int, row: list, columns: dict) -> TransactionStatus:
    outcome = _cell(row, columns, "status")
    code = OUTCOMES.get(words(outcome)) or (
        outcome.upper() if outcome.upper() in ("ACSC", "ACCC", "RJCT", "ACSP", "ACCP") else ""
    )
    if not code:
        raise ValueError(_("The outcome must be paid or rejected (got %(value)r).") % {"value": outcome[:40]})
    reason = _cell(row, columns, "reason")
    first = reason.split(" ")[0].upper() if reason else ""
    day = (
        vn_statements.date_in_cell(row[columns["paid_on"]])[0]
        if "paid_on" in columns and columns["paid_on"] < len(row)
        else None
    )
    return TransactionStatus(
        _cell(row, columns, "end_to_end_id"), code, first if ISO_CODE.match(first) else "", reason[:200], number, day
    )


def read(content: bytes) -> StatusReport:
    rows = tabular.rows(content)
    report, errors, columns = StatusReport("result-sheet", "", ""), [], None
    for number, row in enumerate(rows, start=1):
        if columns is None:
            columns = _header(row)
            continue
        if not any(tabular.cell_text(c) for c in row):
            continue
        try:
            report.transactions.append(_status(number, row, columns))
        except ValueError as exc:
            errors.append(FieldError("status", str(exc), "bad_status", location="file", row=number))
    if columns is None:
        raise DomainError.one(
            "file",
            _("The return file lacks the columns: %(cols)s.") % {"cols": "end_to_end_id, status"},
            "bad_header",
            location="file",
        )
    if errors:
        raise DomainError(errors)
    return report
