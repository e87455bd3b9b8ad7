"""Pages: the staff case screen (computation step by step, four-eyes decision), the payroll screens, and
the citizen's own entitlements and payments."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ansinh.benefits import forms, services
from ansinh.benefits.models import SURVIVOR_KINDS, BenefitCase, ChannelChange, JobSearchReport, Kind, PaymentChannel
from ansinh.core import audit, nav
from ansinh.core.errors import DomainError
from ansinh.core.page_errors import show_errors
from ansinh.core.roles import Role
from ansinh.registry.models import Person

OFFICERS = (Role.BENEFITS_OFFICER, Role.MANAGER, Role.ADMINISTRATOR)
DECIDERS = (Role.BENEFITS_OFFICER, Role.ADMINISTRATOR)


def _officer(request, roles=OFFICERS):
    if not request.user.has_role(*roles):
        raise PermissionDenied


def _find_person(key: str):
    key = (key or "").strip()
    return Person.objects.filter(Q(cccd=key) | Q(si_number=key)).first() if key else None


@nav.guard("benefits:cases")
def case_list(request):
    state, kind = request.GET.get("state", ""), request.GET.get("kind", "")
    rows = BenefitCase.objects.select_related("person").order_by("-opened_at", "-id")
    if state:
        rows = rows.filter(state=state)
    if kind:
        rows = rows.filter(kind=kind)
    form = forms.OpenCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _officer(request, DECIDERS)
        person = _find_person(form.cleaned_data["person"])
        beneficiary = _find_person(form.cleaned_data["beneficiary"])
        if person is None:
            form.add_error("person", _("No person with this CCCD or SI number."))
        elif form.cleaned_data["beneficiary"] and beneficiary is None:
            form.add_error("beneficiary", _("No person with this CCCD or SI number."))
        else:
            case = services.open_case(
                person,
                form.cleaned_data["kind"],
                request.user,
                form.cleaned_data["dossier_ref"],
                beneficiary=beneficiary,
            )
            return redirect("benefits:case", pk=case.pk)
    cases = list(rows[:200])
    if cases:
        audit.record_list_read(request, [case.person_id for case in cases], "registry.person", "benefit case list")
    return render(
        request,
        "benefits/case_list.html",
        {
            "cases": cases,
            "state": state,
            "states": BenefitCase.State.choices,
            "kind": kind,
            "kinds": Kind.choices,
            "form": form,
        },
    )


def _compute_initial(case: BenefitCase) -> dict:
    initial = dict(case.inputs)
    if case.kind == Kind.OCCUPATIONAL and "event" in initial:
        initial["occupational_event"] = initial.pop("event")
    return {k: ("1" if v is True else "0" if v is False else v) for k, v in initial.items()}


def _relatives_initial(case: BenefitCase) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "person_id"} for r in case.inputs.get("relatives", [])]


@nav.guard("benefits:cases")
def case_detail(request, pk: int):
    case = get_object_or_404(
        BenefitCase.objects.select_related("person", "beneficiary", "computed_by", "approved_by", "opened_by"), pk=pk
    )
    audit.record_read(request, case.person, f"benefit case #{case.pk}")
    payee = case.beneficiary or case.person
    channel = PaymentChannel.objects.filter(person=payee).first()
    entitlements = list(case.entitlements.all()) if case.state == "approved" else []
    unemployment = next((e for e in entitlements if e.kind == Kind.UNEMPLOYMENT), None)
    context = {
        "case": case,
        "payee": payee,
        "compute_form": forms.ComputeForm(initial=_compute_initial(case), kind=case.kind),
        "channel": channel,
        "relatives": forms.RelativeFormSet(initial=_relatives_initial(case), prefix="rel")
        if case.kind in SURVIVOR_KINDS
        else None,
        "channel_form": forms.ChannelForm(initial=services.channel_dict(channel) or {"method": "bank"}),
        "changes": ChannelChange.objects.filter(person=payee)[:10],
        "may_approve": case.state == "computed"
        and case.eligible
        and not case.failed_checks
        and case.computed_by_id != request.user.pk
        and request.user.has_role(*DECIDERS),
        "entitlements": entitlements,
        "job_search_form": forms.JobSearchForm() if unemployment else None,
        "job_search_reports": JobSearchReport.objects.filter(entitlement=unemployment).order_by("period")
        if unemployment
        else [],
    }
    return render(request, "benefits/case_detail.html", context)


def _relatives(request) -> list[dict]:
    formset = forms.RelativeFormSet(request.POST, prefix="rel")
    if not formset.is_valid():
        raise DomainError.one("relatives", _("Check the relatives."), "invalid")
    rows = []
    for n, row in enumerate(f.cleaned_data for f in formset.forms if f.has_changed() and f.cleaned_data):
        person = _find_person(row.get("person", ""))
        if row.get("person") and person is None:
            raise DomainError.one(
                "relatives",
                _("Relative %(n)s: no person with this CCCD or SI number.") % {"n": n + 1},
                "unknown_person",
            )
        if person is None and not (row.get("birth_date") and row.get("sex")):
            raise DomainError.one(
                "relatives",
                _("Relative %(n)s: give the CCCD, or the date of birth and the sex.") % {"n": n + 1},
                "incomplete",
            )
        item = {k: v for k, v in row.items() if k != "person" and v not in (None, "")}
        item["birth_date"] = item["birth_date"].isoformat() if "birth_date" in item else None
        rows.append({**item, "person_id": person.pk if person else None})
    return rows


def _compute(request, case: BenefitCase) -> None:
    form = forms.ComputeForm(request.POST, kind=case.kind)
    if not form.is_valid():
        raise DomainError.one("inputs", _("Check the inputs."), "invalid")
    inputs = form.inputs()
    if case.kind in SURVIVOR_KINDS:
        inputs["relatives"] = _relatives(request)
    services.compute_case(case, request.user, inputs)


@nav.guard("benefits:cases")
@require_POST
def case_action(request, pk: int, action: str):
    _officer(request, DECIDERS)
    case = get_object_or_404(BenefitCase, pk=pk)
    try:
        if action == "compute":
            _compute(request, case)
        elif action == "approve":
            entitlement = services.approve_case(case, request.user)
            messages.success(request, _("Approved: decision %(number)s.") % {"number": entitlement.decision_number})
        elif action == "reject":
            services.reject_case(case, request.user, request.POST.get("reason", ""))
        elif action == "beneficiary":
            person = _find_person(request.POST.get("beneficiary", ""))
            if person is None:
                raise DomainError.one("beneficiary", _("No person with this CCCD or SI number."), "unknown_person")
            services.set_beneficiary(case, person)
        elif action == "job_search":
            _job_search(request, case)
        else:
            raise Http404
    except DomainError as exc:
        show_errors(request, exc)
    return redirect("benefits:case", pk=pk)


def _job_search(request, case: BenefitCase) -> None:
    form = forms.JobSearchForm(request.POST)
    entitlement = case.entitlements.filter(kind=Kind.UNEMPLOYMENT).first()
    if entitlement is None or not form.is_valid():
        raise DomainError.one("period", _("Check the month and the date of the report."), "invalid")
    services.record_job_search(
        entitlement,
        form.cleaned_data["period"],
        form.cleaned_data["reported_on"],
        request.user,
        form.cleaned_data["note"],
    )
    messages.success(request, _("Job-search report recorded."))


@nav.guard("benefits:cases")
@require_POST
def channel_switch(request, pk: int):
    _officer(request, DECIDERS)
    case = get_object_or_404(BenefitCase, pk=pk)
    form = forms.ChannelForm(request.POST)
    if form.is_valid():
        try:
            services.switch_channel(
                case.beneficiary or case.person, by_user=request.user, dossier_ref=case.dossier_ref, **form.cleaned_data
            )
            messages.success(request, _("Payment channel changed."))
        except DomainError as exc:
            show_errors(request, exc)
    else:
        messages.error(request, _("Check the payment channel form."))
    return redirect("benefits:case", pk=pk)


@nav.guard("benefits:me")
def my_benefits(request):
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404
    return render(
        request,
        "benefits/me.html",
        {
            "person": person,
            "entitlements": services.entitlements_for(person),
            "payments": services.payments_for(person)[:24],
        },
    )


@nav.guard("benefits:job_search")
def my_job_search(request):
    """The citizen's monthly job-search report: each month's window and deadline, and the report of an open month."""
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404
    today = timezone.localdate()
    if request.method == "POST":
        form = forms.OnlineJobSearchForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Check the month and the note."))
            return redirect("benefits:job_search")
        try:
            report = services.report_job_search_online(
                person,
                request.user,
                form.cleaned_data["entitlement"],
                form.cleaned_data["period"],
                today,
                form.cleaned_data["note"],
            )
            messages.success(request, _("Your job-search report for %(month)s is recorded.") % {"month": report.period})
        except DomainError as exc:
            show_errors(request, exc)
        return redirect("benefits:job_search")
    benefits = services.job_search_for(person, today)
    holidays_pending = any(a["key"] == "calendar.announced_holidays" for b in benefits for a in b["announcements"])
    return render(
        request,
        "benefits/job_search.html",
        {
            "benefits": benefits,
            "today": today,
            "holidays_pending": holidays_pending,
            "form": forms.OnlineJobSearchForm(),
        },
    )
