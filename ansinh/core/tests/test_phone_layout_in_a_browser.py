"""On a 390-px phone the menu folds behind a button and tables become stacked cards; at 1366 px the busiest
staff menu fits on one line; the public landing page leads to every way in without a log-in."""

import pytest

from ansinh.core.roles import Role
from ansinh.testing import factories
from ansinh.testing.fixtures import assert_no_horizontal_scroll, log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_the_phone_menu_opens_from_its_button_and_marks_one_entry(phone_page):
    factories.user(Role.MANAGER, username="giamdoc")
    log_in(phone_page, "giamdoc")
    phone_page.wait_for_url("**/home/")
    menu = phone_page.locator("#main-menu")
    assert not menu.is_visible()
    phone_page.click(".menu-toggle")
    assert menu.is_visible()
    assert phone_page.locator(".menu-toggle").get_attribute("aria-expanded") == "true"
    phone_page.locator("#main-menu summary").first.click()
    assert_no_horizontal_scroll(phone_page)
    assert phone_page.locator("#main-menu [aria-current=page]").count() == 1


def test_a_table_becomes_labelled_cards_on_a_phone(phone_page):
    factories.user(Role.BANK, username="bank.vcb", org_code="VCB")
    log_in(phone_page, "bank.vcb")
    phone_page.wait_for_url("**/home/")
    first_cell = phone_page.locator("table.stack-on-phone tbody tr").first.locator("td").first
    assert first_cell.get_attribute("data-label")
    assert first_cell.evaluate("cell => getComputedStyle(cell).display") == "flex"
    assert first_cell.evaluate("cell => getComputedStyle(cell, '::before').content") != "none"
    assert_no_horizontal_scroll(phone_page)


def test_the_administrators_menu_fits_one_line_at_1366_px(browser, live_server):
    factories.user(Role.ADMINISTRATOR, username="admin", is_staff=True, is_superuser=True)
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    tab = context.new_page()
    tab.base_url = live_server.url
    log_in(tab, "admin")
    tab.wait_for_url("**/home/")
    entries = tab.locator("#main-menu > li")
    tops = {round(entries.nth(i).bounding_box()["y"]) for i in range(entries.count())}
    assert len(tops) == 1, "the menu wraps onto a second line"
    assert_no_horizontal_scroll(tab)
    tab.locator("#main-menu summary", has_text="Chế độ").click()
    assert tab.locator("#main-menu a", has_text="Chi trả hằng tháng").is_visible()
    context.close()


def test_the_landing_page_leads_to_procedures_look_up_activation_assistant_and_hotline(phone_page):
    phone_page.goto(phone_page.base_url + "/")
    for way in ("#way-procedures", "#way-lookup", "#way-activate", "#way-assistant", "#way-hotline"):
        assert phone_page.locator(way).is_visible()
    assert phone_page.locator("#way-hotline").get_attribute("href").startswith("tel:")
    assert_no_horizontal_scroll(phone_page)
    phone_page.click("#way-assistant")
    assert phone_page.locator("#aw-panel").is_visible()
    for way in ("#way-procedures", "#way-lookup", "#way-activate"):
        href = phone_page.locator(way).get_attribute("href")
        assert phone_page.request.get(phone_page.base_url + href).status == 200, way
