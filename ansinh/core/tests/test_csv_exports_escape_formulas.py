"""Every CSV handed out escapes cells that a spreadsheet would run as a formula (OWASP CSV injection)."""

import csv
import io
import re

import polars as pl
from django.conf import settings

from ansinh.core.text import SpreadsheetSafeWriter

FORMULA = '=HYPERLINK("https://evil.example","Lan")'


def _cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_writer_prefixes_formula_cells_and_leaves_numbers_alone():
    out = io.StringIO()
    SpreadsheetSafeWriter(out).writerows([[FORMULA, "+84912", "-1", "@x", 1_000, -5, "Nguyễn Thị Lan"]])
    assert _cells(out.getvalue().encode()) == [["'" + FORMULA, "'+84912", "'-1", "'@x", "1000", "-5", "Nguyễn Thị Lan"]]


def test_the_post_office_cash_list_escapes_a_formula_in_a_name_or_address():
    from ansinh.benefits.payroll.send import _cash_csv

    rows = pl.DataFrame(
        [
            {
                "end_to_end_id": "E1",
                "si_number": "4200000001",
                "full_name": FORMULA,
                "cccd": "042190012345",
                "address": "@SUM(A1)",
                "amount": 1_000_000,
                "period": "2026-01",
                "kind": "pension",
            }
        ]
    )
    line = _cells(_cash_csv(rows))[1]
    assert line[2] == "'" + FORMULA and line[4] == "'@SUM(A1)"


def test_the_dashboard_export_escapes_formulas():
    from ansinh.insights.exports import to_csv

    assert _cells(to_csv(["area"], [["=1+1"]]))[1] == ["'=1+1"]


def test_no_module_writes_csv_without_the_safe_writer():
    unsafe = []
    for path in (settings.BASE_DIR / "ansinh").rglob("*.py"):
        if "tests" in path.parts or "management" in path.parts or path.name == "text.py":
            continue
        if re.search(r"csv\.(writer|DictWriter)\(", path.read_text(encoding="utf-8")):
            unsafe.append(str(path))
    assert unsafe == []
