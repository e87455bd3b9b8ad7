"""A signed-in citizen asks about their own dossier, gaps, card and pension, in Vietnamese or English."""

import datetime as dt
import unicodedata

import pytest

from ansinh.assistant import letters, personal
from ansinh.assistant.pension_calc import recorded_periods
from ansinh.testing import factories


def test_the_citizens_own_dossier_is_found_by_its_receipt_code(ask, citizen_with_person):
    from ansinh.procedures.tests.helpers import file_online

    account, person = citizen_with_person
    dossier = file_online(person)
    answer = ask(f"Hồ sơ {dossier.receipt_code} của tôi đến đâu rồi?", "vi", account)
    assert answer.kind == "personal" and not answer.refused
    assert dossier.receipt_code in answer.answer


def test_a_receipt_code_of_someone_else_is_not_found(ask, citizen_with_person):
    from ansinh.procedures.tests.helpers import file_online

    account, _person = citizen_with_person
    other = factories.person(full_name="Lê Thị Hoa", sex="female", birth_date=dt.date(1990, 3, 1))
    dossier = file_online(other)
    answer = ask(f"Where is my dossier {dossier.receipt_code}?", "en", account)
    assert answer.kind == "personal"
    assert "No dossier of yours" in answer.answer


def test_gaps_in_the_contribution_record_are_named(ask, citizen_with_person):
    account, person = citizen_with_person
    factories.spell(person, factories.employer(), dt.date(2018, 1, 1), dt.date(2019, 6, 30))
    factories.spell(
        person, factories.employer(name="Công ty CP Dệt Hà Tĩnh"), dt.date(2020, 1, 1), dt.date(2020, 12, 31)
    )
    answer = ask("Quá trình đóng BHXH của tôi có bị gián đoạn không?", "en", account)  # answered in its language
    assert answer.kind == "personal" and not answer.refused
    assert "1 khoảng gián đoạn" in answer.answer and "2019-07 đến 2019-12" in answer.answer


def test_a_continuous_record_is_said_to_be_continuous(ask, citizen_with_person):
    account, person = citizen_with_person
    factories.spell(person, factories.employer(), dt.date(2018, 1, 1), dt.date(2019, 6, 30))
    answer = ask("Are there any gaps in my contributions?", "en", account)
    assert "continuous" in answer.answer


@pytest.mark.parametrize("question", ["Is my health insurance card still valid?", "the bhyt cua toi con han ko"])
def test_card_validity_is_recognised_in_both_languages(question):
    assert personal.intent(question) == "card"


def test_the_gap_finder_reports_every_missing_run():
    assert personal.gap_months(["2020-01", "2020-02", "2020-05", "2020-07"]) == [
        ("2020-03", "2020-04"),
        ("2020-06", "2020-06"),
    ]


def test_the_pension_estimate_uses_the_signed_in_persons_own_record(ask, citizen_with_person):
    account, person = citizen_with_person
    factories.spell(person, factories.employer(), dt.date(2000, 1, 1), dt.date(2019, 12, 31), salary=8_000_000)
    answer = ask("Lương hưu của tôi sau này được bao nhiêu?", "en", account)  # answered in its language
    assert answer.kind == "calculator" and not answer.missing
    assert "Theo quá trình đóng của chính bạn" in answer.answer
    assert answer.inputs["periods"][0]["from"] == "2000-01"


def test_recorded_months_become_runs_of_the_same_salary():
    rows = [
        {"period": p, "salary": s, "kind": "compulsory"}
        for p, s in [("2020-01", 5), ("2020-02", 5), ("2020-03", 6), ("2020-05", 6)]
    ]
    assert recorded_periods(rows) == [
        {"from": "2020-01", "to": "2020-02", "monthly_salary": 5, "scheme": "compulsory"},
        {"from": "2020-03", "to": "2020-03", "monthly_salary": 6, "scheme": "compulsory"},
        {"from": "2020-05", "to": "2020-05", "monthly_salary": 6, "scheme": "compulsory"},
    ]


@pytest.mark.parametrize(
    "question",
    [
        "My father died with pension months unpaid. Can we claim them?",
        "Bố tôi đã mất, còn mấy tháng lương hưu chưa lĩnh thì ai được nhận?",
        "me toi qua doi con thang luong huu chua linh thi sao",
    ],
)
def test_a_question_about_a_relative_who_died_asks_the_rules_not_a_record(question):
    assert personal.intent(question) is None


def test_the_own_unpaid_months_are_still_a_personal_question():
    assert personal.intent("Are there unpaid months in my record?") == "unpaid"
    assert personal.intent("Công ty có đóng cho tôi không, tháng nào chưa đóng?") == "unpaid"


@pytest.mark.parametrize(
    "question",
    [
        "Thử việc bao lâu thì được đóng bảo hiểm? Em làm 5 tháng rồi mà chưa được đóng bảo hiểm.",
        "Tôi chưa được đóng bảo hiểm 3 tháng nay, phải làm thế nào?",
    ],
)
def test_months_not_paid_in_a_story_that_asks_for_a_rule_or_a_procedure_are_no_record_look_up(question):
    assert personal.intent(question) is None


@pytest.mark.parametrize(
    "question",
    [
        "Mức lương tối đa đóng bảo hiểm xã hội là bao nhiêu?",  # folded, "tối đa đóng" reads as "tôi đã đóng"
        "muc luong toi da dong bao hiem that nghiep la bao nhieu",
        unicodedata.normalize("NFD", "Tối đa đóng bảo hiểm xã hội trên mức lương nào?"),  # as some phones send it
        "Thẻ BHYT hết hạn mấy ngày rồi mới gia hạn thì có bị tính gián đoạn không?",
        "How can I check the status of my application?",
    ],
)
def test_a_rule_or_a_procedure_worded_like_a_record_look_up_is_no_look_up(question):
    assert personal.intent(question) is None


def test_the_own_years_and_gaps_are_still_personal_questions():
    assert personal.intent("Tôi đã đóng BHXH được bao nhiêu năm rồi?") == "years"
    assert personal.intent("toi da dong bhxh duoc bao lau roi") == "years"
    assert personal.intent("Quá trình đóng BHXH của tôi có bị gián đoạn không?") == "gaps"


@pytest.mark.parametrize(
    "question",
    [
        # whether one is entitled to a benefit, with gaps in the story
        "Tôi đóng bảo hiểm xã hội không liên tục và sắp sinh con, tôi có được hưởng chế độ thai sản không? Tôi tham "
        "gia bảo hiểm xã hội từ tháng 5/2018 đến tháng 10/2021, có gián đoạn tháng 8, 9, 10.",
        "dong bhxh 5/2018-10/2021 co gian doan thang 8,9,10, du sinh 10/3/2022, co dc huong thai san ko",
        "I pay social insurance intermittently and am about to give birth, will I receive maternity benefits?",
        # a worker the asker employs
        "An employee quit and the company completed the procedure from March. Is that employee's health insurance "
        "card still valid?",
        # how not to have a gap
        "Công ty không đóng cho tôi 4 tháng nghỉ không lương. Tôi muốn đóng tự nguyện để không bị gián đoạn thời "
        "gian tham gia thì có được không?",
        # whether a gap still counts
        "bhyt bi gian doan 3 thang thi co dc tinh la tham gia lien tuc nua ko",
        "If my health insurance was interrupted for two months, does it still count as five continuous years?",
        # the company owes wages, not the record's months
        "t lam tu 5/2022 den 9/2023 ma cty chi dong bhxh den 9/2022 du van tru luong, con no luong, co chot so dc ko",
        # a pensioner who has died
        "Bố tôi đang hưởng lương hưu thì mất do bệnh. Bố tôi nhận lương hưu 3 triệu mỗi tháng, gia đình được gì?",
        # whether one may withdraw, after a story; "tới" folds to "toi": "không tính tới nhận lương hưu" is not "tôi
        # nhận lương hưu"
        "Tôi đóng BHXH tự nguyện từ năm 2013 tới bây giờ không muốn tham gia nữa thì có thể xin rút tiền 1 lần không, "
        "vì tôi không tính tới nhận lương hưu.",
        "toi dong bhxh tu nguyen tu nam 2013, khong tinh toi nhan luong huu, co duoc rut 1 lan khong",
        # whether a benefit is still paid after a break
        "If my contributions are interrupted, will I still get this benefit?",
        # whether one who never paid may join now
        "Tôi lao động tự do, năm nay 50 tuổi, chưa được đóng BHXH, giờ muốn đăng ký tham gia có được không?",
        "t chua dc dong bhxh bao gio, gio dang ky dong tu nguyen dc ko",
    ],
)
def test_a_rule_asked_for_a_case_whose_story_tells_gaps_debts_or_a_card_is_no_record_look_up(question):
    assert personal.intent(question) is None


def test_the_own_debts_and_card_are_still_personal_questions():
    assert personal.intent("Công ty còn nợ BHXH của tôi mấy tháng?") == "unpaid"
    assert personal.intent("Thẻ BHYT của tôi còn hạn không?") == "card"


def test_a_funeral_grant_asked_after_a_story_of_a_death_is_no_look_up():
    letter = (
        "Bố tôi đã nghỉ hưu và đang hưởng lương hưu thì mất do bệnh. Vậy người thân có được nhận trợ cấp mai táng "
        "không? Bố tôi nhận lương hưu 3 triệu mỗi tháng. Hiện gia đình tôi đang khó khăn nên mong anh chị hỗ trợ."
    )
    assert personal.intent(letters.asking_part(letter) or letter) is None  # the letter's asking part, as answered


def test_whether_the_own_pension_was_received_is_still_a_look_up():
    # "có được nhận … chưa" asks what happened, not whether one is entitled
    assert personal.intent("Tôi đã nhận lương hưu tháng này chưa?") == "payment"


def test_the_own_pension_received_is_still_a_look_up_when_folded():
    assert personal.intent("thang nay toi nhan luong huu chua") == "payment"
    assert personal.intent("Tôi có thể xin xem quá trình đóng của tôi không?") == "years"


def test_a_story_that_folds_into_a_look_up_phrase_asks_a_rule():
    for question in (
        # "đóng cửa" (closed down) folds as "đóng của" does: "của tôi đã đóng cửa" is no "tôi đã đóng"
        "Hiện nay công ty cũ của tôi đã đóng cửa. Không biết tôi phải làm gì để chốt được sổ bảo hiểm?",
        "hien nay cong ty cu cua toi da dong cua. khong biet toi phai lam gi de chot duoc so bao hiem?",
        "Can I pay voluntary social insurance so my record isn't interrupted?",
        "Thời gian công ty đã mua trùng với thời gian tôi đã đóng thì tôi được hoàn lại tiền không?",
    ):
        assert personal.intent(question) is None, question
    assert personal.intent("Quá trình đóng của tôi có bị gián đoạn không?") == "gaps"
    assert personal.intent("toi da dong bhxh duoc bao lau roi") == "years"
