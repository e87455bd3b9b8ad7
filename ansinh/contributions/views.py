"""Pages: the employer portal (its own unit only) and the collection officer's suspense queue and arrears."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ansinh.contributions import arrears, portal, statements, templates_files
from ansinh.contributions.declaration_files import MAX_BYTES, too_large_message
from ansinh.contributions.declaration_service import submit
from ansinh.contributions.models import Declaration, Payment
from ansinh.contributions.payments import assign_suspense
from ansinh.contributions.plan_codes import plan_codes
from ansinh.core import audit, nav
from ansinh.core.errors import DomainError
from ansinh.core.page_errors import show_errors
from ansinh.core.periods import Period
from ansinh.core.roles import Role
from ansinh.geo.models import Area
from ansinh.registry.models import Employer

OFFICERS = (Role.COLLECTION_OFFICER, Role.MANAGER, Role.ADMINISTRATOR)


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
    today = timezone.localdate()
    context = {**portal.employer_overview(unit, today), **portal.employer_panels(unit, today)}
    return render(request, "contributions/employer_home.html", {"unit": unit, **context})


def _upload(request, unit):
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose the declaration file (.xlsx or .csv)."))
        return redirect("contributions:employer")
    if upload.size > MAX_BYTES:
        messages.error(request, too_large_message())
        return redirect("contributions:employer")
    declaration = submit(unit, upload.name, upload.read(), by_user=request.user)
    if declaration.status == Declaration.Status.ACCEPTED:
        messages.success(
            request, _("Declaration accepted: %(n)s changes applied.") % {"n": sum(declaration.changes.values())}
        )
    else:
        messages.error(
            request, _("Declaration rejected: nothing was changed. Correct the rows below and send the file again.")
        )
    return redirect("contributions:declaration", pk=declaration.pk)


@login_required
def declaration_detail(request, pk: int):
    declaration = get_object_or_404(Declaration.objects.select_related("employer", "submitted_by"), pk=pk)
    is_own = request.user.has_role(Role.EMPLOYER) and request.user.org_code == declaration.employer.unit_code
    if not (is_own or request.user.has_role(*OFFICERS)):
        audit.record(
            "denied",
            "contributions.declaration",
            pk,
            "declaration of another unit",
            actor=audit.actor_from_request(request),
        )
        raise Http404
    plans = plan_codes()
    changes = [(code, plans[code].label if code in plans else code, n) for code, n in declaration.changes.items()]
    adjustments = list(declaration.adjustments.select_related("person").order_by("period", "person__full_name"))
    for adjustment in adjustments:
        adjustment.plan_label = plans[adjustment.code].label if adjustment.code in plans else ""
    return render(
        request,
        "contributions/declaration_detail.html",
        {
            "declaration": declaration,
            "changes": changes,
            "adjustments": adjustments,
            "with_sheets": any(e.get("sheet") for e in declaration.errors),
        },
    )


@login_required
def declaration_template(request, fmt: str):
    if fmt not in templates_files.FORMATS:
        raise Http404
    unit = (
        Employer.objects.filter(unit_code=request.user.org_code).first() if request.user.role == Role.EMPLOYER else None
    )
    try:
        content, content_type = templates_files.template(fmt, unit)
    except KeyError:
        raise Http404 from None
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{templates_files.FORMATS[fmt]}"'
    return response


@nav.guard("contributions:suspense")
def suspense(request):
    queue = list(Payment.objects.filter(status=Payment.Status.SUSPENSE).order_by("received_on", "id"))
    if queue:  # payers' names, accounts and transfer texts
        audit.record_list_read(request, queue, "contributions.payment", "suspense queue")
    return render(request, "contributions/suspense.html", {"queue": queue})


@nav.guard("contributions:suspense")
@require_POST
def assign(request, pk: int):
    payment = get_object_or_404(Payment, pk=pk)
    code = request.POST.get("payer_code", "").strip().upper()
    try:
        assign_suspense(payment, code, request.user)
        messages.success(request, _("Payment %(ref)s assigned to %(code)s.") % {"ref": payment.reference, "code": code})
    except DomainError as exc:
        show_errors(request, exc)
    return redirect("contributions:suspense")


def _period_from(request) -> str:
    text = request.GET.get("period") or str(Period.of(timezone.localdate()).plus(-1))
    try:
        return str(Period.parse(text))
    except ValueError:
        raise Http404 from None


def _with_area_names(rows: list[dict]) -> list[dict]:
    names = dict(Area.objects.values_list("code", "name"))
    return [dict(row, name=names.get(row["area_code"], row["area_code"]), pct=row["ratio"] * 100) for row in rows]


@nav.guard("contributions:arrears")
def arrears_list(request):
    period = _period_from(request)
    area_code = request.GET.get("area") or None
    on = Period.parse(period).last_day
    context = {
        "period": period,
        "areas": Area.objects.all(),
        "area_code": area_code,
        "by_area": _with_area_names(arrears.ratio_per_area(period)),
    }
    province = arrears.arrears_ratio(period)
    context["province"] = dict(province, pct=province["ratio"] * 100)
    if area_code:
        units = arrears.aged_units(min(on, timezone.localdate()), area_code=area_code)
        names = dict(Employer.objects.filter(pk__in=[u["employer_id"] for u in units]).values_list("pk", "name"))
        context["units"] = [dict(u, name=names.get(u["employer_id"], "")) for u in units]
    return render(request, "contributions/arrears.html", context)


@nav.guard("contributions:arrears")
def unit_detail(request, unit_code: str):
    unit = get_object_or_404(Employer.objects.select_related("area", "commune"), unit_code=unit_code)
    audit.record_read(request, unit, f"contributions of {unit.unit_code}")
    context = portal.employer_overview(unit, timezone.localdate())
    return render(request, "contributions/unit_detail.html", {"unit": unit, **context})


# --- The unit's forms back: its current D02-LT and the monthly statement (C12-TS manner) ---

_TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf"}


def _unit_for_export(request, unit_code: str | None) -> Employer:
    if unit_code is None:
        return _own_unit(request)
    _officer(request)
    unit = get_object_or_404(Employer, unit_code=unit_code)
    audit.record_read(request, unit, f"workers and statement of {unit.unit_code}")
    return unit


def _download(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def d02lt_export(request, fmt: str, unit_code: str | None = None):
    if fmt not in _TYPES:
        raise Http404
    unit = _unit_for_export(request, unit_code)
    today = timezone.localdate()
    content = statements.d02lt_xlsx(unit, today) if fmt == "xlsx" else statements.d02lt_pdf(unit, today)
    return _download(content, fmt, f"D02-LT-{unit.unit_code}-{today:%Y%m%d}")


@login_required
def statement_export(request, period: str, fmt: str, unit_code: str | None = None):
    if fmt not in _TYPES:
        raise Http404
    unit = _unit_for_export(request, unit_code)
    try:
        month = Period.parse(period)
    except ValueError:
        raise Http404 from None
    statement = statements.monthly_statement(unit, month)
    content = statements.statement_xlsx(statement) if fmt == "xlsx" else statements.statement_pdf(statement)
    return _download(content, fmt, f"C12-TS-{unit.unit_code}-{month}")
