import pytest

from ansinh.testing.fixtures import assert_no_horizontal_scroll


@pytest.mark.django_db(transaction=True)
def test_the_widget_answers_a_question_on_a_phone(phone_page):
    tab = phone_page
    tab.goto(tab.base_url + "/")
    tab.get_by_role(
        "button", name="Hỏi trợ lý ảo", exact=True
    ).click()  # the corner button (the landing page has a tile too)
    field = tab.get_by_label("Câu hỏi của bạn")
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
