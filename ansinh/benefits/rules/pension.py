"""Monthly pension (Law 41/2024 Art. 64–68; Law 58/2014 Art. 54–58): eligibility by age and years, the
rate by sex and service time, the early-retirement reduction, the average salary (Mbq), the minimum
pension and the lump sum beyond the years that reach the maximum rate."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from ansinh.benefits.rules import age
from ansinh.benefits.rules.career import CareerPeriod, average_salary, insured_months, money, rounded_years
from ansinh.benefits.rules.dates import month_index


@dataclass(frozen=True)
class PensionInput:
    sex: str  # "male" | "female"
    birth_date: dt.date
    retirement_date: dt.date
    periods: tuple[CareerPeriod, ...]
    hazardous_years: int = 0
    reduced_capacity_pct: int = 0


@dataclass
class PensionResult:
    eligible: bool
    reason_code: str | None
    reason_values: dict
    insured_years: int
    insured_months: int
    service_years: Decimal
    rate_pct: Decimal
    early_retirement_reduction_pct: int
    average_monthly_salary: int
    monthly_pension: int
    retirement_lump_sum: int
    steps: list[dict] = field(default_factory=list)


def pension_rate(table: dict, sex: str, years: Decimal) -> tuple[Decimal, dict]:
    """Rate in percent for a service time in years; 0 below the shortest ladder."""
    ladder = table[sex]
    short = table.get(f"{sex}_short")
    if years < ladder["base_years"] and short and years >= short["base_years"]:
        ladder = short
    if years < ladder["base_years"]:
        return Decimal(0), {"ladder": ladder, "raw_pct": "0"}
    raw = Decimal(str(ladder["base_pct"])) + Decimal(str(ladder["step_pct"])) * (years - ladder["base_years"])
    rate = min(raw, Decimal(str(table["max_pct"])))
    return rate, {"ladder": ladder, "raw_pct": str(raw), "max_pct": table["max_pct"]}


def early_reduction_pct(table: dict, months_early: int) -> int:
    """2% per full year early; a part year under free_months costs nothing, else part_year_pct."""
    if months_early <= 0:
        return 0
    years, rest = divmod(months_early, 12)
    return years * table["pct_per_year"] + (table["part_year_pct"] if rest >= table["free_months"] else 0)


def lump_sum_years(table: dict, sex: str, years: Decimal) -> Decimal:
    return max(Decimal(0), years - table[f"{sex}_years"])


def quote_pension(data: PensionInput, params) -> PensionResult:
    periods = list(data.periods)
    months = insured_months(periods)
    steps = [{"code": "insured_time", "values": {"years": months // 12, "months": months % 12, "total_months": months}}]
    ok, reason, values, months_early = age.eligibility(data, params, months, steps)
    service = rounded_years(months, params.int("pension.service_rounding"))
    steps.append({"code": "service_years", "values": {"years": str(service), "half_year_max": params.int("pension.service_rounding")}})
    rate, rate_detail = pension_rate(params.raw("pension.rate"), data.sex, service)
    steps.append({"code": "rate", "values": {"sex": data.sex, "years": str(service), "rate_pct": str(rate), **rate_detail}})
    mbq, detail = average_salary(periods, params.raw("pension.revaluation"), params.raw("pension.averaging_window")["state"])
    steps.append({"code": "average_salary", "values": {**detail, "mbq": money(mbq), "settlement_year": params.on.year}})
    reduction = early_reduction_pct(params.raw("pension.early_reduction"), months_early) if ok else 0
    if months_early > 0 and ok:
        steps.append({"code": "early_reduction", "values": {"months_early": months_early, "pct": reduction}})
    pension = lump = 0
    if ok:
        pension = _monthly_amount(data, params, months, rate - reduction, mbq, steps)
        lump = _lump_sum(data, params, service, mbq, steps)
    return PensionResult(ok, reason, values, months // 12, months % 12, service, rate, reduction, money(mbq), pension, lump, steps)


def _monthly_amount(data: PensionInput, params, months: int, rate: Decimal, mbq: Decimal, steps: list) -> int:
    amount = money(rate / 100 * mbq)
    steps.append({"code": "pension", "values": {"rate_pct": str(rate), "mbq": money(mbq), "amount": amount}})
    floor = minimum_pension(params, months, min(p.start for p in data.periods))
    if floor is not None:
        rule = params.raw("pension.minimum")
        steps.append({"code": "minimum", "values": {"minimum": floor, "applied": amount < floor, "min_years": rule["min_years"]}})
        amount = max(amount, floor)
    return amount


def minimum_pension(params, months: int, first_month: int) -> int | None:
    """The floor for people with enough years who joined before the cut-off date; None when it does not apply."""
    rule = params.raw("pension.minimum")
    if months // 12 >= rule["min_years"] and first_month < month_index(dt.date.fromisoformat(rule["joined_before"])):
        return money(Decimal(str(rule["multiple"])) * params.int("reference.base_salary"))
    return None


def _lump_sum(data: PensionInput, params, service: Decimal, mbq: Decimal, steps: list) -> int:
    table = params.raw("pension.lump_sum")
    beyond = lump_sum_years(table, data.sex, service)
    amount = money(beyond * Decimal(str(table["multiple_per_year"])) * mbq)
    if beyond:
        steps.append({"code": "lump_sum", "values": {"years_beyond": str(beyond), "after_years": table[f"{data.sex}_years"],
                                                      "multiple": table["multiple_per_year"], "amount": amount}})
    return amount
