"""Loads the time limits from feedback/data/time_limits.toml after every migrate: only missing versions are
added, so an administrator's rows survive."""

from __future__ import annotations

import tomllib
from pathlib import Path

LIMITS = Path(__file__).parent / "data" / "time_limits.toml"


def load_time_limits(path: Path = LIMITS) -> int:
    from ansinh.feedback.models import TimeLimit

    rows = tomllib.loads(path.read_text(encoding="utf-8"))["limit"]
    existing = set(TimeLimit.objects.values_list("kind", "stage", "valid_from"))
    new = [
        TimeLimit(
            assumed=r.get("assumed", False),
            **{k: r[k] for k in ("kind", "stage", "days", "unit", "valid_from", "source")},
        )
        for r in rows
        if (r["kind"], r["stage"], r["valid_from"]) not in existing
    ]
    TimeLimit.objects.bulk_create(new)
    return len(new)
