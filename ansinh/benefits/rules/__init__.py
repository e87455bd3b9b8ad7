"""The law of benefits as pure functions over plain values (no Django, no database).

Every function takes a `ParamSet` (ansinh.policy.rules) for the legal parameters, so nothing legal is a
literal here. Computations return a result with `steps`: the reasoning an officer reads on the case screen.
"""
from ansinh.benefits.rules.career import CareerPeriod, insured_months, rounded_years, split_years_months
from ansinh.benefits.rules.pension import PensionInput, PensionResult, quote_pension
from ansinh.benefits.rules.short_term import (
    funeral_grant,
    maternity_benefit,
    one_off_si,
    sickness_benefit,
    survivor_monthly,
)

__all__ = [
    "CareerPeriod", "insured_months", "rounded_years", "split_years_months",
    "PensionInput", "PensionResult", "quote_pension",
    "one_off_si", "sickness_benefit", "maternity_benefit", "survivor_monthly", "funeral_grant",
]
