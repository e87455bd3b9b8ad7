from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ansinh.core"
    label = "core"
    verbose_name = _("Core: users, roles and audit")

    def ready(self):
        from ansinh.core import audit, signals  # noqa: F401  (signals registers log-in auditing)

        audit.connect_change_signals()
