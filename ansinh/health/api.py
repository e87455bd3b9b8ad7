"""REST endpoints of health insurance: the eligibility check for facility clients."""
import datetime as dt

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from ansinh.core.api_auth import roles
from ansinh.core.api_errors import DomainError
from ansinh.core.roles import Role
from ansinh.health import eligibility, rules

router = Router(tags=["health"])


class FacilityOut(Schema):
    code: str
    name: str


class EligibilityIn(Schema):
    cccd: str
    full_name: str
    birth_date: dt.date


class EligibilityOut(Schema):
    result_code: str
    eligible: bool
    message: str
    group: str | None = None
    group_name: str | None = None
    benefit_level_pct: int | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    registered_facility: FacilityOut | None = None
    five_years_from: dt.date | None = None
    card_code: str | None = None


@router.get("/eligibility", response=EligibilityOut, auth=roles(Role.FACILITY))
def check_eligibility(request, query: Query[EligibilityIn]):
    """Is the patient covered today? By the chip CCCD (12 digits) or the old 15-character card code."""
    cccd = query.cccd.strip().upper()
    if not (rules.CCCD.match(cccd) or rules.parse_card_code(cccd)):
        raise DomainError.one("cccd", _("Give the 12-digit CCCD number or the 15-character card code."), "invalid_cccd", "query")
    if not query.full_name.strip():
        raise DomainError.one("full_name", _("Give the patient's full name."), "missing_name", "query")
    return eligibility.check(cccd, query.full_name, query.birth_date, request.user.org_code, request.user)


from ansinh.health.api_claims import router as claims_router  # noqa: E402  (session B: claims endpoints)

router.add_router("", claims_router)
