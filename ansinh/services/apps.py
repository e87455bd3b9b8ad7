from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ansinh.core.seeding import seed_after_migrate


class ServicesConfig(AppConfig):
    name = "ansinh.services"
    label = "services"
    verbose_name = _("Public services: procedures and dossiers")

    def ready(self):
        from ansinh.services.seed import load_seed

        seed_after_migrate(self, load_seed)
