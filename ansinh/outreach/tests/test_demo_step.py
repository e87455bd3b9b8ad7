"""The demo province has agents, prospects of several kinds and a small campaign with credited enrolments."""

import pytest
from django.core.management import call_command

from ansinh.outreach.models import Agent, Campaign, Contact, Conversion, ProspectRun

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_campaign_with_contacts_and_credited_enrolments():
    call_command("build_demo", "--people", "2000", "--seed", "5", verbosity=0)
    run = ProspectRun.objects.get()
    assert run.counts.get("uninsured", 0) > 0 and run.counts.get("under_declared", 0) > 0
    campaign = Campaign.objects.get()
    assert Agent.objects.filter(commune=campaign.commune).count() == 3
    assert campaign.targets.exists() and Contact.objects.filter(target__campaign=campaign).exists()
    assert Conversion.objects.filter(target__campaign=campaign, kind="voluntary_si").exists()
    assert not Conversion.objects.filter(
        target__campaign=campaign, target__scheme="voluntary_si", kind="hi_card"
    ).exists()
