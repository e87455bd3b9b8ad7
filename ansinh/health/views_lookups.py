"""Assessors' page: the coverage look-ups facilities made at their counters, and one person's card by CCCD."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from ansinh.core import audit, nav
from ansinh.health import rules, services
from ansinh.health.messages import RESULT_MESSAGES
from ansinh.health.models import EligibilityCheck, Facility
from ansinh.registry.models import Person


def _person_card(request, cccd: str) -> dict | None:
    """The card of the person with this CCCD (the read is audited), or None when there is no such person."""
    person = Person.objects.filter(cccd=cccd).first() if rules.CCCD.match(cccd) else None
    if person is None:
        return None
    audit.record_read(request, person, "HI coverage look-up")
    return {
        "person": person,
        "coverage": services.coverage_for(person, timezone.localdate()),
        "checks": services.eligibility_checks_for(person, limit=20),
    }


@nav.guard("health:lookups")
def lookups(request):
    facility, result = request.GET.get("facility", ""), request.GET.get("result", "")
    checks = EligibilityCheck.objects.order_by("-at", "-id")
    if facility:
        checks = checks.filter(facility_code=facility)
    if result:
        checks = checks.filter(result_code=result)
    page = Paginator(checks.select_related("person"), 50).get_page(request.GET.get("page"))
    if page.object_list:
        audit.record_list_read(
            request,
            [check.person_id for check in page if check.person_id],
            "registry.person",
            "eligibility checks list",
        )
    names = dict(Facility.objects.filter(code__in={c.facility_code for c in page}).values_list("code", "name"))
    cccd = request.GET.get("cccd", "").strip()
    return render(
        request,
        "health/lookups.html",
        {
            "page": page,
            "names": names,
            "filters": request.GET,
            "messages_by_code": RESULT_MESSAGES,
            "codes": sorted(RESULT_MESSAGES),
            "cccd": cccd,
            "card": _person_card(request, cccd) if cccd else None,
        },
    )
