"""The parameter set in force on a date, as a plain object the rule functions of every app take.

Pure: no Django. `ParamSet.used` records which versions a computation read, so an answer can cite them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class ParamVersion:
    key: str
    valid_from: dt.date
    value: object
    unit: str
    source: str
    version_id: int | None = None

    def as_citation(self) -> dict:
        return {"key": self.key, "valid_from": self.valid_from.isoformat(), "value": self.value,
                "unit": self.unit, "source": self.source, "version_id": self.version_id}


class MissingParameter(LookupError):
    def __init__(self, key: str, on: dt.date, earliest: dt.date | None = None):
        self.key, self.on, self.earliest = key, on, earliest
        when = f"; the data starts on {earliest.isoformat()}" if earliest else ""
        super().__init__(f"No value of '{key}' is in force on {on.isoformat()}{when}.")


@dataclass
class ParamSet:
    on: dt.date
    versions: dict[str, ParamVersion]
    earliest: dict[str, dt.date] = field(default_factory=dict)
    used: dict[str, ParamVersion] = field(default_factory=dict)

    def version(self, key: str) -> ParamVersion:
        found = self.versions.get(key)
        if found is None:
            raise MissingParameter(key, self.on, self.earliest.get(key))
        self.used[key] = found
        return found

    def raw(self, key: str):
        return self.version(key).value

    def dec(self, key: str) -> Decimal:
        return Decimal(str(self.raw(key)))

    def int(self, key: str) -> int:
        value = self.raw(key)
        if isinstance(value, float) and not value.is_integer():
            raise TypeError(f"'{key}' is not a whole number: {value}")
        return int(value)

    def rate(self, key: str) -> Decimal:
        """A rate stored in percent, as a fraction (14 → 0.14)."""
        return self.dec(key) / 100

    def has(self, key: str) -> bool:
        return key in self.versions

    def citations(self) -> list[dict]:
        return [v.as_citation() for v in sorted(self.used.values(), key=lambda v: v.key)]


def select_in_force(rows: list[ParamVersion], on: dt.date) -> ParamSet:
    """From all versions, the latest of each key that is in force on `on`."""
    versions: dict[str, ParamVersion] = {}
    earliest: dict[str, dt.date] = {}
    for row in rows:
        if row.key not in earliest or row.valid_from < earliest[row.key]:
            earliest[row.key] = row.valid_from
        if row.valid_from <= on and (row.key not in versions or row.valid_from > versions[row.key].valid_from):
            versions[row.key] = row
    return ParamSet(on=on, versions=versions, earliest=earliest)
