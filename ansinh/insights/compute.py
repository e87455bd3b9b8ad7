"""Set-based computation of every KPI for one month at every level (province, former district, commune).

Each source is loaded once for the month; measures are summed per commune, per former district and for
the province (numerators and denominators are summed, then divided: a district's ratio is never an
average of its communes' ratios). Output: one long frame, a row per (level, area, KPI).
"""

from __future__ import annotations

import polars as pl

from ansinh.core.periods import Period
from ansinh.geo.models import Commune
from ansinh.geo.reference import PROVINCE_CODE
from ansinh.insights import catalogue, sources
from ansinh.insights.models import AreaStatistic

LEVELS = ("province", "area", "commune")
VALUE_SCHEMA = {
    "level": pl.String,
    "area_code": pl.String,
    "kpi_code": pl.String,
    "numerator": pl.Int64,
    "denominator": pl.Int64,
    "value": pl.Float64,
}


def statistics(year: int) -> pl.DataFrame:
    """commune_code, area_code, population, labour_force: the year's statistics (latest year on file not
    after it), falling back to the geo reference figures for communes without a row."""
    reference = pl.DataFrame(
        list(Commune.objects.values_list("code", "area__code", "population", "labour_force")),
        schema={"commune_code": pl.String, "area_code": pl.String, "population": pl.Int64, "labour_force": pl.Int64},
        orient="row",
    )
    stat_year = AreaStatistic.objects.filter(year__lte=year).order_by("-year").values_list("year", flat=True).first()
    if stat_year is None:
        return reference
    stats = pl.DataFrame(
        list(AreaStatistic.objects.filter(year=stat_year).values_list("commune_code", "population", "labour_force")),
        schema={"commune_code": pl.String, "population_s": pl.Int64, "labour_force_s": pl.Int64},
        orient="row",
    )
    joined = reference.join(stats, on="commune_code", how="left")
    return joined.select(
        "commune_code",
        "area_code",
        pl.coalesce("population_s", "population").alias("population"),
        pl.coalesce("labour_force_s", "labour_force").alias("labour_force"),
    )


def _levels_from(frame: pl.DataFrame, measures: list[str], communes: pl.DataFrame, by_commune: bool) -> dict:
    """Sum the measures per commune, per area and for the province; a zero where an area had no rows."""
    frame = frame.join(
        communes.select("commune_code", pl.col("area_code").alias("_area")), on="commune_code", how="left"
    )
    frame = frame.with_columns(pl.coalesce(pl.col("area_code").replace("", None), "_area").alias("area_code"))
    sums = [pl.col(m).sum() for m in measures]
    areas = communes.select("area_code").unique()
    out = {
        "area": areas.join(frame.group_by("area_code").agg(sums), on="area_code", how="left").fill_null(0),
        "province": frame.select(sums) if frame.height else pl.DataFrame({m: [0] for m in measures}),
    }
    if by_commune:
        per_commune = frame.filter(pl.col("commune_code").is_not_null()).group_by("commune_code").agg(sums)
        out["commune"] = communes.select("commune_code").join(per_commune, on="commune_code", how="left").fill_null(0)
    else:
        out["commune"] = communes.select("commune_code").with_columns(
            [pl.lit(None, pl.Int64).alias(m) for m in measures]
        )
    return out


def _base_levels(communes: pl.DataFrame) -> dict[str, pl.DataFrame]:
    base = ["population", "labour_force"]
    return {
        "commune": communes.select(
            pl.col("commune_code").alias("area_code"), pl.col("area_code").alias("parent_code"), *base
        ),
        "area": communes.group_by("area_code")
        .agg([pl.col(b).sum() for b in base])
        .with_columns(pl.lit(PROVINCE_CODE).alias("parent_code")),
        "province": communes.select([pl.col(b).sum() for b in base]).with_columns(
            pl.lit(PROVINCE_CODE).alias("area_code"), pl.lit("").alias("parent_code")
        ),
    }


def measures(period: str) -> tuple[pl.DataFrame, dict[str, bool]]:
    """A wide frame: level, area_code, parent_code and every measure (null where its source is unavailable
    or cannot place rows at that level); and which sources were available."""
    communes = statistics(Period.parse(period).year)
    wide = _base_levels(communes)
    available = {}
    for source in sources.SOURCES:
        frame = sources.fetch(source, period)
        available[source.key] = frame is not None
        names = list(source.measures)
        if frame is None:
            wide = {lvl: w.with_columns([pl.lit(None, pl.Int64).alias(m) for m in names]) for lvl, w in wide.items()}
            continue
        parts = _levels_from(frame, names, communes, by_commune=source.granularity == "commune")
        wide["commune"] = wide["commune"].join(
            parts["commune"].rename({"commune_code": "area_code"}), on="area_code", how="left"
        )
        wide["area"] = wide["area"].join(parts["area"], on="area_code", how="left")
        wide["province"] = pl.concat([wide["province"], parts["province"]], how="horizontal")
    frames = [w.with_columns(pl.lit(lvl).alias("level")) for lvl, w in wide.items()]
    combined = pl.concat(frames, how="diagonal_relaxed")
    for derived, (a, b) in sources.DERIVED.items():
        combined = combined.with_columns((pl.col(a) + pl.col(b)).alias(derived))
    return combined, available


def compute_month(period: str) -> tuple[pl.DataFrame, dict[str, bool]]:
    """Every active KPI at every level for the month: (long frame as VALUE_SCHEMA, sources available)."""
    wide, available = measures(period)
    parts = []
    for kpi in catalogue.active_kpis():
        parts.append(
            wide.select(
                "level",
                "area_code",
                pl.lit(kpi.code).alias("kpi_code"),
                pl.col(kpi.numerator).cast(pl.Int64).alias("numerator"),
                pl.col(kpi.denominator).cast(pl.Int64).alias("denominator"),
            )
        )
    if not parts:
        return pl.DataFrame(schema=VALUE_SCHEMA), available
    values = pl.concat(parts).with_columns(
        pl.when(pl.col("numerator").is_not_null() & (pl.col("denominator") > 0))
        .then(pl.col("numerator") * 100.0 / pl.col("denominator"))
        .otherwise(None)
        .alias("value")
    )
    return values.select(list(VALUE_SCHEMA)).cast(VALUE_SCHEMA), available
