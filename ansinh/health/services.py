"""Public use cases of health insurance, for other apps (portal, insights) and our own pages.

What other apps rely on: coverage_for, eligibility_checks_for, hi_members_by_commune."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, Sum

from ansinh.geo.models import Commune
from ansinh.health.coverage import members_on, refresh_coverage  # noqa: F401 — the app's public API, re-exported
from ansinh.health.eligibility import check, coverage_dict  # noqa: F401 — the app's public API, re-exported
from ansinh.health.models import Coverage, CoverageRun, EligibilityCheck, Facility, MemberCount


def coverage_for(person, on: dt.date) -> dict | None:
    """The person's coverage valid on `on` (None when not covered that day)."""
    cov = (
        Coverage.objects.select_related("facility")
        .filter(person=person, status=Coverage.Status.ACTIVE, valid_from__lte=on, valid_to__gte=on)
        .first()
    )
    return coverage_dict(cov) if cov else None


def eligibility_checks_for(person, limit: int = 50) -> list[dict]:
    """The checks made at facilities about this person, newest first."""
    checks = list(EligibilityCheck.objects.filter(person=person).order_by("-at", "-id")[:limit])
    names = dict(Facility.objects.filter(code__in={c.facility_code for c in checks}).values_list("code", "name"))
    return [
        {
            "at": c.at,
            "facility_code": c.facility_code,
            "facility_name": names.get(c.facility_code, ""),
            "result_code": c.result_code,
        }
        for c in checks
    ]


def hi_members_by_commune(on: dt.date) -> list[dict]:
    """People covered on `on`, per commune of residence. The stored coverage answers for the day of its last
    refresh and after. An earlier day is read from the counts a refresh kept for it (month ends), else computed
    from the sources as they stand for that day (the stored cards only know this year's validity, so they
    would leave out everyone covered on a yearly basis)."""
    refreshed_on = CoverageRun.objects.order_by("-started_at", "-id").values_list("on", flat=True).first()
    if refreshed_on and on < refreshed_on:
        return _members_counted_for(on) or _members_computed_for(on)
    valid = Q(status=Coverage.Status.ACTIVE, valid_from__lte=on, valid_to__gte=on)
    rows = (
        Coverage.objects.filter(valid)
        .values("person__commune__code")
        .annotate(members=Count("id"))
        .order_by("person__commune__code")
    )
    return [{"commune_code": r["person__commune__code"], "members": r["members"]} for r in rows]


def coverage_frame():
    """Every current HI card as a Polars frame {person_id, valid_from, valid_to, status, source}, for set-based work."""
    import polars as pl

    rows = Coverage.objects.values_list("person_id", "valid_from", "valid_to", "status", "source")
    return pl.DataFrame(
        list(rows.iterator(chunk_size=50_000)),
        orient="row",
        schema={
            "person_id": pl.Int64,
            "valid_from": pl.Date,
            "valid_to": pl.Date,
            "status": pl.String,
            "source": pl.String,
        },
    )


def _members_counted_for(on: dt.date) -> list[dict]:
    """The counts kept for the day, summed over the groups; empty when no refresh kept any."""
    rows = (
        MemberCount.objects.filter(on=on)
        .values("commune__code")
        .annotate(members=Sum("members"))
        .order_by("commune__code")
    )
    return [{"commune_code": r["commune__code"], "members": r["members"]} for r in rows]


def _members_computed_for(on: dt.date) -> list[dict]:
    counts = members_on(on).group_by("commune_id").len()
    codes = dict(Commune.objects.values_list("id", "code"))
    rows = [{"commune_code": codes[commune_id], "members": n} for commune_id, n in counts.iter_rows()]
    return sorted(rows, key=lambda r: r["commune_code"])
