from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "ansinh.outreach"
    label = "outreach"
    verbose_name = _("Coverage outreach")

    def ready(self):
        from ansinh.core import nav
        from ansinh.outreach.views import OFFICERS

        nav.register(nav.NavItem("outreach", _("Outreach"), "outreach:home", roles=OFFICERS, order=45))
