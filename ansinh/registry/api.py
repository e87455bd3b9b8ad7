import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from ansinh.core import audit
from ansinh.core.api_auth import roles
from ansinh.core.roles import STAFF_ROLES
from ansinh.registry.models import Person

router = Router(tags=["registry"])


class PersonOut(Schema):
    cccd: str | None
    si_number: str
    full_name: str
    birth_date: dt.date
    sex: str
    commune_code: str


@router.get("/people/{cccd}", response=PersonOut, auth=roles(*STAFF_ROLES), summary="A person by CCCD (staff; audited)")
def person_by_cccd(request, cccd: str):
    person = get_object_or_404(Person.objects.select_related("commune"), cccd=cccd)
    audit.record_read(request, person, "person record (API)")
    return PersonOut(
        cccd=person.cccd,
        si_number=person.si_number,
        full_name=person.full_name,
        birth_date=person.birth_date,
        sex=person.sex,
        commune_code=person.commune.code,
    )
