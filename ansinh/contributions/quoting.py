"""The quote use case: what a salary, an income or a household owes, per fund and payer.

Every number in the request is bounded (the bounds show in the OpenAPI description); bounds are not law, only
plausibility: the law's limits (minimum wage, income cap, schedules) are checked by the rules and answered with
a 422 naming the field and the limit."""

from __future__ import annotations

from typing import Literal

from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ansinh.contributions import rules
from ansinh.core.errors import DomainError, FieldError
from ansinh.core.periods import period_or_error
from ansinh.policy.rules import MissingParameter
from ansinh.policy.services import params_on

REQUIRED = {"compulsory": ("salary", "region"), "voluntary": ("income", "support_group"), "family_hi": ("members",)}
MAX_MONTHLY_AMOUNT = 1_000_000_000  # đồng a month: far above any capped salary or income
MAX_HOUSEHOLD_MEMBERS = 30  # people in one household buying family HI together
MAX_MONTHS_AT_ONCE = 120  # the longest lump payment the law has allowed (10 years of missing months)


class QuoteRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    scheme: Literal["compulsory", "voluntary", "family_hi"]
    period: str = Field(max_length=7, description="YYYY-MM")
    salary: int | None = Field(None, ge=0, le=MAX_MONTHLY_AMOUNT, description="monthly contribution salary, đồng")
    region: str | None = Field(None, max_length=3, description="minimum-wage region I–IV")
    pay_scale: Literal["employer", "state"] = "employer"
    income: int | None = Field(
        None, ge=0, le=MAX_MONTHLY_AMOUNT, description="chosen monthly income (voluntary SI), đồng"
    )
    support_group: str | None = Field(None, max_length=30)
    schedule: Literal["periodic", "advance", "missing"] = Field(
        "periodic", description="voluntary SI: periodic, years ahead, or missing months at once"
    )
    months: int = Field(1, ge=1, le=MAX_MONTHS_AT_ONCE)
    members: int | None = Field(None, ge=1, le=MAX_HOUSEHOLD_MEMBERS)
    supported_months_used: int = Field(0, ge=0, le=1_200)


def _request(payload: dict) -> QuoteRequest:
    try:
        request = QuoteRequest.model_validate(payload)
    except ValidationError as exc:
        raise DomainError(
            [FieldError(".".join(map(str, e["loc"])) or "body", e["msg"], e["type"]) for e in exc.errors()]
        ) from None
    missing = [name for name in REQUIRED[request.scheme] if getattr(request, name) is None]
    if missing:
        raise DomainError(
            [
                FieldError(
                    name, _("This field is required for the %(scheme)s scheme.") % {"scheme": request.scheme}, "missing"
                )
                for name in missing
            ]
        )
    return request


def _shares(request: QuoteRequest, params) -> list[rules.Share]:
    if request.scheme == "compulsory":
        return rules.compulsory_contribution(params, request.salary, request.region, request.pay_scale)
    if request.scheme == "voluntary":
        return rules.voluntary_contribution(
            params,
            request.income,
            request.support_group,
            request.months,
            request.supported_months_used,
            request.schedule,
        )
    return rules.family_hi_contribution(params, request.members, request.support_group or "none")


def _summary(shares: list[rules.Share]) -> dict:
    by_fund: dict[str, int] = {}
    by_payer: dict[str, int] = {}
    for item in shares:
        by_fund[item.fund] = by_fund.get(item.fund, 0) + item.amount
        by_payer[item.payer] = by_payer.get(item.payer, 0) + item.amount
    return {"by_fund": by_fund, "by_payer": by_payer, "total": sum(by_payer.values())}


def _notes(request: QuoteRequest, params) -> list[str]:
    notes = []
    if request.scheme == "voluntary" and request.schedule != "periodic":
        rate = rules.voluntary_discount_rate(params)
        notes.append(
            _("Discount rate %(rate)s%% a month.") % {"rate": rate * 100}
            if rate is not None
            else _(
                "No discount rate of Vietnam Social Security is recorded for this date: the amount is shown without "
                "discount or interest; the agency applies the rate it publishes."
            )
        )
    if request.scheme == "voluntary" and request.schedule == "missing":
        notes.append(
            _("For people at retirement age who lack at most the allowed months to reach a pension; no state support.")
        )
    if request.scheme == "family_hi" and (request.support_group or "none") not in params.raw("family_hi.ladder_groups"):
        notes.append(
            _(
                "Members of a state-supported group each pay the full amount: the reduction for further members "
                "is for the household group."
            )
        )
    return notes


def quote(payload: dict) -> dict:
    """Same input and output as POST /api/v1/contributions/quote; raises DomainError (422) on bad input."""
    request = _request(payload)
    period = period_or_error(request.period)
    params = params_on(period.first_day)
    try:
        shares = _shares(request, params)
        due = rules.due_date(params, period)
        notes = _notes(request, params)
    except MissingParameter as exc:
        earliest = exc.earliest.strftime("%m/%Y") if exc.earliest else "?"
        raise DomainError.one(
            "period",
            _("No law is recorded for %(period)s: the data starts in %(earliest)s.")
            % {"period": request.period, "earliest": earliest},
            "before_data",
        ) from None
    except rules.RuleError as exc:
        raise DomainError.one(exc.field, exc.message, exc.code) from None
    lines = [
        {"fund": s.fund, "payer": s.payer, "basis": s.basis, "rate": str(s.rate), "amount": s.amount} for s in shares
    ]
    return {
        "scheme": request.scheme,
        "period": str(period),
        "lines": lines,
        **_summary(shares),
        "notes": notes,
        "due_date": due.isoformat(),
        "parameters": params.citations(),
        "announcements": params.announcements(),
        "warnings": params.warnings(),
    }
