"""A facility registers the staff who check cards; only they get answers at the gateway, and every change is audited."""

import pytest

from ansinh.core.errors import DomainError
from ansinh.core.models import AuditEvent
from ansinh.health.gateway import receptionists
from ansinh.health.models import Receptionist
from ansinh.health.tests.helpers_coverage import facility_client  # noqa: F401 — pytest fixtures, taken by name as parameters

pytestmark = pytest.mark.django_db
URL = "/api/v1/health/receptionists"


def test_a_facility_registers_lists_and_removes_its_receptionists(client, facility_client):
    auth = {"HTTP_AUTHORIZATION": facility_client["HTTP_AUTHORIZATION"]}
    created = client.post(
        URL, {"full_name": "  Phạm   Thị Thơm ", "cccd": "042186002959"}, content_type="application/json", **auth
    )
    assert created.status_code == 201 and created.json()["full_name"] == "Phạm Thị Thơm"
    assert [r["cccd"] for r in client.get(URL, **auth).json()] == ["042186002959"]
    assert client.delete(f"{URL}/042186002959", **auth).status_code == 204
    assert client.get(URL, **auth).json()[0]["is_active"] is False
    assert client.delete(f"{URL}/042186002959", **auth).status_code == 422
    assert AuditEvent.objects.filter(object_type="health.receptionist", action__in=["create", "update"]).count() == 2


def test_a_bad_cccd_or_name_is_refused_naming_the_field(client, facility_client):
    auth = {"HTTP_AUTHORIZATION": facility_client["HTTP_AUTHORIZATION"]}
    response = client.post(URL, {"full_name": "=HYPERLINK()", "cccd": "12345"}, content_type="application/json", **auth)
    assert response.status_code == 422 and {e["loc"][-1] for e in response.json()["detail"]} == {"full_name", "cccd"}


def test_a_csv_with_one_bad_row_registers_nobody_and_names_the_row():
    text = "full_name,cccd\nPhạm Thị Thơm,042186002959\nTrần Văn Nam,04218600\n"
    with pytest.raises(DomainError) as error:
        receptionists.import_csv("42001", text)
    assert [(e.row, e.field) for e in error.value.errors] == [(2, "cccd")] and not Receptionist.objects.exists()
    assert receptionists.import_csv("42001", "full_name,cccd\nPhạm Thị Thơm,042186002959\n") == 1
