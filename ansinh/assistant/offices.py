"""The office nearest a person (by the area of their commune), from the offices data file."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

OFFICES_FILE = Path(__file__).parent / "knowledge" / "offices.toml"


@lru_cache(maxsize=1)
def offices() -> list[dict]:
    return tomllib.loads(OFFICES_FILE.read_text(encoding="utf-8"))["office"]


def nearest(area_code: str | None) -> dict:
    """The office serving the area; the provincial office when the area is unknown."""
    for office in offices():
        if area_code and area_code in office.get("areas", []):
            return office
    return offices()[0]


def area_of(user) -> str | None:
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    try:
        return person.commune.area.code if person is not None else None
    except AttributeError:
        return None
