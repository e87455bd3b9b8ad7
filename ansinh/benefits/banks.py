"""The bank reference table (data/banks.csv) and post-office cash points; account validation."""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

BANKS_FILE = Path(__file__).parent / "data" / "banks.csv"
POST_OFFICE_PREFIX = "VNP"  # cash points are the post office of each commune: VNP<commune code>


@dataclass(frozen=True)
class Bank:
    code: str
    bin: str
    bic: str
    name: str
    min_length: int
    max_length: int
    agency_account: str


@functools.cache
def banks() -> dict[str, Bank]:
    with BANKS_FILE.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return {r["code"]: Bank(r["code"], r["bin"], r["bic"], r["name"], int(r["min_length"]), int(r["max_length"]), r["agency_account"]) for r in rows}


def account_errors(bank_code: str, account_number: str) -> dict[str, str]:
    """Field → message for every problem with a bank account; empty when it is valid."""
    bank = banks().get(bank_code)
    if bank is None:
        return {"bank_code": _("Unknown bank code %(code)s.") % {"code": bank_code}}
    if not account_number.isdigit():
        return {"account_number": _("An account number has digits only.")}
    if not bank.min_length <= len(account_number) <= bank.max_length:
        return {"account_number": _("%(bank)s account numbers have %(min)s to %(max)s digits (got %(n)s).")
                % {"bank": bank.code, "min": bank.min_length, "max": bank.max_length, "n": len(account_number)}}
    return {}


def post_office_code(commune_code: str) -> str:
    return f"{POST_OFFICE_PREFIX}{commune_code}"


def is_post_office_code(code: str) -> bool:
    return code.startswith(POST_OFFICE_PREFIX) and code[len(POST_OFFICE_PREFIX):].isdigit()
