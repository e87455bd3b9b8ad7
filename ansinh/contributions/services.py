"""The public use cases of contributions: other apps call these, and only these; they are this app's public contract."""

from __future__ import annotations

import polars as pl
from django.utils import timezone

from ansinh.contributions.arrears import arrears_by_area, arrears_ratio, ratio_per_area  # noqa: F401 — the app's public API, re-exported
from ansinh.contributions.enrolment import enrol_family_hi, enrol_voluntary  # noqa: F401 — the app's public API, re-exported
from ansinh.contributions.history import (  # noqa: F401 — the app's public API, re-exported
    family_hi_members,
    family_hi_members_frame,
    family_hi_spans,
    participant_bills,
    participant_payments,
    participants_by_commune,
    si_history,
    si_totals,
    voluntary_members,
)
from ansinh.contributions.quoting import quote  # noqa: F401 — the app's public API, re-exported
from ansinh.core.frames import read_frame
from ansinh.core.periods import Period


def electronic_units_by_area(period: str) -> list[dict]:
    """{area_code, units, electronic_units}: units with insured workers in the period, and those filing
    electronically."""
    month = Period.parse(period)
    mid = month.first_day.replace(day=15)
    sql = """SELECT a.code, e.id, e.e_transactions FROM registry_employer e JOIN geo_area a ON a.id = e.area_id
             WHERE EXISTS (SELECT 1 FROM registry_employmentspell s WHERE s.employer_id = e.id
                           AND s.start <= %s AND (s."end" IS NULL OR s."end" >= %s))"""
    frame = read_frame(sql, [mid, mid], {"area_code": pl.String, "employer_id": pl.Int64, "electronic": pl.Boolean})
    grouped = frame.group_by("area_code").agg(
        pl.len().alias("units"), pl.col("electronic").sum().alias("electronic_units")
    )
    return [
        {"area_code": r["area_code"], "units": int(r["units"]), "electronic_units": int(r["electronic_units"])}
        for r in grouped.sort("area_code").iter_rows(named=True)
    ]


def voluntary_periods(person) -> list[dict]:
    """The person's voluntary-SI enrolments as {start, end (None while open), income}, oldest first: the
    voluntary months of a career for benefits."""
    from ansinh.contributions.models import VoluntaryEnrolment

    rows = VoluntaryEnrolment.objects.filter(person=person).order_by("start_period", "id")
    return [
        {
            "start": Period.parse(r.start_period),
            "end": Period.parse(r.end_period) if r.end_period else None,
            "income": r.income,
        }
        for r in rows
    ]


def voluntary_spans_frame() -> pl.DataFrame:
    """Every voluntary-SI enrolment as {person_id, start_period, end_period ('' while open), enrolled_on}."""
    from ansinh.contributions.models import VoluntaryEnrolment

    rows = VoluntaryEnrolment.objects.values_list("person_id", "start_period", "end_period", "created_at")
    return pl.DataFrame(
        [(p, s, e, timezone.localdate(at)) for p, s, e, at in rows.iterator(chunk_size=20_000)],
        orient="row",
        schema={"person_id": pl.Int64, "start_period": pl.String, "end_period": pl.String, "enrolled_on": pl.Date},
    )


def enrolments_frame() -> pl.DataFrame:
    """Voluntary-SI and family-HI enrolments as events {person_id, kind, on}: the day each was opened."""
    from ansinh.contributions.models import FamilyHIEnrolment, VoluntaryEnrolment

    rows = [
        (p, "voluntary_si", timezone.localdate(at))
        for p, at in VoluntaryEnrolment.objects.values_list("person_id", "created_at")
    ]
    rows += [
        (p, "family_hi", timezone.localdate(at))
        for p, at in FamilyHIEnrolment.objects.values_list("person_id", "created_at")
    ]
    return pl.DataFrame(rows, orient="row", schema={"person_id": pl.Int64, "kind": pl.String, "on": pl.Date})
