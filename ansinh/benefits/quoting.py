"""Quote use cases: the pension and one-off SI a career would give (no database writes).

Same input and output as POST /api/v1/benefits/pension/quote and /one-off/quote; bad input raises
DomainError (422) naming the field and, for career periods, the row."""
from __future__ import annotations

import datetime as dt
from typing import Literal

from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ansinh.benefits import explain, rules
from ansinh.core.api_errors import DomainError, FieldError
from ansinh.core.periods import Period
from ansinh.policy.rules import MissingParameter
from ansinh.policy.services import params_on


class PeriodIn(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    from_: str = Field(alias="from")
    to: str
    monthly_salary: int = Field(gt=0)
    pay_scale: Literal["employer", "state"] = "employer"


class PensionQuoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sex: Literal["male", "female"]
    birth_date: dt.date
    retirement_date: dt.date
    periods: list[PeriodIn] = Field(min_length=1)
    hazardous_years: int = Field(0, ge=0, le=60)
    reduced_capacity_pct: int = Field(0, ge=0, le=100)


class OneOffQuoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    settlement_date: dt.date
    periods: list[PeriodIn] = Field(min_length=1)


def _validated(model, payload: dict):
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        raise DomainError([FieldError(".".join(str(p) for p in e["loc"]) or "body", e["msg"], e["type"]) for e in exc.errors()]) from None


def career_periods(rows: list[PeriodIn], before: dt.date) -> list[rules.CareerPeriod]:
    """Turn request rows into career periods: months must parse, run forwards, not overlap, and end
    before the benefit starts."""
    periods = []
    for row_no, row in enumerate(rows):
        try:
            start, end = Period.parse(row.from_), Period.parse(row.to)
        except ValueError:
            raise DomainError([FieldError("from", _("Months are written YYYY-MM."), "bad_period", row=row_no, location="periods")]) from None
        if end < start:
            raise DomainError([FieldError("to", _("The period ends before it starts."), "bad_range", row=row_no, location="periods")])
        if end.index >= Period.of(before).index:
            raise DomainError([FieldError("to", _("The period must end before the month the benefit starts."), "after_start", row=row_no, location="periods")])
        periods.append(rules.CareerPeriod(start.index, end.index, row.monthly_salary, row.pay_scale))
    ordered = sorted(enumerate(periods), key=lambda item: item[1].start)
    for (_left_row, left), (row_no, right) in zip(ordered, ordered[1:]):
        if right.start <= left.end:
            raise DomainError([FieldError("from", _("This period overlaps another one."), "overlap", row=row_no, location="periods")])
    return periods


def _missing(exc: MissingParameter, field_name: str) -> DomainError:
    earliest = exc.earliest.isoformat() if exc.earliest else "?"
    return DomainError.one(field_name, _("No law is recorded for this date (%(key)s starts on %(earliest)s).") % {"key": exc.key, "earliest": earliest}, "no_law")


def pension_result(data: rules.PensionInput, on: dt.date):
    params = params_on(on)
    try:
        return rules.quote_pension(data, params), params
    except MissingParameter as exc:
        raise _missing(exc, "retirement_date") from None


def pension_quote(payload: dict) -> dict:
    """Same as POST /api/v1/benefits/pension/quote."""
    request = _validated(PensionQuoteIn, payload)
    if request.birth_date >= request.retirement_date:
        raise DomainError.one("birth_date", _("The date of birth must be before the retirement date."), "bad_date")
    periods = career_periods(request.periods, request.retirement_date)
    data = rules.PensionInput(request.sex, request.birth_date, request.retirement_date, tuple(periods),
                              request.hazardous_years, request.reduced_capacity_pct)
    result, params = pension_result(data, request.retirement_date)
    return pension_out(result, params)


def pension_out(result, params) -> dict:
    return {
        "eligible": result.eligible,
        "reason": explain.reason(result.reason_code, result.reason_values) if result.reason_code else None,
        "insured_years": result.insured_years,
        "insured_months": result.insured_months,
        "service_years": float(result.service_years),
        "rate_pct": float(result.rate_pct),
        "average_monthly_salary": result.average_monthly_salary,
        "monthly_pension": result.monthly_pension,
        "retirement_lump_sum": result.retirement_lump_sum,
        "early_retirement_reduction_pct": result.early_retirement_reduction_pct,
        "steps": explain.steps(result.steps),
        "parameters": params.citations(),
    }


def one_off_quote(payload: dict) -> dict:
    """Same as POST /api/v1/benefits/one-off/quote."""
    request = _validated(OneOffQuoteIn, payload)
    periods = career_periods(request.periods, request.settlement_date)
    params = params_on(request.settlement_date)
    try:
        result = rules.one_off_si(periods, params)
    except MissingParameter as exc:
        raise _missing(exc, "settlement_date") from None
    months = rules.insured_months(periods)
    return {"insured_years": months // 12, "insured_months": months % 12, "amount": result.amount,
            "steps": explain.steps(result.steps), "parameters": params.citations()}
