from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ansinh.core.seeding import seed_after_migrate


class AssistantConfig(AppConfig):
    name = "ansinh.assistant"
    label = "assistant"
    verbose_name = _("AI virtual assistant")

    def ready(self):
        from ansinh.assistant import signals  # noqa: F401  (passage edits refresh the index)
        from ansinh.assistant.services import load_seed

        # Passages that already exist are left as staff edited them.
        seed_after_migrate(self, load_seed)
