"""Browser: a pensioner logs in on a phone and sees this month's payment."""

import datetime as dt

import pytest

from ansinh.benefits.models import Entitlement, PaymentChannel
from ansinh.benefits.payroll import returns, send
from ansinh.benefits.payroll import run as payroll
from ansinh.benefits.tests.helpers import return_csv
from ansinh.testing import factories
from ansinh.testing.fixtures import assert_no_horizontal_scroll, log_in


@pytest.mark.django_db(transaction=True)
def test_a_pensioner_sees_the_month_payment_on_a_phone(phone_page, settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path
    person = factories.person(full_name="Phan Văn Hưu", birth_date=dt.date(1958, 4, 2), sex="male")
    account = factories.user("citizen", username=person.cccd)
    person.user = account
    person.save()
    Entitlement.objects.create(
        person=person,
        kind="pension",
        monthly=True,
        amount=6_150_000,
        start=dt.date(2020, 5, 1),
        decision_number="0000042/QĐ-HT/2020",
    )
    PaymentChannel.objects.create(person=person, method="bank", bank_code="AGR", account_number="3700205123456")
    run = send.approve_run(payroll.compute_run("2026-02"), factories.user("benefits_officer"))
    send.send_run(run)
    paid = run.payments.get()
    returns.import_return(run, "agr.csv", return_csv([(paid.end_to_end_id, "paid", "")]))

    log_in(phone_page, person.cccd)
    phone_page.goto(phone_page.base_url + "/benefits/me/")
    card = phone_page.locator("#latest-payment")
    assert "02/2026" in card.inner_text()  # months written as Vietnamese write them
    assert "6.150.000" in card.inner_text()
    assert "Đã chi trả" in card.inner_text()  # the page is in Vietnamese for a vi-VN browser
    assert_no_horizontal_scroll(phone_page)
