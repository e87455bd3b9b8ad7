"""The parameter set in force on a date, as a plain object the rule functions of every app take.

Pure: no Django. `ParamSet.used` records which versions a computation read, so an answer can cite them.

A version is `in_force` (the act that sets it is published) or `provisional` (announced, the act not yet
confirmed). A provisional version is never applied: the set holds the last in-force version and lists the
provisional one as an announced change, so an answer can say "a change to X from D is announced (source)".
A version may also be unverified (its value was not checked against the primary text): it is applied, and
answers carry a warning naming it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

IN_FORCE = "in_force"
PROVISIONAL = "provisional"


@dataclass(frozen=True)
class ParamVersion:
    key: str
    valid_from: dt.date
    value: object
    unit: str
    source: str
    version_id: int | None = None
    status: str = IN_FORCE
    verified: bool = True

    def as_citation(self) -> dict:
        return {
            "key": self.key,
            "valid_from": self.valid_from.isoformat(),
            "value": self.value,
            "unit": self.unit,
            "source": self.source,
            "version_id": self.version_id,
            "status": self.status,
            "verified": self.verified,
        }


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
    announced: dict[str, list[ParamVersion]] = field(default_factory=dict)
    history: dict[str, list[ParamVersion]] = field(default_factory=dict)
    used_history: dict[tuple[str, dt.date], ParamVersion] = field(default_factory=dict)
    consulted: set[str] = field(default_factory=set)

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

    def source(self, key: str) -> str:
        """The act that sets the value in force (what a check or a step cites)."""
        return self.version(key).source

    def has(self, key: str) -> bool:
        return key in self.versions

    def series(self, key: str, since: dt.date) -> list[ParamVersion]:
        """The in-force versions of a key from the one in force on `since` up to the set's date, oldest first
        (e.g. the reference level of every month of a career). Each is cited."""
        rows = self.history.get(key, [])
        chosen = [v for v in rows if v.valid_from > since]
        before = [v for v in rows if v.valid_from <= since]
        if before:
            chosen.insert(0, before[-1])
        for v in chosen:
            self.used_history[(v.key, v.valid_from)] = v
        return chosen

    def pending(self, key: str) -> list[ParamVersion]:
        """The provisional versions of a key up to the set's date (announced, not applied). The computation that
        asks lists them as announcements even when the key has no in-force value yet (a new rule announced)."""
        self.consulted.add(key)
        return list(self.announced.get(key, []))

    def citations(self) -> list[dict]:
        cited = {(v.key, v.valid_from): v for v in self.used.values()} | self.used_history
        return [v.as_citation() for _key, v in sorted(cited.items())]

    def announcements(self) -> list[dict]:
        """Provisional versions of the keys read: changes announced but not applied, with what was applied."""
        out = []
        for key in sorted(set(self.used) | self.consulted):
            applied = self.used.get(key) or self.versions.get(key)
            for v in self.announced.get(key, []):
                out.append(
                    {
                        "key": key,
                        "value": v.value,
                        "valid_from": v.valid_from.isoformat(),
                        "source": v.source,
                        "unit": v.unit,
                        "version_id": v.version_id,
                        "applied_value": applied.value if applied else None,
                        "applied_source": applied.source if applied else "",
                    }
                )
        return out

    def warnings(self) -> list[dict]:
        """Versions read whose value was not checked against the primary text."""
        cited = {(v.key, v.valid_from): v for v in self.used.values()} | self.used_history
        return [
            {"key": v.key, "valid_from": v.valid_from.isoformat(), "source": v.source}
            for _k, v in sorted(cited.items())
            if not v.verified
        ]


def select_in_force(rows: list[ParamVersion], on: dt.date) -> ParamSet:
    """From all versions, the latest in-force version of each key valid on `on`; provisional versions dated
    after it (and on or before `on`) are kept as announcements, never applied."""
    history: dict[str, list[ParamVersion]] = {}
    provisional: dict[str, list[ParamVersion]] = {}
    earliest: dict[str, dt.date] = {}
    for row in rows:
        if row.key not in earliest or row.valid_from < earliest[row.key]:
            earliest[row.key] = row.valid_from
        if row.valid_from > on:
            continue
        target = history if row.status == IN_FORCE else provisional
        target.setdefault(row.key, []).append(row)
    for versions in (*history.values(), *provisional.values()):
        versions.sort(key=lambda v: v.valid_from)
    versions = {key: rows_of_key[-1] for key, rows_of_key in history.items()}
    announced = {}
    for key, rows_of_key in provisional.items():
        applied_from = versions[key].valid_from if key in versions else dt.date.min
        later = [v for v in rows_of_key if v.valid_from > applied_from]
        if later:
            announced[key] = later
    return ParamSet(on=on, versions=versions, earliest=earliest, announced=announced, history=history)
