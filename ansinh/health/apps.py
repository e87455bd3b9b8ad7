from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_reference(sender, **kwargs):
    """Groups, diagnoses, the catalogue and the facilities are reference data; a flush (transactional tests)
    empties them and sends post_migrate, so they are loaded again here when missing."""
    from ansinh.health.reference import load_reference

    load_reference()


class HealthConfig(AppConfig):
    name = "ansinh.health"
    label = "health"
    verbose_name = _("Health insurance: coverage, eligibility, claims")

    def ready(self):
        post_migrate.connect(_ensure_reference, sender=self, dispatch_uid="health-reference")
