"""Answers are the sentences that answer the question, from whichever retrieved passage holds them."""

import pytest


def test_the_amount_of_a_one_off_withdrawal_is_answered_not_its_conditions(ask, answering_always):
    answer = ask("Rút BHXH một lần được bao nhiêu tiền?", "vi")
    assert answer.kind == "policy"
    assert answer.answer.startswith("Mức hưởng bảo hiểm xã hội một lần")
    assert "1,5 tháng" in answer.answer
    assert "oneoff.amount" in answer.passage_ids


def test_the_years_needed_for_a_pension_are_answered_with_the_figure(ask, answering_always):
    answer = ask("Đóng BHXH bao nhiêu năm thì được hưởng lương hưu?", "vi")
    assert "15 năm" in answer.answer.split(".")[0]
    # the general conditions, or the voluntary scheme's (the same 15 years, compulsory time counted in)
    assert answer.passage_ids[0] in ("pension.conditions", "vsi.pension_conditions")


def test_a_question_about_the_rule_is_answered_from_the_knowledge_base_not_a_calculator(ask):
    answer = ask("Tỷ lệ lương hưu tối đa là bao nhiêu?", "vi")
    assert answer.kind == "policy"
    assert "75%" in answer.answer
    assert answer.missing == []


def test_every_passage_a_sentence_came_from_is_cited(ask):
    answer = ask("bhxh tn dong toi da bao nhieu", "vi")
    assert "10.296.000 đồng" in answer.answer or "nhiều nhất" in answer.answer
    assert answer.passage_ids[0] == "vsi.rate"
    assert [c["passage_id"] for c in answer.citations] == answer.passage_ids


@pytest.mark.parametrize(
    "question, words",
    [
        (
            "Tôi muốn biết lương hưu của tôi được bao nhiêu, tôi là nam sinh năm 1970, đóng 25 năm, lương 10 triệu",
            "pension",
        ),
        ("đóng bhxh tự nguyện thu nhập 3 triệu mỗi tháng bao nhiêu", "voluntary"),
        ("tính giúp lương hưu của tôi: nam, sinh 1968, đóng 30 năm, lương bình quân 9 triệu", "pension"),
        ("Lương 9 triệu thì có phải đóng BHXH bao nhiêu một tháng?", "compulsory"),
    ],
)
def test_a_question_with_the_persons_own_numbers_still_goes_to_the_calculator(db, question, words):
    from ansinh.assistant import calculators

    assert calculators.recognise(question) == words


@pytest.mark.parametrize(
    "question",
    [
        "Nghỉ ốm 5 ngày, lương đóng BHXH 8 triệu thì được trả bao nhiêu?",
        "Vợ tôi sinh con, lương đóng bảo hiểm 7tr thì được hưởng thai sản bao nhiêu?",
        "My wife gave birth and only I pay social insurance on 7 million a month: what is the 2 months' grant?",
        "Bố tôi mất, thân nhân được hưởng tiền tuất bằng bao nhiêu tháng lương hưu của bố?",
        "Bà tôi 76 tuổi, trợ cấp hưu trí xã hội được bao nhiêu một tháng?",
        "Tôi 50 tuổi, phải đóng thêm bao nhiêu năm nữa thì được lương hưu?",
        # a share asked for, whatever the story's figures
        "Tôi đóng đủ 25 năm thì lương hưu của tôi được bao nhiêu % mức bình quân?",
        # which pay items count, not what they cost
        "Lương trên hợp đồng của tôi 6 triệu cộng phụ cấp ăn trưa, công ty đóng BHXH trên khoản nào?",
        # money coming back is a withdrawal, not a contribution
        "Tôi đóng tự nguyện mức 4 triệu được 2 năm, nay dừng thì được nhận lại bao nhiêu?",
        # folded, "tỉnh" is "tính" and "mẹ" is "me": neither asks to compute anything for the asker
        "Bố mẹ tôi là cán bộ hưu trí ở tỉnh Nghệ An, muốn chuyển lương hưu về Hà Nội thì làm thế nào?",
        "Tính đến nay tôi đã đóng 30 năm, muốn nghỉ hưu sớm và hưởng lương hưu có được không?",
        "My grandmother is 82 and has no pension; how much monthly allowance can she get?",
        # one who draws no pension asks about another benefit
        "Mẹ tôi 82 tuổi, không hưởng lương hưu, khi mất thì gia đình được nhận trợ cấp mai táng bao nhiêu?",
        "Bố tôi chưa nhận lương hưu thì được nhận trợ cấp bao nhiêu?",
        "My father is 85 and not on a pension; how much allowance does the state pay him?",
        # the contribution asked for, not the pension it leads to
        "I'm 48 and work freelance: how much do I pay each month in voluntary insurance to get a pension later?",
        # who still buys decides the household's price
        "Nhà tôi 5 người, vợ tôi đã có thẻ của công ty, mua BHYT hộ gia đình cho những người còn lại hết bao nhiêu?",
        # whether one must pay, how to get insured, whether an amount received is right: the rule answers
        "Làm ca 4 giờ một ngày, lương 450.000 đồng một tuần, ký hợp đồng dài hạn thì có phải đóng BHXH bắt buộc không?",
        "Lương tôi 6.750.000 đồng một tháng mà công ty chưa đóng bảo hiểm, tôi phải làm thế nào để được đóng BHXH?",
        "Em tôi đóng BHXH tự nguyện 4 năm 6 tháng rồi mất, nhà tôi lãnh tiền tử tuất 58.707.716 đồng có đúng không?",
        "My salary is 9 million a month; do I have to pay social insurance on a 2-month contract?",
        # whether a lower base is allowed, or the employer's base breaks the law
        "Lương tôi 8 triệu đồng một tháng, muốn công ty đóng BHXH theo lương tối thiểu vùng thì có được không?",
        "luong co ban 15tr + phu cap xang, nha o, cty chi dong bhxh tren luong co ban co sai ko",
        "Công ty chỉ đóng BHXH trên lương cơ bản 15 triệu, không tính phụ cấp, có vi phạm quy định không?",
        "My salary is VND 8 million; is it possible for my company to pay insurance on the regional minimum wage?",
    ],
)
def test_a_question_about_a_benefit_or_the_rule_behind_a_pension_is_no_calculation(db, question):
    from ansinh.assistant import calculators

    assert calculators.recognise(question) is None


@pytest.mark.parametrize(
    "question",
    [
        "Tôi đã đóng bảo hiểm được 18 năm, nay ra nước ngoài định cư thì có rút một lần được không?",
        "Vợ tôi đã đóng BHXH được 12 năm, nay bị bệnh nặng thì có được rút một lần không?",
    ],
)
def test_a_story_that_states_its_years_asks_the_rules_not_a_record(question):
    from ansinh.assistant import personal

    assert personal.intent(question) is None


@pytest.mark.parametrize(
    "question, kind",
    [
        ("Hồ sơ của tôi đến đâu rồi?", "dossier"),
        ("Is my application processed yet?", "dossier"),
        ("I've sent my application for maternity benefit; which documents do I still need?", None),
        ("Thẻ BHYT của mẹ tôi còn hạn không?", "someone_else"),
        ("Giấy ủy quyền mẹ tôi ký cho tôi đã hết hạn, làm lại ở đâu?", None),
    ],
)
def test_a_record_look_up_needs_words_that_ask_for_the_record(question, kind):
    from ansinh.assistant import personal

    assert personal.intent(question) == kind


@pytest.mark.parametrize(
    "question",
    [
        "Người đang hưởng trợ cấp hưu trí xã hội qua đời thì người lo mai táng có được nhận mai táng phí không?",
        "nguoi huong tro cap huu tri xa hoi mat thi nha co dc tien mai tang ko, bn tien",
    ],
)
def test_a_social_pension_recipients_funeral_is_answered_with_the_social_pensions_support(
    ask, answering_always, question
):
    """Whichever of the two funeral passages comes first, the answer gives the social pension's support (10 million),
    not only the insured's funeral grant (10 times the reference level)."""
    answer = ask(question, "vi")
    assert answer.kind == "policy"
    assert "10.000.000 đồng" in answer.answer
    assert {"survivor.funeral", "social_pension.funeral"} & set(answer.passage_ids)


def test_a_message_that_asks_two_things_gets_each_answered_and_cited(ask, answering_always):
    answer = ask(
        "Người đã đủ tuổi nghỉ hưu mà còn thiếu vài năm đóng thì có được đóng một lần cho đủ không? "
        "Đóng bảo hiểm xã hội tự nguyện bao nhiêu phần trăm thu nhập?",
        "vi",
    )
    assert answer.passage_ids[:2] == ["vsi.age_limit", "vsi.rate"]
    first, further = answer.answer.split("\n")
    assert "không quá 5 năm" in first and "22%" in further
    assert [c["passage_id"] for c in answer.citations] == answer.passage_ids


def test_only_questions_of_their_own_count_as_further_questions():
    from ansinh.assistant.answerer import _further_questions

    assert _further_questions("Nghỉ ốm được hưởng bao nhiêu phần trăm lương? Thủ tục ra sao?") == []
    assert _further_questions("Sinh con được nghỉ mấy tháng? Trợ cấp một lần khi sinh con là bao nhiêu tiền?") == [
        "Sinh con được nghỉ mấy tháng?",
        "Trợ cấp một lần khi sinh con là bao nhiêu tiền?",
    ]
