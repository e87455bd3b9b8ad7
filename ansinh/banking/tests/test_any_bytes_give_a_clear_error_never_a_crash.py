"""Whatever a bank (or anyone with a token) sends, the readers answer with rows or a clear error, never a crash."""

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ansinh.banking import reports, statements
from ansinh.core.errors import DomainError

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").iterdir())


def _read_or_refuse(reader, content: bytes) -> None:
    try:
        reader(content)
    except DomainError as exc:
        assert exc.errors and all(e.message for e in exc.errors)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2_000))
@example(b"\r\x00")  # a lone carriage return once ended in csv.Error
def test_random_bytes_are_refused_clearly(content):
    _read_or_refuse(statements.read, content)
    _read_or_refuse(reports.read, content)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(SAMPLES), st.integers(min_value=0, max_value=10_000), st.binary(min_size=1, max_size=8))
def test_damaged_bank_files_are_refused_clearly(path, position, junk):
    content = path.read_bytes()
    cut = position % len(content)
    damaged = content[:cut] + junk + content[cut + len(junk) :]
    _read_or_refuse(statements.read, damaged)
    _read_or_refuse(reports.read, damaged)


def test_a_workbook_without_a_sheet_is_refused_clearly():
    """A damaged .xlsx may still open, with no worksheet left in it (found by the test above)."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["Số tài khoản", 1])
    whole = io.BytesIO()
    workbook.save(whole)
    source, damaged = zipfile.ZipFile(whole), io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", data, flags=re.S)
            target.writestr(item, data)
    for reader in (statements.read, reports.read):
        with pytest.raises(DomainError) as refused:
            reader(damaged.getvalue())
        assert refused.value.errors[0].message
