from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "ansinh.contributions"
    label = "contributions"
    verbose_name = _("Contributions: declarations, assessment, payments, arrears")

    def ready(self):
        from ansinh.core import nav
        from ansinh.core.roles import Role

        officers = {Role.COLLECTION_OFFICER, Role.MANAGER, Role.ADMINISTRATOR}
        nav.register(nav.NavItem("contributions-employer", _("Contributions"), "contributions:employer", roles={Role.EMPLOYER}, order=20))
        nav.register(nav.NavItem("contributions-arrears", _("Arrears"), "contributions:arrears", roles=officers, order=20))
        nav.register(nav.NavItem("contributions-suspense", _("Unmatched payments"), "contributions:suspense", roles=officers, order=21))
        nav.register(nav.NavItem("contributions-statements", _("Bank statements"), "contributions:statements", roles=officers, order=22))
