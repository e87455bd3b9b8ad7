from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ansinh.core.seeding import seed_after_migrate


class GeoConfig(AppConfig):
    name = "ansinh.geo"
    label = "geo"
    verbose_name = _("Geography: province, areas, communes")

    def ready(self):
        from ansinh.geo.reference import load_if_missing

        seed_after_migrate(self, load_if_missing)
