"""pytest fixtures shared by every app (loaded from the root conftest.py)."""

from __future__ import annotations

import os
import shutil

import pytest

from ansinh.testing import factories

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the settings' language. The locale middleware activates a request's language in the
    thread that served it and leaves it there, so a page asked for in Vietnamese by one test would otherwise
    translate the next test's messages on the same worker."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test starts with empty rate-limit counters (the throttles stay real: the cache is cleared, not faked)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def make_user(db):
    return factories.user


@pytest.fixture
def citizen_with_person(db):
    """A citizen account linked to a registry person."""
    person = factories.person()
    account = factories.user("citizen", username=person.cccd)
    person.user = account
    person.save()
    return account, person


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs Debian's chromium.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab (desktop size, Vietnamese) against the live test server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.base_url = live_server.url
    yield tab
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    """A fresh browser tab the size of a phone (390 px wide)."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="vi-VN"
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.base_url = live_server.url
    yield tab
    context.close()


def log_in(tab, username: str, password: str = factories.PASSWORD) -> None:
    tab.goto(tab.base_url + "/accounts/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", password)
    tab.click("main form button[type=submit]")


def assert_no_horizontal_scroll(tab) -> None:
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"


def open_the_assistant(tab):
    """Opens the chat box by the corner button (the landing page has a tile of the same name too) and returns its
    question field."""
    tab.get_by_role("button", name="Hỏi trợ lý ảo", exact=True).click()
    return tab.get_by_label("Câu hỏi của bạn")
