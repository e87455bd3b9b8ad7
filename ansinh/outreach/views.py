"""Outreach pages for collection officers and managers; thin over ansinh.outreach.services."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ansinh.core import audit, nav
from ansinh.core.errors import DomainError
from ansinh.core.page_errors import show_errors
from ansinh.geo.models import Area, Commune
from ansinh.outreach import lists, services
from ansinh.outreach.models import Agent, Campaign, Contact, ContactChannel, Outcome, Reason, Target

# Every outreach page is open to whoever may open its home (collection officers, managers): ansinh.core.nav.
GUARD = nav.guard("outreach:home")
SHOWN_TARGETS = 500


@GUARD
def home(request):
    run = services.latest_run()
    area = request.GET.get("area", "")
    context = {
        "run": run,
        "rows": services.prospects_by_commune(run, area),
        "area": area,
        "reasons": Reason.choices,
        "areas": Area.objects.order_by("code"),
        "communes": Commune.objects.select_related("area").order_by("code"),
        "campaigns": Campaign.objects.select_related("commune")[:50],
    }
    return render(request, "outreach/home.html", context)


@GUARD
@require_POST
def compute(request):
    run = services.compute_prospects(by_user=request.user)
    messages.success(
        request, _("%(n)s prospects computed as of %(on)s.") % {"n": f"{sum(run.counts.values()):,}", "on": run.on}
    )
    return redirect("outreach:home")


@GUARD
@require_POST
def start(request):
    try:
        campaign = services.start_campaign(
            request.POST.get("name", ""),
            request.POST.get("commune", ""),
            request.POST.get("segment", ""),
            by_user=request.user,
        )
    except DomainError as error:
        show_errors(request, error)
        return redirect("outreach:home")
    return redirect("outreach:campaign", campaign.pk)


@GUARD
def campaign(request, pk: int):
    item = get_object_or_404(Campaign.objects.select_related("commune"), pk=pk)
    targets = list(
        Target.objects.filter(campaign=item)
        .select_related("agent")
        .prefetch_related("contacts", "conversions")[:SHOWN_TARGETS]
    )
    audit.record_read(request, item, f"outreach list of campaign {item.pk} ({len(targets)} people shown)")
    context = {
        "campaign": item,
        "targets": targets,
        "agents": services.conversion_by("agent", [item.pk]),
        "totals": (services.conversion_by("campaign", [item.pk]) or [None])[0],
        "shown": SHOWN_TARGETS,
        "outcomes": Outcome.choices,
        "channels": ContactChannel.choices,
        "today": timezone.localdate(),
        "formats": list(lists.FORMATS),
    }
    return render(request, "outreach/campaign.html", context)


@GUARD
def agent_list(request, pk: int, agent: str, fmt: str):
    if fmt not in lists.FORMATS:
        raise Http404
    item = get_object_or_404(Campaign, pk=pk)
    who = get_object_or_404(Agent, code=agent)
    body = lists.WRITERS[fmt](item, who)
    audit.record_read(request, item, f"outreach list of {who.code} downloaded as {fmt}")
    response = HttpResponse(body, content_type=lists.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="outreach-{item.pk}-{who.code}.{fmt}"'
    return response


@GUARD
@require_POST
def contact(request, pk: int):
    """An officer records a contact an agent reported by phone or on paper."""
    target = get_object_or_404(Target.objects.select_related("campaign", "agent"), pk=pk)
    try:
        on = dt.date.fromisoformat(request.POST.get("contacted_on", ""))
    except ValueError:
        messages.error(request, _("The contact date must be a date (YYYY-MM-DD)."))
        return redirect("outreach:campaign", target.campaign_id)
    try:
        services.record_contact(
            target,
            target.agent,
            on,
            request.POST.get("channel", ""),
            request.POST.get("outcome", ""),
            request.POST.get("note", ""),
            request.POST.get("client_ref", ""),
            by_user=request.user,
        )
        messages.success(request, _("Contact recorded."))
    except DomainError as error:
        show_errors(request, error)
    return redirect("outreach:campaign", target.campaign_id)


@GUARD
@require_POST
def close(request, pk: int):
    services.close_campaign(get_object_or_404(Campaign, pk=pk))
    return redirect("outreach:campaign", pk)


@GUARD
def results(request):
    context = {
        "by_campaign": services.conversion_by("campaign"),
        "by_agent": services.conversion_by("agent"),
        "by_commune": services.with_targets(services.conversion_by("commune")),
        "contacts": Contact.objects.count(),
    }
    return render(request, "outreach/results.html", context)


@GUARD
@require_POST
def attribute(request):
    found = services.attribute()
    messages.success(request, _("%(n)s new enrolments credited to contacts.") % {"n": found})
    return redirect("outreach:results")
