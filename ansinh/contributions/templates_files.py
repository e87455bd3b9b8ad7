"""The declaration template an employer downloads: the columns, a row of help, in CSV or XLSX."""
from __future__ import annotations

import csv
import io

from ansinh.contributions.declarations import COLUMNS, KINDS

EXAMPLE = ["hire", "042095000123", "Nguyễn Văn An", "1995-04-12", "male", "2025-07-01", "8500000", "Công nhân"]
HELP = [" | ".join(KINDS), "12 digits", "as in the CCCD", "YYYY-MM-DD", "male | female", "YYYY-MM-DD",
        "đồng, hire/salary_change/return", "optional"]


def template(fmt: str) -> tuple[bytes, str]:
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(COLUMNS)
        writer.writerow(EXAMPLE)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8"), "text/csv; charset=utf-8"
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "khai-bao"
    sheet.append(list(COLUMNS))
    sheet.append(EXAMPLE)
    notes = book.create_sheet("huong-dan")
    for name, text in zip(COLUMNS, HELP):
        notes.append([name, text])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
