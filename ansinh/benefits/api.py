"""REST endpoints of benefits: a quote of every benefit (POST /<kind>/quote), each with its eligibility
checks and the article each applies, the computation step by step, the parameter versions used, the changes
announced but not applied and the unverified values read; no log-in. Payroll files for banks: api_banks."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from ansinh.benefits import api_banks, quoting, services
from ansinh.benefits import quote_inputs as q
from ansinh.core.api_auth import roles
from ansinh.core.errors import DomainError
from ansinh.core.roles import Role
from ansinh.core.throttles import account_throttles, api_throttles
from ansinh.registry.services import person_for_user

router = Router(tags=["benefits"])
router.add_router("/payroll", api_banks.router)
QUOTE_THROTTLE = api_throttles(
    "quote", "quote_account"
)  # public calculators: per address, or per account when signed in


class QuoteCitation(Schema):
    key: str
    valid_from: str
    value: object
    unit: str
    source: str
    version_id: int | None = None
    status: str = "in_force"
    verified: bool = True


class Announcement(Schema):
    key: str
    value: object
    valid_from: str
    source: str
    unit: str
    version_id: int | None = None
    applied_value: object | None
    applied_source: str


class Unverified(Schema):
    key: str
    valid_from: str
    source: str


class Step(Schema):
    code: str
    text: str
    values: dict


class CheckOut(Schema):
    code: str
    article: str
    passed: bool
    blocking: bool
    text: str
    values: dict


class Sources(Schema):
    parameters: list[QuoteCitation]
    announcements: list[Announcement]
    warnings: list[Unverified]


class PensionQuoteOut(Sources):
    eligible: bool
    failed: list[str]
    reason: str | None
    ground: str | None
    insured_years: int
    insured_months: int
    service_years: float
    rate_pct: float
    average_monthly_salary: int
    monthly_pension: int
    retirement_lump_sum: int
    early_retirement_reduction_pct: int
    checks: list[CheckOut]
    steps: list[Step]


class BenefitQuoteOut(Sources):
    kind: str
    eligible: bool
    failed: list[str]
    amount: int
    monthly_amount: int
    months: int | None
    start: str | None
    parts: list[dict]
    checks: list[CheckOut]
    steps: list[Step]


class OneOffQuoteOut(BenefitQuoteOut):
    insured_years: int
    insured_months: int


class SurvivorQuoteOut(Schema):
    monthly: BenefitQuoteOut
    one_off: BenefitQuoteOut


class IndexationOut(Sources):
    kind: str
    amount: int
    indexed_amount: int
    steps: list[Step]


def _body(payload) -> dict:
    return payload.model_dump(by_alias=True)


@router.post(
    "/pension/quote",
    response=PensionQuoteOut,
    auth=None,
    throttle=QUOTE_THROTTLE,
    summary="The monthly pension a career would give",
)
def pension_quote(request, payload: q.PensionQuoteIn):
    """Body: sex, birth_date, retirement_date, periods [{from, to (YYYY-MM), monthly_salary, pay_scale employer|state,
    scheme compulsory|voluntary}], hazardous_years, reduced_capacity_pct, especially_hazardous_years, coal_mining_years,
    occupational_hiv. Not eligible → `reason` and the failing `checks` (Law 41/2024 Art. 64–65)."""
    return quoting.pension_quote(_body(payload))


@router.post(
    "/one-off/quote",
    response=OneOffQuoteOut,
    auth=None,
    throttle=QUOTE_THROTTLE,
    summary="The one-off SI a career would give, on a legal ground",
)
def one_off_quote(request, payload: q.OneOffQuoteIn):
    """Body: settlement_date, periods, ground (retirement_age, transitional, emigration, serious_illness, armed_forces),
    sex and birth_date (for retirement_age), document (the ground's document is on file), in_voluntary_si (Art. 70)."""
    return quoting.one_off_quote(_body(payload))


@router.post(
    "/sickness/quote",
    response=BenefitQuoteOut,
    auth=None,
    throttle=QUOTE_THROTTLE,
    summary="Sickness benefit: own or long-term illness, a sick child, recovery",
)
def sickness_quote(request, payload: q.SicknessQuoteIn):
    """Law 41/2024 Art. 42–47: kind own|long_term|child|recovery, leave_start, salary of the month before,
    insured_months, days…"""
    return quoting.sickness_quote(_body(payload))


@router.post(
    "/maternity/quote",
    response=BenefitQuoteOut,
    auth=None,
    throttle=QUOTE_THROTTLE,
    summary="Maternity: birth (twins and more), paternity, recovery, voluntary SI allowance",
)
def maternity_quote(request, payload: q.MaternityQuoteIn):
    """Law 41/2024 Art. 50–61, 94–95: event birth|paternity|recovery|voluntary_birth, birth_date, children, periods
    (compulsory and voluntary months with salaries), caesarean, premature, prenatal_rest, mother_insured, days."""
    return quoting.maternity_quote(_body(payload))


@router.post(
    "/unemployment/quote",
    response=BenefitQuoteOut,
    auth=None,
    throttle=QUOTE_THROTTLE,
    summary="Unemployment benefit (Employment Law 74/2025)",
)
def unemployment_quote(request, payload: q.UnemploymentQuoteIn):
    """Art. 38–39: contract_end, claim_date, periods [{from, to, monthly_salary, region, pay_scale}] of UI, contract,
    lawful_termination, receiving_pension, employed, months_used. Gives the monthly amount, the months and the start."""
    return quoting.unemployment_quote(_body(payload))


@router.post(
    "/occupational/quote",
    response=BenefitQuoteOut,
    auth=None,
    throttle=QUOTE_THROTTLE,
    summary="Occupational accident or disease: lump sum or monthly allowance",
)
def occupational_quote(request, payload: q.OccupationalQuoteIn):
    """Law 84/2015 Art. 45–54: event, event_date, capacity_loss_pct, salary, fund_months, care_needed, died,
    recovery_days."""
    return quoting.occupational_quote(_body(payload))


@router.post(
    "/survivor/quote",
    response=SurvivorQuoteOut,
    auth=None,
    throttle=QUOTE_THROTTLE,
    summary="Survivors: the monthly allowance and the one-off allowance",
)
def survivor_quote(request, payload: q.SurvivorQuoteIn):
    """Law 41/2024 Art. 86–89: death_date, status of the deceased, periods, relatives [{relation, birth_date, sex,
    capacity_loss_pct, monthly_income, has_carer, chooses_one_off}], pension and pension_start of a pensioner."""
    return quoting.survivor_quote(_body(payload))


@router.post("/funeral/quote", response=BenefitQuoteOut, auth=None, throttle=QUOTE_THROTTLE, summary="Funeral grant")
def funeral_quote(request, payload: q.FuneralQuoteIn):
    """Law 41/2024 Art. 85: death_date, status of the deceased, periods."""
    return quoting.funeral_quote(_body(payload))


@router.post(
    "/social-pension/quote",
    response=BenefitQuoteOut,
    auth=None,
    throttle=QUOTE_THROTTLE,
    summary="Social pension allowance from 75 (70 for poor households)",
)
def social_pension_quote(request, payload: q.SocialPensionQuoteIn):
    """Law 41/2024 Art. 21–22, Decree 176/2025: birth_date, start, poor_household, receives_monthly_si."""
    return quoting.social_pension_quote(_body(payload))


@router.post(
    "/monthly-allowance/quote",
    response=BenefitQuoteOut,
    auth=None,
    throttle=QUOTE_THROTTLE,
    summary="Monthly allowance at retirement age with under 15 years",
)
def monthly_allowance_quote(request, payload: q.MonthlyAllowanceQuoteIn):
    """Law 41/2024 Art. 23: sex, birth_date, start, periods, poor_household, took_one_off."""
    return quoting.monthly_allowance_quote(_body(payload))


@router.post(
    "/pension/indexation",
    response=IndexationOut,
    auth=None,
    throttle=QUOTE_THROTTLE,
    summary="A pension awarded on a date, after every indexation since",
)
def indexation_quote(request, payload: q.IndexationQuoteIn):
    """Body: kind pension|occupational, amount, start (first month paid), on. Each raise is a version of
    pension.indexation."""
    return quoting.indexation_quote(_body(payload))


class JobSearchMonthOut(Schema):
    period: str
    opens: dt.date
    due: dt.date
    reported_on: dt.date | None
    state: str  # reported | open | late | upcoming


class JobSearchOut(Schema):
    entitlement_id: int
    decision_number: str
    monthly_amount: int
    start: dt.date
    end: dt.date | None
    months: list[JobSearchMonthOut]
    announcements: list[Announcement]
    warnings: list[Unverified]


class JobSearchIn(Schema):
    entitlement_id: int = Field(..., ge=1, le=2**63 - 1)
    period: str = Field(..., pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    note: str = Field("", max_length=200)


class JobSearchReportOut(Schema):
    period: str
    reported_on: dt.date


def _citizen(request):
    person = person_for_user(request.user)
    if person is None:
        raise DomainError.one("person", _("This account is not linked to a person in the registry."), "no_person")
    return person


@router.get(
    "/job-search",
    response=list[JobSearchOut],
    auth=roles(Role.CITIZEN),
    throttle=account_throttles("job_search"),
    summary="My unemployment benefit: the months to report, each with its window and deadline",
)
def my_job_search(request):
    """Deadlines: the appointed day (the day of the month the benefit started) moved past weekends and public
    holidays."""
    return services.job_search_for(_citizen(request), timezone.localdate())


@router.post(
    "/job-search",
    response={200: JobSearchReportOut},
    auth=roles(Role.CITIZEN),
    throttle=account_throttles("job_search_report"),
    summary="Report my job search for a month (within its window)",
)
def report_job_search(request, payload: JobSearchIn):
    report = services.report_job_search_online(
        _citizen(request), request.user, payload.entitlement_id, payload.period, timezone.localdate(), payload.note
    )
    return {"period": report.period, "reported_on": report.reported_on}
