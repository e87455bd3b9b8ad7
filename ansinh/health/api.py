"""REST endpoints of health insurance: the eligibility check for facility clients. The same service answers the
e-gateway's card check (ansinh/health/gateway), so both doors always agree."""

import datetime as dt

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.renderers import JSONRenderer

from ansinh.core import audit
from ansinh.core.api_auth import roles
from ansinh.core.errors import DomainError, FieldError
from ansinh.core.roles import Role
from ansinh.health import eligibility, rules
from ansinh.health.api_claims import router as claims_router
from ansinh.health.gateway import receptionists
from ansinh.health.gateway.throttles import PerFacility

router = Router(tags=["health"])
# The API renders with ninja's default JSON renderer; the card check renders its reply itself with the same one.
_RENDERER = JSONRenderer()


class FacilityOut(Schema):
    code: str
    name: str


class EligibilityIn(Schema):
    cccd: str = Field(
        max_length=20, description="The 12-digit CCCD, the 10-digit SI number or the 15-character card code"
    )
    full_name: str = Field(max_length=100)
    birth_date: str = Field(max_length=10, description="yyyy-mm-dd, or the year of birth alone (yyyy)")
    receptionist_name: str = Field(
        "", max_length=100, description="Who checks (optional; checked against the facility's list)"
    )
    receptionist_cccd: str = Field("", max_length=12)
    history: bool = Field(False, description="Add the visits and the earlier checks of this card")


class FormerCardOut(Schema):
    card_code: str
    valid_from: dt.date
    valid_to: dt.date
    registered_facility: FacilityOut
    new_card_code: str


class VisitOut(Schema):
    record: str
    facility_code: str
    facility_name: str
    admitted: dt.datetime
    discharged: dt.datetime | None = None
    diagnosis: str
    patient_kind: str


class EligibilityCheckOut(Schema):
    at: dt.datetime
    facility_code: str
    account: str
    result_code: str


class EligibilityOut(Schema):
    result_code: str
    eligible: bool
    verify_papers: bool = Field(description="Check the card and the identity papers before treating under HI")
    message: str
    note: str = Field("", description="For 010: expired or not_yet_valid")
    full_name: str | None = None
    birth_date: dt.date | None = None
    sex: str | None = None
    address: str | None = None
    si_number: str | None = None
    issuing_office: str | None = None
    area_code: str | None = None
    group: str | None = None
    group_name: str | None = None
    benefit_level_pct: int | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    registered_facility: FacilityOut | None = None
    five_years_from: dt.date | None = None
    card_code: str | None = None
    former_card: FormerCardOut | None = None
    previous_card_code: str | None = None
    visits: list[VisitOut] | None = None
    checks: list[EligibilityCheckOut] | None = None


def _validated(query: EligibilityIn) -> None:
    errors = []
    if not rules.identify(query.cccd):
        errors.append(
            FieldError(
                "cccd",
                _("Give the 12-digit CCCD, the 10-digit SI number or the 15-character card code."),
                "invalid_cccd",
                "query",
            )
        )
    if not query.full_name.strip():
        errors.append(FieldError("full_name", _("Give the patient's full name."), "missing_name", "query"))
    if rules.parse_birth(query.birth_date) is None:
        errors.append(
            FieldError(
                "birth_date",
                _("Give the date of birth as yyyy-mm-dd, or the year of birth alone."),
                "invalid_birth_date",
                "query",
            )
        )
    if errors:
        raise DomainError(errors)


def answer(outcome: eligibility.Outcome) -> dict:
    """The check as An Sinh's API shows it: the code, then the person and card once the identity is established."""
    body = {
        "result_code": outcome.code,
        "eligible": outcome.eligible,
        "verify_papers": outcome.verify,
        "message": outcome.message,
        "note": outcome.note,
    }
    if outcome.person:
        person = outcome.person
        body.update(
            {
                "full_name": person["full_name"],
                "birth_date": person["birth_date"],
                "sex": person["sex"],
                "address": person["address"],
                "si_number": person["si_number"],
                "issuing_office": person["issuing_office"],
                "area_code": person["area_code"],
                "previous_card_code": outcome.previous_card_code or None,
                "visits": outcome.visits,
                "checks": outcome.checks,
            }
        )
    shown = outcome.card or outcome.former
    if shown:
        body.update(
            eligibility.card_dict(
                {
                    **shown,
                    "group": shown.get("group") or shown["card_code"][:2],
                    "benefit_pct": shown.get("benefit_pct"),
                    "five_years_from": shown.get("five_years_from"),
                }
            )
        )
    if outcome.former and outcome.card:
        former = outcome.former
        body["former_card"] = {
            "card_code": former["card_code"],
            "valid_from": former["valid_from"],
            "valid_to": former["valid_to"],
            "registered_facility": former["facility"],
            "new_card_code": former["new_card_code"],
        }
    return body


@router.get("/eligibility", response=EligibilityOut, auth=roles(Role.FACILITY), throttle=PerFacility())
def check_eligibility(request, query: Query[EligibilityIn]):
    """Is the patient covered today? By the chip CCCD, the SI number or the card code, with the full date of birth or
    the year alone. Answers the e-gateway's result codes (000 covered, 010 expired or not yet valid, 05x card code
    or receptionist problems, 06x/070 identity, 110/12x revoked or stopped …)."""
    _validated(query)
    outcome = eligibility.check(
        eligibility.Query(
            query.cccd,
            query.full_name,
            query.birth_date,
            request.user.org_code,
            query.receptionist_name,
            query.receptionist_cccd,
        ),
        user=request.user,
        history=query.history,
        audited=lambda outcome: _audited(request, outcome),
    )
    return _reply(request, answer(outcome))


def _reply(request, body: dict):
    """The answer through the declared schema once, rendered as ninja renders it: returned as a dict, ninja would wrap
    it in a response envelope and validate it a second time, which cost more than the check's own lookup."""
    content = _RENDERER.render(request, EligibilityOut.model_validate(body).model_dump(), response_status=200)
    return HttpResponse(content, status=200, content_type=f"{_RENDERER.media_type}; charset={_RENDERER.charset}")


def _audited(request, outcome: eligibility.Outcome) -> None:
    if outcome.person_id:
        audit.record(
            "read",
            "registry.person",
            outcome.person_id,
            "HI eligibility check (API)",
            actor=audit.actor_from_request(request),
        )


class ReceptionistIn(Schema):
    full_name: str = Field(max_length=100)
    cccd: str = Field(max_length=12)


class ReceptionistOut(Schema):
    full_name: str
    cccd: str
    is_active: bool


@router.get("/receptionists", response=list[ReceptionistOut], auth=roles(Role.FACILITY), throttle=PerFacility())
def list_receptionists(request):
    """The staff your facility registered for card checks (the e-gateway answers 054/055 for anyone else)."""
    return receptionists.listed(request.user.org_code)


@router.post("/receptionists", response={201: ReceptionistOut}, auth=roles(Role.FACILITY), throttle=PerFacility())
def register_receptionist(request, body: ReceptionistIn):
    """Register a receptionist (or re-activate one, with the name given now)."""
    return Status(201, receptionists.register(request.user.org_code, body.full_name, body.cccd))


@router.delete("/receptionists/{cccd}", response={204: None}, auth=roles(Role.FACILITY), throttle=PerFacility())
def deactivate_receptionist(request, cccd: str):
    """Take a receptionist off the list: their checks answer 054 from now on."""
    if not receptionists.deactivate(request.user.org_code, cccd):
        raise DomainError.one("cccd", _("No active receptionist with this CCCD at your facility."), "not_found", "path")
    return Status(204, None)


router.add_router("", claims_router)
