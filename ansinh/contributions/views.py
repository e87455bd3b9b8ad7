"""Pages: the employer portal (its own unit only) and the collection officer's suspense queue and arrears."""
from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ansinh.contributions import arrears, portal, templates_files
from ansinh.contributions.declaration_service import submit
from ansinh.contributions.models import Declaration, Payment
from ansinh.contributions.payments import assign_suspense
from ansinh.core import audit
from ansinh.core.api_errors import DomainError
from ansinh.core.periods import Period
from ansinh.core.roles import Role
from ansinh.geo.models import Area
from ansinh.registry.models import Employer

OFFICERS = (Role.COLLECTION_OFFICER, Role.MANAGER, Role.ADMINISTRATOR)
MAX_UPLOAD = 5 * 1024 * 1024


def _own_unit(request) -> Employer:
    if request.user.role != Role.EMPLOYER:
        raise PermissionDenied
    unit = Employer.objects.filter(unit_code=request.user.org_code).select_related("area").first()
    if unit is None:
        raise Http404
    return unit


def _officer(request) -> None:
    if not request.user.has_role(*OFFICERS):
        raise PermissionDenied


@login_required
def employer_home(request):
    unit = _own_unit(request)
    if request.method == "POST":
        return _upload(request, unit)
    context = portal.employer_overview(unit, dt.date.today())
    return render(request, "contributions/employer_home.html", {"unit": unit, **context})


def _upload(request, unit):
    upload = request.FILES.get("file")
    if upload is None or upload.size > MAX_UPLOAD:
        messages.error(request, _("Choose a CSV or XLSX file of at most 5 MB."))
        return redirect("contributions:employer")
    declaration = submit(unit, upload.name, upload.read(), by_user=request.user)
    if declaration.status == Declaration.Status.ACCEPTED:
        messages.success(request, _("Declaration accepted: %(n)s changes applied.") % {"n": sum(declaration.changes.values())})
    else:
        messages.error(request, _("Declaration rejected: nothing was changed. Correct the rows below and send the file again."))
    return redirect("contributions:declaration", pk=declaration.pk)


@login_required
def declaration_detail(request, pk: int):
    declaration = get_object_or_404(Declaration.objects.select_related("employer", "submitted_by"), pk=pk)
    is_own = request.user.has_role(Role.EMPLOYER) and request.user.org_code == declaration.employer.unit_code
    if not (is_own or request.user.has_role(*OFFICERS)):
        audit.record("denied", "contributions.declaration", pk, "declaration of another unit", actor=audit.actor_from_request(request))
        raise Http404
    return render(request, "contributions/declaration_detail.html", {"declaration": declaration})


@login_required
def declaration_template(request, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    content, content_type = templates_files.template(fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="mau-khai-bao-lao-dong.{fmt}"'
    return response


@login_required
def suspense(request):
    _officer(request)
    queue = Payment.objects.filter(status=Payment.Status.SUSPENSE).order_by("received_on", "id")
    return render(request, "contributions/suspense.html", {"queue": queue})


@login_required
@require_POST
def assign(request, pk: int):
    _officer(request)
    payment = get_object_or_404(Payment, pk=pk)
    code = request.POST.get("payer_code", "").strip().upper()
    try:
        assign_suspense(payment, code, request.user)
        messages.success(request, _("Payment %(ref)s assigned to %(code)s.") % {"ref": payment.reference, "code": code})
    except DomainError as exc:
        messages.error(request, str(exc.errors[0].message))
    return redirect("contributions:suspense")


def _period_from(request) -> str:
    text = request.GET.get("period") or str(Period.of(dt.date.today()).plus(-1))
    try:
        return str(Period.parse(text))
    except ValueError:
        raise Http404 from None


def _with_area_names(rows: list[dict]) -> list[dict]:
    names = dict(Area.objects.values_list("code", "name"))
    return [dict(row, name=names.get(row["area_code"], row["area_code"]), pct=row["ratio"] * 100) for row in rows]


@login_required
def arrears_list(request):
    _officer(request)
    period = _period_from(request)
    area_code = request.GET.get("area") or None
    on = Period.parse(period).last_day
    context = {"period": period, "areas": Area.objects.all(), "area_code": area_code,
               "by_area": _with_area_names(arrears.ratio_per_area(period))}
    province = arrears.arrears_ratio(period)
    context["province"] = dict(province, pct=province["ratio"] * 100)
    if area_code:
        units = arrears.aged_units(min(on, dt.date.today()), area_code=area_code)
        names = dict(Employer.objects.filter(pk__in=[u["employer_id"] for u in units]).values_list("pk", "name"))
        context["units"] = [dict(u, name=names.get(u["employer_id"], "")) for u in units]
    return render(request, "contributions/arrears.html", context)


@login_required
def unit_detail(request, unit_code: str):
    _officer(request)
    unit = get_object_or_404(Employer.objects.select_related("area", "commune"), unit_code=unit_code)
    audit.record_read(request, unit, f"contributions of {unit.unit_code}")
    context = portal.employer_overview(unit, dt.date.today())
    return render(request, "contributions/unit_detail.html", {"unit": unit, **context})
