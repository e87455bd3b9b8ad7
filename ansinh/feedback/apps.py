from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "ansinh.feedback"
    label = "feedback"
    verbose_name = _("Feedback and complaints")

    def ready(self):
        from ansinh.core import nav
        from ansinh.core.roles import STAFF_ROLES, Role
        from ansinh.feedback.seed import seed_after_migrate

        post_migrate.connect(seed_after_migrate, sender=self, dispatch_uid="feedback-seed")
        nav.register(nav.NavItem("feedback-mine", _("Questions and complaints"), "feedback:mine",
                                 roles={Role.CITIZEN, Role.EMPLOYER}, order=40))
        nav.register(nav.NavItem("feedback-queue", _("Feedback queue"), "feedback:queue", roles=STAFF_ROLES, order=40))
