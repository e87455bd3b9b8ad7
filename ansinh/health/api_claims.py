"""REST endpoints for facilities' claims: submit a GIAMDINHHS envelope, read back what was stored and refused."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from ansinh.core.api_auth import roles
from ansinh.core.roles import Role
from ansinh.health import claims as services
from ansinh.health import intake
from ansinh.health.models import Submission
from ansinh.health.xml130 import EnvelopeRejected, Refusal

router = Router(tags=["health"])


class ClaimErrorOut(Schema):
    loc: list
    msg: str
    type: str
    ma_lk: str
    table: str
    field: str
    line: int | None = None
    record: int | None = None


class ErrorsOut(Schema):
    detail: list[ClaimErrorOut]


class FindingOut(Schema):
    rule: str
    line: int | None = None
    reason: str
    amount: int
    params: dict = {}


class ClaimOut(Schema):
    ma_lk: str
    version: int
    outcome: str
    fund_claimed: int
    fund_amount: int
    copay_amount: int
    findings: list[FindingOut]


class RecordErrorOut(Schema):
    ma_lk: str
    table: str
    field: str
    reason: str
    line: int | None = None


class RefusedOut(Schema):
    ma_lk: str
    record: int
    errors: list[RecordErrorOut]


class SubmissionOut(Schema):
    submission_id: int
    facility_code: str
    records: int
    claims: int
    replaced: int
    refused: int
    accepted: int
    adjusted: int
    rejected: int
    to_review: int
    results: list[ClaimOut]
    refused_records: list[RefusedOut]


def error_rows(exc: EnvelopeRejected) -> list[dict]:
    return [
        {
            "loc": [e.table, e.ma_lk, e.field] + ([e.line] if e.line is not None else []),
            "msg": e.reason,
            "type": "claim_error",
            **e.as_dict(),
        }
        for e in exc.errors
    ]


def _too_large(request) -> EnvelopeRejected | None:
    """Refused before the body is read: the envelope limit (policy pack) and the server's own request limit."""
    limit = min(intake.limits_in_force().envelope_bytes, settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2**63)
    try:
        size = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        size = 0
    if size > limit:
        return EnvelopeRejected(
            [
                Refusal(
                    "",
                    "GIAMDINHHS",
                    "",
                    _("the envelope is %(n)s bytes, above the limit of %(max)s bytes") % {"n": size, "max": limit},
                )
            ],
            status=413,
        )
    return None


@router.post(
    "/claims",
    response={201: SubmissionOut, 413: ErrorsOut, 422: ErrorsOut},
    auth=roles(Role.FACILITY),
    openapi_extra={"requestBody": {"content": {"application/xml": {"schema": {"type": "string"}}}}},
)
def submit_claims(request):
    """Send the body as the GIAMDINHHS XML (QĐ 130 as amended by QĐ 4750; tables in base64 in FILEHOSO/NOIDUNGFILE).
    Each record (HOSO, MA_LK) is checked on its own: 201 lists the records stored and assessed and those refused,
    each refusal with MA_LK, table, field, line and reason; 422 when no record could be taken (nothing stored);
    413 when the envelope is larger than the limit. A MA_LK sent again replaces the earlier version unless settled."""
    refused = _too_large(request)
    try:
        if refused:
            raise refused
        submission = services.submit_claims(request.body, request.user, channel="api")
    except EnvelopeRejected as exc:
        return Status(exc.status, {"detail": error_rows(exc)})
    return Status(201, services.submission_result(submission))


@router.get(
    "/claims/{submission_id}",
    response=SubmissionOut,
    auth=roles(Role.FACILITY, Role.HI_ASSESSOR, Role.MANAGER, Role.ADMINISTRATOR),
)
def submission(request, submission_id: int):
    """What a submission stored (with the assessment) and refused (a facility reads only its own)."""
    found = Submission.objects.select_related("facility")
    if request.user.has_role(Role.FACILITY) and not request.user.is_superuser:
        found = found.filter(facility__code=request.user.org_code)
    return services.submission_result(get_object_or_404(found, pk=submission_id))
