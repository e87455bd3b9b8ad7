"""The asking part of a long question: citizens' letters tell their story first (age, job, dates, amounts)
and ask last ("Cho tôi hỏi …", "Vậy …?", "Can I …?"). Pure: no Django."""

from __future__ import annotations

import re
import unicodedata

from ansinh.assistant import textnorm

LONG_WORDS = 35  # a question of more words than this is read as a letter …
LONG_SENTENCES = 3  # … and so is one of at least this many sentences

_SENTENCE = re.compile(r"(?<=[.?!;:…])\s+|\n+")
# Words that hand over to the question itself; what follows them (to the end of the letter) is asked.
_LEAD_INS = (
    "cho toi hoi",
    "cho em hoi",
    "cho chau hoi",
    "cho minh hoi",
    "cho hoi",
    "xin hoi",
    "xin cho hoi",
    "toi muon hoi",
    "em muon hoi",
    "minh muon hoi",
    "muon hoi",
    "xin cho biet",
    "xin duoc tu van",
    "nho tu van",
    "mong duoc tu van",
    "vay",
    "vay thi",
    "lieu",
)
# Question words (folded): a sentence holding one asks something.
_ASKING = (
    "bao nhieu",
    "bao lau",
    "the nao",
    "nhu nao",
    "ntn",
    "ra sao",
    "khi nao",
    "luc nao",
    "o dau",
    "hay khong",
    "duoc khong",
    "phai khong",
    "dung khong",
    "co phai",
    "tai sao",
    "vi sao",
    "gi",
    "ai",
)
_ASKING_LAST = ("khong", "ko", "k", "chua", "nao", "sao")  # a sentence ending so asks
_ENGLISH_ASKING = frozenset(
    "how what when where which who whom whose why can could do does did is are am was were will would should "
    "may must have has".split()
)


def is_long(question: str) -> bool:
    return len(textnorm.words(question)) > LONG_WORDS or len(sentences(question)) >= LONG_SENTENCES


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if textnorm.words(s)]


def _folded_words(text: str) -> list[str]:
    return [textnorm.fold(w) for w in textnorm.words(text)]


def _lead_in(words: list[str]) -> int | None:
    """Where the question starts after a lead-in ("cho tôi hỏi", "vậy"), as a word position, or None."""
    padded = " " + " ".join(words) + " "
    for phrase in _LEAD_INS:
        at = padded.find(" " + phrase + " ")
        if at < 0:
            continue
        position = padded[:at].count(" ")  # words before the phrase
        if phrase in ("vay", "vay thi", "lieu") and position > 0:  # "như vậy" is no lead-in
            continue
        return position + len(phrase.split())
    return None


def asks(sentence: str) -> bool:
    """A sentence that asks: ends with "?", holds a question word, ends with "không"/"chưa" …, or (English)
    opens with a question word or an auxiliary."""
    if sentence.rstrip().endswith("?"):
        return True
    words = _folded_words(sentence)
    if not words:
        return False
    if words[0] in _ENGLISH_ASKING and sentence.isascii():
        return True
    padded = " " + " ".join(words) + " "
    if any(f" {w} " in padded for w in _ASKING):
        return True
    last = [w for w in words if w not in ("a", "vay", "nhi", "nhe", "ha")] or words
    return last[-1] in _ASKING_LAST


def asking_part(question: str) -> str | None:
    """The sentences of a long question that ask (from a lead-in on, or those with a question word or "?"),
    or None when the question is short or is all asking."""
    question = unicodedata.normalize("NFC", question)
    if not is_long(question):
        return None
    parts = sentences(question)
    asked: list[str] = []
    for i, sentence in enumerate(parts):
        words = textnorm.words(sentence)
        start = _lead_in(_folded_words(sentence))
        if start is not None and (start < len(words) or i + 1 < len(parts)):  # "Cho tôi hỏi:" may end one
            asked.extend([_from_word(sentence, start)] if start < len(words) else [])
            asked.extend(parts[i + 1 :])
            break
        if asks(sentence):
            asked.append(sentence)
    if not asked:
        asked = parts[-1:]
    text = " ".join(asked)
    return text if len(textnorm.words(text)) < len(textnorm.words(question)) else None


def _from_word(sentence: str, start: int) -> str:
    """The sentence from its word number `start` on (words as textnorm counts them)."""
    return sentence[list(textnorm.word_spans(sentence))[start].start() :]
