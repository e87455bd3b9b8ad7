"""The law of contributions as pure functions: plain values and a ParamSet in, amounts out. No ORM.

Rounding: every share is computed in Decimal and rounded once to whole đồng, half up (ROUND_HALF_UP),
per fund and payer (and per worker in the monthly assessment). A total is the sum of its rounded parts,
so the parts always add up to the total.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from ansinh.core.periods import Period
from ansinh.policy.rules import ParamSet

REGIONS = ("I", "II", "III", "IV")
# (payer, fund) pairs of compulsory insurance and the parameter holding each rate.
COMPULSORY_SHARES = (
    ("employer", "retirement"),
    ("employer", "sickness_maternity"),
    ("employer", "accident_disease"),
    ("employer", "health"),
    ("employer", "unemployment"),
    ("employee", "retirement"),
    ("employee", "health"),
    ("employee", "unemployment"),
)
FUNDS = ("retirement", "sickness_maternity", "accident_disease", "health", "unemployment")
VOLUNTARY_GROUPS = ("poor", "near_poor", "ethnic_minority", "other")


class RuleError(ValueError):
    """Input the law does not allow; names the field, says the limit."""

    def __init__(self, field: str, message: str, code: str = "invalid"):
        super().__init__(message)
        self.field, self.message, self.code = field, message, code


@dataclass(frozen=True)
class Share:
    fund: str
    payer: str
    basis: int
    rate: Decimal  # fraction (0.14), or a support fraction applied to the basis
    amount: int


def money(value: Decimal) -> int:
    """Round to whole đồng, half up: the one rounding rule of this app."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def share(basis: int, rate: Decimal) -> int:
    return money(Decimal(basis) * rate)


def si_hi_cap(params: ParamSet) -> int:
    return params.int("cap.si_hi_multiple") * params.int("reference.base_salary")


def minimum_wage(params: ParamSet, region: str) -> int:
    if region not in REGIONS:
        raise RuleError(
            "region",
            _("Unknown minimum-wage region %(value)r: must be one of I, II, III, IV.") % {"value": region},
            "unknown_region",
        )
    return params.int(f"min_wage.{region}")


PAY_SCALES = ("employer", "state")
STATE_SECTOR = "state"  # registry Sector.STATE: state agencies and public units pay on the state pay scale


def pay_scale_of(sector: str) -> str:
    return "state" if sector == STATE_SECTOR else "employer"


def ui_cap(params: ParamSet, region: str, pay_scale: str = "employer") -> int:
    """UI contribution cap: 20 × the regional minimum wage for pay the employer sets, 20 × the reference level
    for the state pay scale."""
    if pay_scale == "state":
        return params.int("cap.ui_state_multiple") * params.int("reference.base_salary")
    return params.int("cap.ui_multiple") * minimum_wage(params, region)


def check_compulsory_salary(params: ParamSet, salary: int, region: str) -> None:
    """A contribution salary must reach the regional minimum wage (the cap only limits the basis)."""
    floor = minimum_wage(params, region)
    if salary < floor:
        raise RuleError(
            "salary",
            _(
                "The salary %(salary)s đồng is below the regional minimum wage of region %(region)s, "
                "%(floor)s đồng in force on %(on)s."
            )
            % {"salary": vnd(salary), "region": region, "floor": vnd(floor), "on": params.on.strftime("%d/%m/%Y")},
            "below_minimum",
        )


def compulsory_rates(params: ParamSet) -> dict[tuple[str, str], Decimal]:
    return {(payer, fund): params.rate(f"rate.{payer}.{fund}") for payer, fund in COMPULSORY_SHARES}


def compulsory_bases(params: ParamSet, salary: int, region: str, pay_scale: str = "employer") -> dict[str, int]:
    """The basis of each fund: SI and HI capped at 20 × reference level, UI at ui_cap (by pay scale)."""
    if pay_scale not in PAY_SCALES:
        raise RuleError(
            "pay_scale",
            _("Unknown pay scale %(value)r: must be employer or state.") % {"value": pay_scale},
            "unknown_pay_scale",
        )
    si_basis = min(salary, si_hi_cap(params))
    return {
        fund: (min(salary, ui_cap(params, region, pay_scale)) if fund == "unemployment" else si_basis) for fund in FUNDS
    }


def compulsory_contribution(params: ParamSet, salary: int, region: str, pay_scale: str = "employer") -> list[Share]:
    check_compulsory_salary(params, salary, region)
    bases = compulsory_bases(params, salary, region, pay_scale)
    return [
        Share(fund, payer, bases[fund], rate, share(bases[fund], rate))
        for (payer, fund), rate in compulsory_rates(params).items()
    ]


def voluntary_income_limits(params: ParamSet) -> tuple[int, int]:
    floor = params.int("poverty_line.rural")
    cap = params.int("voluntary.income_cap_multiple") * params.int("reference.base_salary")
    return floor, cap


VOLUNTARY_MODES = ("periodic", "advance", "missing")


def _check_voluntary_months(params: ParamSet, months: int, mode: str) -> None:
    """Monthly, every 3, 6 or 12 months; whole years ahead up to advance_max_years; the missing months of a
    person at retirement age up to missing_max_years (Law 41/2024 Art. 36.2)."""
    if mode not in VOLUNTARY_MODES:
        raise RuleError(
            "schedule",
            _("Unknown schedule %(value)r: must be periodic, advance or missing.") % {"value": mode},
            "unknown_schedule",
        )
    if mode == "periodic":
        schedules = params.raw("voluntary.schedules")
        if months not in schedules:
            raise RuleError(
                "months",
                _("A voluntary participant pays for %(allowed)s months at a time (got %(value)s).")
                % {"allowed": ", ".join(map(str, schedules)), "value": months},
                "bad_schedule",
            )
        return
    rule = params.raw("voluntary.lump_payments")
    most = rule[f"{mode}_max_years"] * 12
    if months < 1 or months > most or (mode == "advance" and months % 12):
        message = (
            _("Paying ahead is for whole years, at most %(most)s months (got %(value)s).")
            if mode == "advance"
            else _("Paying the missing months at once is for at most %(most)s months (got %(value)s).")
        )
        raise RuleError("months", message % {"most": most, "value": months}, "bad_schedule")


def check_voluntary(params: ParamSet, income: int, group: str, months: int, mode: str = "periodic") -> None:
    floor, cap = voluntary_income_limits(params)
    if income < floor:
        raise RuleError(
            "income",
            _("The income %(income)s đồng is below the floor, the rural poverty line of %(floor)s đồng.")
            % {"income": vnd(income), "floor": vnd(floor)},
            "below_floor",
        )
    if income > cap:
        raise RuleError(
            "income",
            _("The income %(income)s đồng is above the cap of %(cap)s đồng (20 × the base salary).")
            % {"income": vnd(income), "cap": vnd(cap)},
            "above_cap",
        )
    if group not in params.raw("voluntary.support_pct"):
        raise RuleError(
            "support_group",
            _("Unknown support group %(value)r: must be one of %(groups)s.")
            % {"value": group, "groups": ", ".join(params.raw("voluntary.support_pct"))},
            "unknown_group",
        )
    _check_voluntary_months(params, months, mode)


def voluntary_support_per_month(params: ParamSet, group: str) -> int:
    pct = Decimal(str(params.raw("voluntary.support_pct")[group])) / 100
    return money(Decimal(params.int("poverty_line.rural")) * params.rate("voluntary.rate") * pct)


def voluntary_discount_rate(params: ParamSet) -> Decimal | None:
    """The monthly rate that discounts an advance payment and compounds a back payment (published yearly by
    Vietnam Social Security); None while no version is in force: amounts are then shown undiscounted."""
    return params.rate("voluntary.discount_rate") if params.has("voluntary.discount_rate") else None


def voluntary_contribution(
    params: ParamSet, income: int, group: str, months: int, supported_months_used: int = 0, mode: str = "periodic"
) -> list[Share]:
    """22% of income for each month; the state pays its support for at most 120 months in all. Paying years
    ahead, each later month is discounted by (1 + r)^(i−1); paying missing months at once (no support), each
    month is compounded by (1 + r)^i (Decree 159/2025)."""
    check_voluntary(params, income, group, months, mode)
    rate = params.rate("voluntary.rate")
    gross = share(income, rate)
    r = voluntary_discount_rate(params) or Decimal(0)
    if mode == "missing":
        total = money(sum((Decimal(gross) * (1 + r) ** i for i in range(1, months + 1)), Decimal(0)))
        return [
            Share("retirement", "participant", income * months, rate, total),
            Share("retirement", "state", income * months, rate, 0),
        ]
    supported = max(0, min(months, params.int("voluntary.support_max_months") - supported_months_used))
    support = min(voluntary_support_per_month(params, group), gross)
    net = [Decimal(gross - (support if i < supported else 0)) for i in range(months)]
    participant = (
        money(sum((n / (1 + r) ** i for i, n in enumerate(net)), Decimal(0)))
        if mode == "advance"
        else money(sum(net, Decimal(0)))
    )
    return [
        Share("retirement", "participant", income * months, rate, participant),
        Share("retirement", "state", income * months, rate, support * supported),
    ]


def family_hi_member_amounts(params: ParamSet, members: int, support_group: str = "none") -> list[int]:
    """The household group pays on the ladder: the first member 4.5% of base salary, the 2nd–4th 70/60/50%,
    the 5th on 40% of that. Members of a state-supported group each pay the first member's amount."""
    if members < 1:
        raise RuleError(
            "members", _("A family HI quote needs at least 1 member (got %(value)s).") % {"value": members}, "too_few"
        )
    first = share(params.int("reference.base_salary"), params.rate("family_hi.rate"))
    if support_group not in params.raw("family_hi.ladder_groups"):
        return [first] * members
    ladder = params.raw("family_hi.ladder")
    steps = [ladder[min(i, len(ladder) - 1)] for i in range(members)]
    return [money(Decimal(first) * Decimal(str(pct)) / 100) for pct in steps]


def family_hi_contribution(params: ParamSet, members: int, support_group: str = "none") -> list[Share]:
    table = params.raw("family_hi.support_pct")
    if support_group not in table:
        raise RuleError(
            "support_group",
            _("Unknown support group %(value)r: must be one of %(groups)s.")
            % {"value": support_group, "groups": ", ".join(table)},
            "unknown_group",
        )
    support_rate = Decimal(str(table[support_group])) / 100
    base = params.int("reference.base_salary")
    shares = []
    for amount in family_hi_member_amounts(params, members, support_group):
        support = share(amount, support_rate)
        shares += [
            Share("health", "household", base, params.rate("family_hi.rate"), amount - support),
            Share("health", "state", base, support_rate, support),
        ]
    return shares


def due_date(params: ParamSet, period: Period) -> dt.date:
    """The last day of the period's month, or of a month the law's deadline rule adds."""
    return period.plus(params.int("deadline.months_after_period")).last_day


def late_interest(outstanding: int, days_late: int, daily_rate: Decimal) -> int:
    """0.03% (the rate in force) of the late amount for each day late."""
    if outstanding <= 0 or days_late <= 0:
        return 0
    return money(Decimal(outstanding) * daily_rate * days_late)


def interest_on_bill(
    amount: int, due: dt.date, payments: list[tuple[dt.date, int]], on: dt.date, daily_rate: Decimal
) -> int:
    """Interest from the day after the due date to `on`, on what was still unpaid each day."""
    total, outstanding, since = Decimal(0), amount, due
    for paid_on, paid in sorted(payments):
        if paid_on > on:
            break
        if paid_on > since:
            total += Decimal(max(outstanding, 0)) * daily_rate * (paid_on - since).days
            since = paid_on
        outstanding -= paid
    if on > since:
        total += Decimal(max(outstanding, 0)) * daily_rate * (on - since).days
    return money(total)


def contribution_salary(
    params: ParamSet,
    wage: int | None = None,
    pay_coefficient: Decimal | None = None,
    position_coefficient: Decimal = Decimal(0),
    beyond_frame_pct: Decimal = Decimal(0),
    seniority_pct: Decimal = Decimal(0),
    position_allowance: int = 0,
    allowances: int = 0,
    supplements: int = 0,
) -> int:
    """The month's contribution salary from its declared parts (Law 41/2024/QH15 Art. 31; Decision 595/QĐ-BHXH
    Art. 6): salary + wage allowances + regular supplements.

    Pay set by the employer: the job wage in đồng. State pay scale: (pay coefficient + position-allowance
    coefficient) × the base salary in force, plus the allowance for seniority beyond the frame (a percent of
    that) and the occupational seniority allowance (a percent of the sum so far), as Decree 204/2004/NĐ-CP
    builds them, rounded once. Allowances and supplements declared in đồng are added as they are.
    """
    if pay_coefficient is not None:
        scale = (Decimal(pay_coefficient) + Decimal(position_coefficient)) * params.int("reference.base_salary")
        scale *= 1 + Decimal(beyond_frame_pct) / 100
        scale *= 1 + Decimal(seniority_pct) / 100
        salary = money(scale)
    else:
        salary = wage or 0
    return salary + position_allowance + allowances + supplements
