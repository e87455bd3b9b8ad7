"""Campaigns: the commune's prospects (a segment or all) dealt to its agents, a household to one agent."""

import datetime as dt

import pytest

from ansinh.core.errors import DomainError
from ansinh.outreach import prospects, services
from ansinh.outreach.models import Campaign, Target
from ansinh.outreach.tests.helpers import COMMUNE, ON, agents, province
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def computed(tmp_path):
    case = province(tmp_path)
    prospects.run(ON)
    return case


def test_every_prospect_of_the_commune_is_dealt_to_one_of_its_agents(computed):
    first, second = agents(2)
    campaign = services.start_campaign("Vận động BHXH tự nguyện", COMMUNE, by_user=factories.user("manager"))
    targets = Target.objects.filter(campaign=campaign)
    assert targets.count() == 7
    assert set(targets.values_list("agent__code", flat=True)) == {first.code, second.code}
    assert abs(targets.filter(agent=first).count() - targets.filter(agent=second).count()) <= 1


def test_a_segment_lists_only_its_reason(computed):
    agents(1)
    campaign = services.start_campaign("Người sắp đủ 15 năm", COMMUNE, "near_pension")
    assert list(campaign.targets.values_list("full_name", "reason")) == [("Phạm Văn Cường", "near_pension")]


def test_members_of_one_household_go_to_the_same_agent(computed):
    agents(3)
    household = computed["uninsured"].household
    factories.person("Trần Thị Bé", dt.date(1993, 9, 9), household=household)  # registered after the run: not listed
    campaign = services.start_campaign("Hộ gia đình", COMMUNE)
    by_household = {}
    for code, agent in campaign.targets.exclude(household_code="").values_list("household_code", "agent_id"):
        by_household.setdefault(code, set()).add(agent)
    assert all(len(agents_of) == 1 for agents_of in by_household.values())


@pytest.mark.parametrize(
    "commune, segment, code",
    [("99999", "", "unknown_commune"), (COMMUNE, "rich", "unknown_segment"), ("43603", "", "empty")],
)
def test_a_bad_choice_is_refused_naming_the_field_and_starts_nothing(computed, commune, segment, code):
    agents(1)
    with pytest.raises(DomainError) as refused:
        services.start_campaign("Thử", commune, segment)
    assert refused.value.errors[0].code == code
    assert not Campaign.objects.exists()


def test_a_commune_without_an_agent_is_refused(computed):
    with pytest.raises(DomainError) as refused:
        services.start_campaign("Thử", COMMUNE)
    assert refused.value.errors[0].code == "no_agent" and not Campaign.objects.exists()
