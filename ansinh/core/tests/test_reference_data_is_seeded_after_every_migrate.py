import pytest
from django.apps import apps
from django.db.models.signals import post_migrate

from ansinh.core.seeding import seed_after_migrate


@pytest.mark.django_db
def test_the_loader_runs_after_each_migrate_of_its_own_app_only():
    calls = []
    config = apps.get_app_config("core")
    seed_after_migrate(config, lambda: calls.append("loaded"))
    try:
        post_migrate.send(sender=config, app_config=config, using="default")
        post_migrate.send(sender=config, app_config=config, using="default")
        other = apps.get_app_config("banking")
        post_migrate.send(sender=other, app_config=other, using="default")
        assert calls == ["loaded", "loaded"]
    finally:
        post_migrate.disconnect(sender=config, dispatch_uid="core-seed-after-migrate")
