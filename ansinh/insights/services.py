"""Public read side of insights: the figures the dashboard, the API, the exports and the report show."""

from __future__ import annotations

import polars as pl
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from ansinh.core.errors import DomainError
from ansinh.core.periods import Period, period_or_error
from ansinh.geo.models import Area, Commune
from ansinh.geo.reference import PROVINCE_CODE, PROVINCE_NAME
from ansinh.insights import catalogue, rules
from ansinh.insights.models import Snapshot, SnapshotValue
from ansinh.insights.snapshots import Figures, closed_periods, figures

SERIES_MONTHS = 24
CHILD_LEVEL = {"province": "area", "area": "commune", "commune": None}


def places() -> dict[str, dict]:
    """code → {code, name, level, parent} for the province, its former districts and communes."""
    found = cache.get("insights:places")
    if found is None:
        found = {PROVINCE_CODE: {"code": PROVINCE_CODE, "name": PROVINCE_NAME, "level": "province", "parent": ""}}
        for code, name in Area.objects.values_list("code", "name"):
            found[code] = {"code": code, "name": name, "level": "area", "parent": PROVINCE_CODE}
        for code, name, parent in Commune.objects.values_list("code", "name", "area__code"):
            found[code] = {"code": code, "name": name, "level": "commune", "parent": parent}
        cache.set("insights:places", found, 3600)
    return found


def place(code: str | None) -> dict:
    code = (code or PROVINCE_CODE).strip()
    found = places().get(code)
    if found is None:
        raise DomainError.one(
            "area",
            _("No province, former district or commune has the code %(code)s.") % {"code": code},
            "unknown_area",
            location="query",
        )
    return found


def parse_period(text: str | None) -> str:
    if not text:
        return default_period()
    return str(period_or_error(text, location="query"))


def default_period() -> str:
    """The latest closed month, else last month."""
    latest = Snapshot.objects.order_by("-period").values_list("period", flat=True).first()
    return latest or str(Period.of(timezone.localdate()).plus(-1))


def provenance(figs: Figures) -> dict:
    if figs.snapshot is None:
        return {"source": "live", "version": None, "closed_at": None, "reason": "", "sources": figs.sources}
    snap = figs.snapshot
    return {
        "source": "snapshot",
        "version": snap.version,
        "closed_at": snap.started_at,
        "reason": snap.reason,
        "sources": figs.sources,
    }


def _value_map(frame: pl.DataFrame, area_code: str) -> dict[str, dict]:
    return {row["kpi_code"]: row for row in frame.filter(pl.col("area_code") == area_code).iter_rows(named=True)}


def _target_dict(target) -> dict | None:
    if target is None:
        return None
    return {
        "year": target.year,
        "comparison": target.comparison,
        "symbol": target.get_comparison_display(),
        "value": float(target.value),
        "source": target.source,
        "note": target.note,
    }


def kpi_table(period: str, area_code: str | None = None) -> dict:
    """Every KPI for one area and month, with its target, status and the trend against the previous month."""
    where = place(area_code)
    figs = figures(period)
    now = _value_map(figs.values, where["code"])
    before = _value_map(figures(str(Period.parse(period).plus(-1))).values, where["code"])
    targets = catalogue.targets_by_year()
    year = Period.parse(period).year
    rows = []
    for kpi in catalogue.active_kpis():
        got = now.get(kpi.code, {})
        target = catalogue.target_for(targets, kpi.code, year)
        value = got.get("value")
        previous = before.get(kpi.code, {}).get("value")
        rows.append(
            {
                "code": kpi.code,
                "name": kpi.name,
                "definition": kpi.definition,
                "unit": kpi.unit,
                "direction": kpi.direction,
                "source_service": kpi.source,
                "numerator": got.get("numerator"),
                "denominator": got.get("denominator"),
                "value": value,
                "previous": previous,
                "trend": rules.trend(value, previous, kpi.direction),
                "target": _target_dict(target),
                "status": rules.status(value, target and target.comparison, target and target.value, kpi.direction),
            }
        )
    return {"period": period, "area": where, "provenance": provenance(figs), "kpis": rows}


def ranking(period: str, kpi_code: str, parent_code: str | None = None) -> list[dict]:
    """The areas one level below `parent_code` (the province: former districts), worst first against target."""
    parent = place(parent_code)
    level = CHILD_LEVEL[parent["level"]] or "commune"
    kpi = next((k for k in catalogue.active_kpis() if k.code == kpi_code), None)
    if kpi is None:
        raise DomainError.one("kpi", _("Unknown KPI %(code)s.") % {"code": kpi_code}, "unknown_kpi", location="query")
    target = catalogue.target_for(catalogue.targets_by_year(), kpi.code, Period.parse(period).year)
    names = places()
    frame = figures(period).values.filter((pl.col("level") == level) & (pl.col("kpi_code") == kpi.code))
    rows = []
    for row in frame.iter_rows(named=True):
        info = names.get(row["area_code"])
        if info is None or not _within(info, parent):
            continue
        goal = target.value if target else None
        rows.append(
            dict(
                row,
                name=info["name"],
                gap=rules.gap(row["value"], goal, kpi.direction),
                status=rules.status(row["value"], target and target.comparison, goal, kpi.direction),
            )
        )
    return sorted(rows, key=lambda r: _worst_first(r, kpi.direction))


def _within(info: dict, parent: dict) -> bool:
    if parent["level"] == "province":
        return True
    if parent["level"] == "area":
        return info["parent"] == parent["code"]
    return info["code"] == parent["code"]


def _worst_first(row: dict, direction: str):
    """No-data areas last; then the largest shortfall (or, without a target, the worst value) first."""
    if row["value"] is None:
        return (1, 0.0, row["area_code"])
    badness = row["gap"] if row["gap"] is not None else (-row["value"] if direction == "higher" else row["value"])
    return (0, -badness, row["area_code"])


def series(area_code: str | None, end_period: str, months: int = SERIES_MONTHS) -> dict:
    """For each KPI, its value in each of the `months` months up to `end_period`: closed months from their
    latest snapshot, the end month as the dashboard shows it, other months None (never closed)."""
    where = place(area_code)
    end = Period.parse(end_period)
    periods = [str(end.plus(-i)) for i in range(months - 1, -1, -1)]
    closed = {p: s for p, s in closed_periods().items() if p in periods}
    by_snapshot = {s.pk: p for p, s in closed.items()}
    values: dict[str, dict[str, float | None]] = {}
    rows = SnapshotValue.objects.filter(snapshot_id__in=list(by_snapshot), area_code=where["code"]).values_list(
        "snapshot_id", "kpi_code", "value"
    )
    for snapshot_id, kpi_code, value in rows:
        values.setdefault(kpi_code, {})[by_snapshot[snapshot_id]] = value
    if end_period not in closed:
        for kpi_code, row in _value_map(figures(end_period).values, where["code"]).items():
            values.setdefault(kpi_code, {})[end_period] = row["value"]
    kpis = catalogue.active_kpis()
    return {
        "area": where,
        "periods": periods,
        "closed": sorted(closed),
        "kpis": [
            {"code": k.code, "name": k.name, "values": [values.get(k.code, {}).get(p) for p in periods]} for k in kpis
        ],
    }
