"""Demo data for insights: the demo province's statistics (denominators scaled to its size) and the last
months closed as snapshots, so the dashboard shows history after `make run`. Runs last: it reads what the
other steps produced through their services."""

from __future__ import annotations

import polars as pl

from ansinh.core.bulk import bulk_insert
from ansinh.core.periods import Period
from ansinh.geo.models import Commune
from ansinh.insights.models import AreaStatistic
from ansinh.insights.snapshots import close_month

CLOSED_MONTHS = 24  # as many as the dashboard's time series shows (ctx.history_months are closed)


def _statistics(ctx) -> int:
    """Population and labour force per commune scaled to the demo province, from the year the demo's history
    starts: a synthetic province of 20,000 people is compared with its own labour force, not the real one."""
    year = Period.of(ctx.as_of).plus(-CLOSED_MONTHS).year
    AreaStatistic.objects.filter(year__gte=year).delete()
    communes = pl.DataFrame(list(Commune.objects.values("code", "population", "labour_force")))
    source = f"Demo province: reference figures × {ctx.people:,}/1,317,200 (synthetic)"
    rows = communes.select(
        pl.lit(year).alias("year"),
        pl.col("code").alias("commune_code"),
        (pl.col("population") * ctx.scale).round().cast(pl.Int64).clip(1).alias("population"),
        (pl.col("labour_force") * ctx.scale).round().cast(pl.Int64).clip(1).alias("labour_force"),
        pl.lit(source).alias("source"),
    )
    bulk_insert(AreaStatistic, ["year", "commune_code", "population", "labour_force", "source"], rows)
    return rows.height


def build(ctx) -> None:
    communes = _statistics(ctx)
    months = ctx.history_months
    last = Period.of(ctx.as_of).plus(-1)
    for offset in ctx.progress(range(months - 1, -1, -1)):
        close_month(str(last.plus(-offset)), "Month closed (demo)")
    ctx.log(f"insights: statistics for {communes} communes, {months} months closed up to {last}")
