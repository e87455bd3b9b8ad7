"""Reading parameters in force, and loading the policy packs shipped with An Sinh."""
from __future__ import annotations

import datetime as dt
import threading
import tomllib
from pathlib import Path

from django.db import transaction
from django.db.models import Count, Max

from ansinh.policy.rules import ParamSet, ParamVersion, select_in_force

PACKS_DIR = Path(__file__).parent / "packs"
_cache_lock = threading.Lock()
_cache: dict = {"stamp": None, "rows": []}


def _stamp():
    from ansinh.policy.models import Parameter

    agg = Parameter.objects.aggregate(n=Count("id"), last=Max("id"), changed=Max("updated_at"))
    return (agg["n"], agg["last"], agg["changed"])


def _all_versions() -> list[ParamVersion]:
    """All versions, cached in the process and reloaded when the table changes (cheap stamp query)."""
    from ansinh.policy.models import Parameter

    stamp = _stamp()
    with _cache_lock:
        if _cache["stamp"] != stamp:
            _cache["rows"] = [
                ParamVersion(p.key, p.valid_from, p.value, p.unit, p.source, p.pk)
                for p in Parameter.objects.all()
            ]
            _cache["stamp"] = stamp
        return _cache["rows"]


def invalidate_cache(**kwargs) -> None:
    with _cache_lock:
        _cache["stamp"] = None


def params_on(on: dt.date) -> ParamSet:
    """The parameters in force on a date (a fresh ParamSet, so `used` is per computation)."""
    return select_in_force(_all_versions(), on)


def history(key: str) -> list[ParamVersion]:
    return sorted((v for v in _all_versions() if v.key == key), key=lambda v: v.valid_from)


def read_pack(path: Path) -> list[dict]:
    """A pack is TOML: [[param]] tables with key, unit, description and [[param.versions]]."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    rows = []
    for param in data.get("param", []):
        for version in param["versions"]:
            rows.append(
                {
                    "key": param["key"],
                    "unit": param.get("unit", ""),
                    "description": param.get("description", ""),
                    "valid_from": version["from"],
                    "value": version["value"],
                    "source": version["source"],
                    "uncertain": bool(version.get("uncertain", param.get("uncertain", False))),
                    "pack": path.stem,
                }
            )
    return rows


@transaction.atomic
def load_packs(parameter_model=None, update: bool = False) -> tuple[int, int]:
    """Insert every pack version that is missing (by key and date). With update, pack rows overwrite
    rows that came from the same pack; an administrator's own rows are never touched."""
    from ansinh.policy.models import Parameter

    model = parameter_model or Parameter
    created = updated = 0
    for path in sorted(PACKS_DIR.glob("*.toml")):
        for row in read_pack(path):
            existing = model.objects.filter(key=row["key"], valid_from=row["valid_from"]).first()
            if existing is None:
                model.objects.create(**row)
                created += 1
            elif update and existing.pack == row["pack"]:
                for name, value in row.items():
                    setattr(existing, name, value)
                existing.save()
                updated += 1
    invalidate_cache()
    return created, updated
