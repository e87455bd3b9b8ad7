from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "ansinh.feedback"
    label = "feedback"
    verbose_name = _("Feedback and complaints")

    def ready(self):
        from ansinh.feedback.seed import seed_after_migrate

        post_migrate.connect(seed_after_migrate, sender=self, dispatch_uid="feedback-seed")
