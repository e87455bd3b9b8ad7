"""What happens to entitlements after the decision: the monthly job-search reports of people on unemployment
benefit, and the yearly indexation of pensions and monthly allowances (set-based, re-runnable)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import polars as pl
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from ansinh.benefits.models import Entitlement, EntitlementAdjustment, JobSearchReport, Kind
from ansinh.benefits.payroll.run import parse_period
from ansinh.benefits.rules.indexation import PRE_1995
from ansinh.core import audit
from ansinh.core.api_errors import DomainError
from ansinh.core.bulk import bulk_insert
from ansinh.core.periods import Period
from ansinh.policy.services import params_on


@transaction.atomic
def record_job_search(entitlement: Entitlement, period: str, reported_on: dt.date, by_user=None, note: str = "") -> JobSearchReport:
    """The person reported their job search for the month; from then that month can be paid."""
    month = parse_period(period)
    if entitlement.kind != Kind.UNEMPLOYMENT:
        raise DomainError.one("entitlement", _("Only unemployment benefit needs a monthly job-search report."), "not_unemployment")
    first, last = Period.of(entitlement.start), Period.of(entitlement.end) if entitlement.end else None
    if month < first or (last and month > last):
        raise DomainError.one("period", _("The month is outside the benefit's months."), "outside")
    if month.first_day > reported_on.replace(day=1) or reported_on > timezone.localdate():
        raise DomainError.one("reported_on", _("A report cannot be dated before its month or in the future."), "bad_date")
    if JobSearchReport.objects.filter(entitlement=entitlement, period=str(month)).exists():
        raise DomainError.one("period", _("This month is already reported."), "already_reported")
    return JobSearchReport.objects.create(entitlement=entitlement, period=str(month), reported_on=reported_on, note=note[:200],
                                          recorded_by=by_user if getattr(by_user, "pk", None) else None)


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
    after = (pl.when(eligible & (pl.col("after") < rule["add_below"])).then(pl.col("after") + rule["add"])
             .when(eligible & (pl.col("after") < rule["up_to"])).then(pl.lit(rule["up_to"])).otherwise(pl.col("after")))
    source = pl.when(eligible).then(pl.col("source") + f"; {extra.source}").otherwise(pl.col("source")).str.slice(0, 300)
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
        due = Entitlement.objects.filter(monthly=True, status=Entitlement.Status.ACTIVE, kind__in=version.value["kinds"],
                                         start__lt=version.valid_from).exclude(Exists(done))
        factor = _factor(version.value["pct"])
        frame = pl.DataFrame(list(due.values_list("id", "amount", "kind", "start")),
                             schema={"entitlement_id": pl.Int64, "before": pl.Int64, "kind": pl.String, "start": pl.Date}, orient="row")
        due.update(amount=(F("amount") * factor + 5_000) / 10_000)
        frame = frame.with_columns(((pl.col("before") * factor + 5_000) // 10_000).alias("after"), valid_from=pl.lit(version.valid_from),
                                   pct=pl.lit(str(version.value["pct"])), source=pl.lit(version.source[:300]), applied_at=pl.lit(now))
        if version.valid_from in extras:
            frame = _top_up_old_benefits(due, frame, extras[version.valid_from])
        bulk_insert(EntitlementAdjustment, ["entitlement_id", "valid_from", "pct", "before", "after", "source", "applied_at"], frame)
        applied[version.valid_from.isoformat()] = frame.height
    audit.record_batch("benefits.entitlementadjustment", on.isoformat(), f"indexation on {on}: {applied}", applied)
    return applied
