"""The law of benefits as pure functions over plain values (no Django, no database).

Every function takes a `ParamSet` (ansinh.policy.rules) for the legal parameters, so nothing legal is a
literal here. Computations return their eligibility checks (each naming its article) and `steps`: the
reasoning an officer reads on the case screen.
"""

from ansinh.benefits.rules.career import CareerPeriod, insured_months, rounded_years, split_years_months
from ansinh.benefits.rules.checks import Check, Outcome
from ansinh.benefits.rules.indexation import indexed_amount
from ansinh.benefits.rules.maternity import MaternityInput, maternity
from ansinh.benefits.rules.occupational import OccupationalInput, occupational
from ansinh.benefits.rules.one_off import one_off_si
from ansinh.benefits.rules.pension import PensionInput, PensionResult, quote_pension
from ansinh.benefits.rules.sickness import SicknessInput, sickness
from ansinh.benefits.rules.social import MonthlyAllowanceInput, SocialPensionInput, monthly_allowance, social_pension
from ansinh.benefits.rules.survivors import Relative, SurvivorInput, funeral, survivor_monthly, survivor_one_off
from ansinh.benefits.rules.unemployment import UIMonth, UnemploymentInput, unemployment

__all__ = [
    "CareerPeriod",
    "insured_months",
    "rounded_years",
    "split_years_months",
    "Check",
    "Outcome",
    "PensionInput",
    "PensionResult",
    "quote_pension",
    "one_off_si",
    "indexed_amount",
    "SicknessInput",
    "sickness",
    "MaternityInput",
    "maternity",
    "UIMonth",
    "UnemploymentInput",
    "unemployment",
    "OccupationalInput",
    "occupational",
    "Relative",
    "SurvivorInput",
    "funeral",
    "survivor_monthly",
    "survivor_one_off",
    "SocialPensionInput",
    "social_pension",
    "MonthlyAllowanceInput",
    "monthly_allowance",
]
