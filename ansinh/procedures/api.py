"""Services API: the public procedure catalogue and status look-up, and the dossier figures for managers."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Router, Schema

from ansinh.core.api_auth import roles
from ansinh.core.errors import DomainError, FieldError
from ansinh.core.roles import Role
from ansinh.core.throttles import api_throttles
from ansinh.procedures import services
from ansinh.procedures.inbound.api import router as national_router
from ansinh.procedures.models import Procedure

router = Router(tags=["services"])
router.add_router("", national_router)


class ProcedureOut(Schema):
    code: str
    group: str
    name: str
    name_en: str
    time_limit_days: int
    time_limit_assumed: bool
    citizens_may_file: bool
    employers_may_file: bool
    delivery: list[str]
    documents: list[str]


class StatusIn(Schema):
    # letters, digits and dashes only: anything else cannot match, and a NUL character would reach the database
    receipt_code: str = Field(
        min_length=1, max_length=16, pattern=r"^[A-Za-z0-9-]+$", description="e.g. HS250612000123"
    )
    cccd: str = Field(
        min_length=1,
        max_length=14,
        pattern=r"^[A-Za-z0-9-]+$",
        description="the applicant's CCCD, or the unit's tax code",
    )


class StatusOut(Schema):
    receipt_code: str
    procedure: str
    state: str
    received_on: dt.date
    due_on: dt.date
    overdue: bool
    finished_on: dt.date | None
    delivery: str
    tracking_ref: str
    note: str


class DossierKpiRow(Schema):
    area_code: str
    commune_code: str
    received: int
    electronic: int
    by_post: int
    finished: int
    on_time: int
    overdue: int


@router.get("/procedures", response=list[ProcedureOut], auth=None, throttle=api_throttles("reference"))
def procedures(request):
    """The catalogue of procedures open for filing, with documents and time limits (working days)."""
    rows = Procedure.objects.filter(active=True).prefetch_related("documents")
    return [
        ProcedureOut(
            code=p.code,
            group=p.group,
            name=p.name,
            name_en=p.name_en,
            time_limit_days=p.time_limit_days,
            time_limit_assumed=p.time_limit_assumed,
            citizens_may_file=p.citizens_may_file,
            employers_may_file=p.employers_may_file,
            delivery=p.delivery_choices(),
            documents=[d.name for d in p.documents.all()],
        )
        for p in rows
    ]


@router.post("/status", response=StatusOut, auth=None, throttle=api_throttles("dossier_lookup"))
def status(request, payload: StatusIn):
    """A dossier's state by receipt code and the applicant's CCCD (or the unit's tax code); no log-in."""
    found = services.dossier_status(payload.receipt_code, payload.cccd)
    if found is None:
        raise DomainError(
            [FieldError("receipt_code", "No dossier matches this receipt code and CCCD.", "not_found")], status=404
        )
    return StatusOut(**{k: found[k] for k in StatusOut.model_fields})


@router.get("/kpis", response=list[DossierKpiRow], auth=roles(Role.MANAGER, Role.ADMINISTRATOR))
def kpis(request, period: str):
    """Per commune for a month (YYYY-MM): received, electronic, returned by post, decided, on time, overdue."""
    try:
        return services.dossier_kpis(period)
    except ValueError as exc:
        raise DomainError.one("period", str(exc), "bad_period", location="query") from None
