"""A dossier's fees are paid through the national payment platform: the request, the platform's signed
callback applied once, its look-up of what is owed, and reconciliation when a callback is lost."""

import pytest

from ansinh.procedures.integration_models import DossierFee
from ansinh.procedures.integrations import payments, portal
from ansinh.procedures.tests.helpers import file_online

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def owing(payment_standin, citizen_with_person, live_server, settings):
    _, person = citizen_with_person
    dossier = file_online(person, "D1", delivery="post", postal_address="Số 5 Nguyễn Du, TP Hà Tĩnh")
    callback = f"{live_server.url}/api/v1/services/payments/confirm"
    return payment_standin, dossier, callback


def test_a_result_by_post_owes_the_postage_and_the_portal_is_told_fees_are_due(owing):
    _, dossier, _ = owing
    fee = dossier.fees.get()
    assert fee.kind == "postage" and fee.amount == 25_000 and fee.status == "due"
    assert portal.dossier_record(dossier)["TrangThaiHoSo"] == "6"


def test_paying_on_the_platform_records_the_payment_once(owing):
    standin, dossier, callback = owing
    url = payments.start_payment(dossier, "https://ansinh.example/back", callback)
    reference = url.rsplit("/", 1)[1]
    assert standin.payments[reference]["SoTien"] == 25_000
    standin.pay(reference)
    fee = DossierFee.objects.get(reference=reference)
    assert fee.status == "paid" and fee.transaction_id.startswith("PG") and fee.paid_via == "PayGov-ATM"
    assert standin.callbacks[-1]["error_code"] == 0
    again = payments.confirm(standin._result(standin.payments[reference]))
    assert again["message"] == "already confirmed" and DossierFee.objects.filter(status="paid").count() == 1
    assert portal.dossier_record(dossier)["TrangThaiHoSo"] == "2"


def test_a_callback_with_a_wrong_checksum_or_amount_changes_nothing(owing):
    standin, dossier, callback = owing
    reference = payments.start_payment(dossier, "https://ansinh.example/back", callback).rsplit("/", 1)[1]
    standin.pay(reference, notify=False)
    genuine = standin._result(standin.payments[reference])
    assert payments.confirm({**genuine, "SoTien": 1})["error_code"] == payments.BAD_CHECKSUM
    forged = standin._signed({**{k: v for k, v in genuine.items() if k != "checksum"}, "SoTien": 1000})
    assert payments.confirm(forged)["error_code"] == payments.WRONG_AMOUNT
    assert DossierFee.objects.get(reference=reference).status == "due"


def test_the_platform_looks_up_what_a_dossier_owes(owing):
    standin, dossier, _ = owing
    answer = payments.lookup(standin._signed({"MaHoSo": dossier.receipt_code}))
    assert answer["result"]["TongTienConNo"] == 25_000 and answer["result"]["DanhSachLePhi"][0]["TrangThai"] == "due"
    assert payments.lookup({"MaHoSo": dossier.receipt_code, "checksum": "00"})["error_code"] == payments.BAD_CHECKSUM


def test_a_lost_callback_is_caught_up_by_reconciliation(owing):
    standin, dossier, callback = owing
    reference = payments.start_payment(dossier, "https://ansinh.example/back", callback).rsplit("/", 1)[1]
    standin.pay(reference, notify=False)
    assert payments.reconcile(older_than_minutes=0) == {"asked": 1, "paid": 1}
    assert DossierFee.objects.get(reference=reference).status == "paid"


def test_the_callback_endpoint_answers_in_the_adapter_shape(owing, client):
    response = client.post("/api/v1/services/payments/confirm", data="[]", content_type="application/json")
    assert response.status_code == 422 and response.json()["error_code"] == payments.BAD_MESSAGE
