"""The outbox: messages written with the change they report, delivered later in order per key, retried with
exponential back-off, every attempt logged, and replayable by the operator."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ansinh.procedures.integration_models import OutboxDelivery, OutboxMessage
from ansinh.procedures.integrations.http import ServiceError

Status = OutboxMessage.Status


def enqueue(operation: str, key: str, payload: dict, target: str = "portal") -> OutboxMessage:
    return OutboxMessage.objects.create(target=target, operation=operation, key=key[:60], payload=payload)


def backoff_seconds(attempts: int, base: int, cap: int) -> int:
    """Wait before the next try: base, 2×base, 4×base … capped (attempts counts the failed tries so far)."""
    return min(cap, base * 2 ** max(0, attempts - 1))


@dataclass
class RunResult:
    sent: int = 0
    failed: int = 0
    gave_up: int = 0
    held: int = 0

    def as_dict(self) -> dict:
        return {"sent": self.sent, "failed": self.failed, "gave_up": self.gave_up, "held": self.held}


def _blocked_keys(target: str, now) -> set[str]:
    """Keys with an earlier message not yet deliverable: later messages about them wait their turn."""
    waiting = OutboxMessage.objects.filter(target=target).filter(status=Status.FAILED) | OutboxMessage.objects.filter(
        target=target, status=Status.PENDING, next_attempt_at__gt=now
    )
    return set(waiting.values_list("key", flat=True))


def deliver_due(send: Callable[[OutboxMessage], None], target: str = "portal", limit: int = 500, now=None) -> RunResult:
    """Deliver due messages of one target in queue order. `send` raises ServiceError when a message did not
    go through. A failed key is held for the rest of the run so its steps never arrive out of order."""
    now = now or timezone.now()
    result, blocked = RunResult(), _blocked_keys(target, now)
    due = list(OutboxMessage.objects.filter(target=target, status=Status.PENDING, next_attempt_at__lte=now)[:limit])
    deliveries = []
    for message in due:
        if message.key in blocked:
            result.held += 1
            continue
        deliveries.append(_attempt(send, message, result))
        if message.status != Status.SENT:
            blocked.add(message.key)
    OutboxDelivery.objects.bulk_create(deliveries)
    return result


def _attempt(send, message: OutboxMessage, result: RunResult) -> OutboxDelivery:
    started = time.perf_counter()
    error = None
    try:
        send(message)
    except ServiceError as exc:
        error = exc
    elapsed = int((time.perf_counter() - started) * 1000)
    message.attempts += 1
    if error is None:
        message.status, message.sent_at, message.last_error = Status.SENT, timezone.now(), ""
        result.sent += 1
    else:
        _schedule_retry(message, error, result)
    message.save(update_fields=["status", "attempts", "sent_at", "last_error", "next_attempt_at"])
    return OutboxDelivery(
        message=message,
        ok=error is None,
        http_status=getattr(error, "http_status", None),
        error_code=(error.code if error else "")[:20],
        detail=(error.detail if error else "")[:300],
        duration_ms=elapsed,
    )


def _schedule_retry(message: OutboxMessage, error: ServiceError, result: RunResult) -> None:
    message.last_error = f"{error.code}: {error.detail}"[:300]
    if message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        message.status = Status.FAILED
        result.gave_up += 1
        return
    wait = backoff_seconds(message.attempts, settings.OUTBOX_BACKOFF_SECONDS, settings.OUTBOX_BACKOFF_MAX_SECONDS)
    message.next_attempt_at = timezone.now() + timezone.timedelta(seconds=wait)
    result.failed += 1


@transaction.atomic
def replay(*, ids=(), key: str = "", failed: bool = False, target: str = "portal") -> int:
    """Put messages back in the queue now: chosen ids, every message about a key, or all that gave up.
    Sent messages can be replayed too (the portal treats a repeated sync as an update)."""
    query = OutboxMessage.objects.filter(target=target)
    if ids:
        query = query.filter(pk__in=list(ids))
    elif key:
        query = query.filter(key=key)
    elif failed:
        query = query.filter(status=Status.FAILED)
    else:
        return 0
    return query.update(status=Status.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error="")


def backlog(target: str = "portal") -> dict:
    from django.db.models import Count

    rows = OutboxMessage.objects.filter(target=target).values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}
