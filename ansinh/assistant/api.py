"""POST /api/v1/assistant/ask and /feedback: open to everyone; a signed-in session also gets personal
answers, so a session request must carry the CSRF token (the widget sends it)."""

from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.utils import check_csrf
from pydantic import Field

from ansinh.assistant import index, services
from ansinh.assistant.answerer import MAX_QUESTION
from ansinh.core.throttles import account_throttles, api_throttles

router = Router(tags=["assistant"])


class AskIn(Schema):
    question: str = Field(min_length=1, max_length=MAX_QUESTION)
    lang: Literal["vi", "en"] = "vi"
    conversation: str = Field(
        "",
        max_length=32,
        pattern=r"^[0-9a-f]{0,32}$",
        description="the id returned with the previous answer of this chat (follow-ups keep its topic)",
    )
    passage: str = Field(
        "",
        max_length=64,
        pattern=r"^[a-z0-9_.]*$",
        description="the passage_id of a suggestion the asker picked: the answer comes from that passage",
    )


class CitationOut(Schema):
    title: str
    source: str
    passage_id: str


class SuggestionOut(Schema):
    passage_id: str
    title: str
    question: str = Field(description="a question the assistant can answer on this passage, to ask next")


class AskOut(Schema):
    answer: str
    citations: list[CitationOut]
    confidence: float
    kind: Literal["policy", "calculator", "personal", "unknown"]
    exchange_id: int
    conversation: str
    offer_callback: bool = False
    refused: bool = False
    missing: list[str] = []
    suggestions: list[SuggestionOut] = Field(
        [], description="when unsure (kind unknown): up to three questions it can answer, that the asker may have meant"
    )
    two_cases: bool = Field(
        False,
        description="unsure which of two rules applies (kind policy): the answer gives both, each under its title, "
        "and cites both",
    )
    lang: Literal["vi", "en"] = Field(
        "vi", description="the language of the answer: the question's own where its words tell, else the one asked for"
    )


class AnswerRatingIn(Schema):
    exchange_id: int
    helpful: bool
    comment: str = Field("", max_length=500)


def _guard_session(request: HttpRequest) -> None:
    if request.user.is_authenticated and check_csrf(request) is not None:
        raise HttpError(403, "CSRF token missing or wrong: reload the page and ask again.")


@router.post(
    "/ask",
    response=AskOut,
    auth=None,
    throttle=[*api_throttles("assistant"), *account_throttles("assistant_account")],
    summary="Ask the virtual assistant a question",
)
def ask(request, payload: AskIn):
    _guard_session(request)
    if payload.passage and payload.passage not in index.current().passages:
        raise HttpError(422, f"passage: {payload.passage!r} is not in the knowledge base")
    answer, exchange = services.ask(payload.question, payload.lang, request.user, payload.conversation, payload.passage)
    return {
        "answer": answer.answer,
        "citations": answer.citations,
        "confidence": answer.confidence,
        "kind": answer.kind,
        "exchange_id": exchange.pk,
        "conversation": exchange.conversation,
        "offer_callback": answer.offer_callback,
        "refused": answer.refused,
        "missing": answer.missing,
        "suggestions": answer.suggestions,
        "two_cases": answer.two_cases,
        "lang": answer.lang,
    }


@router.post(
    "/feedback",
    response={204: None},
    auth=None,
    throttle=[*api_throttles("assistant_feedback"), *account_throttles("assistant_account")],
    summary="Rate an answer helpful or not helpful",
)
def feedback(request, payload: AnswerRatingIn):
    _guard_session(request)
    if services.rate(payload.exchange_id, payload.helpful, payload.comment, request.user) is None:
        raise HttpError(404, "No such answer.")
    return 204, None
