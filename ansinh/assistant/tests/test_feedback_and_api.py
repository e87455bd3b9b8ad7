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


# A reader's letter of more than 500 characters that asks only in its last sentence (written for this test).
LONG_LETTER = (
    "Gia đình tôi có năm người, sống ở một xã miền núi của tỉnh Hà Tĩnh. Tôi năm nay 41 tuổi, làm nghề trồng keo và "
    "nuôi vài con bò, vợ tôi bán hàng tạp hóa nhỏ ở đầu ngõ. Bố tôi 68 tuổi, mẹ tôi 65 tuổi, sức khỏe đã yếu, hay "
    "phải đi viện huyện. Con gái tôi học lớp 11 ở trường huyện, con trai học đại học ở Vinh. Trước đây cả nhà chưa "
    "ai tham gia gì, mỗi lần ốm đau đều tự bỏ tiền. Tuần trước tôi đã ra bưu điện xã đóng tiền cho bố mẹ, vợ và "
    "tôi, nhân viên hẹn mấy hôm nữa thì có. Cho tôi hỏi mua bảo hiểm y tế hộ gia đình thì bao lâu sau mới được "
    "dùng thẻ đi khám bệnh?"
)


def test_a_long_letter_is_read_to_its_question_at_the_end(client, db, answering_always):
    from ansinh.assistant.answerer import MAX_QUESTION

    assert 500 < len(LONG_LETTER) <= MAX_QUESTION
    body = client.post(
        "/api/v1/assistant/ask",
        json.dumps({"question": LONG_LETTER, "lang": "vi"}),
        content_type="application/json",
    ).json()
    assert "hi.card_30_days" in [c["passage_id"] for c in body["citations"]] and "30 ngày" in body["answer"]
    assert Exchange.objects.get(pk=body["exchange_id"]).question == LONG_LETTER


def test_a_question_longer_than_the_limit_is_refused_with_the_field_named(client, db):
    from ansinh.assistant.answerer import MAX_QUESTION

    response = _ask(client, "x" * (MAX_QUESTION + 1))
    assert response.status_code == 422 and "question" in json.dumps(response.json())
    page = client.get("/").content.decode()
    assert f'maxlength="{MAX_QUESTION}"' in page  # the chat box lets a citizen type what the API accepts
