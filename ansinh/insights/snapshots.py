"""Month-end snapshots: what was reported stays as it was reported.

`close_month` computes a month and stores it as version 1; closing again (a re-computation after
corrections) adds version n+1 with its reason. Readers take the latest version, or compute live (cached a
few minutes) when the month was never closed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import polars as pl
from django.core.cache import cache
from django.db import transaction
from django.db.models import Max

from ansinh.core import audit
from ansinh.core.bulk import bulk_insert
from ansinh.core.periods import Period
from ansinh.insights.compute import VALUE_SCHEMA, compute_month
from ansinh.insights.models import Snapshot, SnapshotValue

LIVE_SECONDS = 300  # live figures are recomputed at most every five minutes
SNAPSHOT_SECONDS = 24 * 3600


@dataclass
class Figures:
    period: str
    values: pl.DataFrame  # VALUE_SCHEMA
    snapshot: Snapshot | None = None
    sources: dict = field(default_factory=dict)

    @property
    def is_live(self) -> bool:
        return self.snapshot is None


class ReasonRequired(ValueError):
    pass


def close_month(period: str, reason: str = "", by_user=None) -> Snapshot:
    """Snapshot the month's KPIs for every area. Version 1 needs no reason; every later version does."""
    period = str(Period.parse(period))
    started = time.perf_counter()
    values, available = compute_month(period)
    with transaction.atomic():
        last = Snapshot.objects.select_for_update().filter(period=period).aggregate(v=Max("version"))["v"] or 0
        if last and not reason.strip():
            raise ReasonRequired(f"{period} is already closed (version {last}): give the reason for a new version.")
        snapshot = Snapshot.objects.create(
            period=period,
            version=last + 1,
            reason=reason.strip() or "Month closed",
            run_by=by_user,
            sources=available,
            seconds=round(time.perf_counter() - started, 3),
        )
        rows = values.select(
            pl.lit(snapshot.pk).alias("snapshot_id"),
            "level",
            "area_code",
            "kpi_code",
            "numerator",
            "denominator",
            "value",
        )
        bulk_insert(
            SnapshotValue, ["snapshot_id", "level", "area_code", "kpi_code", "numerator", "denominator", "value"], rows
        )
        audit.record_batch(
            "insights.snapshot",
            snapshot.pk,
            f"KPIs of {period} closed as version {snapshot.version}: {snapshot.reason}",
            {"rows": values.height, "sources": available},
        )
    cache.delete(_live_key(period))
    return snapshot


def latest_snapshot(period: str) -> Snapshot | None:
    return Snapshot.objects.filter(period=period).order_by("-version").first()


def snapshot_values(snapshot: Snapshot, level: str | None = None, area_codes=None) -> pl.DataFrame:
    """The snapshot's rows, read once per process and cache lifetime: a version is never rewritten, so its
    rows can be kept as long as the cache likes (a dashboard visit reads the same month several times)."""
    # The closing time is in the key too: a database restored or rolled back may give an id to another snapshot.
    key = f"insights:snapshot:{snapshot.pk}:{snapshot.period}:{snapshot.version}:{snapshot.started_at.timestamp()}"
    values = cache.get(key)
    if values is None:
        data = SnapshotValue.objects.filter(snapshot=snapshot).values_list(
            "level", "area_code", "kpi_code", "numerator", "denominator", "value"
        )
        values = pl.DataFrame(list(data), schema=VALUE_SCHEMA, orient="row")
        cache.set(key, values, SNAPSHOT_SECONDS)
    if level:
        values = values.filter(pl.col("level") == level)
    if area_codes is not None:
        values = values.filter(pl.col("area_code").is_in(list(area_codes)))
    return values


def _live_key(period: str) -> str:
    return f"insights:live:{period}"


def live(period: str) -> Figures:
    cached = cache.get(_live_key(period))
    if cached is None:
        values, available = compute_month(period)
        cached = {"values": values, "sources": available}
        cache.set(_live_key(period), cached, LIVE_SECONDS)
    return Figures(period, cached["values"], None, cached["sources"])


def figures(period: str) -> Figures:
    """The month's figures: the latest snapshot when the month was closed, else computed live."""
    snapshot = latest_snapshot(period)
    if snapshot is None:
        return live(period)
    return Figures(period, snapshot_values(snapshot), snapshot, snapshot.sources)


def closed_periods() -> dict[str, Snapshot]:
    """period → its latest snapshot, for every closed month."""
    latest = {}
    for snap in Snapshot.objects.order_by("period", "version"):
        latest[snap.period] = snap
    return latest
