"""Rows of cells from the spreadsheets and text exports banks produce: CSV (UTF-8, UTF-8 with BOM or
UTF-16 with BOM, comma, semicolon or tab separated), Excel .xlsx, legacy .xls, and the HTML tables some
internet banks save under an .xls name. Bounded in rows and columns; a text that is not in the expected
encoding is refused with the position of the first bad byte, never guessed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata

from django.utils.translation import gettext as _

from ansinh.core.errors import DomainError

MAX_ROWS = 100_000
MAX_COLUMNS = 60
XLSX_MAGIC, XLS_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"


def _error(message: str, code: str) -> DomainError:
    return DomainError.one("file", message, code, location="file")


def decode(content: bytes, encoding: str = "") -> str:
    """Text of a file (NFC): its BOM's encoding, else UTF-8, else the encoding its sender declared."""
    bom = "utf-16" if content.startswith((b"\xff\xfe", b"\xfe\xff")) else ""
    for candidate in filter(None, (bom or "utf-8-sig", encoding)):
        try:
            return unicodedata.normalize("NFC", content.decode(candidate))
        except (UnicodeDecodeError, LookupError):
            continue
    bad = _first_bad_byte(content)
    raise _error(
        _("The file is not UTF-8 text (byte 0x%(byte)02X at position %(pos)s). Export it as CSV UTF-8 or Excel.")
        % {"byte": content[bad], "pos": bad},
        "bad_encoding",
    )


def _first_bad_byte(content: bytes) -> int:
    try:
        content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return exc.start
    return 0


def _bounded(rows) -> list[list]:
    out = []
    for row in rows:
        if len(out) >= MAX_ROWS:
            raise _error(_("The file has more than %(n)s rows; split it.") % {"n": f"{MAX_ROWS:,}"}, "too_many_rows")
        out.append(list(row)[:MAX_COLUMNS])
    return out


def _csv(text: str) -> list[list]:
    sample = "\n".join(text.splitlines()[:50])
    counts = {d: sample.count(d) for d in (",", ";", "\t", "|")}
    delimiter = max(counts, key=counts.get)
    try:
        return _bounded(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:  # e.g. a stray carriage return inside a field
        raise _error(_("The CSV file cannot be read: %(reason)s.") % {"reason": exc}, "bad_csv") from None


def _xlsx(content: bytes) -> list[list]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # a damaged or encrypted workbook: openpyxl raises many kinds
        raise _error(_("The Excel file cannot be opened."), "bad_excel") from None
    try:
        if not book.worksheets:  # a damaged workbook may open with none
            raise _error(_("The Excel file holds no sheet."), "bad_excel")
        return _bounded(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()


def _xls(content: bytes) -> list[list]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=content, on_demand=True)
        sheet = book.sheet_by_index(0)
    except Exception:
        raise _error(_("The Excel file cannot be opened."), "bad_excel") from None

    def cell(c):
        if c.ctype == xlrd.XL_CELL_DATE:
            return xlrd.xldate_as_datetime(c.value, book.datemode)
        return c.value

    return _bounded([cell(c) for c in sheet.row(i)] for i in range(min(sheet.nrows, MAX_ROWS + 1)))


def _html(text: str) -> list[list]:
    from lxml import html

    try:
        tree = html.fromstring(text)
    except Exception:
        raise _error(_("The file cannot be read as a table."), "bad_table") from None
    return _bounded([" ".join(cell.text_content().split()) for cell in tr.xpath("./td|./th")] for tr in tree.iter("tr"))


def rows(content: bytes, encoding: str = "") -> list[list]:
    """The first sheet's rows (cells as str, int, float or datetime), whatever the container."""
    if content.startswith(XLSX_MAGIC):
        return _xlsx(content)
    if content.startswith(XLS_MAGIC):
        return _xls(content)
    text = decode(content, encoding)
    if text.lstrip()[:200].lower().startswith(("<html", "<table", "<!doctype html", "<meta")):
        return _html(text)
    return _csv(text)


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split())
