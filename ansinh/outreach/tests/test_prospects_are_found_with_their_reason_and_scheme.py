"""Prospects from the population extract, the registry, contributions, HI cards and labour-use reports."""

import pytest

from ansinh.outreach import prospects
from ansinh.outreach.models import Prospect, ProspectRun
from ansinh.outreach.tests.helpers import ON, province

pytestmark = pytest.mark.django_db


def _by_name(run):
    return {p.full_name: p for p in Prospect.objects.filter(run=run)}


def test_each_kind_of_prospect_is_found_with_the_scheme_that_fits(tmp_path):
    case = province(tmp_path)
    found = _by_name(prospects.run(ON))
    uninsured = found["Trần Văn An"]
    assert (uninsured.reason, uninsured.scheme, uninsured.tier, uninsured.support_pct) == (
        "uninsured",
        "voluntary_si",
        "near_poor",
        40,
    )
    assert uninsured.person_id == case["uninsured"].pk and uninsured.cccd == case["uninsured"].cccd
    stranger = found["Bùi Thị Khánh"]
    assert stranger.person_id is None and stranger.tier == "other" and stranger.support_pct == 20
    assert stranger.detail == {"unknown_to_registry": True}
    near = found["Phạm Văn Cường"]
    assert near.reason == "near_pension" and near.detail["months_paid"] == 144 and near.detail["months_missing"] == 36
    left = found["Hoàng Thị Dung"]
    assert (
        left.reason == "worker_left"
        and left.scheme == "compulsory"
        and left.detail["last_unit"] == case["unit"].unit_code
    )
    assert found["Vũ Văn Em"].reason == "uninsured"  # terminated with a plan code: not "left", but still without SI
    lapsed = found["Ngô Thị Hạnh"]
    assert (lapsed.reason, lapsed.scheme, lapsed.tier, lapsed.support_pct) == ("hi_lapsed", "family_hi", "none", 0)
    unit = found[case["unit"].name]
    assert unit.reason == "under_declared" and unit.detail["declared"] == 1 and unit.detail["missing"] == 4


def test_insured_people_children_and_people_past_working_age_are_not_prospects_for_voluntary_si(tmp_path):
    province(tmp_path)
    found = Prospect.objects.filter(run=prospects.run(ON))
    names = set(found.values_list("full_name", flat=True))
    assert "Lê Thị Bình" not in names and "Đỗ Minh Giang" not in names
    assert not found.filter(full_name="Ngô Thị Hạnh", reason="uninsured").exists()  # 66 years old


def test_a_person_is_listed_for_the_strongest_si_reason_only(tmp_path):
    province(tmp_path)
    run = prospects.run(ON)
    assert list(Prospect.objects.filter(run=run, full_name="Phạm Văn Cường").values_list("reason", flat=True)) == [
        "near_pension"
    ]
    assert list(Prospect.objects.filter(run=run, full_name="Hoàng Thị Dung").values_list("reason", flat=True)) == [
        "worker_left"
    ]


def test_computing_the_same_day_again_replaces_the_run_instead_of_adding_one(tmp_path):
    province(tmp_path)
    first = prospects.run(ON)
    before = sorted(Prospect.objects.filter(run=first).values_list("reason", "full_name"))
    again = prospects.run(ON)
    assert again.pk == first.pk and ProspectRun.objects.count() == 1
    assert sorted(Prospect.objects.filter(run=again).values_list("reason", "full_name")) == before
    assert again.counts == {"uninsured": 3, "near_pension": 1, "worker_left": 1, "hi_lapsed": 1, "under_declared": 1}
