"""Labour-use reports (the units' half-yearly reports to the labour authority) read from a CSV file:
unit_code, reported_on (YYYY-MM-DD), workers, and optionally source. A file with a bad row is refused whole,
each bad row named with its line and field; the same file again changes nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.db import transaction
from django.utils.translation import gettext as _

from ansinh.core.errors import DomainError, FieldError
from ansinh.outreach.models import LabourReport
from ansinh.registry.services import employers_frame

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_WORKERS = 1_000_000
REQUIRED = ("unit_code", "reported_on", "workers")


def _rows(data: bytes) -> list[dict]:
    if len(data) > MAX_BYTES:
        raise DomainError.one(
            "file", _("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // 1024 // 1024}, "too_large"
        )
    try:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise DomainError.one(
                "file", _("Missing columns: %(cols)s.") % {"cols": ", ".join(missing)}, "missing_columns"
            )
        rows = []
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_ROWS:
                raise DomainError.one("file", _("More than %(n)s rows.") % {"n": f"{MAX_ROWS:,}"}, "too_many_rows")
        return rows
    except (UnicodeDecodeError, csv.Error):
        raise DomainError.one("file", _("The file is not a UTF-8 CSV file."), "not_csv") from None


def _checked(row: dict, line: int, units: set[str]) -> tuple[LabourReport | None, list[FieldError]]:
    errors = []
    unit = (row.get("unit_code") or "").strip()
    if unit not in units:
        errors.append(
            FieldError(
                "unit_code",
                _("No employer unit has the code %(code)s.") % {"code": unit[:20]},
                "unknown_unit",
                "file",
                line,
            )
        )
    try:
        reported_on = dt.date.fromisoformat((row.get("reported_on") or "").strip())
        if reported_on > dt.date.today():
            raise ValueError
    except ValueError:
        reported_on = None
        errors.append(FieldError("reported_on", _("A date YYYY-MM-DD, not in the future."), "bad_date", "file", line))
    text = (row.get("workers") or "").strip()
    if not text.isdigit() or int(text) > MAX_WORKERS:
        errors.append(
            FieldError(
                "workers",
                _("A whole number of workers from 0 to %(max)s.") % {"max": f"{MAX_WORKERS:,}"},
                "bad_workers",
                "file",
                line,
            )
        )
    if errors:
        return None, errors
    source = (row.get("source") or "").strip()[:200] or _("labour-use report")
    return LabourReport(unit_code=unit, reported_on=reported_on, workers=int(text), source=source), []


@transaction.atomic
def import_reports(data: bytes) -> tuple[int, int]:
    """(created, updated). Raises DomainError naming every bad row (line numbers count the header as 1)."""
    units = set(employers_frame()["unit_code"].to_list())
    reports, errors = [], []
    for line, row in enumerate(_rows(data), start=2):
        report, problems = _checked(row, line, units)
        errors += problems
        if report:
            reports.append(report)
    if errors:
        raise DomainError(errors[:200])
    created = updated = 0
    for report in reports:
        _row, made = LabourReport.objects.update_or_create(
            unit_code=report.unit_code,
            reported_on=report.reported_on,
            defaults={"workers": report.workers, "source": report.source},
        )
        created, updated = created + made, updated + (not made)
    return created, updated
