"""Indexation of pensions and monthly SI allowances (Law 41/2024 Art. 67; each raise is a Government decree,
stored as a version of pension.indexation with its percent and the kinds it raises).

Some decrees add an extra raise for benefits that started before 1995 (pension.indexation_pre1995): after the
percent raise of the same date, a low amount gets a fixed sum or is lifted to a floor. Those versions are
applied only once in force; while provisional they are listed as announced changes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ansinh.benefits.rules.career import money

PRE_1995 = "pension.indexation_pre1995"


def raises_since(params, kind: str, start: dt.date) -> list:
    """The indexation versions in force after `start` (up to the set's date) that raise this kind."""
    return [v for v in params.series("pension.indexation", start) if v.valid_from > start and kind in v.value["kinds"]]


def _applies_to(version, kind: str, start: dt.date) -> bool:
    return kind in version.value["kinds"] and start < dt.date.fromisoformat(version.value["started_before"])


def extra_raises(params, kind: str, start: dt.date) -> dict[dt.date, object]:
    """The in-force extra raises for old benefits that this benefit gets, by date; the provisional ones that
    would apply are recorded as announcements."""
    params.pending(PRE_1995)
    return {
        v.valid_from: v for v in params.series(PRE_1995, start) if v.valid_from > start and _applies_to(v, kind, start)
    }


def topped_up(amount: int, rule: dict) -> int:
    """The extra raise: under add_below + add; from add_below to under up_to, up_to; otherwise unchanged."""
    if amount < rule["add_below"]:
        return amount + rule["add"]
    if amount < rule["up_to"]:
        return rule["up_to"]
    return amount


def indexed_amount(params, kind: str, amount: int, start: dt.date) -> tuple[int, list[dict]]:
    """The amount awarded on `start` after every raise since, each rounded to whole đồng; with the steps."""
    steps = []
    extras = extra_raises(params, kind, start)
    for v in raises_since(params, kind, start):
        before = amount
        amount = money(Decimal(amount) * (100 + Decimal(str(v.value["pct"]))) / 100)
        steps.append(
            {
                "code": "indexation",
                "values": {
                    "from": v.valid_from.isoformat(),
                    "pct": v.value["pct"],
                    "before": before,
                    "after": amount,
                    "source": v.source,
                },
            }
        )
        extra = extras.get(v.valid_from)
        if extra is not None:
            before, amount = amount, topped_up(amount, extra.value)
            steps.append(
                {
                    "code": "indexation_pre1995",
                    "values": {
                        "from": v.valid_from.isoformat(),
                        "before": before,
                        "after": amount,
                        "add": extra.value["add"],
                        "add_below": extra.value["add_below"],
                        "up_to": extra.value["up_to"],
                        "source": extra.source,
                    },
                }
            )
    return amount, steps
