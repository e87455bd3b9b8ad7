"""Importing a bank file of account movements: camt.053, camt.054, MT940 or a Vietnamese bank's export.

Only booked credits on the agency's collection accounts become payments. Debits (fees, transfers out),
pending entries and reversals are listed as not recorded, with the reason, and never refuse the file. A
line without the bank's reference (NONREF exports) gets a key made of its date, amount, text and place
among identical lines, so the same file read again still pays once. A bad line refuses the whole file
with every row named; the database is then as it was.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from django.db import transaction
from django.utils.translation import gettext as _

from ansinh.banking import statements
from ansinh.banking.records import Line, Statement
from ansinh.contributions.bank_accounts import accounts_of_bank, collection_accounts
from ansinh.contributions.models import Payment, StatementImport
from ansinh.contributions.payments import record_lines
from ansinh.core import audit
from ansinh.core.errors import DomainError, FieldError
from ansinh.core.roles import Role

MAX_IGNORED_LISTED = 1_000


def _ignore_reason(line: Line) -> str:
    if not line.booked:
        return "pending"
    if line.reversal:
        return "reversal"
    return "" if line.credit else "debit"


def _with_keys(lines: list[Line]) -> list[Line]:
    """Give each line without a bank reference a stable key of its own."""
    seen: Counter = Counter()
    for line in lines:
        if not line.bank_reference:
            digest = hashlib.sha1(line.text.encode()).hexdigest()[:8]
            group = (line.account, line.booking_date, line.amount, digest)
            seen[group] += 1
            line.bank_reference = f"NOREF-{line.booking_date:%Y%m%d}-{line.amount}-{digest}-{seen[group]}"
    return lines


def _check_accounts(statement: Statement, account: str, by_user) -> None:
    """Every line on one of our collection accounts, and a bank only for its own accounts."""
    ours = collection_accounts()
    allowed = set(accounts_of_bank(by_user.org_code)) if getattr(by_user, "role", "") == Role.BANK else set(ours)
    account = account or (next(iter(allowed)) if len(allowed) == 1 else "")  # a bank with one account need not name it
    errors = []
    for line in statement.lines:
        line.account = line.account or account
        if not line.account:
            errors.append(
                FieldError(
                    "account",
                    _("The file does not name its account: choose the account it is for."),
                    "missing_account",
                    location="file",
                )
            )
            break
        if line.account not in allowed:
            message = (
                _("Account %(acct)s is not one of the agency's collection accounts.")
                if line.account not in ours
                else _("Account %(acct)s is not held at your bank.")
            ) % {"acct": line.account}
            errors.append(FieldError("account", message, "foreign_account", location="file", row=line.position))
            break
    if errors:
        raise DomainError(errors)


def _ignored(lines: list[Line]) -> list[dict]:
    return [
        {
            "row": line.position,
            "reason": _ignore_reason(line),
            "amount": line.amount,
            "credit": line.credit,
            "reference": line.bank_reference,
            "text": line.text[:80],
        }
        for line in lines
        if _ignore_reason(line)
    ]


def _summary(record: StatementImport, results: list[tuple[Payment, bool]]) -> None:
    new = [p for p, created in results if created]
    record.new_payments, record.known_payments = len(new), len(results) - len(new)
    record.suspense = sum(1 for p in new if p.status == Payment.Status.SUSPENSE)
    record.amount_new = sum(p.amount for p in new)
    record.save()


def import_statement(
    content: bytes,
    file_name: str,
    by_user=None,
    channel: str = StatementImport.Channel.UPLOAD,
    account: str = "",
    encoding: str = "",
) -> StatementImport:
    """Read and record one bank file; the same file again returns the earlier import, recording nothing."""
    digest = hashlib.sha256(content).hexdigest()
    earlier = StatementImport.objects.filter(sha256=digest).first()
    if earlier is not None:
        earlier.already_imported = True
        return earlier
    statement = statements.read(content, encoding)
    _check_accounts(statement, account.strip().replace(" ", ""), by_user)
    credits = _with_keys([line for line in statement.lines if not _ignore_reason(line)])
    ignored = _ignored(statement.lines)
    source = Payment.Source.NOTIFICATION if statement.format.startswith("camt.054") else Payment.Source.BANK
    with transaction.atomic():
        record = StatementImport.objects.create(
            file_name=file_name[:200],
            sha256=digest,
            format=statement.format,
            message_id=statement.message_id[:60],
            channel=channel,
            accounts=",".join(statement.accounts)[:200],
            lines=len(statement.lines),
            credits=len(credits),
            ignored=ignored[:MAX_IGNORED_LISTED],
            imported_by=by_user if getattr(by_user, "pk", None) else None,
        )
        _summary(record, record_lines(credits, source, by_user=by_user, statement=record))
        audit.record_batch(
            "contributions.statementimport",
            record.pk,
            f"{statement.format} {file_name}: {record.new_payments} new payments, {record.known_payments} "
            "already recorded, "
            f"{record.suspense} in suspense, {len(ignored)} lines not recorded",
            {"new": record.new_payments, "known": record.known_payments, "ignored": len(ignored)},
        )
    return record
