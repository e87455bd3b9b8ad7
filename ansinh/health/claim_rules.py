"""The law of paying a visit: benefit level, route share, the fund's part and the yearly co-payment threshold
(HI Law Art. 22, domain facts §7). Pure: plain values in and out; the parameters come from the policy pack
(health.toml) through the caller.

Rounding: the fund's part is cost × level% × route% rounded once to the đồng, ROUND_HALF_UP; the patient's
co-payment is the rest, so the two always add up to the cost.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EMERGENCY, REFERRED, REGISTERED, OUTSIDE = "emergency", "referred", "registered", "outside"


@dataclass(frozen=True)
class PayRules:
    """The parameters in force on the visit date, read once per assessment from the policy pack."""

    outside_rates: dict
    low_cost_threshold: int  # đồng: health.low_cost_visit_pct_of_base × reference.base_salary
    five_years_copay_cap: int  # đồng: health.five_years.copay_multiple × reference.base_salary
    inpatient_types: frozenset = frozenset()  # health.claims.inpatient_visit_types
    cases: dict = field(
        default_factory=dict
    )  # MA_DOITUONG_KCB → emergency | registered | correct_route | self_referred
    counts_self_referred: bool = False

    @classmethod
    def from_params(cls, params) -> PayRules:
        base = params.int("reference.base_salary")
        cases = {code: case for case, codes in params.raw("health.claims.patient_kind_cases").items() for code in codes}
        return cls(
            params.raw("health.outside_rates"),
            base * params.int("health.low_cost_visit_pct_of_base") // 100,
            base * params.int("health.five_years.copay_multiple"),
            frozenset(params.raw("health.claims.inpatient_visit_types")),
            cases,
            bool(params.raw("health.five_years.counts_self_referred")),
        )

    def inpatient(self, visit_type: str) -> bool:
        return visit_type in self.inpatient_types


def route_case(patient_kind: str, registered_here: bool, cases: dict | None = None) -> str:
    """The case the patient case code (MA_DOITUONG_KCB) names; 1.1 and unknown codes: the card's facility decides."""
    case = (cases or {}).get(patient_kind)
    if (
        case is None and not cases
    ):  # no code list given: the code's family (2 emergency, 1.2/1.3 referral, 3.x self-referred)
        case = (
            "emergency"
            if patient_kind.startswith("2")
            else "correct_route"
            if patient_kind in ("1.2", "1.3")
            else "self_referred"
            if patient_kind.startswith("3.")
            else None
        )
    if case == "emergency":
        return EMERGENCY
    if case == "correct_route":
        return REFERRED
    if case == "self_referred":
        return OUTSIDE
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


def level_pct(
    benefit_pct: int, case: str, facility_level: str, cost: int, rules: PayRules, five_years_exempt: bool = False
) -> int:
    """The benefit level for this visit: the card's level, raised to 100% at primary level, for a low-cost visit
    on the correct route, or when the 5-consecutive-years exemption applies, which it never does to a
    self-referred visit (HI Law Art. 22.1.e)."""
    if benefit_pct >= 100 or facility_level == "primary" or (five_years_exempt and case != OUTSIDE):
        return 100
    if case != OUTSIDE and cost < rules.low_cost_threshold:
        return 100
    return benefit_pct


def fund_part(cost: int, level: int, route: int) -> int:
    """cost × level% × route%, rounded half up to the đồng (integers only, no float error)."""
    return (cost * level * route + 5000) // 10000


def capped_copay(copay: int, paid_in_year: int, cap: int) -> int:
    """The co-payment left to the patient once the year's co-payments reach the threshold: up to the threshold,
    the fund pays the rest from then on (HI Law Art. 22.1.e)."""
    return min(copay, max(0, cap - paid_in_year))


def pay_visit(
    cost: int,
    benefit_pct: int,
    patient_kind: str,
    registered_here: bool,
    visit_type: str,
    facility_level: str,
    former_district: bool,
    rules: PayRules,
    five_years_exempt: bool = False,
    five_years: bool = False,
    paid_in_year: int = 0,
) -> dict:
    """The fund's part and the co-payment of a visit. `five_years_exempt`: exempt from co-payment on the visit date
    (certificate); `five_years` with `paid_in_year`: 5 consecutive years reached, and the co-payments of the calendar
    year before this visit, so the visit that crosses the threshold is co-paid only up to it."""
    case = route_case(patient_kind, registered_here, rules.cases)
    level = level_pct(benefit_pct, case, facility_level, cost, rules, five_years_exempt)
    route = route_pct(case, rules.inpatient(visit_type), facility_level, former_district, rules.outside_rates)
    fund = fund_part(cost, level, route)
    copay = cost - fund
    if five_years and case != OUTSIDE:
        copay = capped_copay(copay, paid_in_year, rules.five_years_copay_cap)
    return {
        "case": case,
        "level_pct": level,
        "route_pct": route,
        "fund": cost - copay,
        "copay": copay,
        "capped": copay < cost - fund,
    }
