from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "ansinh.registry"
    label = "registry"
    verbose_name = _("Registry: people, households, employers, employment")

    def ready(self):
        from ansinh.core import nav
        from ansinh.core.roles import STAFF_ROLES

        nav.register(nav.NavItem("registry-people", _("People"), "registry:people", roles=STAFF_ROLES, order=10))
        nav.register(nav.NavItem("registry-employers", _("Employer units"), "registry:employers", roles=STAFF_ROLES, order=11))
