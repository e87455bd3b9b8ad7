import datetime as dt

from ansinh.core.models import AuditEvent
from ansinh.testing import factories


def test_a_citizen_gets_their_own_years_of_contribution_and_it_is_audited(ask, citizen_with_person):
    account, person = citizen_with_person
    factories.spell(person, factories.employer(), dt.date(2015, 1, 1), dt.date(2020, 12, 31))
    answer = ask("Tôi đã đóng bảo hiểm được bao nhiêu năm?", "en", account)  # answered in its language
    assert answer.kind == "personal" and not answer.refused
    assert "6 năm 0 tháng" in answer.answer
    assert AuditEvent.objects.filter(action="read", object_type="registry.person", object_id=str(person.pk)).exists()


def test_a_question_about_another_persons_records_is_refused(ask, citizen_with_person):
    account, person = citizen_with_person
    answer = ask("Thẻ BHYT của mẹ tôi còn hạn không?", "en", account)
    assert answer.kind == "personal" and answer.refused
    assert AuditEvent.objects.filter(action="denied", object_id=str(person.pk)).exists()


def test_another_persons_id_number_in_the_question_is_refused(ask, citizen_with_person):
    account, _person = citizen_with_person
    other = factories.person(full_name="Trần Văn Bình", sex="male", birth_date=dt.date(1980, 1, 1))
    answer = ask(f"Tôi đã đóng được bao nhiêu năm, số căn cước {other.cccd}?", "vi", account)
    assert answer.refused


def test_an_anonymous_visitor_is_asked_to_log_in(ask):
    answer = ask("How many years have I contributed?", "en", None)
    assert answer.kind == "personal" and answer.refused
    assert "log in" in answer.answer
