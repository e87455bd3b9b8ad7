import datetime as dt

from ninja import Router, Schema

from ansinh.policy.services import params_on

router = Router(tags=["policy"])


class ParameterOut(Schema):
    key: str
    valid_from: dt.date
    value: object
    unit: str
    source: str
    version_id: int | None


@router.get("/parameters", response=list[ParameterOut], summary="Every parameter in force on a date (default: today)")
def parameters(request, on: dt.date | None = None):
    params = params_on(on or dt.date.today())
    return sorted(params.versions.values(), key=lambda v: v.key)
