"""The pages and the API: a citizen sends from the portal, staff record a hotline call and handle it."""

import pytest

from ansinh.feedback.models import Feedback
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def test_a_citizen_sends_from_the_portal_and_sees_it_listed(client, citizen_with_person):
    account, _ = citizen_with_person
    client.force_login(account)
    response = client.post(
        "/feedback/new/", {"kind": "suggestion", "subject": "Giờ làm việc", "text": "Đề nghị mở cửa sáng thứ Bảy."}
    )
    item = Feedback.objects.get()
    assert response.status_code == 302 and item.channel == "portal" and item.submitted_by == account
    assert item.code in client.get("/feedback/").content.decode()


def test_staff_record_a_hotline_call_and_accept_it(client):
    person = factories.person()
    desk = factories.user("service_desk")
    client.force_login(desk)
    client.post(
        "/feedback/hotline/",
        {
            "kind": "complaint",
            "subject": "Thái độ",
            "text": "Cán bộ không hướng dẫn.",
            "caller": person.cccd,
            "category": "conduct",
        },
    )
    item = Feedback.objects.get()
    assert item.channel == "hotline" and item.person == person and item.category == "conduct"
    assert client.get(f"/feedback/{item.code}/").status_code == 200  # not assigned yet
    client.post(f"/feedback/{item.code}/do/accept/", {"complex_case": ""})
    assert Feedback.objects.get().state == "in_progress"
    assert item.code in client.get("/feedback/queue/").content.decode()


def test_the_api_takes_feedback_from_a_citizen_token(client, citizen_with_person):
    account, _ = citizen_with_person
    token = factories.token_for(account)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    created = client.post(
        "/api/v1/feedback/",
        {"kind": "question", "subject": "Thẻ BHYT", "text": "Khi nào có thẻ?"},
        content_type="application/json",
        **auth,
    )
    assert created.status_code == 200 and created.json()["state"] == "received"
    assert [row["code"] for row in client.get("/api/v1/feedback/mine", **auth).json()] == [created.json()["code"]]
    bad = client.post(
        "/api/v1/feedback/", {"kind": "rumour", "subject": "x", "text": "y"}, content_type="application/json", **auth
    )
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"][-1] == "kind"
    assert client.get("/api/v1/feedback/kpis?period=2025-03", **auth).status_code == 403


def test_the_dashboard_shows_feedback_volumes_on_time_and_satisfaction_per_area(client, citizen_with_person):
    import datetime as dt

    from ansinh.feedback import services

    _, person = citizen_with_person
    desk = factories.user("service_desk")
    item = services.submit(
        kind="question",
        subject="Sổ BHXH",
        text="Cách tra cứu?",
        channel="portal",
        person=person,
        today=dt.date(2025, 3, 3),
    )
    services.accept(item, desk)
    services.reply(item, desk, "Trên ứng dụng VssID.", today=dt.date(2025, 3, 4))
    services.rate(item, None, 5, today=dt.date(2025, 3, 5))
    client.force_login(factories.user("manager"))
    page = client.get("/insights/?period=2025-03").content.decode()
    assert 'id="feedback-section"' in page and f'data-place="{person.commune.area.code}"' in page
    assert "100.0%" in page


def test_the_assistant_hands_a_conversation_over_through_the_api(client, citizen_with_person):
    account, _ = citizen_with_person
    client.force_login(account)
    body = {
        "question": "Con nuôi có được hưởng thai sản không?",
        "kind": "callback",
        "phone": "0912000111",
        "conversation": [
            {"role": "user", "text": "thai sản con nuôi"},
            {"role": "assistant", "text": "Tôi chưa chắc."},
        ],
    }
    answer = client.post("/api/v1/feedback/from-assistant", body, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["kind"] == "question"
    item = Feedback.objects.get(code=answer.json()["code"])
    assert item.channel == "assistant" and item.wants_callback and len(item.conversation) == 2
    complaint = client.post(
        "/api/v1/feedback/from-assistant", {**body, "kind": "complaint"}, content_type="application/json"
    )
    assert complaint.json()["kind"] == "complaint" and complaint.json()["state"] == "received"
