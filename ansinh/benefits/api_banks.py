"""REST endpoints for banks and the post office: the payment files of a run, and their status reports."""

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Router, Schema
from ninja.files import UploadedFile

from ansinh.benefits.models import BankFile
from ansinh.benefits.payroll import returns, send
from ansinh.core import audit
from ansinh.core.api_auth import roles
from ansinh.core.errors import DomainError
from ansinh.core.roles import Role
from ansinh.core.throttles import account_throttles

router = Router(tags=["benefits: banks"])
THROTTLE = account_throttles("payroll_files")


class ReturnOut(Schema):
    id: int
    period: str
    run_state: str
    format: str
    rows: int
    paid: int
    accepted: int
    rejected: int


class FileOut(Schema):
    id: int
    period: str
    kind: str
    channel_code: str
    message_id: str
    payments: int
    total: int
    sha256: str


def _content(request, file: UploadedFile | None) -> tuple[str, bytes]:
    size = file.size if file is not None else len(request.body)
    if size > returns.MAX_BYTES:
        raise DomainError.one(
            "file", _("The file is larger than %(mb)s MB.") % {"mb": returns.MAX_BYTES // 1024 // 1024}, "too_large"
        )
    return (file.name or "report", file.read()) if file is not None else ("pain002.xml", request.body)


@router.post(
    "/returns",
    response=ReturnOut,
    auth=roles(Role.BANK, Role.POST_OFFICE, Role.BENEFITS_OFFICER),
    throttle=THROTTLE,
    summary=(
        "A payment status report (pain.002 as the body or a file) or a result sheet; the run is found from the report"
    ),
)
def post_return(request, file: UploadedFile | None = File(None)):
    """Positive, negative (only refused payments, GrpSts PART) and file-level (GrpSts RJCT) pain.002 reports are read.
    A bank may report only on the files it was sent. Any bad line: 422 and nothing is saved."""
    name, content = _content(request, file)
    source = returns.import_return(None, name, content, by_user=request.user)
    return {
        "id": source.pk,
        "period": source.run.period,
        "run_state": source.run.state,
        "format": source.format,
        "rows": source.rows,
        "paid": source.paid,
        "accepted": source.accepted,
        "rejected": source.rejected,
    }


def _files_for(user):
    files = BankFile.objects.select_related("run").order_by("-run__period", "channel_code")
    if user.role == Role.BANK:
        return files.exclude(kind="cash_csv").filter(channel_code=user.org_code)
    if user.role == Role.POST_OFFICE:
        return files.filter(kind="cash_csv")
    return files


@router.get(
    "/files",
    response=list[FileOut],
    auth=roles(Role.BANK, Role.POST_OFFICE, Role.BENEFITS_OFFICER),
    throttle=THROTTLE,
    summary="The payment files sent to the caller (a bank: its own; the post office: the cash lists)",
)
def list_files(request, period: str = ""):
    files = _files_for(request.user)
    files = files.filter(run__period=period[:7]) if period else files
    return [
        {
            "id": f.pk,
            "period": f.run.period,
            "kind": f.kind,
            "channel_code": f.channel_code,
            "message_id": f.message_id,
            "payments": f.payments,
            "total": f.total,
            "sha256": f.sha256,
        }
        for f in files[:500]
    ]


@router.get(
    "/files/{file_id}",
    auth=roles(Role.BANK, Role.POST_OFFICE, Role.BENEFITS_OFFICER),
    throttle=THROTTLE,
    summary="Download one payment file",
)
def get_file(request, file_id: int):
    item = get_object_or_404(_files_for(request.user), pk=file_id)
    audit.record(
        "read",
        "benefits.bankfile",
        item.pk,
        f"payment file {item.path} downloaded",
        actor=audit.actor_from_request(request),
    )
    path = send.files_dir(item.run.period).parent / item.path
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
