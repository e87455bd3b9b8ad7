"""Monthly pension (Law 41/2024 Art. 64–68, 72–73; Law 58/2014 Art. 54–58, 62–63): the grounds and their
checks, the rate by sex and service time, the early-retirement reduction, the average salary (Mbq), the
minimum pension and the lump sum beyond the years that reach the maximum rate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from ansinh.benefits.rules import grounds as grounds_rules
from ansinh.benefits.rules.career import CareerPeriod, average_salary, insured_months, money, rounded_years
from ansinh.benefits.rules.checks import Check
from ansinh.benefits.rules.dates import full_months_between, month_index


@dataclass(frozen=True)
class PensionInput:
    sex: str  # "male" | "female"
    birth_date: dt.date
    retirement_date: dt.date
    periods: tuple[CareerPeriod, ...]
    hazardous_years: int = 0  # heavy/hazardous work, or especially difficult areas (Art. 64.1.b)
    reduced_capacity_pct: int = 0
    especially_hazardous_years: int = 0  # especially heavy/hazardous work (Art. 65.1.c)
    coal_mining_years: int = 0  # underground coal mining (Art. 64.1.c)
    occupational_hiv: bool = False  # HIV from an occupational accident on duty (Art. 64.1.d)


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
    checks: list[Check] = field(default_factory=list)
    ground: str | None = None


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
    """2% per full year early; a part year under free_months costs nothing, else part_year_pct (the law counts
    the odd months of the retirement age: up to 6 of them cost 1%, more none)."""
    if months_early <= 0:
        return 0
    years, rest = divmod(months_early, 12)
    return years * table["pct_per_year"] + (table["part_year_pct"] if rest >= table["free_months"] else 0)


def lump_sum_years(table: dict, sex: str, years: Decimal) -> Decimal:
    return max(Decimal(0), years - table[f"{sex}_years"])


_REASONS = {"insured_years": "too_few_years", "age": "below_age"}


def _reason(checks: list[Check]) -> tuple[str | None, dict]:
    """The first failing blocking check as the legacy reason (too_few_years / below_age / its own code)."""
    failed = [c for c in checks if c.blocking and not c.passed]
    if not failed:
        return None, {}
    claimed = [c for c in failed if c.values.get("ground") != "normal"] or failed
    first = claimed[0]
    return _REASONS.get(first.code, first.code), first.values


def quote_pension(data: PensionInput, params) -> PensionResult:
    periods = list(data.periods)
    months, compulsory = insured_months(periods), insured_months(periods, "compulsory")
    steps = [
        {
            "code": "insured_time",
            "values": {
                "years": months // 12,
                "months": months % 12,
                "total_months": months,
                "voluntary_months": months - compulsory,
            },
        }
    ]
    ground, checks = grounds_rules.evaluate(params, data, months, compulsory)
    normal = next(c for c in checks if c.code == "age" and c.values["ground"] == "normal")
    steps.append(
        {
            "code": "retirement_age",
            "values": {
                "years": normal.values["age_years"],
                "months": normal.values["age_months"],
                "reached_on": normal.values["reaches_on"],
                "age_years": normal.values["has_years"],
                "age_months": normal.values["has_months"],
            },
        }
    )
    reason, reason_values = _reason(checks)
    if ground is None:
        steps.append({"code": "not_eligible", "values": {"reason": reason, **reason_values}})
    elif ground.name != "normal":
        steps.append(
            {
                "code": "early_ground",
                "values": {
                    "ground": ground.name,
                    "pct": data.reduced_capacity_pct,
                    "years": data.hazardous_years,
                    "earliest": ground.earliest.isoformat() if ground.earliest else None,
                },
            }
        )
    service = rounded_years(months, params.int("pension.service_rounding"))
    steps.append(
        {
            "code": "service_years",
            "values": {"years": str(service), "half_year_max": params.int("pension.service_rounding")},
        }
    )
    rate, rate_detail = pension_rate(params.raw("pension.rate"), data.sex, service)
    steps.append(
        {"code": "rate", "values": {"sex": data.sex, "years": str(service), "rate_pct": str(rate), **rate_detail}}
    )
    mbq, detail = average_salary(periods, params)
    steps.append({"code": "average_salary", "values": {**detail, "mbq": money(mbq), "settlement_year": params.on.year}})
    months_early = full_months_between(data.retirement_date, ground.reduce_from) if ground and ground.reduce_from else 0
    reduction = early_reduction_pct(params.raw("pension.early_reduction"), months_early)
    if reduction or months_early > 0:
        steps.append({"code": "early_reduction", "values": {"months_early": months_early, "pct": reduction}})
    pension = lump = 0
    if ground is not None:
        pension = _monthly_amount(params, compulsory, min(p.start for p in periods), rate - reduction, mbq, steps)
        lump = _lump_sum(data, params, service, mbq, steps)
    return PensionResult(
        ground is not None,
        reason,
        reason_values,
        months // 12,
        months % 12,
        service,
        rate,
        reduction,
        money(mbq),
        pension,
        lump,
        steps,
        checks,
        ground.name if ground else None,
    )


def _monthly_amount(params, compulsory_months: int, first_month: int, rate: Decimal, mbq: Decimal, steps: list) -> int:
    amount = money(rate / 100 * mbq)
    steps.append({"code": "pension", "values": {"rate_pct": str(rate), "mbq": money(mbq), "amount": amount}})
    floor = minimum_pension(params, compulsory_months, first_month)
    if floor is not None:
        rule = params.raw("pension.minimum")
        steps.append(
            {"code": "minimum", "values": {"minimum": floor, "applied": amount < floor, "min_years": rule["min_years"]}}
        )
        amount = max(amount, floor)
    return amount


def minimum_pension(params, months: int, first_month: int) -> int | None:
    """The floor for people with enough years of compulsory SI who joined before the cut-off date; None when
    it does not apply."""
    rule = params.raw("pension.minimum")
    if months // 12 >= rule["min_years"] and first_month < month_index(dt.date.fromisoformat(rule["joined_before"])):
        return money(Decimal(str(rule["multiple"])) * params.int("reference.base_salary"))
    return None


def _lump_sum(data: PensionInput, params, service: Decimal, mbq: Decimal, steps: list) -> int:
    table = params.raw("pension.lump_sum")
    beyond = lump_sum_years(table, data.sex, service)
    amount = money(beyond * Decimal(str(table["multiple_per_year"])) * mbq)
    if beyond:
        steps.append(
            {
                "code": "lump_sum",
                "values": {
                    "years_beyond": str(beyond),
                    "after_years": table[f"{data.sex}_years"],
                    "multiple": table["multiple_per_year"],
                    "amount": amount,
                },
            }
        )
    return amount
