"""The dossier page (staff and applicant), the staff work queues, walk-in entry and result delivery."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ansinh.core import audit
from ansinh.core.errors import DomainError
from ansinh.core.page_errors import show_errors, show_errors_on_form
from ansinh.core.roles import Role
from ansinh.procedures import files, rules, services, workflow
from ansinh.procedures.forms import FILE_ACCEPT, DeliveryForm, MoveForm, WalkInForm
from ansinh.procedures.models import FilingChannel, Procedure, State
from ansinh.procedures.views.access import is_staff, staff_only, visible_dossier


@login_required
def dossier(request, receipt_code: str):
    dossier = visible_dossier(request, receipt_code)
    parties = workflow.parties_for(request.user, dossier)
    moves = [(s, State(s).label) for s in rules.next_states(dossier.state, parties - {"applicant"})]
    can_deliver = request.user.has_role(Role.SERVICE_DESK) and not dossier.is_open and not dossier.delivered_on
    fees = list(dossier.fees.all())
    return render(
        request,
        "services/dossier.html",
        {
            "fees": fees,
            "can_pay": "applicant" in parties and any(f.status == "due" for f in fees) and bool(settings.PAYMENT_URL),
            "shipments": dossier.shipments.prefetch_related("events"),
            "can_ship": can_deliver and dossier.delivery == "post" and bool(settings.VNPOST_URL),
            "dossier": dossier,
            "today": timezone.localdate(),
            "overdue": dossier.is_overdue(timezone.localdate()),
            "moves": moves,
            "can_supply": "applicant" in parties and dossier.state == State.INFO_REQUESTED,
            "can_deliver": can_deliver,
            "staff": is_staff(request.user),
            "events": dossier.events.select_related("actor"),
            "documents": dossier.files.all(),
            "move_form": MoveForm(),
            "delivery_form": DeliveryForm(),
            "accept": FILE_ACCEPT,
        },
    )


@login_required
@require_POST
def move(request, receipt_code: str):
    dossier = visible_dossier(request, receipt_code)
    form = MoveForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    try:
        workflow.move(dossier, form.cleaned_data["to_state"], request.user, form.cleaned_data["note"])
    except DomainError as error:
        show_errors(request, error)
    else:
        messages.success(
            request,
            _("Dossier %(code)s: %(state)s.")
            % {"code": receipt_code, "state": State(form.cleaned_data["to_state"]).label},
        )
    return redirect("services:dossier", receipt_code)


@login_required
@require_POST
def deliver(request, receipt_code: str):
    dossier = visible_dossier(request, receipt_code)
    form = DeliveryForm(request.POST)
    form.is_valid()
    try:
        workflow.record_delivery(dossier, request.user, form.cleaned_data.get("tracking_ref", ""))
    except DomainError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Result delivery recorded."))
    return redirect("services:dossier", receipt_code)


@login_required
def queue(request):
    staff_only(request)
    overdue_only = request.GET.get("overdue") == "1"
    today = timezone.localdate()
    rows = list(services.queue_for(request.user, today, overdue_only)[:200])
    delivery = list(services.awaiting_delivery()[:100]) if request.user.has_role(Role.SERVICE_DESK) else []
    if rows or delivery:
        audit.record_list_read(request, rows + delivery, "services.dossier", "dossier queue")
    return render(
        request,
        "services/queue.html",
        {"rows": rows, "today": today, "overdue_only": overdue_only, "delivery": delivery},
    )


@login_required
def walk_in(request):
    if not request.user.has_role(Role.SERVICE_DESK):
        raise PermissionDenied
    procedures = Procedure.objects.filter(active=True)
    procedure = procedures.filter(code=request.GET.get("procedure") or request.POST.get("procedure")).first()
    form = WalkInForm(request.POST or None, request.FILES or None, procedure=procedure) if procedure else None
    if form is not None and request.method == "POST" and form.is_valid():
        applicant = form.cleaned_data["applicant"]
        is_person = applicant._meta.model_name == "person"
        try:
            dossier = workflow.submit(
                procedure=procedure,
                channel=FilingChannel.COUNTER,
                person=applicant if is_person else None,
                employer=None if is_person else applicant,
                delivery=form.cleaned_data["delivery"],
                postal_address=form.cleaned_data["postal_address"],
                contact_phone=form.cleaned_data["contact_phone"],
                contact_email=form.cleaned_data["contact_email"],
                note=form.cleaned_data["note"],
                details=form.details(),
                uploads=request.FILES.getlist("files"),
                by_user=request.user,
            )
        except DomainError as error:
            show_errors_on_form(form, error)
        else:
            messages.success(request, _("Dossier received. Receipt code %(code)s.") % {"code": dossier.receipt_code})
            return redirect("services:dossier", dossier.receipt_code)
    return render(
        request,
        "services/walk_in.html",
        {
            "procedures": procedures,
            "procedure": procedure,
            "form": form,
            "accept": FILE_ACCEPT,
            "max_mb": files.MAX_UPLOAD_BYTES // 1048576,
        },
    )
