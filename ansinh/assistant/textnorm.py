"""Text normalisation for lexical retrieval: Vietnamese syllables, diacritic-folded copies, abbreviations.

Pure: no Django. A Vietnamese word is one to three syllables separated by spaces, so the index holds the
syllables, the syllable pairs (bigrams, which stand in for words such as "bảo hiểm") and, for each, a
copy folded to plain ASCII (đ→d, accents dropped) so questions typed without diacritics still match.
Abbreviations that citizens type (BHXH, BHYT, CCCD …) are expanded to the words they stand for.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from pathlib import Path

_WORD = re.compile(r"[0-9a-zà-ỹđ]+", re.IGNORECASE)
ABBREVIATIONS_FILE = Path(__file__).parent / "knowledge" / "abbreviations.toml"


def fold(text: str) -> str:
    """Drop Vietnamese diacritics: 'Bảo hiểm đóng' → 'bao hiem dong'."""
    text = text.lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text.lower()))


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """Folded abbreviation → its expansion (Vietnamese and English words), from the data file."""
    data = tomllib.loads(ABBREVIATIONS_FILE.read_text(encoding="utf-8"))
    return {fold(short): expansion for short, expansion in data["abbreviations"].items()}


def expand(text: str) -> str:
    """Append the expansion of every abbreviation found, keeping the original words too."""
    table = abbreviations()
    extra = [table[fold(w)] for w in words(text) if fold(w) in table]
    return text if not extra else text + " " + " ".join(extra)


def _with_bigrams(syllables: list[str]) -> list[str]:
    return syllables + [f"{a}_{b}" for a, b in zip(syllables, syllables[1:])]


def _stem(token: str) -> str:
    """A light English plural stem so 'payments' meets 'payment'; Vietnamese syllables never end so."""
    if len(token) > 4 and token.endswith("s") and not token.endswith("ss") and token.isascii():
        return token[:-1]
    return token


def tokens(text: str, stopwords: frozenset[str] = frozenset()) -> list[str]:
    """Index terms: syllables and bigrams in their written form plus folded copies."""
    syllables = [_stem(w) for w in words(expand(text)) if w not in stopwords]
    written = _with_bigrams(syllables)
    folded = ["~" + fold(t) for t in written]
    return written + folded


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    data = tomllib.loads(ABBREVIATIONS_FILE.read_text(encoding="utf-8"))
    return frozenset(data["stopwords"]["words"].split())


@lru_cache(maxsize=1)
def unaccented_markers() -> frozenset[str]:
    """Syllables that show a question is Vietnamese typed without diacritics."""
    data = tomllib.loads(ABBREVIATIONS_FILE.read_text(encoding="utf-8"))
    return frozenset(data["unaccented"]["words"].split()) | frozenset(fold(k) for k in abbreviations() if len(k) > 2)
