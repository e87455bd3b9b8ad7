"""What happens to entitlements after the decision: the monthly job-search reports of people on unemployment
benefit (recorded by staff, or by the person online up to each month's deadline, public holidays counted), and
the yearly indexation of pensions and monthly allowances (set-based, re-runnable)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import polars as pl
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from ansinh.benefits.models import Entitlement, EntitlementAdjustment, JobSearchReport, Kind
from ansinh.benefits.rules.holidays import public_holidays
from ansinh.benefits.rules.indexation import PRE_1995
from ansinh.benefits.rules.unemployment import report_due
from ansinh.core import audit
from ansinh.core.bulk import bulk_insert
from ansinh.core.errors import DomainError, FieldError
from ansinh.core.periods import Period, period_or_error
from ansinh.policy.services import params_on


@transaction.atomic
def record_job_search(
    entitlement: Entitlement, period: str, reported_on: dt.date, by_user=None, note: str = ""
) -> JobSearchReport:
    """The person reported their job search for the month; from then that month can be paid."""
    month = period_or_error(period)
    if entitlement.kind != Kind.UNEMPLOYMENT:
        raise DomainError.one(
            "entitlement", _("Only unemployment benefit needs a monthly job-search report."), "not_unemployment"
        )
    first, last = Period.of(entitlement.start), Period.of(entitlement.end) if entitlement.end else None
    if month < first or (last and month > last):
        raise DomainError.one("period", _("The month is outside the benefit's months."), "outside")
    if month.first_day > reported_on.replace(day=1) or reported_on > timezone.localdate():
        raise DomainError.one(
            "reported_on", _("A report cannot be dated before its month or in the future."), "bad_date"
        )
    if JobSearchReport.objects.filter(entitlement=entitlement, period=str(month)).exists():
        raise DomainError.one("period", _("This month is already reported."), "already_reported")
    return JobSearchReport.objects.create(
        entitlement=entitlement,
        period=str(month),
        reported_on=reported_on,
        note=note[:200],
        recorded_by=by_user if getattr(by_user, "pk", None) else None,
    )


def _report_months(entitlement: Entitlement) -> list[Period]:
    """The months that need a report: every benefit month after the first."""
    first = Period.of(entitlement.start)
    last = Period.of(entitlement.end) if entitlement.end else first
    return [Period.from_index(i) for i in range(first.index + 1, last.index + 1)]


def job_search_months(entitlement: Entitlement, today: dt.date) -> dict:
    """Each month to report with its window (from the month's first day to its deadline) and its state:
    reported, open (can be reported today), late (deadline passed: the month is not paid) or upcoming; with the
    parameters, announced changes (e.g. a holiday calendar not yet confirmed) and unverified values read."""
    months = _report_months(entitlement)
    params = params_on(max(today, months[-1].last_day) if months else today)
    holidays = public_holidays(params, entitlement.start.year, entitlement.end.year + 1)
    reported = dict(JobSearchReport.objects.filter(entitlement=entitlement).values_list("period", "reported_on"))
    rows = []
    for month in months:
        due = report_due(params, entitlement.start, month.index, holidays)
        done = reported.get(str(month))
        state = "reported" if done else "upcoming" if today < month.first_day else "late" if today > due else "open"
        rows.append({"period": str(month), "opens": month.first_day, "due": due, "reported_on": done, "state": state})
    return {
        "months": rows,
        "parameters": params.citations(),
        "announcements": params.announcements(),
        "warnings": params.warnings(),
    }


def _own_unemployment(person, entitlement_id: int) -> Entitlement:
    found = Entitlement.objects.filter(
        pk=entitlement_id, person=person, kind=Kind.UNEMPLOYMENT, status=Entitlement.Status.ACTIVE
    ).first()
    if found is None:
        raise DomainError(
            [FieldError("entitlement", _("You have no unemployment benefit with this number."), "not_found")],
            status=404,
        )
    return found


def report_job_search_online(
    person, user, entitlement_id: int, period: str, today: dt.date, note: str = ""
) -> JobSearchReport:
    """The person reports their own job search for a month, within its window; audited. After the deadline the
    report is refused (the month is not paid): the employment service centre decides on a late report with a
    legal excuse."""
    entitlement = _own_unemployment(person, entitlement_id)
    month = period_or_error(period)
    row = next((m for m in job_search_months(entitlement, today)["months"] if m["period"] == str(month)), None)
    if row is None:
        raise DomainError.one(
            "period",
            _(
                "No report is due for this month: the first month of the benefit needs none, "
                "and the month must be one of the benefit's months."
            ),
            "outside",
        )
    if row["state"] == "upcoming":
        raise DomainError.one(
            "period",
            _("The report for %(month)s can be sent from %(day)s.")
            % {"month": row["period"], "day": row["opens"].strftime("%d/%m/%Y")},
            "not_open",
        )
    if row["state"] == "late":
        raise DomainError.one(
            "period",
            _(
                "The deadline for %(month)s was %(day)s: the month is not paid. If you had a legal excuse (illness, "
                "childbirth …), ask the employment service centre."
            )
            % {"month": row["period"], "day": row["due"].strftime("%d/%m/%Y")},
            "late",
        )
    report = record_job_search(entitlement, str(month), today, by_user=user, note=note)
    audit.record(
        "create",
        "benefits.jobsearchreport",
        report.pk,
        f"job-search report {report.period} of entitlement {entitlement.decision_number} sent online",
        {"period": report.period, "reported_on": today.isoformat(), "note": report.note},
    )
    return report


def _factor(pct) -> int:
    """The raise as an integer factor over 10,000 (7.4% → 10,740): half-up rounding in integer arithmetic."""
    return int((Decimal(str(pct)) * 100).to_integral_value()) + 10_000


def _top_up_old_benefits(due, frame: pl.DataFrame, extra) -> pl.DataFrame:
    """The extra raise of the same decree for benefits that started before 1995 (pension.indexation_pre1995, once in
    force): lift to the floor first, then add the sum to the lowest, so no amount gets both."""
    rule = extra.value
    old = due.filter(kind__in=rule["kinds"], start__lt=dt.date.fromisoformat(rule["started_before"]))
    old.filter(amount__gte=rule["add_below"], amount__lt=rule["up_to"]).update(amount=rule["up_to"])
    old.filter(amount__lt=rule["add_below"]).update(amount=F("amount") + rule["add"])
    eligible = pl.col("kind").is_in(rule["kinds"]) & (pl.col("start") < dt.date.fromisoformat(rule["started_before"]))
    after = (
        pl.when(eligible & (pl.col("after") < rule["add_below"]))
        .then(pl.col("after") + rule["add"])
        .when(eligible & (pl.col("after") < rule["up_to"]))
        .then(pl.lit(rule["up_to"]))
        .otherwise(pl.col("after"))
    )
    source = (
        pl.when(eligible).then(pl.col("source") + f"; {extra.source}").otherwise(pl.col("source")).str.slice(0, 300)
    )
    return frame.with_columns(after.alias("after"), source.alias("source"))


@transaction.atomic
def index_entitlements(on: dt.date) -> dict:
    """Apply every indexation in force on `on` to the active monthly entitlements of the kinds it raises that
    started before it and were not raised by it yet: per raise one read, one UPDATE (three with the extra raise for
    benefits from before 1995) and one bulk insert of the adjustments (whose unique key makes a concurrent or
    repeated run fail rather than raise twice)."""
    params = params_on(on)
    now = timezone.now()
    applied = {}
    extras = {v.valid_from: v for v in params.series(PRE_1995, dt.date.min)}
    for version in params.series("pension.indexation", dt.date.min) if params.has("pension.indexation") else []:
        done = EntitlementAdjustment.objects.filter(entitlement=OuterRef("pk"), valid_from=version.valid_from)
        due = Entitlement.objects.filter(
            monthly=True,
            status=Entitlement.Status.ACTIVE,
            kind__in=version.value["kinds"],
            start__lt=version.valid_from,
        ).exclude(Exists(done))
        factor = _factor(version.value["pct"])
        frame = pl.DataFrame(
            list(due.values_list("id", "amount", "kind", "start")),
            schema={"entitlement_id": pl.Int64, "before": pl.Int64, "kind": pl.String, "start": pl.Date},
            orient="row",
        )
        due.update(amount=(F("amount") * factor + 5_000) / 10_000)
        frame = frame.with_columns(
            ((pl.col("before") * factor + 5_000) // 10_000).alias("after"),
            valid_from=pl.lit(version.valid_from),
            pct=pl.lit(str(version.value["pct"])),
            source=pl.lit(version.source[:300]),
            applied_at=pl.lit(now),
        )
        if version.valid_from in extras:
            frame = _top_up_old_benefits(due, frame, extras[version.valid_from])
        bulk_insert(
            EntitlementAdjustment,
            ["entitlement_id", "valid_from", "pct", "before", "after", "source", "applied_at"],
            frame,
        )
        applied[version.valid_from.isoformat()] = frame.height
    audit.record_batch("benefits.entitlementadjustment", on.isoformat(), f"indexation on {on}: {applied}", applied)
    return applied
