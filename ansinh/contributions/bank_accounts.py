"""The agency's collection accounts (data/collection_accounts.csv): money is only recorded on them."""

from __future__ import annotations

import csv
import functools
from pathlib import Path

ACCOUNTS_FILE = Path(__file__).parent / "data" / "collection_accounts.csv"


@functools.cache
def collection_accounts() -> dict[str, str]:
    """Account number → bank code."""
    with ACCOUNTS_FILE.open(encoding="utf-8") as fh:
        return {
            r["account_number"]: r["bank_code"] for r in csv.DictReader(line for line in fh if not line.startswith("#"))
        }


def accounts_of_bank(bank_code: str) -> list[str]:
    return [number for number, code in collection_accounts().items() if code == bank_code]
