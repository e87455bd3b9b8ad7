"""The quote use case: what a salary, an income or a household owes for a month, per fund and payer."""
from __future__ import annotations

from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, ValidationError
from typing import Literal

from ansinh.contributions import rules
from ansinh.core.api_errors import DomainError, FieldError
from ansinh.core.periods import Period
from ansinh.policy.rules import MissingParameter
from ansinh.policy.services import params_on

REQUIRED = {"compulsory": ("salary", "region"), "voluntary": ("income", "support_group"), "family_hi": ("members",)}


class QuoteRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    scheme: Literal["compulsory", "voluntary", "family_hi"]
    period: str
    salary: int | None = None
    region: str | None = None
    income: int | None = None
    support_group: str | None = None
    months: int = 1
    members: int | None = None
    supported_months_used: int = 0


def _request(payload: dict) -> QuoteRequest:
    try:
        request = QuoteRequest.model_validate(payload)
    except ValidationError as exc:
        raise DomainError([FieldError(".".join(map(str, e["loc"])) or "body", e["msg"], e["type"]) for e in exc.errors()]) from None
    missing = [name for name in REQUIRED[request.scheme] if getattr(request, name) is None]
    if missing:
        raise DomainError([FieldError(name, _("This field is required for the %(scheme)s scheme.") % {"scheme": request.scheme}, "missing")
                           for name in missing])
    for name in ("salary", "income", "members", "months", "supported_months_used"):
        value = getattr(request, name)
        if value is not None and value < 0:
            raise DomainError.one(name, _("Must not be negative (got %(value)s).") % {"value": value}, "negative")
    return request


def _period(text: str) -> Period:
    try:
        return Period.parse(text)
    except ValueError:
        raise DomainError.one("period", _("The period must be a month written YYYY-MM (got %(value)r).") % {"value": text}, "bad_period") from None


def _shares(request: QuoteRequest, params) -> list[rules.Share]:
    if request.scheme == "compulsory":
        return rules.compulsory_contribution(params, request.salary, request.region)
    if request.scheme == "voluntary":
        return rules.voluntary_contribution(params, request.income, request.support_group, request.months, request.supported_months_used)
    return rules.family_hi_contribution(params, request.members, request.support_group or "none")


def _summary(shares: list[rules.Share]) -> dict:
    by_fund: dict[str, int] = {}
    by_payer: dict[str, int] = {}
    for item in shares:
        by_fund[item.fund] = by_fund.get(item.fund, 0) + item.amount
        by_payer[item.payer] = by_payer.get(item.payer, 0) + item.amount
    return {"by_fund": by_fund, "by_payer": by_payer, "total": sum(by_payer.values())}


def quote(payload: dict) -> dict:
    """Same input and output as POST /api/v1/contributions/quote; raises DomainError (422) on bad input."""
    request = _request(payload)
    period = _period(request.period)
    params = params_on(period.first_day)
    try:
        shares = _shares(request, params)
        due = rules.due_date(params, period)
    except MissingParameter as exc:
        earliest = exc.earliest.strftime("%m/%Y") if exc.earliest else "?"
        raise DomainError.one("period", _("No law is recorded for %(period)s: the data starts in %(earliest)s.")
                              % {"period": request.period, "earliest": earliest}, "before_data") from None
    except rules.RuleError as exc:
        raise DomainError.one(exc.field, exc.message, exc.code) from None
    lines = [{"fund": s.fund, "payer": s.payer, "basis": s.basis, "rate": str(s.rate), "amount": s.amount} for s in shares]
    return {"scheme": request.scheme, "period": str(period), "lines": lines, **_summary(shares),
            "due_date": due.isoformat(), "parameters": params.citations()}
