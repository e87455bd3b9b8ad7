from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "ansinh.services"
    label = "services"
    verbose_name = _("Public services: procedures and dossiers")

    def ready(self):
        from ansinh.services.seed import seed_after_migrate

        post_migrate.connect(seed_after_migrate, sender=self, dispatch_uid="services-seed")
