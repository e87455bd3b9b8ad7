"""Demo data for health insurance: coverage following the province's trajectory to 95% (lists from other bodies
fill the gap that registry and collection leave, see coverage.py), two months of claims from the province's
facilities with a share of planted errors, assessed, and card checks of the demo citizens at facility 42001."""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.utils import timezone

from ansinh.core.models import User
from ansinh.health import claim_rules, eligibility, intake
from ansinh.health.assessment.run import run_assessment
from ansinh.health.coverage import refresh_coverage
from ansinh.health.demo import claims as claimgen
from ansinh.health.demo import coverage as demo_coverage
from ansinh.health.models import CatalogueItem, Coverage, EligibilityCheck, Facility
from ansinh.health.reference import load_reference
from ansinh.health.xml130 import EnvelopeRejected, envelope
from ansinh.policy.services import params_on

CLAIMS_PER_PERSON_MONTH = 0.06


def build(ctx) -> None:
    load_reference()
    run = _calibrated_coverage(ctx)
    ctx.log(_coverage_line(run))
    submissions = _claims(ctx)
    assessed = run_assessment()
    ctx.log(
        f"health: {submissions} submissions, {assessed.claims} claims assessed: {assessed.accepted} accepted, "
        f"{assessed.adjusted} adjusted, {assessed.rejected} rejected, {assessed.flagged} to review"
    )
    _checks(ctx)


def _calibrated_coverage(ctx):
    listed = demo_coverage.calibrate(ctx)
    run = refresh_coverage(ctx.as_of)
    ctx.log(
        f"health: {listed:,} list memberships fill the gap to {demo_coverage.target_share(ctx, ctx.as_of):.1%} coverage"
    )
    return run


def _coverage_line(run) -> str:
    """One readable line: how many are covered, the share, and the largest groups."""
    population = run.by_source.get("population") or 1
    groups = sorted(((n, g) for g, n in run.by_source.items() if g != "population"), reverse=True)[:5]
    largest = ", ".join(f"{g} {n:,}" for n, g in groups)
    return (
        f"health: {run.members:,} of {population:,} people covered on {run.on:%d/%m/%Y} "
        f"({run.members / population:.1%}); largest groups {largest}"
    )


def _patients(ctx, limit: int = 20000) -> tuple[list, list]:
    rows = (
        Coverage.objects.filter(status="active")
        .select_related("person", "facility")
        .values_list(
            "person__cccd",
            "person__full_name",
            "person__birth_date",
            "person__sex",
            "card_code",
            "benefit_pct",
            "facility__code",
        )
        .order_by("person_id")[:limit]
    )
    patients = [claimgen.Patient(*row) for row in rows if row[0]]
    covered = pl.Series(list(Coverage.objects.values_list("person_id", flat=True)), dtype=pl.Int64)
    bare = (
        ctx.frames["people"]
        .filter(~pl.col("person_id").is_in(covered.implode()) & pl.col("cccd").is_not_null())
        .head(500)
    )
    uncovered = [
        claimgen.Patient(r["cccd"], r["full_name"], r["birth_date"], r["sex"], "", 80, "")
        for r in bare.iter_rows(named=True)
    ]
    return patients, uncovered


def _claims(ctx) -> int:
    patients, uncovered = _patients(ctx)
    facilities = list(Facility.objects.values("code", "level", "former_district"))
    items = list(CatalogueItem.objects.values())
    per_month = max(60, min(15000, round(ctx.people * CLAIMS_PER_PERSON_MONTH)))
    sender = User.objects.filter(role="facility", org_code="42001").first()
    rng, count = ctx.rng("health-claims"), 0
    first_of_month = ctx.as_of.replace(day=1)
    for back in (2, 1):
        start = (first_of_month - dt.timedelta(days=28 * back)).replace(day=1)
        pay = claim_rules.PayRules.from_params(params_on(start))
        claims, lines, _planted = claimgen.generate(
            rng, patients, uncovered, facilities, items, start, 28, per_month, pay, prefix=f"{start:%y%m}-"
        )
        count += _send(claims, lines, start, sender)
    return count


def _send(claims: list[dict], lines: list[dict], start: dt.date, sender) -> int:
    """One envelope per facility and month, through the real intake (checked, stored in bulk)."""
    by_facility: dict[str, list[dict]] = {}
    for claim in claims:
        by_facility.setdefault(claim["facility_code"], []).append(claim)
    lines_by_claim: dict[str, list[dict]] = {}
    for line in lines:
        lines_by_claim.setdefault(line["ma_lk"], []).append(line)
    prepared = (start + dt.timedelta(days=31)).replace(day=5)
    for code, batch in by_facility.items():
        data = envelope(code, prepared, batch, [line for c in batch for line in lines_by_claim.get(c["ma_lk"], [])])
        try:
            intake.receive(data, sender if sender and sender.org_code == code else None, channel="api")
        except (
            EnvelopeRejected
        ):  # every record of a small facility's month refused: nothing to store, as for the facility
            continue
    return len(by_facility)


# The demo citizens' visits to the demo facility: (days before the demo's today, time, how the name was typed).
# The software of the hospital sends the name in capitals on some visits; once a receptionist mistypes it,
# gets "name does not match" and asks again with the right name a minute later.
VISITS = [(74, dt.time(8, 12), "as_registered"), (31, dt.time(14, 40), "capitals")]
MISTYPED_VISIT = (6, dt.time(9, 5))


def _checks(ctx) -> None:
    """The demo citizens' cards checked at the demo facility on a few visits (visible in their portal)."""
    from ansinh.registry.models import Person

    user = User.objects.filter(role="facility", org_code="42001").first()
    accounts = getattr(ctx, "demo_accounts", {}) or {}
    ids = [a["person_id"] for a in accounts.values() if a.get("person_id")]
    for person in Person.objects.filter(pk__in=ids).order_by("pk"):
        for days, at, typed in VISITS:
            name = person.full_name.upper() if typed == "capitals" else person.full_name
            _check_on(ctx, days, at, person, name, user)
    for person in Person.objects.filter(pk__in=ids).order_by("pk")[:1]:
        days, at = MISTYPED_VISIT
        _check_on(ctx, days, at, person, person.full_name + " Anh", user)
        _check_on(ctx, days, at.replace(minute=at.minute + 1), person, person.full_name, user)


def _check_on(ctx, days_before: int, at: dt.time, person, name: str, user) -> None:
    """A check through the real evaluation, logged at the visit's time rather than at the build's."""
    eligibility.check(person.cccd, name, person.birth_date, "42001", user=user)
    when = timezone.make_aware(dt.datetime.combine(ctx.as_of - dt.timedelta(days=days_before), at))
    logged = EligibilityCheck.objects.order_by("-pk").values_list("pk", flat=True).first()
    EligibilityCheck.objects.filter(pk=logged).update(at=when)
