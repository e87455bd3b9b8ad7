"""ISO 20022 camt.053 (bank-to-customer statement) and camt.054 (debit/credit notification).

Both carry the same entries (Ntry): an amount with its currency, credit or debit, a status (only BOOK
is money on the account), the booking date, the bank's own reference (AcctSvcrRef) and the details of
one or several transactions (a batch entry). Each transaction becomes one line; its bank reference is
its own AcctSvcrRef, or the entry's when the entry holds one transaction, or the entry's followed by the
end-to-end id when a batch gives only one reference. Versions .02 and .08 are read, each validated
against its ISO schema first.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from ansinh.banking import amounts, xmlfiles
from ansinh.banking.records import Line, Statement
from ansinh.core.errors import DomainError, FieldError

CONTAINERS = {"camt.053": ("BkToCstmrStmt", "Stmt"), "camt.054": ("BkToCstmrDbtCdtNtfctn", "Ntfctn")}
SUPPORTED = ("camt.053.001.02", "camt.053.001.08", "camt.054.001.02", "camt.054.001.08")


class _EntryError(Exception):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def _amount(node) -> int:
    if node is None:
        raise _EntryError("Amt", _("The amount is missing."))
    try:
        amounts.check_currency(node.get("Ccy"))
        return amounts.from_decimal(Decimal((node.text or "").strip()))
    except InvalidOperation:
        raise _EntryError("Amt", _("Not an amount: %(value)r.") % {"value": node.text}) from None
    except amounts.AmountError as exc:
        raise _EntryError("Amt", str(exc)) from None


def _account(r, report) -> str:
    return (r.text(report, "Acct/Id/IBAN") or r.text(report, "Acct/Id/Othr/Id")).replace(" ", "")


def _day(r, entry) -> dt.date:
    for path in ("BookgDt/Dt", "BookgDt/DtTm", "ValDt/Dt", "ValDt/DtTm"):
        text = r.text(entry, path)
        if text:
            return dt.date.fromisoformat(text[:10])
    raise _EntryError("BookgDt", _("The booking date is missing."))


def _code(r, node) -> str:
    domain = "/".join(
        filter(
            None,
            [
                r.text(node, "BkTxCd/Domn/Cd"),
                r.text(node, "BkTxCd/Domn/Fmly/Cd"),
                r.text(node, "BkTxCd/Domn/Fmly/SubFmlyCd"),
            ],
        )
    )
    return domain or r.text(node, "BkTxCd/Prtry/Cd")


def _party(r, tx, role: str) -> tuple[str, str]:
    name = r.text(tx, f"RltdPties/{role}/Pty/Nm") or r.text(tx, f"RltdPties/{role}/Nm")
    account = r.text(tx, f"RltdPties/{role}Acct/Id/IBAN") or r.text(tx, f"RltdPties/{role}Acct/Id/Othr/Id")
    return name, account


def _tx_line(r, tx, base: Line, reference: str, amount: int) -> Line:
    direction = r.text(tx, "CdtDbtInd")
    debtor, debtor_account = _party(r, tx, "Dbtr")
    text = " ".join([*r.texts(tx, "RmtInf/Ustrd"), r.text(tx, "AddtlTxInf")]).strip()
    return Line(
        base.position,
        base.account,
        base.booking_date,
        amount,
        direction != "DBIT" if direction else base.credit,
        bank_reference=reference,
        end_to_end_id=r.text(tx, "Refs/EndToEndId").replace("NOTPROVIDED", ""),
        structured_reference=r.text(tx, "RmtInf/Strd/CdtrRefInf/Ref"),
        text=text or base.text,
        debtor_name=debtor,
        debtor_account=debtor_account,
        booked=base.booked,
        reversal=base.reversal,
        code=_code(r, tx) or base.code,
    )


def _tx_amount(r, tx) -> object:
    return r.first(tx, "Amt") if r.first(tx, "Amt") is not None else r.first(tx, "AmtDtls/TxAmt/Amt")


def _entry(r, entry, account: str) -> list[Line]:
    total = _amount(r.first(entry, "Amt"))
    status = r.text(entry, "Sts/Cd") or r.text(entry, "Sts")
    base = Line(
        entry.sourceline or 0,
        account,
        _day(r, entry),
        total,
        r.text(entry, "CdtDbtInd") == "CRDT",
        bank_reference=r.text(entry, "AcctSvcrRef"),
        text=r.text(entry, "AddtlNtryInf"),
        booked=status == "BOOK",
        reversal=r.text(entry, "RvslInd").lower() == "true",
        code=_code(r, entry),
    )
    details = r.all(entry, "NtryDtls/TxDtls")
    if len(details) <= 1:
        tx = details[0] if details else None
        return [
            _tx_line(r, tx, base, r.text(tx, "Refs/AcctSvcrRef") or base.bank_reference, total)
            if tx is not None
            else base
        ]
    lines = []
    for number, tx in enumerate(details, start=1):
        own = r.text(tx, "Refs/AcctSvcrRef")
        key = own or (
            f"{base.bank_reference}/{r.text(tx, 'Refs/EndToEndId') or r.text(tx, 'Refs/TxId') or number}"
            if base.bank_reference
            else ""
        )
        lines.append(_tx_line(r, tx, base, key, _amount(_tx_amount(r, tx))))
    if sum(line.amount if line.credit else -line.amount for line in lines) != (total if base.credit else -total):
        raise _EntryError("NtryDtls", _("The transactions of this batch entry do not add up to its amount."))
    return lines


def read(root, name: str) -> Statement:
    """Every entry of every statement/notification in the file; DomainError naming each bad entry."""
    if name not in SUPPORTED:
        raise DomainError.one(
            "file",
            _("%(name)s is not read; send camt.053 or camt.054 in version .02 or .08.") % {"name": name},
            "unsupported",
        )
    xmlfiles.validate(root, name)
    r = xmlfiles.Reader(xmlfiles.namespace(name))
    top, container = CONTAINERS[name[:8]]
    statement = Statement(name, r.text(root, f"{top}/GrpHdr/MsgId"))
    errors = []
    for report in r.all(root, f"{top}/{container}"):
        account = _account(r, report)
        for entry in r.all(report, "Ntry"):
            try:
                statement.lines += _entry(r, entry, account)
            except (_EntryError, ValueError) as exc:
                field, message = (exc.field, exc.message) if isinstance(exc, _EntryError) else ("BookgDt", str(exc))
                errors.append(FieldError(f"Ntry/{field}", message, "bad_entry", location="file", row=entry.sourceline))
    if errors:
        raise DomainError(errors)
    return statement
