"""A closed month is shown from its snapshot: no source is asked again for its figures, and the dashboard and
the API answer within a query budget that does not depend on the area shown.

The budget is the count measured when it was set plus a small margin: a change that needs more queries
raises it on purpose, in review."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ansinh.core.periods import Period
from ansinh.insights.snapshots import close_month
from ansinh.insights.tests.conftest import PERIOD
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
AREAS = ("42", "436", "43601")  # the province, a former district, a commune
DASHBOARD_QUERIES = 17 + 2
API_QUERIES = 6 + 2


@pytest.fixture
def closed(client, contract_rows):
    close_month(str(Period.parse(PERIOD).plus(-1)))
    close_month(PERIOD)
    client.force_login(factories.user("manager"))
    return contract_rows


def _queries(client, url: str, area: str) -> int:
    client.get(url, {"period": PERIOD, "area": area})  # the first visit fills the process's caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"period": PERIOD, "area": area}).status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("url,budget", [("/insights/", DASHBOARD_QUERIES), ("/api/v1/insights/kpis", API_QUERIES)])
def test_a_closed_month_is_served_from_its_snapshot_within_a_query_budget(client, closed, url, budget):
    closed["_calls"].clear()
    counts = [_queries(client, url, area) for area in AREAS]
    assert max(counts) <= budget
    assert len(set(counts)) == 1
    figures_read = {name for name, _args in closed["_calls"] if name != "dossier_kpis"}
    assert figures_read == set()  # only the drill-down's overdue dossiers are read live (they are no KPI)
