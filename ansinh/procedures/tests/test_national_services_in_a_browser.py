"""In a browser on a phone (390 px): a citizen signs in with the national account, files a dossier with
the result by post, pays the postage on the national payment platform, and follows the parcel that the
service desk sent with VNPost; the pages read in Vietnamese and in English."""

import datetime as dt

import pytest
from django.core.management import call_command

from ansinh.procedures.tests.helpers import PDF
from ansinh.testing import factories
from ansinh.testing.fixtures import assert_no_horizontal_scroll, log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data"), pytest.mark.browser]
VN = dt.timezone(dt.timedelta(hours=7))


def _sign_in_with_the_national_account(tab, standin, person):
    standin.claims = {"SoDinhDanh": person.cccd, "HoVaTen": person.full_name}
    tab.goto(tab.base_url + "/accounts/login/")
    assert_no_horizontal_scroll(tab)
    tab.click("#sso-login")
    tab.wait_for_selector("#approve")  # the provider's consent page
    tab.click("#approve")
    tab.wait_for_url("**/home/")


def _file_by_post(tab, tmp_path) -> str:
    upload = tmp_path / "to-khai.pdf"
    upload.write_bytes(PDF)
    tab.goto(tab.base_url + "/services/procedures/D1/file/")
    tab.check("input[name=delivery][value=post]")
    tab.fill("#id_postal_address", "Số 12 Phan Đình Phùng, TP Hà Tĩnh")
    tab.set_input_files("#id_files", str(upload))
    tab.click("#filing-form button[type=submit]")
    tab.wait_for_selector("#receipt-code")
    return tab.inner_text("#receipt-code")


def _desk_sends_with_vnpost(tab, code):
    log_in(tab, "motcua")
    tab.wait_for_url("**/home/")
    tab.goto(tab.base_url + f"/services/dossiers/{code}/")
    tab.click("button[data-move=in_progress]")
    tab.click("button[data-move=approved]")
    tab.click("#send-vnpost")
    tab.wait_for_selector(".tracking-number")
    return tab.inner_text(".tracking-number")


def test_sign_in_pay_and_follow_the_parcel_on_a_phone(
    phone_page, page, tmp_path, oidc_standin, payment_standin, vnpost_standin, settings
):
    settings.PUBLIC_BASE_URL = phone_page.base_url
    person = factories.person(full_name="Phạm Thị Hương", phone="0987654321")
    factories.user("service_desk", username="motcua")
    citizen = phone_page
    _sign_in_with_the_national_account(citizen, oidc_standin, person)
    assert_no_horizontal_scroll(citizen)

    code = _file_by_post(citizen, tmp_path)
    assert citizen.locator("#fees [data-status=due]").count() == 1
    assert_no_horizontal_scroll(citizen)
    citizen.click("#pay-online")
    citizen.wait_for_selector("#confirm-payment")  # the payment platform's page
    citizen.click("#confirm-payment")
    citizen.wait_for_selector("#receipt-code")
    assert citizen.locator("#fees [data-status=paid]").count() == 1

    tracking = _desk_sends_with_vnpost(page, code)  # D1 is decided by the service desk itself
    vnpost_standin.report(tracking, 12, "Đang phát", dt.datetime.now(VN))
    call_command("track_parcels")
    citizen.goto(citizen.base_url + f"/services/dossiers/{code}/")
    assert citizen.locator(".parcel-status[data-status=delivering]").inner_text() == "đang phát"
    assert_no_horizontal_scroll(citizen)
    citizen.click("button[name=language][value=en]")
    citizen.wait_for_selector("html[lang=en]")
    assert citizen.locator(".parcel-status[data-status=delivering]").inner_text() == "out for delivery"
    assert "paid" in citizen.inner_text("#fees [data-status=paid]")
    assert_no_horizontal_scroll(citizen)
