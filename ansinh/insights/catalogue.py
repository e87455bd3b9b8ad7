"""The KPI catalogue and targets: loaded from data/kpis.toml, then edited by an administrator in the admin."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from ansinh.insights.models import Kpi, KpiTarget

SEED_FILE = Path(__file__).parent / "data" / "kpis.toml"
_KPI_FIELDS = (
    "name_vi",
    "name_en",
    "definition_vi",
    "definition_en",
    "numerator",
    "denominator",
    "direction",
    "source",
    "order",
)


def seed_entries() -> list[dict]:
    with SEED_FILE.open("rb") as fh:
        return tomllib.load(fh)["kpi"]


@transaction.atomic
def load_seed() -> int:
    """Insert the KPIs and targets that are missing; existing rows (perhaps edited) are left alone."""
    added = 0
    for entry in seed_entries():
        kpi, created = Kpi.objects.get_or_create(code=entry["code"], defaults={f: entry[f] for f in _KPI_FIELDS})
        added += created
        for target in entry.get("targets", []):
            for year in target["years"]:
                _, made = KpiTarget.objects.get_or_create(
                    kpi=kpi,
                    year=year,
                    defaults={
                        "comparison": target["comparison"],
                        "value": Decimal(target["value"]),
                        "source": target["source"],
                        "note": target.get("note", ""),
                    },
                )
                added += made
    return added


def active_kpis() -> list[Kpi]:
    return list(Kpi.objects.filter(active=True))


def targets_by_year() -> dict[tuple[str, int], KpiTarget]:
    """(kpi code, year) → target, for every year on file."""
    return {(t.kpi.code, t.year): t for t in KpiTarget.objects.select_related("kpi")}


def target_for(targets: dict, code: str, year: int) -> KpiTarget | None:
    """The target of that year, else of the nearest earlier year on file, else None (no target set)."""
    years = sorted((y for (c, y) in targets if c == code and y <= year), reverse=True)
    return targets[(code, years[0])] if years else None
