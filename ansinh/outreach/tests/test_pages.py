"""The outreach pages: compute, start a campaign, record a contact, see conversion; the dashboard section."""

import pytest
from django.utils import timezone

from ansinh.contributions import services as contributions
from ansinh.core.models import AuditEvent
from ansinh.outreach.models import Campaign, Contact, ProspectRun, Target
from ansinh.outreach.tests.helpers import COMMUNE, agents, province
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client, tmp_path):
    case = province(tmp_path)
    agents(2)
    client.force_login(factories.user("collection_officer"))
    return case


def test_an_officer_computes_prospects_starts_a_campaign_and_records_a_contact(officer, client):
    assert client.post("/outreach/compute/").status_code == 302
    assert ProspectRun.objects.get().on == timezone.localdate()
    home = client.get("/outreach/")
    assert home.status_code == 200 and b"prospect-table" in home.content
    answer = client.post("/outreach/campaigns/start/", {"name": "Tháng 12", "commune": COMMUNE, "segment": ""})
    campaign = Campaign.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/outreach/campaigns/{campaign.pk}/"
    page = client.get(answer["Location"])
    assert page.status_code == 200 and officer["uninsured"].cccd not in page.content.decode()
    assert AuditEvent.objects.filter(action="read", object_type="outreach.campaign").exists()
    target = Target.objects.get(full_name="Trần Văn An")
    client.post(
        f"/outreach/targets/{target.pk}/contact/",
        {"contacted_on": timezone.localdate().isoformat(), "channel": "phone", "outcome": "agreed"},
    )
    assert Contact.objects.get().target == target


def test_a_refused_campaign_says_why_on_the_page(officer, client):
    answer = client.post("/outreach/campaigns/start/", {"name": "Tháng 12", "commune": COMMUNE}, follow=True)
    assert "compute them first" in answer.content.decode() and not Campaign.objects.exists()


def test_the_results_and_the_dashboard_show_the_conversion(officer, client):
    client.post("/outreach/compute/")
    client.post("/outreach/campaigns/start/", {"name": "Tháng 12", "commune": COMMUNE})
    target = Target.objects.get(full_name="Trần Văn An")
    client.post(
        f"/outreach/targets/{target.pk}/contact/",
        {"contacted_on": timezone.localdate().isoformat(), "channel": "visit", "outcome": "agreed"},
    )
    contributions.enrol_voluntary(officer["uninsured"], 2_000_000, "near_poor", 1, f"{timezone.localdate():%Y-%m}")
    client.post("/outreach/results/attribute/")
    results = client.get("/outreach/results/")
    row = next(r for r in results.context["by_commune"] if r["key"] == COMMUNE)
    assert (row["targets"], row["contacted"], row["converted"], row["si_gained"]) == (7, 1, 1, 1)
    client.force_login(factories.user("manager"))
    dashboard = client.get("/insights/", {"area": COMMUNE})
    assert dashboard.status_code == 200 and b'id="outreach-section"' in dashboard.content
    assert b'data-key="43601"' in dashboard.content


def test_a_benefits_officer_has_no_outreach_pages(officer, client):
    client.force_login(factories.user("benefits_officer"))
    assert client.get("/outreach/").status_code == 403
    assert client.post("/outreach/compute/").status_code == 403
