"""Feedback use cases, each one transaction: receiving (portal, assistant, hotline), accepting or refusing,
assigning and classifying, replying, reopening, rating; the figures per commune for the dashboard.

Other apps call `submit`, `open_callback_request` and `open_from_conversation` (the assistant hands over a
question it could not answer), `feedback_for` and `feedback_kpis`."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ansinh.core.errors import DomainError
from ansinh.core.periods import Period
from ansinh.core.text import clean_name, clean_text
from ansinh.feedback import rules
from ansinh.feedback.models import Feedback, FeedbackMessage, TimeLimit
from ansinh.procedures import services as public_services
from ansinh.procedures.calendar import work_calendar
from ansinh.registry.services import employer_for_user, person_for_user

Kind, State, Message = Feedback.Kind, Feedback.State, FeedbackMessage.Kind
MAX_TEXT, MAX_CONVERSATION_TURNS = 4000, 40


def time_limits() -> list[rules.TimeLimit]:
    return [
        rules.TimeLimit(t.kind, t.stage, t.days, t.unit, t.valid_from, t.source, t.assumed)
        for t in TimeLimit.objects.all()
    ]


def _limit(kind: str, stage: str, on: dt.date) -> rules.TimeLimit:
    found = rules.limit_for(time_limits(), kind, stage, on)
    if found is None:
        raise DomainError.one("kind", _("No time limit is in force for this kind of feedback."), "no_limit")
    return found


def _new_code(day: dt.date) -> str:
    while True:
        code = f"PA{day:%y%m%d}{secrets.randbelow(100_000):05d}"
        if not Feedback.objects.filter(code=code).exists():
            return code


def _clean(text: str, field: str, limit: int) -> str:
    try:
        return clean_text(text, limit)
    except ValueError as exc:
        raise DomainError.one(field, str(exc), "invalid") from None


def _commune(person, employer, commune):
    place = commune or (person.commune if person else None) or (employer.commune if employer else None)
    if place is None:
        raise DomainError.one("commune", _("Say which commune this is about."), "required")
    return place


def _set_deadlines(item: Feedback, calendar) -> None:
    """Complaints and denunciations: first the limit to accept (thụ lý); the limit to resolve runs from
    acceptance. Questions and suggestions: one limit to answer from receipt."""
    if item.kind in rules.NEEDS_ACCEPTANCE and item.accepted_on is None:
        limit = _limit(item.kind, "accept", item.received_on)
        item.accept_due = item.due_on = rules.deadline(calendar, item.received_on, limit)
    else:
        start = item.accepted_on or item.received_on
        limit = _limit(item.kind, "resolve_complex" if item.complex_case else "resolve", start)
        item.due_on = rules.deadline(calendar, start, limit)
    item.limit_source, item.limit_assumed = limit.source, limit.assumed


@transaction.atomic
def submit(
    *,
    kind: str,
    subject: str,
    text: str,
    channel: str,
    by_user=None,
    person=None,
    employer=None,
    contact_name: str = "",
    contact_phone: str = "",
    contact_email: str = "",
    commune=None,
    category: str = "",
    dossier_code: str = "",
    conversation=None,
    wants_callback: bool = False,
    today: dt.date | None = None,
) -> Feedback:
    """Receive feedback. A complaint or denunciation needs a named person (the laws do not take anonymous
    ones); a callback request needs a phone number."""
    if kind not in Kind.values:
        raise DomainError.one("kind", _("Choose question, suggestion, complaint or denunciation."), "invalid")
    if kind in rules.NEEDS_ACCEPTANCE and person is None and employer is None and not contact_name.strip():
        raise DomainError.one(
            "contact_name", _("A complaint or denunciation must give the name of the person making it."), "required"
        )
    if wants_callback and not (contact_phone.strip() or getattr(person, "phone", "")):
        raise DomainError.one("contact_phone", _("Give a phone number to be called back on."), "required")
    day = today or timezone.localdate()
    item = Feedback(
        code=_new_code(day),
        kind=kind,
        channel=channel,
        person=person,
        employer=employer,
        submitted_by=by_user if getattr(by_user, "pk", None) else None,
        contact_name=clean_name(contact_name) if contact_name.strip() else "",
        contact_phone=(contact_phone or getattr(person, "phone", "") or "")[:20],
        contact_email=contact_email[:254],
        wants_callback=wants_callback,
        commune=_commune(person, employer, commune),
        subject=_clean(subject, "subject", 200),
        text=_clean(text, "text", MAX_TEXT),
        category=category if category in Feedback.Category.values else "",
        dossier_code=dossier_code.strip().upper()[:16],
        conversation=_conversation(conversation),
        received_on=day,
    )
    _set_deadlines(item, work_calendar())
    item.save()
    return item


def _conversation(turns) -> list[dict]:
    """The assistant's transcript, kept as plain turns (who, text), bounded."""
    kept = []
    for turn in list(turns or [])[-MAX_CONVERSATION_TURNS:]:
        who = str(turn.get("role") or turn.get("who") or "")[:20]
        kept.append({"role": who, "text": clean_text(str(turn.get("text") or turn.get("content") or ""), 2000)})
    return kept


def open_callback_request(
    *, question: str, conversation=(), user=None, person=None, phone: str = "", name: str = "", commune=None
) -> Feedback:
    """The assistant could not answer: a question with a callback request, the conversation attached."""
    return submit(
        kind=Kind.QUESTION,
        subject=question[:200] or _("Callback request"),
        text=question,
        channel="assistant",
        by_user=user,
        person=person,
        contact_phone=phone,
        contact_name=name,
        commune=commune,
        conversation=conversation,
        wants_callback=True,
    )


def open_from_conversation(
    *,
    kind: str,
    text: str,
    conversation=(),
    user=None,
    person=None,
    employer=None,
    name: str = "",
    phone: str = "",
    commune=None,
) -> Feedback:
    """The person turns an assistant conversation into a question, suggestion or complaint."""
    return submit(
        kind=kind,
        subject=text[:200],
        text=text,
        channel="assistant",
        by_user=user,
        person=person,
        employer=employer,
        contact_name=name,
        contact_phone=phone,
        commune=commune,
        conversation=conversation,
    )


def _log(item: Feedback, user, kind: str, text: str) -> FeedbackMessage:
    return FeedbackMessage.objects.create(
        feedback=item, at=timezone.now(), author=user if getattr(user, "pk", None) else None, kind=kind, text=text
    )


def _locked(item: Feedback) -> Feedback:
    return Feedback.objects.select_for_update(of=("self",)).get(pk=item.pk)


def _need_state(item: Feedback, *states) -> None:
    if item.state not in states:
        raise DomainError.one(
            "state",
            _("This cannot be done while the case is %(state)s.") % {"state": item.get_state_display()},
            "wrong_state",
        )


@transaction.atomic
def accept(item: Feedback, user, *, complex_case: bool = False, today: dt.date | None = None) -> Feedback:
    """Accept (thụ lý) and start the limit to resolve; questions and suggestions are simply taken up."""
    item = _locked(item)
    _need_state(item, State.RECEIVED)
    item.state, item.complex_case = State.IN_PROGRESS, complex_case
    if item.kind in rules.NEEDS_ACCEPTANCE:
        item.accepted_on = today or timezone.localdate()
    _set_deadlines(item, work_calendar())
    item.save()
    _log(
        item,
        user,
        Message.EVENT,
        _("Accepted for handling; answer due by %(due)s.") % {"due": f"{item.due_on:%d/%m/%Y}"},
    )
    return item


@transaction.atomic
def refuse(item: Feedback, user, reason: str, today: dt.date | None = None) -> Feedback:
    """Not accepted (e.g. outside the time to complain, not this agency's matter): the reason is the answer."""
    item = _locked(item)
    _need_state(item, State.RECEIVED)
    reason = _clean(reason, "reason", MAX_TEXT)
    if not reason:
        raise DomainError.one("reason", _("Say why it is not accepted."), "required")
    item.state, item.answered_on = State.NOT_ACCEPTED, today or timezone.localdate()
    item.save()
    _log(item, user, Message.REPLY, reason)
    return item


@transaction.atomic
def assign(item: Feedback, user, officer=None, category: str | None = None, kind: str | None = None) -> Feedback:
    """Give the case to an officer and (re)classify it; a changed kind takes that kind's time limit."""
    item = _locked(item)
    if officer is not None:
        item.assigned_to = officer
    if category is not None and category in Feedback.Category.values:
        item.category = category
    if kind and kind in Kind.values and kind != item.kind and item.state == State.RECEIVED:
        item.kind = kind
        _set_deadlines(item, work_calendar())
    item.save()
    return item


@transaction.atomic
def reply(item: Feedback, user, text: str, *, final: bool = True, today: dt.date | None = None) -> Feedback:
    """A reply the person sees; the final one answers the case (and a question goes to the national portal)."""
    item = _locked(item)
    _need_state(item, State.IN_PROGRESS)
    text = _clean(text, "text", MAX_TEXT)
    if not text:
        raise DomainError.one("text", _("Write the reply."), "required")
    _log(item, user, Message.REPLY, text)
    if final:
        item.state, item.answered_on = State.ANSWERED, today or timezone.localdate()
        item.save()
        if item.kind == Kind.QUESTION:
            _report_question(item, text)
    return item


def note(item: Feedback, user, text: str) -> FeedbackMessage:
    return _log(item, user, Message.NOTE, _clean(text, "text", MAX_TEXT))


@transaction.atomic
def reopen(item: Feedback, user, reason: str, today: dt.date | None = None) -> Feedback:
    """The person is not satisfied with the answer: the case goes back to the officer with a new limit."""
    item = _locked(item)
    day = today or timezone.localdate()
    if not rules.may_reopen(item.state, item.answered_on, day):
        raise DomainError.one(
            "state", _("An answer can be reopened within %(n)s days.") % {"n": rules.REOPEN_WITHIN_DAYS}, "wrong_state"
        )
    item.state, item.reopened, item.answered_on, item.closed_on, item.rating = (
        State.IN_PROGRESS,
        item.reopened + 1,
        None,
        None,
        None,
    )
    item.received_on = day  # the new round is counted from the day it was reopened
    item.accepted_on = day if item.kind in rules.NEEDS_ACCEPTANCE else None
    _set_deadlines(item, work_calendar())
    item.save()
    _log(item, user, Message.APPLICANT, _clean(reason, "reason", MAX_TEXT) or _("Reopened."))
    return item


@transaction.atomic
def rate(item: Feedback, user, rating: int, comment: str = "", today: dt.date | None = None) -> Feedback:
    """The person rates the answer (1–5); that closes the case and goes to the national portal."""
    item = _locked(item)
    _need_state(item, State.ANSWERED, State.NOT_ACCEPTED)
    if not 1 <= int(rating) <= 5:
        raise DomainError.one("rating", _("Rate from 1 to 5."), "invalid")
    item.rating, item.rating_comment = int(rating), _clean(comment, "comment", 500)
    item.state, item.closed_on = State.CLOSED, today or timezone.localdate()
    item.save()
    _report_rating(item)
    return item


def _report_question(item: Feedback, answer: str) -> None:
    public_services.report_question_to_portal(
        code=item.code,
        title=item.subject,
        question=item.text,
        asked_by=item.contact_name or (item.person.full_name if item.person else ""),
        asked_on=item.received_on,
        answer=answer,
        answered_on=item.answered_on,
        field=Feedback.Category(item.category).label,
    )


def _report_rating(item: Feedback) -> None:
    public_services.report_rating_to_portal(
        code=item.dossier_code or item.code, rating=item.rating, comment=item.rating_comment, rated_on=item.closed_on
    )


def feedback_for(user) -> list[Feedback]:
    """The person's (or the unit's) own feedback, newest first."""
    person, employer = person_for_user(user), employer_for_user(user)
    query = Feedback.objects.filter(
        Q(submitted_by=user)
        | (Q(person=person) if person else Q(pk__in=[]))
        | (Q(employer=employer) if employer else Q(pk__in=[]))
    )
    return list(query.distinct().order_by("-received_on", "-id")[:200])


def queue(filters: dict | None = None, today: dt.date | None = None) -> list[tuple[Feedback, str]]:
    """Open cases, most urgent first, each with its warning ('overdue', 'due_soon' or '')."""
    filters = filters or {}
    query = Feedback.objects.filter(state__in=(State.RECEIVED, State.IN_PROGRESS)).select_related(
        "commune", "assigned_to"
    )
    if filters.get("kind") in Kind.values:
        query = query.filter(kind=filters["kind"])
    if filters.get("mine_for") is not None:
        query = query.filter(assigned_to=filters["mine_for"])
    day, calendar = today or timezone.localdate(), work_calendar()
    rows = [(item, rules.warning(calendar, item.due_on, day, False)) for item in query.order_by("due_on", "id")[:300]]
    if filters.get("warning"):
        rows = [row for row in rows if row[1]]
    return rows


def feedback_kpis(period: str) -> list[dict]:
    """Per commune for one month: received, answered, answered on time, rated, satisfied (4 or 5 stars),
    the rating total, and open cases past their limit at the month's end."""
    month = Period.parse(period)
    first, last = month.first_day, month.last_day
    received = Q(received_on__range=(first, last))
    answered = Q(answered_on__range=(first, last))
    rated = Q(closed_on__range=(first, last), rating__isnull=False)
    late_open = Q(received_on__lte=last, due_on__lt=last) & (Q(answered_on__isnull=True) | Q(answered_on__gt=last))
    rows = (
        Feedback.objects.filter(received | answered | rated | late_open)
        .values(commune_code=F("commune__code"), area_code=F("commune__area__code"))
        .annotate(
            received=Count("id", filter=received),
            answered=Count("id", filter=answered),
            on_time=Count("id", filter=answered & Q(answered_on__lte=F("due_on"))),
            rated=Count("id", filter=rated),
            satisfied=Count("id", filter=rated & Q(rating__gte=4)),
            rating_total=Sum("rating", filter=rated, default=0),
            overdue=Count("id", filter=late_open),
        )
        .order_by("area_code", "commune_code")
    )
    keys = (
        "area_code",
        "commune_code",
        "received",
        "answered",
        "on_time",
        "rated",
        "satisfied",
        "rating_total",
        "overdue",
    )
    return [{k: r[k] for k in keys} for r in rows]
