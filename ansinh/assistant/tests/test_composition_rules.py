"""Which sentence opens an answer, from passages built for the purpose (no database, no model)."""

from types import SimpleNamespace

from ansinh.assistant import calibration, compose, retrieval, textnorm
from ansinh.assistant.retrieval import Hit


def _index(passages: dict[str, tuple[str, str]]):
    rendered = {
        pid: {"text_vi": vi, "text_en": en, "topic": pid.split(".")[0], "title_vi": pid, "title_en": pid}
        for pid, (vi, en) in passages.items()
    }
    return SimpleNamespace(passages=rendered, idf={}, canonical=lambda question: question)


RATE = (
    "Người lao động đóng 8% tiền lương tháng vào quỹ hưu trí. Công ty đóng 14% vào quỹ hưu trí.",
    "The employee pays 8% of the monthly salary to the pension fund. The employer pays 14% to the pension fund.",
)
REGISTER = (
    "Công ty phải đăng ký đóng bảo hiểm xã hội cho người lao động mới trong 30 ngày. Hồ sơ đăng ký đóng bảo hiểm "
    "xã hội nộp qua giao dịch điện tử.",
    "The employer must register a new employee for social insurance within 30 days. The registration for social "
    "insurance is filed electronically.",
)
NO_FIGURE = (
    "Người lao động đóng bảo hiểm xã hội qua công ty, công ty trừ vào lương hằng tháng.",
    "The employee pays social insurance through the employer, deducted from the monthly salary.",
)


def test_the_answer_opens_with_the_best_ranked_passage_even_when_a_runner_up_shares_more_words():
    index = _index({"contrib.rates": RATE, "proc.register": REGISTER})
    chosen = compose.choose(
        index, "công ty đóng bảo hiểm xã hội cho người lao động thế nào", ["contrib.rates", "proc.register"], "vi"
    )
    assert chosen[0][0] == "contrib.rates"


def test_a_runner_ups_figure_follows_the_opening_when_only_the_runner_up_states_the_figure_asked_for():
    index = _index({"contrib.how": NO_FIGURE, "contrib.rates": RATE})
    chosen = compose.choose(
        index, "người lao động đóng bảo hiểm xã hội bao nhiêu phần trăm", ["contrib.how", "contrib.rates"], "vi"
    )
    assert chosen[0] == ("contrib.how", NO_FIGURE[0])
    assert chosen[1] == ("contrib.rates", RATE[0].split(". ")[0] + ".")
    with_figure = compose.choose(
        index, "người lao động đóng bảo hiểm xã hội bao nhiêu phần trăm", ["contrib.rates", "contrib.how"], "vi"
    )
    assert with_figure[0][0] == "contrib.rates"


def test_the_best_ranked_passage_opens_with_its_figure_sentence_even_if_it_shares_few_words():
    index = _index({"proc.register": REGISTER, "contrib.how": NO_FIGURE})
    chosen = compose.choose(index, "đăng ký đóng bảo hiểm xã hội mất bao lâu", ["proc.register", "contrib.how"], "vi")
    assert chosen[0] == ("proc.register", REGISTER[0].split(". ")[0] + ".")


def _hit(pid: str) -> Hit:
    return Hit(pid, 0.3, 5.0, 0.9, 0.8, 0.8, 1, 1)


def test_confidence_reads_whether_the_best_passage_states_the_figure_asked_for_and_the_runner_ups_topic():
    index = _index({"contrib.how": NO_FIGURE, "contrib.rates": RATE, "proc.register": REGISTER})
    asked = "người lao động đóng bao nhiêu phần trăm"
    missing = calibration.signals([_hit("contrib.how"), _hit("contrib.rates")], index, asked)
    stated = calibration.signals([_hit("contrib.rates"), _hit("proc.register")], index, asked)
    assert (missing["figure_agrees"], missing["same_topic"]) == (0.0, 1.0)
    assert (stated["figure_agrees"], stated["same_topic"]) == (1.0, 0.0)
    assert calibration.signals([_hit("contrib.how")], index, "người lao động đóng thế nào")["figure_agrees"] == 1.0
    assert set(missing) == set(calibration.EITHER_FEATURES)
    # the runner-up's own signals, read by the model of "one of the first two is right" (no third: a full lead)
    assert (missing["runner_cosine"], missing["runner_margin"], missing["runner_lexical_top2"]) == (0.9, 1.0, 1.0)
    assert calibration.signals([_hit("contrib.how")], index, asked)["runner_cosine"] == 0.0


def test_confidence_reads_the_questions_language_unaccented_vietnamese_and_shorthand_counting_as_vietnamese():
    index = _index({"contrib.rates": RATE, "proc.register": REGISTER})
    index.restorer = textnorm.Restorer([RATE[0], REGISTER[0]], [RATE[1], REGISTER[1]])
    hits = [_hit("contrib.rates"), _hit("proc.register")]
    language = {
        question: calibration.signals(hits, index, question)["english"]
        for question in (
            "người lao động đóng bao nhiêu phần trăm",
            "nguoi lao dong dong bao nhieu phan tram",
            "ng lao dong dong bhxh bn %",
            "How much does the employee pay?",
        )
    }
    assert list(language.values()) == [0.0, 0.0, 0.0, 1.0]


def test_a_share_asked_with_the_percent_sign_is_a_figure_asked_for_but_a_share_told_is_not():
    share = compose.FIGURES[0][1]
    for question in (
        "đóng đủ 20 năm thì lương hưu được hưởng bao nhiêu % so với mức đóng?",
        "bhxh tn dong bn % thu nhap",
        "What % of my salary goes to social insurance?",
    ):
        assert share in [pattern.pattern for pattern in compose.figure_patterns(question)], question
    assert compose.figure_patterns("tôi bị suy giảm 68% khả năng lao động thì hưởng chế độ gì?") == []


def test_the_search_puts_a_passage_stating_the_kind_of_figure_asked_for_before_a_close_one_that_states_none():
    index = _index({"contrib.how": NO_FIGURE, "contrib.rates": RATE})
    close = {"contrib.how": 0.50, "contrib.rates": 0.47}
    checked = retrieval._figure_checked(index, close, "người lao động đóng bao nhiêu phần trăm")
    assert max(checked, key=checked.get) == "contrib.rates"
    assert checked["contrib.rates"] == 0.47
    # no figure asked: the fusion's order stands; far ahead: the passage stays first
    assert retrieval._figure_checked(index, close, "người lao động đóng thế nào") == close
    far = retrieval._figure_checked(index, {"contrib.how": 0.9, "contrib.rates": 0.3}, "đóng bao nhiêu phần trăm")
    assert max(far, key=far.get) == "contrib.how"


SICK_DAYS = (
    "Người lao động nghỉ ốm được hưởng 75% tiền lương đóng bảo hiểm xã hội. Một năm được nghỉ tối đa 30 ngày nếu đã "
    "đóng dưới 15 năm.",
    "A sick employee is paid 75% of the insured salary. The most days a year are 30 days with under 15 years paid.",
)


def test_a_figure_asked_in_chat_shorthand_is_read_from_the_question_as_the_search_restored_it():
    restored = {"nghi om dc huong bn ngay": "nghỉ ốm được hưởng bao nhiêu ngày"}
    index = _index({"sickness.days": SICK_DAYS})
    index.canonical = lambda question: restored.get(question, question)
    chosen = compose.choose(index, "nghi om dc huong bn ngay", ["sickness.days"], "vi")
    assert chosen[0] == ("sickness.days", SICK_DAYS[0].split(". ")[1])


def test_working_days_are_a_duration():
    (duration,) = compose.figure_patterns("Roughly how long until I get the money?")
    assert duration.search(textnorm.fold("The agency pays within 7 working days of a complete file."))
    assert duration.search(textnorm.fold("Cơ quan trả trong 5 ngày làm việc."))
    assert not duration.search(textnorm.fold("Mức hưởng bằng 75% tiền lương."))


SICK_DAYS_AGAIN = (
    "Số ngày nghỉ ốm tối đa trong một năm tính theo ngày làm việc: 30 ngày nếu đóng dưới 15 năm. Nghỉ ốm dài ngày "
    "được hưởng tiếp sau 180 ngày.",
    "Sick days a year are counted in working days: 30 days with under 15 years paid. Long-term sickness continues "
    "after 180 days.",
)


def test_a_runner_ups_sentence_that_only_repeats_the_figures_already_given_is_left_out():
    index = _index({"sickness.days": SICK_DAYS, "sickness.long": SICK_DAYS_AGAIN})
    chosen = compose.choose(index, "nghỉ ốm được hưởng bao nhiêu ngày", ["sickness.days", "sickness.long"], "vi")
    assert chosen[0] == ("sickness.days", SICK_DAYS[0].split(". ")[1])
    assert ("sickness.long", SICK_DAYS_AGAIN[0].split(". ")[0] + ".") not in chosen
    assert ("sickness.long", SICK_DAYS_AGAIN[0].split(". ")[1]) in chosen  # a new figure (180) is no repetition


ADOPTION = (
    "Người nhận nuôi con nuôi dưới 6 tháng tuổi được nghỉ đến khi con đủ 6 tháng tuổi. Trường hợp cả cha và mẹ cùng "
    "tham gia bảo hiểm xã hội thì chỉ cha hoặc mẹ được nghỉ.",
    "A person adopting a child under 6 months old gets leave until the child is 6 months old. If both parents are "
    "insured, only one of them may take the leave.",
)


def test_the_first_passage_is_given_whole_even_its_sentences_that_share_no_word_with_the_question():
    # an independent review found the sentence that answered the asker cut from 8 of 60 answers scored right
    index = _index({"maternity.adoption": ADOPTION, "contrib.rates": RATE})
    chosen = compose.choose(
        index, "nhận con nuôi 3 tháng tuổi được nghỉ bao lâu", ["maternity.adoption", "contrib.rates"], "vi"
    )
    assert chosen == [("maternity.adoption", sentence) for sentence in compose.sentences(ADOPTION[0])]


def test_a_two_case_answer_takes_each_passages_best_sentences_up_to_the_limit():
    index = _index({"contrib.rates": RATE})
    chosen = compose.choose(index, "công ty đóng bao nhiêu phần trăm", ["contrib.rates"], "vi", limit=1)
    assert chosen == [("contrib.rates", "Công ty đóng 14% vào quỹ hưu trí.")]


def test_a_city_written_tp_is_not_cut_into_two_sentences():
    text = "Nhà nước hỗ trợ người cao tuổi. TP. Hồ Chí Minh đóng 100% cho người từ 75 tuổi."
    assert compose.sentences(text) == [
        "Nhà nước hỗ trợ người cao tuổi.",
        "TP. Hồ Chí Minh đóng 100% cho người từ 75 tuổi.",
    ]
