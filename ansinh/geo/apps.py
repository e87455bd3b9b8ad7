from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_reference(sender, **kwargs):
    """Areas and communes are reference data every deployment needs. A flush (as transactional tests do)
    empties them; `flush` sends post_migrate, so they are loaded again here when missing."""
    from ansinh.geo.models import Area
    from ansinh.geo.reference import load_reference

    if not Area.objects.exists():
        load_reference()


class GeoConfig(AppConfig):
    name = "ansinh.geo"
    label = "geo"
    verbose_name = _("Geography: province, areas, communes")

    def ready(self):
        post_migrate.connect(_ensure_reference, sender=self, dispatch_uid="geo-reference")
