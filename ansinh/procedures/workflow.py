"""Dossier use cases: filing (online or at the desk), moving between states, delivering the result.
Each is one transaction; a refused move raises DomainError and changes nothing."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ansinh.core.errors import DomainError, FieldError
from ansinh.core.roles import Role
from ansinh.procedures import cases, files, rules
from ansinh.procedures.calendar import work_calendar
from ansinh.procedures.integrations import payments, portal
from ansinh.procedures.models import Dossier, DossierEvent, FilingChannel, ResultDelivery, State
from ansinh.procedures.notifications import tell_applicant


def forbidden(message: str) -> DomainError:
    return DomainError([FieldError("state", message, "not_allowed")], status=403)


def is_applicant(user, dossier) -> bool:
    """The party that filed: the employer's users for an employer dossier, else the person's own account."""
    if dossier.employer_id:
        return user.role == Role.EMPLOYER and bool(user.org_code) and user.org_code == dossier.employer.unit_code
    return user.role == Role.CITIZEN and dossier.person is not None and dossier.person.user_id == user.pk


def parties_for(user, dossier) -> set[str]:
    parties = set()
    if user.has_role(Role.SERVICE_DESK):
        parties.add("desk")
    if user.has_role(dossier.procedure.handling_role):
        parties.add("handler")
    if is_applicant(user, dossier):
        parties.add("applicant")
    return parties


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _check_filing(procedure, person, employer, channel, delivery, postal_address) -> list[FieldError]:
    errors = []
    if not procedure.active:
        errors.append(FieldError("procedure", _("This procedure is not open for filing."), "inactive"))
    if channel == FilingChannel.ONLINE and employer is None and not procedure.citizens_may_file:
        errors.append(
            FieldError("procedure", _("Citizens cannot file this procedure; the employer files it."), "filer")
        )
    if channel == FilingChannel.ONLINE and employer is not None and not procedure.employers_may_file:
        errors.append(FieldError("procedure", _("Employers cannot file this procedure."), "filer"))
    if person is None and employer is None:
        errors.append(FieldError("person", _("Name the applicant."), "required"))
    if delivery not in procedure.delivery_choices():
        errors.append(FieldError("delivery", _("This result cannot be delivered that way."), "delivery"))
    if delivery == ResultDelivery.POST and not postal_address.strip():
        errors.append(
            FieldError("postal_address", _("Give the address the post should bring the result to."), "required")
        )
    return errors


def _new_receipt_code(day: dt.date) -> str:
    for _attempt in range(20):
        code = rules.receipt_code(day, secrets.randbelow(1_000_000))
        if not Dossier.objects.filter(receipt_code=code).exists():
            return code
    raise IntegrityError("no free receipt code today")


@transaction.atomic
def submit(
    *,
    procedure,
    channel: str,
    delivery: str,
    person=None,
    employer=None,
    postal_address: str = "",
    contact_phone: str = "",
    contact_email: str = "",
    note: str = "",
    details: dict | None = None,
    uploads=(),
    labels=(),
    by_user=None,
    today: dt.date | None = None,
    portal_code: str = "",
) -> Dossier:
    """File a dossier. Online filings need at least one document; every upload is checked first."""
    errors = _check_filing(procedure, person, employer, channel, delivery, postal_address)
    if channel == FilingChannel.ONLINE and not uploads:
        errors.append(FieldError("files", _("Attach the documents (PDF, JPEG or PNG)."), "required"))
    if errors:
        raise DomainError(errors)
    checked = files.check_all(list(uploads))
    day = _today(today)
    dossier = Dossier.objects.create(
        receipt_code=_new_receipt_code(day),
        procedure=procedure,
        person=person,
        employer=employer,
        commune=(employer or person).commune,
        channel=channel,
        received_on=day,
        due_on=rules.add_working_days(work_calendar(), day, procedure.time_limit_days),
        delivery=delivery,
        postal_address=postal_address.strip(),
        contact_phone=contact_phone,
        contact_email=contact_email,
        applicant_note=note,
        details=details or {},
        submitted_by=by_user if getattr(by_user, "pk", None) else None,
        portal_code=portal_code,
    )
    payments.charge_on_filing(dossier)
    for n, (name, data, content_type) in enumerate(checked):
        label = labels[n] if n < len(labels) and labels[n] else name
        files.store(dossier, label, name, data, content_type, by_user)
    _event(dossier, by_user, "", State.RECEIVED)  # the page shows the channel in the reader's language
    transaction.on_commit(lambda: tell_applicant(dossier, "received"))
    return dossier


def _event(dossier, user, from_state, to_state, note="") -> None:
    actor = user if getattr(user, "pk", None) else None
    DossierEvent.objects.create(
        dossier=dossier, at=timezone.now(), actor=actor, from_state=from_state, to_state=to_state, note=note
    )
    portal.report_step(dossier, actor=actor, note=note or State(to_state).label)


def _check_move(dossier, to_state: str, user, note: str) -> None:
    allowed = rules.allowed_parties(dossier.state, to_state)
    if not allowed:
        raise forbidden(
            _("A dossier cannot go from %(a)s to %(b)s.")
            % {"a": dossier.get_state_display(), "b": State(to_state).label}
        )
    if not parties_for(user, dossier) & allowed:
        raise forbidden(_("Your role may not make this change."))
    if to_state in (State.INFO_REQUESTED, State.REFUSED) and not note.strip():
        raise DomainError.one("note", _("Say what is missing or why the dossier is refused."), "required")


@transaction.atomic
def move(dossier: Dossier, to_state: str, user, note: str = "", today: dt.date | None = None) -> Dossier:
    """Move a dossier to another state if the user's role may; audited and the applicant is told."""
    dossier = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("procedure", "person", "employer")
        .get(pk=dossier.pk)
    )
    _check_move(dossier, to_state, user, note)
    day, from_state = _today(today), dossier.state
    event_note = note.strip()
    if from_state == State.INFO_REQUESTED:
        dossier.due_on = rules.due_after_resume(work_calendar(), dossier.due_on, dossier.paused_on, day)
        dossier.paused_on = None
    if to_state == State.INFO_REQUESTED:
        dossier.paused_on = day
    if to_state in (State.INFO_REQUESTED, State.REFUSED, State.APPROVED):
        dossier.decision_note = note.strip()
    if to_state in rules.FINAL_STATES:
        dossier.finished_on = day
        if dossier.delivery == ResultDelivery.ONLINE:
            dossier.delivered_on = day
    event_note = _link_case(dossier, from_state, to_state, user) or event_note
    dossier.state = to_state
    dossier.save()
    _event(dossier, user, from_state, to_state, event_note)
    transaction.on_commit(lambda: tell_applicant(dossier, to_state))
    return dossier


def _link_case(dossier, from_state, to_state, user) -> str:
    """Open the other app's case at the right step; returns a note for the history."""
    kind = dossier.procedure.opens_case
    if kind in cases.BENEFIT_CASES and from_state == State.RECEIVED and to_state == State.IN_PROGRESS:
        dossier.case_ref = cases.open_benefit_case(dossier, user)
        return "" if dossier.case_ref else _("The benefits app could not open the case: open it there by hand.")
    if kind == "voluntary" and to_state == State.APPROVED:
        dossier.case_ref = cases.enrol_voluntary(dossier, user)
    return ""


@transaction.atomic
def record_delivery(dossier: Dossier, user, tracking_ref: str = "", today: dt.date | None = None) -> Dossier:
    """The service desk hands the result over at the counter or posts it (with the tracking reference)."""
    dossier = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("procedure", "person", "employer")
        .get(pk=dossier.pk)
    )
    check_can_deliver(dossier, user)
    if dossier.delivery == ResultDelivery.POST and not tracking_ref.strip():
        raise DomainError.one("tracking_ref", _("Enter the postal tracking reference."), "required")
    dossier.tracking_ref = tracking_ref.strip()
    dossier.delivered_on = _today(today)
    dossier.save()
    portal.report_step(
        dossier,
        actor=user,
        note=format_lazy(
            "{}: {} {}", gettext_lazy("Result delivered"), ResultDelivery(dossier.delivery).label, dossier.tracking_ref
        ),
    )
    transaction.on_commit(lambda: tell_applicant(dossier, f"delivered_{dossier.delivery}"))
    return dossier


def check_can_deliver(dossier: Dossier, user) -> None:
    if not user.has_role(Role.SERVICE_DESK):
        raise forbidden(_("Only the service desk delivers results."))
    if dossier.is_open or dossier.delivered_on:
        raise DomainError.one(
            "state", _("Only a decided dossier whose result has not been delivered can be delivered."), "not_ready"
        )


@transaction.atomic
def result_arrived(dossier: Dossier, day: dt.date) -> None:
    """The post delivered the result: the date it arrived is the date the result was returned."""
    Dossier.objects.filter(pk=dossier.pk).update(delivered_on=day)
    dossier.refresh_from_db()
    portal.report_step(dossier, note=gettext_lazy("The post delivered the result."))
    transaction.on_commit(lambda: tell_applicant(dossier, "post_delivered"))


@transaction.atomic
def reopen_hand_over(dossier: Dossier, reason) -> None:
    """The post could not deliver (or sent the result back): it returns to the service desk's queue."""
    Dossier.objects.filter(pk=dossier.pk).update(delivered_on=None)
    dossier.refresh_from_db()
    portal.report_step(
        dossier, note=format_lazy("{}: {}", gettext_lazy("The post could not deliver the result"), reason)
    )
    transaction.on_commit(lambda: tell_applicant(dossier, "post_failed"))
