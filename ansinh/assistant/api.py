"""POST /api/v1/assistant/ask and /feedback: open to everyone; a signed-in session also gets personal
answers, so a session request must carry the CSRF token (the widget sends it)."""

from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.utils import check_csrf
from pydantic import Field

from ansinh.assistant import services
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


class CitationOut(Schema):
    title: str
    source: str
    passage_id: str


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
    answer, exchange = services.ask(payload.question, payload.lang, request.user, payload.conversation)
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
