"""Pure rules of the reconciliation: Vietnamese name folding, partial birth dates, and which registry fields
an extract record would correct. Plain values in and out; no Django, no database."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# Every lower-case Vietnamese letter with a diacritic, and the plain letter it folds to. `đ` has no Unicode
# decomposition, so it is listed by hand. The same table feeds SQL `translate()` (DuckDB and Spark SQL).
_VIETNAMESE = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"


def _base_letter(char: str) -> str:
    return "d" if char == "đ" else unicodedata.normalize("NFD", char)[0]


FOLD_FROM = _VIETNAMESE
FOLD_TO = "".join(_base_letter(c) for c in _VIETNAMESE)
_FOLD = str.maketrans(FOLD_FROM, FOLD_TO)
_SPACES = re.compile(r"\s+")

CORRECTABLE_FIELDS = ("cccd", "full_name", "birth_date", "sex", "commune_code")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def clean_name(name: str) -> str:
    """NFC composition and single spaces, so the same name typed twice compares equal."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", name or "")).strip()


def fold_name(name: str) -> str:
    """Lower case without diacritics (đ → d): 'Đặng Thị Thùy' → 'dang thi thuy'."""
    return clean_name(name).lower().translate(_FOLD)


def name_parts(name: str) -> tuple[str, str, str]:
    """(family, middle, given) of a folded Vietnamese name written in the usual order."""
    tokens = fold_name(name).split(" ")
    if len(tokens) == 1:
        return "", "", tokens[0]
    return tokens[0], " ".join(tokens[1:-1]), tokens[-1]


def parse_partial_date(text: str) -> tuple[int, int | None, int | None] | None:
    """'1985-03-07' → (1985, 3, 7); '1985-03' → (1985, 3, None); '1985' → (1985, None, None); else None."""
    match = _PARTIAL_DATE.match((text or "").strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return year, month, day


def birth_date_agrees(registry: dt.date, extract: str) -> bool:
    """True when the extract's date, as precise as it is, says the same as the registry's full date."""
    parts = parse_partial_date(extract)
    if parts is None:
        return False
    year, month, day = parts
    return registry.year == year and month in (None, registry.month) and day in (None, registry.day)


def corrections(registry: dict, extract: dict) -> dict[str, tuple[str, str]]:
    """Fields whose registry value differs from the population database's: field → (old, new).

    The population database is the reference, except where it knows less: a birth date it holds only as a
    year (or year and month) is not a correction when the registry's full date agrees with it.
    """
    changes = {}
    for field in CORRECTABLE_FIELDS:
        old, new = registry.get(field), extract.get(field)
        if field == "birth_date" and isinstance(old, str) and len(old) == 10:
            old = dt.date.fromisoformat(old)
        old_text = old.isoformat() if isinstance(old, dt.date) else (old or "")
        new_text = new or ""
        if field == "birth_date":
            if isinstance(old, dt.date) and birth_date_agrees(old, new_text):
                continue
            if parse_partial_date(new_text) is None or len(new_text) != 10:
                continue  # a partial date cannot replace a full one: the officer sees it on the candidate
        if new_text and old_text != new_text:
            changes[field] = (old_text, new_text)
    return changes
