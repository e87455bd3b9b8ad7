import datetime as dt

from django.utils import timezone
from ninja import Router, Schema

from ansinh.core.throttles import api_throttles
from ansinh.policy.services import params_on, provisional_versions

router = Router(tags=["policy"])


class ParameterOut(Schema):
    key: str
    valid_from: dt.date
    value: object
    unit: str
    source: str
    version_id: int | None
    status: str
    verified: bool


class AnnouncementOut(Schema):
    key: str
    valid_from: dt.date
    value: object
    unit: str
    source: str
    version_id: int | None
    applied_value: object | None
    applied_source: str | None


@router.get(
    "/parameters",
    response=list[ParameterOut],
    throttle=api_throttles("reference"),
    summary="Every parameter in force on a date (default: today)",
)
def parameters(request, on: dt.date | None = None):
    """Only versions in force: an announced (provisional) change is listed by /announcements, never here."""
    params = params_on(on or timezone.localdate())
    return sorted(params.versions.values(), key=lambda v: v.key)


@router.get(
    "/announcements",
    response=list[AnnouncementOut],
    throttle=api_throttles("reference"),
    summary="Announced changes not yet in force (provisional versions)",
)
def announcements(request, on: dt.date | None = None):
    """Each provisional version with the in-force value that computations apply instead on its date."""
    rows = []
    for v in provisional_versions():
        applied = params_on(max(v.valid_from, on or v.valid_from)).versions.get(v.key)
        rows.append(
            {
                **v.as_citation(),
                "valid_from": v.valid_from,
                "applied_value": applied.value if applied else None,
                "applied_source": applied.source if applied else None,
            }
        )
    return rows
