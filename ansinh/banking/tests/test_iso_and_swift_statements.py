"""camt.053, camt.054 (versions .02 and .08, schema-validated) and MT940 statements as banks send them."""

from pathlib import Path

import pytest

from ansinh.banking import statements
from ansinh.core.errors import DomainError

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def read(name: str):
    return statements.read((SAMPLES / name).read_bytes())


def test_a_camt053_statement_gives_every_transaction_with_the_bank_reference_and_exact_amount():
    statement = read("vcb-camt053-v08.xml")
    assert statement.format == "camt.053.001.08" and statement.accounts == ["0201000123456"]
    first = statement.lines[0]
    assert (first.amount, first.credit, first.bank_reference, first.structured_reference) == (
        115_881_600,
        True,
        "FT26005000123",
        "TA00007",
    )
    fee = next(line for line in statement.lines if not line.credit)
    assert fee.amount == 11_000 and fee.code.endswith("CHRG")
    batch = [line for line in statement.lines if line.bank_reference.startswith("BT26005000789/")]
    assert [line.amount for line in batch] == [6_000_000, 4_000_000]
    assert [line.booked for line in statement.lines].count(False) == 1


def test_a_camt054_notification_carries_the_same_bank_reference_as_the_statement():
    notification = read("vcb-camt054-v08.xml").lines[0]
    statement_line = read("vcb-camt053-v08.xml").lines[1]
    assert (notification.account, notification.bank_reference, notification.amount) == (
        statement_line.account,
        statement_line.bank_reference,
        statement_line.amount,
    )


def test_version_02_statements_are_read():
    line = read("bidv-camt053-v02.xml").lines[0]
    assert (line.account, line.amount, line.debtor_name) == (
        "51010000123456",
        3_200_000,
        "CONG TY CP VAN TAI HONG LINH",
    )


def test_an_mt940_statement_keeps_nonref_lines_fees_and_the_bank_reference():
    statement = read("vcb-mt940.sta")
    assert statement.format == "mt940" and statement.accounts == ["0201000123456"]
    assert [(line.amount, line.credit) for line in statement.lines] == [
        (115_881_600, True),
        (52_579_200, True),
        (11_000, False),
        (2_500_000, True),
    ]
    assert statement.lines[0].bank_reference == "FT26005000123" and statement.lines[0].end_to_end_id == ""
    assert "?20TA00010NOP" in statement.lines[1].text


def _camt(amount: str, currency: str = "VND") -> bytes:
    text = (SAMPLES / "vcb-camt054-v08.xml").read_text()
    return text.replace('<Amt Ccy="VND">52579200</Amt>', f'<Amt Ccy="{currency}">{amount}</Amt>').encode()


def test_a_fraction_of_a_dong_is_an_error_naming_the_line():
    with pytest.raises(DomainError) as caught:
        statements.read(_camt("52579200.50"))
    assert caught.value.errors[0].row == 16 and caught.value.errors[0].field == "Ntry/Amt"


def test_a_foreign_currency_is_an_error():
    with pytest.raises(DomainError) as caught:
        statements.read(_camt("100.00", "USD"))
    assert "VND" in caught.value.errors[0].message


def test_a_file_that_breaks_the_schema_is_refused_with_the_line():
    broken = (
        (SAMPLES / "vcb-camt054-v08.xml")
        .read_text()
        .replace("<CdtDbtInd>CRDT</CdtDbtInd>", "<CdtDbtInd>CREDIT</CdtDbtInd>")
        .encode()
    )
    with pytest.raises(DomainError) as caught:
        statements.read(broken)
    assert caught.value.errors[0].code == "schema" and any(e.row for e in caught.value.errors[1:])


def test_entities_are_never_expanded():
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">&x;</Document>'
    )
    with pytest.raises(DomainError):
        statements.read(evil)


def test_other_xml_is_refused_clearly():
    with pytest.raises(DomainError) as caught:
        statements.read(b'<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"/>')
    assert caught.value.errors[0].code == "unsupported"
