"""Pages: the facility's claims (upload, submissions), the assessors' queue and claim review, cost monitoring."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ansinh.core import audit, nav
from ansinh.core.api_errors import DomainError
from ansinh.core.roles import Role
from ansinh.health import claims as claim_cases
from ansinh.health import intake, monitoring, review
from ansinh.health.assessment.rules import LABELS
from ansinh.health.models import Claim, EligibilityCheck, Facility, Outcome, Submission
from ansinh.health.xml130 import EnvelopeRejected

ASSESSORS = (Role.HI_ASSESSOR, Role.MANAGER, Role.ADMINISTRATOR)


def _require(request, *roles) -> None:
    if not request.user.has_role(*roles):
        raise PermissionDenied


@nav.guard("health:facility")
def facility_home(request):
    facility = get_object_or_404(Facility, code=request.user.org_code)
    errors = []
    if request.method == "POST":
        upload = request.FILES.get("envelope")
        try:
            if upload is None:
                raise EnvelopeRejected([_error(_("Choose the XML file to send."))])
            limit = intake.limits_in_force().envelope_bytes
            if upload.size > limit:
                raise EnvelopeRejected([_error(_("the envelope is %(n)s bytes, above the limit of %(max)s bytes") % {"n": upload.size, "max": limit})])
            submission = claim_cases.submit_claims(upload.read(), request.user, channel="upload")
            messages.success(request, _("Envelope received: %(stored)s records stored and assessed, %(refused)s refused.")
                             % {"stored": submission.claims, "refused": submission.refused})
            return redirect("health:submission", pk=submission.pk)
        except EnvelopeRejected as exc:
            errors = exc.errors
    return render(request, "health/facility.html", {
        "facility": facility, "errors": errors, "submissions": Submission.objects.filter(facility=facility)[:20],
        "checks": EligibilityCheck.objects.filter(facility_code=facility.code).order_by("-at")[:10]})


def _error(reason: str):
    from ansinh.health.xml130 import ClaimError

    return ClaimError("", "GIAMDINHHS", "", reason)


@login_required
def submission_detail(request, pk: int):
    submission = get_object_or_404(Submission.objects.select_related("facility"), pk=pk)
    if request.user.has_role(Role.FACILITY) and not request.user.is_superuser:
        if submission.facility.code != request.user.org_code:
            audit.record("denied", "health.submission", pk, "another facility's submission")
            raise PermissionDenied
    else:
        _require(request, *ASSESSORS)
    return render(request, "health/submission.html", {"submission": submission, "result": claim_cases.submission_result(submission),
                                                      "facility_view": request.user.has_role(Role.FACILITY)})


@login_required
def format_rules(request):
    """The field rules of the claims standard as An Sinh applies them, with their sources (from the data tables)."""
    from ansinh.health.xml130 import spec

    return render(request, "health/format.html", {"tables": spec.tables(), "rules": spec.rules(), "codes": spec.codes(),
                                                  "code_sources": spec.code_sources()})


@nav.guard("health:queue")
def queue(request):
    claims = review.queue(request.GET.get("facility", ""), request.GET.get("rule", ""))
    page = Paginator(claims.prefetch_related("findings"), 30).get_page(request.GET.get("page"))
    return render(request, "health/queue.html", {"page": page, "rules": LABELS.items(), "filters": request.GET,
                                                 "facilities": Facility.objects.filter(claims__review="to_review").distinct()})


@nav.guard("health:queue")
def claim_detail(request, pk: int):
    claim = get_object_or_404(Claim.objects.select_related("facility", "person", "submission"), pk=pk)
    if claim.person:
        audit.record_read(request, claim.person, f"HI claim {claim}")
    lines = claim.lines.prefetch_related("findings").order_by("table", "stt")
    return render(request, "health/claim.html", {
        "claim": claim, "lines": lines, "claim_findings": claim.findings.filter(line__isnull=True),
        "details": claim.details.all(), "versions": claim.versions.select_related("submission"),
        "reviews": claim.reviews.select_related("reviewer"), "decisions": review.DECISIONS, "errors": {}})


@nav.guard("health:queue")
@require_POST
def claim_decide(request, pk: int):
    claim = get_object_or_404(Claim, pk=pk)
    try:
        amount = int(request.POST.get("fund_amount") or 0)
        review.decide(claim, request.user, request.POST.get("outcome", ""), amount, request.POST.get("reason", ""))
    except (DomainError, ValueError) as exc:
        messages.error(request, "; ".join(e.message for e in exc.errors) if isinstance(exc, DomainError) else _("The amount must be a whole number of đồng."))
        return redirect("health:claim", pk=pk)
    messages.success(request, _("Decision recorded for claim %(key)s.") % {"key": claim.ma_lk})
    return redirect("health:queue")


@nav.guard("health:monitoring")
def cost_monitoring(request):
    months = monitoring.months_with_claims()
    busiest = max(months, key=lambda m: m[2], default=None)  # a month just begun would show almost nothing
    chosen = request.GET.get("month") or (f"{busiest[0]}-{busiest[1]:02d}" if busiest else timezone.localdate().strftime("%Y-%m"))
    try:
        year, month = (int(part) for part in chosen.split("-"))
    except ValueError:
        year, month = timezone.localdate().year, timezone.localdate().month
    return render(request, "health/monitoring.html", {
        "months": [f"{y}-{m:02d}" for y, m, _n in months], "chosen": f"{year}-{month:02d}", "outcomes": Outcome,
        "facilities": monitoring.cost_by_facility(year, month), "diagnoses": monitoring.cost_by_diagnosis(year, month)[:20],
        "settlement": monitoring.settlement(year, month)})


@nav.guard("health:monitoring")
@require_POST
def settle(request):
    """Close a facility's month: its assessed claims are settled and can no longer be replaced by a new version."""
    facility = get_object_or_404(Facility, code=request.POST.get("facility", ""))
    try:
        year, month = (int(part) for part in request.POST.get("month", "").split("-"))
    except ValueError:
        messages.error(request, _("Choose the month to settle."))
        return redirect("health:monitoring")
    settled = claim_cases.settle_month(facility, year, month, request.user)
    messages.success(request, _("%(n)s claims of %(code)s settled for %(month)s.") % {"n": settled, "code": facility.code, "month": f"{year}-{month:02d}"})
    return redirect(f"{reverse('health:monitoring')}?month={year}-{month:02d}")
