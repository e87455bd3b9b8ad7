"""Bank files go in unchanged; every transaction is recorded once, with its exact amount, across channels."""

import datetime as dt
from pathlib import Path

import pytest

from ansinh.contributions.assessment import assess
from ansinh.contributions.models import Payment, Receivable, StatementImport
from ansinh.contributions.statement_import import import_statement
from ansinh.core.errors import DomainError
from ansinh.core.periods import Period
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).resolve().parents[2] / "banking" / "samples"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


@pytest.fixture
def units():
    """The payers the sample files name: units TA00007, TA00010 and TA00012, billed for 2025-12."""
    found = {}
    for code in ("TA00007", "TA00010", "TA00012"):
        unit = factories.employer(wage_region="I", unit_code=code)
        factories.spell(factories.person(), unit, dt.date(2024, 1, 1), salary=10_000_000)
        found[code] = unit
    assess(Period.parse("2025-12"))
    return found


def test_a_camt053_statement_records_the_credits_and_lists_fees_and_pending_lines(units):
    record = import_statement(sample("vcb-camt053-v08.xml"), "vcb.xml")
    assert (record.format, record.lines, record.credits, record.new_payments) == ("camt.053.001.08", 6, 4, 4)
    assert sorted(i["reason"] for i in record.ignored) == ["debit", "pending"]
    big = Payment.objects.get(reference="FT26005000123")
    assert big.amount == 115_881_600 and big.payer_code == "TA00007"  # the code was only in Strd/CdtrRefInf/Ref
    assert Payment.objects.get(reference="FT26005000456").payer_code == "TA00010"  # TA00010NOP
    assert Payment.objects.get(reference="BT26005000789/VNP-THUHO-0002").status == "suspense"


def test_a_notification_then_the_statement_count_the_transaction_once(units):
    first = import_statement(sample("vcb-camt054-v08.xml"), "notification.xml", channel="api")
    assert first.new_payments == 1
    statement = import_statement(sample("vcb-camt053-v08.xml"), "vcb.xml")
    assert statement.known_payments == 1 and statement.new_payments == 3
    assert Payment.objects.filter(reference="FT26005000456").count() == 1


def test_the_mt940_of_the_same_day_adds_only_what_the_xml_statement_did_not_have(units):
    import_statement(sample("vcb-camt053-v08.xml"), "vcb.xml")
    record = import_statement(sample("vcb-mt940.sta"), "vcb.sta")
    assert (record.known_payments, record.new_payments) == (2, 1)
    assert Payment.objects.get(reference="FT26005000777").status == "suspense"


def test_another_bank_reusing_a_reference_is_another_payment(units):
    import_statement(sample("vcb-camt053-v08.xml"), "vcb.xml")
    import_statement(sample("bidv-camt053-v02.xml"), "bidv.xml")
    assert set(Payment.objects.filter(reference="FT26005000123").values_list("account", "payer_code")) == {
        ("0201000123456", "TA00007"),
        ("51010000123456", "TA00012"),
    }


def test_the_same_file_twice_records_nothing_more(units):
    first = import_statement(sample("vcb-statement.xlsx"), "vcb.xlsx")
    again = import_statement(sample("vcb-statement.xlsx"), "vcb.xlsx")
    assert again.pk == first.pk and Payment.objects.count() == 3


@pytest.mark.parametrize(
    "name",
    [
        "vcb-statement.xlsx",
        "techcombank-statement.xlsx",
        "vietinbank-statement.csv",
        "agribank-statement.xls",
        "bidv-statement.xls",
    ],
)
def test_each_vietnamese_banks_export_is_recorded(units, name):
    record = import_statement(sample(name), name)
    assert record.new_payments == record.credits > 0
    assert sum(Payment.objects.values_list("amount", flat=True)) == record.amount_new


def test_payments_pay_the_bills_exactly(units):
    import_statement(sample("vcb-camt053-v08.xml"), "vcb.xml")
    paid = sum(Receivable.objects.filter(payer_code="TA00007").values_list("paid_amount", flat=True))
    assert paid == 3_200_000  # the bill; the rest of 115,881,600 stays as credit, not multiplied
    assert Payment.objects.get(reference="FT26005000123").status == "credit"


def test_a_statement_for_an_account_that_is_not_ours_is_refused():
    content = sample("vcb-camt054-v08.xml").replace(b"0201000123456", b"0201000999999")
    with pytest.raises(DomainError) as caught:
        import_statement(content, "x.xml")
    assert caught.value.errors[0].code == "foreign_account"
    assert not StatementImport.objects.exists()


def test_a_bank_may_send_only_its_own_accounts_statements():
    with pytest.raises(DomainError):
        import_statement(
            sample("bidv-camt053-v02.xml"), "bidv.xml", by_user=factories.user("bank", org_code="VCB"), channel="api"
        )


def test_a_bad_line_refuses_the_whole_file_and_records_nothing(units):
    content = sample("vietinbank-statement.csv").replace(b'"1,234"', b'"1,234.50"')
    with pytest.raises(DomainError) as caught:
        import_statement(content, "ctg.csv")
    assert caught.value.errors[0].row == 7
    assert not Payment.objects.exists() and not StatementImport.objects.exists()


def test_lines_without_a_bank_reference_get_stable_keys():
    content = (
        "Số tài khoản: 0201000123456\nNgày giao dịch,Ghi nợ,Ghi có,Mô tả\n05/01/2026,,500000,nop tien\n"
        "05/01/2026,,500000,nop tien\n"
    ).encode()
    record = import_statement(content, "a.csv")
    assert record.new_payments == 2
    assert import_statement(content + b"\n", "b.csv").known_payments == 2
