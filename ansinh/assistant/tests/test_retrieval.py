from ansinh.assistant import index, retrieval


def _top(question, n=3):
    return [hit.pid for hit in retrieval.search(index.current(), question)[:n]]


def test_it_finds_the_voluntary_rate_from_a_question_typed_without_diacritics(db):
    assert "vsi.rate" in _top("muc dong bhxh tu nguyen thap nhat moi thang")


def test_it_finds_the_passage_for_a_paraphrase_without_diacritics(db):
    assert _top("kham benh bang can cuoc gan chip khong can the giay")[0] == "hi.cccd_vssid"


def test_it_finds_the_vietnamese_passage_from_an_english_question(db):
    assert _top("How many years of contributions do I need for a pension?")[0] == "pension.conditions"


def test_it_expands_abbreviations_citizens_type(db):
    assert {"who.compulsory", "contrib.short_contract"} & set(_top("hop dong 3 thang co phai dong BHXH khong"))


def test_an_english_question_gets_an_english_answer_with_citations(ask):
    answer = ask("What is the retirement age for women?", "en")
    assert answer.kind == "policy"
    assert "women 56 years 8 months" in answer.answer
    assert answer.citations[0] == {
        "title": "Retirement age and its roadmap",
        "passage_id": "pension.age",
        "source": "Bộ luật Lao động 45/2019/QH14, Điều 169; Nghị định 135/2020/NĐ-CP",
    }
