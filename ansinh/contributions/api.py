"""REST endpoints of contributions: quote, declarations for payroll software, bank payments."""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile

from ansinh.banking import statements
from ansinh.banking.amounts import MAX_AMOUNT
from ansinh.contributions import quoting
from ansinh.contributions.bank_accounts import accounts_of_bank, collection_accounts
from ansinh.contributions.declaration_files import MAX_BYTES, too_large_message
from ansinh.contributions.declaration_service import submit
from ansinh.contributions.models import Payment
from ansinh.contributions.payments import record_payment
from ansinh.contributions.statement_import import import_statement
from ansinh.core import audit
from ansinh.core.api_auth import roles
from ansinh.core.errors import DomainError, FieldError
from ansinh.core.roles import Role
from ansinh.core.throttles import account_throttles, api_throttles
from ansinh.registry.models import Employer

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
    status: str = "in_force"
    verified: bool = True


class QuoteOut(Schema):
    scheme: str
    period: str
    lines: list[QuoteLine]
    by_fund: dict[str, int]
    by_payer: dict[str, int]
    total: int
    due_date: str
    parameters: list[Citation]
    notes: list[str] = []
    announcements: list[dict] = []
    warnings: list[dict] = []


@router.post(
    "/quote",
    response=QuoteOut,
    auth=None,
    throttle=api_throttles("quote", "quote_account"),
    summary="What a salary, income or household owes for a month",
)
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

    user = request.user
    if user.has_role(Role.EMPLOYER) and not user.is_superuser:
        if unit_code and unit_code != user.org_code:
            audit.record(
                "denied",
                "registry.employer",
                unit_code,
                "declaration for another unit",
                actor=audit.actor_from_request(request),
            )
            raise DomainError.one(
                "unit_code", _("You may only declare for your own unit."), "not_your_unit", location="query"
            )
        unit_code = user.org_code
    if not unit_code:
        raise DomainError.one("unit_code", _("Name the unit (unit_code)."), "missing", location="query")
    return get_object_or_404(Employer, unit_code=unit_code)


@router.post(
    "/declarations",
    response={200: DeclarationOut, 422: DeclarationOut},
    auth=roles(Role.EMPLOYER, Role.COLLECTION_OFFICER),
    summary="Send a labour-change list D02-LT (printed form or I-VAN workbook, with TK1-TS data and the household "
    "appendix) or the simple template, as XLSX or CSV; rejected whole with row errors if any row is bad; "
    "413 when the file is over the size limit",
)
def send_declaration(request, file: UploadedFile = File(...), unit_code: str | None = None):
    employer = _unit_for(request, unit_code)
    if file.size is None or file.size > MAX_BYTES:
        raise DomainError([FieldError("file", too_large_message(), "too_large")], status=413)
    declaration = submit(employer, file.name or "", file.read(), by_user=request.user, channel="api")
    return Status(200 if declaration.status == "accepted" else 422, _declaration_out(declaration))


def _declaration_out(declaration) -> dict:
    return {
        "id": declaration.pk,
        "unit_code": declaration.employer.unit_code,
        "status": declaration.status,
        "form": declaration.form,
        "rows": declaration.rows,
        "changes": declaration.changes,
        "errors": declaration.errors,
    }


# --- Payments from banks (one transaction, a notification, a statement file) and collection agents ---

BANK_THROTTLE = account_throttles("payments")


class PaymentIn(Schema):
    reference: str = Field(
        min_length=1,
        max_length=60,
        description="the bank's own reference of the transaction (or the agent's receipt number)",
    )
    received_on: dt.date
    amount: int = Field(gt=0, le=MAX_AMOUNT, description="whole đồng")
    account: str = Field(
        "", max_length=40, description="collection account credited; may be left out when the bank holds one"
    )
    payer_text: str = Field("", max_length=500)
    payer_code: str = Field(
        "", max_length=40, description="unit code, SI number or household code, when the sender knows it"
    )
    end_to_end_id: str = Field("", max_length=35)
    structured_reference: str = Field("", max_length=35)
    debtor_name: str = Field("", max_length=140)


class PaymentOut(Schema):
    id: int
    account: str
    reference: str
    amount: int
    status: str
    payer_code: str
    suspense_reason: str
    allocated_amount: int
    created: bool


def _bank_account(request, account: str) -> str:
    """The collection account of a bank transaction: a bank may only report on accounts it holds."""
    user, account = request.user, account.strip().replace(" ", "")
    held = accounts_of_bank(user.org_code) if user.role == Role.BANK else list(collection_accounts())
    if not account and len(held) == 1:
        return held[0]
    if account not in held:
        raise DomainError.one(
            "account",
            _("Name one of the collection accounts held at your bank.")
            if user.role == Role.BANK
            else _("Name the collection account that was credited."),
            "bad_account",
        )
    return account


def _payment(request, source: str, payload: PaymentIn, account: str) -> dict:
    payment, created = record_payment(
        source,
        payload.reference.strip(),
        payload.received_on,
        payload.amount,
        payload.payer_text,
        by_user=request.user,
        payer_code=payload.payer_code,
        account=account,
        end_to_end_id=payload.end_to_end_id,
        structured_reference=payload.structured_reference,
        debtor_name=payload.debtor_name,
    )
    return {
        "id": payment.pk,
        "account": payment.account,
        "reference": payment.reference,
        "amount": payment.amount,
        "status": payment.status,
        "payer_code": payment.payer_code,
        "suspense_reason": payment.suspense_reason,
        "allocated_amount": payment.allocated_amount,
        "created": created,
    }


@router.post(
    "/payments/bank",
    response=PaymentOut,
    auth=roles(Role.BANK, Role.COLLECTION_OFFICER),
    throttle=BANK_THROTTLE,
    summary="One credit to a collection account, by the bank's reference; recorded once whatever channel reports it",
)
def bank_payment(request, payload: PaymentIn):
    return _payment(request, Payment.Source.API, payload, _bank_account(request, payload.account))


@router.post(
    "/payments/agent",
    response=PaymentOut,
    auth=roles(Role.POST_OFFICE, Role.COLLECTION_OFFICER),
    throttle=BANK_THROTTLE,
    summary="A collection agent's receipt (voluntary SI, family HI) by SI number or household code",
)
def agent_payment(request, payload: PaymentIn):
    return _payment(
        request, Payment.Source.AGENT, payload, f"agent-{request.user.org_code or request.user.username}"[:40]
    )


class StatementOut(Schema):
    id: int
    format: str
    accounts: str
    lines: int
    credits: int
    new_payments: int
    known_payments: int
    suspense: int
    amount_new: int
    ignored: list[dict]
    already_imported: bool = False


def _statement_out(record) -> dict:
    return {field: getattr(record, field, False) for field in StatementOut.model_fields}


def _bounded_upload(content_length: int) -> None:
    if content_length > statements.MAX_BYTES:
        raise DomainError.one(
            "file", _("The file is larger than %(mb)s MB.") % {"mb": statements.MAX_BYTES // 1024 // 1024}, "too_large"
        )


@router.post(
    "/payments/statement",
    response=StatementOut,
    auth=roles(Role.BANK, Role.COLLECTION_OFFICER),
    throttle=BANK_THROTTLE,
    summary="A bank file as the bank wrote it: camt.053, camt.054, MT940 or the bank's Excel/CSV export",
)
def bank_statement(request, file: UploadedFile = File(...), account: str = "", encoding: str = ""):
    """The format is told from the content. Debits, fees, pending and reversed lines are listed in `ignored`;
    a bad line refuses the whole file (422 with each row). The same file again records nothing more."""
    _bounded_upload(file.size)
    record = import_statement(
        file.read(),
        file.name or "statement",
        by_user=request.user,
        channel="api",
        account=account,
        encoding=encoding[:20],
    )
    return _statement_out(record)


@router.post(
    "/payments/notification",
    response=StatementOut,
    auth=roles(Role.BANK),
    throttle=BANK_THROTTLE,
    summary="A camt.054 credit notification pushed by the bank as the request body (application/xml)",
)
def bank_notification(request):
    _bounded_upload(len(request.body))
    return _statement_out(
        import_statement(request.body, "camt054-notification.xml", by_user=request.user, channel="api")
    )
