"""Typed, bounded request bodies of the benefit quotes (POST /api/v1/benefits/<kind>/quote).

Every amount and count has a sane bound so nonsense gets a 422 naming the field, and the bounds show in the
OpenAPI description. Bounds are not law (the law is in the policy packs): they only keep input plausible."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_MONTHLY_SALARY = 1_000_000_000  # đồng a month: far above any capped contribution salary
MAX_PERIODS = 600  # fifty years of monthly salary changes
MAX_MONTHS = 1_200  # a hundred years
MAX_RELATIVES = 20
MAX_CHILDREN = 10
MAX_YEARS = 60

Salary = Field(gt=0, le=MAX_MONTHLY_SALARY, description="đồng a month")


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class PeriodIn(Body):
    from_: str = Field(alias="from", max_length=7, description="first month, YYYY-MM")
    to: str = Field(max_length=7, description="last month, YYYY-MM")
    monthly_salary: int = Salary
    pay_scale: Literal["employer", "state"] = "employer"
    scheme: Literal["compulsory", "voluntary"] = "compulsory"


class UIPeriodIn(Body):
    from_: str = Field(alias="from", max_length=7)
    to: str = Field(max_length=7)
    monthly_salary: int = Salary
    region: Literal["I", "II", "III", "IV"] = "I"
    pay_scale: Literal["employer", "state"] = "employer"


Periods = Field(min_length=1, max_length=MAX_PERIODS)


class PensionQuoteIn(Body):
    sex: Literal["male", "female"]
    birth_date: dt.date
    retirement_date: dt.date
    periods: list[PeriodIn] = Periods
    hazardous_years: int = Field(
        0, ge=0, le=MAX_YEARS, description="heavy or hazardous work, or especially difficult areas"
    )
    reduced_capacity_pct: int = Field(0, ge=0, le=100)
    especially_hazardous_years: int = Field(0, ge=0, le=MAX_YEARS)
    coal_mining_years: int = Field(0, ge=0, le=MAX_YEARS)
    occupational_hiv: bool = False


class OneOffQuoteIn(Body):
    settlement_date: dt.date
    periods: list[PeriodIn] = Periods
    ground: Literal["retirement_age", "transitional", "emigration", "serious_illness", "armed_forces"]
    sex: Literal["male", "female"] | None = None
    birth_date: dt.date | None = None
    document: bool = Field(False, description="the officer holds the document the ground needs")
    in_voluntary_si: bool = False


class SicknessQuoteIn(Body):
    kind: Literal["own", "long_term", "child", "recovery"]
    leave_start: dt.date
    salary: int = Field(0, ge=0, le=MAX_MONTHLY_SALARY, description="contribution salary of the month before leave")
    insured_months: int = Field(0, ge=0, le=MAX_MONTHS)
    days: int = Field(0, ge=0, le=366)
    months: int = Field(0, ge=0, le=MAX_MONTHS)
    days_used: int = Field(0, ge=0, le=366)
    hazardous: bool = False
    child_birth_date: dt.date | None = None
    insured_now: bool = True
    certified: bool = True
    long_term_used_days: int = Field(0, ge=0, le=36_600)
    recovery_days: int = Field(0, ge=0, le=31)
    recovery_reason: Literal["long_term", "surgery", "other"] = "other"
    sick_days_this_year: int = Field(0, ge=0, le=366)


class MaternityQuoteIn(Body):
    event: Literal["birth", "paternity", "recovery", "voluntary_birth"]
    birth_date: dt.date
    children: int = Field(1, ge=1, le=MAX_CHILDREN)
    periods: list[PeriodIn] = Field(default_factory=list, max_length=MAX_PERIODS)
    caesarean: bool = False
    premature: bool = Field(False, description="born before 32 weeks")
    prenatal_rest: bool = False
    mother_insured: bool = True
    insured_now: bool = True
    leave_start: dt.date | None = None
    days: int | None = Field(None, ge=0, le=31)


class UnemploymentQuoteIn(Body):
    contract_end: dt.date
    claim_date: dt.date
    periods: list[UIPeriodIn] = Periods
    contract: Literal["indefinite", "fixed", "short"] = "indefinite"
    lawful_termination: bool = True
    receiving_pension: bool = False
    employed: bool = False
    months_used: int = Field(0, ge=0, le=MAX_MONTHS)


class OccupationalQuoteIn(Body):
    event: Literal["accident", "disease"]
    event_date: dt.date
    capacity_loss_pct: int = Field(0, ge=0, le=100)
    salary: int = Salary
    fund_months: int = Field(0, ge=0, le=MAX_MONTHS)
    insured_at_event: bool = True
    qualifying_event: bool = True
    care_needed: bool = False
    died: bool = False
    recovery_days: int = Field(0, ge=0, le=31)


class RelativeIn(Body):
    relation: Literal["child", "spouse", "parent", "other_dependant"]
    birth_date: dt.date
    sex: Literal["male", "female"]
    capacity_loss_pct: int = Field(0, ge=0, le=100)
    monthly_income: int = Field(0, ge=0, le=MAX_MONTHLY_SALARY)
    has_carer: bool = True
    chooses_one_off: bool = False
    born_after_death: bool = False
    name: str = Field("", max_length=100)


class SurvivorQuoteIn(Body):
    death_date: dt.date
    status: Literal["contributing", "reserved", "pensioner", "occupational_monthly", "occupational_death"]
    periods: list[PeriodIn] = Field(default_factory=list, max_length=MAX_PERIODS)
    relatives: list[RelativeIn] = Field(default_factory=list, max_length=MAX_RELATIVES)
    occupational_pct: int = Field(0, ge=0, le=100)
    pension: int = Field(0, ge=0, le=MAX_MONTHLY_SALARY)
    pension_start: dt.date | None = None
    took_one_off: bool = False


class FuneralQuoteIn(Body):
    death_date: dt.date
    status: Literal["contributing", "reserved", "pensioner", "occupational_monthly", "occupational_death"]
    periods: list[PeriodIn] = Field(default_factory=list, max_length=MAX_PERIODS)


class SocialPensionQuoteIn(Body):
    birth_date: dt.date
    start: dt.date
    poor_household: bool = False
    receives_monthly_si: bool = False
    requested: bool = True


class MonthlyAllowanceQuoteIn(Body):
    sex: Literal["male", "female"]
    birth_date: dt.date
    start: dt.date
    periods: list[PeriodIn] = Periods
    poor_household: bool = False
    took_one_off: bool = False
    requested: bool = True


class IndexationQuoteIn(Body):
    kind: Literal["pension", "occupational"] = "pension"
    amount: int = Salary
    start: dt.date
    on: dt.date
