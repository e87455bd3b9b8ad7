from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_seed_after_migrate(sender, **kwargs):
    from ansinh.assistant.services import load_seed

    load_seed()


class AssistantConfig(AppConfig):
    name = "ansinh.assistant"
    label = "assistant"
    verbose_name = _("AI virtual assistant")

    def ready(self):
        from ansinh.assistant import signals  # noqa: F401  (passage edits refresh the index)

        # Shipped passages are inserted after every migrate (tests' databases and flushes included);
        # passages that already exist are left as staff edited them.
        post_migrate.connect(_load_seed_after_migrate, sender=self, dispatch_uid="assistant-load-seed")
