"""A question means the same with or without diacritics, in chat shorthand or with a slip of the keyboard."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansinh.assistant import index, retrieval, textnorm

QUESTIONS = [
    "Đóng bảo hiểm xã hội tự nguyện bao nhiêu phần trăm?",
    "Đóng bảo hiểm xã hội bao nhiêu năm thì được hưởng lương hưu?",
    "Rút bảo hiểm xã hội một lần được bao nhiêu tiền?",
    "Tỷ lệ lương hưu tối đa là bao nhiêu?",
    "Thẻ bảo hiểm y tế hộ gia đình đóng bao nhiêu một năm?",
    "Nghỉ việc thì được hưởng trợ cấp thất nghiệp bao lâu?",
    "Tuổi nghỉ hưu của nữ năm nay là bao nhiêu?",
    "Sinh con được nghỉ thai sản mấy tháng?",
]


def _same(a, b) -> bool:
    return (a.kind, a.answer, a.passage_ids) == (b.kind, b.answer, b.passage_ids)


@pytest.mark.parametrize("question", QUESTIONS)
def test_the_answer_is_the_same_with_or_without_diacritics(ask, question):
    assert _same(ask(question, "vi"), ask(textnorm.fold(question), "vi"))


@pytest.mark.parametrize("question", QUESTIONS)
def test_the_answer_is_the_same_when_the_question_mark_is_left_out_too(ask, question):
    """Typed without diacritics, a question often ends without its "?" as well."""
    assert question.endswith("?")
    assert _same(ask(question, "vi"), ask(textnorm.fold(question).rstrip("?"), "vi"))
    assert index.current().canonical(question) == index.current().canonical(question.rstrip("?") + " .")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(question=st.sampled_from(QUESTIONS), drop=st.lists(st.booleans(), min_size=20, max_size=20))
def test_the_answer_is_the_same_when_only_some_words_lose_their_diacritics(ask, question, drop):
    words = question.split()
    mixed = " ".join(textnorm.fold(w) if drop[i % len(drop)] else w for i, w in enumerate(words))
    assert _same(ask(question, "vi"), ask(mixed, "vi"))


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("dong bhxh tu nguyen bao nhieu phan tram", "đóng bhxh tự nguyện bao nhiêu phần trăm"),
        ("bao nhieu nam thi duoc nhan luong huu", "bao nhiêu năm thì được nhận lương hưu"),
        ("bhxh tn dong toi da bao nhieu", "bhxh tự nguyện đóng tối đa bao nhiêu"),
        ("bh tn dc huong bn thang", "bảo hiểm thất nghiệp được hưởng bao nhiêu tháng"),
        ("the bhyt hgd ko dong dc ko", "thẻ bhyt hộ gia đình không đóng được không"),
        ("rut bhxh mot lann", "rút bhxh một lần"),
    ],
)
def test_diacritics_shorthand_and_typos_are_restored_from_the_knowledge_base(db, typed, meant):
    assert index.current().canonical(typed) == meant


def test_english_questions_are_left_as_written(db):
    question = "Is my health insurance card still valid?"
    assert index.current().canonical(question) == question


def test_an_unaccented_question_finds_the_same_passage_as_the_accented_one(db):
    built = index.current()
    for question in QUESTIONS:
        accented = [h.pid for h in retrieval.search(built, question)]
        assert [h.pid for h in retrieval.search(built, textnorm.fold(question))] == accented


# The figure each asks for: the rate, the least a month (22 % of the rural poverty line), the most a month.
@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("dong bhxh tu nguyen bao nhieu phan tram", "22%"),
        ("dong bhxh tu nguyen thap nhat bao nhieu", "330.000 đồng"),
        ("đóng bhxh tự nguyện thấp nhất bao nhiêu", "330.000 đồng"),
        ("bhxh tn dong toi da bao nhieu", "10.296.000 đồng"),
    ],
)
def test_how_much_voluntary_si_costs_is_answered_in_chat_shorthand(ask, question, figure):
    answer = ask(question, "vi")
    assert answer.kind == "policy" and answer.passage_ids[0] == "vsi.rate"
    assert figure in answer.answer


def test_the_restorer_learns_citizens_spellings_and_pairs_besides_the_passages():
    passages = ["Bảo hiểm xã hội một lần.", "Hội đồng xét duyệt."]
    plain = textnorm.Restorer(passages, [])
    learnt = textnorm.Restorer(passages, [], textnorm.count_wording(["Cho tôi hỏi, sức khỏe tôi không được tốt."]))
    assert plain.canonical("cho toi hoi") != "cho tôi hỏi"
    assert learnt.canonical("cho toi hoi") == "cho tôi hỏi"
    assert learnt.canonical("bao hiem xa hoi mot lan") == "bảo hiểm xã hội một lần"  # the passages' pairs still hold
    assert learnt.canonical("suc khoe khong duoc tot") == "sức khỏe không được tốt"


def test_citizens_wording_does_not_make_an_english_question_vietnamese():
    learnt = textnorm.Restorer(
        ["Bảo hiểm xã hội."], ["Social insurance online."], textnorm.count_wording(["Tôi tra cứu online."])
    )
    assert learnt.canonical("Can I check it online?") == "Can I check it online?"


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("chau xin hoi suc khoe toi khong duoc tot", "cháu xin hỏi sức khỏe tôi không được tốt"),
        ("nhung toi da nghi viec tai cong ty cu", "nhưng tôi đã nghỉ việc tại công ty cũ"),
        ("xin cam on luat su", "xin cảm ơn luật sư"),
    ],
)
def test_citizens_everyday_words_are_restored_with_the_shipped_wording(db, typed, meant):
    """Words the passages never use, as letters write them (learnt from the tuning part's letters)."""
    assert index.current().canonical(typed) == meant
    assert index.current().canonical(meant) == meant
    assert index.restorer(index.current().passages, {"forms": {}, "pairs": []}).canonical(typed) != meant
