"""The frames written for the records of an envelope: claims (XML1), lines (XML2 drugs, XML3 services and supplies),
details (XML4 results, XML5 clinical course, XML6–XML15 kept as sent), and the earlier versions of replaced records.
Amounts are stored in whole đồng (rounded half up once, from the two decimals the standard allows); unit prices
keep their three decimals."""

from __future__ import annotations

import json

import polars as pl
from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils import timezone

from ansinh.health.models import Claim, ClaimDetail, ClaimLine, ClaimVersion, Facility, Finding, Submission
from ansinh.health.xml130 import Batch
from ansinh.health.xml130.spec import codes
from ansinh.registry.models import Person

AMOUNTS = [
    "drugs_total",
    "supplies_total",
    "hospital_total",
    "hi_total",
    "patient_paid",
    "copay_claimed",
    "fund_claimed",
    "other_sources",
]
CLAIM_COLUMNS = [
    "id",
    "submission_id",
    "facility_id",
    "ma_lk",
    "person_id",
    "cccd",
    "card_code",
    "full_name",
    "birth_date",
    "registered_code",
    "diagnosis",
    "patient_kind",
    "visit_type",
    "admitted",
    "discharged",
    "days",
    *AMOUNTS[:7],
    "settle_year",
    "settle_month",
    "outcome",
    "allowed_total",
    "fund_amount",
    "copay_amount",
    "benefit_pct",
    "route_pct",
    "review",
    "version",
    "patient_code",
    "record_no",
    "birth_precision",
    "cards",
    "card_valid_from",
    "card_valid_to",
    "copay_exempt_from",
    "five_years_from",
    "secondary_diagnoses",
    "referred_from",
    "department",
    "inpatient_from",
    "other_sources",
    "route_case",
    "extra",
]
LINE_AMOUNTS = ["amount", "copay_claimed", "fund_claimed", "hospital_amount", "patient_paid", "other_sources"]
LINE_COLUMNS = [
    "claim_id",
    "table",
    "stt",
    "code",
    "name",
    "unit",
    "quantity",
    "unit_price",
    "amount",
    "copay_claimed",
    "fund_claimed",
    "ordered_on",
    "allowed_amount",
    "hospital_price",
    "hospital_amount",
    "scope",
    "cost_group",
    "service_rate",
    "hi_rate",
    "level_pct",
    "patient_paid",
    "other_sources",
    "department",
    "ordered_at",
    "performed_at",
    "extra",
]


def _dong(name: str) -> pl.Expr:
    """Whole đồng, half up, from an amount with up to two decimals."""
    return (pl.col(name).fill_null(0) + 0.5).floor().cast(pl.Int64).alias(name)


def _utc(*names: str) -> list[pl.Expr]:
    tz = str(timezone.get_current_timezone())
    return [pl.col(n).dt.replace_time_zone(tz).dt.convert_time_zone("UTC").alias(n) for n in names]


def ids_for(accepted: list[int], keys: dict[int, str], replaced: dict[str, Claim], first: int) -> dict[int, int]:
    """record → claim id: the earlier version's id for a replaced record (its history stays attached), a new one
    otherwise."""
    out, n = {}, first
    for rec in accepted:
        if keys[rec] in replaced:
            out[rec] = replaced[keys[rec]].pk
        else:
            out[rec], n = n, n + 1
    return out


def listed(values: list[str]) -> RawSQL:
    """Text values for an __in filter as one query parameter: Django prepares the values of a plain list one by one,
    a noticeable part of an envelope's intake for 10,000 records."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::text[])", [values])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(values)])


def _people(visits: pl.DataFrame) -> pl.DataFrame:
    """Patients by CCCD (12 digits), else by the SI number inside the last card code."""
    cccds = [c for c in visits["cccd"].drop_nulls().unique().to_list() if len(c) == 12]
    by_cccd = dict(Person.objects.filter(cccd__in=listed(cccds)).values_list("cccd", "id"))
    si = [c[-10:] for c in visits["card_code"].drop_nulls().unique().to_list()]
    by_si = dict(Person.objects.filter(si_number__in=listed(si)).values_list("si_number", "id"))
    return visits.with_columns(
        pl.coalesce(
            pl.col("cccd").replace_strict(by_cccd, default=None, return_dtype=pl.Int64),
            pl.col("card_code").str.slice(5).replace_strict(by_si, default=None, return_dtype=pl.Int64),
        ).alias("person_id")
    )


def claim_frame(
    batch: Batch,
    accepted: list[int],
    ids: dict[int, int],
    replaced: dict[str, Claim],
    submission: Submission,
    facility: Facility,
) -> pl.DataFrame:
    versions = {key: claim.version + 1 for key, claim in replaced.items()}
    x = batch.visits.filter(pl.col("_rec").is_in(accepted)).with_columns(
        pl.col("_rec").replace_strict(ids, return_dtype=pl.Int64).alias("id"),
        pl.col("cards").list.last().alias("card_code"),
        pl.col("cards").list.join(";").fill_null("").alias("cards"),
        pl.col("registered_codes").list.last().fill_null("").alias("registered_code"),
        pl.col("card_from").list.first().alias("card_valid_from"),
        pl.col("card_to").list.last().alias("card_valid_to"),
        pl.col("secondary_diagnoses").list.join(";").fill_null(""),
        pl.col("ma_lk").replace_strict(versions, default=1, return_dtype=pl.Int64).alias("version"),
        *[_dong(a) for a in AMOUNTS],
    )
    x = _people(x.with_columns(pl.col("card_code").fill_null(""), pl.col("cccd").fill_null("")))
    return x.with_columns(
        *_utc("admitted", "discharged", "inpatient_from"),
        pl.lit(submission.pk).alias("submission_id"),
        pl.lit(facility.pk).alias("facility_id"),
        pl.lit("pending").alias("outcome"),
        pl.lit("none").alias("review"),
        pl.lit("").alias("route_case"),
        *[pl.lit(0).alias(c) for c in ("allowed_total", "fund_amount", "copay_amount", "benefit_pct", "route_pct")],
        *[pl.col(c).fill_null("") for c in ("patient_code", "record_no", "referred_from", "department")],
    ).select(CLAIM_COLUMNS)


def line_frame(batch: Batch, ids: dict[int, int]) -> pl.DataFrame:
    supply = pl.col("cost_group").is_in(list(codes()["supply_group"]))
    x = batch.lines.filter(pl.col("_rec").is_in(list(ids))).with_columns(
        pl.col("_rec").replace_strict(ids, return_dtype=pl.Int64).alias("claim_id"),
        pl.when(pl.col("table") == "XML2")
        .then(pl.col("code"))
        .when(supply)
        .then(pl.coalesce("supply_code", "service_code"))
        .otherwise(pl.coalesce("service_code", "supply_code"))
        .alias("code"),
        pl.when(supply & pl.col("supply_name").is_not_null())
        .then(pl.col("supply_name"))
        .otherwise(pl.coalesce("name", "supply_name"))
        .alias("name"),
        pl.col("ordered_at").dt.date().alias("ordered_on"),
        pl.lit(0).alias("allowed_amount"),
        *[_dong(a) for a in LINE_AMOUNTS],
    )
    return x.with_columns(
        *_utc("ordered_at", "performed_at"),
        pl.col("unit").fill_null(""),
        pl.col("department").fill_null(""),
        pl.col("cost_group").fill_null(""),
        pl.col("service_rate").fill_null(100),
        pl.col("hi_rate").fill_null(100),
        pl.col("level_pct").fill_null(0),
    ).select(LINE_COLUMNS)


def detail_frame(batch: Batch, ids: dict[int, int]) -> pl.DataFrame:
    read = batch.details.select("_rec", "table", pl.col("stt").alias("position"), pl.col("extra").alias("fields"))
    kept = batch.kept.select("_rec", "table", pl.col("_pos").alias("position"), "fields")
    both = pl.concat([read, kept]).filter(pl.col("_rec").is_in(list(ids)))
    return both.with_columns(
        pl.col("_rec").replace_strict(ids, return_dtype=pl.Int64).alias("claim_id"), pl.col("position").fill_null(1)
    ).select("claim_id", "table", "position", "fields")


def _grouped(rows, key: str = "claim_id") -> dict[int, list]:
    out: dict[int, list] = {}
    for row in rows:
        out.setdefault(row.pop(key), []).append(row)
    return out


def keep_versions(claims: list[Claim]) -> None:
    """The replaced records as they were (visit, lines, details, findings), in a few set-based queries, then their
    lines, details and findings cleared for the new version."""
    if not claims:
        return
    ids = [c.pk for c in claims]
    lines = _grouped(ClaimLine.objects.filter(claim_id__in=ids).values())
    details = _grouped(ClaimDetail.objects.filter(claim_id__in=ids).values("claim_id", "table", "position", "fields"))
    findings = _grouped(
        Finding.objects.filter(claim_id__in=ids).values("claim_id", "rule", "reason", "amount", "line__stt")
    )
    rows = []
    for claim in Claim.objects.filter(pk__in=ids).values():
        snapshot = {
            "claim": claim,
            "lines": lines.get(claim["id"], []),
            "details": details.get(claim["id"], []),
            "findings": findings.get(claim["id"], []),
        }
        rows.append(
            ClaimVersion(
                claim_id=claim["id"],
                version=claim["version"],
                submission_id=claim["submission_id"],
                snapshot=json.loads(json.dumps(snapshot, default=str)),
            )
        )
    ClaimVersion.objects.bulk_create(rows, batch_size=2000)
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:  # findings first: they point at the lines
        for model in (Finding, ClaimLine, ClaimDetail):
            cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE claim_id IN ({marks})", ids)
