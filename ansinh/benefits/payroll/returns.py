"""Importing a bank's (or the post office's) return: end_to_end_id,status,reason[,paid_on] per line.

Paid lines mark the payment paid. Rejected lines stay rejected until the next run picks them up as a new
attempt; when the reason says the account is wrong or closed, the person is moved to cash at the post
office of their commune first (a recorded channel change). Any bad line: nothing is saved."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ansinh.benefits.banks import post_office_code
from ansinh.benefits.models import ChannelChange, Method, PaymentChannel, PaymentInstruction, PayrollRun, ReturnImport, ReturnRecord
from ansinh.core import audit
from ansinh.core.api_errors import DomainError, FieldError
from ansinh.core.bulk import bulk_insert

E2E = re.compile(r"^AS(\d+)-(\d{4})(\d{2})-(\d+)$")
# ISO 20022 external status reason codes that mean the account cannot receive: pay in cash instead.
ACCOUNT_REASONS = {"AC01", "AC04", "AC06", "BE01"}
UPDATE_CHUNK = 5_000


def _parse(text: str) -> list[dict]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = {"end_to_end_id", "status"} - set(reader.fieldnames or [])
    if missing:
        raise DomainError.one("file", _("The return file lacks the columns: %(cols)s.") % {"cols": ", ".join(sorted(missing))}, "bad_header")
    return list(reader)


def _match(run: PayrollRun, lines: list[dict]) -> tuple[list[tuple], list[FieldError]]:
    sent = {(e, p, a): (pk, person) for pk, e, p, a, person in run.payments.filter(status=PaymentInstruction.Status.SENT)
            .values_list("id", "entitlement_id", "period", "attempt", "person_id")}
    matched, errors = [], []
    for row_no, line in enumerate(lines, start=2):
        m = E2E.match((line.get("end_to_end_id") or "").strip())
        status = (line.get("status") or "").strip().lower()
        key = (int(m.group(1)), f"{m.group(2)}-{m.group(3)}", int(m.group(4))) if m else None
        if key is None or key not in sent:
            errors.append(FieldError("end_to_end_id", _("No payment of this run awaits a return under this id."), "unknown_id", row=row_no, location="file"))
        elif status not in ("paid", "rejected"):
            errors.append(FieldError("status", _("The status must be paid or rejected."), "bad_status", row=row_no, location="file"))
        else:
            paid_on = (line.get("paid_on") or "").strip()
            matched.append((*sent.pop(key), key[2], status, (line.get("reason") or "").strip()[:200], paid_on))
    return matched, errors


def _mark(matched: list[tuple], when: dt.date) -> None:
    by_date: dict[str, list[int]] = {}
    for pk, _person, _attempt, status, _reason, paid_on in matched:
        if status == "paid":
            by_date.setdefault(paid_on or when.isoformat(), []).append(pk)
    for day, ids in by_date.items():
        for i in range(0, len(ids), UPDATE_CHUNK):
            PaymentInstruction.objects.filter(id__in=ids[i:i + UPDATE_CHUNK]).update(status=PaymentInstruction.Status.PAID, paid_on=dt.date.fromisoformat(day))
    for pk, _person, _attempt, status, reason, _day in matched:
        if status == "rejected":
            PaymentInstruction.objects.filter(pk=pk).update(status=PaymentInstruction.Status.REJECTED, reject_reason=reason)


def _to_cash(matched: list[tuple], by_user) -> int:
    """People whose account was refused: their channel becomes cash at their commune's post office."""
    people = [person for _pk, person, _a, status, reason, _d in matched if status == "rejected" and reason.split(" ")[0].upper() in ACCOUNT_REASONS]
    moved = 0
    for channel in PaymentChannel.objects.filter(person_id__in=people, method=Method.BANK).select_related("person__commune"):
        before = {"method": channel.method, "bank_code": channel.bank_code, "account_number": channel.account_number}
        channel.method, channel.bank_code, channel.account_number = Method.CASH, "", ""
        channel.post_office_code = post_office_code(channel.person.commune.code)
        channel.updated_at = timezone.now()
        channel.save()
        ChannelChange.objects.create(person_id=channel.person_id, before=before, after={"method": "cash", "post_office_code": channel.post_office_code},
                                     reason=_("Bank refused the account"), changed_by=by_user)
        moved += 1
    return moved


@transaction.atomic
def import_return(run: PayrollRun, file_name: str, content: bytes, by_user=None) -> ReturnImport:
    run = PayrollRun.objects.select_for_update().get(pk=run.pk)
    if run.state != PayrollRun.State.SENT:
        raise DomainError.one("state", _("Returns are imported for a sent run."), "bad_state")
    digest = hashlib.sha256(content).hexdigest()
    if ReturnImport.objects.filter(sha256=digest).exists():
        raise DomainError.one("file", _("This return file was already imported."), "duplicate_file")
    matched, errors = _match(run, _parse(content.decode("utf-8-sig")))
    if errors:
        raise DomainError(errors)
    source = ReturnImport.objects.create(run=run, file_name=file_name[:200], sha256=digest, rows=len(matched), imported_by=by_user,
                                         paid=sum(1 for m in matched if m[3] == "paid"), rejected=sum(1 for m in matched if m[3] == "rejected"))
    _mark(matched, timezone.localdate())
    bulk_insert(ReturnRecord, ["source_id", "instruction_id", "attempt", "status", "reason"],
                [(source.pk, pk, attempt, status, reason) for pk, _p, attempt, status, reason, _d in matched])
    moved = _to_cash(matched, by_user)
    if not run.payments.filter(status=PaymentInstruction.Status.SENT).exists():
        run.state, run.reconciled_at = PayrollRun.State.RECONCILED, timezone.now()
        run.save()
    audit.record_batch("benefits.returnimport", source.pk, f"return {file_name} for {run.period}: {source.paid} paid, {source.rejected} rejected, {moved} moved to cash")
    return source
