"""The citizen's inbox: the messages the system sent them (kept by ansinh.core.notify), newest first."""

from __future__ import annotations

from django.utils import timezone

from ansinh.core.models import Notification


def messages_for(user):
    return Notification.objects.filter(user=user)


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_read(user, notification_id: int | None = None) -> int:
    """Mark one of the user's messages (or all of them) read; another user's message is never touched."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())
