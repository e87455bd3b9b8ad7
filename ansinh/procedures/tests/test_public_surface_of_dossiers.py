"""Dossier look-ups anyone can make are rate limited; the staff queue's read is audited; uploads are
served as downloads, never shown inline."""

import pytest
from django.conf import settings
from django.test import override_settings

from ansinh.core.models import AuditEvent
from ansinh.procedures.tests.helpers import file_online
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


@override_settings(THROTTLE_RATES={**settings.THROTTLE_RATES, "dossier_lookup": "3/m"})
def test_the_look_up_page_answers_429_after_the_rate_from_one_address(client):
    body = {"receipt_code": "HS-0000-000000", "cccd": "042000000000"}
    assert [client.post("/services/lookup/", body).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_the_status_api_answers_429_after_its_rate_from_one_address(client):
    body = {"receipt_code": "HS-0000-000000", "cccd": "042090000001"}
    limit = int(settings.THROTTLE_RATES["dossier_lookup"].split("/")[0])
    codes = [
        client.post("/api/v1/services/status", body, content_type="application/json").status_code
        for _ in range(limit + 1)
    ]
    assert set(codes[:limit]) == {404} and codes[-1] == 429


def test_the_staff_queue_records_which_dossiers_it_showed(client):
    dossier = file_online(factories.person())
    client.force_login(factories.user("service_desk"))
    assert client.get("/services/queue/").status_code == 200
    event = AuditEvent.objects.get(action="read", summary="dossier queue")
    assert dossier.pk in event.changes["shown"]


def test_an_uploaded_document_is_served_as_an_attachment_in_a_sandbox(client):
    dossier = file_online(factories.person())
    document = dossier.files.first()
    client.force_login(factories.user("service_desk"))
    response = client.get(f"/services/documents/{document.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"].startswith("sandbox")


def test_the_status_api_refuses_characters_no_code_has_instead_of_failing(client):
    body = {"receipt_code": "\u00ce", "cccd": "0A\u0000\u00b6"}  # a NUL character once ended in a server error
    response = client.post("/api/v1/services/status", body, content_type="application/json")
    assert response.status_code == 422
    assert {e["loc"][-1] for e in response.json()["detail"]} == {"cccd", "receipt_code"}
