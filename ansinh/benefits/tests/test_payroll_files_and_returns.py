"""Approving and sending a run (schema-valid pain.001 per bank, cash lists), returns, rejects, dashboard."""

import pytest
from lxml import etree

from ansinh.benefits import services
from ansinh.benefits.models import ChannelChange, PaymentChannel, PaymentInstruction, PayrollRun
from ansinh.benefits.payroll import pain001, returns, send
from ansinh.benefits.payroll import run as payroll
from ansinh.benefits.tests.helpers import beneficiary, return_csv
from ansinh.core.errors import DomainError
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_run(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path
    beneficiary(5_000_000, bank="VCB", account="0123456789")
    beneficiary(6_000_000, bank="VCB", account="0987654321")
    beneficiary(7_000_000, bank="AGR", account="3700201009999")
    beneficiary(3_000_000, bank=None)
    run = payroll.compute_run("2026-02", factories.user("benefits_officer"))
    run = send.approve_run(run, factories.user("benefits_officer"))
    files = send.send_run(run)
    return PayrollRun.objects.get(pk=run.pk), files, tmp_path


def test_sending_writes_one_valid_pain001_per_bank_and_a_cash_list_per_point(sent_run):
    run, files, root = sent_run
    assert run.state == "sent"
    banks = {f.channel_code: f for f in files if f.kind == "pain001"}
    assert set(banks) == {"VCB", "AGR"} and banks["VCB"].payments == 2 and banks["VCB"].total == 11_000_000
    for f in banks.values():
        doc = etree.parse(str(root / "benefits" / "payroll" / f.path))
        assert pain001.schema().validate(doc), pain001.schema().error_log
        ns = {"p": pain001.NS}
        assert doc.findtext(".//p:GrpHdr/p:NbOfTxs", namespaces=ns) == str(f.payments)
        assert doc.find(".//p:InstdAmt", namespaces=ns).get("Ccy") == "VND"
    cash = [f for f in files if f.kind == "cash_csv"]
    assert len(cash) == 1 and cash[0].total == 3_000_000
    assert (root / "benefits" / "payroll" / cash[0].path).read_text(encoding="utf-8-sig").startswith("end_to_end_id,")


def test_an_invalid_file_is_refused_by_the_schema():
    root = etree.Element(f"{{{pain001.NS}}}Document")
    with pytest.raises(pain001.InvalidBankFile):
        pain001.validate(root)


def test_the_computing_officer_may_not_approve_the_run():
    beneficiary()
    officer = factories.user("benefits_officer")
    run = payroll.compute_run("2026-02", officer)
    with pytest.raises(DomainError):
        send.approve_run(run, officer)


def test_a_return_marks_paid_and_moves_a_closed_account_to_cash_for_the_next_run(sent_run):
    run, _files, _root = sent_run
    payments = list(run.payments.order_by("amount"))
    cash, five, six, seven = payments
    lines = [(p.end_to_end_id, "paid", "") for p in (cash, five, seven)] + [
        (six.end_to_end_id, "rejected", "AC04 closed account")
    ]
    returns.import_return(run, "vcb-return.csv", return_csv(lines))
    run.refresh_from_db()
    assert run.state == "reconciled"
    assert PaymentInstruction.objects.filter(status="paid").count() == 3
    channel = PaymentChannel.objects.get(person=six.person)
    assert channel.method == "cash" and ChannelChange.objects.filter(person=six.person).exists()
    next_run = payroll.compute_run("2026-03")
    six.refresh_from_db()
    assert six.run == next_run and six.attempt == 2 and six.method == "cash" and six.period == "2026-02"
    assert next_run.instructions == 5  # four March payments plus February's carried one


def test_a_return_with_an_unknown_id_saves_nothing(sent_run):
    run, _files, _root = sent_run
    good = run.payments.first()
    with pytest.raises(DomainError) as err:
        returns.import_return(
            run, "r.csv", return_csv([(good.end_to_end_id, "paid", ""), ("AS999-202602-1", "paid", "")])
        )
    assert err.value.errors[0].row == 3
    assert not PaymentInstruction.objects.filter(status="paid").exists()


def test_the_same_return_file_cannot_be_imported_twice(sent_run):
    run, _files, _root = sent_run
    content = return_csv([(run.payments.first().end_to_end_id, "paid", "")])
    returns.import_return(run, "r.csv", content)
    with pytest.raises(DomainError):
        returns.import_return(run, "r.csv", content)


def test_cashless_by_commune_counts_bank_payments(sent_run):
    rows = services.cashless_by_commune("2026-02")
    assert sum(r["payments"] for r in rows) == 4 and sum(r["bank_payments"] for r in rows) == 3
    assert sum(r["bank_amount"] for r in rows) == 18_000_000
    assert rows[0]["area_code"] == "436"
