"""REST endpoints of contributions: quote, declarations for payroll software, bank payments."""
import datetime as dt

from django.utils.translation import gettext as _
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from ansinh.contributions import quoting
from ansinh.contributions.declaration_files import MAX_BYTES, too_large_message
from ansinh.contributions.declaration_service import submit
from ansinh.contributions.payments import import_statement, record_payment
from ansinh.core.api_auth import roles
from ansinh.core.api_errors import DomainError, FieldError
from ansinh.core.roles import Role

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


# --- Declarations for payroll software (employer token or session; an employer only for its own unit) ---

class DeclarationOut(Schema):
    id: int
    unit_code: str
    status: str
    form: str
    rows: int
    changes: dict
    errors: list[dict]


def _unit_for(request, unit_code: str | None):
    from django.shortcuts import get_object_or_404

    from ansinh.core import audit
    from ansinh.core.roles import Role
    from ansinh.registry.models import Employer

    user = request.user
    if user.has_role(Role.EMPLOYER) and not user.is_superuser:
        if unit_code and unit_code != user.org_code:
            audit.record("denied", "registry.employer", unit_code, "declaration for another unit", actor=audit.actor_from_request(request))
            raise DomainError.one("unit_code", _("You may only declare for your own unit."), "not_your_unit", location="query")
        unit_code = user.org_code
    if not unit_code:
        raise DomainError.one("unit_code", _("Name the unit (unit_code)."), "missing", location="query")
    return get_object_or_404(Employer, unit_code=unit_code)


@router.post("/declarations", response={200: DeclarationOut, 422: DeclarationOut}, auth=roles(Role.EMPLOYER, Role.COLLECTION_OFFICER),
             summary="Send a labour-change list D02-LT (printed form or I-VAN workbook, with TK1-TS data and the household "
                     "appendix) or the simple template, as XLSX or CSV; rejected whole with row errors if any row is bad; "
                     "413 when the file is over the size limit")
def send_declaration(request, file: UploadedFile = File(...), unit_code: str | None = None):
    employer = _unit_for(request, unit_code)
    if file.size is None or file.size > MAX_BYTES:
        raise DomainError([FieldError("file", too_large_message(), "too_large")], status=413)
    declaration = submit(employer, file.name or "", file.read(), by_user=request.user, channel="api")
    return Status(200 if declaration.status == "accepted" else 422, _declaration_out(declaration))


def _declaration_out(declaration) -> dict:
    return {"id": declaration.pk, "unit_code": declaration.employer.unit_code, "status": declaration.status, "form": declaration.form,
            "rows": declaration.rows, "changes": declaration.changes, "errors": declaration.errors}


# --- Payments from banks (statement lines, one by one or as a CSV file) and collection agents ---

class PaymentIn(Schema):
    reference: str
    received_on: dt.date
    amount: int
    payer_text: str = ""
    payer_code: str = ""


class PaymentOut(Schema):
    id: int
    reference: str
    amount: int
    status: str
    payer_code: str
    allocated_amount: int
    created: bool


def _payment(request, source: str, payload: PaymentIn) -> dict:
    if payload.amount <= 0:
        raise DomainError.one("amount", _("The amount must be a positive number of đồng."), "not_positive")
    payment, created = record_payment(source, payload.reference, payload.received_on, payload.amount,
                                      payload.payer_text, by_user=request.user, payer_code=payload.payer_code)
    return {"id": payment.pk, "reference": payment.reference, "amount": payment.amount, "status": payment.status,
            "payer_code": payment.payer_code, "allocated_amount": payment.allocated_amount, "created": created}


@router.post("/payments/bank", response=PaymentOut, auth=roles(Role.BANK, Role.COLLECTION_OFFICER),
             summary="One bank-statement line; matched by unit code or reference, allocated oldest debt first")
def bank_payment(request, payload: PaymentIn):
    return _payment(request, "api", payload)


@router.post("/payments/agent", response=PaymentOut, auth=roles(Role.POST_OFFICE, Role.COLLECTION_OFFICER),
             summary="A collection agent's receipt (voluntary SI, family HI) by SI number or household code")
def agent_payment(request, payload: PaymentIn):
    return _payment(request, "agent", payload)


class StatementOut(Schema):
    rows: int
    new: int
    suspense: int


@router.post("/payments/statement", response=StatementOut, auth=roles(Role.BANK, Role.COLLECTION_OFFICER),
             summary="A bank-statement CSV (date, reference, amount, description); all rows valid or nothing recorded")
def bank_statement(request, file: UploadedFile = File(...)):
    return import_statement(file.read(), "bank", by_user=request.user)
