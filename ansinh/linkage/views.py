"""Pages of the review queue: the latest reconciliation's findings, one finding side by side with its
candidates, and the decisions (accept/reject a correction, accept all, choose a candidate, bulk)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ansinh.core import audit, nav
from ansinh.core.errors import DomainError
from ansinh.core.page_errors import show_errors
from ansinh.linkage import review, services
from ansinh.linkage.models import Finding, Outcome
from ansinh.linkage.presenters import area_rows, side_by_side

PAGE = 50


@nav.guard("linkage:queue")
def queue(request):
    run = services.latest_run()
    findings = Finding.objects.none()
    if run is not None:
        findings = _filtered(run, request.GET)
    page = Paginator(findings.select_related("person").prefetch_related("corrections"), PAGE).get_page(
        request.GET.get("page")
    )
    if page.object_list:
        audit.record_list_read(
            request, [finding.person_id for finding in page], "registry.person", "reconciliation queue"
        )
    return render(
        request,
        "linkage/queue.html",
        {
            "run": run,
            "page": page,
            "areas": area_rows(run) if run else [],
            "outcomes": Outcome.choices,
            "statuses": Finding.Status.choices,
            "filters": request.GET,
            "can_bulk": nav.may_open(request.user, "linkage:bulk_accept"),
        },
    )


def _filtered(run, params):
    findings = Finding.objects.filter(run=run)
    if params.get("outcome") in Outcome.values:
        findings = findings.filter(outcome=params["outcome"])
    status = params.get("status", Finding.Status.OPEN)
    if status in Finding.Status.values:
        findings = findings.filter(status=status)
    if params.get("area"):
        findings = findings.filter(area_code=params["area"])
    return findings.order_by("-match_probability", "id")


@nav.guard("linkage:queue")
def finding_detail(request, pk: int):
    finding = get_object_or_404(Finding.objects.select_related("person__commune", "run"), pk=pk)
    audit.record_read(request, finding.person, "reconciliation finding")
    candidates = list(finding.candidates.all())
    return render(
        request,
        "linkage/finding.html",
        {
            "finding": finding,
            "rows": side_by_side(finding.person, candidates),
            "candidates": candidates,
            "corrections": finding.corrections.select_related("decided_by"),
            "can_choose": finding.status == Finding.Status.OPEN and finding.outcome != Outcome.MATCH,
        },
    )


def _decision(request, action, *args):
    try:
        action(*args, by_user=request.user)
    except DomainError as error:
        show_errors(request, error)
        return False
    return True


@nav.guard("linkage:queue")
@require_POST
def accept_correction(request, pk: int, correction_pk: int):
    if _decision(request, review.accept, correction_pk):
        messages.success(request, _("Correction accepted; the registry is updated."))
    return redirect("linkage:finding", pk=pk)


@nav.guard("linkage:queue")
@require_POST
def reject_correction(request, pk: int, correction_pk: int):
    if _decision(request, review.reject, correction_pk):
        messages.success(request, _("Correction rejected."))
    return redirect("linkage:finding", pk=pk)


@nav.guard("linkage:queue")
@require_POST
def accept_all(request, pk: int):
    if _decision(request, review.accept_finding, pk):
        messages.success(request, _("All proposed corrections accepted."))
    return redirect("linkage:finding", pk=pk)


@nav.guard("linkage:queue")
@require_POST
def choose(request, pk: int, candidate_pk: int):
    if _decision(request, review.choose_candidate, pk, candidate_pk):
        messages.success(request, _("Candidate chosen: review the proposed corrections."))
    return redirect("linkage:finding", pk=pk)


@nav.guard("linkage:queue")
@require_POST
def dismiss(request, pk: int):
    if _decision(request, review.dismiss, pk):
        messages.success(request, _("Finding closed without changing the registry."))
    return redirect("linkage:queue")


@nav.guard("linkage:bulk_accept")
@require_POST
def bulk_accept(request):
    run = services.latest_run()
    try:
        threshold = float(request.POST.get("min_probability", "")) / 100
    except ValueError:
        threshold = -1
    if run is None or not 0.5 <= threshold <= 1:
        messages.error(request, _("Give a probability between 50 and 100 percent."))
        return redirect("linkage:queue")
    counts = review.accept_above(run, threshold, by_user=request.user)
    messages.success(
        request,
        _("%(accepted)s records corrected; %(skipped)s left for review (a conflict or a changed record).") % counts,
    )
    return redirect("linkage:queue")
