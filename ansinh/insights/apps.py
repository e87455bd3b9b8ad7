from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ansinh.core.seeding import seed_after_migrate


class InsightsConfig(AppConfig):
    name = "ansinh.insights"
    label = "insights"
    verbose_name = _("Insights: KPIs and dashboard")

    def ready(self):
        # The shipped catalogue: only missing KPIs and targets are added, so an administrator's edits survive.
        from ansinh.insights.catalogue import load_seed

        seed_after_migrate(self, load_seed)
