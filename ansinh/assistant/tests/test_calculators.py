import json

from django.utils import translation

from ansinh.assistant import calculators, index, parsing, pension_calc, retrieval
from ansinh.assistant.formatting import vnd
from ansinh.assistant.textnorm import fold
from ansinh.contributions import services as contributions


def test_it_reads_vietnamese_money_expressions():
    assert parsing.money("thu nhập 3 triệu") == 3_000_000
    assert parsing.money("1,5 triệu") == 1_500_000
    assert parsing.money("3.000.000đ") == 3_000_000
    assert parsing.money("đóng 3tr") == 3_000_000
    assert parsing.money("12,000,000 VND") == 12_000_000
    assert parsing.money("đóng 12 tháng") is None


def test_the_voluntary_answer_through_the_api_equals_the_quote_service(client, db):
    response = client.post(
        "/api/v1/assistant/ask",
        json.dumps({"question": "đóng bhxh tự nguyện mức thu nhập 3 triệu thì mỗi tháng bao nhiêu?", "lang": "vi"}),
        content_type="application/json",
    )
    body = response.json()
    assert response.status_code == 200 and body["kind"] == "calculator"
    period = body["answer"]  # the answer names the due date; the quote is for the current month
    from ansinh.assistant.calculators import _period

    quote = contributions.quote(
        {"scheme": "voluntary", "period": _period(), "income": 3_000_000, "support_group": "other", "months": 1}
    )
    with translation.override("vi"):
        assert vnd(quote["by_payer"]["participant"]) in period
        assert vnd(quote["total"]) in period
    assert body["citations"][0]["passage_id"] == "vsi.rate"


def test_a_compulsory_question_without_a_region_asks_for_it(ask):
    answer = ask("lương 10 triệu thì đóng bảo hiểm bao nhiêu?", "vi")
    assert answer.kind == "calculator"
    assert answer.missing == ["region"]


def test_how_much_will_my_pension_be_asks_for_what_is_missing(ask):
    answer = ask("how much will my pension be?", "en")
    assert answer.kind == "calculator"
    assert set(answer.missing) == {"sex", "birth_date", "years", "average_salary"}


def test_a_complete_pension_question_is_answered_by_the_pension_quote(ask):
    from ansinh.benefits import services as benefits

    answer = ask(
        "I am a woman born in 1975, 25 years of contributions, average salary 8 million: how much will my pension be?",
        "en",
    )
    assert answer.kind == "calculator" and not answer.missing
    expected = benefits.pension_quote(answer.inputs)
    with translation.override("en"):
        assert vnd(expected["monthly_pension"]) in answer.answer


def test_a_letter_that_quotes_a_salary_but_asks_about_sick_pay_is_no_contribution_calculation(ask):
    letter = (
        "Tôi làm công nhân ở Bình Dương, lương tháng 7 triệu đồng, đã đóng bảo hiểm xã hội được 4 năm. Tháng trước "
        "tôi bị sốt xuất huyết phải nằm viện 5 ngày. Cho tôi hỏi tôi được hưởng chế độ ốm đau như thế nào?"
    )
    # routed to the knowledge base (answered, or declined with suggestions when the confidence is low), whose first
    # passage is a sickness rule
    assert ask(letter, "vi").kind in ("policy", "unknown")
    assert retrieval.search(index.current(), letter)[0].pid in (
        "sickness.benefit",
        "sickness.conditions",
        "proc.sickness",
    )


def test_a_letter_that_asks_what_its_salary_costs_in_contributions_is_calculated(ask):
    letter = (
        "Lương của tôi 10 triệu, vùng I. Công ty tôi ở Hà Nội, tôi mới vào làm được hai tháng và công ty vừa ký hợp "
        "đồng một năm. Vậy mỗi tháng tôi phải đóng bảo hiểm xã hội bao nhiêu tiền?"
    )
    answer = ask(letter, "vi")
    assert answer.kind == "calculator" and not answer.missing
    assert answer.inputs["salary"] == 10_000_000 and answer.inputs["region"] == "I"


def test_a_letter_that_the_knowledge_base_is_sure_asks_another_rule_gets_that_rule(ask):
    letter = (
        "Tôi làm việc tại cơ quan nhà nước, đã tham gia bảo hiểm xã hội được 27 năm. Gần đây, tôi thấy rất áp lực với "
        "công việc, sức khỏe bị ảnh hưởng nghiêm trọng. Tôi muốn nghỉ hưu trước tuổi thì có được hưởng lương hưu hay "
        "không, mức lương hưởng là bao nhiêu"
    )
    assert calculators.recognise(letter) == "pension"  # "lương hưu … bao nhiêu" with years told
    answer = ask(letter, "vi")
    assert answer.kind == "policy"
    assert answer.passage_ids[0] in ("pension.reduced_capacity", "pension.early")


def test_a_short_sum_with_all_its_inputs_is_computed_whatever_the_knowledge_base_prefers(ask):
    question = "lương 10 triệu vùng III thì đóng bảo hiểm bắt buộc bao nhiêu?"
    hits = retrieval.search(index.current(), question)
    assert hits[0].pid != "contrib.rates"  # the knowledge base reads the region's minimum wage
    answer = ask(question, "vi")
    assert answer.kind == "calculator" and not answer.missing
    assert answer.inputs["salary"] == 10_000_000 and answer.inputs["region"] == "III"


def test_a_letter_whose_first_passage_is_another_rule_is_no_calculation(ask):
    letter = (
        "Tôi ký hợp đồng lao động với mức lương chính 10,5 triệu đồng. Tôi tình cờ tra cứu thì biết từ 9/2014 công ty "
        "chỉ đóng bảo hiểm với mức đóng là 5,4 triệu đồng. Vậy công ty tự ý hạ mức đóng bảo hiểm xã hội của tôi từ "
        "10,5 triệu xuống 5,4 triệu như vậy có đúng quy định không, mỗi tháng phải đóng bao nhiêu mới đúng?"
    )
    assert calculators.recognise(letter) == "compulsory"
    first = retrieval.search(index.current(), letter)[0].pid
    assert first != "contrib.rates"
    answer = ask(letter, "vi")
    assert answer.kind in ("policy", "unknown")  # answered from, or declined by, the knowledge base


def test_a_contribution_told_to_ask_the_pension_it_gives_is_no_contribution_calculation(ask):
    letter = (
        "Mẹ tôi làm công nhân từ năm 1990 đến năm 2001 rồi nghỉ việc. Nay mẹ tôi 53 tuổi, muốn đóng bảo hiểm xã hội tự "
        "nguyện để có lương hưu. Nếu mẹ tôi chọn mức đóng 3 triệu đồng mỗi tháng thì sau này lương hưu hằng tháng "
        "được bao nhiêu?"
    )
    assert calculators.recognise(letter) == "voluntary"  # an amount and voluntary insurance
    assert calculators.pension_amount_asked(letter)
    assert ask(letter, "vi").kind in ("policy", "unknown")
    # what is paid is still computed, with or without the pension as the aim
    for question in (
        "muốn có lương hưu thì đóng tự nguyện mức 3 triệu phải đóng bao nhiêu",
        "đóng bhxh tự nguyện 3 triệu thì mỗi tháng đóng bao nhiêu",
    ):
        assert not calculators.pension_amount_asked(question)
        assert ask(question, "vi").kind == "calculator"
    # what is asked is the pension or paying word nearest "bao nhiêu" / "how much", before or just after it
    for question in (
        "me dong tu nguyen muc 2tr/thang de co luong huu, sau nay dc bn tien 1 thang",
        "đóng tự nguyện 3 triệu thì sau này được bao nhiêu lương hưu",
        "If I pay 2 million a month voluntarily, how much pension will I get?",
    ):
        assert calculators.pension_amount_asked(question), question
    for question in (
        "Tôi sắp nghỉ hưu, lương 10 triệu thì công ty đóng bao nhiêu?",
        "mức 3 triệu thì đóng bao nhiêu để có lương hưu",
        "how much do I pay to get a pension with an income of 3 million",
    ):
        assert not calculators.pension_amount_asked(question), question


def test_a_count_of_ways_or_a_household_partly_insured_at_work_is_no_calculation():
    assert calculators.recognise("Hiện nay có bao nhiêu hình thức nhận lương hưu? Tôi sẽ nhận lương hưu ở đâu?") is None
    household = (
        "Gia đình tôi có 5 người, 2 người làm công nhân đã tham gia BHYT bắt buộc, vậy 3 người còn lại mua BHYT hộ gia "
        "đình thì được giảm bao nhiêu?"
    )
    assert calculators.recognise(household) is None  # the rule of the household discount answers it
    assert calculators.recognise("BHYT hộ gia đình 4 người thì đóng bao nhiêu?") == "family_hi"
    two_bases = "cty tinh bhxh tren luong thuc nhan 6.000.000 chu ko theo he so 2.34, vay tinh theo cai nao moi dung"
    assert calculators.recognise(two_bases) is None  # which base is right: a rule
    assert calculators.recognise("Tôi 58 tuổi, đóng BHXH 20 năm, lương 10 triệu thì lương hưu bao nhiêu?") == "pension"


def test_the_pension_estimate_reads_an_age_and_a_title_for_the_year_of_birth_and_the_sex(ask):
    from django.utils import timezone

    this_year = timezone.localdate().year
    letter = (
        "Bà Nguyễn Thị Lan hỏi: tôi năm nay 52 tuổi, đóng BHXH 25 năm, lương 8 triệu thì lương hưu của tôi bao nhiêu?"
    )
    answer = ask(letter, "vi")
    assert answer.kind == "calculator" and not answer.missing
    assert answer.inputs["sex"] == "female" and answer.inputs["birth_date"].startswith(str(this_year - 52))
    assert answer.inputs["periods"][0]["monthly_salary"] == 8_000_000
    answer = ask(
        "Mr. Hung, 58 years old: 30 years of contributions, average salary 12 million. How much is my pension?", "en"
    )
    assert answer.kind == "calculator" and not answer.missing
    assert answer.inputs["sex"] == "male" and answer.inputs["birth_date"].startswith(str(this_year - 58))
    assert parsing.years_count("Mr. Hung, 58 years old: 30 years of contributions") == 30  # an age is no years paid
    assert parsing.age("t nu 42t, dong bhxh tu 2006") == 42
    chat = "t nu 42t, dong bhxh 20 nam, luong binh quan 8tr, sau nay luong huu cua t bao nhieu"
    assert calculators.recognise(chat) == "pension"  # "t" is the asker
    assert not calculators._about_me("How much is the pension of a woman who hasn't paid 20 years?")  # no "t"
    # an address to the lawyer and a place named after a title tell nothing of the asker
    assert pension_calc._sex("Tôi ở Bà Rịa - Vũng Tàu, nhờ anh Luật sư tư vấn", None) is None
    assert parsing.age("đóng 15 năm, lương 5 triệu") is None
    assert parsing.age("dong bhxh dc 24t roi") is None  # 24 months


def test_a_salary_history_is_no_average_salary(ask):
    letter = (
        "Ms. Quy is 42 years old. She paid on 890,000 VND from 2006 to 2010, on 3,200,000 VND until 2020 and on 8 "
        "million since 2023. How much will her pension be?"
    )
    answer = ask(letter, "en")
    if answer.kind == "calculator":  # asked back for what the letter does not give, never computed on its first amount
        assert "average_salary" in answer.missing and "sex" not in answer.missing and "birth_date" not in answer.missing
    else:
        assert answer.kind in ("policy", "unknown"), answer.kind
    assert pension_calc._average_salary("lương 7 triệu, rồi 8 triệu, bình quân 7,5 triệu") == 7_500_000
    assert pension_calc._average_salary("lương 7 triệu") == 7_000_000


def test_a_yes_or_no_question_with_figures_in_its_story_is_no_calculation():
    household = (
        "Gia đình tôi có 4 người. Tôi tham gia bảo hiểm y tế ở cơ quan. Hai con tôi tham gia bảo hiểm y tế ở trường. "
        "Vậy nếu tôi mua bảo hiểm y tế hộ gia đình cho chồng ở phường thì có được giảm trừ không?"
    )
    assert calculators.recognise(household) is None
    assert calculators.recognise(fold(household)) is None
    assert (
        calculators.recognise("My family has 4 people; if I buy household health insurance, will it be discounted?")
        is None
    )
    minimum = (
        "Mẹ tôi đóng BHXH tự nguyện, bình quân thu nhập là 3.866.459 đồng. Mẹ tôi có được hưởng mức lương hưu thấp "
        "nhất bằng mức lương cơ sở hay lương hưu vẫn tính theo bình quân?"
    )
    assert calculators.recognise(minimum) is None
    # how much is still computed
    assert calculators.recognise("BHYT hộ gia đình 4 người thì đóng bao nhiêu?") == "family_hi"
    assert (
        calculators.recognise("đóng bhxh tự nguyện mức 3 triệu thì có được không, mỗi tháng bao nhiêu?") == "voluntary"
    )


def test_a_benefit_named_in_chat_shorthand_with_its_salary_is_no_contribution_calculation():
    # "tctn" is unemployment benefit and "nghỉ sinh" maternity leave: the benefit's rule answers, not the contributions
    chat = (
        "e dc tang luong len 2tr6 truoc khi nghi sinh 4 thang, roi nghi viec. lam tctn thi dc bao nhieu tien, tinh sao"
    )
    assert calculators.recognise(chat) is None
    assert calculators.recognise("luong 8tr thi thang dc bn tien tctn") is None
    assert calculators.recognise("luong 8tr dong bhtn bao nhieu") == "compulsory"  # the contribution is asked


def test_what_is_paid_for_a_benefits_insurance_is_computed_and_what_it_pays_is_the_rule(client, db):
    # the verb just before "bao nhiêu" says which amount is asked: paid in ("đóng") or received ("được", "trả cho")
    paid = "lương 8 triệu vùng I thì đóng bảo hiểm thất nghiệp bao nhiêu?"
    assert calculators.recognise(paid) == "compulsory"
    assert calculators.recognise(fold(paid)) == "compulsory"
    assert calculators.recognise("đóng bảo hiểm thất nghiệp 5 năm, lương 8 triệu thì được hưởng bao nhiêu?") is None
    assert calculators.recognise("nghỉ ốm 3 ngày, lương đóng 6 triệu, bhxh sẽ trả cho em bao nhiêu tiền?") is None
    response = client.post(
        "/api/v1/assistant/ask", json.dumps({"question": paid, "lang": "vi"}), content_type="application/json"
    )
    body = response.json()
    quote = contributions.quote(
        {"scheme": "compulsory", "period": calculators._period(), "salary": 8_000_000, "region": "I"}
    )
    unemployment = {line["payer"]: line["amount"] for line in quote["lines"] if line["fund"] == "unemployment"}
    assert unemployment["employee"] == 80_000  # 1 % of 8 million, under the cap of region I
    with translation.override("vi"):
        # the unemployment insurance's part first, then what all the compulsory insurances take together
        assert body["kind"] == "calculator" and body["answer"].startswith(
            f"Bảo hiểm thất nghiệp: người lao động đóng {vnd(80_000)}"
        )
        assert f"Tính chung mọi khoản bảo hiểm bắt buộc: tiền lương đóng {vnd(8_000_000)}" in body["answer"]
        assert vnd(quote["by_payer"]["employee"]) in body["answer"]


def test_an_english_contribution_named_after_how_much_is_computed(client, db):
    question = "How much unemployment insurance do I pay on a salary of 8 million in region I?"
    assert calculators.recognise(question) == "compulsory"
    assert calculators.recognise("How much unemployment benefit do I get on a salary of 8 million?") is None
    # with a region (an employer's), the amount is a salary even where the word is missing
    assert calculators.recognise("How much unemployment insurance do I pay on 8 million in region I?") == "compulsory"
    assert calculators.recognise("8tr vung 1 dong bhtn bao nhieu") == "compulsory"
    assert calculators.recognise("8tr vung 1 thi dc huong tctn bao nhieu") is None
    body = client.post(
        "/api/v1/assistant/ask", json.dumps({"question": question, "lang": "en"}), content_type="application/json"
    ).json()
    with translation.override("en"):
        assert body["kind"] == "calculator"
        assert body["answer"].startswith(f"Unemployment insurance: the employee pays {vnd(80_000)}")
        assert "All compulsory insurances together: insured salary" in body["answer"]
    both = "How much social and health insurance do I pay on a salary of 8 million in region I?"
    assert calculators._fund_named(both) is None  # every insurance is asked for: the whole contribution alone
