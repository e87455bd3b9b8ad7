"""The agents' app: its list and contacts through the API (token auth); enrolments that follow are credited."""

import datetime as dt

import pytest
from django.utils import timezone

from ansinh.contributions import services as contributions
from ansinh.outreach import prospects, services
from ansinh.outreach.models import Contact, Conversion, Target
from ansinh.outreach.tests.helpers import COMMUNE, ON, agents, province
from ansinh.registry.services import register_person
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def listed(tmp_path):
    case = province(tmp_path)
    prospects.run(ON)
    first, second = agents(2)
    campaign = services.start_campaign("Chiến dịch", COMMUNE)
    tokens = {a.code: factories.token_for(factories.user("post_office", org_code=a.code)) for a in (first, second)}
    return case, campaign, first, second, tokens


def _auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _contact(client, token, target, ref="r1", outcome="agreed", on=TODAY):
    body = {
        "target_id": target.pk,
        "contacted_on": on.isoformat(),
        "channel": "visit",
        "outcome": outcome,
        "client_ref": ref,
    }
    return client.post("/api/v1/outreach/contacts", body, content_type="application/json", **_auth(token))


def test_an_agent_reads_only_its_own_list_with_masked_chip_ids(listed, client):
    case, campaign, first, _second, tokens = listed
    answer = client.get("/api/v1/outreach/my-targets", **_auth(tokens[first.code]))
    assert answer.status_code == 200
    ids = {t["id"] for t in answer.json()}
    assert ids == set(Target.objects.filter(agent=first).values_list("id", flat=True))
    assert all("••••••" in t["cccd_masked"] or t["cccd_masked"] == "" for t in answer.json())
    assert case["uninsured"].cccd not in answer.content.decode()


def test_a_contact_sent_twice_is_recorded_once(listed, client):
    _case, _campaign, first, _second, tokens = listed
    target = Target.objects.filter(agent=first).first()
    one, two = _contact(client, tokens[first.code], target), _contact(client, tokens[first.code], target)
    assert one.status_code == two.status_code == 200
    assert one.json()["created"] is True and two.json()["created"] is False and one.json()["id"] == two.json()["id"]
    assert Contact.objects.count() == 1


def test_an_agent_may_not_record_a_contact_on_another_agents_list(listed, client):
    _case, _campaign, first, second, tokens = listed
    target = Target.objects.filter(agent=second).first()
    answer = _contact(client, tokens[first.code], target)
    assert answer.status_code == 422 and answer.json()["detail"][0]["type"] == "not_yours"
    assert not Contact.objects.exists()


def test_bad_contacts_are_refused_naming_the_field(listed, client):
    _case, _campaign, first, _second, tokens = listed
    target = Target.objects.filter(agent=first).first()
    future = _contact(client, tokens[first.code], target, on=TODAY + dt.timedelta(days=3))
    assert future.status_code == 422 and future.json()["detail"][0]["loc"][-1] == "contacted_on"
    unknown = _contact(client, tokens[first.code], target, outcome="maybe")
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["loc"][-1] == "outcome"


def test_an_account_that_is_no_agent_gets_403_and_a_citizen_401_or_403(listed, client):
    stranger = factories.token_for(factories.user("post_office", org_code="VNP99999"))
    assert client.get("/api/v1/outreach/my-targets", **_auth(stranger)).status_code == 403
    client.force_login(factories.user("citizen"))
    assert client.get("/api/v1/outreach/my-targets").status_code in (401, 403)


def test_an_enrolment_after_the_contact_is_credited_once_to_it(listed, client):
    case, _campaign, first, second, tokens = listed
    person = case["uninsured"]
    target = Target.objects.get(full_name=person.full_name)
    _contact(client, tokens[target.agent.code], target)
    contributions.enrol_voluntary(person, 2_000_000, "near_poor", 1, f"{TODAY:%Y-%m}")
    assert services.attribute() == 1 and services.attribute() == 0
    credited = Conversion.objects.get()
    assert (credited.target_id, credited.kind, credited.person_id) == (target.pk, "voluntary_si", person.pk)
    figures = {r["key"]: r for r in services.conversion_by("agent")}[target.agent.code]
    assert (
        figures["contacted"] == 1
        and figures["converted"] == 1
        and figures["si_gained"] == 1
        and figures["conversion_rate"] == 100.0
    )


def test_a_resident_unknown_to_the_registry_is_credited_once_registered(listed, client):
    case, _campaign, _first, _second, tokens = listed
    target = Target.objects.get(full_name="Bùi Thị Khánh")
    _contact(client, tokens[target.agent.code], target)
    stranger = case["stranger"]
    person = register_person(
        cccd=stranger["cccd"],
        si_number="4299999999",
        full_name=stranger["full_name"],
        birth_date=dt.date(1996, 6, 6),
        sex="female",
        commune=factories.commune(COMMUNE),
    )
    contributions.enrol_voluntary(person, 2_000_000, "other", 1, f"{TODAY:%Y-%m}")
    assert services.attribute() == 1
    assert Conversion.objects.get().person_id == person.pk


def test_an_enrolment_without_a_contact_or_before_it_is_not_credited(listed, client):
    case, _campaign, _first, _second, tokens = listed
    contributions.enrol_voluntary(case["uninsured"], 2_000_000, "near_poor", 1, f"{TODAY:%Y-%m}")
    assert services.attribute() == 0
    factories.spell(case["left"], case["unit"], TODAY - dt.timedelta(days=3))  # back at work before the visit
    target = Target.objects.get(full_name=case["left"].full_name)
    _contact(client, tokens[target.agent.code], target)
    assert services.attribute() == 0 and not Conversion.objects.exists()


def test_officers_read_the_conversion_per_campaign_agent_and_commune_through_the_api(listed, client):
    _case, campaign, first, _second, tokens = listed
    client.force_login(factories.user("manager"))
    per_campaign = client.get("/api/v1/outreach/conversion/campaign").json()
    assert per_campaign == [
        {
            "key": campaign.pk,
            "label": campaign.name,
            "targets": 7,
            "contacted": 0,
            "converted": 0,
            "si_gained": 0,
            "hi_gained": 0,
            "contact_rate": 0.0,
            "conversion_rate": None,
        }
    ]
    assert {r["key"] for r in client.get("/api/v1/outreach/conversion/agent").json()} == {first.code, _second.code}
    assert client.get("/api/v1/outreach/conversion/province").status_code == 422
    assert (
        client.get("/api/v1/outreach/conversion/agent", HTTP_AUTHORIZATION=f"Bearer {tokens[first.code]}").status_code
        == 403
    )
