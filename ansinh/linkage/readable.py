"""A stored field value of a finding as its reader writes it (shown by the review pages and the corrections)."""

from __future__ import annotations

from ansinh.core import formats
from ansinh.registry.models import Sex


def readable(field: str, value: str) -> str:
    """A stored value as the reader writes it: the sex's word, the date as dd/mm/yyyy (or 1 Dec 2026)."""
    if not value:
        return "—"
    if field == "sex":
        return str(dict(Sex.choices).get(value, value))
    if field == "birth_date" and len(value) == 10:
        return formats.day(value)
    return value
