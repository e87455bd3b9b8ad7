"""Outreach API (/api/v1/outreach/) for the agents' app: an agent (its account's organisation code) reads its
open lists and records contacts; officers read conversion figures."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from ansinh.core import audit
from ansinh.core.api_auth import roles
from ansinh.core.errors import DomainError
from ansinh.core.roles import Role
from ansinh.core.throttles import account_throttles
from ansinh.outreach import services
from ansinh.outreach.models import ContactChannel, Outcome, Target

router = Router(tags=["outreach"])
AGENTS = (Role.POST_OFFICE, Role.COLLECTION_OFFICER)
OFFICERS = (Role.COLLECTION_OFFICER, Role.MANAGER, Role.ADMINISTRATOR)
THROTTLE = account_throttles("outreach")
MAX_LIST = 5000


class OutreachTargetOut(Schema):
    id: int
    campaign: str
    full_name: str
    cccd_masked: str
    birth_year: int | None
    address: str
    household_code: str
    unit_code: str
    reason: str
    scheme: str
    support_group: str
    support_pct: int


class ContactIn(Schema):
    target_id: int = Field(..., gt=0)
    contacted_on: dt.date
    channel: Literal[tuple(ContactChannel.values)]  # type: ignore[valid-type]
    outcome: Literal[tuple(Outcome.values)]  # type: ignore[valid-type]
    note: str = Field("", max_length=300)
    client_ref: str = Field(
        ..., min_length=1, max_length=40, description="The app's own id of this contact: a retry records it once"
    )


class ContactOut(Schema):
    id: int
    target_id: int
    contacted_on: dt.date
    outcome: str
    created: bool


class ConversionOut(Schema):
    key: str | int
    label: str | None
    targets: int
    contacted: int
    converted: int
    si_gained: int
    hi_gained: int
    contact_rate: float | None
    conversion_rate: float | None


def _agent(request):
    agent = services.agent_for_user(request.user)
    if agent is None:
        error = DomainError.one(
            "agent", _("This account acts for no outreach agent (its organisation code names none)."), "no_agent"
        )
        error.status = 403
        raise error
    return agent


@router.get(
    "/my-targets",
    response=list[OutreachTargetOut],
    auth=roles(*AGENTS),
    throttle=THROTTLE,
    summary="The agent's people to visit in open campaigns (chip IDs masked)",
)
def my_targets(request):
    agent = _agent(request)
    targets = list(services.open_targets(agent)[:MAX_LIST])
    audit.record("read", "outreach.agent", agent.pk, f"{len(targets)} outreach targets read by the agent's app")
    return [
        OutreachTargetOut(
            id=t.pk,
            campaign=t.campaign.name,
            full_name=t.full_name,
            cccd_masked=t.masked_cccd,
            birth_year=t.birth_year,
            address=t.address,
            household_code=t.household_code,
            unit_code=t.unit_code,
            reason=t.reason,
            scheme=t.scheme,
            support_group=t.tier,
            support_pct=t.support_pct,
        )
        for t in targets
    ]


@router.post(
    "/contacts",
    response=ContactOut,
    auth=roles(*AGENTS),
    throttle=THROTTLE,
    summary="Record a contact with a person on the agent's list; the same client_ref again records nothing more",
)
def record_contact(request, payload: ContactIn):
    agent = _agent(request)
    target = get_object_or_404(Target.objects.select_related("campaign"), pk=payload.target_id)
    contact, created = services.record_contact(
        target,
        agent,
        payload.contacted_on,
        payload.channel,
        payload.outcome,
        payload.note,
        payload.client_ref,
        by_user=request.user,
    )
    return ContactOut(
        id=contact.pk, target_id=target.pk, contacted_on=contact.contacted_on, outcome=contact.outcome, created=created
    )


@router.get(
    "/conversion/{by}",
    response=list[ConversionOut],
    auth=roles(*OFFICERS),
    throttle=THROTTLE,
    summary="Targets, contacts and enrolments per campaign, agent or commune",
)
def conversion(request, by: Literal["campaign", "agent", "commune"]):
    return services.conversion_by(by)
