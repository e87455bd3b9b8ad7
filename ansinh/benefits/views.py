"""Pages: the staff case screen (computation step by step, four-eyes decision), the payroll screens, and
the citizen's own entitlements and payments."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ansinh.benefits import forms, services
from ansinh.benefits.models import BenefitCase, ChannelChange, PaymentChannel
from ansinh.core import audit
from ansinh.core.api_errors import DomainError
from ansinh.core.roles import Role
from ansinh.registry.models import Person

OFFICERS = (Role.BENEFITS_OFFICER, Role.MANAGER, Role.ADMINISTRATOR)
DECIDERS = (Role.BENEFITS_OFFICER, Role.ADMINISTRATOR)


def _officer(request, roles=OFFICERS):
    if not request.user.has_role(*roles):
        raise PermissionDenied


def _errors(request, exc: DomainError) -> None:
    for e in exc.errors:
        messages.error(request, e.message)


@login_required
def case_list(request):
    _officer(request)
    state = request.GET.get("state", "")
    rows = BenefitCase.objects.select_related("person").order_by("-opened_at", "-id")
    if state:
        rows = rows.filter(state=state)
    form = forms.OpenCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _officer(request, DECIDERS)
        key = form.cleaned_data["person"].strip()
        person = Person.objects.filter(Q(cccd=key) | Q(si_number=key)).first()
        if person is None:
            form.add_error("person", _("No person with this CCCD or SI number."))
        else:
            case = services.open_case(person, form.cleaned_data["kind"], request.user, form.cleaned_data["dossier_ref"])
            return redirect("benefits:case", pk=case.pk)
    return render(request, "benefits/case_list.html", {"cases": rows[:200], "state": state, "states": BenefitCase.State.choices, "form": form})


@login_required
def case_detail(request, pk: int):
    _officer(request)
    case = get_object_or_404(BenefitCase.objects.select_related("person", "computed_by", "approved_by", "opened_by"), pk=pk)
    audit.record_read(request, case.person, f"benefit case #{case.pk}")
    channel = PaymentChannel.objects.filter(person=case.person).first()
    context = {
        "case": case, "compute_form": forms.ComputeForm(initial=case.inputs), "channel": channel,
        "channel_form": forms.ChannelForm(initial=services.channel_dict(channel) or {"method": "bank"}),
        "changes": ChannelChange.objects.filter(person=case.person)[:10],
        "may_approve": case.state == "computed" and case.eligible and case.computed_by_id != request.user.pk and request.user.has_role(*DECIDERS),
        "entitlement": getattr(case, "entitlement", None) if case.state == "approved" else None,
    }
    return render(request, "benefits/case_detail.html", context)


@login_required
@require_POST
def case_action(request, pk: int, action: str):
    _officer(request, DECIDERS)
    case = get_object_or_404(BenefitCase, pk=pk)
    try:
        if action == "compute":
            form = forms.ComputeForm(request.POST)
            if not form.is_valid():
                raise DomainError.one("inputs", _("Check the inputs."), "invalid")
            services.compute_case(case, request.user, form.inputs())
        elif action == "approve":
            entitlement = services.approve_case(case, request.user)
            messages.success(request, _("Approved: decision %(number)s.") % {"number": entitlement.decision_number})
        elif action == "reject":
            services.reject_case(case, request.user, request.POST.get("reason", ""))
        else:
            raise Http404
    except DomainError as exc:
        _errors(request, exc)
    return redirect("benefits:case", pk=pk)


@login_required
@require_POST
def channel_switch(request, pk: int):
    _officer(request, DECIDERS)
    case = get_object_or_404(BenefitCase, pk=pk)
    form = forms.ChannelForm(request.POST)
    if form.is_valid():
        try:
            services.switch_channel(case.person, by_user=request.user, dossier_ref=case.dossier_ref, **form.cleaned_data)
            messages.success(request, _("Payment channel changed."))
        except DomainError as exc:
            _errors(request, exc)
    else:
        messages.error(request, _("Check the payment channel form."))
    return redirect("benefits:case", pk=pk)


@login_required
def my_benefits(request):
    if not request.user.has_role(Role.CITIZEN):
        raise PermissionDenied
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404
    return render(request, "benefits/me.html", {"person": person, "entitlements": services.entitlements_for(person),
                                                "payments": services.payments_for(person)[:24]})
