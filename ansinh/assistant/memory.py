"""Conversation memory within one chat: a follow-up question keeps the topic and the facts already given.

A chat is a random id the server hands out with the first answer; the widget sends it back. A question
that reads as a follow-up ("Còn nếu thuộc hộ nghèo thì sao?", "what about region I?") is understood
together with the previous question as it was understood, the new words first, so figures given now
take precedence over earlier ones while the rest (topic, income, members …) carries over. Only the chat's
own person continues it: a signed-in person's chat is never continued by someone else, or anonymously."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from ansinh.assistant import parsing

MAX_UNDERSTOOD = 500  # characters of carried-over text (the question limit)
SHORT = 10  # a follow-up is a short question …
MARKERS = (
    "con",
    "the con",
    "con neu",
    "neu",
    "vay",
    "vay con",
    "thi sao",
    "the thi sao",
    "truong hop",
    "con voi",
    "con doi voi",
    "con thi",
    "what about",
    "how about",
    "and if",
    "what if",
    "and for",
    "and",
    "if",
    "then",
)  # … with one of these
_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class Context:
    understood_as: str
    kind: str


def new_id() -> str:
    return uuid.uuid4().hex


def valid_id(value: str | None) -> bool:
    return bool(value and _ID.match(value))


def previous(conversation: str, user) -> Context | None:
    """The chat's last exchange, if it belongs to the same person (or both are anonymous)."""
    from ansinh.assistant.models import Exchange

    if not valid_id(conversation):
        return None
    last = Exchange.objects.filter(conversation=conversation).order_by("-asked_at", "-id").first()
    if last is None:
        return None
    signed_in = getattr(user, "is_authenticated", False)
    if last.user_id != (user.pk if signed_in else None):
        return None
    return Context(last.understood_as or last.question, last.kind)


def is_follow_up(question: str) -> bool:
    words = parsing.folded_words(question).split()
    if not words or len(words) > SHORT:
        return False
    text = " " + " ".join(words) + " "
    starts = any(text.startswith(f" {m} ") for m in MARKERS)
    return starts or " thi sao " in text or " the nao " in text and len(words) <= 6


def understood(question: str, context: Context | None) -> str:
    """The text to answer: the question alone, or with the previous one when it follows up on it."""
    if context is None or context.kind == "unknown" or not is_follow_up(question):
        return question
    return f"{question} {context.understood_as}"[:MAX_UNDERSTOOD]
