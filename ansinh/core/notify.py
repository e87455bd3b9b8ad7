"""Notifications to people: e-mail through Django's mail backends, SMS through a pluggable gateway, and a copy
in the recipient's inbox when they have an account.

The demo and tests use the console gateway; an operator sets SMS_BACKEND to a real gateway class
with the same `send(phone, text)` method. The inbox keeps the message untranslated (its text id and values),
so each reader sees it in the language they chose, whatever language the SMS went out in.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

from ansinh.core.models import Notification
from ansinh.core.text import render

log = logging.getLogger("ansinh.notify")


class ConsoleSMS:
    sent: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        self.sent.append((phone, text))
        log.info("SMS to %s: %s", phone, text)


def sms_gateway():
    return import_string(settings.SMS_BACKEND)()


@dataclass(frozen=True)
class Message:
    """A message to keep in the inbox: subject and text as gettext ids (gettext_noop), with their values
    (strings and numbers only, so that they store as JSON)."""

    kind: str
    subject: str
    text: str
    values: dict = field(default_factory=dict)
    link: str = ""


def notify(
    *, email: str = "", phone: str = "", subject: str = "", text: str = "", message: Message | None = None, user=None
) -> None:
    """Send by e-mail and SMS; with a message and a recipient account, keep it in their inbox too. The channels
    get `subject`/`text` when given, else the message rendered in the active language."""
    subject = subject or (render(message.subject, message.values) if message else "")
    text = text or (render(message.text, message.values) if message else "")
    if message is not None and getattr(user, "pk", None):
        Notification.objects.create(
            user=user,
            kind=message.kind[:20],
            subject=message.subject[:200],
            text=message.text[:500],
            values=message.values,
            link=message.link[:200],
        )
    if email:
        send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [email], fail_silently=True)
    if phone:
        sms_gateway().send(phone, text)


def keep_in_inbox(messages: list[tuple[int, Message]]) -> int:
    """Inbox copies only, in bulk, for (user id, message) pairs: what a batch run tells many people at once (the
    SMS gateway is not flooded; each reads it when they next log in)."""
    rows = [
        Notification(
            user_id=user_id,
            kind=m.kind[:20],
            subject=m.subject[:200],
            text=m.text[:500],
            values=m.values,
            link=m.link[:200],
        )
        for user_id, m in messages
    ]
    Notification.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
