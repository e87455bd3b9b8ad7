"""The services API: public catalogue and look-up, figures for managers only."""

import pytest

from ansinh.procedures.tests.helpers import file_online
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def test_anyone_reads_the_catalogue_with_time_limits_and_documents(client):
    rows = client.get("/api/v1/services/procedures").json()
    pension = next(r for r in rows if r["code"] == "C16")
    assert pension["time_limit_days"] == 20 and not pension["time_limit_assumed"] and pension["documents"]
    assert len(rows) >= 25


def test_the_status_lookup_answers_only_with_the_right_cccd(client):
    person = factories.person()
    dossier = file_online(person)
    ok = client.post(
        "/api/v1/services/status",
        {"receipt_code": dossier.receipt_code, "cccd": person.cccd},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["state"] == "received"
    wrong = client.post(
        "/api/v1/services/status",
        {"receipt_code": dossier.receipt_code, "cccd": "042000000001"},
        content_type="application/json",
    )
    assert wrong.status_code == 404 and wrong.json()["detail"][0]["type"] == "not_found"


def test_kpis_are_for_managers(client):
    citizen = factories.user("citizen")
    manager = factories.user("manager")
    assert (
        client.get(
            "/api/v1/services/kpis?period=2025-05", headers={"Authorization": f"Bearer {factories.token_for(citizen)}"}
        ).status_code
        == 403
    )
    response = client.get(
        "/api/v1/services/kpis?period=2025-13", headers={"Authorization": f"Bearer {factories.token_for(manager)}"}
    )
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["query", "period"]
