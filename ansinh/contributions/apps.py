from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "ansinh.contributions"
    label = "contributions"
    verbose_name = _("Contributions: declarations, assessment, payments, arrears")
