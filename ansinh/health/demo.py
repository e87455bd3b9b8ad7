"""Demo data for health insurance: coverage for the province calibrated to ≈94% (lists from other bodies fill
the gap that registry and collection leave), two months of claims from the province's facilities with a share of
planted errors, assessed, and card checks of the demo citizens at facility 42001."""
from __future__ import annotations

import datetime as dt

import polars as pl

from ansinh.core.bulk import bulk_insert
from ansinh.core.models import User
from ansinh.health import claim_rules, claimgen, eligibility, intake
from ansinh.health.assessment.run import run_assessment
from ansinh.health.coverage import refresh_coverage
from ansinh.health.models import CatalogueItem, Coverage, Facility, ListMembership
from ansinh.health.reference import load_reference
from ansinh.health.xml130 import EnvelopeRejected, envelope
from ansinh.policy.services import params_on

TARGET_SHARE = 0.94  # Hà Tĩnh's HI coverage in the seeds (domain facts §10)
# Lists sent by other bodies, with their share of the listed people (veterans, meritorious service, relatives,
# social assistance, farm households with average living standard).
LISTS = [("CB", "Hội Cựu chiến binh", 0.15), ("CC", "Sở LĐTBXH: người có công", 0.05), ("CK", "Sở LĐTBXH: người có công", 0.05),
         ("TC", "Sở LĐTBXH: thân nhân người có công", 0.15), ("BT", "Sở LĐTBXH: bảo trợ xã hội", 0.2), ("GB", "UBND xã: hộ nông-lâm-ngư nghiệp", 0.4)]
CLAIMS_PER_PERSON_MONTH = 0.06


def build(ctx) -> None:
    load_reference()
    run = _calibrated_coverage(ctx)
    ctx.log(f"health: coverage {run.members} people on {run.on} ({run.by_source})")
    submissions = _claims(ctx)
    assessed = run_assessment()
    ctx.log(f"health: {submissions} submissions, {assessed.claims} claims assessed: {assessed.accepted} accepted, "
            f"{assessed.adjusted} adjusted, {assessed.rejected} rejected, {assessed.flagged} to review")
    _checks(ctx)


def _calibrated_coverage(ctx):
    run = refresh_coverage(ctx.as_of)
    people = ctx.frames["people"]
    living = people.height
    gap = round(living * TARGET_SHARE) - run.members
    if gap <= 0:
        return run
    covered = set(Coverage.objects.values_list("person_id", flat=True))
    adults = people.filter(~pl.col("person_id").is_in(list(covered)) & (pl.col("birth_date") < dt.date(ctx.as_of.year - 18, 1, 1)))
    chosen = adults.sample(min(gap, adults.height), seed=ctx.seed).get_column("person_id").to_list()
    rng = ctx.rng("health-lists")
    picks = rng.choice(len(LISTS), len(chosen), p=[share for *_, share in LISTS])
    start, end = dt.date(ctx.as_of.year, 1, 1), dt.date(ctx.as_of.year, 12, 31)
    rows = [(pid, LISTS[k][0], LISTS[k][1], start, end) for pid, k in zip(chosen, picks)]
    bulk_insert(ListMembership, ["person_id", "group", "list_name", "valid_from", "valid_to"], rows)
    return refresh_coverage(ctx.as_of)


def _patients(ctx, limit: int = 20000) -> tuple[list, list]:
    rows = (Coverage.objects.filter(status="active").select_related("person", "facility")
            .values_list("person__cccd", "person__full_name", "person__birth_date", "person__sex", "card_code", "benefit_pct", "facility__code")
            .order_by("person_id")[:limit])
    patients = [claimgen.Patient(*row) for row in rows if row[0]]
    covered = pl.Series(list(Coverage.objects.values_list("person_id", flat=True)), dtype=pl.Int64)
    bare = ctx.frames["people"].filter(~pl.col("person_id").is_in(covered.implode()) & pl.col("cccd").is_not_null()).head(500)
    uncovered = [claimgen.Patient(r["cccd"], r["full_name"], r["birth_date"], r["sex"], "", 80, "") for r in bare.iter_rows(named=True)]
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
        claims, lines, _planted = claimgen.generate(rng, patients, uncovered, facilities, items, start, 28, per_month, pay,
                                                    prefix=f"{start:%y%m}-")
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
        except EnvelopeRejected:  # every record of a small facility's month refused: nothing to store, as for the facility
            continue
    return len(by_facility)


def _checks(ctx) -> None:
    """The demo citizens' cards checked at the demo facility (visible in their portal), and a mistyped name."""
    from ansinh.registry.models import Person

    user = User.objects.filter(role="facility", org_code="42001").first()
    accounts = getattr(ctx, "demo_accounts", {}) or {}
    ids = [a["person_id"] for a in accounts.values() if a.get("person_id")]
    for person in Person.objects.filter(pk__in=ids):
        eligibility.check(person.cccd, person.full_name, person.birth_date, "42001", user=user)
        eligibility.check(person.cccd, person.full_name.upper(), person.birth_date, "42001", user=user)
    for person in Person.objects.filter(pk__in=ids)[:1]:
        eligibility.check(person.cccd, person.full_name + " Anh", person.birth_date, "42001", user=user)
