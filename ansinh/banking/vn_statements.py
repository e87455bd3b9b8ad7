"""Account statements exported by Vietnamese banks' internet banking (Excel, CSV, HTML-as-.xls).

Every bank has its own layout, but they share a shape: a heading block with the account number
("Số tài khoản / Account number"), the currency and the period; then a table whose header names the
columns in Vietnamese, often with the English under or after it ("Số tiền ghi có / Credit"); dates
written dd/mm/yyyy, sometimes with the time or the transaction number in the same cell; debits and
credits in separate columns (Nợ / Có) or one signed amount; thousands written 52,579,200 or 52.579.200.
The reader finds the header by the column names it knows (`COLUMNS`, compared without accents or case),
so a bank's file goes in unchanged; a file can hold several accounts one after another.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _

from ansinh.banking import amounts, tabular
from ansinh.banking.records import Line, Statement
from ansinh.banking.text import words
from ansinh.core.errors import DomainError, FieldError

# Column names as the banks write them, folded (no accents, lower case), best first within a role.
COLUMNS = {
    "date": [
        "ngay giao dich",
        "ngay gd",
        "ngay hach toan",
        "ngay ghi so",
        "ngay hieu luc",
        "ngay",
        "ngay thang",
        "transaction date",
        "posting date",
        "txn date",
        "date",
        "value date",
        "effective date",
    ],
    "reference": [
        "so tham chieu",
        "so but toan",
        "ma giao dich",
        "ma gd",
        "so giao dich",
        "so gd",
        "so chung tu",
        "so ct",
        "so hieu giao dich",
        "reference no",
        "reference",
        "ref no",
        "transaction no",
        "transaction id",
        "doc no",
        "seq no",
    ],
    "debit": [
        "so tien ghi no",
        "ghi no",
        "phat sinh no",
        "so tien no",
        "ps no",
        "no",
        "debit amount",
        "debit",
        "withdrawal",
    ],
    "credit": [
        "so tien ghi co",
        "ghi co",
        "phat sinh co",
        "so tien co",
        "ps co",
        "co",
        "credit amount",
        "credit",
        "deposit",
    ],
    "amount": ["so tien giao dich", "so tien", "transaction amount", "amount"],
    "direction": ["loai giao dich", "no co", "d c", "dr cr", "debit credit", "type"],
    "description": [
        "noi dung giao dich",
        "mo ta giao dich",
        "chi tiet giao dich",
        "noi dung chi tiet",
        "noi dung thanh toan",
        "noi dung",
        "mo ta",
        "dien giai",
        "description",
        "transaction details",
        "details",
        "narrative",
        "remarks",
        "remark",
    ],
    "counterparty": [
        "ten doi ung",
        "ten tai khoan doi ung",
        "ten nguoi chuyen",
        "nguoi chuyen",
        "doi tac",
        "counterparty",
        "beneficiary",
    ],
    "counter_account": ["so tai khoan doi ung", "so tk doi ung", "tai khoan doi ung", "tk doi ung", "counter account"],
}
HEADER_SEARCH = 60
ACCOUNT_LABELS = ("so tai khoan", "account number", "account no", "so tk")
CURRENCY_LABELS = ("loai tien", "currency", "don vi tien te", "tien te")
_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_TIME = re.compile(r"^\s*\d{1,2}:\d{2}(:\d{2})?\s*")
_DIGITS = re.compile(r"\d[\d .-]{5,24}\d")
CREDIT_MARKS, DEBIT_MARKS = {"c", "co", "cr", "credit", "+"}, {"d", "no", "dr", "debit", "-"}


def _alternatives(cell) -> list[str]:
    """A header cell's names: bilingual cells carry two ("Số tiền ghi có / Credit", or one per line)."""
    raw = str(cell or "")
    return [w for w in (words(part) for part in re.split(r"[/\n]|\(", raw)) if w] + [words(raw)]


def _header(row: list) -> dict[str, int] | None:
    """Role → column index, when this row is a statement table's header."""
    found: dict[str, tuple[int, int]] = {}
    for index, cell in enumerate(row):
        names = _alternatives(cell)
        for role, aliases in COLUMNS.items():
            ranks = [aliases.index(n) for n in names if n in aliases]
            if ranks and (role not in found or min(ranks) < found[role][0]):
                found[role] = (min(ranks), index)
    columns = {role: index for role, (_rank, index) in found.items()}
    return columns if "date" in columns and ({"credit", "debit"} <= columns.keys() or "amount" in columns) else None


def _labelled(row: list, labels: tuple[str, ...]) -> str | None:
    """The value after a label in a heading row ("Số tài khoản: 0451000123456" or the next cell)."""
    for index, cell in enumerate(row):
        text = tabular.cell_text(cell)
        folded = words(text)
        if any(folded.startswith(label) or f" {label}" in f" {folded}" for label in labels) and not {"cu", "old"} & set(
            folded.split()
        ):
            rest = text.split(":", 1)[1] if ":" in text else ""
            following = [tabular.cell_text(c) for c in row[index + 1 :] if tabular.cell_text(c)]
            return (rest.strip() or (following[0] if following else "")) or None
    return None


def _account(value: str) -> str:
    match = _DIGITS.search(value or "")
    return re.sub(r"\D", "", match.group(0)) if match else ""


def date_in_cell(cell) -> tuple[dt.date | None, str]:
    """The date in a cell and whatever follows it (a time, a transaction number)."""
    if isinstance(cell, dt.datetime):
        return cell.date(), ""
    if isinstance(cell, dt.date):
        return cell, ""
    text = str(cell or "")
    match = _DATE.match(text) or _ISO_DATE.match(text)
    if not match:
        return None, ""
    parts = [int(g) for g in match.groups()]
    day, month, year = parts if match.re is _DATE else parts[::-1]
    return dt.date(year, month, day), _TIME.sub("", text[match.end() :]).strip()


def _money(row: list, index: int | None) -> int:
    if index is None or index >= len(row) or tabular.cell_text(row[index]) in ("", "-", "0"):
        return 0
    return amounts.parse_amount(row[index])


def _direction(row, columns) -> tuple[int, bool]:
    if "credit" in columns or "debit" in columns:
        credit, debit = _money(row, columns.get("credit")), _money(row, columns.get("debit"))
        if credit and debit:
            raise ValueError(_("The row has both a debit and a credit."))
        if credit < 0 or debit < 0:
            raise ValueError(_("Debit and credit amounts are written without a sign."))
        return (credit, True) if credit else (debit, False)
    amount = _money(row, columns.get("amount"))
    mark = (
        words(tabular.cell_text(row[columns["direction"]]))
        if "direction" in columns and columns["direction"] < len(row)
        else ""
    )
    if mark in DEBIT_MARKS:
        return abs(amount), False
    if mark in CREDIT_MARKS:
        return abs(amount), True
    return abs(amount), amount > 0


def _cell(row, columns, role) -> str:
    index = columns.get(role)
    return tabular.cell_text(row[index]) if index is not None and index < len(row) else ""


def _line(number: int, row: list, columns: dict, account: str) -> Line | None:
    day, rest = date_in_cell(row[columns["date"]] if columns["date"] < len(row) else "")
    if day is None:
        if any(_cell(row, columns, r) for r in ("credit", "debit", "amount")) and not words(
            " ".join(map(tabular.cell_text, row))
        ).startswith(("tong", "total", "cong")):
            raise ValueError(_("The row has an amount but no date dd/mm/yyyy."))
        return None
    amount, credit = _direction(row, columns)
    if not amount:
        return None
    return Line(
        number,
        account,
        day,
        amount,
        credit,
        bank_reference=_cell(row, columns, "reference") or rest,
        text=_cell(row, columns, "description"),
        debtor_name=_cell(row, columns, "counterparty"),
        debtor_account=_cell(row, columns, "counter_account"),
    )


def _heading(row: list, account: str) -> str:
    """Keep track of the account a heading names; refuse a currency other than VND."""
    currency = _labelled(row, CURRENCY_LABELS)
    if currency and currency.strip().upper()[:3] in (
        "USD",
        "EUR",
        "JPY",
        "CNY",
        "AUD",
        "GBP",
        "SGD",
        "KRW",
        "THB",
        "HKD",
    ):
        raise DomainError.one(
            "file",
            _("Only VND accounts are read (this statement is in %(ccy)s).") % {"ccy": currency.strip()[:3]},
            "bad_currency",
            location="file",
        )
    return _account(_labelled(row, ACCOUNT_LABELS) or "") or account


def read_rows(rows: list[list]) -> Statement:
    statement, errors = Statement("vn-table"), []
    account, columns = "", None
    for number, row in enumerate(rows, start=1):
        if not any(tabular.cell_text(c) for c in row):
            continue
        header = _header(row)
        if header:
            columns = header
            continue
        try:
            line = _line(number, row, columns, account) if columns else None
        except (ValueError, amounts.AmountError) as exc:
            errors.append(FieldError("row", str(exc), "bad_row", location="file", row=number))
            continue
        if line:
            statement.lines.append(line)
        else:
            account = _heading(row, account)
    if columns is None:
        raise DomainError.one(
            "file",
            _(
                "No statement table found: the file needs a header with a date column and debit/credit (or "
                "amount) columns."
            ),
            "no_table",
            location="file",
        )
    if errors:
        raise DomainError(errors)
    return statement


def read(content: bytes, encoding: str = "") -> Statement:
    return read_rows(tabular.rows(content, encoding))
