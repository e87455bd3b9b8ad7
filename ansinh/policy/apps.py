from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def _load_packs_after_migrate(sender, using="default", **kwargs):
    from ansinh.policy.services import load_packs

    load_packs()


class PolicyConfig(AppConfig):
    name = "ansinh.policy"
    label = "policy"
    verbose_name = _("Policy: the law as effective-dated parameters")

    def ready(self):
        from ansinh.policy.models import Parameter
        from ansinh.policy.services import invalidate_cache

        # The shipped packs are (re)applied after every migrate, tests' databases included; only
        # missing versions are inserted, so an administrator's rows survive.
        post_migrate.connect(_load_packs_after_migrate, sender=self, dispatch_uid="policy-load-packs")
        post_save.connect(invalidate_cache, sender=Parameter, dispatch_uid="policy-cache-save")
        post_delete.connect(invalidate_cache, sender=Parameter, dispatch_uid="policy-cache-del")
