from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenefitsConfig(AppConfig):
    name = "ansinh.benefits"
    label = "benefits"
    verbose_name = _("Benefits: pensions, short-term benefits, payroll")

    def ready(self):
        from ansinh.core import nav
        from ansinh.core.roles import Role

        officers = {Role.BENEFITS_OFFICER, Role.MANAGER, Role.ADMINISTRATOR}
        nav.register(nav.NavItem("benefits-cases", _("Benefit cases"), "benefits:cases", roles=officers, order=30))
        nav.register(nav.NavItem("benefits-payroll", _("Payroll"), "benefits:runs", roles=officers, order=31))
        nav.register(nav.NavItem("benefits-me", _("My benefits"), "benefits:me", roles={Role.CITIZEN}, order=30))
        nav.register(nav.NavItem("benefits-job-search", _("Job-search report"), "benefits:job_search", roles={Role.CITIZEN}, order=31))
