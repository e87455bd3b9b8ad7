from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "ansinh.portal"
    label = "portal"
    verbose_name = _("Citizen and employer portal")

    def ready(self):
        from ansinh.core import nav
        from ansinh.core.roles import Role

        nav.register(nav.NavItem("portal-home", _("My insurance"), "portal:home", roles={Role.CITIZEN}, order=10))
        nav.register(nav.NavItem("portal-history", _("SI history"), "portal:history", roles={Role.CITIZEN}, order=11))
        nav.register(nav.NavItem("portal-dossiers", _("My dossiers"), "portal:dossiers", roles={Role.CITIZEN}, order=12))
        nav.register(nav.NavItem("portal-employer", _("Unit portal"), "portal:employer", roles={Role.EMPLOYER}, order=10))
