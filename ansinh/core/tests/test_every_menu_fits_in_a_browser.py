"""Every role's menu, in both languages: one line at 1366 px (groups open as drop-downs), folded behind the menu
button on a 390-px phone, and at most one entry marked as the current page."""

import pytest
from django.conf import settings
from django.test import Client

from ansinh.core.roles import Role
from ansinh.core.tests.test_menu_for_every_role import _account
from ansinh.testing.fixtures import assert_no_horizontal_scroll

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def _tab(browser, live_server, account, language: str, width: int):
    client = Client()
    client.force_login(account)
    context = browser.new_context(
        viewport={"width": width, "height": 900}, is_mobile=width < 600, has_touch=width < 600
    )
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            },
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.goto(live_server.url + "/home/")
    tab.wait_for_load_state("load")
    return tab


def _one_line(tab) -> None:
    entries = tab.locator("#main-menu > li")
    tops = {round(entries.nth(i).bounding_box()["y"]) for i in range(entries.count())}
    assert len(tops) == 1, f"the menu wraps onto {len(tops)} lines"
    assert_no_horizontal_scroll(tab)
    assert tab.locator("#main-menu [aria-current=page]").count() <= 1
    highlighted = (
        "[...document.querySelectorAll('#main-menu [aria-current=page], #main-menu summary.has-active')]"
        ".filter(e => e.checkVisibility())"
    )
    assert tab.evaluate(f"{highlighted}.length") <= 1, "two entries look current"


@pytest.mark.parametrize("role", list(Role))
def test_the_menu_of_every_role_fits_a_desktop_and_folds_on_a_phone(browser, live_server, role):
    account = _account(role)
    for language in ("vi", "en"):
        desktop = _tab(browser, live_server, account, language, 1366)
        assert desktop.locator("html").get_attribute("lang") == language
        _one_line(desktop)
        desktop.context.close()
        phone = _tab(browser, live_server, account, language, 390)
        assert not phone.locator("#main-menu").is_visible()
        phone.click(".menu-toggle")
        assert phone.locator("#main-menu").is_visible()
        for group in phone.locator("#main-menu summary").all():
            group.click()
            assert_no_horizontal_scroll(phone)
        phone.context.close()


def test_the_citizen_opens_a_grouped_page_and_only_it_is_marked(browser, live_server):
    desktop = _tab(browser, live_server, _account(Role.CITIZEN), "vi", 1366)
    entries = desktop.locator("#main-menu > li")
    assert entries.count() <= 8
    desktop.locator("#main-menu summary", has_text="Thêm").click()
    with desktop.expect_navigation():
        desktop.locator("#main-menu a", has_text="Tiền đóng của tôi").click()
    assert desktop.locator("#main-menu [aria-current=page]").count() == 1
    assert desktop.locator("#main-menu summary.has-active").inner_text().strip().startswith("Thêm")
    _one_line(desktop)
    desktop.context.close()
