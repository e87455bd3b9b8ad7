"""REST endpoints of benefits: pension and one-off SI quotes, payroll files for banks and the post office."""
from ninja import Router, Schema

from ansinh.benefits import api_banks, quoting

router = Router(tags=["benefits"])
router.add_router("/payroll", api_banks.router)


class Citation(Schema):
    key: str
    valid_from: str
    value: object
    unit: str
    source: str
    version_id: int | None = None


class Step(Schema):
    code: str
    text: str
    values: dict


class PensionQuoteOut(Schema):
    eligible: bool
    reason: str | None
    insured_years: int
    insured_months: int
    service_years: float
    rate_pct: float
    average_monthly_salary: int
    monthly_pension: int
    retirement_lump_sum: int
    early_retirement_reduction_pct: int
    steps: list[Step]
    parameters: list[Citation]


class OneOffQuoteOut(Schema):
    insured_years: int
    insured_months: int
    amount: int
    steps: list[Step]
    parameters: list[Citation]


@router.post("/pension/quote", response=PensionQuoteOut, auth=None, summary="The monthly pension a career would give")
def pension_quote(request, payload: quoting.PensionQuoteIn):
    """Body: sex, birth_date, retirement_date, periods [{from, to (YYYY-MM), monthly_salary, pay_scale
    employer|state}], hazardous_years, optional reduced_capacity_pct. Not eligible → `reason`."""
    return quoting.pension_quote(payload.model_dump(by_alias=True))


@router.post("/one-off/quote", response=OneOffQuoteOut, auth=None, summary="The one-off SI a career would give")
def one_off_quote(request, payload: quoting.OneOffQuoteIn):
    """Body: settlement_date, periods [{from, to, monthly_salary, pay_scale}]."""
    return quoting.one_off_quote(payload.model_dump(by_alias=True))
