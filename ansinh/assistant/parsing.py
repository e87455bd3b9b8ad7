"""Reading amounts, counts and choices out of a citizen's question (pure; works on folded text)."""

from __future__ import annotations

import re
from decimal import Decimal

from ansinh.assistant.textnorm import fold

_AMOUNT = re.compile(r"(\d+(?:[.,]\d+)*)\s*(trieu|tr|million|m|nghin|ngan|k|dong|d|vnd)?(?![a-z])")
_SCALE = {
    "trieu": 1_000_000,
    "tr": 1_000_000,
    "million": 1_000_000,
    "m": 1_000_000,
    "nghin": 1_000,
    "ngan": 1_000,
    "k": 1_000,
}
_REGION = re.compile(r"(?:vung|region)\s*(iv|iii|ii|i|4|3|2|1)\b")
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def _number(text: str, scaled: bool) -> Decimal | None:
    """'1,5' and '1.5' are decimals before a scale word; '3.000.000' and '3,000,000' are thousands."""
    if scaled and re.fullmatch(r"\d+[.,]\d{1,2}", text):
        return Decimal(text.replace(",", "."))
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text) or text.isdigit():
        return Decimal(re.sub(r"[.,]", "", text))
    return None


def money(question: str) -> int | None:
    """The first amount of money: '3 triệu', '1,5 triệu', '3.000.000đ', '3tr', '500k', '12,000,000 VND'."""
    found = amounts(question)
    return found[0] if found else None


def amounts(question: str) -> list[int]:
    """Every amount of money, in the order written."""
    found = []
    for match in _AMOUNT.finditer(fold(question)):
        digits, unit = match.group(1), match.group(2) or ""
        scale = _SCALE.get(unit)
        value = _number(digits, scale is not None)
        if value is None:
            continue
        amount = int(value * scale) if scale else int(value)
        if amount >= 100_000:  # smaller numbers are months, members or regions, not money
            found.append(amount)
    return found


def region(question: str) -> str | None:
    match = _REGION.search(fold(question))
    return None if match is None else _ROMAN.get(match.group(1), match.group(1).upper())


def count_before(question: str, nouns: tuple[str, ...]) -> int | None:
    """'4 người', '3 people' → the number before one of the nouns (folded)."""
    match = re.search(r"(\d+)\s*(?:" + "|".join(nouns) + r")\b", fold(question))
    return int(match.group(1)) if match else None


# "doesn't" stays one word: split at its apostrophe it would leave a "t", which a chat writes for "tôi"
_CONTRACTED_NOT = re.compile(r"n['’]t\b")


def folded_words(question: str) -> str:
    """' bao hiem xa hoi ' — folded words between single spaces, padded, for phrase look-ups."""
    return " " + re.sub(r"[^0-9a-z]+", " ", _CONTRACTED_NOT.sub("nt", fold(question))) + " "


def has_any(question: str, phrases: tuple[str, ...]) -> bool:
    text = folded_words(question)
    return any(f" {p} " in text for p in phrases)


def year_after(question: str, words: tuple[str, ...]) -> int | None:
    match = re.search(r"(?:" + "|".join(words) + r")\s*(?:nam|in)?\s*(19\d\d|20\d\d)", fold(question))
    return int(match.group(1)) if match else None


def years_count(question: str) -> int | None:
    """'đóng 25 năm', '25 years' (not a calendar year)."""
    match = re.search(r"(?<!\d)(\d{1,2})\s*(?:nam|years?)\b(?!\s*old)", fold(question))
    return int(match.group(1)) if match else None


# "năm nay 42 tuổi", "42 years old", "aged 42", and in a chat "t nu 42t" — but only after such words, since "đóng 24t"
# is 24 months; an age outside working and retired life is no age
_AGE = re.compile(
    r"(?<![\d.,])(\d{2})\s*(?:tuoi|years?\s+old|yrs?\s+old)\b|\baged\s+(\d{2})\b|\b(?:nu|nam|toi|t|minh|em)\s+(\d{2})t\b"
)


def age(question: str) -> int | None:
    """The asker's age, when the question gives one (between 15 and 99)."""
    for match in _AGE.finditer(fold(question)):
        value = int(next(group for group in match.groups() if group))
        if 15 <= value <= 99:
            return value
    return None
