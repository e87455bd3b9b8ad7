from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ansinh.core.seeding import seed_after_migrate


class HealthConfig(AppConfig):
    name = "ansinh.health"
    label = "health"
    verbose_name = _("Health insurance: coverage, eligibility, claims")

    def ready(self):
        # Groups, diagnoses, the catalogue and the facilities are reference data every deployment needs.
        from ansinh.health.reference import load_reference

        seed_after_migrate(self, load_reference)
