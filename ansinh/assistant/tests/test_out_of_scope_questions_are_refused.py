from django.conf import settings


def test_it_says_it_does_not_know_the_weather_and_gives_the_hotline(ask):
    answer = ask("Thời tiết Hà Tĩnh ngày mai thế nào?", "vi")
    assert answer.kind == "unknown"
    assert answer.citations == []
    assert settings.AGENCY_HOTLINE in answer.answer


def test_it_refuses_a_cooking_question_in_english(ask):
    assert ask("Recommend a good restaurant near me", "en").kind == "unknown"


def test_it_points_a_signed_in_citizen_to_the_office_of_their_area(ask, citizen_with_person):
    account, person = citizen_with_person
    answer = ask("Cách nấu phở bò ngon", "vi", account)
    assert answer.kind == "unknown"
    assert "Bảo hiểm xã hội" in answer.answer
