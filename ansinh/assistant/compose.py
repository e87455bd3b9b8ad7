"""Answer composition: the sentences that answer the question, taken from the passages retrieved.

Every sentence of the passages read is scored by the question's words it contains (each weighted by how
rare it is in the knowledge base, syllable pairs counting double), discounted by its passage's rank. A
question that asks for an amount, a share, a duration or an age puts a sentence holding a figure first.
The answer is at most MAX_SENTENCES sentences; each passage a sentence came from is cited."""
from __future__ import annotations

import re

from ansinh.assistant import textnorm

MAX_SENTENCES = 3
KEEP_SHARE = 0.5  # a further sentence of the same passage must score at least this share of the best one
KEEP_SHARE_OTHER = 0.75  # … and one of another passage this share
PAIR_WEIGHT = 3.0  # a syllable pair of the question ("tối đa", "một lần") found in a sentence counts this much more
RANK_DISCOUNT = (1.0, 0.6, 0.45)  # the first passage is the likeliest to be right
FIGURE_BONUS = 2.5  # multiplies a sentence holding the kind of figure asked for
NO_FIGURE = 0.6  # multiplies a sentence with no figure when one is asked for
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ỹ0-9Đ\"(])")
# What a question asks for (phrases, folded) → how such a figure is written in a sentence (folded).
_MONEY = r"\d[\d.,]*\s*(dong|trieu)|vnd\s*\d|\d\s*(lan|thang)\s+(muc|luong|tien)|\d\s*(times|months?)\s+(the|of)|\d\s*%"
FIGURES = (
    (("ty le", "phan tram", "percent", "percentage", "what rate", "rate"), r"\d\s*%"),
    (("bao nhieu nam", "may nam", "how many years"), r"\d+\s*(nam|years?)\b"),
    (("bao lau", "may thang", "bao nhieu thang", "bao nhieu ngay", "may ngay", "how long", "how many months",
      "how many days", "thoi han"), r"\d+\s*(ngay|thang|nam|tuan|days?|months?|years?|weeks?)\b"),
    (("bao nhieu tuoi", "may tuoi", "tuoi nghi huu", "how old", "retirement age", "age"), r"\d+\s*(tuoi|years?)\b"),
    (("bao nhieu tien", "duoc bao nhieu", "muc huong", "muc dong", "dong bao nhieu", "how much", "amount",
      "tro cap bao nhieu", "muc tro cap", "bao nhieu mot thang"), _MONEY),
    (("bao nhieu", "toi da", "toi thieu", "muc", "maximum", "minimum", "how many", "what is the"), r"\d"),
)
def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def figure_patterns(question: str) -> list[re.Pattern]:
    """How the figures a question asks for are written (empty when it asks for none)."""
    from ansinh.assistant import parsing

    asked = [pattern for phrases, pattern in FIGURES if parsing.has_any(question, phrases)]
    specific = asked[:-1] if len(asked) > 1 and asked[-1] == FIGURES[-1][1] else asked  # "any figure" only alone
    return [re.compile(pattern) for pattern in specific]


def _figure_factor(patterns: list[re.Pattern], sentence: str) -> float:
    if not patterns:
        return 1.0
    folded = textnorm.fold(sentence)
    return FIGURE_BONUS if any(p.search(folded) for p in patterns) else NO_FIGURE


def _terms(text: str) -> set[str]:
    return {t for t in textnorm.tokens(text, textnorm.stopwords()) if t.startswith("~")}


def _score(asked: set[str], idf: dict[str, float], sentence_vi: str, sentence_en: str) -> float:
    have = _terms(sentence_vi) | _terms(sentence_en)
    return sum(idf.get(t.split("_")[0], 1.0) * (PAIR_WEIGHT if "_" in t else 1.0) for t in asked & have)


def _aligned(passage: dict, lang: str) -> list[tuple[str, str]]:
    """(sentence in the answer's language, its counterpart in the other language or "") for scoring both."""
    own, other = sentences(passage[f"text_{lang}"]), sentences(passage[f"text_{'en' if lang == 'vi' else 'vi'}"])
    if len(own) != len(other):
        other = [""] * len(own)
    return list(zip(own, other))


def choose(index, question: str, pids: list[str], lang: str) -> list[tuple[str, str]]:
    """[(passage id, sentence)] to answer with, the figure first when one is asked for."""
    asked = _terms(textnorm.with_synonyms(index.canonical(question)))
    patterns = figure_patterns(question)
    scored = []
    for rank, pid in enumerate(pids):
        for position, (sentence, counterpart) in enumerate(_aligned(index.passages[pid], lang)):
            score = _score(asked, index.idf, sentence, counterpart) * RANK_DISCOUNT[min(rank, len(RANK_DISCOUNT) - 1)]
            score *= _figure_factor(patterns, sentence)
            scored.append((score, -rank, -position, pid, sentence))
    if not scored:
        return []
    scored.sort(reverse=True)
    best = scored[0][0]
    top_pid = scored[0][3]
    chosen = [row for row in scored if row[0] > 0 and row[0] >= (KEEP_SHARE if row[3] == top_pid else KEEP_SHARE_OTHER) * best]
    chosen = chosen[:MAX_SENTENCES] or scored[:1]
    first = chosen[0]
    rest = sorted(chosen[1:], key=lambda row: (-row[1], -row[2]))  # the others in reading order
    return [(row[3], row[4]) for row in [first] + rest]
