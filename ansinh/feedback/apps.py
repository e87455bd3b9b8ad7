from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ansinh.core.seeding import seed_after_migrate


class FeedbackConfig(AppConfig):
    name = "ansinh.feedback"
    label = "feedback"
    verbose_name = _("Feedback and complaints")

    def ready(self):
        from ansinh.feedback.seed import load_time_limits

        seed_after_migrate(self, load_time_limits)
