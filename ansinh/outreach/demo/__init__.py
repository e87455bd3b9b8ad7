"""Demo outreach: labour-use reports for a few units, two collection agents and the post-office point of the
commune with the most residents outside SI, the prospects as of ctx.as_of, and one small campaign there with
some contacts (a few followed by voluntary-SI enrolments, credited to them).

Shares are demo assumptions: about one unit in twenty reports more workers than it insures; agents reach
about half their list in the first days, and one in five of those reached agrees and enrols."""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.utils import timezone

from ansinh.contributions import services as contributions
from ansinh.core.errors import DomainError
from ansinh.core.models import ApiToken, User
from ansinh.core.periods import Period
from ansinh.core.roles import Role
from ansinh.geo.models import Commune
from ansinh.outreach import services
from ansinh.outreach.models import Agent, LabourReport, Target

UNDER_DECLARING_UNITS, REACHED, AGREEING = 0.05, 0.5, 0.2
VOLUNTARY_INCOME = 3_000_000  # a common choice, between the rural poverty line and the cap


def build(ctx) -> None:
    rng = ctx.rng("outreach")
    _labour_reports(ctx, rng)
    commune = _busiest_commune(ctx)
    agents = _agents(ctx, commune)
    run = services.compute_prospects(ctx.as_of)
    try:
        campaign = services.start_campaign(f"Vận động tham gia BHXH, BHYT – {commune.name}", commune.code)
    except DomainError:
        ctx.log("outreach: no prospects in the demo commune; no campaign")
        return
    campaign.started_on = min(ctx.as_of, timezone.localdate())
    campaign.save(update_fields=["started_on"])
    contacted, enrolled = _contacts(ctx, rng, campaign, agents)
    credited = services.attribute()
    ctx.log(
        f"outreach: {sum(run.counts.values()):,} prospects; campaign in {commune.name} with "
        f"{campaign.targets.count()} on the lists, "
        f"{contacted} contacted, {enrolled} enrolled, {credited} credited"
    )


def _labour_reports(ctx, rng) -> None:
    spells = ctx.frames["spells"].filter(pl.col("end").is_null()).group_by("employer_id").len()
    units = ctx.frames["employers"].join(spells, on="employer_id").sort("employer_id")
    count = min(
        units.height, max(2, round(units.height * UNDER_DECLARING_UNITS))
    )  # a small province still shows the case
    picked = units[sorted(rng.choice(units.height, size=count, replace=False).tolist())]
    months_back = (ctx.as_of.month - 1) % 6 + 1  # to the end of the last half-year, which the report covers
    reported_on = Period.of(ctx.as_of).plus(-months_back).last_day
    LabourReport.objects.bulk_create(
        [
            LabourReport(
                unit_code=row["unit_code"],
                reported_on=reported_on,
                workers=int(row["len"] + rng.integers(1, 6)),
                source="Báo cáo tình hình sử dụng lao động (demo)",
            )
            for row in picked.iter_rows(named=True)
        ]
    )


def _busiest_commune(ctx) -> Commune:
    people = ctx.frames["people"].filter(pl.col("situation") == "informal")
    counts = people.group_by("commune_id").len().sort(["len", "commune_id"], descending=[True, False])
    return Commune.objects.get(pk=int(counts["commune_id"][0]))


def _agents(ctx, commune: Commune) -> list[Agent]:
    made = [
        Agent.objects.create(code=f"DL{commune.code}{n}", name=name, kind=Agent.Kind.COLLECTION_AGENT, commune=commune)
        for n, name in ((1, "Đại lý thu Nguyễn Thị Mai"), (2, "Đại lý thu Trần Văn Hùng"))
    ]
    made.append(
        Agent.objects.create(
            code=f"VNP{commune.code}", name=f"Bưu điện {commune.name}", kind=Agent.Kind.POST_OFFICE, commune=commune
        )
    )
    first = made[0]
    user = User(
        username=f"daily.{first.code.lower()}",
        role=Role.POST_OFFICE,
        org_code=first.code,
        first_name="Mai",
        last_name="Nguyễn Thị",
    )
    user.set_password(ctx.password)
    user.save()
    _, raw = ApiToken.issue(user, "demo token (agents' app)")
    ctx.add_login(
        Role.POST_OFFICE,
        user.username,
        f"Collection agent's app: {first.name} ({first.code}), outreach lists and contacts",
        token=raw,
    )
    return made


def _contacts(ctx, rng, campaign, agents) -> tuple[int, int]:
    contacted = enrolled = 0
    day = min(ctx.as_of, timezone.localdate())
    for target in Target.objects.filter(campaign=campaign).select_related("agent", "campaign", "person").order_by("id"):
        if rng.random() >= REACHED:
            continue
        agrees = target.scheme == "voluntary_si" and target.person_id is not None and rng.random() < AGREEING
        outcome = "agreed" if agrees else str(rng.choice(["interested", "refused", "not_reached"]))
        services.record_contact(target, target.agent, day, "visit", outcome, client_ref=f"demo-{target.pk}")
        contacted += 1
        if agrees and _enrol(target, day):
            enrolled += 1
    return contacted, enrolled


def _enrol(target, day: dt.date) -> bool:
    try:
        contributions.enrol_voluntary(target.person, VOLUNTARY_INCOME, target.tier, 1, str(Period.of(day)))
    except DomainError:
        return False  # the rules refused (e.g. already enrolled): the contact stays without a conversion
    return True
