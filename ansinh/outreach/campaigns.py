"""Campaigns: a commune's prospects (one segment or all) dealt to the agents who serve the commune, and the
contacts the agents record."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ansinh.core.errors import DomainError
from ansinh.core.text import clean_text
from ansinh.geo.models import Commune
from ansinh.outreach import rules
from ansinh.outreach.models import (
    Agent,
    Campaign,
    Contact,
    ContactChannel,
    Outcome,
    Prospect,
    ProspectRun,
    Reason,
    Target,
)

MAX_TARGETS = 20_000  # one commune's list; a larger one is a sign of a wrong segment, not of work for agents
NOTE_LENGTH = 300
COPIED = (
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


def _commune(code: str) -> Commune:
    commune = Commune.objects.filter(code=(code or "").strip()).first()
    if commune is None:
        raise DomainError.one(
            "commune", _("No commune of the province has the code %(code)s.") % {"code": code}, "unknown_commune"
        )
    return commune


def _segment(segment: str) -> str:
    segment = (segment or "").strip()
    if segment and segment not in Reason.values:
        raise DomainError.one(
            "segment",
            _("Unknown segment %(value)s: choose one of %(choices)s, or none for all.")
            % {"value": segment, "choices": ", ".join(Reason.values)},
            "unknown_segment",
        )
    return segment


def _agents(commune: Commune) -> list[Agent]:
    agents = list(Agent.objects.filter(commune=commune, active=True).order_by("code"))
    if not agents:
        raise DomainError.one(
            "commune",
            _("No collection agent or post-office point serves %(name)s: add one before starting a campaign.")
            % {"name": commune.name},
            "no_agent",
        )
    return agents


@transaction.atomic
def start_campaign(name: str, commune_code: str, segment: str = "", by_user=None) -> Campaign:
    """List the latest prospect run's prospects of the commune (and segment) for its agents, a household to
    one agent. Raises DomainError, leaving nothing behind."""
    try:
        name = clean_text(name, 120)
    except ValueError as exc:
        raise DomainError.one("name", str(exc)) from None
    if not name:
        raise DomainError.one("name", _("Give the campaign a name."), "missing")
    commune, segment = _commune(commune_code), _segment(segment)
    run = ProspectRun.objects.order_by("-on").first()
    if run is None:
        raise DomainError.one("run", _("No prospects have been computed yet: compute them first."), "no_prospects")
    prospects = Prospect.objects.filter(run=run, commune_code=commune.code)
    if segment:
        prospects = prospects.filter(reason=segment)
    rows = list(prospects.order_by("household_code", "unit_code", "full_name", "id").values(*COPIED)[: MAX_TARGETS + 1])
    if not rows:
        raise DomainError.one("commune", _("The commune has no prospects in this segment."), "empty")
    if len(rows) > MAX_TARGETS:
        raise DomainError.one(
            "segment", _("More than %(n)s prospects: choose a segment.") % {"n": f"{MAX_TARGETS:,}"}, "too_many"
        )
    agents = _agents(commune)
    campaign = Campaign.objects.create(
        name=name,
        commune=commune,
        segment=segment,
        run=run,
        started_by=by_user if getattr(by_user, "pk", None) else None,
    )
    Target.objects.bulk_create(_dealt(campaign, rows, agents), batch_size=2000)
    return campaign


def _dealt(campaign: Campaign, rows: list[dict], agents: list[Agent]) -> list[Target]:
    """Targets in list order, each household (or person, or unit) to one agent, in turn."""
    groups: dict[str, int] = {}
    targets = []
    for row in rows:
        key = row["household_code"] or row["cccd"] or row["unit_code"] or row["full_name"]
        index = groups.setdefault(key, len(groups))
        targets.append(Target(campaign=campaign, agent=agents[rules.agent_for(index, len(agents))], **row))
    return targets


def agent_for_user(user) -> Agent | None:
    """The agent an account acts for (its organisation code)."""
    if not getattr(user, "org_code", ""):
        return None
    return Agent.objects.filter(code=user.org_code, active=True).first()


def open_targets(agent: Agent):
    return (
        Target.objects.filter(agent=agent, campaign__status=Campaign.Status.OPEN)
        .select_related("campaign")
        .order_by("campaign_id", "household_code", "id")
    )


def record_contact(
    target: Target,
    agent: Agent,
    contacted_on: dt.date,
    channel: str,
    outcome: str,
    note: str = "",
    client_ref: str = "",
    by_user=None,
) -> tuple[Contact, bool]:
    """Record one approach; (contact, created). The same client_ref from the same agent returns the first
    record, so an app retrying after a lost answer records nothing twice."""
    _check_contact(target, agent, contacted_on, channel, outcome)
    try:
        note = clean_text(note or "", NOTE_LENGTH)
        client_ref = clean_text(client_ref or "", 40)
    except ValueError as exc:
        raise DomainError.one("note", str(exc)) from None
    client_ref = client_ref or f"page-{target.pk}-{contacted_on}-{outcome}"
    earlier = Contact.objects.filter(agent=agent, client_ref=client_ref).first()
    if earlier is not None:
        return earlier, False
    try:
        with transaction.atomic():
            return Contact.objects.create(
                target=target,
                agent=agent,
                contacted_on=contacted_on,
                channel=channel,
                outcome=outcome,
                note=note,
                client_ref=client_ref,
                recorded_by=by_user if getattr(by_user, "pk", None) else None,
            ), True
    except IntegrityError:  # the same upload arrived twice at once
        return Contact.objects.get(agent=agent, client_ref=client_ref), False


def _check_contact(target: Target, agent: Agent, contacted_on: dt.date, channel: str, outcome: str) -> None:
    if target.agent_id != agent.pk:
        raise DomainError.one("target", _("This person is on another agent's list."), "not_yours")
    if target.campaign.status != Campaign.Status.OPEN:
        raise DomainError.one("target", _("The campaign is closed."), "closed")
    if contacted_on > timezone.localdate() or contacted_on < target.campaign.started_on:
        raise DomainError.one(
            "contacted_on", _("The contact date must lie between the campaign's start and today."), "bad_date"
        )
    if channel not in ContactChannel.values:
        raise DomainError.one("channel", _("Unknown channel %(value)s.") % {"value": channel}, "bad_channel")
    if outcome not in Outcome.values:
        raise DomainError.one("outcome", _("Unknown outcome %(value)s.") % {"value": outcome}, "bad_outcome")


@transaction.atomic
def close_campaign(campaign: Campaign) -> Campaign:
    campaign.status = Campaign.Status.CLOSED
    campaign.save(update_fields=["status"])
    return campaign
