"""Hybrid retrieval: BM25 over syllables (written and folded) and e5 dense vectors, fused by
reciprocal-rank fusion, with a confidence that says whether the best passage really answers."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ansinh.assistant import classifier, compose, embeddings, letters, lexical, textnorm
from ansinh.assistant.index import Index

# Fusion: rank-based (RRF) with a small k so the first places of either list count most. e5 is weak on Vietnamese
# typed without diacritics (hit@1 ≈ 0.5 against ≈ 0.9 with them), and the dense list once weighed less for such
# questions; every question is now searched in its canonical form, re-accented (index.canonical), so no weight
# depends on how it was typed. A weight of BM25 apart for English questions was tried (leave-one-batch-out on the
# tuning part, 0.3–1.25 with the classifier's 0.5–1.5): English hit@1 at most 0.782 against 0.774, within noise.
RRF_K = 5
DENSE_WEIGHT = 1.0
# Confidence = mean of two signals in [0, 1]: how close the best dense match is (cosine mapped from
# COS_FLOOR..COS_CEIL, e5 cosines of unrelated texts sit near the floor) and the share of the question's
# content syllables found in the best passage. Calibrated with `manage.py assistant_calibrate`.
COS_FLOOR, COS_CEIL = 0.78, 0.90
# The dense side is two lists fused with equal shares: passage texts and the asks written for them (a
# passage without asks keeps its single dense place). Measured on the tuning part against one list taking
# each passage's best vector: hit@1 0.885 against 0.844. The cosine the confidence reads is the best over
# the passage's own texts: e5 gives question-to-question pairs high cosines even when unrelated, and with
# the asks' cosines the calibrated share of right answers fell from 0.63 to 0.53 (tuning part).
TEXT_SHARE = 0.5
# A long letter (letters.py) is searched with its own vector moved towards its asking part's: the sum of the
# two, the asking part weighing ASKING_SHARE, normalised. Since 4 December 2026 the asking part's vector is the mean of
# its tokens within the letter's embedding instead of an embedding of its own: hit@1 of the tuning part, cross-fitted,
# 0.788 → 0.786 (letter batches within ±7 questions each), and a letter's vector costs 30 % less CPU (100 tuning
# letters on a 2-core AMD EPYC without AVX-512: mean 180 → 125 ms, p95 292 → 176 ms). Its story (age, job, dates)
# still counts, since "trường hợp của tôi" or "những người còn lại" mean nothing alone. Development letters of the
# tuning part (batch 2026-12-02, 177 questions): hit@1 0.836 → 0.853 at 0.3 (0.836–0.847 at 0.2, 0.4 and 0.5).
ASKING_SHARE = 0.3
# The letter's own vector reads at most this many words: the story's start and the whole asking part. e5's time grows
# with the text. Leave-one-batch-out on the tuning part's 1,025 letters, hit@1: 0.739 at 100 words, 0.740 at 70, 0.744
# at 55 (batch 2026-12-03g before it joined: 0.588 / 0.578 / 0.569); CPU per letter answered, mean 54 → 52 ms and p95
# 82 → 74 ms from 100 to 70 words. Embedding the story apart from the asking part (no word read twice): 0.722–0.724.
DENSE_WORDS = 70
# The passage classifier's ranking (classifier.py) is a fourth list of the fusion, with this weight. Leave-one-batch-out
# cross-validation on the tuning part, hit@1: 0.821 without it, 0.844 / 0.849 / 0.848 / 0.831 at 0.5 / 0.75 / 1 / 1.5.
CLASSIFIER_WEIGHT = 0.75
# The lexical model's ranking (lexical.py) is a fifth list, with this weight. Leave-one-batch-out on the tuning part,
# hit@1: 0.787 without it, 0.802 / 0.810 / 0.812 / 0.811 / 0.801 at 0.25 / 0.5 / 0.75 / 1 / 1.5.
LEXICAL_WEIGHT = 0.75
# A question that asks for a kind of figure (a share, years, an amount: compose.figure_patterns) is answered by a
# passage that states one: among the first FIGURE_CANDIDATES of the fusion, a passage stating none has its fused score
# multiplied by FIGURE_MISSING. Tuning part, cross-fitted with the confidence models and thresholds refitted (3,766
# questions; right / wrong but answered / hit@1 / one-passage right + half the two-case right − 4 × wrong):
# 0.642 / 0.046 / 0.797 / 0.366 without it, 0.695 / 0.044 / 0.801 / 0.379 at 0.9, 0.606 / 0.046 / 0.799 / 0.366 at
# 0.8. Right moves more than hit@1 because the refit thresholds give more or fewer two-case answers (0.196, 0.298,
# 0.119 of the questions).
FIGURE_MISSING = 0.9
FIGURE_CANDIDATES = 10


@dataclass(frozen=True)
class Hit:
    pid: str
    fused: float
    bm25: float
    cosine: float
    coverage: float
    confidence: float
    rank_bm25: int = 0  # this passage's place in each list (1 = first; 0 = not in the BM25 list)
    rank_dense: int = 0
    rank_classifier: int = 0  # 0: no classifier fitted
    learnt: float = 0.0  # the classifier's probability that the question is about this passage
    off_topic: float = 0.0  # its probability that the question is about none (the same for every hit)


def _ranks(scores: dict[str, float]) -> dict[str, int]:
    ordered = sorted(scores, key=lambda pid: -scores[pid])
    return {pid: rank for rank, pid in enumerate(ordered, start=1)}


def query_terms(question: str) -> list[str]:
    return textnorm.tokens(question, textnorm.stopwords())


def coverage(index: Index, pid: str, question: str) -> float:
    """Share of the question's content syllables (folded) that the passage contains, each weighted by how
    rare it is in the knowledge base; a syllable the knowledge base never uses weighs most, so a question
    on another subject ("đăng ký kết hôn") scores low even if its common words ("đăng ký") match."""
    asked = {t for t in query_terms(question) if t.startswith("~") and "_" not in t}
    if not asked:
        return 0.0
    unseen = math.log(len(index.vocab_folded) + 1) + 1.0
    weights = {t: index.idf.get(t, unseen) for t in asked}
    have = index.vocab_folded.get(pid, frozenset())
    return sum(w for t, w in weights.items() if t in have) / sum(weights.values())


def confidence(cosine: float, cover: float) -> float:
    dense = min(max((cosine - COS_FLOOR) / (COS_CEIL - COS_FLOOR), 0.0), 1.0)
    return round((dense + cover) / 2, 3)


def _passage_codes(index: Index, documents: str) -> tuple[list[str], np.ndarray]:
    """For a list of documents' passage ids on the index (`doc_pids`, `lexical_pids`): the passages in order and
    each document's passage number, kept on the loaded index."""
    cache = index.__dict__.setdefault("_passage_codes", {})
    if documents not in cache:
        names, codes = np.unique(np.asarray(getattr(index, documents)), return_inverse=True)
        cache[documents] = (names.tolist(), codes)
    return cache[documents]


def _asks(index: Index) -> np.ndarray:
    """Which dense documents are asks, kept on the loaded index."""
    asked = getattr(index, "_asks", None)
    if asked is None:
        asked = index._asks = np.array([lang == "ask" for lang in index.doc_langs], dtype=bool)
    return asked


def _best_per_passage(names: list[str], codes: np.ndarray, scores: np.ndarray) -> dict[str, float]:
    """The best score of each passage that has a document among `codes`, in the order the passages first appear
    (the ranking's ties keep that order). In numpy: a loop over every document was a tenth of an answer's CPU."""
    best = np.full(len(names), -np.inf, dtype=np.float64)
    np.maximum.at(best, codes, scores.astype(np.float64))
    present, first = np.unique(codes, return_index=True)
    return {names[i]: float(best[i]) for i in present[np.argsort(first, kind="stable")]}


def _dense(index: Index, vector: np.ndarray) -> tuple[dict[str, float], dict[str, float]]:
    """Per passage: the best cosine over its own texts, and over its asks."""
    names, codes = _passage_codes(index, "doc_pids")
    asked = _asks(index)
    scores = index.dense @ vector
    return (
        _best_per_passage(names, codes[~asked], scores[~asked]),
        _best_per_passage(names, codes[asked], scores[asked]),
    )


def _classifier_ranks(vector: np.ndarray, rank_dense: dict[str, int]) -> tuple[dict[str, int], dict[str, float]]:
    """Each passage's place by the classifier (a passage added since its fit keeps its dense place) and its
    probability."""
    fitted = classifier.model()
    if fitted is None:
        return {}, {}
    chances = fitted.probabilities(vector)
    known = _ranks({pid: p for pid, p in chances.items() if pid in rank_dense})
    return {pid: known.get(pid, place) for pid, place in rank_dense.items()}, chances


def _lexical_ranks(terms: list[str], rank_dense: dict[str, int]) -> dict[str, int]:
    """Each passage's place by the lexical model (a passage added since its fit keeps its dense place)."""
    fitted = lexical.model()
    scores = fitted.scores(terms) if fitted is not None else {}
    if not scores:
        return {}
    known = _ranks({pid: score for pid, score in scores.items() if pid in rank_dense})
    return {pid: known.get(pid, place) for pid, place in rank_dense.items()}


def states_figure(index: Index, pid: str, patterns: list) -> bool:
    """Whether a passage (either language, folded) states a figure of one of the kinds asked for."""
    cache = index.__dict__.setdefault("_folded_texts", {})
    if pid not in cache:
        passage = index.passages[pid]
        cache[pid] = textnorm.fold(f"{passage['text_vi']} {passage['text_en']}")
    return any(p.search(cache[pid]) for p in patterns)


def _figure_checked(index: Index, fused: dict[str, float], question: str) -> dict[str, float]:
    patterns = compose.figure_patterns(question)
    if not patterns or FIGURE_MISSING == 1.0:
        return fused
    checked = dict(fused)
    for pid in sorted(fused, key=lambda pid: -fused[pid])[:FIGURE_CANDIDATES]:
        if not states_figure(index, pid, patterns):
            checked[pid] = fused[pid] * FIGURE_MISSING
    return checked


def _bounded_letter(question: str, asked: str) -> str:
    words = textnorm.words(question)
    if len(words) <= DENSE_WORDS:
        return question
    asking = textnorm.words(asked)
    story = words[: max(DENSE_WORDS - len(asking), 0)]
    return " ".join(story + asking[-DENSE_WORDS:])


def _query_vector(question: str, asked: str | None) -> np.ndarray:
    """The question's e5 vector; a letter's moved towards its asking part's, the mean of the asking part's tokens
    within the letter's own embedding (one run of the model; short questions keep their single vector)."""
    if not asked:
        return embeddings.query_vector(textnorm.expand(question))
    bounded = _bounded_letter(question, asked)
    # the asking part as the bounded letter spells it (a letter cut to DENSE_WORDS loses its punctuation)
    part = asked if bounded == question else " ".join(textnorm.words(asked)[-DENSE_WORDS:])
    vector, asking = embeddings.letter_vectors(textnorm.expand(bounded), textnorm.expand(part))
    mixed = (1 - ASKING_SHARE) * vector + ASKING_SHARE * asking
    return (mixed / max(float(np.linalg.norm(mixed)), 1e-9)).astype(np.float32)


def question_vector(index: Index, question: str) -> np.ndarray:
    """The vector a question is searched with (what the classifier learns from)."""
    question = index.canonical(question)
    return _query_vector(question, letters.asking_part(question))


def search(index: Index, question: str, limit: int = 3) -> list[Hit]:
    question = index.canonical(question)
    asked = letters.asking_part(question)
    terms = lexical.terms(question)
    ids = index.bm25.get_tokens_ids(terms)
    bm25_scores = index.bm25.get_scores_from_ids(ids) if ids else np.zeros(len(index.lexical_pids))
    vector = _query_vector(question, asked)
    by_text, by_ask = _dense(index, vector)
    by_bm25 = _best_per_passage(*_passage_codes(index, "lexical_pids"), bm25_scores)
    by_dense = {pid: max(score, by_ask.get(pid, -1.0)) for pid, score in by_text.items()}
    rank_bm25, rank_dense, rank_text, rank_ask = _ranks(by_bm25), _ranks(by_dense), _ranks(by_text), _ranks(by_ask)
    rank_class, chances = _classifier_ranks(vector, rank_dense)
    rank_lexical = _lexical_ranks(terms, rank_dense)

    def dense_term(pid: str) -> float:
        learnt = CLASSIFIER_WEIGHT / (RRF_K + rank_class[pid]) if rank_class else 0.0
        learnt += LEXICAL_WEIGHT / (RRF_K + rank_lexical[pid]) if rank_lexical else 0.0
        if pid not in rank_ask:
            return learnt + DENSE_WEIGHT / (RRF_K + rank_dense[pid])
        return learnt + DENSE_WEIGHT * (
            TEXT_SHARE / (RRF_K + rank_text[pid]) + (1 - TEXT_SHARE) / (RRF_K + rank_ask[pid])
        )

    fused = {
        pid: (1 / (RRF_K + rank_bm25[pid]) if by_bm25.get(pid, 0) > 0 else 0.0) + dense_term(pid) for pid in by_dense
    }
    fused = _figure_checked(index, fused, asked or question)
    top = sorted(fused, key=lambda pid: -fused[pid])[:limit]
    hits = []
    for pid in top:
        cover = coverage(index, pid, asked or question)  # a letter: the share of what it asks, not of its story
        cosine = by_text[pid]
        hits.append(
            Hit(
                pid,
                fused[pid],
                by_bm25.get(pid, 0.0),
                cosine,
                cover,
                confidence(cosine, cover),
                rank_bm25[pid] if by_bm25.get(pid, 0) > 0 else 0,
                rank_dense[pid],
                rank_class.get(pid, 0),
                chances.get(pid, 0.0),
                chances.get(classifier.OFF_TOPIC, 0.0),
            )
        )
    return hits
