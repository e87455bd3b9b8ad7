"""A payroll run reconciles from the bank's report alone: positive, negative and file-level pain.002, result sheets."""

import pytest

from ansinh.benefits.models import PaymentChannel, PaymentInstruction, PayrollRun
from ansinh.benefits.payroll import returns, send
from ansinh.benefits.payroll import run as payroll
from ansinh.benefits.tests.helpers import beneficiary, pain002
from ansinh.core.errors import DomainError
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
FILE = "ANSINH-2026-02-VCB"


@pytest.fixture
def sent(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path
    for n, bank in enumerate(["VCB", "VCB", "TCB"]):
        beneficiary(5_000_000 + n, bank=bank, account=f"01234567{n}9" if bank == "VCB" else "190333344445{n}")
    run = payroll.compute_run("2026-02", factories.user("benefits_officer"))
    send.send_run(send.approve_run(run, factories.user("benefits_officer")))
    return PayrollRun.objects.get(pk=run.pk), list(run.payments.order_by("amount"))


def _statuses():
    return list(PaymentInstruction.objects.order_by("amount").values_list("status", flat=True))


def test_a_report_listing_only_the_refused_payment_settles_the_others_and_reconciles(sent):
    run, (first, second, third) = sent
    report = pain002(FILE, "PART", [(f"{FILE}-PENS-BOOK", "PART", [(second.end_to_end_id, "RJCT", "AC04")])])
    source = returns.import_return(None, "vcb-pain002.xml", report)
    assert (source.paid, source.rejected) == (2, 1) and _statuses() == ["paid", "rejected", "paid"]
    run.refresh_from_db()
    assert run.state == "reconciled"
    assert PaymentChannel.objects.get(person=second.person).method == "cash"


def test_a_positive_report_in_version_11_lists_every_payment(sent):
    run, payments = sent
    blocks = [
        (f"{FILE}-PENS-BOOK", "ACSC", [(p.end_to_end_id, "ACSC", "") for p in payments[:2]]),
        (f"{FILE}-PENS-NAPAS", "ACSC", [(payments[2].end_to_end_id, "ACSC", "")]),
    ]
    returns.import_return(None, "r.xml", pain002(FILE, "ACSC", blocks, version="11"))
    assert _statuses() == ["paid"] * 3
    run.refresh_from_db()
    assert run.state == "reconciled"


def test_an_interim_acceptance_then_the_final_report(sent):
    run, payments = sent
    returns.import_return(None, "ack.xml", pain002(FILE, "ACCP"))
    assert _statuses() == ["accepted"] * 3
    run.refresh_from_db()
    assert run.state == "sent"
    returns.import_return(None, "final.xml", pain002(FILE, "ACSC"))
    run.refresh_from_db()
    assert run.state == "reconciled" and _statuses() == ["paid"] * 3


def test_a_file_refused_whole_rejects_every_payment_for_the_next_run(sent):
    run, payments = sent
    source = returns.import_return(None, "rjct.xml", pain002(FILE, "RJCT", reason="FF01"))
    assert source.rejected == 3 and _statuses() == ["rejected"] * 3
    assert PaymentInstruction.objects.first().reject_reason.startswith("FF01")
    assert all(c.method == "bank" for c in PaymentChannel.objects.all())  # a file error is not the account's fault


def test_a_report_for_a_file_we_never_sent_is_refused(sent):
    with pytest.raises(DomainError) as caught:
        returns.import_return(None, "x.xml", pain002("ANSINH-2026-02-XYZ", "ACSC"))
    assert caught.value.errors[0].code == "unknown_file"


def test_an_unknown_payment_in_a_report_refuses_it_whole(sent):
    _run, payments = sent
    report = pain002(
        FILE,
        "PART",
        [(f"{FILE}-PENS-BOOK", "", [(payments[0].end_to_end_id, "ACSC", ""), ("AS999999-202602-1", "RJCT", "AC01")])],
    )
    with pytest.raises(DomainError):
        returns.import_return(None, "x.xml", report)
    assert _statuses() == ["sent"] * 3


def test_a_bank_may_report_only_on_its_own_files(client, sent):
    token = factories.token_for(factories.user("bank", org_code="BIDV"))
    response = client.post(
        "/api/v1/benefits/payroll/returns",
        pain002(FILE, "ACSC"),
        content_type="application/xml",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422 and response.json()["detail"][0]["type"] == "not_your_file"


def test_the_paying_bank_posts_its_report_and_fetches_its_files(client, sent):
    token = factories.token_for(factories.user("bank", org_code="VCB"))
    headers = {"Authorization": f"Bearer {token}"}
    listing = client.get("/api/v1/benefits/payroll/files?period=2026-02", headers=headers).json()
    assert [f["message_id"] for f in listing] == [FILE]
    assert client.get(f"/api/v1/benefits/payroll/files/{listing[0]['id']}", headers=headers).status_code == 200
    response = client.post(
        "/api/v1/benefits/payroll/returns", pain002(FILE, "ACSC"), content_type="application/xml", headers=headers
    )
    assert response.status_code == 200 and response.json()["run_state"] == "reconciled"


def test_a_result_sheet_with_vietnamese_headers_is_read(sent):
    _run, payments = sent
    rows = "\n".join(
        f"{n},{p.end_to_end_id},{'Thành công' if n != 2 else 'Thất bại'},"
        f"{'' if n != 2 else 'AC01 Sai số tài khoản'},05/02/2026"
        for n, p in enumerate(payments, start=1)
    )
    content = ("STT,Mã tham chiếu,Kết quả,Lý do,Ngày hạch toán\n" + rows + "\n").encode("utf-8-sig")
    source = returns.import_return(None, "ket-qua.csv", content)
    assert (source.paid, source.rejected) == (2, 1)
    assert str(PaymentInstruction.objects.order_by("amount").first().paid_on) == "2026-02-05"
