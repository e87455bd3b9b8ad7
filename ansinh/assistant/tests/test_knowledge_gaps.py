"""The questions the call centre gets most have a passage, with its figure filled from the parameter store."""

import pytest

from ansinh.assistant.knowledge import read_seed

GAPS = [
    ("Người già 75 tuổi không có lương hưu được trợ cấp gì?", "social_pension.who", "75 tuổi"),
    ("Trợ cấp hưu trí xã hội mỗi tháng bao nhiêu tiền?", "social_pension.amount", "500.000 đồng"),
    ("bhxh tu nguyen sinh con duoc bao nhieu tien", "maternity.voluntary", "2.000.000 đồng"),
    ("Con ốm được nghỉ mấy ngày?", "sickness.child", "20 ngày"),
    ("thất nghiệp được hưởng bao nhiêu tháng", "unemployment.duration", "3 tháng"),
    ("Trợ cấp thất nghiệp được bao nhiêu phần trăm lương?", "unemployment.amount", "60%"),
    ("mua the bhyt lan dau bao lau thi dung duoc", "hi.card_30_days", "30 ngày"),
    ("Làm thẻ BHYT cho trẻ sơ sinh thế nào?", "hi.newborn", "VNeID"),
    ("sinh mổ được nghỉ dưỡng sức mấy ngày", "maternity.recovery", "7 ngày"),
    ("quen mat khau vssid", "vssid.password", "Quên mật khẩu"),
    ("Tôi có 2 sổ BHXH, làm sao gộp?", "si_book.merge", "TK1-TS"),
    ("Mã số BHXH tra cứu ở đâu?", "si.number", "VssID"),
    (
        "Người không thuộc diện đóng BHXH bắt buộc thì công ty có phải trả thêm tiền bảo hiểm vào lương không?",
        "contrib.in_lieu",
        "cùng lúc với kỳ trả lương",
    ),
    (
        "Bị tai nạn lao động thì công ty phải bồi thường bao nhiêu tháng lương?",
        "occupational.compensation",
        "1,5 tháng",
    ),
    ("Hợp đồng cộng tác viên có phải đóng BHXH không?", "who.contract_other_name", "quản lý, điều hành, giám sát"),
    ("Có được dùng hai thẻ bảo hiểm y tế cùng lúc không?", "hi.one_card", "chỉ được cấp một thẻ"),
    ("Con tôi 7 tuổi bị lác mắt, điều trị có được bảo hiểm y tế thanh toán không?", "hi.eye_children", "dưới 18 tuổi"),
    ("Nghỉ ốm có giấy bệnh viện thì công ty có phải trả lương không?", "sickness.wages", "không phải trả lương"),
    (
        "Đang hưởng trợ cấp thất nghiệp mà chuyển sang tỉnh khác sống thì làm thế nào?",
        "unemployment.move_province",
        "nơi chuyển đến",
    ),
    (
        "Người mất không có vợ con, bố mẹ cũng mất rồi thì anh chị em ruột có được nhận tiền tuất không?",
        "survivor.no_relatives",
        "pháp luật về thừa kế",
    ),
    (
        "Vết thương tai nạn lao động cũ bị tái phát phải nằm viện thì có được hưởng chế độ ốm đau không?",
        "sickness.recurring_injury",
        "tái phát",
    ),
    (
        "Đang hưởng trợ cấp tai nạn lao động hằng tháng mà ra nước ngoài định cư thì được nhận thế nào?",
        "occupational.emigrate",
        "3 tháng mức trợ cấp",
    ),
]


@pytest.mark.parametrize("question, pid, figure", GAPS)
def test_a_question_the_knowledge_base_lacked_is_answered_with_its_figure(ask, question, pid, figure):
    answer = ask(question, "vi")
    assert answer.kind == "policy"
    assert answer.passage_ids[0] == pid
    assert figure in answer.answer


def test_every_passage_has_a_legal_source_and_both_languages():
    rows = read_seed()
    assert len(rows) >= 115
    for row in rows:
        assert row["source"] and row["title_vi"] and row["title_en"] and row["text_vi"] and row["text_en"], row["pid"]


def test_a_shipped_passage_withdrawn_from_the_files_stops_being_answered_from(db):
    from ansinh.assistant import services
    from ansinh.assistant.models import Passage

    Passage.objects.create(
        pid="old.withdrawn",
        topic="test",
        source="Luật cũ",
        title_vi="Cũ",
        title_en="Old",
        text_vi="Quy định cũ.",
        text_en="An old rule.",
        origin=Passage.Origin.SEED,
    )
    Passage.objects.create(
        pid="staff.kept",
        topic="test",
        source="Công văn",
        title_vi="Riêng",
        title_en="Own",
        text_vi="Quy định riêng.",
        text_en="A local rule.",
        origin=Passage.Origin.STAFF,
    )
    services.load_seed(update=True)
    assert not Passage.objects.get(pid="old.withdrawn").active
    assert Passage.objects.get(pid="staff.kept").active


def test_a_withdrawn_shipped_passage_back_in_the_files_is_answered_from_again(db):
    from ansinh.assistant import services
    from ansinh.assistant.models import Passage

    services.load_seed()
    returning = Passage.objects.get(pid="hi.newborn")
    Passage.objects.filter(pk=returning.pk).update(active=False)  # as a seed update does when the files drop it
    services.load_seed(update=True)
    assert Passage.objects.get(pid="hi.newborn").active
