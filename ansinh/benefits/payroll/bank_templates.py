"""Bulk-payment sheets for banks that take their own template instead of pain.001 (banks.csv file_format).

The sheet is what such banks' internet banking imports for a salary or benefit batch: one row per
payment with the beneficiary's account (as text, leading zeros kept), name, the amount in whole đồng and
the transfer text, plus our end-to-end id in its own column so the bank's result sheet can be matched
back. Names and text are in plain ASCII, as the banks' interbank fields require. Written with XlsxWriter
in constant-memory mode: a run's sheet of tens of thousands of rows takes a fraction of a second."""

from __future__ import annotations

import io

import polars as pl
import xlsxwriter

from ansinh.benefits.payroll.pain001 import account_name, remittance
from ansinh.core.text import spreadsheet_safe

HEADER = ["STT", "Số tài khoản", "Tên người hưởng", "Số tiền", "Nội dung chuyển khoản", "Mã tham chiếu"]


def build_xlsx(period: str, rows: pl.DataFrame) -> bytes:
    texts = {kind: remittance(kind, period) for kind in rows["kind"].unique().to_list()}
    names = {name: spreadsheet_safe(account_name(name)) for name in rows["full_name"].unique().to_list()}
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": True, "in_memory": True})
    sheet = book.add_worksheet("Bang ke chi")
    sheet.write_row(0, 0, HEADER)
    columns = rows.select("account_number", "full_name", "amount", "kind", "end_to_end_id").iter_rows()
    for number, (account, name, amount, kind, e2e) in enumerate(columns, start=1):
        sheet.write_number(number, 0, number)
        sheet.write_string(number, 1, account)
        sheet.write_string(number, 2, names[name])
        sheet.write_number(number, 3, amount)
        sheet.write_string(number, 4, texts[kind])
        sheet.write_string(number, 5, e2e)
    book.close()
    return out.getvalue()
