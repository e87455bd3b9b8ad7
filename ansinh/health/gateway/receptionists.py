"""The receptionists a facility registers for card checks (the gateway answers 054/055 for anyone else).

Registered by the facility through An Sinh's API, in bulk from a CSV by an operator, or in the admin; every change
is in the audit log (model signals)."""

from __future__ import annotations

import csv
import io

from django.db import transaction

from ansinh.core.errors import DomainError, FieldError
from ansinh.core.ids import cccd_errors
from ansinh.core.text import clean_name
from ansinh.health.models import Facility, Receptionist


def _checked(
    full_name: str, cccd: str, row: int | None = None, location: str = "body"
) -> tuple[str, str, list[FieldError]]:
    errors, name, cccd = [], full_name, (cccd or "").strip()
    try:
        name = clean_name(full_name)
    except ValueError as exc:
        errors.append(FieldError("full_name", str(exc), "invalid_name", location, row))
    errors += [FieldError("cccd", reason, "invalid_cccd", location, row) for reason in cccd_errors(cccd)]
    return name, cccd, errors


def register(facility_code: str, full_name: str, cccd: str) -> Receptionist:
    """Register (or re-activate, with the name given now) one receptionist of the facility."""
    name, cccd, errors = _checked(full_name, cccd)
    if errors:
        raise DomainError(errors)
    facility = Facility.objects.filter(code=facility_code).first()
    if facility is None:
        raise DomainError.one("facility", f"no facility with the code {facility_code}", "unknown_facility")
    found = Receptionist.objects.filter(facility=facility, cccd=cccd).first()
    if found is None:
        return Receptionist.objects.create(facility=facility, full_name=name, cccd=cccd)
    found.full_name, found.is_active = name, True
    found.save(update_fields=["full_name", "is_active"])
    return found


def deactivate(facility_code: str, cccd: str) -> bool:
    found = Receptionist.objects.filter(facility__code=facility_code, cccd=cccd, is_active=True).first()
    if found is None:
        return False
    found.is_active = False
    found.save(update_fields=["is_active"])
    return True


def listed(facility_code: str) -> list[Receptionist]:
    return list(Receptionist.objects.filter(facility__code=facility_code).order_by("full_name"))


@transaction.atomic
def import_csv(facility_code: str, text: str) -> int:
    """Rows `full_name,cccd` (a header line first). Every bad row is named with its field and nothing is stored."""
    rows = list(csv.DictReader(io.StringIO(text)))
    missing = {"full_name", "cccd"} - set(rows[0] if rows else {})
    if missing:
        raise DomainError(
            [FieldError(column, "missing column", "missing_column", "file") for column in sorted(missing)]
        )
    checked = [_checked(row["full_name"], row["cccd"], number, "row") for number, row in enumerate(rows, start=1)]
    errors = [error for *_, row_errors in checked for error in row_errors]
    if errors:
        raise DomainError(errors)
    for name, cccd, _errors in checked:
        register(facility_code, name, cccd)
    return len(checked)
