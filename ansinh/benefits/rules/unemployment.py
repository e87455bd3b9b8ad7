"""Unemployment benefit (Employment Law 74/2025 Art. 38–41 from 1/1/2026; Law 38/2013 Art. 49–50 before).

Conditions: the contract ended (not by unlawful quitting, not on a pension); 12 months of UI in the 24 months
before it ended (36 for contracts of 1 to under 12 months); the claim filed within 3 months; no job found in
the waiting days. Amount: 60% of the average UI salary of the last 6 months contributed, at most 5 × the
regional minimum wage of the last month contributed (the state pay scale: its own cap basis by version).
Duration: 3 months for 12–36 months contributed, one more per further 12, at most 12; the rest is kept for a
later claim. The benefit starts the day after the waiting working days; the person reports the job search
every month, and vocational training and job placement are offered.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ansinh.benefits.rules.career import money
from ansinh.benefits.rules.checks import Outcome, check
from ansinh.benefits.rules.dates import add_months, month_index
from ansinh.benefits.rules.holidays import add_working_days, next_working_day, public_holidays, working_days_after

CONTRACTS = ("indefinite", "fixed", "short")


@dataclass(frozen=True)
class UIMonth:
    index: int
    salary: int
    region: str = "I"
    pay_scale: str = "employer"


@dataclass(frozen=True)
class UnemploymentInput:
    contract_end: dt.date
    claim_date: dt.date
    months: tuple  # UIMonth, oldest first
    contract: str = "indefinite"  # indefinite | fixed (12 months or more) | short (1 to under 12 months)
    lawful_termination: bool = True
    receiving_pension: bool = False
    employed: bool = False  # found a job (or started work) within the waiting days
    months_used: int = 0  # months of contributions already spent on an earlier benefit


def _conditions(out: Outcome, params, data: UnemploymentInput) -> None:
    rule = params.raw("unemployment.conditions")
    out.checks.append(
        check(params, "unemployment.conditions", "contract", data.contract in CONTRACTS, contract=data.contract)
    )
    out.checks.append(
        check(
            params,
            "unemployment.conditions",
            "termination",
            data.lawful_termination and not data.receiving_pension,
            lawful=data.lawful_termination,
            pension=data.receiving_pension,
        )
    )
    window = rule["short_contract_window_months"] if data.contract == "short" else rule["window_months"]
    end = month_index(data.contract_end)
    has = sum(1 for m in data.months if end - window < m.index <= end)
    out.checks.append(
        check(
            params,
            "unemployment.conditions",
            "ui_months_in_window",
            has >= rule["min_months"],
            needs_months=rule["min_months"],
            has_months=has,
            window=window,
        )
    )
    deadline = add_months(data.contract_end, rule["claim_within_months"])
    out.checks.append(
        check(
            params,
            "unemployment.conditions",
            "claim_in_time",
            data.contract_end <= data.claim_date <= deadline,
            claimed_on=data.claim_date.isoformat(),
            deadline=deadline.isoformat(),
            months=rule["claim_within_months"],
        )
    )
    out.checks.append(
        check(params, "unemployment.conditions", "no_new_job", not data.employed, days=rule["waiting_working_days"])
    )


def _cap(params, last: UIMonth) -> tuple[int, str]:
    """5 × the regional minimum wage (or the reference level, by the version's basis) in force in the last month
    contributed."""
    rule = params.raw("unemployment.benefit")
    basis = rule["cap_basis"]["state" if last.pay_scale == "state" else "employer"]
    key = f"min_wage.{last.region}" if basis == "regional_minimum" else "reference.base_salary"
    first_day = dt.date(last.index // 12, last.index % 12 + 1, 1)
    value = int(params.series(key, first_day)[0].value)
    return rule["cap_multiple"] * value, basis


def duration_months(params, contributed: int) -> tuple[int, int]:
    """(months of benefit, months of contributions kept for a later claim)."""
    rule = params.raw("unemployment.duration")
    if contributed < rule["min_contribution_months"]:
        return 0, contributed
    extra = max(0, contributed - rule["base_up_to_months"]) // rule["step_months"]
    months = min(rule["base_months"] + extra, rule["max_months"])
    spent = rule["base_up_to_months"] + (months - rule["base_months"]) * rule["step_months"]
    return months, max(0, contributed - spent)


def unemployment(data: UnemploymentInput, params) -> Outcome:
    out = Outcome("unemployment")
    _conditions(out, params, data)
    rule = params.raw("unemployment.benefit")
    paid = [m for m in data.months if m.index <= month_index(data.contract_end)]
    recent = paid[-rule["average_months"] :]
    average = sum((Decimal(m.salary) for m in recent), Decimal(0)) / len(recent) if recent else Decimal(0)
    raw = average * Decimal(str(rule["pct"])) / 100
    cap, basis = _cap(params, recent[-1]) if recent else (0, "")
    monthly = min(money(raw), cap)
    contributed = max(0, len(paid) - data.months_used)
    months, kept = duration_months(params, contributed)
    out.step("unemployment_average", average=money(average), months=len(recent), pct=rule["pct"], raw=money(raw))
    out.step("unemployment_cap", cap=cap, multiple=rule["cap_multiple"], basis=basis, applied=money(raw) > cap)
    out.step("unemployment_duration", contributed=contributed, used=data.months_used, months=months, kept=kept)
    waiting = params.raw("unemployment.conditions")["waiting_working_days"]
    holidays = public_holidays(params, data.claim_date.year, data.claim_date.year + 1)
    out.start = working_days_after(data.claim_date, waiting, holidays)
    out.step(
        "unemployment_start", claimed_on=data.claim_date.isoformat(), waiting_days=waiting, start=out.start.isoformat()
    )
    out.part("unemployment", monthly, monthly=True)
    out.months = months
    out.step("unemployment_reporting", months=months)
    support = params.raw("unemployment.support")
    out.step(
        "unemployment_support",
        training_per_month=support["training_max_per_month"],
        training_months=support["training_max_months"],
    )
    if not out.eligible or not months:
        out.monthly, out.months = 0, 0
    return out


def report_due(params, start: dt.date, month: int, holidays: frozenset) -> dt.date:
    """The last day to report the job search of benefit month `month` (a month index): the appointed day, the
    day of the month the benefit started (the month's last day when shorter), moved to the next working day
    when it is a day off, plus the grace working days of unemployment.job_search."""
    grace = params.raw("unemployment.job_search")["grace_working_days"]
    year, month0 = divmod(month, 12)
    appointed = dt.date(year, month0 + 1, min(start.day, calendar.monthrange(year, month0 + 1)[1]))
    return add_working_days(next_working_day(appointed, holidays), grace, holidays)
