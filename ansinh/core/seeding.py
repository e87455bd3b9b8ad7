"""Reference data an app ships (packs, catalogues, calendars) loaded after every migrate, so that a new
deployment, each test database and each flush (transactional tests; `flush` sends post_migrate too) has it."""

from __future__ import annotations

from collections.abc import Callable

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def seed_after_migrate(app_config: AppConfig, load: Callable[[], object]) -> None:
    """Call `load` after each migrate of `app_config`'s app; for an AppConfig.ready().

    `load` runs every time, so it adds only what is missing: what an administrator edited survives."""

    def _load(sender, **kwargs) -> None:
        load()

    # weak=False: the receiver is this closure, which nothing else holds.
    post_migrate.connect(_load, sender=app_config, weak=False, dispatch_uid=f"{app_config.label}-seed-after-migrate")
