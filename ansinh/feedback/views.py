"""Feedback pages: the person's own list, the form, a case (the person's view and the officer's), the
staff queue with time-limit warnings, and a hotline call recorded by staff. Thin over services.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ansinh.core import audit
from ansinh.core.errors import DomainError
from ansinh.core.models import User
from ansinh.core.page_errors import show_errors, show_errors_on_form
from ansinh.core.roles import STAFF_ROLES, Role
from ansinh.feedback import rules, services
from ansinh.feedback.forms import FeedbackForm, HandleForm, HotlineForm, RatingForm
from ansinh.feedback.models import Feedback
from ansinh.geo.models import Commune
from ansinh.procedures.calendar import work_calendar
from ansinh.registry.services import employer_for_user, find_person_by_cccd, person_for_user

MANAGERS = (Role.SERVICE_DESK, Role.MANAGER, Role.ADMINISTRATOR)


def _is_staff(user) -> bool:
    return user.is_superuser or user.role in STAFF_ROLES


def _own(user, item: Feedback) -> bool:
    if item.submitted_by_id == user.pk:
        return True
    person = person_for_user(user)
    employer = employer_for_user(user)
    return (person is not None and item.person_id == person.pk) or (
        employer is not None and item.employer_id == employer.pk
    )


def _visible(request, code: str) -> Feedback:
    item = Feedback.objects.select_related("commune", "assigned_to", "person", "employer").filter(code=code).first()
    if item is None or not (_is_staff(request.user) or _own(request.user, item)):
        audit.record(
            "denied",
            "feedback.feedback",
            code,
            f"{request.user.get_username()} tried to open {code}",
            actor=audit.actor_from_request(request),
        )
        raise PermissionDenied
    if _is_staff(request.user):
        audit.record_read(request, item)
    return item


@login_required
def mine(request):
    if _is_staff(request.user):
        return redirect("feedback:queue")
    return render(request, "feedback/mine.html", {"items": services.feedback_for(request.user)})


@login_required
def new(request):
    if request.user.role not in (Role.CITIZEN, Role.EMPLOYER):
        raise PermissionDenied
    form = FeedbackForm(request.POST or None, initial={"dossier_code": request.GET.get("dossier", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.submit(
                kind=data["kind"],
                subject=data["subject"],
                text=data["text"],
                channel="portal",
                by_user=request.user,
                person=person_for_user(request.user),
                employer=employer_for_user(request.user),
                category=data["category"],
                dossier_code=data["dossier_code"],
                wants_callback=data["wants_callback"],
                contact_phone=data["contact_phone"],
                contact_name=request.user.get_full_name(),
            )
        except DomainError as error:
            show_errors_on_form(form, error)
        else:
            messages.success(
                request,
                _("Received. Your code is %(code)s; the answer is due by %(due)s.")
                % {"code": item.code, "due": f"{item.due_on:%d/%m/%Y}"},
            )
            return redirect("feedback:detail", item.code)
    return render(request, "feedback/new.html", {"form": form})


@login_required
def detail(request, code: str):
    item = _visible(request, code)
    staff, today = _is_staff(request.user), timezone.localdate()
    shown = item.messages.select_related("author")
    return render(
        request,
        "feedback/detail.html",
        {
            "item": item,
            "staff": staff,
            "own": _own(request.user, item),
            "messages_shown": shown if staff else [m for m in shown if m.visible_to_applicant],
            "warning": rules.warning(work_calendar(), item.due_on, today, item.is_finished),
            "can_reopen": _own(request.user, item) and rules.may_reopen(item.state, item.answered_on, today),
            "can_rate": _own(request.user, item)
            and item.state in (Feedback.State.ANSWERED, Feedback.State.NOT_ACCEPTED),
            "handle_form": HandleForm(initial={"category": item.category}),
            "rating_form": RatingForm(),
            "may_manage": request.user.has_role(*MANAGERS),
        },
    )


@login_required
@require_POST
def act(request, code: str, action: str):
    """Staff actions on a case: accept, refuse, assign/classify, reply, note, close."""
    item = _visible(request, code)
    if not _is_staff(request.user) or (
        action in ("accept", "refuse", "assign") and not request.user.has_role(*MANAGERS)
    ):
        raise PermissionDenied
    form = HandleForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    try:
        _do(action, item, request.user, data)
    except DomainError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect("feedback:detail", code)


def _do(action: str, item: Feedback, user, data: dict) -> None:
    text = data.get("text", "")
    if action == "accept":
        services.accept(item, user, complex_case=data.get("complex_case", False))
    elif action == "refuse":
        services.refuse(item, user, text)
    elif action == "assign":
        services.assign(item, user, officer=_officer(data.get("officer", "")), category=data.get("category"))
    elif action in ("reply", "answer"):
        services.reply(item, user, text, final=action == "answer")
    elif action == "note":
        services.note(item, user, text)
    else:
        raise PermissionDenied


def _officer(username: str):
    if not username.strip():
        return None
    officer = User.objects.filter(username=username.strip(), role__in=STAFF_ROLES, is_active=True).first()
    if officer is None:
        raise DomainError.one("officer", _("No active staff member has this user name."), "not_found")
    return officer


@login_required
@require_POST
def respond(request, code: str, action: str):
    """The person's own actions: reopen an answer, or rate it."""
    item = _visible(request, code)
    if not _own(request.user, item):
        raise PermissionDenied
    try:
        if action == "reopen":
            services.reopen(item, request.user, request.POST.get("reason", ""))
        elif action == "rate":
            form = RatingForm(request.POST)
            if not form.is_valid():
                raise DomainError.one("rating", _("Choose a rating from 1 to 5."), "required")
            services.rate(item, request.user, form.cleaned_data["rating"], form.cleaned_data["comment"])
        else:
            raise PermissionDenied
    except DomainError as error:
        show_errors(request, error)
    else:
        messages.success(request, _("Thank you."))
    return redirect("feedback:detail", code)


@login_required
def queue(request):
    if not _is_staff(request.user):
        raise PermissionDenied
    filters = {
        "kind": request.GET.get("kind"),
        "warning": request.GET.get("warning") == "1",
        "mine_for": request.user if request.GET.get("mine") == "1" else None,
    }
    rows = services.queue(filters)
    if rows:  # subjects written by citizens about their own affairs
        audit.record_list_read(request, [item for item, _warning in rows], "feedback.feedback", "feedback queue")
    return render(request, "feedback/queue.html", {"rows": rows, "kinds": Feedback.Kind.choices, "filters": filters})


@login_required
def hotline(request):
    """Staff record a call to the hotline (or a visit) as feedback on the caller's behalf."""
    if not _is_staff(request.user):
        raise PermissionDenied

    communes = Commune.objects.order_by("name")
    form = HotlineForm(request.POST or None, communes=communes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = find_person_by_cccd(data["caller"].strip()) if data["caller"].strip() else None
        try:
            item = services.submit(
                kind=data["kind"],
                subject=data["subject"],
                text=data["text"],
                channel="hotline",
                by_user=request.user,
                person=person,
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
                wants_callback=data["wants_callback"],
                commune=communes.filter(code=data["commune"]).first(),
                category=data["category"],
                dossier_code=data["dossier_code"],
            )
        except DomainError as error:
            show_errors_on_form(form, error)
        else:
            messages.success(request, _("Recorded as %(code)s.") % {"code": item.code})
            return redirect("feedback:detail", item.code)
    return render(request, "feedback/hotline.html", {"form": form})
