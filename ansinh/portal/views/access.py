"""One account, one person: every citizen page works on request.user's own registry record only."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from ansinh.core.roles import Role
from ansinh.registry.models import Person
from ansinh.registry.services import employer_for_user, person_for_user


def own_person(request) -> Person:
    if request.user.role != Role.CITIZEN:
        raise PermissionDenied
    person = person_for_user(request.user)
    if person is None:
        raise PermissionDenied
    return person


def own_unit(request):
    if request.user.role != Role.EMPLOYER:
        raise PermissionDenied
    unit = employer_for_user(request.user)
    if unit is None:
        raise PermissionDenied
    return unit
