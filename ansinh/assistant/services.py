"""Use cases of the assistant: loading the shipped passages, rebuilding the index, asking, rating."""

from __future__ import annotations

import json

from django.db import transaction
from django.utils import timezone

from ansinh.assistant import index as search_index
from ansinh.assistant.knowledge import FIELDS, read_seed
from ansinh.core import audit


@transaction.atomic
def load_seed(update: bool = False) -> tuple[int, int]:
    """Insert shipped passages that are missing (by id). With update, shipped rows that staff have not
    taken over (origin 'seed') are overwritten by the files, those the files no longer hold are made
    inactive, and a retired one the files hold again is made active again; staff passages are never touched."""
    from ansinh.assistant.models import Passage

    rows = read_seed()
    existing = {p.pid: p for p in Passage.objects.filter(pid__in=[r["pid"] for r in rows])}
    new = [Passage(origin=Passage.Origin.SEED, **r) for r in rows if r["pid"] not in existing]
    changed = []
    for row in rows if update else []:
        current = existing.get(row["pid"])
        if (
            current is not None
            and current.origin == Passage.Origin.SEED
            and (not current.active or any(getattr(current, f) != row[f] for f in FIELDS))
        ):
            for name in FIELDS:
                setattr(current, name, row[name])
            current.active = True  # only a seed update retires a seed row (staff edits make a row theirs)
            current.updated_at = timezone.now()
            changed.append(current)
    Passage.objects.bulk_create(new)
    if changed:
        Passage.objects.bulk_update(changed, list(FIELDS[1:]) + ["active", "updated_at"])
    retired = 0
    if update:  # a shipped passage the files no longer hold (merged or withdrawn) stops being answered from
        retired = (
            Passage.objects.filter(origin=Passage.Origin.SEED, active=True)
            .exclude(pid__in=[r["pid"] for r in rows])
            .update(active=False, updated_at=timezone.now())
        )
    if new or changed or retired:
        audit.record_batch(
            "assistant.passage",
            "seed",
            f"Loaded {len(new)} new and {len(changed)} updated shipped passages, retired {retired}",
        )
    search_index.forget()
    return len(new), len(changed)


def rebuild_index():
    """Build the index now (after edits); raises PlaceholderError naming the passage and the key."""
    built = search_index.build()
    search_index.forget()
    return built


def rate(exchange_id: int, helpful: bool, comment: str, user) -> object:
    """Store a citizen's helpful / not helpful on an answer they were given (anyone may rate an
    anonymous answer; a signed-in person's answer only by that person)."""
    from ansinh.assistant.models import Exchange

    exchange = Exchange.objects.filter(pk=exchange_id).first()
    if exchange is None or (exchange.user_id and exchange.user_id != getattr(user, "pk", None)):
        return None
    exchange.helpful, exchange.comment, exchange.rated_at = helpful, comment[:500], timezone.now()
    exchange.save(update_fields=["helpful", "comment", "rated_at"])
    return exchange


def ask(question: str, lang: str, user, conversation: str = "", passage: str = ""):
    """Answer and keep the exchange (for feedback, staff review and the chat's memory). A follow-up in the same
    conversation is understood with the previous question. Returns (Answer, Exchange)."""
    from ansinh.assistant import memory
    from ansinh.assistant.answerer import MAX_QUESTION
    from ansinh.assistant.answerer import ask as answer_question
    from ansinh.assistant.models import Exchange

    context = memory.previous(conversation, user)
    conversation = conversation if context is not None else memory.new_id()
    answer = answer_question(question, lang, user, context, passage)
    exchange = Exchange.objects.create(
        question=question[:MAX_QUESTION],
        lang=answer.lang,
        answer=answer.answer,
        kind=answer.kind,
        confidence=answer.confidence,
        passage_ids=answer.passage_ids,
        user=user if getattr(user, "is_authenticated", False) else None,
        conversation=conversation,
        understood_as=answer.understood_as[: 2 * MAX_QUESTION],
        inputs=json.loads(json.dumps(answer.inputs, default=str)) if answer.inputs else None,
    )
    return answer, exchange
