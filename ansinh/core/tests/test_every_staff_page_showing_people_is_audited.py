"""Every staff page of the permission table (ansinh/core/nav.py) either writes a read event naming the records it
showed, or is on the list of pages that show nobody's personal data, with the reason. A page added to the table
must be put on one of the two lists; the exempt pages are opened with a person's data everywhere and must not
show it."""

import pytest

from ansinh.core import nav
from ansinh.core.models import AuditEvent
from ansinh.core.roles import STAFF_ROLES, Role
from ansinh.testing import factories

pytestmark = pytest.mark.django_db

NAME = "Hồ Thị Kiểm Toán"

# page -> the summary of its read event (the records shown are in the event's changes)
AUDITED = {
    "registry:people": "person search",
    "linkage:queue": "reconciliation queue",
    "contributions:suspense": "suspense queue",
    "benefits:cases": "benefit case list",
    "health:queue": "HI claims queue",
    "health:lookups": "eligibility checks list",
    "services:queue": "dossier queue",
    "assistant:feedback": "assistant feedback with personal answers",
    "feedback:queue": "feedback queue",
}
EXEMPT = {
    "home": "a staff member's start page: links and counts of work waiting",
    "insights:dashboard": "figures per area and month only",
    "admin:index": "links to the admin lists; its person list and records write their own read events",
    "registry:employers": "employer units: organisations, not people",
    "contributions:arrears": "ratios per area and employer units in arrears",
    "contributions:statements": "the imported files' names and counts; each file's page writes a read event",
    "outreach:home": "prospect counts per commune and campaign names; a campaign's list of people writes a read event",
    "benefits:runs": "payroll totals per channel and status; the files hold the people",
    "health:monitoring": "costs per facility",
    "services:walk_in": "an empty form; filing the dossier is recorded as a change",
}
QUERY = {"registry:people": {"q": NAME}}


def _staff_pages() -> list[nav.Page]:
    """The staff pages of the menu: a page without a label (an action, a record's detail) is reached from one."""
    return [page for page in nav.PAGES if page.label and page.roles & STAFF_ROLES]


def _role_for(page: nav.Page) -> str:
    return sorted(page.roles & STAFF_ROLES)[0]


@pytest.fixture
def someone_everywhere(db):
    """A person whose data is in every staff list: a case, a check, a dossier, a claim, a payment, feedback…"""
    from ansinh.assistant.models import Exchange
    from ansinh.benefits import services as benefits
    from ansinh.contributions.models import Payment
    from ansinh.feedback import services as feedback
    from ansinh.health.assessment.run import run_assessment
    from ansinh.health.models import EligibilityCheck
    from ansinh.health.tests.claim_helpers import claim, covered, line, send
    from ansinh.linkage.models import Finding, PopulationExtract, ReconciliationRun
    from ansinh.procedures.tests.helpers import file_online

    person = factories.person(full_name=NAME)
    citizen = factories.user("citizen")
    benefits.open_case(person, "funeral", factories.user("benefits_officer"))
    EligibilityCheck.objects.create(facility_code="42001", person=person, query="042•••123", result_code="000")
    file_online(person)
    feedback.submit(
        kind="question",
        subject=f"{NAME} hỏi về lương hưu",
        text="…",
        channel="portal",
        person=person,
        contact_name=NAME,
    )
    Payment.objects.create(
        source="bank",
        reference="FT1",
        received_on="2026-01-05",
        amount=500_000,
        payer_text=f"{NAME} dong BHXH",
        debtor_name=NAME,
        status=Payment.Status.SUSPENSE,
        suspense_reason="no_code",
    )
    Exchange.objects.create(
        question="how much did I pay?",
        lang="en",
        answer=f"{NAME}, you paid 1,000,000 đồng.",
        kind="personal",
        confidence=1.0,
        user=citizen,
        helpful=False,
    )
    extract = PopulationExtract.objects.create(file_name="x.csv", sha256="0" * 64, parquet_path="x.parquet", rows=1)
    Finding.objects.create(
        run=ReconciliationRun.objects.create(extract=extract),
        person=person,
        commune_code="43601",
        area_code="436",
        outcome="not_found",
        method="exact",
    )
    send([claim(covered(full_name=NAME), items=[line("02.1897", price=60_000)])])
    run_assessment()
    return person


def _open(client, page: nav.Page):
    role = _role_for(page)
    client.force_login(
        factories.user(role, is_staff=role == Role.ADMINISTRATOR, is_superuser=role == Role.ADMINISTRATOR)
    )
    from django.urls import reverse

    response = client.get(reverse(page.url_name), QUERY.get(page.url_name, {}))
    assert response.status_code == 200, page.url_name
    return response


def test_every_staff_page_is_either_audited_or_exempt_with_a_reason():
    names = {page.url_name for page in _staff_pages()}
    assert names == set(AUDITED) | set(EXEMPT)
    assert not set(AUDITED) & set(EXEMPT)
    assert all(reason.strip() for reason in EXEMPT.values())


@pytest.mark.parametrize("url_name", sorted(AUDITED))
def test_an_audited_page_records_the_people_it_showed(client, someone_everywhere, url_name):
    _open(client, nav.page(url_name))
    event = AuditEvent.objects.get(action="read", summary=AUDITED[url_name])
    assert event.changes["shown"], url_name


@pytest.mark.parametrize("url_name", sorted(EXEMPT))
def test_an_exempt_page_shows_no_ones_personal_data(client, someone_everywhere, url_name):
    html = _open(client, nav.page(url_name)).content.decode()
    assert NAME not in html and someone_everywhere.cccd not in html, url_name
