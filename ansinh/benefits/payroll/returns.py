"""Importing what the banks and the post office say about the payments we sent, so a run reconciles from
the bank's report alone.

A report is a pain.002 (positive: every payment listed; negative: only the refused ones, the group status
saying the rest went through; or a whole file refused) or a result sheet (CSV/Excel). A pain.002 names the
file it answers, so it finds its run by itself. ACSC/ACCC settle a payment; RJCT (also CANC, BLCK) refuse
it; other positive statuses (ACTC, ACCP, ACSP …) mark it accepted, still awaiting settlement. A payment not
listed takes the status of its block or of the file; under PART (some refused) it is settled. A refused
payment joins the next run as a new attempt; when the reason says the account is wrong or closed, the
person is moved to cash at the post office of their commune first. A bad line refuses the whole report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from typing import NamedTuple

import polars as pl
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ansinh.banking import reports
from ansinh.banking.records import StatusReport
from ansinh.benefits import banks
from ansinh.benefits.banks import post_office_code
from ansinh.benefits.models import (
    BankFile,
    ChannelChange,
    Method,
    PaymentChannel,
    PaymentInstruction,
    PayrollRun,
    ReturnImport,
    ReturnRecord,
)
from ansinh.benefits.payroll.pain001 import block_key
from ansinh.core import audit
from ansinh.core.bulk import bulk_insert
from ansinh.core.errors import DomainError, FieldError

E2E = re.compile(r"^AS(\d+)-(\d{4})(\d{2})-(\d+)$")
# ISO 20022 external status reason codes that mean the account cannot receive: pay in cash instead.
ACCOUNT_REASONS = {"AC01", "AC04", "AC06", "BE01"}
SETTLED, REFUSED, PARTIAL = {"ACSC", "ACCC"}, {"RJCT", "CANC", "BLCK"}, "PART"
MAX_BYTES = reports.MAX_BYTES
OPEN = (PaymentInstruction.Status.SENT, PaymentInstruction.Status.ACCEPTED)
UPDATE_CHUNK = 5_000
S = PaymentInstruction.Status


def outcome(code: str) -> str:
    return S.PAID if code in SETTLED else S.REJECTED if code in REFUSED else S.ACCEPTED


class Sent(NamedTuple):
    pk: int
    attempt: int
    run_id: int
    bank_code: str


def _instructions(report: StatusReport) -> tuple[dict[str, Sent], list[FieldError]]:
    """The payment each listed end-to-end id names, in one query; errors for ids we never sent."""
    keys, errors = {}, []
    for tx in report.transactions:
        m = E2E.match(tx.end_to_end_id.strip())
        if m:
            keys[tx.end_to_end_id.strip()] = (int(m.group(1)), f"{m.group(2)}-{m.group(3)}", int(m.group(4)))
    found = {}
    entitlements = sorted({k[0] for k in keys.values()})
    for start in range(0, len(entitlements), UPDATE_CHUNK):
        rows = PaymentInstruction.objects.filter(
            entitlement_id__in=entitlements[start : start + UPDATE_CHUNK]
        ).values_list("id", "entitlement_id", "period", "attempt", "run_id", "bank_code")
        found |= {
            (entitlement, period): Sent(pk, attempt, run, bank) for pk, entitlement, period, attempt, run, bank in rows
        }
    by_e2e = {}
    for tx in report.transactions:
        key = keys.get(tx.end_to_end_id.strip())
        row = found.get(key[:2]) if key else None
        if row is None:
            errors.append(
                FieldError(
                    "end_to_end_id",
                    _("No payment was sent under the id %(id)s.") % {"id": tx.end_to_end_id[:40]},
                    "unknown_id",
                    location="file",
                    row=tx.position,
                )
            )
        elif row.attempt == key[2]:
            by_e2e[tx.end_to_end_id.strip()] = row
    return by_e2e, errors


def _run_of(report: StatusReport, run: PayrollRun | None, listed: dict) -> tuple[PayrollRun, BankFile | None]:
    sent_file = (
        BankFile.objects.select_related("run").filter(message_id=report.original_message_id).first()
        if report.original_message_id
        else None
    )
    if report.original_message_id and sent_file is None:
        raise DomainError.one(
            "OrgnlMsgId",
            _("This report answers %(id)s, a file An Sinh did not send.") % {"id": report.original_message_id[:35]},
            "unknown_file",
            location="file",
        )
    runs = {sent_file.run_id} if sent_file else {row.run_id for row in listed.values()}
    if run is not None and runs - {run.pk}:
        raise DomainError.one("file", _("This report is about another payroll run."), "other_run", location="file")
    if len(runs) != 1:
        raise DomainError.one(
            "file", _("The report names payments of no single payroll run."), "no_run", location="file"
        )
    return PayrollRun.objects.select_for_update().get(pk=runs.pop()), sent_file


def _unlisted(report: StatusReport, sent_file: BankFile | None, listed: dict) -> dict[int, str]:
    """Status codes for the payments of the answered file that the report does not list: their block's status,
    else the file's; under PART (a negative report) every payment it does not refuse went through."""
    if sent_file is None or sent_file.kind != "pain001":
        return {}
    codes = [code for code in banks.banks() if banks.paying_bank(code) == sent_file.channel_code]
    rows = sent_file.run.payments.filter(method=Method.BANK, bank_code__in=codes).values_list(
        "id", "bank_code", "amount", "entitlement__kind"
    )
    frame = pl.DataFrame(list(rows), schema=["id", "bank_code", "amount", "kind"], orient="row").filter(
        ~pl.col("id").is_in([row.pk for row in listed.values()])
    )
    if frame.is_empty():
        return {}
    frame = block_key(frame, sent_file.channel_code).with_columns(
        pl.format(f"{sent_file.message_id}-{{}}-{{}}", "category_purpose", "clearing").alias("block")
    )
    partial = PARTIAL in {report.group_status, *(status for status, _reason in report.block_statuses.values())}
    decided = {}
    for pk, block in frame.select("id", "block").iter_rows():
        code = report.block_statuses.get(block, ("", ""))[0] or report.group_status
        if code == PARTIAL or (not code and partial):
            code = "ACSC"
        if code:
            decided[pk] = code
    return decided


def _decisions(
    report: StatusReport, listed: dict, unlisted: dict[int, str]
) -> dict[int, tuple[str, str, str, dt.date | None]]:
    """Instruction id → (outcome, ISO code, reason, settled on)."""
    decided = {pk: (outcome(code), code, report.group_reason, None) for pk, code in unlisted.items()}
    for tx in report.transactions:
        row = listed.get(tx.end_to_end_id.strip())
        if row is None:
            continue
        block = report.block_statuses.get(report.block_of.get(tx.end_to_end_id, ""), ("", ""))[0]
        code = tx.status or (block if block != PARTIAL else "") or report.group_status
        if code and code != PARTIAL:
            decided[row.pk] = (
                outcome(code),
                code,
                " ".join(filter(None, [tx.reason_code, tx.reason_text]))[:200],
                tx.settled_on,
            )
    return decided


def _apply(run: PayrollRun, decided: dict, when: dt.date) -> dict[str, list[int]]:
    """Move each payment on; a refusal may follow a settlement (money returned), nothing else goes back."""
    current = dict(run.payments.values_list("id", "status"))
    moved: dict[str, list[int]] = defaultdict(list)
    paid_on, reasons = defaultdict(list), defaultdict(list)
    for pk, (result, _code, reason, day) in decided.items():
        before = current.get(pk)
        if result == S.PAID and before in OPEN:
            paid_on[day or when].append(pk)
        elif result == S.REJECTED and before in (*OPEN, S.PAID):
            reasons[reason].append(pk)
        elif not (result == S.ACCEPTED and before == S.SENT):
            continue
        moved[result].append(pk)
    _update(moved[S.ACCEPTED], status=S.ACCEPTED)
    for day, ids in paid_on.items():
        _update(ids, status=S.PAID, paid_on=day)
    for reason, ids in reasons.items():
        _update(ids, status=S.REJECTED, reject_reason=reason, paid_on=None)
    return moved


def _update(ids: list[int], **values) -> None:
    for start in range(0, len(ids), UPDATE_CHUNK):
        PaymentInstruction.objects.filter(id__in=ids[start : start + UPDATE_CHUNK]).update(**values)


def _to_cash(rejected: list[int], decided: dict, by_user) -> int:
    """People whose account was refused: their channel becomes cash at their commune's post office."""
    refused = [pk for pk in rejected if decided[pk][2].split(" ")[0].upper() in ACCOUNT_REASONS]
    people = PaymentInstruction.objects.filter(pk__in=refused).values_list("person_id", flat=True)
    moved = 0
    for channel in PaymentChannel.objects.filter(person_id__in=list(people), method=Method.BANK).select_related(
        "person__commune"
    ):
        before = {"method": channel.method, "bank_code": channel.bank_code, "account_number": channel.account_number}
        channel.method, channel.bank_code, channel.account_number = Method.CASH, "", ""
        channel.post_office_code = post_office_code(channel.person.commune.code)
        channel.updated_at = timezone.now()
        channel.save()
        ChannelChange.objects.create(
            person_id=channel.person_id,
            before=before,
            after={"method": "cash", "post_office_code": channel.post_office_code},
            reason=_("Bank refused the account"),
            changed_by=by_user,
        )
        moved += 1
    return moved


def _check_sender(by_user, sent_file: BankFile | None, listed: dict) -> None:
    """A bank reports only on the files it was sent."""
    code = getattr(by_user, "org_code", "") if getattr(by_user, "role", "") == "bank" else None
    if code is None:
        return
    paying = (
        {sent_file.channel_code}
        if sent_file
        else {banks.paying_bank(r.bank_code) for r in listed.values() if r.bank_code}
    )
    if paying != {code}:
        raise DomainError.one(
            "file", _("A bank may only report on the payments it was sent."), "not_your_file", location="file"
        )


@transaction.atomic
def import_return(run: PayrollRun | None, file_name: str, content: bytes, by_user=None) -> ReturnImport:
    digest = hashlib.sha256(content).hexdigest()
    if ReturnImport.objects.filter(sha256=digest).exists():
        raise DomainError.one("file", _("This return file was already imported."), "duplicate_file")
    report = reports.read(content)
    listed, errors = _instructions(report)
    if errors:
        raise DomainError(errors)
    run, sent_file = _run_of(report, run, listed)
    _check_sender(by_user, sent_file, listed)
    if run.state not in (PayrollRun.State.SENT, PayrollRun.State.RECONCILED):
        raise DomainError.one("state", _("Returns are imported for a sent run."), "bad_state")
    decided = _decisions(report, listed, _unlisted(report, sent_file, listed))
    moved = _apply(run, decided, report.created_on or timezone.localdate())
    source = ReturnImport.objects.create(
        run=run,
        file_name=file_name[:200],
        sha256=digest,
        format=report.format,
        report_id=report.message_id[:60],
        rows=len(decided),
        paid=len(moved[S.PAID]),
        accepted=len(moved[S.ACCEPTED]),
        rejected=len(moved[S.REJECTED]),
        imported_by=by_user if getattr(by_user, "pk", None) else None,
    )
    attempts = dict(
        PaymentInstruction.objects.filter(pk__in=[pk for ids in moved.values() for pk in ids]).values_list(
            "id", "attempt"
        )
    )
    bulk_insert(
        ReturnRecord,
        ["source_id", "instruction_id", "attempt", "status", "code", "reason"],
        [
            (source.pk, pk, attempts[pk], result, decided[pk][1], decided[pk][2])
            for result, ids in moved.items()
            for pk in ids
        ],
    )
    to_cash = _to_cash(moved[S.REJECTED], decided, by_user)
    if not run.payments.filter(status__in=OPEN).exists():
        run.state, run.reconciled_at = PayrollRun.State.RECONCILED, run.reconciled_at or timezone.now()
        run.save()
    audit.record_batch(
        "benefits.returnimport",
        source.pk,
        f"{report.format} {file_name} for {run.period}: {source.paid} paid, "
        f"{source.accepted} accepted, {source.rejected} rejected, {to_cash} moved to cash",
    )
    return source
