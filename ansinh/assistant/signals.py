"""A passage saved or deleted (admin, staff) refreshes the index once the transaction commits."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ansinh.assistant.models import Passage


def _refresh(**kwargs):
    from ansinh.assistant import index

    transaction.on_commit(index.forget)


receiver(post_save, sender=Passage, dispatch_uid="assistant-passage-saved")(_refresh)
receiver(post_delete, sender=Passage, dispatch_uid="assistant-passage-deleted")(_refresh)
