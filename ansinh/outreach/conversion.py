"""Enrolments credited to outreach contacts, and conversion per campaign, agent and area.

An enrolment is credited to a target when the person (known by the registry id on the list, or by the chip
ID once the registry has them) enrolled on or after the first contact and within the attribution window:
a voluntary-SI or family-HI enrolment, a new employment spell (compulsory SI) or a new HI card."""

from __future__ import annotations

import datetime as dt
import math

import polars as pl
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from ansinh.contributions import services as contributions
from ansinh.core import audit
from ansinh.core.bulk import bulk_insert
from ansinh.health import services as health
from ansinh.outreach.models import Contact, Conversion, Target
from ansinh.outreach.rules import rate
from ansinh.policy.services import params_on
from ansinh.registry import services as registry

SI_KINDS = (Conversion.Kind.VOLUNTARY_SI, Conversion.Kind.COMPULSORY_SI)
HI_KINDS = (Conversion.Kind.FAMILY_HI, Conversion.Kind.HI_CARD)
# The enrolments a campaign sought for each scheme: a person offered SI who already holds an HI card from
# another group has not been converted by a card re-issued after the visit.
SOUGHT = {"voluntary_si": list(SI_KINDS), "compulsory": list(SI_KINDS), "family_hi": list(HI_KINDS)}


def _first_contacts() -> pl.DataFrame:
    rows = Contact.objects.order_by("target_id", "contacted_on", "id").values_list(
        "target_id", "id", "contacted_on", "target__person_id", "target__cccd", "target__scheme"
    )
    frame = pl.DataFrame(
        list(rows),
        orient="row",
        schema={
            "target_id": pl.Int64,
            "contact_id": pl.Int64,
            "contacted_on": pl.Date,
            "person_id": pl.Int64,
            "cccd": pl.String,
            "scheme": pl.String,
        },
    )
    return frame.group_by("target_id", maintain_order=True).first()


def _with_person(contacts: pl.DataFrame) -> pl.DataFrame:
    """Targets listed without a registry id get the one the registry has for their chip ID now."""
    known = registry.person_ids_by_cccd(contacts.filter(pl.col("person_id").is_null())["cccd"].to_list())
    by_cccd = pl.DataFrame(
        {"cccd": list(known), "found_id": list(known.values())}, schema={"cccd": pl.String, "found_id": pl.Int64}
    )
    return (
        contacts.join(by_cccd, on="cccd", how="left")
        .with_columns(pl.coalesce("person_id", "found_id").alias("person_id"))
        .drop("found_id")
    )


def _enrolments(people: list[int]) -> pl.DataFrame:
    spells = registry.spells_frame().select(
        "person_id", pl.lit("compulsory_si").alias("kind"), pl.col("start").alias("on")
    )
    cards = (
        health.coverage_frame()
        .filter(pl.col("status") == "active")
        .select("person_id", pl.lit("hi_card").alias("kind"), pl.col("valid_from").alias("on"))
    )
    events = pl.concat([contributions.enrolments_frame().select("person_id", "kind", "on"), spells, cards])
    return events.filter(pl.col("person_id").is_in(people))


def credited(contacts: pl.DataFrame, events: pl.DataFrame, window_months: int) -> pl.DataFrame:
    """{target_id, kind, person_id, enrolled_on, contact_id}: the earliest enrolment of each kind the target's
    scheme sought, on or after the first contact and within the window."""
    sought = pl.DataFrame(
        [(scheme, kind) for scheme, kinds in SOUGHT.items() for kind in kinds],
        orient="row",
        schema={"scheme": pl.String, "kind": pl.String},
    )
    joined = contacts.join(events, on="person_id").join(sought, on=["scheme", "kind"])
    months = (
        (pl.col("on").dt.year() - pl.col("contacted_on").dt.year()) * 12
        + pl.col("on").dt.month()
        - pl.col("contacted_on").dt.month()
        - pl.when(pl.col("on").dt.day() < pl.col("contacted_on").dt.day()).then(1).otherwise(0)
    )
    joined = joined.filter((pl.col("on") >= pl.col("contacted_on")) & (months < window_months))
    return (
        joined.group_by("target_id", "kind")
        .agg(pl.col("person_id").first(), pl.col("on").min().alias("enrolled_on"), pl.col("contact_id").first())
        .sort("target_id", "kind")
    )


def attribute(on: dt.date | None = None) -> int:
    """Credit the enrolments that followed contacts; returns how many were new. Running it again adds only
    what is new since, so it can run every night."""
    contacts = _with_person(_first_contacts()).filter(pl.col("person_id").is_not_null())
    if contacts.is_empty():
        return 0
    window = params_on(on or timezone.localdate()).int("outreach.attribution_months")
    found = credited(contacts, _enrolments(contacts["person_id"].unique().to_list()), window)
    known = pl.DataFrame(
        list(Conversion.objects.values_list("target_id", "kind")),
        orient="row",
        schema={"target_id": pl.Int64, "kind": pl.String},
    )
    new = found.join(known, on=["target_id", "kind"], how="anti")
    with transaction.atomic():
        bulk_insert(
            Conversion,
            ("target_id", "kind", "person_id", "enrolled_on", "contact_id", "attributed_at"),
            new.with_columns(pl.lit(dt.datetime.now(dt.UTC)).alias("attributed_at")),
        )
        if new.height:
            audit.record_batch(
                "outreach.conversion",
                "",
                f"{new.height} enrolments credited to outreach contacts",
                {k: int(n) for k, n in new.group_by("kind").len().iter_rows()},
            )
    return new.height


def _figures(rows) -> list[dict]:
    out = []
    for row in rows:
        row["contact_rate"] = rate(row["contacted"], row["targets"])
        row["conversion_rate"] = rate(row["converted"], row["contacted"])
        out.append(row)
    return out


def conversion_by(field: str, campaign_ids=None) -> list[dict]:
    """Per campaign, agent or commune: targets, contacted, converted (any enrolment), SI and HI gained."""
    targets = Target.objects.all() if campaign_ids is None else Target.objects.filter(campaign_id__in=campaign_ids)
    group = {
        "campaign": ("campaign_id", "campaign__name"),
        "agent": ("agent__code", "agent__name"),
        "commune": ("commune_code", "area_code"),
    }[field]
    rows = (
        targets.values(*group)
        .annotate(
            targets=Count("id", distinct=True),
            contacted=Count("id", filter=Q(contacts__isnull=False), distinct=True),
            converted=Count("id", filter=Q(conversions__isnull=False), distinct=True),
            si_gained=Count("id", filter=Q(conversions__kind__in=SI_KINDS), distinct=True),
            hi_gained=Count("id", filter=Q(conversions__kind__in=HI_KINDS), distinct=True),
        )
        .order_by(*group)
    )
    return _figures(
        [
            {
                "key": r[group[0]],
                "label": r[group[1]],
                **{k: r[k] for k in ("targets", "contacted", "converted", "si_gained", "hi_gained")},
            }
            for r in rows
        ]
    )


def short_of_target(kpi: dict) -> int | None:
    """People still to enrol for an area's KPI to reach its target (None without a target or figures)."""
    target, numerator, denominator = kpi.get("target"), kpi.get("numerator"), kpi.get("denominator")
    if not target or numerator is None or not denominator:
        return None
    return max(math.ceil(target["value"] * denominator / 100 - numerator), 0)
