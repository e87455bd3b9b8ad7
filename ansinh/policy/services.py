"""Reading parameters in force, confirming announced (provisional) versions, and loading the policy packs
shipped with An Sinh."""

from __future__ import annotations

import datetime as dt
import threading
import tomllib
from pathlib import Path

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ansinh.core import audit
from ansinh.core.errors import DomainError
from ansinh.core.text import clean_text
from ansinh.policy.rules import IN_FORCE, PROVISIONAL, ParamSet, ParamVersion, select_in_force

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
                ParamVersion(p.key, p.valid_from, p.value, p.unit, p.source, p.pk, p.status, not p.uncertain)
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


def params_reader():
    """A reader of the parameters in force on any date, over one snapshot of the table: for computations that
    look up many dates at once (one stamp query instead of one per date)."""
    versions = _all_versions()
    return lambda on: select_in_force(versions, on)


def history(key: str) -> list[ParamVersion]:
    return sorted((v for v in _all_versions() if v.key == key), key=lambda v: v.valid_from)


def provisional_versions() -> list[ParamVersion]:
    """Every announced change waiting for its act: what an administrator has to confirm."""
    return sorted((v for v in _all_versions() if v.status == PROVISIONAL), key=lambda v: (v.key, v.valid_from))


@transaction.atomic
def confirm_version(parameter_id: int, by_user, act: str):
    """The act that sets an announced version is published: the version comes into force, citing the act.
    Recorded in the audit log with the confirming administrator."""
    from ansinh.policy.models import Parameter

    try:
        act = clean_text(act or "", 300)
    except ValueError as exc:
        raise DomainError.one("act", str(exc), "invalid") from None
    if not act:
        raise DomainError.one(
            "act", _("Name the published act that sets this value (e.g. Decree 161/2026/NĐ-CP)."), "missing"
        )
    row = Parameter.objects.select_for_update().filter(pk=parameter_id).first()
    if row is None:
        raise DomainError.one("parameter", _("No such parameter version."), "not_found")
    if row.status != PROVISIONAL:
        raise DomainError.one("status", _("Only a provisional version can be confirmed."), "not_provisional")
    before = {"status": row.status, "source": row.source, "uncertain": row.uncertain}
    row.status, row.source, row.uncertain = IN_FORCE, act, False
    row.confirmed_by, row.confirmed_at = (by_user if getattr(by_user, "pk", None) else None), timezone.now()
    row.save()
    actor = audit.current_actor()
    if actor.user is None and getattr(by_user, "pk", None):
        actor = audit.Actor(user=by_user, label=by_user.get_username())
    audit.record(
        "confirm",
        "policy.parameter",
        row.pk,
        f"{row.key} from {row.valid_from}: {row.value} confirmed by {act}",
        {"before": before, "after": {"status": row.status, "source": act, "uncertain": False}},
        actor=actor,
    )
    invalidate_cache()
    return row


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
                    "status": version.get("status", IN_FORCE),
                    "pack": path.stem,
                }
            )
    return rows


@transaction.atomic
def load_packs(parameter_model=None, update: bool = False) -> tuple[int, int]:
    """Insert every pack version that is missing (by key and date). With update, pack rows overwrite
    rows that came from the same pack; an administrator's own rows are never touched, nor is a version an
    administrator confirmed sent back to provisional."""
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
                if existing.confirmed_at:
                    row = {k: v for k, v in row.items() if k not in ("status", "source", "uncertain")}
                for name, value in row.items():
                    setattr(existing, name, value)
                existing.save()
                updated += 1
    invalidate_cache()
    return created, updated
