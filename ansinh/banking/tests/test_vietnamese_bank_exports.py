"""Statement exports of Vietnamese banks go in unchanged: their own headers, dd/mm/yyyy, either thousands style."""

import unicodedata
from pathlib import Path

import pytest

from ansinh.banking import statements
from ansinh.core.errors import DomainError

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def lines(name: str):
    return statements.read((SAMPLES / name).read_bytes()).lines


@pytest.mark.parametrize(
    "name, account, credits, debits",
    [
        ("vcb-statement.xlsx", "0201000123456", [115_881_600, 52_579_200, 3_200_000], [11_000]),
        ("techcombank-statement.xlsx", "19036789012345", [98_765_400, 3_960_000], [11_000]),
        ("vietinbank-statement.csv", "107000123456", [21_000_000, 1_234], [5_000_000]),
        ("agribank-statement.xls", "3700211000123", [4_050_000, 1_500_000], []),
        ("bidv-statement.xls", "51010000123456", [3_200_000, 1_000_000], []),
    ],
)
def test_each_banks_export_is_read_with_its_account_and_exact_amounts(name, account, credits, debits):
    found = lines(name)
    assert {line.account for line in found} == {account}
    assert [line.amount for line in found if line.credit] == credits
    assert [line.amount for line in found if not line.credit] == debits
    assert all(line.bank_reference for line in found)


def test_a_date_cell_that_also_holds_the_transaction_number_gives_both():
    first = lines("techcombank-statement.xlsx")[0]
    assert (first.booking_date.isoformat(), first.bank_reference) == ("2026-01-05", "FT26005112233")


def test_the_old_account_number_in_a_heading_is_not_taken():
    assert lines("bidv-statement.xls")[0].account == "51010000123456"


TONES = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """Text as Windows-1258 writes Vietnamese: base letters with their hats precomposed, tone marks combining."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tone = "".join(c for c in parts if c in TONES)
            out += unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES)).encode(
                "cp1258"
            ) + tone.encode("cp1258")
    return out


WINDOWS_1258 = windows_1258("Ngày giao dịch,Số tham chiếu,Ghi nợ,Ghi có,Mô tả\n05/01/2026,FT1,,1.000,Nộp\n")


def test_a_csv_that_is_not_utf8_is_a_clear_error():
    content = WINDOWS_1258
    with pytest.raises(DomainError) as caught:
        statements.read(content)
    assert caught.value.errors[0].code == "bad_encoding" and "UTF-8" in caught.value.errors[0].message


def test_the_encoding_a_bank_declares_is_used():
    line = statements.read(WINDOWS_1258, encoding="cp1258").lines[0]
    assert line.amount == 1_000 and line.text == "Nộp"


def test_a_row_with_a_fraction_or_both_columns_names_the_row():
    content = (
        'Ngày giao dịch,Số tham chiếu,Ghi nợ,Ghi có,Mô tả\n05/01/2026,FT1,,"1,000.50",a\n'
        "05/01/2026,FT2,5.000,5.000,b\n06/01/2026,FT3,,9223372036854775807,c\n"
    ).encode()
    with pytest.raises(DomainError) as caught:
        statements.read(content)
    assert [e.row for e in caught.value.errors] == [2, 3, 4]


def test_a_statement_in_another_currency_is_refused():
    content = (
        "Số tài khoản: 0201000123456\nLoại tiền: USD\nNgày giao dịch,Số tham chiếu,Ghi nợ,Ghi có,Mô tả\n"
        "05/01/2026,FT1,,1000,a\n"
    ).encode()
    with pytest.raises(DomainError) as caught:
        statements.read(content)
    assert caught.value.errors[0].code == "bad_currency"


def test_a_file_without_a_statement_table_is_refused():
    with pytest.raises(DomainError) as caught:
        statements.read("Sao kê tài khoản\nSố tài khoản,0201000123456\n".encode())
    assert caught.value.errors[0].code == "no_table"
