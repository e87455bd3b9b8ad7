"""A complaint is received, accepted within the Law on Complaints' limit, answered, rated, and reopened when
the person is not satisfied; questions and ratings go to the national portal; the dashboard figures count it."""

import datetime as dt

import pytest

from ansinh.core.errors import DomainError
from ansinh.feedback import services
from ansinh.procedures.integration_models import OutboxMessage
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2025, 3, 3)


@pytest.fixture
def complaint(citizen_with_person):
    account, person = citizen_with_person
    return services.submit(
        kind="complaint",
        subject="Chưa nhận trợ cấp ốm đau",
        text="Tôi nộp hồ sơ từ tháng 1 nhưng chưa được chi trả.",
        channel="portal",
        by_user=account,
        person=person,
        today=MONDAY,
    )


def test_a_complaint_must_first_be_accepted_within_ten_days(complaint):
    assert complaint.accept_due == complaint.due_on == dt.date(2025, 3, 13)
    assert "Điều 27" in complaint.limit_source and complaint.commune == complaint.person.commune


def test_acceptance_starts_the_thirty_day_limit_and_a_complex_case_gets_forty_five(complaint):
    desk = factories.user("service_desk")
    accepted = services.accept(complaint, desk, today=dt.date(2025, 3, 5))
    assert (
        accepted.state == "in_progress"
        and accepted.due_on == dt.date(2025, 4, 4)
        and "Điều 28" in accepted.limit_source
    )
    other = services.submit(
        kind="complaint",
        subject="x",
        text="y",
        channel="hotline",
        contact_name="Lê Thị Hoa",
        commune=complaint.commune,
        today=MONDAY,
    )
    assert services.accept(other, desk, complex_case=True, today=dt.date(2025, 3, 5)).due_on == dt.date(2025, 4, 21)


def test_the_answer_is_visible_then_rated_which_closes_the_case_and_reaches_the_portal(
    complaint, client, citizen_with_person
):
    account, _ = citizen_with_person
    desk, officer = factories.user("service_desk"), factories.user("benefits_officer")
    services.assign(complaint, desk, officer=officer, category="benefits")
    services.accept(complaint, desk, today=dt.date(2025, 3, 4))
    services.note(complaint, officer, "Kiểm tra với bộ phận chi trả")
    services.reply(complaint, officer, "Hồ sơ đã được chi trả ngày 10/3.", today=dt.date(2025, 3, 10))
    client.force_login(account)
    page = client.get(f"/feedback/{complaint.code}/").content.decode()
    assert "Hồ sơ đã được chi trả ngày 10/3." in page and "Kiểm tra với bộ phận chi trả" not in page
    client.post(f"/feedback/{complaint.code}/my/rate/", {"rating": "4", "comment": "Cảm ơn"})
    complaint.refresh_from_db()
    assert complaint.state == "closed" and complaint.rating == 4
    rating = OutboxMessage.objects.get(operation="DongBoDanhGia")
    assert rating.payload["DiemDanhGia"] == 4 and rating.payload["MaHoSo"] == complaint.code


def test_an_unsatisfied_person_reopens_and_the_case_returns_with_a_new_limit(complaint):
    desk = factories.user("service_desk")
    services.accept(complaint, desk, today=MONDAY)
    services.reply(complaint, desk, "Đã xử lý.", today=dt.date(2025, 3, 10))
    reopened = services.reopen(complaint, None, "Vẫn chưa nhận tiền", today=dt.date(2025, 3, 12))
    assert reopened.state == "in_progress" and reopened.reopened == 1 and reopened.due_on == dt.date(2025, 4, 11)
    with pytest.raises(DomainError):
        services.reopen(reopened, None, "again", today=dt.date(2025, 3, 12))


def test_a_complaint_without_a_name_is_refused_and_a_callback_needs_a_phone(citizen_with_person):
    _, person = citizen_with_person
    with pytest.raises(DomainError) as missing:
        services.submit(kind="denunciation", subject="x", text="y", channel="hotline", commune=person.commune)
    assert missing.value.errors[0].field == "contact_name"
    with pytest.raises(DomainError):
        services.open_callback_request(question="Lương hưu?", commune=person.commune)


def test_the_assistant_hands_over_an_unanswered_question_with_the_conversation(citizen_with_person):
    account, person = citizen_with_person
    person.phone = "0912000111"
    item = services.open_callback_request(
        question="Tôi có được hưởng chế độ thai sản khi nhận con nuôi?",
        conversation=[
            {"role": "user", "text": "thai sản con nuôi"},
            {"role": "assistant", "text": "Tôi chưa có câu trả lời."},
        ],
        user=account,
        person=person,
    )
    assert item.kind == "question" and item.wants_callback and item.channel == "assistant"
    assert item.contact_phone == "0912000111" and len(item.conversation) == 2 and item.limit_assumed


def test_an_answered_question_is_published_to_the_portal(citizen_with_person):
    _, person = citizen_with_person
    item = services.submit(
        kind="question",
        subject="Mức đóng BHXH tự nguyện",
        text="Mức thấp nhất là bao nhiêu?",
        channel="portal",
        person=person,
        today=MONDAY,
    )
    desk = factories.user("service_desk")
    services.accept(item, desk)
    services.reply(item, desk, "Thấp nhất 22% của chuẩn nghèo nông thôn.", today=dt.date(2025, 3, 4))
    message = OutboxMessage.objects.get(operation="DongBoHoiDap")
    assert message.payload["MaCauHoi"] == item.code and message.payload["NgayTraLoi"] == "20250304000000"


def test_the_monthly_figures_count_received_on_time_and_satisfaction(complaint):
    desk = factories.user("service_desk")
    services.accept(complaint, desk, today=MONDAY)
    services.reply(complaint, desk, "Đã xử lý.", today=dt.date(2025, 3, 10))
    services.rate(complaint, None, 5, today=dt.date(2025, 3, 11))
    row = services.feedback_kpis("2025-03")[0]
    assert (row["received"], row["answered"], row["on_time"], row["rated"], row["satisfied"], row["rating_total"]) == (
        1,
        1,
        1,
        1,
        1,
        5,
    )


def test_someone_else_cannot_open_the_case(complaint, client):
    other = factories.user("citizen")
    client.force_login(other)
    assert client.get(f"/feedback/{complaint.code}/").status_code == 403
    assert client.post(f"/feedback/{complaint.code}/do/accept/").status_code == 403


def test_the_queue_warns_of_cases_near_or_past_their_limit(complaint):
    rows = services.queue(today=dt.date(2025, 3, 12))
    assert rows[0][0] == complaint and rows[0][1] == "due_soon"
    assert services.queue({"warning": True}, today=dt.date(2025, 3, 14))[0][1] == "overdue"
