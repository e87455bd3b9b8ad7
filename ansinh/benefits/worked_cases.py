"""The table of worked cases (tests/worked_cases.toml): statutory examples computed by hand, run through the
quote functions. Used by the test suite and by `manage.py worked_cases`, which prints input, article,
expected and computed side by side."""

from __future__ import annotations

import tomllib
from pathlib import Path

from ansinh.benefits import quoting
from ansinh.core.errors import DomainError

TABLE = Path(__file__).parent / "tests" / "worked_cases.toml"


def cases() -> list[dict]:
    return tomllib.loads(TABLE.read_text(encoding="utf-8"))["case"]


def _pick(answer, dotted: str):
    value = answer
    for part in dotted.split("."):
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


def computed(case: dict) -> dict:
    """The answer's value of every expected field (or the error, for a refused body)."""
    try:
        answer = quoting.quote(case["kind"], case["input"])
    except DomainError as exc:
        return {"error": str(exc)}
    return {field: _pick_or_missing(answer, field) for field in case["expect"]}


def _pick_or_missing(answer, field):
    try:
        return _pick(answer, field)
    except (KeyError, IndexError):
        return "<missing>"
