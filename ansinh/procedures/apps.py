from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ansinh.core.seeding import seed_after_migrate


class ProceduresConfig(AppConfig):
    name = "ansinh.procedures"
    # The label the app was created under: its tables, migrations, permissions and audit targets are named by it.
    label = "services"
    verbose_name = _("Public services: procedures and dossiers")

    def ready(self):
        from ansinh.procedures.seed import load_seed

        seed_after_migrate(self, load_seed)
