"""Pages: the facility's claims (upload, submissions), the assessors' queue and claim review, cost monitoring."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ansinh.core import audit, nav
from ansinh.core.errors import DomainError
from ansinh.core.page_errors import show_errors
from ansinh.core.roles import Role
from ansinh.geo.models import Area
from ansinh.health import claims as claim_cases
from ansinh.health import intake, monitoring, monitoring_table, review
from ansinh.health.assessment.rules import LABELS
from ansinh.health.models import Claim, EligibilityCheck, Facility, Submission
from ansinh.health.xml130 import EnvelopeRejected, Refusal
from ansinh.policy.services import params_on


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
                raise EnvelopeRejected(
                    [
                        _error(
                            _("the envelope is %(n)s bytes, above the limit of %(max)s bytes")
                            % {"n": upload.size, "max": limit}
                        )
                    ]
                )
            submission = claim_cases.submit_claims(upload.read(), request.user, channel="upload")
            messages.success(
                request,
                _("Envelope received: %(stored)s records stored and assessed, %(refused)s refused.")
                % {"stored": submission.claims, "refused": submission.refused},
            )
            return redirect("health:submission", pk=submission.pk)
        except EnvelopeRejected as exc:
            errors = exc.errors
    return render(
        request,
        "health/facility.html",
        {
            "facility": facility,
            "errors": errors,
            "submissions": Submission.objects.filter(facility=facility)[:20],
            "checks": EligibilityCheck.objects.filter(facility_code=facility.code).order_by("-at")[:10],
        },
    )


def _error(reason: str):
    return Refusal("", "GIAMDINHHS", "", reason)


@nav.guard("health:submission")
def submission_detail(request, pk: int):
    submission = get_object_or_404(Submission.objects.select_related("facility"), pk=pk)
    # the table lets facilities in; each one sees only its own submissions
    own_facility_only = request.user.has_role(Role.FACILITY) and not request.user.is_superuser
    if own_facility_only and submission.facility.code != request.user.org_code:
        audit.record("denied", "health.submission", pk, "another facility's submission")
        raise PermissionDenied
    return render(
        request,
        "health/submission.html",
        {
            "submission": submission,
            "result": claim_cases.submission_result(submission),
            "facility_view": request.user.has_role(Role.FACILITY),
        },
    )


@login_required
def format_rules(request):
    """The field rules of the claims standard as An Sinh applies them, with their sources (from the data tables)."""
    from ansinh.health.xml130 import spec

    return render(
        request,
        "health/format.html",
        {"tables": spec.tables(), "rules": spec.rules(), "codes": spec.codes(), "code_sources": spec.code_sources()},
    )


@nav.guard("health:queue")
def queue(request):
    claims = review.queue(request.GET.get("facility", ""), request.GET.get("rule", ""))
    page = Paginator(claims.prefetch_related("findings"), 30).get_page(request.GET.get("page"))
    if page.object_list:
        audit.record_list_read(
            request, [claim.person_id for claim in page if claim.person_id], "registry.person", "HI claims queue"
        )
    return render(
        request,
        "health/queue.html",
        {
            "page": page,
            "rules": LABELS.items(),
            "filters": request.GET,
            "facilities": Facility.objects.filter(claims__review="to_review").distinct(),
        },
    )


@nav.guard("health:queue")
def claim_detail(request, pk: int):
    claim = get_object_or_404(Claim.objects.select_related("facility", "person", "submission"), pk=pk)
    if claim.person:
        audit.record_read(request, claim.person, f"HI claim {claim}")
    lines = claim.lines.prefetch_related("findings").order_by("table", "stt")
    return render(
        request,
        "health/claim.html",
        {
            "claim": claim,
            "lines": lines,
            "claim_findings": claim.findings.filter(line__isnull=True),
            "details": claim.details.all(),
            "versions": claim.versions.select_related("submission"),
            "reviews": claim.reviews.select_related("reviewer"),
            "decisions": review.DECISIONS,
            "errors": {},
        },
    )


@nav.guard("health:queue")
@require_POST
def claim_decide(request, pk: int):
    claim = get_object_or_404(Claim, pk=pk)
    try:
        amount = int(request.POST.get("fund_amount") or 0)
        review.decide(claim, request.user, request.POST.get("outcome", ""), amount, request.POST.get("reason", ""))
    except DomainError as exc:
        show_errors(request, exc)
        return redirect("health:claim", pk=pk)
    except ValueError:
        messages.error(request, _("The amount must be a whole number of đồng."))
        return redirect("health:claim", pk=pk)
    messages.success(request, _("Decision recorded for claim %(key)s.") % {"key": claim.ma_lk})
    return redirect("health:queue")


class MonitoringFilters(forms.Form):
    """The page's filters; a value that is not one of the choices is reported on the form and ignored."""

    view = forms.ChoiceField(
        label=gettext_lazy("Table"),
        required=False,
        choices=[
            ("costs", gettext_lazy("Costs per facility")),
            ("diagnoses", gettext_lazy("Outliers by diagnosis group")),
            ("settlement", gettext_lazy("Settlement")),
        ],
    )
    month = forms.ChoiceField(label=gettext_lazy("Month"), required=False)
    area = forms.ChoiceField(label=gettext_lazy("Area"), required=False)
    level = forms.ChoiceField(label=gettext_lazy("Facility level"), required=False)
    q = forms.CharField(
        label=gettext_lazy("Facility code or name"), required=False, max_length=monitoring_table.MAX_QUERY
    )

    def __init__(self, data, months: list[str]):
        super().__init__(data)
        self.fields["month"].choices = [(m, f"{m[5:]}/{m[:4]}") for m in months]
        self.fields["area"].choices = [("", _("All areas"))] + list(
            Area.objects.order_by("name").values_list("code", "name")
        )
        self.fields["level"].choices = [("", _("All levels"))] + list(Facility.Level.choices)

    def value(self, name: str, default: str = "") -> str:
        """The field's clean value; a field with an error (shown on the form) counts as not chosen."""
        if not self.is_bound:
            return default
        self.is_valid()
        return self.cleaned_data.get(name) or default


def _chosen_month(months: list[tuple[int, int, int]], form: MonitoringFilters) -> tuple[int, int]:
    busiest = max(months, key=lambda m: m[2], default=None)  # a month just begun would show almost nothing
    chosen = form.value("month") or (
        f"{busiest[0]}-{busiest[1]:02d}" if busiest else timezone.localdate().strftime("%Y-%m")
    )
    return int(chosen[:4]), int(chosen[5:7])


def _export(view: str, rows: list[dict], chosen: str, kind: str):
    headings, cells = monitoring_table.table(view, rows, dict(Facility.Level.choices))
    title = _(monitoring_table.VIEWS[view][0])
    name = f"hi-{view}-{chosen}"
    if kind == "xlsx":
        response = HttpResponse(
            monitoring_table.to_xlsx(title, headings, cells),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    else:
        response = HttpResponse(monitoring_table.to_csv(headings, cells), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@nav.guard("health:monitoring")
def cost_monitoring(request):
    months = monitoring.months_with_claims()
    form = MonitoringFilters(request.GET or None, [f"{y}-{m:02d}" for y, m, _n in months])
    view = form.value("view", "costs")
    year, month = _chosen_month(months, form)
    chosen = f"{year}-{month:02d}"
    rows = monitoring_table.filtered(
        monitoring_table.rows_for(view, year, month), form.value("area"), form.value("level"), form.value("q")
    )
    sort = monitoring_table.sort_key(view, request.GET.get("sort", ""))
    rows = monitoring_table.sorted_rows(rows, sort)
    if request.GET.get("export") in ("csv", "xlsx"):
        return _export(view, rows, chosen, request.GET["export"])
    threshold = float(params_on(timezone.localdate()).raw("health.monitoring.outlier_ratio"))
    query = request.GET.copy()
    for key in ("page", "sort", "export"):
        query.pop(key, None)
    return render(
        request,
        "health/monitoring.html",
        {
            "form": form,
            "view": view,
            "chosen": chosen,
            "sort": sort,
            "columns": monitoring_table.columns(view),
            "page": Paginator(rows, monitoring_table.PAGE_SIZE).get_page(request.GET.get("page")),
            "total": len(rows),
            "chart": monitoring_table.chart(rows, threshold) if view == "costs" else None,
            "query": query.urlencode(),
            "levels": dict(Facility.Level.choices),
            "title": _(monitoring_table.VIEWS[view][0]),
        },
    )


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
    messages.success(
        request,
        _("%(n)s claims of %(code)s settled for %(month)s.")
        % {"n": settled, "code": facility.code, "month": f"{year}-{month:02d}"},
    )
    return redirect(f"{reverse('health:monitoring')}?month={year}-{month:02d}")
