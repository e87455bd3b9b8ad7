"""What the review pages show: a finding's registry record beside its candidates, and sync rates per area."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from ansinh.core.ids import mask_cccd
from ansinh.geo.models import Area, Commune
from ansinh.linkage import services
from ansinh.linkage.readable import readable

_ROWS = (
    ("cccd", _("CCCD"), "cccd"),
    ("full_name", _("Full name"), "name"),
    ("birth_date", _("Date of birth"), "birth_date"),
    ("sex", _("Sex"), "sex"),
    ("commune_code", _("Commune"), "commune"),
    ("address", _("Address"), None),
)


def _registry_value(person, field):
    if field == "commune_code":
        return person.commune.code
    if field == "birth_date":
        return person.birth_date.isoformat()
    return getattr(person, field) or ""


def side_by_side(person, candidates) -> list[dict]:
    """One row per field: the registry's value, then each candidate's with its match weight for that field."""
    names = dict(
        Commune.objects.filter(code__in=[person.commune.code] + [c.commune_code for c in candidates]).values_list(
            "code", "name"
        )
    )
    rows = []
    for field, label, weight_key in _ROWS:
        mine = _registry_value(person, field)
        cells = []
        for cand in candidates:
            value = getattr(cand, field)
            weight = (cand.weights or {}).get(weight_key) if weight_key else None
            cells.append({"value": _shown(field, value, names), "same": value == mine, "weight": weight})
        rows.append({"label": label, "registry": _shown(field, mine, names), "cells": cells})
    return rows


def _shown(field, value, names):
    if field == "cccd":
        return mask_cccd(value) if value else "—"
    if field == "commune_code":
        return f"{names.get(value, value)} ({value})" if value else "—"
    return readable(field, value)


def area_rows(run) -> list[dict]:
    """Sync rate per area now (the KPI), from sync_by_commune."""
    totals = defaultdict(lambda: [0, 0])
    for row in services.sync_by_commune():
        totals[row["area_code"]][0] += row["participants"]
        totals[row["area_code"]][1] += row["synced"]
    names = dict(Area.objects.values_list("code", "name"))
    return [
        {"code": code, "name": names.get(code, code), "participants": p, "synced": s, "rate": s / p if p else 0}
        for code, (p, s) in sorted(totals.items())
    ]
