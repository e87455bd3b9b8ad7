"""HI cost monitoring in a browser: on a 390-px phone each facility is a stacked card with labelled figures and
nothing scrolls sideways; at 1366 px every view's table fits its box."""

import pytest
from django.conf import settings
from django.test import Client

from ansinh.health.tests.test_cost_monitoring_and_settlement import _month
from ansinh.testing import factories
from ansinh.testing.fixtures import assert_no_horizontal_scroll

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
VIEWS = ("costs", "diagnoses", "settlement")


def _tab(browser, live_server, width: int):
    _month()
    client = Client()
    client.force_login(factories.user("hi_assessor"))
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
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": "vi", "url": live_server.url},
        ]
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    return tab


def _open(tab, live_server, view: str) -> None:
    tab.goto(f"{live_server.url}/health/monitoring/?month=2025-06&view={view}")
    tab.wait_for_load_state("load")


def test_on_a_phone_each_facility_is_a_labelled_card(browser, live_server):
    tab = _tab(browser, live_server, 390)
    for view in VIEWS:
        _open(tab, live_server, view)
        rows = tab.locator("table.monitoring tbody tr")
        assert rows.count() > 0, view
        first = rows.first.locator("td").first
        assert first.evaluate("cell => getComputedStyle(cell).display") == "flex", view
        assert first.get_attribute("data-label"), view
        assert_no_horizontal_scroll(tab)
        assert tab.evaluate(
            "[...document.querySelectorAll('.table-wrap')].every(w => w.scrollWidth <= w.clientWidth + 1)"
        ), view
    tab.context.close()


def test_at_1366_px_every_view_fits_without_sideways_scroll(browser, live_server):
    tab = _tab(browser, live_server, 1366)
    for view in VIEWS:
        _open(tab, live_server, view)
        assert tab.locator("table.monitoring thead th").count() > 3, view
        overflow = tab.evaluate(
            "Math.max(0, ...[...document.querySelectorAll('.table-wrap')].map(w => w.scrollWidth - w.clientWidth))"
        )
        assert overflow <= 1, f"{view}: the table runs {overflow}px past its box"
    tab.context.close()
