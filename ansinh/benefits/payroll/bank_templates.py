"""Bulk-payment sheets for banks that take their own template instead of pain.001 (banks.csv file_format).

The sheet is what such banks' internet banking imports for a salary or benefit batch: one row per
payment with the beneficiary's account, name, the amount in whole đồng and the transfer text, plus our
end-to-end id in its own column so the bank's result sheet can be matched back. Names and text are in
plain ASCII, as the banks' interbank fields require."""
from __future__ import annotations

import io

import polars as pl
from openpyxl import Workbook

from ansinh.benefits.payroll.pain001 import NAME_LENGTH, latin, remittance
from ansinh.core.text import spreadsheet_safe

HEADER = ["STT", "Số tài khoản", "Tên người hưởng", "Số tiền", "Nội dung chuyển khoản", "Mã tham chiếu"]


def build_xlsx(period: str, rows: pl.DataFrame) -> bytes:
    texts = {kind: remittance(kind, period) for kind in rows["kind"].unique().to_list()}
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Bang ke chi")
    sheet.append(HEADER)
    for number, row in enumerate(rows.select("account_number", "full_name", "amount", "kind", "end_to_end_id").iter_rows(), start=1):
        account, name, amount, kind, e2e = row
        sheet.append([number, account, spreadsheet_safe(latin(name, NAME_LENGTH).upper()), amount, texts[kind], e2e])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
