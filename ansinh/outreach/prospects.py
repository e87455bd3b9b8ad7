"""Prospects computed set-based: every source is read once into a Polars frame (through the owning app's
services), the reasons are joins and filters over those frames, and the result is written in bulk with
its run record. Nothing here loops over people in Python."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

import polars as pl
from django.db import transaction
from django.utils import timezone

from ansinh.benefits import services as benefits
from ansinh.contributions import services as contributions
from ansinh.core import audit
from ansinh.core.bulk import bulk_insert
from ansinh.core.periods import Period
from ansinh.geo.models import Commune
from ansinh.health import services as health
from ansinh.linkage import services as linkage
from ansinh.outreach import rules
from ansinh.outreach.models import LabourReport, Prospect, ProspectRun
from ansinh.policy.services import params_on
from ansinh.registry import services as registry

COLUMNS = (
    "reason",
    "scheme",
    "tier",
    "support_pct",
    "person_id",
    "cccd",
    "full_name",
    "birth_year",
    "commune_code",
    "area_code",
    "address",
    "household_code",
    "unit_code",
    "detail",
)
OUT_SCHEMA = {
    "reason": pl.String,
    "scheme": pl.String,
    "tier": pl.String,
    "support_pct": pl.Int64,
    "person_id": pl.Int64,
    "cccd": pl.String,
    "full_name": pl.String,
    "birth_year": pl.Int64,
    "commune_code": pl.String,
    "area_code": pl.String,
    "address": pl.String,
    "household_code": pl.String,
    "unit_code": pl.String,
    "detail": pl.String,
}


@dataclass
class Sources:
    """Everything the prospects are computed from, as frames."""

    residents: pl.DataFrame  # cccd, full_name, birth_date, sex, commune_code, address (the population extract)
    basis: str
    people: pl.DataFrame  # registry.people_frame()
    spells: pl.DataFrame  # registry.spells_frame()
    voluntary: pl.DataFrame  # contributions.voluntary_spans_frame()
    coverage: pl.DataFrame  # health.coverage_frame()
    beneficiaries: set[int]
    employers: pl.DataFrame  # registry.employers_frame()
    labour: pl.DataFrame  # unit_code, reported_on, workers
    communes: pl.DataFrame  # commune_code, area_code, disadvantaged


@dataclass
class Settings:
    on: dt.date
    from_months: int
    retirement: dict[str, int]  # sex → retirement age in months this year
    min_pension_months: int
    near: dict
    lookback: int
    voluntary_support: dict
    family_support: dict


def settings_on(on: dt.date) -> Settings:
    params = params_on(on)
    table = params.raw("pension.retirement_age")
    return Settings(
        on=on,
        from_months=params.int("outreach.working_age_from"),
        retirement={sex: rules.retirement_age_months(table, sex, on.year) for sex in ("male", "female")},
        min_pension_months=12 * params.int("pension.min_years"),
        near=params.raw("outreach.near_pension"),
        lookback=params.int("outreach.lookback_months"),
        voluntary_support=params.raw("voluntary.support_pct"),
        family_support=params.raw("family_hi.support_pct"),
    )


def gather() -> Sources:
    people = registry.people_frame()
    residents, basis = _residents(people)
    communes = pl.DataFrame(
        list(Commune.objects.values_list("code", "area__code", "disadvantaged")),
        orient="row",
        schema={"commune_code": pl.String, "area_code": pl.String, "disadvantaged": pl.Boolean},
    )
    labour = pl.DataFrame(
        list(LabourReport.objects.values_list("unit_code", "reported_on", "workers")),
        orient="row",
        schema={"unit_code": pl.String, "reported_on": pl.Date, "workers": pl.Int64},
    )
    return Sources(
        residents=residents,
        basis=basis,
        people=people,
        spells=registry.spells_frame(),
        voluntary=contributions.voluntary_spans_frame(),
        coverage=health.coverage_frame(),
        beneficiaries=benefits.monthly_beneficiary_ids(),
        employers=registry.employers_frame(),
        labour=labour,
        communes=communes,
    )


def _residents(people: pl.DataFrame) -> tuple[pl.DataFrame, str]:
    """The latest population extract's residents with a chip ID; the registry itself when none was imported."""
    extract = linkage.latest_extract()
    if extract is None:
        return people.select("cccd", "full_name", "birth_date", "sex", "commune_code", "address").filter(
            pl.col("cccd").is_not_null()
        ), "registry"
    birth = pl.col("birth_date").cast(pl.String).str.slice(0, 10)
    whole = (
        pl.when(birth.str.len_chars() == 4)
        .then(birth + "-01-01")
        .when(birth.str.len_chars() == 7)
        .then(birth + "-01")
        .otherwise(birth)
    )
    frame = (
        linkage.extract_frame(extract)
        .select(
            pl.col("cccd").cast(pl.String),
            "full_name",
            whole.str.to_date(strict=False).alias("birth_date"),
            pl.col("sex").cast(pl.String),
            pl.col("commune_code").cast(pl.String),
            pl.col("permanent_address").alias("address"),
        )
        .filter(pl.col("cccd").str.len_chars() == 12)
        .unique("cccd", keep="first", maintain_order=True)
        .collect()
    )
    return frame, f"{extract.file_name} ({extract.imported_at:%Y-%m-%d})"


def _age_months(on: dt.date) -> pl.Expr:
    birth = pl.col("birth_date")
    return (
        (on.year - birth.dt.year()) * 12
        + on.month
        - birth.dt.month()
        - pl.when(birth.dt.day() > on.day).then(1).otherwise(0)
    )


def _working_age(cfg: Settings) -> pl.Expr:
    upper = pl.when(pl.col("sex") == "female").then(cfg.retirement["female"]).otherwise(cfg.retirement["male"])
    return (_age_months(cfg.on) >= cfg.from_months) & (_age_months(cfg.on) < upper)


def _participants(src: Sources, cfg: Settings) -> pl.Series:
    """People in SI on the day: an open employment spell or an open voluntary enrolment."""
    period = str(Period.of(cfg.on))
    working = src.spells.filter((pl.col("start") <= cfg.on) & (pl.col("end").is_null() | (pl.col("end") >= cfg.on)))
    voluntary = src.voluntary.filter(
        (pl.col("start_period") <= period) & ((pl.col("end_period") == "") | (pl.col("end_period") >= period))
    )
    return pl.concat([working["person_id"], voluntary["person_id"]]).unique()


def _lookback_day(cfg: Settings) -> dt.date:
    return Period.of(cfg.on).plus(-cfg.lookback).first_day


def _voluntary_offer(frame: pl.DataFrame, cfg: Settings) -> pl.DataFrame:
    tier = (
        pl.when(pl.col("poverty").is_in(["poor", "near_poor"]))
        .then(pl.col("poverty"))
        .when(pl.col("ethnic_minority"))
        .then(pl.lit("ethnic_minority"))
        .otherwise(pl.lit("other"))
    )
    return frame.with_columns(pl.lit("voluntary_si").alias("scheme"), tier.alias("tier")).with_columns(
        pl.col("tier").replace_strict(cfg.voluntary_support, default=0, return_dtype=pl.Int64).alias("support_pct")
    )


def _not_excluded(frame: pl.DataFrame, src: Sources, participants: pl.Series) -> pl.DataFrame:
    gone = pl.col("person_id").is_in(participants.implode()) | pl.col("person_id").is_in(list(src.beneficiaries))
    return frame.filter(pl.col("person_id").is_null() | ~gone)


def near_pension(src: Sources, cfg: Settings, participants: pl.Series) -> pl.DataFrame:
    on_index = Period.of(cfg.on).index

    def month(d):
        return d.dt.year().cast(pl.Int64) * 12 + d.dt.month().cast(pl.Int64) - 1

    worked = src.spells.select(
        "person_id", month(pl.col("start")).alias("first"), month(pl.col("end").fill_null(cfg.on)).alias("last")
    )

    def index(p):
        return p.str.slice(0, 4).cast(pl.Int64) * 12 + p.str.slice(5, 2).cast(pl.Int64) - 1

    paid = src.voluntary.select(
        "person_id",
        index(pl.col("start_period")).alias("first"),
        pl.when(pl.col("end_period") == "").then(on_index).otherwise(index(pl.col("end_period"))).alias("last"),
    )
    spans = pl.concat(
        [worked, paid.select(pl.col("last").clip(upper_bound=on_index), "first", "person_id").select(worked.columns)]
    )
    totals = spans.group_by("person_id").agg(
        (pl.col("last") - pl.col("first")).clip(lower_bound=0).sum().alias("months_paid"),
        pl.col("last").max().alias("last_month"),
    )
    near = cfg.near
    found = totals.filter(
        (pl.col("months_paid") >= near["min_months"])
        & (pl.col("months_paid") < cfg.min_pension_months)
        & (on_index - pl.col("last_month") >= near["stopped_months"])
    )
    found = found.join(src.people, on="person_id").filter(_age_months(cfg.on) >= cfg.from_months)
    found = _not_excluded(found, src, participants).with_columns(
        pl.lit("near_pension").alias("reason"),
        pl.lit("").alias("unit_code"),
        pl.struct(pl.col("months_paid"), (cfg.min_pension_months - pl.col("months_paid")).alias("months_missing"))
        .struct.json_encode()
        .alias("detail"),
    )
    return _voluntary_offer(found, cfg)


def worker_left(src: Sources, cfg: Settings, participants: pl.Series) -> pl.DataFrame:
    """The person's last spell ended, in the look-back window, with no termination code, and no work since."""
    last = src.spells.sort("start").group_by("person_id").last()
    left = last.filter(
        pl.col("end").is_not_null()
        & (pl.col("end") < cfg.on)
        & (pl.col("end") >= _lookback_day(cfg))
        & (pl.col("end_reason").fill_null("") == "")
    )
    left = left.select("person_id", "unit_code", pl.col("end").alias("left_on")).join(src.people, on="person_id")
    left = _not_excluded(left.filter(_working_age(cfg)), src, participants)
    return left.with_columns(
        pl.lit("worker_left").alias("reason"),
        pl.lit("compulsory").alias("scheme"),
        pl.lit("").alias("tier"),
        pl.lit(0).alias("support_pct"),
        pl.struct(pl.col("unit_code").alias("last_unit"), pl.col("left_on").cast(pl.String))
        .struct.json_encode()
        .alias("detail"),
    )


def uninsured(src: Sources, cfg: Settings, participants: pl.Series) -> pl.DataFrame:
    """Working-age residents of the extract in none of SI's schemes (matched to the registry by chip ID)."""
    known = src.people.drop("full_name", "birth_date", "sex", "commune_code", "address", "area_code")
    frame = src.residents.join(src.communes.select("commune_code", "area_code"), on="commune_code")
    frame = frame.join(known, on="cccd", how="left").filter(pl.col("birth_date").is_not_null() & _working_age(cfg))
    frame = _not_excluded(frame, src, participants).with_columns(
        pl.col("poverty").fill_null("none"),
        pl.col("ethnic_minority").fill_null(False),
        pl.col("household_code").fill_null(""),
        pl.lit("uninsured").alias("reason"),
        pl.lit("").alias("unit_code"),
        pl.struct(pl.col("person_id").is_null().alias("unknown_to_registry")).struct.json_encode().alias("detail"),
    )
    return _voluntary_offer(frame, cfg)


def hi_lapsed(src: Sources, cfg: Settings, participants: pl.Series) -> pl.DataFrame:
    lapsed = src.coverage.filter(
        ((pl.col("valid_to") < cfg.on) | (pl.col("status") != "active")) & (pl.col("valid_to") >= _lookback_day(cfg))
    )
    frame = lapsed.select("person_id", pl.col("valid_to").alias("lapsed_on")).join(src.people, on="person_id")
    frame = frame.filter(pl.col("household_code").is_not_null() & (pl.col("poverty") != "poor"))
    frame = _not_excluded(frame, src, participants).join(
        src.communes.select("commune_code", "disadvantaged"), on="commune_code"
    )
    tier = (
        pl.when(pl.col("poverty") == "near_poor")
        .then(pl.when(pl.col("disadvantaged")).then(pl.lit("near_poor_poor_commune")).otherwise(pl.lit("near_poor")))
        .otherwise(pl.lit("none"))
    )
    return frame.with_columns(
        tier.alias("tier"),
        pl.lit("hi_lapsed").alias("reason"),
        pl.lit("family_hi").alias("scheme"),
        pl.lit("").alias("unit_code"),
        pl.struct(pl.col("lapsed_on").cast(pl.String)).struct.json_encode().alias("detail"),
    ).with_columns(
        pl.col("tier").replace_strict(cfg.family_support, default=0, return_dtype=pl.Int64).alias("support_pct")
    )


def under_declared(src: Sources, cfg: Settings) -> pl.DataFrame:
    """Units whose latest labour-use report counts more workers than they insure on the day."""
    reports = src.labour.filter(pl.col("reported_on") <= cfg.on).sort("reported_on").group_by("unit_code").last()
    insured = (
        src.spells.filter((pl.col("start") <= cfg.on) & (pl.col("end").is_null() | (pl.col("end") >= cfg.on)))
        .group_by("unit_code")
        .agg(pl.col("person_id").n_unique().alias("declared"))
    )
    frame = reports.join(insured, on="unit_code", how="left").with_columns(pl.col("declared").fill_null(0))
    frame = frame.filter(pl.col("workers") > pl.col("declared")).join(src.employers, on="unit_code")
    return frame.select(
        pl.lit("under_declared").alias("reason"),
        pl.lit("compulsory").alias("scheme"),
        pl.lit("").alias("tier"),
        pl.lit(0).alias("support_pct"),
        pl.lit(None, pl.Int64).alias("person_id"),
        pl.lit("").alias("cccd"),
        pl.col("name").alias("full_name"),
        pl.lit(None, pl.Int64).alias("birth_year"),
        "commune_code",
        "area_code",
        pl.col("address").fill_null(""),
        pl.lit("").alias("household_code"),
        "unit_code",
        pl.struct(
            "declared",
            pl.col("workers").alias("reported"),
            (pl.col("workers") - pl.col("declared")).alias("missing"),
            pl.col("reported_on").cast(pl.String),
        )
        .struct.json_encode()
        .alias("detail"),
    )


def _shape(frame: pl.DataFrame) -> pl.DataFrame:
    return (
        frame.with_columns(
            pl.col("birth_date").dt.year().cast(pl.Int64).alias("birth_year"),
            pl.col("cccd").fill_null(""),
            pl.col("address").fill_null(""),
            pl.col("household_code").fill_null(""),
            pl.col("full_name").fill_null(""),
        )
        .select(list(OUT_SCHEMA))
        .cast(OUT_SCHEMA)
    )


def compute(src: Sources, cfg: Settings) -> pl.DataFrame:
    """Every prospect, one row per (reason, subject); a person is listed for the strongest SI reason only."""
    participants = _participants(src, cfg)
    near = _shape(near_pension(src, cfg, participants))
    left = _shape(worker_left(src, cfg, participants))
    left = left.filter(~pl.col("person_id").is_in(near["person_id"].implode()))
    flagged = pl.concat([near["person_id"], left["person_id"]]).implode()
    plain = _shape(uninsured(src, cfg, participants))
    plain = plain.filter(pl.col("person_id").is_null() | ~pl.col("person_id").is_in(flagged))
    frames = [near, left, plain, _shape(hi_lapsed(src, cfg, participants)), under_declared(src, cfg).cast(OUT_SCHEMA)]
    return pl.concat(frames).sort("commune_code", "reason", "household_code", "full_name")


def run(on: dt.date | None = None, by_user=None, sources: Sources | None = None) -> ProspectRun:
    """Compute the prospects as of `on` (today) and store them with their run; the same day again replaces
    that day's prospects, so a re-run leaves one run and one set."""
    on = on or timezone.localdate()
    started = time.perf_counter()
    src = sources or gather()
    found = compute(src, settings_on(on))
    return store(found, on, src.basis, by_user, started)


def store(found: pl.DataFrame, on: dt.date, basis: str, by_user=None, started: float | None = None) -> ProspectRun:
    """Write the prospects of `on` in one transaction with their run record (replacing that day's)."""
    started = started or time.perf_counter()
    counts = {reason: int(n) for reason, n in found.group_by("reason").len().iter_rows()}
    with transaction.atomic():
        record, _created = ProspectRun.objects.update_or_create(
            on=on,
            defaults={
                "basis": basis[:200],
                "counts": counts,
                "started_at": timezone.now(),
                "run_by": ProspectRun.runner(by_user),
            },
        )
        Prospect.objects.filter(run=record).delete()
        bulk_insert(Prospect, ("run_id",) + COLUMNS, found.with_columns(pl.lit(record.pk).alias("run_id")))
        record.stop_clock(started)
        record.save(update_fields=["seconds"])
        audit.record_batch("outreach.prospectrun", record.pk, f"prospects as of {on}: {found.height:,}", counts)
    return record
