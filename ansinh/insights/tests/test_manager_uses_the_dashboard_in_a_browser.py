"""A manager opens the dashboard, switches to English, filters to one area and downloads the XLSX; on a
phone the page fits the screen and the charts are drawn."""

import pytest
from openpyxl import load_workbook

from ansinh.insights.snapshots import close_month
from ansinh.insights.tests.conftest import PERIOD
from ansinh.testing import factories
from ansinh.testing.fixtures import assert_no_horizontal_scroll, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_switches_to_english_filters_to_an_area_and_downloads_the_xlsx(page, contract_rows, tmp_path):
    close_month(PERIOD)
    factories.user("manager", username="giamdoc")
    log_in(page, "giamdoc")
    page.wait_for_url(lambda url: "/accounts/login" not in url)
    page.goto(page.base_url + f"/insights/?period={PERIOD}")
    assert page.locator("h1").inner_text().startswith("Bảng điều hành")
    page.click(".lang-switch button[value=en]")
    page.wait_for_selector("h1:has-text('Dashboard')")
    page.select_option("#area-select", "436")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("h1:has-text('Thành phố Hà Tĩnh')")
    assert page.locator("[data-testid=value-si_coverage]").inner_text() == "42.22%"  # as English writes it
    assert page.evaluate("Chart.getChart('ranking-chart').data.labels.length") == 15  # the city's communes
    with page.expect_download() as download:
        page.click("[data-testid=kpis-xlsx]")
    saved = tmp_path / "kpis.xlsx"
    download.value.save_as(saved)
    sheet = load_workbook(saved).active
    assert sheet["A1"].value == f"Thành phố Hà Tĩnh {PERIOD}"
    assert [c.value for c in sheet[2]][:5] == ["Code", "KPI", "Numerator", "Denominator", "Value (%)"]
    assert sheet["B3"].value == "SI participants as a share of the labour force"


def test_the_dashboard_fits_a_phone_and_draws_its_charts(phone_page, contract_rows):
    factories.user("manager", username="giamdoc2")
    log_in(phone_page, "giamdoc2")
    phone_page.wait_for_url(lambda url: "/accounts/login" not in url)
    phone_page.goto(phone_page.base_url + f"/insights/?period={PERIOD}")
    phone_page.wait_for_selector("#series-chart")
    assert phone_page.evaluate("Chart.getChart('series-chart').data.labels.length") == 24
    assert phone_page.evaluate("Chart.getChart('ranking-chart').data.labels.length") == 13
    assert_no_horizontal_scroll(phone_page)
