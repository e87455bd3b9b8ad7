"""Answer composition: the sentences that answer the question, taken from the passages retrieved.

Every sentence of the passages read is scored by the question's words it contains (each weighted by how
rare it is in the knowledge base, syllable pairs counting triple), discounted by its passage's rank. The
answer opens with the best-ranked passage's best sentence (its best one holding the kind of figure asked
for — an amount, a share, a duration, an age — if it has one); when that passage states no such figure and
a runner-up does, the runner-up's figure sentence comes second. The rest of the best-ranked passage follows
whole: passages are written as short answers (one to three sentences mostly), and an independent reader of 60
answers scored right found the sentence that answered the asker cut from 8 of them ("chỉ cha hoặc mẹ được nghỉ").
A runner-up's other sentences are added only when they share the question's words nearly as well as the best.
The answer is at most MAX_SENTENCES sentences; each passage a sentence came from is cited."""

from __future__ import annotations

import re
from functools import lru_cache

from ansinh.assistant import textnorm

MAX_SENTENCES = 4
KEEP_SHARE_OTHER = 0.75  # a sentence of another passage than the first must score at least this share of the best
PAIR_WEIGHT = 3.0  # a syllable pair of the question ("tối đa", "một lần") found in a sentence counts this much more
RANK_DISCOUNT = (1.0, 0.6, 0.45)  # the first passage is the likeliest to be right
FIGURE_BONUS = 2.5  # multiplies a sentence holding the kind of figure asked for
NO_FIGURE = 0.6  # multiplies a sentence with no figure when one is asked for
# "TP. Hồ Chí Minh" is one city, not two sentences
_SENTENCE = re.compile(r"(?<=[.!?])(?<!\bTP\.)\s+(?=[A-ZÀ-Ỹ0-9Đ\"(])")
# What a question asks for (phrases, folded) → how such a figure is written in a sentence (folded).
_MONEY = r"\d[\d.,]*\s*(dong|trieu)|vnd\s*\d|\d\s*(lan|thang)\s+(muc|luong|tien)|\d\s*(times|months?)\s+(the|of)|\d\s*%"
FIGURES = (
    (("ty le", "phan tram", "percent", "percentage", "what rate", "rate"), r"\d\s*%"),
    (("bao nhieu nam", "may nam", "how many years"), r"\d+\s*(nam|years?)\b"),
    (
        (
            "bao lau",
            "may thang",
            "bao nhieu thang",
            "bao nhieu ngay",
            "may ngay",
            "how long",
            "how many months",
            "how many days",
            "thoi han",
        ),
        r"\d+\s*(working\s+|calendar\s+)?(ngay|thang|nam|tuan|days?|months?|years?|weeks?)\b",
    ),
    (("bao nhieu tuoi", "may tuoi", "tuoi nghi huu", "how old", "retirement age", "age"), r"\d+\s*(tuoi|years?)\b"),
    (
        (
            "bao nhieu tien",
            "duoc bao nhieu",
            "muc huong",
            "muc dong",
            "dong bao nhieu",
            "how much",
            "amount",
            "tro cap bao nhieu",
            "muc tro cap",
            "bao nhieu mot thang",
        ),
        _MONEY,
    ),
    (("bao nhieu", "toi da", "toi thieu", "muc", "maximum", "minimum", "how many", "what is the"), r"\d"),
)

# "bao nhiêu %", "mấy %", "what %": the sign is no word, so the phrases above do not see it
_SHARE_ASKED = re.compile(r"(bao nhieu|may|bn|what|how many)\s*%")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def figure_patterns(question: str) -> list[re.Pattern]:
    """How the figures a question asks for are written (empty when it asks for none)."""
    from ansinh.assistant import parsing

    asked = [pattern for phrases, pattern in FIGURES if parsing.has_any(question, phrases)]
    if _SHARE_ASKED.search(textnorm.fold(question)) and FIGURES[0][1] not in asked:
        asked.insert(0, FIGURES[0][1])
    specific = asked[:-1] if len(asked) > 1 and asked[-1] == FIGURES[-1][1] else asked  # "any figure" only alone
    return [re.compile(pattern) for pattern in specific]


def _figure_factor(patterns: list[re.Pattern], sentence: str) -> float:
    if not patterns:
        return 1.0
    folded = textnorm.fold(sentence)
    return FIGURE_BONUS if any(p.search(folded) for p in patterns) else NO_FIGURE


def _terms(text: str) -> set[str]:
    return {t for t in textnorm.tokens(text, textnorm.stopwords()) if t.startswith("~")}


def _score(asked: set[str], idf: dict[str, float], have: frozenset[str]) -> float:
    return sum(idf.get(t.split("_")[0], 1.0) * (PAIR_WEIGHT if "_" in t else 1.0) for t in asked & have)


@lru_cache(maxsize=4096)
def _aligned(own_text: str, other_text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """(sentence in the answer's language, its terms and those of its counterpart in the other language).

    Cached by the texts themselves: tokenising every sentence of the passages read took a fifth of an
    answer's CPU time, and a passage's text only changes with a new index (which brings new texts)."""
    own, other = sentences(own_text), sentences(other_text)
    if len(own) != len(other):
        other = [""] * len(own)
    return tuple((s, frozenset(_terms(s) | _terms(o))) for s, o in zip(own, other, strict=False))


def _opening(scored: list[tuple], patterns: list[re.Pattern]) -> tuple[tuple, tuple | None]:
    """(the sentence the answer starts with, a runner-up's sentence that must follow it, or None).

    The answer starts with the best-ranked passage (retrieval is right more often than sentence scores):
    its best sentence holding the figure asked for, if it has one, else its best sentence. When a figure
    is asked for, that passage states none and another does, the other's figure sentence comes second.
    Opening with that runner-up instead (as before) changed the first passage cited for 13 questions of the
    tuning part: 6 from a right passage to a wrong one, none the other way (the runner-up holding a figure
    is mostly a neighbouring passage, such as the list of every procedure's time limit)."""
    own = [row for row in scored if row[1] == 0]
    if not own:
        return scored[0], None
    if patterns:
        figures = [row for row in own if row[5]]
        if figures:
            return figures[0], None
        elsewhere = [row for row in scored if row[5] and row[0] > 0]
        if elsewhere:
            return own[0], elsewhere[0]
    return own[0], None


def choose(index, question: str, pids: list[str], lang: str, limit: int = MAX_SENTENCES) -> list[tuple[str, str]]:
    """At most `limit` [(passage id, sentence)] to answer with, the figure first when one is asked for."""
    canonical = index.canonical(question)  # "bn ngày" asks "bao nhiêu ngày" as the search read it
    asked = _terms(textnorm.with_synonyms(canonical))
    patterns = figure_patterns(canonical)
    scored = []
    for rank, pid in enumerate(pids):
        passage = index.passages[pid]
        aligned = _aligned(passage[f"text_{lang}"], passage[f"text_{'en' if lang == 'vi' else 'vi'}"])
        for position, (sentence, have) in enumerate(aligned):
            factor = _figure_factor(patterns, sentence)
            score = _score(asked, index.idf, have) * RANK_DISCOUNT[min(rank, len(RANK_DISCOUNT) - 1)] * factor
            scored.append((score, -rank, -position, pid, sentence, factor == FIGURE_BONUS))
    if not scored:
        return []
    scored.sort(reverse=True)
    first, figure = _opening(scored, patterns)
    best = scored[0][0]
    others = [
        row
        for row in scored
        if row is not first
        and row is not figure
        and (row[3] == first[3] or (row[0] > 0 and row[0] >= KEEP_SHARE_OTHER * best))
    ]
    others.sort(key=lambda row: (row[3] != first[3], -row[0]))  # the rest of the first passage before any other
    opening = [first] + ([figure] if figure else [])
    stated = set().union(*(textnorm.numbers(row[4]) for row in opening))
    rest = []
    for row in others:
        if len(opening) + len(rest) >= limit:
            break
        figures = textnorm.numbers(row[4])
        # only figures the answer already gives (two or more): another passage's wording of the same rule ("30 ngày
        # nếu đóng dưới 15 năm, 40 ngày …" in the sickness benefit's passage and again in the one on sick days)
        if len(figures) >= 2 and figures <= stated:
            continue
        rest.append(row)
        stated |= figures
    rest.sort(key=lambda row: (-row[1], -row[2]))  # in reading order
    return [(row[3], row[4]) for row in opening + rest]
