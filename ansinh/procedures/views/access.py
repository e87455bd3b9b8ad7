"""Who may open which dossier: staff (reads audited), the person it concerns, the unit that filed it.
Anyone else gets 404, and the attempt is logged."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from ansinh.core import audit
from ansinh.core.page_errors import denied
from ansinh.core.roles import STAFF_ROLES, Role
from ansinh.procedures.models import Dossier


def is_staff(user) -> bool:
    return user.is_superuser or user.role in STAFF_ROLES


def may_see(user, dossier: Dossier) -> bool:
    if is_staff(user):
        return True
    if user.role == Role.CITIZEN:
        return dossier.person is not None and dossier.person.user_id == user.pk
    if user.role == Role.EMPLOYER:
        return dossier.employer is not None and bool(user.org_code) and dossier.employer.unit_code == user.org_code
    return False


def visible_dossier(request, receipt_code: str) -> Dossier:
    dossier = (
        Dossier.objects.select_related("procedure", "person__user", "employer", "commune__area")
        .filter(receipt_code=receipt_code)
        .first()
    )
    if dossier is None or not may_see(request.user, dossier):
        raise denied(request, "services.dossier", receipt_code)
    if is_staff(request.user):
        audit.record_read(request, dossier)
    return dossier


def staff_only(request) -> None:
    if not is_staff(request.user):
        raise PermissionDenied
