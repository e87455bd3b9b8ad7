"""The published field rules of QĐ 130/QĐ-BYT as amended by QĐ 4750/QĐ-BYT, loaded from the data tables beside
this module (data/tables.csv, data/fields.csv, data/codes.csv). The reader, the writer, the facility's format
page and the guide all read these tables: a rule changes in the data, not in code."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
READ_TABLES = ("XML1", "XML2", "XML3", "XML4", "XML5")


@dataclass(frozen=True)
class Table:
    table: str
    title: str
    root: str
    list: str
    row: str
    many: bool
    read: bool
    source: str


@dataclass(frozen=True)
class Rule:
    """One field of a table: its format, maximum size, when it is required, its code list and its source."""

    table: str
    no: str
    field: str
    format: str
    size: int | None
    required: str
    codes: str
    key: str
    source: str

    @property
    def requirement(self) -> tuple[str, str, tuple[str, ...]]:
        """("yes"|"no", "", ()) or ("if"|"unless", other field, values; none: when the other field is given)."""
        if ":" not in self.required:
            return self.required, "", ()
        kind, condition = self.required.split(":", 1)
        other, _, values = condition.partition("=")
        return kind, other, tuple(v for v in values.split("|") if v)


def _rows(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


@cache
def tables() -> dict[str, Table]:
    return {
        r["table"]: Table(
            r["table"], r["title"], r["root"], r["list"], r["row"], r["many"] == "yes", r["use"] == "read", r["source"]
        )
        for r in _rows("tables.csv")
    }


@cache
def rules() -> dict[str, tuple[Rule, ...]]:
    out: dict[str, list[Rule]] = {}
    for r in _rows("fields.csv"):
        size = None if r["size"] == "n" else int(r["size"])
        out.setdefault(r["table"], []).append(
            Rule(r["table"], r["no"], r["field"], r["format"], size, r["required"], r["codes"], r["key"], r["source"])
        )
    return {table: tuple(found) for table, found in out.items()}


@cache
def codes() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for r in _rows("codes.csv"):
        out.setdefault(r["list"], {})[r["code"]] = r["label"]
    return out


@cache
def code_sources() -> dict[str, str]:
    return {r["list"]: r["source"] for r in _rows("codes.csv")}


def rule(table: str, field: str) -> Rule:
    return next(r for r in rules()[table] if r.field == field)


def keyed(table: str) -> dict[str, str]:
    """{field: our key} of the fields An Sinh keeps in their own columns."""
    return {r.field: r.key for r in rules()[table] if r.key}
