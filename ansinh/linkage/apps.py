from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkageConfig(AppConfig):
    name = "ansinh.linkage"
    label = "linkage"
    verbose_name = _("Reconciliation with the population database")

    def ready(self):
        from ansinh.core import nav
        from ansinh.core.roles import Role

        reviewers = {Role.COLLECTION_OFFICER, Role.SERVICE_DESK, Role.MANAGER, Role.ADMINISTRATOR}
        nav.register(nav.NavItem("linkage-queue", _("Population data sync"), "linkage:queue", roles=reviewers, order=60))
