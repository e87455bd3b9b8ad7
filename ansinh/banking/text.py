"""Text for bank files: Vietnamese folded to plain ASCII, and words compared without accents or case.

Interbank fields (names, remittance text) take a restricted Latin set; a name keeps its letters:
Đ/đ (and the look-alike Icelandic Ð/ð, U+00D0/U+00F0) become D/d, every other letter loses its marks.
A character that has no plain form becomes a space rather than passing through.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata

# Letters whose Unicode decomposition does not lead to an ASCII base letter.
_SPECIAL = str.maketrans(
    {
        "Đ": "D",
        "đ": "d",
        "Ð": "D",
        "ð": "d",
        "Ɖ": "D",
        "ɖ": "d",
        "Ł": "L",
        "ł": "l",
        "Ø": "O",
        "ø": "o",
        "Æ": "AE",
        "æ": "ae",
        "Œ": "OE",
        "œ": "oe",
        "ß": "ss",
        "Þ": "Th",
        "þ": "th",
    }
)
# The characters ISO 20022 Latin implementations accept in free text.
_NOT_ALLOWED = re.compile(r"[^A-Za-z0-9/\-?:().,'+ ]")
_SPACES = re.compile(r"\s+")


@functools.cache
def _drop_combining() -> dict[int, None]:
    """A translate table deleting every combining mark: one C pass per name instead of a Python loop per
    character (a province's payroll folds tens of thousands of names)."""
    return {code: None for code in range(sys.maxunicode + 1) if unicodedata.combining(chr(code))}


def ascii_fold(text: str, limit: int | None = None) -> str:
    """Plain ASCII in the ISO 20022 Latin character set, single spaces, cut to `limit` characters."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_SPECIAL))
    plain = decomposed.translate(_drop_combining())
    folded = _SPACES.sub(" ", _NOT_ALLOWED.sub(" ", plain)).strip()
    return folded[:limit].rstrip() if limit else folded


def words(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: for comparing headers and labels."""
    return " ".join(re.findall(r"[a-z0-9]+", ascii_fold(text).lower()))
