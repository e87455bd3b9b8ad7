"""Feedback API (/api/v1/feedback/): a citizen's or unit's software sends and reads its own feedback; managers
read the monthly figures per commune."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema

from ansinh.core.api_auth import roles
from ansinh.core.errors import DomainError
from ansinh.core.roles import Role
from ansinh.core.throttles import account_throttles
from ansinh.feedback import services
from ansinh.registry.services import employer_for_user, person_for_user

router = Router(tags=["feedback"])


class FeedbackIn(Schema):
    kind: str
    subject: str
    text: str
    category: str = ""
    dossier_code: str = ""
    wants_callback: bool = False
    contact_phone: str = ""


class FeedbackOut(Schema):
    code: str
    kind: str
    state: str
    subject: str
    received_on: dt.date
    due_on: dt.date
    answered_on: dt.date | None
    rating: int | None
    limit_source: str


def _out(item) -> FeedbackOut:
    return FeedbackOut(**{k: getattr(item, k) for k in FeedbackOut.model_fields})


@router.post("/", response=FeedbackOut, auth=roles(Role.CITIZEN, Role.EMPLOYER), throttle=account_throttles("feedback"))
def send(request, payload: FeedbackIn):
    """Send a question, suggestion, complaint or denunciation; the answer is due by `due_on`."""
    if len(payload.subject) > 200 or len(payload.text) > services.MAX_TEXT:
        raise DomainError.one("text", f"subject ≤ 200 and text ≤ {services.MAX_TEXT} characters", "too_long")
    item = services.submit(
        kind=payload.kind,
        subject=payload.subject,
        text=payload.text,
        channel="portal",
        by_user=request.user,
        person=person_for_user(request.user),
        employer=employer_for_user(request.user),
        category=payload.category,
        dossier_code=payload.dossier_code,
        wants_callback=payload.wants_callback,
        contact_phone=payload.contact_phone,
        contact_name=request.user.get_full_name(),
    )
    return _out(item)


class Turn(Schema):
    role: str
    text: str


class HandOverIn(Schema):
    question: str
    kind: str = "callback"  # "callback" (a question with a callback request), "question", "suggestion", "complaint"
    conversation: list[Turn] = []
    phone: str = ""


@router.post(
    "/from-assistant",
    response=FeedbackOut,
    auth=roles(Role.CITIZEN, Role.EMPLOYER),
    throttle=account_throttles("feedback"),
)
def from_assistant(request, payload: HandOverIn):
    """The assistant could not answer: the person asks to be called back, or turns the conversation into a
    question, suggestion or complaint. The conversation is attached for the officer."""
    if len(payload.question) > services.MAX_TEXT or len(payload.conversation) > services.MAX_CONVERSATION_TURNS:
        raise DomainError.one("question", "the question or the conversation is too long", "too_long")
    turns = [turn.model_dump() for turn in payload.conversation]
    person, employer = person_for_user(request.user), employer_for_user(request.user)
    if payload.kind == "callback":
        item = services.open_callback_request(
            question=payload.question,
            conversation=turns,
            user=request.user,
            person=person,
            phone=payload.phone,
            name=request.user.get_full_name(),
            commune=employer.commune if employer else None,
        )
    else:
        item = services.open_from_conversation(
            kind=payload.kind,
            text=payload.question,
            conversation=turns,
            user=request.user,
            person=person,
            employer=employer,
            name=request.user.get_full_name(),
            phone=payload.phone,
        )
    return _out(item)


@router.get("/mine", response=list[FeedbackOut], auth=roles(Role.CITIZEN, Role.EMPLOYER))
def mine(request):
    return [_out(item) for item in services.feedback_for(request.user)]


class KpiRow(Schema):
    area_code: str
    commune_code: str
    received: int
    answered: int
    on_time: int
    rated: int
    satisfied: int
    rating_total: int
    overdue: int


@router.get("/kpis", response=list[KpiRow], auth=roles(Role.MANAGER, Role.ADMINISTRATOR))
def kpis(request, period: str):
    """Per commune for a month (YYYY-MM): received, answered, on time, rated, satisfied, overdue."""
    try:
        return services.feedback_kpis(period)
    except ValueError as exc:
        raise DomainError.one("period", str(exc), "bad_period", location="query") from None
