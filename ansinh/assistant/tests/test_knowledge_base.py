import datetime as dt

import pytest
from django.utils import timezone

from ansinh.assistant import index, services
from ansinh.assistant.knowledge import PlaceholderError, read_seed, render
from ansinh.assistant.models import Passage
from ansinh.policy.models import Parameter
from ansinh.policy.services import params_on


def test_every_shipped_passage_has_both_languages_a_source_and_renders_with_the_law_in_force(db):
    params = params_on(timezone.localdate())
    for row in read_seed():
        assert row["source"] and row["title_vi"] and row["title_en"] and row["text_vi"] and row["text_en"], row["pid"]
        for name in ("text_vi", "text_en"):
            assert "{" not in render(row["pid"], row[name], params, name[-2:])


def test_placeholders_are_written_as_money_and_percent(db):
    params = params_on(dt.date(2025, 7, 1))
    assert render("t", "{min_wage.I}", params, "vi") == "4.960.000 đồng"
    assert render("t", "{min_wage.I}", params, "en") == "VND 4,960,000"
    assert render("t", "{voluntary.rate*poverty_line.rural*voluntary.support_pct.poor}", params, "vi") == "165.000 đồng"
    assert render("t", "{late_interest.daily_rate}", params, "vi") == "0,03%"


def test_a_missing_parameter_stops_the_build_naming_the_passage_and_key(db):
    with pytest.raises(PlaceholderError, match="pension.no_such_key"):
        render("demo.bad", "Mức {pension.no_such_key}", params_on(timezone.localdate()), "vi")


def test_a_new_minimum_wage_reaches_the_answer_after_the_parameter_changes(db, ask):
    today = timezone.localdate()
    Parameter.objects.create(
        key="min_wage.I", valid_from=today, value=9_990_000, unit="dong", source="test decree", pack=""
    )
    index.forget()
    answer = ask("Lương tối thiểu vùng năm nay là bao nhiêu?", "vi")
    assert "9.990.000 đồng" in answer.answer


def test_a_staff_passage_is_searchable_after_a_rebuild(db):
    Passage.objects.create(
        pid="test.tet",
        topic="test",
        source="Công văn thử nghiệm",
        title_vi="Lịch chi trả dịp Tết",
        title_en="Payment schedule at Tết",
        text_vi="Lương hưu tháng Giêng được chi trả sớm trước Tết Nguyên Đán.",
        text_en="January pensions are paid early before the Lunar New Year.",
    )
    built = services.rebuild_index()
    assert "test.tet" in built.passages


def test_an_index_built_with_another_embedding_engine_is_not_read_back(db, monkeypatch):
    from ansinh.assistant import embeddings

    built = index.current()
    monkeypatch.setattr(embeddings, "ENGINE", "another engine")
    assert index.current_stamp() != built.stamp
    index.forget()
    monkeypatch.setattr(index, "build", lambda: "rebuilt")  # not the index on disk, whose vectors are the old engine's
    assert index.current() == "rebuilt"
    index.forget()


def test_the_years_a_voluntary_participant_may_pay_at_once_follow_the_parameter_in_force(db):
    """Decree 159/2025 lowered the cap from 10 years to 5 from 1 July 2025; the passage once typed 10 for good."""
    row = next(row for row in read_seed() if row["pid"] == "vsi.age_limit")
    before = render(row["pid"], row["text_vi"], params_on(dt.date(2025, 6, 30)), "vi")
    today = render(row["pid"], row["text_en"], params_on(timezone.localdate()), "en")
    assert "không quá 10 năm" in before
    assert "at most 5 years" in today


def test_the_funeral_grant_passage_does_not_cover_those_on_a_monthly_survivors_allowance(db):
    row = next(row for row in read_seed() if row["pid"] == "survivor.funeral")
    text = render(row["pid"], row["text_vi"], params_on(timezone.localdate()), "vi")
    assert "trợ cấp tuất hằng tháng không thuộc diện này" in text
    assert "23.400.000 đồng" in text
