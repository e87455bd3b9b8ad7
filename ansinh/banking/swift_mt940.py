"""SWIFT MT940 customer statements, read with the `mt-940` library.

Each :61: statement line becomes one line: its debit/credit mark (C, D and the reversals RC, RD), the
amount (comma decimals, exact), the booking and value dates, the customer reference (NONREF when there
is none) and, after //, the bank's own reference that identifies the transaction. The :86: information
that follows is the line's free text. The account is field :25: (a BIC or bank code may precede it,
separated by /).
"""

from __future__ import annotations

import datetime as dt

import mt940
from django.utils.translation import gettext as _

from ansinh.banking import amounts
from ansinh.banking.records import Line, Statement
from ansinh.core.errors import DomainError, FieldError


def looks_like(text: str) -> bool:
    head = text.lstrip()[:400]
    return head.startswith("{1:") or head.startswith(":20:") or "\n:20:" in head or "\n:25:" in head


def _as_date(value) -> dt.date:
    return dt.date(value.year, value.month, value.day)


def _line(number: int, tx, account: str) -> Line:
    data = tx.data
    mark = (data.get("status") or "").upper()
    amounts.check_currency(data.get("currency"))
    amount = abs(amounts.from_decimal(data["amount"].amount))
    customer_ref = (data.get("customer_reference") or "").strip()
    return Line(
        number,
        account,
        _as_date(data.get("entry_date") or data["date"]),
        amount,
        credit=mark in ("C", "RD"),
        bank_reference=(data.get("bank_reference") or "").strip(),
        end_to_end_id="" if customer_ref.upper() == "NONREF" else customer_ref,
        text="".join((data.get("transaction_details") or "").splitlines()).strip(),
        reversal=mark.startswith("R"),
        code=(data.get("id") or "").strip(),
    )


def read(text: str) -> Statement:
    try:
        transactions = mt940.models.Transactions()
        transactions.parse(text)
    except Exception as exc:  # the library raises several kinds; any of them means a malformed statement
        raise DomainError.one(
            "file", _("Not a readable MT940 statement: %(msg)s") % {"msg": str(exc)[:200]}, "bad_mt940", location="file"
        ) from None
    account = (transactions.data.get("account_identification") or "").rsplit("/", 1)[-1].replace(" ", "")
    if not account:
        raise DomainError.one(
            ":25:", _("The statement does not name its account (field :25:)."), "missing", location="file"
        )
    statement, errors = Statement("mt940", transactions.data.get("transaction_reference") or ""), []
    for number, tx in enumerate(transactions, start=1):
        try:
            statement.lines.append(_line(number, tx, account))
        except (amounts.AmountError, KeyError, ValueError) as exc:
            errors.append(
                FieldError(
                    ":61:",
                    _("Statement line %(n)s: %(msg)s") % {"n": number, "msg": exc},
                    "bad_line",
                    location="file",
                    row=number,
                )
            )
    if errors:
        raise DomainError(errors)
    return statement
