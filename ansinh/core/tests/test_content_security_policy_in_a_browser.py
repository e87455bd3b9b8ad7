"""Under the strict Content-Security-Policy (no inline script or style, forms post only here) every menu page of each
kind of user renders in Chromium without a policy violation or a console error, and the charts still draw: the
dashboard's Chart.js canvases and the cost-monitoring bars, whose computed sizes come as data attributes."""

import pytest
from django.urls import reverse

from ansinh.core import nav
from ansinh.health.tests.test_cost_monitoring_and_settlement import _month
from ansinh.health.tests.test_cost_monitoring_page import MONTH
from ansinh.insights.snapshots import close_month
from ansinh.insights.tests.conftest import PERIOD, contract_rows, province  # noqa: F401  (fixtures)
from ansinh.testing import factories
from ansinh.testing.fixtures import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WATCH = """window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sourceFile || "") + ":" + e.lineNumber);
});"""
EXTRA = {  # pages beyond the menu, with the data their charts need
    "manager": [f"/insights/?period={PERIOD}"],
    "hi_assessor": [f"/health/monitoring/?month={MONTH}"],
    "administrator": ["/admin/", "/admin/registry/person/", "/api/v1/docs"],
    "citizen": ["/portal/card/qr/"],
}


def _watched(page) -> list[str]:
    errors = []
    # a failed load is named by its own address (the console only says "Failed to load resource")
    page.on(
        "console",
        lambda message: (
            errors.append(f"{page.url}: {message.text}")
            if message.type == "error" and not message.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on(
        "response",
        lambda response: errors.append(f"{response.status} {response.url}") if response.status >= 400 else None,
    )
    page.add_init_script(WATCH)
    return errors


def _visit(page, path: str) -> list[str]:
    response = page.goto(page.base_url + path)
    page.wait_for_load_state("load")
    assert response.status == 200, path
    return [f"{path}: {v}" for v in page.evaluate("window.__violations")]


def _account(role: str, **extra):
    account = factories.user(role, username=f"csp-{role}", **extra)
    if role == "citizen":  # a citizen's pages are about the person the account belongs to
        person = factories.person()
        person.user = account
        person.save()
    return account


def _walk(page, role: str, **extra) -> list[str]:
    account = _account(role, **extra)
    errors = _watched(page)
    log_in(page, account.username)
    page.wait_for_url(lambda url: "/accounts/login" not in url)
    paths = [reverse(p.url_name) for p in nav.menu_pages(account)] + EXTRA.get(role, [])
    violations = [v for path in paths for v in _visit(page, path)]
    return violations + errors


@pytest.mark.parametrize("role", ["citizen", "employer", "service_desk", "collection_officer", "benefits_officer"])
def test_the_pages_of_each_role_break_no_policy(page, role):
    extra = {"org_code": factories.employer().unit_code} if role == "employer" else {}
    assert _walk(page, role, **extra) == []


def test_the_administrator_pages_admin_and_api_docs_break_no_policy(page):
    assert _walk(page, "administrator", is_staff=True, is_superuser=True) == []
    page.wait_for_selector(".swagger-ui .opblock")  # the docs page, visited last, drew the operations


def test_the_dashboard_charts_draw_under_the_policy(page, contract_rows):
    close_month(PERIOD)
    assert _walk(page, "manager") == []
    page.goto(page.base_url + f"/insights/?period={PERIOD}")
    assert page.evaluate("Chart.getChart('ranking-chart').data.labels.length") > 0
    assert page.evaluate("document.getElementById('ranking-chart').getBoundingClientRect().height") > 100


def test_the_cost_monitoring_chart_is_sized_without_style_attributes(page):
    _month()
    assert _walk(page, "hi_assessor") == []
    page.goto(page.base_url + f"/health/monitoring/?month={MONTH}")
    chart = page.locator("#monitoring-chart svg")
    height_rem = float(chart.get_attribute("data-block-size"))
    font = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert chart.bounding_box()["height"] == pytest.approx(height_rem * font, abs=1)
    tops = [
        box["y"] for box in (label.bounding_box() for label in page.locator("#monitoring-chart .chart-labels li").all())
    ]
    assert len(tops) > 1 and tops == sorted(tops) and len(set(tops)) == len(tops)  # each label beside its own bar
