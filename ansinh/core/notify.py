"""Notifications to people: e-mail through Django's mail backends, SMS through a pluggable gateway.

The demo and tests use the console gateway; an operator sets SMS_BACKEND to a real gateway class
with the same `send(phone, text)` method.
"""
from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

log = logging.getLogger("ansinh.notify")


class ConsoleSMS:
    sent: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        self.sent.append((phone, text))
        log.info("SMS to %s: %s", phone, text)


def sms_gateway():
    return import_string(settings.SMS_BACKEND)()


def notify(*, email: str = "", phone: str = "", subject: str, text: str) -> None:
    if email:
        send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [email], fail_silently=True)
    if phone:
        sms_gateway().send(phone, text)
