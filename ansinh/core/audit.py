"""The audit log: every change to business data and every staff read of a person's record.

Interactive changes are captured by model signals, with the actor taken from the request being served
(see RequestContextMiddleware) or from `acting_as()` in commands. Batch runs write through bulk paths
that bypass signals, so they record one BATCH event themselves with their run record.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import decimal
from dataclasses import dataclass

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

_OWN_APPS = {
    "core",
    "geo",
    "registry",
    "policy",
    "contributions",
    "benefits",
    "health",
    "services",
    "portal",
    "assistant",
    "linkage",
    "insights",
    "feedback",
}
# Framework-ish or high-volume log models that are themselves the record of an event.
_SKIP = {"core.auditevent", "core.apitoken"}


@dataclass(frozen=True)
class Actor:
    user: object | None
    label: str
    ip: str | None = None
    path: str = ""


_current: contextvars.ContextVar[Actor | None] = contextvars.ContextVar("audit_actor", default=None)


def current_actor() -> Actor:
    return _current.get() or Actor(user=None, label="system")


@contextlib.contextmanager
def acting_as(user=None, label: str | None = None, ip: str | None = None, path: str = ""):
    token = _current.set(Actor(user=user, label=label or (user.get_username() if user else "system"), ip=ip, path=path))
    try:
        yield
    finally:
        _current.reset(token)


def actor_from_request(request) -> Actor:
    user = getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    # REMOTE_ADDR as TrustedProxyMiddleware resolved it: X-Forwarded-For counts only from our own proxies.
    ip = request.META.get("REMOTE_ADDR")
    return Actor(user=user, label=user.get_username() if user else "anonymous", ip=ip, path=request.path[:300])


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime, decimal.Decimal)):
        return str(value)
    if hasattr(value, "pk"):
        return value.pk
    return value


def record(action: str, object_type: str, object_id="", summary: str = "", changes=None, actor: Actor | None = None):
    """Append one event. A plain INSERT (the log is append-only, its rows have no signals): every read of personal
    data writes one, so the card check at a counter pays for it on each call."""
    from ansinh.core.bulk import insert_row
    from ansinh.core.models import AuditEvent

    actor = actor or current_actor()
    user = actor.user if getattr(actor.user, "pk", None) else None
    insert_row(
        AuditEvent,
        at=timezone.now(),
        actor_id=user.pk if user else None,
        actor_label=actor.label[:150],
        action=action,
        object_type=object_type[:100],
        object_id=str(object_id)[:64],
        summary=summary[:500],
        changes=changes,
        ip=actor.ip,
        path=actor.path,
    )


def record_read(request, obj, summary: str = "") -> None:
    """Log a staff (or machine) read of personal data. Citizens reading their own data are not logged here."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and getattr(user, "role", "") == "citizen":
        return
    record("read", obj._meta.label_lower, obj.pk, summary or str(obj)[:200], actor=actor_from_request(request))


def record_list_read(request, rows, object_type: str, summary: str) -> None:
    """Log a staff read of a list that shows people's data: which records were on the page, and the search."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and getattr(user, "role", "") == "citizen":
        return
    ids = [getattr(row, "pk", row) for row in rows][:200]
    record(
        "read",
        object_type,
        "",
        summary,
        {"shown": ids, "query": request.GET.urlencode()[:500]},
        actor=actor_from_request(request),
    )


def record_batch(object_type: str, object_id, summary: str, changes=None):
    return record("batch", object_type, object_id, summary, changes)


def _label(instance) -> str:
    return instance._meta.label_lower


def _tracked(sender) -> bool:
    meta = sender._meta
    return meta.app_label in _OWN_APPS and meta.label_lower not in _SKIP and not getattr(sender, "audit_exclude", False)


def _field_values(instance) -> dict:
    return {f.attname: _plain(getattr(instance, f.attname)) for f in instance._meta.concrete_fields}


def _before_save(sender, instance, raw=False, **kwargs):
    if raw or not _tracked(sender) or instance.pk is None:
        instance._audit_before = None
        return
    old = sender._base_manager.filter(pk=instance.pk).values(*[f.attname for f in sender._meta.concrete_fields]).first()
    instance._audit_before = {k: _plain(v) for k, v in old.items()} if old else None


def _after_save(sender, instance, created, raw=False, **kwargs):
    if raw or not _tracked(sender):
        return
    after = _field_values(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        record("create", _label(instance), instance.pk, str(instance)[:200], {"after": _mask(after)})
        return
    diff = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    if diff:
        record("update", _label(instance), instance.pk, str(instance)[:200], _mask(diff))


def _after_delete(sender, instance, **kwargs):
    if _tracked(sender):
        record("delete", _label(instance), instance.pk, str(instance)[:200])


_SECRET_FIELDS = {"password", "key_hash", "otp_hash"}


def _mask(values: dict) -> dict:
    return {k: ("***" if k in _SECRET_FIELDS else v) for k, v in values.items()}


def connect_change_signals() -> None:
    for model in apps.get_models():
        if _tracked(model):
            pre_save.connect(_before_save, sender=model, dispatch_uid=f"audit-pre-{model._meta.label_lower}")
            post_save.connect(_after_save, sender=model, dispatch_uid=f"audit-post-{model._meta.label_lower}")
            post_delete.connect(_after_delete, sender=model, dispatch_uid=f"audit-del-{model._meta.label_lower}")
