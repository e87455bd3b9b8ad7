from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "ansinh.services"
    label = "services"
    verbose_name = _("Public services: procedures and dossiers")

    def ready(self):
        from ansinh.core import nav
        from ansinh.core.roles import STAFF_ROLES, Role
        from ansinh.services.seed import seed_after_migrate

        post_migrate.connect(seed_after_migrate, sender=self, dispatch_uid="services-seed")
        nav.register(nav.NavItem("services-queue", _("Dossier queue"), "services:queue", roles=STAFF_ROLES - {Role.MANAGER}, order=30))
        nav.register(nav.NavItem("services-walk-in", _("Walk-in dossier"), "services:walk_in", roles={Role.SERVICE_DESK}, order=31))
        nav.register(nav.NavItem("services-submit", _("File a dossier"), "services:catalogue", roles={Role.CITIZEN, Role.EMPLOYER}, order=30))
