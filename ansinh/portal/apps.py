from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "ansinh.portal"
    label = "portal"
    verbose_name = _("Citizen and employer portal")

    def ready(self):
        from ansinh.contributions.portal import add_employer_panel
        from ansinh.portal.views.employer import workers_and_dossiers

        add_employer_panel(workers_and_dossiers)
