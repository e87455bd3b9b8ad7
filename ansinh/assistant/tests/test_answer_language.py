"""The assistant answers in the language the question is written in, whatever the page's language (the widget sends
the page's): a Vietnamese question on the English page — a browser set to English shows it — gets a Vietnamese
answer, an English question on the Vietnamese page an English one; a question too short to tell follows the page."""

import json
from pathlib import Path

from ansinh.assistant import answerer, index
from ansinh.assistant.models import Exchange

QUESTIONS = Path(__file__).resolve().parents[3] / "bench" / "assistant_questions.jsonl"


def _ask(client, question: str, page_lang: str) -> dict:
    return client.post(
        "/api/v1/assistant/ask",
        json.dumps({"question": question, "lang": page_lang}),
        content_type="application/json",
    ).json()


def test_a_vietnamese_question_on_the_english_page_is_answered_in_vietnamese(client, db, answering_always):
    body = _ask(client, "Thẻ bảo hiểm y tế mua lần đầu bao lâu thì có giá trị sử dụng?", "en")
    assert body["lang"] == "vi" and body["kind"] == "policy"
    assert body["citations"][0]["passage_id"] == "hi.card_30_days"
    assert "30 ngày" in body["answer"] and "days" not in body["answer"]
    assert Exchange.objects.get(pk=body["exchange_id"]).lang == "vi"


def test_an_unaccented_vietnamese_question_on_the_english_page_is_answered_in_vietnamese(client, db, answering_always):
    body = _ask(client, "the bhyt mua lan dau bao lau thi co gia tri su dung", "en")
    assert body["lang"] == "vi" and "30 ngày" in body["answer"]


def test_an_english_question_on_the_vietnamese_page_is_answered_in_english(client, db, answering_always):
    body = _ask(client, "How long after buying a health insurance card for the first time can I use it?", "vi")
    assert body["lang"] == "en" and "30 days" in body["answer"]
    assert body["citations"][0]["title"].isascii()  # the English title of the passage
    assert Exchange.objects.get(pk=body["exchange_id"]).lang == "en"


def test_a_question_too_short_to_tell_follows_the_page(db):
    built = index.current()
    assert answerer.answer_language(built, "BHXH?", "en") == "en"
    assert answerer.answer_language(built, "BHXH?", "vi") == "vi"


def test_the_language_of_the_evaluation_sets_questions_is_recognised_against_the_page(db):
    """Each question asked as if the page were in the other language: its own is recognised."""
    built = index.current()
    with QUESTIONS.open(encoding="utf-8") as rows:
        questions = [json.loads(row) for row in rows]
    questions = [q for q in questions if q["style"] != "calc"]
    other = {"vi": "en", "en": "vi"}
    wrong = [q["q"] for q in questions if answerer.answer_language(built, q["q"], other[q["lang"]]) != q["lang"]]
    assert len(wrong) <= len(questions) // 200, wrong
