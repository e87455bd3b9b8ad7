"""Eligibility tests and the outcome of a benefit computation (pure).

Every condition a benefit sets is a `Check` that names the article it applies. The article is the legal
source of the parameter version that holds the condition, so a check cites the law in force on the
computation's date (Law 58/2014 before 7/2025, Law 41/2024 after). A failing blocking check makes the claim
ineligible; a case with one cannot be approved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Check:
    code: str
    article: str
    passed: bool
    values: dict = field(default_factory=dict)
    blocking: bool = True


def check(params, key: str, code: str, passed: bool, blocking: bool = True, **values) -> Check:
    """A check citing the act that sets the parameter `key` in force on the computation's date."""
    return Check(code, params.source(key), bool(passed), values, blocking)


@dataclass
class Outcome:
    """What a benefit gives: a one-off `amount`, and/or a `monthly` amount for `months` months (None: for
    life or until an event ends it), with the checks and the steps that explain it."""

    kind: str
    checks: list[Check] = field(default_factory=list)
    steps: list[dict] = field(default_factory=list)
    amount: int = 0
    monthly: int = 0
    months: int | None = None
    start: dt.date | None = None
    parts: list[dict] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return all(c.passed for c in self.checks if c.blocking)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if c.blocking and not c.passed]

    def step(self, code: str, **values) -> None:
        self.steps.append({"code": code, "values": values})

    def part(self, code: str, amount: int, monthly: bool = False, **values) -> int:
        """A component of the benefit (leave pay, lump sum, care allowance …), added to the total."""
        self.parts.append({"code": code, "amount": amount, "monthly": monthly, **values})
        if monthly:
            self.monthly += amount
        else:
            self.amount += amount
        return amount
