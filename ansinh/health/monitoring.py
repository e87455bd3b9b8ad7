"""Cost monitoring with the health sector: per facility and month, cost per visit and per inpatient day and by
diagnosis group, against the province average for facilities of the same level, with outliers flagged; and the
settlement (what the fund pays each facility for the month)."""

from __future__ import annotations

import polars as pl
from django.utils import timezone

from ansinh.health.assessment.frames import fetch
from ansinh.policy.services import params_on

# ICD-10 chapters (WHO structure): first code of each chapter, sorted by code (XXII, U00–U85, sorts before XX).
CHAPTERS = [
    ("A00", "I"),
    ("C00", "II"),
    ("D50", "III"),
    ("E00", "IV"),
    ("F00", "V"),
    ("G00", "VI"),
    ("H00", "VII"),
    ("H60", "VIII"),
    ("I00", "IX"),
    ("J00", "X"),
    ("K00", "XI"),
    ("L00", "XII"),
    ("M00", "XIII"),
    ("N00", "XIV"),
    ("O00", "XV"),
    ("P00", "XVI"),
    ("Q00", "XVII"),
    ("R00", "XVIII"),
    ("S00", "XIX"),
    ("U00", "XXII"),
    ("V01", "XX"),
    ("Z00", "XXI"),
]
_COLS = {
    "facility_id": pl.Int64,
    "code": pl.String,
    "name": pl.String,
    "level": pl.String,
    "area_code": pl.String,
    "area_name": pl.String,
    "visit_type": pl.String,
    "days": pl.Int64,
    "diagnosis": pl.String,
    "outcome": pl.String,
    "hi_total": pl.Int64,
    "allowed_total": pl.Int64,
    "fund_claimed": pl.Int64,
    "fund_amount": pl.Int64,
    "settled": pl.Int64,
}


def chapter_of(code: str) -> str:
    block = code[:3].upper()
    chosen = CHAPTERS[0][1]
    for first, chapter in CHAPTERS:
        if block >= first:
            chosen = chapter
    return chosen


def _month(year: int, month: int) -> pl.DataFrame:
    sql = """SELECT c.facility_id, f.code, f.name, f.level, a.code, a.name, c.visit_type, c.days,
             c.diagnosis, c.outcome, c.hi_total, c.allowed_total, c.fund_claimed, c.fund_amount,
             CASE WHEN c.settled_at IS NULL THEN 0 ELSE 1 END
             FROM health_claim c JOIN health_facility f ON f.id = c.facility_id JOIN geo_area a ON a.id = f.area_id
             WHERE c.settle_year = %s AND c.settle_month = %s AND c.outcome <> 'pending'"""
    return fetch(sql, [year, month], _COLS)


def _per(amount: str, count: str) -> pl.Expr:
    """amount ÷ count rounded to the đồng; null (shown as —) when there is nothing to divide by."""
    return pl.when(pl.col(count) > 0).then((pl.col(amount) / pl.col(count)).round(0)).otherwise(None)


def _ratio_flags(frame: pl.DataFrame, value: str, over: list[str], ratio: float) -> pl.DataFrame:
    average = pl.col(value).mean().over(over)
    return (
        frame.with_columns(average.round(0).alias(f"{value}_avg"))
        .with_columns((pl.col(value) / pl.col(f"{value}_avg")).round(2).alias(f"{value}_ratio"))
        .with_columns((pl.col(f"{value}_ratio") > ratio).fill_null(False).alias(f"{value}_outlier"))
    )


def cost_by_facility(year: int, month: int) -> list[dict]:
    """Per facility: visits, inpatient days, cost per outpatient visit and per inpatient day vs the level's average."""
    params = params_on(timezone.localdate())
    ratio = float(params.raw("health.monitoring.outlier_ratio"))
    paid = _month(year, month).filter(pl.col("outcome") != "rejected")
    if paid.is_empty():
        return []
    inpatient = pl.col("visit_type").is_in(list(params.raw("health.claims.inpatient_visit_types")))
    per = paid.group_by("facility_id", "code", "name", "level", "area_code", "area_name").agg(
        (~inpatient).sum().alias("visits"),
        inpatient.sum().alias("stays"),
        pl.col("days").filter(inpatient).sum().alias("inpatient_days"),
        pl.col("allowed_total").sum().alias("cost"),
        pl.col("allowed_total").filter(~inpatient).sum().alias("outpatient_cost"),
        pl.col("allowed_total").filter(inpatient).sum().alias("inpatient_cost"),
    )
    per = per.with_columns(
        _per("outpatient_cost", "visits").alias("cost_per_visit"),
        _per("inpatient_cost", "inpatient_days").alias("cost_per_day"),
    )
    per = _ratio_flags(_ratio_flags(per, "cost_per_visit", ["level"], ratio), "cost_per_day", ["level"], ratio)
    return per.sort("code").to_dicts()


def cost_by_diagnosis(year: int, month: int) -> list[dict]:
    """Per facility and ICD-10 chapter: claims and cost per claim vs the same chapter's average at the same level."""
    ratio = float(params_on(timezone.localdate()).raw("health.monitoring.outlier_ratio"))
    paid = _month(year, month).filter(pl.col("outcome") != "rejected")
    if paid.is_empty():
        return []
    paid = paid.with_columns(pl.col("diagnosis").map_elements(chapter_of, return_dtype=pl.String).alias("chapter"))
    per = paid.group_by("code", "name", "level", "area_code", "area_name", "chapter").agg(
        pl.len().alias("claims"), pl.col("allowed_total").mean().round(0).alias("cost_per_claim")
    )
    per = _ratio_flags(per, "cost_per_claim", ["level", "chapter"], ratio)
    return per.filter(pl.col("cost_per_claim_outlier")).sort("cost_per_claim_ratio", descending=True).to_dicts()


def settlement(year: int, month: int) -> list[dict]:
    """What the fund pays each facility for the month (claims assessed; rejected ones pay nothing)."""
    frame = _month(year, month)
    if frame.is_empty():
        return []
    per = frame.group_by("code", "name", "level", "area_code", "area_name").agg(
        pl.len().alias("claims"),
        (pl.col("outcome") == "rejected").sum().alias("rejected"),
        (pl.col("outcome") == "adjusted").sum().alias("adjusted"),
        pl.col("fund_claimed").sum().alias("claimed"),
        pl.col("fund_amount").sum().alias("payable"),
        (pl.col("settled") == 0).any().alias("open"),
    )
    return per.with_columns((pl.col("claimed") - pl.col("payable")).alias("cut")).sort("code").to_dicts()


def months_with_claims() -> list[tuple[int, int, int]]:
    """(year, month, claims) of every settlement month with assessed claims, newest first."""
    from django.db.models import Count

    from ansinh.health.models import Claim

    rows = (
        Claim.objects.exclude(outcome="pending")
        .values("settle_year", "settle_month")
        .annotate(n=Count("id"))
        .order_by("-settle_year", "-settle_month")
    )
    return [(r["settle_year"], r["settle_month"], r["n"]) for r in rows]
