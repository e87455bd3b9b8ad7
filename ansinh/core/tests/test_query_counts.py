"""The busiest pages and API endpoints answer within a query budget on a small generated province, and a list
page makes as many queries for a long list as for a short one (a query per row would show as a difference).

Each budget is the count measured when it was set plus a small margin: a change that needs more queries
raises the budget on purpose, in review, instead of slowing every visit unnoticed."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ansinh.benefits.models import BenefitCase, Entitlement
from ansinh.contributions.models import Declaration
from ansinh.core.models import ApiToken, User
from ansinh.core.roles import Role
from ansinh.health.models import Claim
from ansinh.procedures.models import Dossier, ResultDelivery, State
from ansinh.registry.models import EmploymentSpell, Person
from ansinh.testing import factories

pytestmark = pytest.mark.django_db
PEOPLE = 300
MARGIN = 3
KEEP = 2  # rows a thinned list keeps


@pytest.fixture(scope="module")
def province(django_db_setup, django_db_blocker, tmp_path_factory):
    """One generated province for the whole module; everything it wrote is rolled back afterwards."""
    with django_db_blocker.unblock(), override_settings(VAR_DIR=tmp_path_factory.mktemp("demo")), transaction.atomic():
        call_command("build_demo", people=PEOPLE, seed=5, quiet=True)  # as of this month: cards and queues current
        yield
        transaction.set_rollback(True)


def _staff(role: str) -> User:
    return User.objects.filter(role=role).order_by("id").first()


def _demo_citizen() -> Person:
    """The generated citizen with a job now (the demo also has a pensioner and a voluntary payer)."""
    return Person.objects.filter(user__isnull=False, spells__end__isnull=True).order_by("id").first()


def _citizen_with_career(months: int) -> Person:
    """A citizen whose whole career is one finished job of `months` months (the history lists each month)."""
    person = factories.person(full_name="Lê Văn Đếm")
    person.user = factories.user(Role.CITIZEN, username=person.cccd)
    person.save()
    start = dt.date(2015, 1, 1)
    end = dt.date(start.year + (months - 1) // 12, (months - 1) % 12 + 1, 28)
    factories.spell(person, factories.employer(), start, end)
    return person


def _log_in(client, who: str) -> None:
    if who == "citizen":
        client.force_login(_demo_citizen().user)
    elif who == "citizen with a year of work":
        client.force_login(_citizen_with_career(12).user)
    elif who:
        client.force_login(_staff(who))


def _request(client, url: str):
    """The visit to `url` as a call that can be repeated; "eligibility" and "dossier status" are the API calls."""
    if url == "eligibility":
        person, token = _demo_citizen(), ApiToken.issue(_staff(Role.FACILITY), "query count")[1]
        query = {"cccd": person.cccd, "full_name": person.full_name, "birth_date": person.birth_date.isoformat()}
        return lambda: client.get("/api/v1/health/eligibility", query, HTTP_AUTHORIZATION=f"Bearer {token}")
    if url == "dossier status":
        dossier = Dossier.objects.filter(person__cccd__isnull=False).order_by("id").first()
        body = {"receipt_code": dossier.receipt_code, "cccd": dossier.person.cccd}
        return lambda: client.post("/api/v1/services/status", body, content_type="application/json")
    return lambda: client.get(url)


# (who, what, budget): pages a citizen, an employer and the staff open most, and the machine clients' calls.
BUDGETS = [
    ("citizen with a year of work", "/portal/", 13 + MARGIN),
    ("citizen with a year of work", "/portal/history/", 10 + MARGIN),
    ("citizen", "/portal/card/", 7 + MARGIN),
    ("citizen", "/portal/dossiers/", 5 + MARGIN),
    ("citizen", "/portal/payments/", 7 + MARGIN),
    ("citizen", "/portal/household/", 7 + MARGIN),
    (Role.EMPLOYER, "/contributions/employer/", 28 + MARGIN),
    (Role.SERVICE_DESK, "/services/queue/", 5 + MARGIN),
    (Role.HI_ASSESSOR, "/health/claims/", 7 + MARGIN),
    # arrears per commune: units, dues, overdue and communes are four index reads (no longer one scan of every bill)
    (Role.COLLECTION_OFFICER, "/contributions/arrears/", 9 + MARGIN),
    (Role.BENEFITS_OFFICER, "/benefits/cases/", 4 + MARGIN),
    (Role.SERVICE_DESK, "/registry/people/?q=Nguy", 4 + MARGIN),
    (Role.MANAGER, "/insights/", 22 + MARGIN),
    ("", "eligibility", 5 + MARGIN),
    ("", "dossier status", 1 + MARGIN),
]


@pytest.mark.parametrize("who,what,budget", BUDGETS, ids=[f"{w or 'client'} {u}" for w, u, _ in BUDGETS])
def test_a_busy_page_answers_within_its_query_budget(
    province, client, django_assert_max_num_queries, who, what, budget
):
    _log_in(client, who)
    request = _request(client, what)
    request()  # the first visit fills the process's caches (parameters in force, menus); visitors after it do not
    with django_assert_max_num_queries(budget):
        response = request()
    assert response.status_code == 200


def _thin(queryset, **moved_out) -> int:
    """Moves all but KEEP rows out of the list (by `moved_out`, or by deleting them); how many were moved."""
    drop = list(queryset.values_list("pk", flat=True)[KEEP:])
    rows = queryset.model.objects.filter(pk__in=drop)
    if moved_out:
        rows.update(**moved_out)
    else:
        rows.delete()
    return len(drop)


def _lengthen_desk_queue() -> None:
    """A small province has few dossiers waiting at the desk: reopen some finished ones."""
    finished = Dossier.objects.filter(state__in=(State.APPROVED, State.REFUSED)).order_by("id")
    Dossier.objects.filter(pk__in=list(finished.values_list("pk", flat=True)[:20])).update(state=State.RECEIVED)


def _thin_desk_queue() -> int:
    waiting = _thin(
        Dossier.objects.filter(state__in=(State.RECEIVED, State.INFO_REQUESTED)).order_by("id"),
        state=State.APPROVED,
        delivered_on=timezone.localdate(),
    )
    to_deliver = _thin(
        Dossier.objects.filter(state__in=(State.APPROVED, State.REFUSED), delivered_on__isnull=True)
        .exclude(delivery=ResultDelivery.ONLINE)
        .order_by("id"),
        delivered_on=timezone.localdate(),
    )
    return waiting + to_deliver


def _lengthen_claims() -> None:
    """Few generated claims wait for an assessor: send some of those that needed no review to the queue."""
    passed = Claim.objects.filter(review=Claim.Review.NONE).order_by("id")
    Claim.objects.filter(pk__in=list(passed.values_list("pk", flat=True)[:20])).update(review=Claim.Review.TO_REVIEW)


def _thin_claims() -> int:
    return _thin(Claim.objects.filter(review=Claim.Review.TO_REVIEW).order_by("id"), review=Claim.Review.REVIEWED)


def _thin_cases() -> int:
    Entitlement.objects.filter(case__in=BenefitCase.objects.order_by("id")[KEEP:]).update(case=None)
    return _thin(BenefitCase.objects.order_by("id"))


def _thin_search() -> int:
    return _thin(Person.objects.filter(full_name__icontains="Nguy").order_by("id"), full_name="Đào Thị Hạnh")


def _thin_employer() -> int:
    unit_code = _staff(Role.EMPLOYER).org_code
    declarations = _thin(Declaration.objects.filter(employer__unit_code=unit_code).order_by("id"))
    workers = _thin(
        EmploymentSpell.objects.filter(employer__unit_code=unit_code, end__isnull=True).order_by("id"),
        end=timezone.localdate() - dt.timedelta(days=1),
    )
    return declarations + workers


def _as_generated() -> None:
    """The province's own lists are long enough as they were generated."""


# (who, list page, how to make its list long, how to make it short)
LISTS = [
    (Role.SERVICE_DESK, "/services/queue/", _lengthen_desk_queue, _thin_desk_queue),
    (Role.HI_ASSESSOR, "/health/claims/", _lengthen_claims, _thin_claims),
    (Role.BENEFITS_OFFICER, "/benefits/cases/", _as_generated, _thin_cases),
    (Role.SERVICE_DESK, "/registry/people/?q=Nguy", _as_generated, _thin_search),
    (Role.EMPLOYER, "/contributions/employer/", _as_generated, _thin_employer),
]


def _count(request) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert request().status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("who,url,lengthen,thin", LISTS, ids=[url for _, url, _, _ in LISTS])
def test_a_list_page_makes_as_many_queries_for_a_long_list_as_for_a_short_one(
    province, client, who, url, lengthen, thin
):
    lengthen()
    _log_in(client, who)
    request = _request(client, url)
    request()
    long_list = _count(request)
    assert thin() >= 3, "the long list must have several rows more than the short one"
    assert _count(request) == long_list


def test_the_history_page_makes_as_many_queries_for_a_long_career_as_for_a_short_one(province, client):
    counts = []
    for months in (12, 48):
        client.force_login(_citizen_with_career(months).user)
        request = _request(client, "/portal/history/")
        request()
        counts.append(_count(request))
    assert counts[0] == counts[1]
