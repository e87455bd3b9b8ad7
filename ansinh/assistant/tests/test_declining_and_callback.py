"""When the assistant is not sure it says so, gives the hotline and offers a callback through the feedback app."""

import json

from django.conf import settings

from ansinh.assistant import calibration


def _ask(client, question, conversation=""):
    return client.post(
        "/api/v1/assistant/ask",
        json.dumps({"question": question, "lang": "vi", "conversation": conversation}),
        content_type="application/json",
    ).json()


def test_an_unsure_answer_declines_gives_the_hotline_and_offers_a_callback(client, db):
    body = _ask(client, "Cách nấu phở bò ngon")
    assert body["kind"] == "unknown" and body["offer_callback"] is True
    assert settings.AGENCY_HOTLINE in body["answer"]
    assert body["citations"] == []


def test_a_sure_answer_offers_no_callback(client, db):
    body = _ask(client, "Quên mật khẩu VssID phải làm sao?")
    assert body["kind"] == "policy" and body["offer_callback"] is False
    assert body["confidence"] >= calibration.threshold()


def test_the_callback_request_reaches_the_feedback_app_with_the_conversation(client, citizen_with_person):
    from ansinh.feedback.models import Feedback

    account, person = citizen_with_person
    client.force_login(account)
    body = _ask(client, "Cách nấu phở bò ngon")
    turns = [{"role": "citizen", "text": "Cách nấu phở bò ngon"}, {"role": "assistant", "text": body["answer"]}]
    sent = client.post(
        "/api/v1/feedback/from-assistant",
        json.dumps(
            {"question": "Cách nấu phở bò ngon", "kind": "callback", "conversation": turns, "phone": "0912345678"}
        ),
        content_type="application/json",
    )
    assert sent.status_code == 200
    item = Feedback.objects.get(code=sent.json()["code"])
    assert item.wants_callback and item.person == person and item.channel == "assistant"


def test_the_confidence_is_a_probability_from_the_fitted_model():
    fitted = calibration.model()
    assert fitted is not None and 0 < fitted["threshold"] < 1
    strong = {
        "cosine": 0.95,
        "coverage": 1.0,
        "margin": 0.5,
        "lexical_first": 1.0,
        "dense_first": 1.0,
        "lexical_agrees": 1.0,
        "figure_agrees": 1.0,
        "same_topic": 1.0,
        "english": 0.0,
        "learnt_first": 1.0,
        "learnt": 0.9,
        "off_topic": 0.01,
    }
    weak = {
        "cosine": 0.8,
        "coverage": 0.1,
        "margin": 0.0,
        "lexical_first": 0.0,
        "dense_first": 0.0,
        "lexical_agrees": 0.0,
        "figure_agrees": 0.0,
        "same_topic": 0.0,
        "english": 0.0,
        "learnt_first": 0.0,
        "learnt": 0.02,
        "off_topic": 0.9,
    }
    assert calibration.probability(strong) > fitted["threshold"] > calibration.probability(weak)
