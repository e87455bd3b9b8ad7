"""REST endpoints for facilities' claims: submit a GIAMDINHHS envelope, read the assessment of a submission."""
from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from ansinh.core.api_auth import roles
from ansinh.core.roles import Role
from ansinh.health import claims as services
from ansinh.health.models import Submission
from ansinh.health.xml130 import EnvelopeRejected

router = Router(tags=["health"])


class ClaimErrorOut(Schema):
    loc: list
    msg: str
    type: str
    ma_lk: str
    table: str
    field: str
    line: int | None = None


class ErrorsOut(Schema):
    detail: list[ClaimErrorOut]


class FindingOut(Schema):
    rule: str
    line: int | None = None
    reason: str
    amount: int


class ClaimOut(Schema):
    ma_lk: str
    outcome: str
    fund_claimed: int
    fund_amount: int
    copay_amount: int
    findings: list[FindingOut]


class SubmissionOut(Schema):
    submission_id: int
    facility_code: str
    claims: int
    accepted: int
    adjusted: int
    rejected: int
    to_review: int
    results: list[ClaimOut]


def error_rows(exc: EnvelopeRejected) -> list[dict]:
    return [{"loc": [e.table, e.ma_lk, e.field] + ([e.line] if e.line is not None else []), "msg": e.reason, "type": "claim_error",
             **e.as_dict()} for e in exc.errors]


@router.post("/claims", response={201: SubmissionOut, 422: ErrorsOut}, auth=roles(Role.FACILITY),
             openapi_extra={"requestBody": {"content": {"application/xml": {"schema": {"type": "string"}}}}})
def submit_claims(request):
    """Send the body as the GIAMDINHHS XML (QĐ 130/4750, tables base64 in FILEHOSO/NOIDUNGFILE). Either every record
    is stored and assessed, or the answer lists every error (MA_LK, table, field, reason) and nothing is stored."""
    try:
        submission = services.submit_claims(request.body, request.user, channel="api")
    except EnvelopeRejected as exc:
        return Status(422, {"detail": error_rows(exc)})
    return Status(201, services.submission_result(submission))


@router.get("/claims/{submission_id}", response=SubmissionOut, auth=roles(Role.FACILITY, Role.HI_ASSESSOR, Role.MANAGER, Role.ADMINISTRATOR))
def submission(request, submission_id: int):
    """The assessment of one submission (a facility reads only its own)."""
    found = Submission.objects.select_related("facility")
    if request.user.has_role(Role.FACILITY) and not request.user.is_superuser:
        found = found.filter(facility__code=request.user.org_code)
    return services.submission_result(get_object_or_404(found, pk=submission_id))
