"""When the assistant is not sure it says so, gives the hotline and offers a callback through the feedback app."""

import json

from django.conf import settings

from ansinh.assistant import calibration


def _ask(client, question, conversation="", passage=""):
    return client.post(
        "/api/v1/assistant/ask",
        json.dumps({"question": question, "lang": "vi", "conversation": conversation, "passage": passage}),
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


def test_an_unsure_answer_offers_questions_it_can_answer_and_each_is_answered(client, db, unsure_of_everything):
    from ansinh.assistant import answerer

    letter = (
        "Tôi sinh con được hơn 6 tháng mà công ty vẫn chưa giải quyết tiền thai sản cho tôi. Vậy tôi phải khiếu nại ở "
        "đâu?"
    )
    body = _ask(client, letter)
    assert body["kind"] == "unknown" and body["offer_callback"] is True
    offered = body["suggestions"]
    assert 1 <= len(offered) <= answerer.SUGGESTIONS
    assert "proc.complaint" in [s["passage_id"] for s in offered]
    for suggestion in offered:  # picked: answered from that passage, however unsure a search would be
        answered = _ask(client, suggestion["question"], passage=suggestion["passage_id"])
        assert answered["kind"] == "policy" and answered["citations"][0]["passage_id"] == suggestion["passage_id"]
        assert answered["suggestions"] == []


def test_a_picked_passage_that_is_not_in_the_knowledge_base_is_a_clear_error(client, db):
    sent = client.post(
        "/api/v1/assistant/ask",
        json.dumps({"question": "Ai phải đóng BHXH?", "lang": "vi", "passage": "no.such_passage"}),
        content_type="application/json",
    )
    assert sent.status_code == 422 and "no.such_passage" in sent.json()["detail"]


def test_an_off_topic_question_gets_no_suggestions(client, db, unsure_of_everything):
    body = _ask(client, "Hàng xóm lấn đất nhà tôi 2 mét, tôi phải kiện ra tòa án nào?")
    assert body["kind"] == "unknown" and body["suggestions"] == []


def test_a_signal_constant_on_the_fitting_rows_is_read_without_dividing_by_zero():
    """The fitted scales are written rounded to five places: a signal that never varied on the tuning part must not
    be stored as a zero scale, or the first question with another value would fail."""
    rows = [(dict.fromkeys(calibration.FEATURES, 0.0) | {"cosine": c, "english": 1.0}, c > 0.85) for c in (0.8, 0.9)]
    fitted = calibration.fit(rows * 5, steps=50)
    stored = json.loads(json.dumps(fitted))
    assert stored["scales"][calibration.FEATURES.index("english")] == 1.0
    asked = dict.fromkeys(calibration.FEATURES, 0.0) | {"cosine": 0.9, "english": 0.0}
    assert 0.0 < calibration.probability(asked, stored | {"threshold": 0.5}) < 1.0
