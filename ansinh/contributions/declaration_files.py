"""Opening a declaration file safely: a CSV (UTF-8, comma, semicolon or tab) or an XLSX workbook read in
streaming read-only mode, every input bounded.

A workbook is checked before it is parsed (members, uncompressed size, compression ratio), so a zip bomb
is refused in milliseconds; rows are then read lazily, at most MAX_COLUMNS wide, and reading stops after
MAX_ROWS rows with content or after a long run of empty rows (the formatted-but-empty tail many templates
carry). Nothing here touches the database.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_SHEETS = 60
MAX_BLANK_RUN = 500
MAX_UNZIPPED = 60 * 1024 * 1024
MAX_RATIO = 100  # uncompressed ÷ compressed for a member over 1 MB; spreadsheet XML is typically 5–20
XLSX_TYPES = (".xlsx", ".xlsm")


class FileError(ValueError):
    """The file as a whole cannot be read; says why and what to send instead."""

    def __init__(self, message: str, code: str = "unreadable"):
        super().__init__(message)
        self.code = code


@dataclass
class Sheet:
    """One table of the file: a CSV, or a worksheet of the workbook. rows() yields (row number, values)."""

    name: str
    _rows: Callable[[], Iterator[tuple]]

    def rows(self, limit: int | None = None) -> Iterator[tuple[int, tuple]]:
        """Rows as the spreadsheet numbers them, each value a str, number, date or None. Bounded."""
        content_rows = blank_run = 0
        for number, values in enumerate(self._rows(), start=1):
            if limit is not None and number > limit:
                return
            if any(v not in (None, "") for v in values):
                content_rows, blank_run = content_rows + 1, 0
                if content_rows > MAX_ROWS + 50:
                    raise FileError(
                        _("The sheet %(sheet)s has more than %(max)s rows: send at most %(max)s workers per file.")
                        % {"sheet": self.name or "CSV", "max": f"{MAX_ROWS:,}".replace(",", ".")},
                        "too_many_rows",
                    )
            else:
                blank_run += 1
                if blank_run > MAX_BLANK_RUN:
                    return
            yield number, values


def too_large_message() -> str:
    return _("The file is larger than %(mb)s MB, the limit for one declaration: split it into several files.") % {
        "mb": MAX_BYTES // (1024 * 1024)
    }


def open_sheets(file_name: str, content: bytes) -> list[Sheet]:
    if len(content) > MAX_BYTES:
        raise FileError(too_large_message(), "too_large")
    name = (file_name or "").lower()
    if name.endswith(XLSX_TYPES):
        return _workbook_sheets(content)
    if name.endswith((".csv", ".txt")):
        return [_csv_sheet(content)]
    if name.endswith(".xls"):
        raise FileError(
            _("Old Excel files (.xls) cannot be read: save the file as Excel Workbook (.xlsx)."), "wrong_type"
        )
    raise FileError(_("Send a .xlsx or .csv file (got %(name)s).") % {"name": file_name[:100]}, "wrong_type")


def _decode(content: bytes) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileError(
            _("The CSV file must be UTF-8 text: in Excel choose 'CSV UTF-8' when saving."), "encoding"
        ) from None


def _csv_sheet(content: bytes) -> Sheet:
    text = _decode(content)
    if "\x00" in text:
        raise FileError(_("The CSV file contains binary data."), "encoding")
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)

    def rows():
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            yield tuple(row[:MAX_COLUMNS])

    return Sheet("", rows)


def _check_archive(content: bytes) -> None:
    """Refuse a workbook whose members would unpack to far more than it weighs (a zip bomb) or to too much."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FileError(_("The file is not a readable XLSX workbook."), "unreadable") from None
    total = sum(m.file_size for m in members)
    swollen = [m for m in members if m.file_size > 1024 * 1024 and m.file_size > MAX_RATIO * max(m.compress_size, 1)]
    if total > MAX_UNZIPPED or swollen or len(members) > 10 * MAX_SHEETS:
        raise FileError(
            _("The workbook unpacks to more than %(mb)s MB or is compressed suspiciously well: it was refused unread.")
            % {"mb": MAX_UNZIPPED // (1024 * 1024)},
            "too_large",
        )


def _workbook_sheets(content: bytes) -> list[Sheet]:
    from openpyxl import load_workbook

    _check_archive(content)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        worksheets = [ws for ws in book.worksheets if hasattr(ws, "iter_rows")][:MAX_SHEETS]
    except Exception:  # openpyxl raises many kinds of errors on malformed files; all mean the same here
        raise FileError(_("The file is not a readable XLSX workbook."), "unreadable") from None
    return [Sheet(ws.title, _worksheet_rows(ws)) for ws in worksheets]


def _worksheet_rows(ws):
    def rows():
        try:
            yield from ws.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True)
        except FileError:
            raise
        except Exception:
            raise FileError(
                _("The sheet %(sheet)s could not be read to the end.") % {"sheet": ws.title}, "unreadable"
            ) from None

    return rows
