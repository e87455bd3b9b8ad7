"""REST endpoints of contributions: quote, declarations for payroll software, bank payments."""
from ninja import Router, Schema

from ansinh.contributions import quoting

router = Router(tags=["contributions"])


class QuoteLine(Schema):
    fund: str
    payer: str
    basis: int
    rate: str
    amount: int


class Citation(Schema):
    key: str
    valid_from: str
    value: object
    unit: str
    source: str
    version_id: int | None = None


class QuoteOut(Schema):
    scheme: str
    period: str
    lines: list[QuoteLine]
    by_fund: dict[str, int]
    by_payer: dict[str, int]
    total: int
    due_date: str
    parameters: list[Citation]


@router.post("/quote", response=QuoteOut, auth=None, summary="What a salary, income or household owes for a month")
def quote(request, payload: quoting.QuoteRequest):
    return quoting.quote(payload.model_dump())
