"""Indexation of pensions and monthly SI allowances (Law 41/2024 Art. 67; each raise is a Government decree,
stored as a version of pension.indexation with its percent and the kinds it raises)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ansinh.benefits.rules.career import money


def raises_since(params, kind: str, start: dt.date) -> list:
    """The indexation versions in force after `start` (up to the set's date) that raise this kind."""
    return [v for v in params.series("pension.indexation", start) if v.valid_from > start and kind in v.value["kinds"]]


def indexed_amount(params, kind: str, amount: int, start: dt.date) -> tuple[int, list[dict]]:
    """The amount awarded on `start` after every raise since, each rounded to whole đồng; with the steps."""
    steps = []
    for v in raises_since(params, kind, start):
        before = amount
        amount = money(Decimal(amount) * (100 + Decimal(str(v.value["pct"]))) / 100)
        steps.append({"code": "indexation", "values": {"from": v.valid_from.isoformat(), "pct": v.value["pct"], "before": before,
                                                        "after": amount, "source": v.source}})
    return amount, steps
