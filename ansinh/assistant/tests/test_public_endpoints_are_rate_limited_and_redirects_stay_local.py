"""The assistant is open to everyone, so each address may ask only so often; the staff page's `next`
parameter can only lead back into this site."""

import json

import pytest
from django.conf import settings
from django.test import override_settings

from ansinh.assistant.models import Exchange
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


@override_settings(THROTTLE_RATES={**settings.THROTTLE_RATES, "assistant": "2/m"})
def test_an_address_asking_too_often_is_answered_429(client):
    body = json.dumps({"question": "What is health insurance?", "lang": "en"})
    codes = [client.post("/api/v1/assistant/ask", body, content_type="application/json").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    other = client.post("/api/v1/assistant/ask", body, content_type="application/json", REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 200


@override_settings(THROTTLE_RATES={**settings.THROTTLE_RATES, "assistant_feedback": "1/m"})
def test_rating_answers_is_rate_limited_too(client):
    body = json.dumps({"exchange_id": 999999, "helpful": True})
    codes = [
        client.post("/api/v1/assistant/feedback", body, content_type="application/json").status_code for _ in range(2)
    ]
    assert codes == [404, 429]


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_marking_an_answer_reviewed_never_redirects_off_site(client, target):
    exchange = Exchange.objects.create(
        question="q", lang="en", answer="a", kind="policy", confidence=1.0, helpful=False
    )
    client.force_login(factories.user("service_desk"))
    response = client.post(f"/assistant/feedback/{exchange.pk}/reviewed/", {"next": target})
    assert response.status_code == 302 and response["Location"] == "/assistant/feedback/"


def test_a_local_next_is_followed(client):
    exchange = Exchange.objects.create(
        question="q", lang="en", answer="a", kind="policy", confidence=1.0, helpful=False
    )
    client.force_login(factories.user("service_desk"))
    response = client.post(
        f"/assistant/feedback/{exchange.pk}/reviewed/", {"next": "/assistant/feedback/?show=all&page=2"}
    )
    assert response["Location"] == "/assistant/feedback/?show=all&page=2"
