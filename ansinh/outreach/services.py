"""Public use cases of outreach (pages, API, commands, the dashboard section)."""

from __future__ import annotations

from django.db.models import Count

from ansinh.geo.models import Commune
from ansinh.insights import services as insights
from ansinh.outreach.campaigns import (  # noqa: F401 — the app's public API, re-exported
    agent_for_user,
    close_campaign,
    open_targets,
    record_contact,
    start_campaign,
)
from ansinh.outreach.conversion import attribute, conversion_by, short_of_target  # noqa: F401 — the app's public API, re-exported
from ansinh.outreach.models import Prospect, ProspectRun, Reason
from ansinh.outreach.prospects import run as compute_prospects  # noqa: F401 — the app's public API, re-exported


def latest_run() -> ProspectRun | None:
    return ProspectRun.objects.order_by("-on").first()


def prospects_by_commune(run: ProspectRun | None, area_code: str = "") -> list[dict]:
    """Per commune (of one former district, or all): prospects per reason and in all."""
    if run is None:
        return []
    rows = Prospect.objects.filter(run=run)
    if area_code:
        rows = rows.filter(area_code=area_code)
    table: dict[str, dict] = {}
    for row in rows.values("commune_code", "area_code", "reason").annotate(n=Count("id")).order_by("commune_code"):
        entry = table.setdefault(
            row["commune_code"], {"commune_code": row["commune_code"], "area_code": row["area_code"], "total": 0}
        )
        entry[row["reason"]] = row["n"]
        entry["total"] += row["n"]
    names = dict(Commune.objects.values_list("code", "name"))
    for entry in table.values():
        entry["name"] = names.get(entry["commune_code"], entry["commune_code"])
        entry["counts"] = [entry.get(reason, 0) for reason in Reason.values]
    return list(table.values())


def with_targets(rows: list[dict]) -> list[dict]:
    """Commune rows with the name and how many people each still needs for its SI and HI coverage targets."""
    period = insights.default_period()
    names = dict(Commune.objects.values_list("code", "name"))
    for row in rows:
        kpis = {k["code"]: k for k in insights.kpi_table(period, row["key"])["kpis"]} if row["key"] in names else {}
        row["name"] = names.get(row["key"], row["key"])
        row["si_short"] = short_of_target(kpis["si_coverage"]) if "si_coverage" in kpis else None
        row["hi_short"] = short_of_target(kpis["hi_coverage"]) if "hi_coverage" in kpis else None
    return rows


def conversion_in(place: dict) -> list[dict]:
    """Conversion per commune under a place of the dashboard (province, former district or commune)."""
    rows = conversion_by("commune")
    if place["level"] == "area":
        rows = [r for r in rows if r["label"] == place["code"]]
    elif place["level"] == "commune":
        rows = [r for r in rows if r["key"] == place["code"]]
    return rows
