import json

from ansinh.assistant.models import Exchange
from ansinh.testing import factories


def _ask(client, question, **extra):
    return client.post(
        "/api/v1/assistant/ask",
        json.dumps({"question": question, "lang": "en"}),
        content_type="application/json",
        **extra,
    )


def test_the_api_answers_with_citations_and_feedback_is_stored_for_staff(client, db):
    body = _ask(client, "How do I change my registered hospital?").json()
    assert body["kind"] == "policy" and body["citations"][0]["passage_id"] == "hi.change_facility"
    assert 0 < body["confidence"] <= 1
    rated = client.post(
        "/api/v1/assistant/feedback",
        json.dumps({"exchange_id": body["exchange_id"], "helpful": False, "comment": "too short"}),
        content_type="application/json",
    )
    assert rated.status_code == 204
    assert Exchange.objects.get(pk=body["exchange_id"]).helpful is False
    staff = factories.user("service_desk")
    client.force_login(staff)
    page = client.get("/assistant/feedback/")
    assert page.status_code == 200 and "too short" in page.content.decode()


def test_a_citizen_cannot_open_the_staff_feedback_page(client, citizen_with_person):
    client.force_login(citizen_with_person[0])
    assert client.get("/assistant/feedback/").status_code == 403


def test_a_signed_in_session_must_send_the_csrf_token(db, citizen_with_person):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(citizen_with_person[0])
    assert _ask(strict, "How many years have I contributed?").status_code == 403
