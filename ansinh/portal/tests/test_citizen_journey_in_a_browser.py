"""In a browser: a citizen activates an account, reads the SI history, files a dossier with an upload and
follows it while a service-desk officer processes it and posts the result."""

import datetime as dt
import re

import pytest

from ansinh.core.notify import ConsoleSMS
from ansinh.procedures.tests.helpers import PDF
from ansinh.testing import factories
from ansinh.testing.fixtures import assert_no_horizontal_scroll, log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]
PASSWORD = "mat-khau-rat-manh-2025"


def _citizen():
    person = factories.person(full_name="Phạm Thị Hương", phone="0987654321")
    unit = factories.employer(name="Công ty CP Dệt may Hồng Lĩnh")
    factories.spell(person, unit, dt.date(2021, 1, 1), dt.date(2022, 6, 30), salary=6_500_000)
    factories.spell(person, factories.employer(name="Công ty TNHH Gỗ Nghi Xuân"), dt.date(2023, 1, 1), salary=8_000_000)
    return person


def _activate(tab, person):
    tab.goto(tab.base_url + "/portal/activate/")
    tab.fill("#id_cccd", person.cccd)
    tab.click("#activate-form button[type=submit]")
    tab.wait_for_url("**/portal/activate/code/")
    code = re.search(r"\b(\d{6})\b", [t for p, t in ConsoleSMS.sent if p == person.phone][-1]).group(1)
    tab.fill("#id_code", code)
    tab.fill("#id_password1", PASSWORD)
    tab.fill("#id_password2", PASSWORD)
    tab.click("#code-form button[type=submit]")
    tab.wait_for_url("**/portal/")


def _file_dossier(tab, tmp_path) -> str:
    upload = tmp_path / "to-khai.pdf"
    upload.write_bytes(PDF)
    tab.goto(tab.base_url + "/services/")
    tab.click("a[data-code=D1]")
    tab.click("#file-dossier")
    tab.check("input[name=delivery][value=post]")
    tab.fill("#id_postal_address", "Số 12 Phan Đình Phùng, TP Hà Tĩnh")
    tab.set_input_files("#id_files", str(upload))
    tab.click("#filing-form button[type=submit]")
    tab.wait_for_selector("#receipt-code")
    return tab.inner_text("#receipt-code")


def _desk_processes(tab, code):
    log_in(tab, "motcua")
    tab.wait_for_url("**/home/")
    tab.goto(tab.base_url + "/services/queue/")
    tab.click(f"#queue a:has-text('{code}')")
    tab.click("button[data-move=in_progress]")
    tab.click("button[data-move=approved]")
    tab.fill("#id_tracking_ref", "EV000111222VN")
    tab.click("#record-delivery")
    tab.wait_for_selector("#tracking-ref")


def test_a_citizen_activates_reads_the_history_files_and_follows_a_dossier(phone_page, page, tmp_path):
    person = _citizen()
    factories.user("service_desk", username="motcua")
    citizen = phone_page
    _activate(citizen, person)
    assert "Phạm Thị Hương" in citizen.inner_text("h1")
    assert_no_horizontal_scroll(citizen)

    citizen.goto(citizen.base_url + "/portal/history/")
    assert citizen.locator(".month-row[data-period='2021-01']").count() == 1
    assert citizen.locator(".months li.gap").count() >= 1  # July–December 2022 without contributions
    assert_no_horizontal_scroll(citizen)

    code = _file_dossier(citizen, tmp_path)
    assert citizen.locator("#dossier-state [data-state=received]").count() == 1
    assert_no_horizontal_scroll(citizen)

    _desk_processes(page, code)

    citizen.goto(citizen.base_url + "/portal/dossiers/")
    assert citizen.locator(f"a[data-receipt='{code}']").count() == 1
    citizen.click(f"a[data-receipt='{code}']")
    citizen.wait_for_url(f"**/{code}/")
    assert citizen.locator("#dossier-state [data-state=approved]").count() == 1
    assert citizen.inner_text("#tracking-ref") == "EV000111222VN"
    assert_no_horizontal_scroll(citizen)

    citizen.context.clear_cookies()
    citizen.goto(citizen.base_url + "/services/lookup/")
    citizen.fill("#id_receipt_code", code)
    citizen.fill("#id_cccd", person.cccd)
    citizen.click("form.card button[type=submit]")
    citizen.wait_for_selector("#lookup-result")  # the answer is a new page: wait for it before counting
    assert citizen.locator("#lookup-state [data-state=approved]").count() == 1
