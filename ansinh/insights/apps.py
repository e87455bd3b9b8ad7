from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_catalogue_after_migrate(sender, using="default", **kwargs):
    from ansinh.insights.catalogue import load_seed

    load_seed()


class InsightsConfig(AppConfig):
    name = "ansinh.insights"
    label = "insights"
    verbose_name = _("Insights: KPIs and dashboard")

    def ready(self):
        # The shipped catalogue is applied after every migrate (tests' databases included); only missing
        # KPIs and targets are added, so an administrator's edits survive.
        post_migrate.connect(_load_catalogue_after_migrate, sender=self, dispatch_uid="insights-load-catalogue")
