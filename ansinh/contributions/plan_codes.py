"""Plan codes (mã phương án) of the labour-change list: a data table (data/plan_codes.csv, with its sources),
read once. Each code names one action on the worker's employment spells.

Actions: join / transfer_in (open a spell), return (reopen after a suspension), change / title_change (close
and reopen with new pay or title), suspend (unpaid, sick or maternity leave), leave / transfer_out (close),
back_pay / refund (past months added or taken away), hi_back_pay / hi_refund (health insurance only for past
months), unsupported (known, not handled electronically).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import get_language

from ansinh.contributions.declaration_values import plain

_FILE = Path(__file__).parent / "data" / "plan_codes.csv"
_LEADING_CODE = re.compile(r"^\s*([A-Za-z]{2,5})(?:\s*[-–:.,(]|\s|$)")
# An Sinh's own simple template named the changes in English words before the form's codes were accepted.
WORDS = {
    "hire": "TM",
    "salary_change": "DC",
    "unpaid_leave": "KL",
    "maternity_leave": "TS",
    "sick_leave": "OF",
    "return": "ON",
    "termination": "GH",
    "transfer_in": "TD",
    "transfer_out": "GD",
    "title_change": "CD",
}
OPENS = {"join", "transfer_in", "return"}
CLOSES = {"change", "title_change", "suspend", "leave", "transfer_out"}
REOPENS = {"change", "title_change"}
PAST_MONTHS = {"back_pay", "refund", "hi_back_pay", "hi_refund"}
NEEDS_PAY = {"join", "transfer_in", "change", "back_pay", "hi_back_pay"}


@dataclass(frozen=True)
class PlanCode:
    code: str
    action: str
    direction: str
    valid_from: dt.date
    label_vi: str
    label_en: str

    @property
    def label(self) -> str:
        return self.label_vi if (get_language() or "vi").startswith("vi") else self.label_en


@functools.cache
def plan_codes() -> dict[str, PlanCode]:
    with _FILE.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return {
            row["code"]: PlanCode(
                row["code"],
                row["action"],
                row["direction"],
                dt.date.fromisoformat(row["valid_from"]),
                row["label_vi"],
                row["label_en"],
            )
            for row in rows
        }


def accepted_codes() -> list[str]:
    return [code for code, plan in plan_codes().items() if plan.action != "unsupported"]


def code_in(text: str) -> str:
    """The plan code a cell names: 'TM', 'tm', 'TM - Tăng mới', 'TM-Tăng mới', or an English word of the
    simple template ('hire'). Empty when the text names none."""
    text = (text or "").strip()
    if text.lower() in WORDS:
        return WORDS[text.lower()]
    match = _LEADING_CODE.match(text)
    if match and match.group(1).upper() in plan_codes():
        return match.group(1).upper()
    by_label = {plain(plan.label_vi): code for code, plan in plan_codes().items()}
    return by_label.get(plain(text), "")
