"""GET /api/v1/insights/kpis gives the figures the dashboard shows, to managers and administrators only."""

import re

import pytest

from ansinh.insights.snapshots import close_month
from ansinh.insights.tests.conftest import PERIOD
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
URL = "/api/v1/insights/kpis"


@pytest.fixture
def manager_client(client, contract_rows):
    client.force_login(factories.user("manager"))
    return client


def _page_values(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-testid="value-([a-z_]+)">([^<]*)<', html))


def test_the_api_and_the_page_show_the_same_figures(manager_client):
    close_month(PERIOD)
    api = manager_client.get(URL, {"period": PERIOD, "area": "436"}).json()
    page = manager_client.get("/insights/", {"period": PERIOD, "area": "436"}).content.decode()
    shown = _page_values(page)
    assert api["figures"]["source"] == "snapshot" and api["figures"]["version"] == 1
    assert api["area"] == {"code": "436", "name": "Thành phố Hà Tĩnh", "level": "area", "parent": "42"}
    assert len(api["kpis"]) == len(shown) == 11
    for kpi in api["kpis"]:
        expected = "—" if kpi["value"] is None else f"{kpi['value']:.2f}%"  # English writes 42.22%
        assert shown[kpi["code"]] == expected, kpi["code"]
    si = next(k for k in api["kpis"] if k["code"] == "si_coverage")
    assert (si["numerator"], si["denominator"], si["target"]["value"]) == (380, 900, 45.0)
    assert "Closed figures, version 1" in page


def test_the_api_defaults_to_the_province_and_the_latest_closed_month(manager_client):
    close_month(PERIOD)
    body = manager_client.get(URL).json()
    assert (body["period"], body["area"]["code"]) == (PERIOD, "42")


def test_the_api_names_a_bad_month_or_area(manager_client):
    bad_month = manager_client.get(URL, {"period": "2025-13"})
    assert bad_month.status_code == 422 and bad_month.json()["detail"][0]["loc"] == ["query", "period"]
    bad_area = manager_client.get(URL, {"period": PERIOD, "area": "999"})
    assert bad_area.status_code == 422 and bad_area.json()["detail"][0]["type"] == "unknown_area"


def test_a_machine_client_with_a_manager_token_may_read_the_kpis(client, contract_rows):
    token = factories.token_for(factories.user("manager"))
    response = client.get(URL, {"period": PERIOD}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and response.json()["figures"]["source"] == "live"


def test_other_roles_may_not_read_the_kpis_or_open_the_dashboard(client, contract_rows):
    assert client.get(URL).status_code == 401
    client.force_login(factories.user("collection_officer"))
    assert client.get(URL).status_code == 403
    assert client.get("/insights/").status_code == 403
    assert client.get("/insights/export/kpis.xlsx").status_code == 403


def test_the_ranking_endpoint_puts_the_worst_area_first(manager_client):
    rows = manager_client.get(
        "/api/v1/insights/ranking", {"period": PERIOD, "kpi": "arrears_ratio", "area": "436"}
    ).json()
    assert [r["area_code"] for r in rows[:2]] == ["43601", "43602"]
    assert rows[0]["status"] == "off" and rows[0]["value"] == pytest.approx(3.0)


def test_the_drill_down_lists_the_communes_in_arrears_from_the_closed_figures(manager_client, contract_rows):
    close_month(PERIOD)
    contract_rows["arrears_by_area"].clear()  # a later correction does not change the closed month's list
    page = manager_client.get("/insights/", {"period": PERIOD, "area": "436"}).content.decode()
    table = page.split('data-testid="arrears-table"')[1].split("</table>")[0]
    assert "Phường An Bình" in table and "30,000,000" in table and "3.00%" in table
    assert "/contributions/arrears/?period=2025-09&amp;area=436" in page
