"""Months as periods ('YYYY-MM'). Pure helpers."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ansinh.core.errors import DomainError

_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PERIOD.match(text or "")
        if not match:
            raise ValueError(f"'{text}' is not a month in the form YYYY-MM")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> Period:
        return cls(day.year, day.month)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def index(self) -> int:
        """Months since year 0: handy for differences and set-based joins."""
        return self.year * 12 + self.month - 1

    @classmethod
    def from_index(cls, index: int) -> Period:
        return cls(index // 12, index % 12 + 1)

    def plus(self, months: int) -> Period:
        return Period.from_index(self.index + months)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def months_between(start: Period, end: Period) -> int:
    """Inclusive count of months from start to end (0 when end is before start)."""
    return max(0, end.index - start.index + 1)


def period_or_error(text: str, field: str = "period", location: str = "body") -> Period:
    """The month `text` writes as YYYY-MM; otherwise a DomainError on `field`, which forms and the API show."""
    try:
        return Period.parse(text)
    except ValueError:
        message = _("The period must be a month written YYYY-MM (got %(value)r).") % {"value": text}
        raise DomainError.one(field, message, "bad_period", location) from None
