"""ISO 20022 pain.002: the bank's payment status report about a pain.001 file we sent.

A report names the original file (OrgnlMsgId), may give a status for the whole file (GrpSts), for each
payment block (PmtInfSts) and for each payment (TxSts, with a reason code such as AC04). Banks send
positive reports (every payment listed as settled), negative ones (only the refused payments, the group
status PART or ACCP/ACSC saying the rest went through) and file-level rejections (GrpSts RJCT, no payment
listed). This module only reads; what a status means for a payment is decided by the payroll.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from ansinh.banking import xmlfiles
from ansinh.banking.records import StatusReport, TransactionStatus
from ansinh.core.errors import DomainError, FieldError

SUPPORTED = ("pain.002.001.03", "pain.002.001.10", "pain.002.001.11")
MAX_TRANSACTIONS = 500_000
STATUSES = {
    "ACCP",
    "ACSC",
    "ACSP",
    "ACTC",
    "ACWC",
    "ACWP",
    "ACCC",
    "ACFC",
    "PART",
    "PDNG",
    "RCVD",
    "RJCT",
    "CANC",
    "BLCK",
    "PATC",
    "STNP",
}


def _reason(r, node) -> tuple[str, str]:
    code = r.text(node, "StsRsnInf/Rsn/Cd") or r.text(node, "StsRsnInf/Rsn/Prtry")
    return code, " ".join(r.texts(node, "StsRsnInf/AddtlInf"))[:200]


def _status(text: str, node, field: str, errors: list) -> str:
    if text and text not in STATUSES:
        errors.append(
            FieldError(
                field,
                _("Unknown status code %(code)s.") % {"code": text},
                "bad_status",
                location="file",
                row=node.sourceline,
            )
        )
    return text


def read(root, name: str) -> StatusReport:
    if name not in SUPPORTED:
        raise DomainError.one(
            "file", _("%(name)s is not read; send pain.002.001.03, .10 or .11.") % {"name": name}, "unsupported"
        )
    if xmlfiles.shipped(name):
        xmlfiles.validate(root, name)
    r = xmlfiles.Reader(xmlfiles.namespace(name))
    top = r.first(root, "CstmrPmtStsRpt")
    group = r.first(top, "OrgnlGrpInfAndSts") if top is not None else None
    if group is None or not r.text(group, "OrgnlMsgId"):
        raise DomainError.one(
            "OrgnlGrpInfAndSts",
            _("The report does not name the file it answers (OrgnlMsgId)."),
            "missing",
            location="file",
        )
    errors: list[FieldError] = []
    code, text = _reason(r, group)
    created = r.text(top, "GrpHdr/CreDtTm")[:10]
    report = StatusReport(
        name,
        r.text(top, "GrpHdr/MsgId"),
        r.text(group, "OrgnlMsgId"),
        dt.date.fromisoformat(created) if created else None,
        _status(r.text(group, "GrpSts"), group, "GrpSts", errors),
        " ".join(filter(None, [code, text])),
    )
    for block in r.all(top, "OrgnlPmtInfAndSts"):
        block_id = r.text(block, "OrgnlPmtInfId")
        block_status = _status(r.text(block, "PmtInfSts"), block, "PmtInfSts", errors)
        if block_status:
            report.block_statuses[block_id] = (block_status, " ".join(filter(None, _reason(r, block))))
        for tx in r.all(block, "TxInfAndSts"):
            e2e = r.text(tx, "OrgnlEndToEndId")
            if not e2e:
                errors.append(
                    FieldError(
                        "OrgnlEndToEndId",
                        _("A payment status without the end-to-end id of the payment."),
                        "missing",
                        location="file",
                        row=tx.sourceline,
                    )
                )
                continue
            reason_code, reason_text = _reason(r, tx)
            report.transactions.append(
                TransactionStatus(
                    e2e, _status(r.text(tx, "TxSts"), tx, "TxSts", errors), reason_code, reason_text, tx.sourceline or 0
                )
            )
            report.block_of[e2e] = block_id
            if len(report.transactions) > MAX_TRANSACTIONS:
                raise DomainError.one(
                    "file",
                    _("The report lists more than %(n)s payments.") % {"n": MAX_TRANSACTIONS},
                    "too_many_rows",
                    location="file",
                )
    if errors:
        raise DomainError(errors)
    return report
