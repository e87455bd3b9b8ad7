from ninja import Router, Schema

from ansinh.core.throttles import api_throttles
from ansinh.geo.models import Area

router = Router(tags=["geo"])


class AreaOut(Schema):
    code: str
    name: str
    kind: str
    population: int
    labour_force: int
    wage_region: str


@router.get(
    "/areas",
    response=list[AreaOut],
    throttle=api_throttles("reference"),
    summary="The province's former district-level areas",
)
def areas(request):
    return Area.objects.all()
