from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from ansinh.core.seeding import seed_after_migrate


class PolicyConfig(AppConfig):
    name = "ansinh.policy"
    label = "policy"
    verbose_name = _("Policy: the law as effective-dated parameters")

    def ready(self):
        from ansinh.policy.models import Parameter
        from ansinh.policy.services import invalidate_cache, load_packs

        # The shipped packs: only missing versions are inserted, so an administrator's rows survive.
        seed_after_migrate(self, load_packs)
        post_save.connect(invalidate_cache, sender=Parameter, dispatch_uid="policy-cache-save")
        post_delete.connect(invalidate_cache, sender=Parameter, dispatch_uid="policy-cache-del")
