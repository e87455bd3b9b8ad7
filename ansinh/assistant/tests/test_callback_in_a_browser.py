import pytest

from ansinh.testing.fixtures import assert_no_horizontal_scroll, log_in, open_the_assistant


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_signed_in_citizen_asks_for_a_callback_when_the_assistant_is_unsure(phone_page, citizen_with_person):
    from ansinh.feedback.models import Feedback

    account, person = citizen_with_person
    tab = phone_page
    log_in(tab, account.username)
    field = open_the_assistant(tab)
    field.fill("Cách nấu phở bò ngon")
    field.press("Enter")
    answer = tab.locator(".aw-bot[data-kind]")
    answer.wait_for()
    assert answer.get_attribute("data-kind") == "unknown"
    tab.get_by_label("Số điện thoại của bạn (nếu chưa đăng ký)").fill("0912345678")
    assert_no_horizontal_scroll(tab)
    tab.get_by_role("button", name="Nhờ cán bộ gọi lại cho tôi").click()
    tab.get_by_text("Đã gửi yêu cầu gọi lại").wait_for()
    item = Feedback.objects.get(person=person)
    assert item.wants_callback and item.conversation


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_when_unsure_the_widget_offers_questions_and_a_tap_answers_one(phone_page, unsure_of_everything):
    from ansinh.assistant import answerer  # unsure of every search: the live server runs in this process

    tab = phone_page
    tab.goto(tab.base_url + "/")
    field = open_the_assistant(tab)
    field.fill("Sinh con hơn 6 tháng mà công ty chưa giải quyết tiền thai sản, tôi phải khiếu nại ở đâu?")
    field.press("Enter")
    tab.locator(".aw-bot[data-kind='unknown']").wait_for()
    tab.get_by_text("Có phải bạn muốn hỏi một trong những câu sau?").wait_for()
    offered = tab.locator(".aw-suggestion")
    assert 1 <= offered.count() <= answerer.SUGGESTIONS
    assert_no_horizontal_scroll(tab)
    offered.first.click()
    tab.locator(".aw-bot[data-kind='policy']").wait_for()
    assert tab.locator(".aw-bot[data-kind='policy'] .aw-cite").count() == 1
