"""The law of paying a visit: benefit level, route share and the fund's part (HI24 Art. 22, domain facts §7).
Pure: plain values in and out; the parameters come from the policy pack (health.toml) through the caller.

Rounding: the fund's part is cost × level% × route% rounded once to the đồng, ROUND_HALF_UP; the patient's
co-payment is the rest, so the two always add up to the cost.
"""
from __future__ import annotations

from dataclasses import dataclass

EMERGENCY, REFERRED, REGISTERED, OUTSIDE = "emergency", "referred", "registered", "outside"
INPATIENT_TYPES = frozenset({"03", "04", "06"})


@dataclass(frozen=True)
class PayRules:
    """The parameters in force on the visit date, read once per assessment from the policy pack."""

    outside_rates: dict
    low_cost_threshold: int  # đồng: health.low_cost_visit_pct_of_base × reference.base_salary
    five_years_copay_cap: int  # đồng: health.five_years.copay_multiple × reference.base_salary

    @classmethod
    def from_params(cls, params) -> "PayRules":
        base = params.int("reference.base_salary")
        return cls(params.raw("health.outside_rates"), base * params.int("health.low_cost_visit_pct_of_base") // 100,
                   base * params.int("health.five_years.copay_multiple"))


def route_case(patient_kind: str, registered_here: bool) -> str:
    """MA_DOITUONG_KCB 2.x is an emergency, 1.2/1.3 a referral; otherwise the registered facility decides."""
    if patient_kind.startswith("2"):
        return EMERGENCY
    if patient_kind in ("1.2", "1.3"):
        return REFERRED
    return REGISTERED if registered_here else OUTSIDE


def route_pct(case: str, inpatient: bool, facility_level: str, former_district: bool, rates: dict) -> int:
    """Share of the benefit paid for the route: 100 on the correct route, the law's rates outside it."""
    if case != OUTSIDE:
        return 100
    if facility_level == "primary":
        return int(rates["primary"])
    if former_district:
        return int(rates["former_district"])
    return int(rates["inpatient" if inpatient else "outpatient"][facility_level])


def level_pct(benefit_pct: int, case: str, facility_level: str, cost: int, rules: PayRules, five_years_exempt: bool = False) -> int:
    """The benefit level for this visit: the card's level, raised to 100% at primary level, for a low-cost
    visit on the correct route, or once the 5-consecutive-years exemption applies."""
    if benefit_pct >= 100 or facility_level == "primary" or five_years_exempt:
        return 100
    if case != OUTSIDE and cost < rules.low_cost_threshold:
        return 100
    return benefit_pct


def fund_part(cost: int, level: int, route: int) -> int:
    """cost × level% × route%, rounded half up to the đồng (integers only, no float error)."""
    return (cost * level * route + 5000) // 10000


def pay_visit(cost: int, benefit_pct: int, patient_kind: str, registered_here: bool, visit_type: str,
              facility_level: str, former_district: bool, rules: PayRules, five_years_exempt: bool = False) -> dict:
    case = route_case(patient_kind, registered_here)
    level = level_pct(benefit_pct, case, facility_level, cost, rules, five_years_exempt)
    route = route_pct(case, visit_type in INPATIENT_TYPES, facility_level, former_district, rules.outside_rates)
    fund = fund_part(cost, level, route)
    return {"case": case, "level_pct": level, "route_pct": route, "fund": fund, "copay": cost - fund}
