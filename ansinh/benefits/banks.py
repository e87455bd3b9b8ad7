"""The bank reference table (data/banks.csv), how each bank is paid (data/clearing.csv, data/payment_purposes.csv),
post-office cash points, and account validation."""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

DATA = Path(__file__).parent / "data"
BANKS_FILE = DATA / "banks.csv"
POST_OFFICE_PREFIX = "VNP"  # cash points are the post office of each commune: VNP<commune code>


@dataclass(frozen=True)
class Bank:
    code: str
    bin: str
    citad: str
    bic: str
    name: str
    min_length: int
    max_length: int
    agency_account: str = ""
    file_format: str = ""
    pays_others: bool = False


@dataclass(frozen=True)
class Clearing:
    system: str
    member_id_column: str
    max_amount: int | None


@dataclass(frozen=True)
class Purpose:
    category_purpose: str
    purpose: str
    remittance: str


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


@functools.cache
def banks() -> dict[str, Bank]:
    return {
        r["code"]: Bank(
            r["code"],
            r["bin"],
            r["citad"],
            r["bic"],
            r["name"],
            int(r["min_length"]),
            int(r["max_length"]),
            r["agency_account"],
            r["file_format"],
            r["pays_others"] == "yes",
        )
        for r in _rows(BANKS_FILE)
    }


@functools.cache
def clearing_systems() -> list[Clearing]:
    return [
        Clearing(r["system"], r["member_id_column"], int(r["max_amount"]) if r["max_amount"] else None)
        for r in _rows(DATA / "clearing.csv")
    ]


@functools.cache
def purposes() -> dict[str, Purpose]:
    return {
        r["kind"]: Purpose(r["category_purpose"], r["purpose"], r["remittance"])
        for r in _rows(DATA / "payment_purposes.csv")
    }


@functools.cache
def paying_bank(bank_code: str) -> str:
    """The bank whose agency account pays a beneficiary at `bank_code`: that bank, or the one that pays for the
    others."""
    table = banks()
    if table[bank_code].agency_account:
        return bank_code
    return next(b.code for b in table.values() if b.pays_others)


def clearing_for(bank_code: str, amount: int) -> tuple[str, str]:
    """(clearing system, member id) of an interbank transfer to `bank_code`: the first system whose limit allows it."""
    bank = banks()[bank_code]
    for system in clearing_systems():
        if system.max_amount is None or amount <= system.max_amount:
            return system.system, getattr(bank, system.member_id_column)
    raise ValueError(f"no clearing system takes {amount}")


def account_errors(bank_code: str, account_number: str) -> dict[str, str]:
    """Field → message for every problem with a bank account; empty when it is valid."""
    bank = banks().get(bank_code)
    if bank is None:
        return {"bank_code": _("Unknown bank code %(code)s.") % {"code": bank_code}}
    if not account_number.isdigit():
        return {"account_number": _("An account number has digits only.")}
    if not bank.min_length <= len(account_number) <= bank.max_length:
        return {
            "account_number": _("%(bank)s account numbers have %(min)s to %(max)s digits (got %(n)s).")
            % {"bank": bank.code, "min": bank.min_length, "max": bank.max_length, "n": len(account_number)}
        }
    return {}


def post_office_code(commune_code: str) -> str:
    return f"{POST_OFFICE_PREFIX}{commune_code}"


def is_post_office_code(code: str) -> bool:
    return code.startswith(POST_OFFICE_PREFIX) and code[len(POST_OFFICE_PREFIX) :].isdigit()
