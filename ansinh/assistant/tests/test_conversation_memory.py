"""A follow-up in the same chat keeps the topic and the facts already given; a chat is its owner's only."""

import pytest

from ansinh.assistant import memory, services


@pytest.mark.parametrize(
    "question",
    ["Còn nếu thuộc hộ nghèo thì sao?", "con neu ho ngheo thi sao", "What about region I?", "Thế còn vùng 1?"],
)
def test_short_questions_that_lean_on_the_previous_one_are_follow_ups(question):
    assert memory.is_follow_up(question)


@pytest.mark.parametrize(
    "question",
    [
        "Đóng bảo hiểm xã hội tự nguyện mức thấp nhất là bao nhiêu?",
        "How many years of contributions do I need for a pension?",
    ],
)
def test_a_full_question_starts_a_new_topic(question):
    assert not memory.is_follow_up(question)


def test_a_follow_up_keeps_the_topic_of_the_chat(db):
    first, exchange = services.ask("Đóng bảo hiểm xã hội tự nguyện bao nhiêu một tháng?", "vi", None)
    assert first.passage_ids[0].startswith("vsi.")
    follow, second = services.ask("Còn nếu thuộc hộ nghèo thì sao?", "vi", None, exchange.conversation)
    assert second.conversation == exchange.conversation
    assert follow.kind == "policy" and {"vsi.support", "vsi.poor_household_price"} & set(follow.passage_ids)
    assert "hộ nghèo" in follow.answer


def test_a_follow_up_keeps_the_facts_already_given_to_a_calculator(db):
    first, exchange = services.ask("Đóng BHXH tự nguyện thu nhập 3 triệu thì mỗi tháng bao nhiêu?", "vi", None)
    assert first.kind == "calculator" and first.inputs["support_group"] == "other"
    follow, _ = services.ask("Còn nếu thuộc hộ nghèo thì sao?", "vi", None, exchange.conversation)
    assert follow.kind == "calculator"
    assert follow.inputs["income"] == 3_000_000 and follow.inputs["support_group"] == "poor"


def test_without_the_chat_id_a_follow_up_stands_alone(db):
    services.ask("Đóng bảo hiểm xã hội tự nguyện bao nhiêu một tháng?", "vi", None)
    _, second = services.ask("Còn nếu thuộc hộ nghèo thì sao?", "vi", None)
    assert second.understood_as == "Còn nếu thuộc hộ nghèo thì sao?"


def test_a_signed_in_persons_chat_is_not_continued_by_someone_else(db, citizen_with_person):
    account, _person = citizen_with_person
    _, exchange = services.ask("Đóng bảo hiểm xã hội tự nguyện bao nhiêu một tháng?", "vi", account)
    _, stranger = services.ask("Còn nếu thuộc hộ nghèo thì sao?", "vi", None, exchange.conversation)
    assert stranger.conversation != exchange.conversation
    assert stranger.understood_as == "Còn nếu thuộc hộ nghèo thì sao?"
