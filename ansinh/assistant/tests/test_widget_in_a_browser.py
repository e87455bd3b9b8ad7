import os
from pathlib import Path

import pytest

from ansinh.testing.fixtures import assert_no_horizontal_scroll, open_the_assistant

SHOTS = os.environ.get("ASSISTANT_SCREENSHOTS", "")


@pytest.mark.django_db(transaction=True)
def test_the_widget_answers_a_question_on_a_phone(phone_page):
    tab = phone_page
    tab.goto(tab.base_url + "/")
    field = open_the_assistant(tab)
    assert field.is_visible()
    field.fill("dong bhxh tu nguyen thap nhat bao nhieu")
    field.press("Enter")
    answer = tab.locator(".aw-bot[data-kind]")
    answer.wait_for()
    assert answer.get_attribute("data-kind") == "policy"
    assert "đồng" in answer.inner_text()
    assert "Nguồn" in answer.inner_text()
    assert_no_horizontal_scroll(tab)
    tab.get_by_role("button", name="Hữu ích", exact=True).click()
    tab.get_by_text("Cảm ơn bạn đã góp ý.").wait_for()
    tab.keyboard.press("Escape")
    assert tab.locator("#aw-panel").is_hidden()


@pytest.mark.django_db(transaction=True)
def test_a_letter_of_several_lines_is_typed_and_sent_whole(phone_page):
    """Shift+Enter starts a new line of a letter; Enter sends it (as in any chat)."""
    tab = phone_page
    tab.goto(tab.base_url + "/")
    field = open_the_assistant(tab)
    field.type("Tôi đóng bảo hiểm xã hội tự nguyện từ năm 2020.")
    field.press("Shift+Enter")
    field.type("Đóng tự nguyện thấp nhất bao nhiêu một tháng?")
    assert "\n" in field.input_value() and tab.locator(".aw-bot").count() == 0  # not sent yet
    if SHOTS:  # for a person to look at
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(Path(SHOTS) / "assistant-letter-phone.png"))
    field.press("Enter")
    answer = tab.locator(".aw-bot[data-kind]")
    answer.wait_for()
    assert field.input_value() == ""
    assert "tự nguyện" in tab.locator(".aw-log").inner_text()
    assert "năm 2020.\nĐóng tự nguyện" in tab.locator(".aw-you").inner_text()  # shown in the lines it was typed in
    assert answer.get_attribute("lang") == "vi"
    assert_no_horizontal_scroll(tab)


@pytest.mark.django_db(transaction=True)
def test_a_two_case_answer_shows_each_case_on_lines_of_its_own_on_a_phone(phone_page, monkeypatch):
    from ansinh.assistant import answerer

    # unsure of one passage, sure of one of the first two (the live server runs in this process)
    monkeypatch.setattr(answerer, "THRESHOLD", 1.0)
    monkeypatch.setattr(answerer, "EITHER_THRESHOLD", 0.0)
    tab = phone_page
    tab.goto(tab.base_url + "/")
    field = open_the_assistant(tab)
    field.fill("Vợ sinh con thì chồng có được nhận trợ cấp một lần không?")
    field.press("Enter")
    answer = tab.locator(".aw-bot[data-kind='policy']")
    answer.wait_for()
    assert answer.locator("p").first.inner_text().startswith("Tùy trường hợp")
    cases = answer.locator("p.aw-case")  # each case's title, a paragraph of its own above what its rule says
    assert cases.count() == 2 and cases.nth(0).inner_text().startswith("1. ") and cases.nth(1).inner_text()[:3] == "2. "
    assert answer.locator(".aw-callback").is_visible()  # a visitor is asked to log in for a call back
    cited = answer.locator(".aw-cite").inner_text()
    assert all(title.inner_text()[3:] in cited for title in (cases.nth(0), cases.nth(1)))  # both cited
    assert_no_horizontal_scroll(tab)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(Path(SHOTS) / "assistant-two-cases-phone.png"))
