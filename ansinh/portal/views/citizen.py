"""The citizen's own pages: home cards, SI history, HI card, eligibility checks, benefits, dossiers, statement."""

from __future__ import annotations

import segno
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from ansinh.core import nav
from ansinh.core.middleware import allow_inline_style, style_nonce
from ansinh.core.page_errors import denied
from ansinh.core.roles import Role
from ansinh.portal import history, sources, statement
from ansinh.portal.views.access import own_person


@login_required
def home(request):
    if request.user.role == Role.EMPLOYER:
        return redirect("contributions:employer")
    person = own_person(request)
    today = timezone.localdate()
    checks = sources.eligibility_checks(person, limit=3)
    return render(
        request,
        "portal/home.html",
        {
            "person": person,
            "totals": sources.si_totals(person),
            "coverage": sources.coverage(person, today),
            "checks": checks,
            "entitlements": sources.entitlements(person),
            "payments": (sources.payments(person) or [])[:3],
            "benefits_available": sources.offers("benefits", "entitlements_for"),
            "health_available": sources.offers("health", "coverage_for"),
            "dossiers": sources.dossiers(person=person)[:3],
        },
    )


@login_required
def si_history(request):
    person = own_person(request)
    rows = sources.si_history(person) or []
    return render(
        request,
        "portal/history.html",
        {
            "person": person,
            "totals": sources.si_totals(person),
            "years": history.by_year(history.with_gaps(rows)),
        },
    )


def _qr_svg(coverage: dict, person) -> str:
    payload = "|".join(
        [
            coverage.get("card_code") or "",
            person.full_name,
            f"{person.birth_date:%d/%m/%Y}",
            coverage["registered_facility"]["code"],
            f"{coverage['valid_to']:%d/%m/%Y}",
        ]
    )
    return segno.make(payload, error="m").svg_inline(
        scale=4, dark="#083f78", omitsize=True
    )  # viewBox only: CSS sizes it


@login_required
def hi_card(request):
    person = own_person(request)
    coverage = sources.coverage(person, timezone.localdate())
    qr = mark_safe(_qr_svg(coverage, person)) if coverage else ""
    return render(
        request,
        "portal/card.html",
        {
            "person": person,
            "coverage": coverage,
            "qr": qr,
            "health_available": sources.offers("health", "coverage_for"),
            "checks": sources.eligibility_checks(person),
        },
    )


@login_required
def card_qr(request):
    """The card's QR code full screen, for the clinic counter; kept offline by card_qr_worker."""
    person = own_person(request)
    coverage = sources.coverage(person, timezone.localdate())
    qr = mark_safe(_qr_svg(coverage, person)) if coverage else ""
    nonce = style_nonce()
    response = render(
        request,
        "portal/card_qr.html",
        {"person": person, "coverage": coverage, "qr": qr, "shown_at": timezone.localtime(), "style_nonce": nonce},
    )
    allow_inline_style(response, nonce)
    response["Cache-Control"] = "private, no-cache"
    return response


def card_qr_worker(request):
    """The service worker of the card QR page: served from the page's own path so that its scope is that page."""
    response = render(
        request,
        "portal/card_qr_worker.js",
        {"page_url": reverse("portal:card_qr")},
        content_type="text/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    return response


@nav.guard("benefits:me")
def benefits(request):
    """The citizen's benefits have one page, in the benefits app; this older address leads there."""
    return redirect("benefits:me")


@login_required
def dossiers(request):
    person = own_person(request)
    return render(request, "portal/dossiers.html", {"dossiers": sources.dossiers(person=person)})


@login_required
def si_statement(request, si_number: str):
    person = own_person(request)
    if si_number != person.si_number:
        raise denied(request, "registry.person", si_number)
    rows = sources.si_history(person) or []
    totals = sources.si_totals(person) or {"years": 0, "months": 0}
    pdf = statement.render(person, rows, totals, timezone.localdate())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="qua-trinh-bhxh-{person.si_number}.pdf"'
    return response


@nav.guard("portal:household")
def household(request):
    person = own_person(request)
    return render(
        request,
        "portal/household.html",
        {"person": person, "members": sources.household_cards(person, timezone.localdate())},
    )


@nav.guard("portal:payments")
def participant_payments(request):
    person = own_person(request)
    return render(
        request,
        "portal/payments.html",
        {
            "person": person,
            "bills": sources.participant_bills(person),
            "payments": sources.participant_payments(person),
        },
    )
