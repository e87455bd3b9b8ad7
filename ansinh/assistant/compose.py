"""Answer composition: the sentences that answer the question, taken from the passages retrieved.

Every sentence of the passages read is scored by the question's words it contains (each weighted by how
rare it is in the knowledge base, syllable pairs counting double), discounted by its passage's rank. A
question that asks for an amount, a share, a duration or an age puts a sentence holding a figure first.
The answer is at most MAX_SENTENCES sentences; each passage a sentence came from is cited."""
from __future__ import annotations

import re

from ansinh.assistant import textnorm

MAX_SENTENCES = 3
KEEP_SHARE = 0.45  # a further sentence must score at least this share of the best one
RANK_DISCOUNT = (1.0, 0.8, 0.65)  # the first passage is the likeliest to be right
FIGURE_BONUS = 1.5  # multiplies a sentence with a figure when the question asks for one
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ỹ0-9Đ\"(])")
_FIGURE = re.compile(r"\d")
ASKS_FIGURE = ("bao nhieu", "may", "muc", "ty le", "phan tram", "bao lau", "toi da", "toi thieu", "how much", "how many",
               "how long", "what rate", "what percentage", "rate", "amount", "maximum", "minimum", "how old", "age",
               "tuoi", "thoi han", "trong bao lau", "dong gi")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def asks_for_figure(question: str) -> bool:
    from ansinh.assistant import parsing

    return parsing.has_any(question, ASKS_FIGURE)


def _terms(text: str) -> set[str]:
    return {t for t in textnorm.tokens(text, textnorm.stopwords()) if t.startswith("~")}


def _score(asked: set[str], idf: dict[str, float], sentence_vi: str, sentence_en: str) -> float:
    have = _terms(sentence_vi) | _terms(sentence_en)
    return sum(idf.get(t.split("_")[0], 1.0) * (2.0 if "_" in t else 1.0) for t in asked & have)


def _aligned(passage: dict, lang: str) -> list[tuple[str, str]]:
    """(sentence in the answer's language, its counterpart in the other language or "") for scoring both."""
    own, other = sentences(passage[f"text_{lang}"]), sentences(passage[f"text_{'en' if lang == 'vi' else 'vi'}"])
    if len(own) != len(other):
        other = [""] * len(own)
    return list(zip(own, other))


def choose(index, question: str, pids: list[str], lang: str) -> list[tuple[str, str]]:
    """[(passage id, sentence)] to answer with, the figure first when one is asked for."""
    asked = _terms(index.canonical(question))
    wants_figure = asks_for_figure(question)
    scored = []
    for rank, pid in enumerate(pids):
        for position, (sentence, counterpart) in enumerate(_aligned(index.passages[pid], lang)):
            score = _score(asked, index.idf, sentence, counterpart) * RANK_DISCOUNT[min(rank, len(RANK_DISCOUNT) - 1)]
            if wants_figure and _FIGURE.search(sentence):
                score *= FIGURE_BONUS
            scored.append((score, -rank, -position, pid, sentence))
    if not scored:
        return []
    scored.sort(reverse=True)
    best = scored[0][0]
    chosen = [row for row in scored if row[0] >= KEEP_SHARE * best and row[0] > 0][:MAX_SENTENCES] or scored[:1]
    first = chosen[0]
    rest = sorted(chosen[1:], key=lambda row: (-row[1], -row[2]))  # the others in reading order
    return [(row[3], row[4]) for row in [first] + rest]
