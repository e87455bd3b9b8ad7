"""In a browser: a citizen on a phone (390 px, English) sends a complaint; the service desk accepts and
answers it within the limit; the citizen reads the answer and rates it (Vietnamese)."""

import pytest

from ansinh.testing import factories
from ansinh.testing.fixtures import assert_no_horizontal_scroll, log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data"), pytest.mark.browser]


def _switch(tab, language):
    tab.click(f"button[name=language][value={language}]")
    tab.wait_for_selector(f"html[lang={language}]")


def test_a_complaint_is_received_answered_and_rated_on_a_phone(phone_page, page, citizen_with_person):
    account, person = citizen_with_person
    factories.user("service_desk", username="motcua")
    citizen = phone_page
    log_in(citizen, account.username)
    citizen.wait_for_url("**/home/")
    _switch(citizen, "en")
    citizen.goto(citizen.base_url + "/feedback/")
    citizen.click("#new-feedback")
    citizen.check("input[name=kind][value=complaint]")
    citizen.fill("#id_subject", "Sickness benefit not paid")
    citizen.fill("#id_text", "I filed in January and have not been paid.")
    assert_no_horizontal_scroll(citizen)
    citizen.click("#feedback-form button[type=submit]")
    citizen.wait_for_selector("#feedback-code")
    code = citizen.inner_text("#feedback-code")
    assert citizen.locator("#feedback-state[data-state=received]").inner_text().startswith("received")
    assert "Điều 27" in citizen.inner_text("main")
    assert_no_horizontal_scroll(citizen)

    log_in(page, "motcua")
    page.wait_for_url("**/home/")
    page.goto(page.base_url + "/feedback/queue/")
    page.click(f"#feedback-queue [data-code='{code}'] a")
    page.click("button[data-act=accept]")
    page.fill("#id_text", "Khoản trợ cấp đã được chuyển vào tài khoản ngày 10/3.")
    page.click("button[data-act=answer]")
    page.wait_for_selector("#feedback-state[data-state=answered]")

    citizen.goto(citizen.base_url + f"/feedback/{code}/")
    assert "chuyển vào tài khoản" in citizen.inner_text("#thread")
    _switch(citizen, "vi")
    assert citizen.inner_text("#feedback-state").startswith("đã trả lời")
    citizen.check("#rate-form input[name=rating][value='5']")
    citizen.fill("#id_comment", "Cảm ơn")
    citizen.click("#rate-form button[type=submit]")
    citizen.wait_for_selector("#feedback-rating")
    assert citizen.inner_text("#feedback-rating").startswith("5/5")
    assert citizen.locator("#feedback-state[data-state=closed]").count() == 1
    assert_no_horizontal_scroll(citizen)
