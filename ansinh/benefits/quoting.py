"""Quote use cases: what a benefit would give (no database writes), each with its eligibility checks (the
article each applies), the steps of the computation, the parameter versions used, the changes announced but
not applied, and the unverified values read.

Same input and output as POST /api/v1/benefits/<kind>/quote; bad input raises DomainError (422) naming the
field and, for career periods, the row. Cases compute through these same functions (cases_inputs.py builds
the body from the registry), so a quote and a decision cannot disagree."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from pydantic import ValidationError

from ansinh.benefits import explain, rules
from ansinh.benefits import quote_inputs as q
from ansinh.benefits.rules.career import monthly_salaries
from ansinh.core.errors import DomainError, FieldError
from ansinh.core.periods import Period
from ansinh.policy.rules import MissingParameter
from ansinh.policy.services import params_on

# Kept for callers that import the schemas from here.
PeriodIn, PensionQuoteIn, OneOffQuoteIn = q.PeriodIn, q.PensionQuoteIn, q.OneOffQuoteIn


def _validated(model, payload: dict):
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        raise DomainError(
            [FieldError(".".join(str(p) for p in e["loc"]) or "body", e["msg"], e["type"]) for e in exc.errors()]
        ) from None


def _months(row, row_no: int, location: str) -> tuple[Period, Period]:
    try:
        start, end = Period.parse(row.from_), Period.parse(row.to)
    except ValueError:
        raise DomainError(
            [FieldError("from", _("Months are written YYYY-MM."), "bad_period", row=row_no, location=location)]
        ) from None
    if end < start:
        raise DomainError(
            [FieldError("to", _("The period ends before it starts."), "bad_range", row=row_no, location=location)]
        )
    return start, end


def career_periods(rows, before: dt.date, location: str = "periods") -> list[rules.CareerPeriod]:
    """Turn request rows into career periods: months must parse, run forwards, not overlap, and end
    before the benefit starts."""
    periods = []
    for row_no, row in enumerate(rows):
        start, end = _months(row, row_no, location)
        if end.index >= Period.of(before).index:
            raise DomainError(
                [
                    FieldError(
                        "to",
                        _("The period must end before the month the benefit starts."),
                        "after_start",
                        row=row_no,
                        location=location,
                    )
                ]
            )
        periods.append(
            rules.CareerPeriod(
                start.index, end.index, row.monthly_salary, row.pay_scale, getattr(row, "scheme", "compulsory")
            )
        )
    ordered = sorted(enumerate(periods), key=lambda item: item[1].start)
    for (_left_row, left), (row_no, right) in zip(ordered, ordered[1:], strict=False):
        if right.start <= left.end:
            raise DomainError(
                [FieldError("from", _("This period overlaps another one."), "overlap", row=row_no, location=location)]
            )
    return periods


def _missing(exc: MissingParameter, field_name: str) -> DomainError:
    earliest = exc.earliest.isoformat() if exc.earliest else "?"
    return DomainError.one(
        field_name,
        _("No law is recorded for this date (%(key)s starts on %(earliest)s).")
        % {"key": exc.key, "earliest": earliest},
        "no_law",
    )


def _compute(function, data, on: dt.date, field_name: str):
    params = params_on(on)
    try:
        return function(data, params), params
    except MissingParameter as exc:
        raise _missing(exc, field_name) from None


def _extras(params) -> dict:
    return {"parameters": params.citations(), "announcements": params.announcements(), "warnings": params.warnings()}


def outcome_out(out: rules.Outcome, params) -> dict:
    return {
        "kind": out.kind,
        "eligible": out.eligible,
        "failed": [c.code for c in out.failed],
        "amount": out.amount,
        "monthly_amount": out.monthly,
        "months": out.months,
        "start": out.start.isoformat() if out.start else None,
        "parts": out.parts,
        "checks": explain.checks(out.checks),
        "steps": explain.steps(out.steps),
        **_extras(params),
    }


# --- pension and one-off SI -------------------------------------------------------------------------------


def pension_result(data: rules.PensionInput, on: dt.date):
    return _compute(rules.quote_pension, data, on, "retirement_date")


def pension_quote(payload: dict, priced_on: dt.date | None = None) -> dict:
    """Same as POST /api/v1/benefits/pension/quote. `priced_on` (cases only): price an old award with the law
    of a later date."""
    request = _validated(q.PensionQuoteIn, payload)
    if request.birth_date >= request.retirement_date:
        raise DomainError.one("birth_date", _("The date of birth must be before the retirement date."), "bad_date")
    periods = career_periods(request.periods, request.retirement_date)
    data = rules.PensionInput(
        request.sex,
        request.birth_date,
        request.retirement_date,
        tuple(periods),
        request.hazardous_years,
        request.reduced_capacity_pct,
        request.especially_hazardous_years,
        request.coal_mining_years,
        request.occupational_hiv,
    )
    result, params = pension_result(data, priced_on or request.retirement_date)
    return pension_out(result, params)


def pension_out(result, params) -> dict:
    return {
        "eligible": result.eligible,
        "failed": [c.code for c in result.checks if c.blocking and not c.passed],
        "reason": explain.reason(result.reason_code, result.reason_values) if result.reason_code else None,
        "ground": result.ground,
        "insured_years": result.insured_years,
        "insured_months": result.insured_months,
        "service_years": float(result.service_years),
        "rate_pct": float(result.rate_pct),
        "average_monthly_salary": result.average_monthly_salary,
        "monthly_pension": result.monthly_pension,
        "retirement_lump_sum": result.retirement_lump_sum,
        "early_retirement_reduction_pct": result.early_retirement_reduction_pct,
        "checks": explain.checks(result.checks),
        "steps": explain.steps(result.steps),
        **_extras(params),
    }


def one_off_quote(payload: dict) -> dict:
    """Same as POST /api/v1/benefits/one-off/quote."""
    request = _validated(q.OneOffQuoteIn, payload)
    periods = career_periods(request.periods, request.settlement_date)

    def run(_data, params):
        return rules.one_off_si(
            periods,
            params,
            request.settlement_date,
            request.ground,
            request.sex,
            request.birth_date,
            request.document,
            request.in_voluntary_si,
        )

    out, params = _compute(run, None, request.settlement_date, "settlement_date")
    months = rules.insured_months(periods)
    return {**outcome_out(out, params), "insured_years": months // 12, "insured_months": months % 12}


# --- short-term benefits ----------------------------------------------------------------------------------


def sickness_quote(payload: dict) -> dict:
    r = _validated(q.SicknessQuoteIn, payload)
    data = rules.SicknessInput(
        r.kind,
        r.salary,
        r.insured_months,
        r.days,
        r.months,
        r.days_used,
        r.hazardous,
        r.child_birth_date,
        r.leave_start,
        r.insured_now,
        r.certified,
        r.long_term_used_days,
        r.recovery_days,
        r.recovery_reason,
        r.sick_days_this_year,
    )
    return outcome_out(*_compute(rules.sickness, data, r.leave_start, "leave_start"))


def maternity_quote(payload: dict) -> dict:
    r = _validated(q.MaternityQuoteIn, payload)
    periods = career_periods(r.periods, r.birth_date.replace(day=1) + dt.timedelta(days=31)) if r.periods else []
    compulsory = [p for p in periods if p.scheme == "compulsory"]
    voluntary = tuple(m for p in periods if p.scheme == "voluntary" for m in range(p.start, p.end + 1))

    def run(_data, params):
        data = rules.MaternityInput(
            r.event,
            r.birth_date,
            r.children,
            tuple(monthly_salaries(compulsory, params)),
            voluntary,
            r.caesarean,
            r.premature,
            r.prenatal_rest,
            r.mother_insured,
            r.insured_now,
            r.leave_start,
            r.days,
        )
        return rules.maternity(data, params)

    return outcome_out(*_compute(run, None, r.birth_date, "birth_date"))


def unemployment_quote(payload: dict) -> dict:
    r = _validated(q.UnemploymentQuoteIn, payload)
    months = []
    for row_no, row in enumerate(r.periods):
        start, end = _months(row, row_no, "periods")
        months += [
            rules.UIMonth(i, row.monthly_salary, row.region, row.pay_scale) for i in range(start.index, end.index + 1)
        ]
    if len({m.index for m in months}) != len(months):
        raise DomainError([FieldError("from", _("This period overlaps another one."), "overlap", location="periods")])
    data = rules.UnemploymentInput(
        r.contract_end,
        r.claim_date,
        tuple(sorted(months, key=lambda m: m.index)),
        r.contract,
        r.lawful_termination,
        r.receiving_pension,
        r.employed,
        r.months_used,
    )
    return outcome_out(*_compute(rules.unemployment, data, r.claim_date, "claim_date"))


def occupational_quote(payload: dict) -> dict:
    r = _validated(q.OccupationalQuoteIn, payload)
    data = rules.OccupationalInput(
        r.event,
        r.event_date,
        r.capacity_loss_pct,
        r.salary,
        r.fund_months,
        r.insured_at_event,
        r.qualifying_event,
        r.care_needed,
        r.died,
        r.recovery_days,
    )
    return outcome_out(*_compute(rules.occupational, data, r.event_date, "event_date"))


# --- survivors, social pension, monthly allowance, indexation ------------------------------------------------


def _survivor_input(r) -> rules.SurvivorInput:
    periods = tuple(career_periods(r.periods, r.death_date.replace(day=1) + dt.timedelta(days=31))) if r.periods else ()
    relatives = tuple(
        rules.Relative(
            x.relation,
            x.birth_date,
            x.sex,
            x.capacity_loss_pct,
            x.monthly_income,
            x.has_carer,
            x.chooses_one_off,
            x.born_after_death,
            x.name,
        )
        for x in getattr(r, "relatives", [])
    )
    return rules.SurvivorInput(
        r.death_date,
        r.status,
        periods,
        relatives,
        getattr(r, "occupational_pct", 0),
        getattr(r, "pension", 0),
        getattr(r, "pension_start", None),
        getattr(r, "took_one_off", False),
    )


def survivor_quote(payload: dict) -> dict:
    """The monthly survivor allowance, and the one-off allowance the relatives could take instead."""
    r = _validated(q.SurvivorQuoteIn, payload)
    data = _survivor_input(r)
    monthly = outcome_out(*_compute(rules.survivor_monthly, data, r.death_date, "death_date"))
    one_off = outcome_out(*_compute(rules.survivor_one_off, data, r.death_date, "death_date"))
    return {"monthly": monthly, "one_off": one_off}


def funeral_quote(payload: dict) -> dict:
    r = _validated(q.FuneralQuoteIn, payload)
    return outcome_out(*_compute(rules.funeral, _survivor_input(r), r.death_date, "death_date"))


def social_pension_quote(payload: dict) -> dict:
    r = _validated(q.SocialPensionQuoteIn, payload)
    data = rules.SocialPensionInput(r.birth_date, r.start, r.poor_household, r.receives_monthly_si, r.requested)
    return outcome_out(*_compute(rules.social_pension, data, r.start, "start"))


def monthly_allowance_quote(payload: dict) -> dict:
    r = _validated(q.MonthlyAllowanceQuoteIn, payload)
    periods = tuple(career_periods(r.periods, r.start))
    data = rules.MonthlyAllowanceInput(
        r.sex, r.birth_date, r.start, periods, r.poor_household, r.took_one_off, r.requested
    )
    return outcome_out(*_compute(rules.monthly_allowance, data, r.start, "start"))


def indexation_quote(payload: dict) -> dict:
    r = _validated(q.IndexationQuoteIn, payload)
    if r.on < r.start:
        raise DomainError.one("on", _("The date must not be before the benefit started."), "bad_date")

    def run(_data, params):
        return rules.indexed_amount(params, r.kind, r.amount, r.start)

    (amount, steps), params = _compute(run, None, r.on, "on")
    return {
        "kind": r.kind,
        "amount": r.amount,
        "indexed_amount": amount,
        "steps": explain.steps(steps),
        **_extras(params),
    }


QUOTES = {
    "pension": pension_quote,
    "one_off": one_off_quote,
    "sickness": sickness_quote,
    "maternity": maternity_quote,
    "unemployment": unemployment_quote,
    "occupational": occupational_quote,
    "survivor": survivor_quote,
    "funeral": funeral_quote,
    "social_pension": social_pension_quote,
    "monthly_allowance": monthly_allowance_quote,
    "indexation": indexation_quote,
}


def quote(kind: str, payload: dict) -> dict:
    """The quote of one benefit kind (the keys of QUOTES)."""
    function = QUOTES.get(kind)
    if function is None:
        raise DomainError.one("kind", _("Unknown benefit %(kind)s.") % {"kind": kind}, "unknown_kind")
    return function(payload)
