"""What the readers give back: plain values, whatever the format they came in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Line:
    """One booked (or pending) movement on an account, as the bank reported it."""

    position: int  # where it is in the file: entry number, row number or :61: number
    account: str  # the account it was booked on (digits or IBAN, no spaces)
    booking_date: dt.date
    amount: int  # whole đồng, positive; `credit` tells the direction
    credit: bool
    bank_reference: str = ""  # the bank's own reference (AcctSvcrRef, :61: //reference, Số tham chiếu)
    end_to_end_id: str = ""
    structured_reference: str = ""  # creditor reference (RmtInf/Strd/CdtrRefInf/Ref)
    text: str = ""  # remittance and additional information, as written
    debtor_name: str = ""
    debtor_account: str = ""
    booked: bool = True
    reversal: bool = False
    code: str = ""  # bank transaction code or MT940 type (NTRF, NCHG, PMNT/RCDT/ESCT …)


@dataclass
class Statement:
    """A statement, intraday report or notification: the lines of one file."""

    format: str  # e.g. "camt.053.001.08", "mt940", "vn-table"
    message_id: str = ""
    lines: list[Line] = field(default_factory=list)

    @property
    def accounts(self) -> list[str]:
        return sorted({line.account for line in self.lines if line.account})


@dataclass
class TransactionStatus:
    end_to_end_id: str
    status: str  # ISO 20022 status code (ACSC, RJCT …)
    reason_code: str = ""
    reason_text: str = ""
    position: int = 0  # line in the file, for error messages
    settled_on: dt.date | None = None


@dataclass
class StatusReport:
    """A payment status report (pain.002, or a bank's result sheet) about one payment file we sent."""

    format: str
    message_id: str
    original_message_id: str
    created_on: dt.date | None = None
    group_status: str = ""  # status of the whole original file, when given
    group_reason: str = ""
    block_statuses: dict[str, tuple[str, str]] = field(default_factory=dict)  # PmtInfId → (status, reason)
    transactions: list[TransactionStatus] = field(default_factory=list)
    block_of: dict[str, str] = field(default_factory=dict)  # EndToEndId → PmtInfId, when told
