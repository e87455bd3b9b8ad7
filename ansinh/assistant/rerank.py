"""Re-ranking the fused candidates: a listwise logistic (softmax) model over signals of each candidate.

Reciprocal-rank fusion puts a near-duplicate or a neighbouring passage first when both lists rank it a
little higher; the signals below tell such siblings apart better than their ranks alone (the question's
words in the passage's title and asks, whether it states the kind of figure asked for, whether the other
candidates are on its topic). The model scores the first DEPTH fused candidates; a candidate's score is
a linear function of its standardised signals, and its probability the softmax over the list.
Its weights are fitted by `bench/assistant_rerank.py --write` on the evaluation set's tuning part only
(never the held-out part) and stored with how they were made in knowledge/rerank.toml; without that file
the fused order is kept."""

from __future__ import annotations

import math
import tomllib
from functools import lru_cache
from pathlib import Path

import numpy as np

RERANK_FILE = Path(__file__).parent / "knowledge" / "rerank.toml"
DEPTH = 10  # candidates re-ranked (on the tuning part the labelled passage is among the first 10 fused for 99 %)
FEATURES = (
    "fused",
    "fused_rank",
    "bm25",
    "bm25_rank",
    "text_gap",
    "text_rank",
    "ask_gap",
    "ask_rank",
    "dense_unaccented",
    "coverage",
    "figure",
    "title",
    "asks_overlap",
    "topic",
)


def _inverse(rank: int) -> float:
    return 1.0 / rank if rank else 0.0


def _folded_terms(text: str) -> frozenset:
    from ansinh.assistant import textnorm

    return frozenset(t for t in textnorm.tokens(text, textnorm.stopwords()) if t.startswith("~") and "_" not in t)


def _ask_terms(index, pid: str) -> list[frozenset]:
    """Each ask of a passage as its folded content syllables, kept on the loaded index."""
    from ansinh.assistant import knowledge

    cache = index.__dict__.setdefault("_ask_terms", {})
    if pid not in cache:
        passage = index.passages[pid]
        texts = [*knowledge.asks(passage["asks_vi"]), *knowledge.asks(passage["asks_en"])]
        cache[pid] = [_folded_terms(a) for a in texts]
    return cache[pid]


def _title_terms(index, pid: str) -> frozenset:
    cache = index.__dict__.setdefault("_title_terms", {})
    if pid not in cache:
        passage = index.passages[pid]
        cache[pid] = _folded_terms(f"{passage['title_vi']} {passage['title_en']}")
    return cache[pid]


def _figure_texts(index, pid: str) -> str:
    from ansinh.assistant import textnorm

    cache = index.__dict__.setdefault("_figure_texts", {})
    if pid not in cache:
        passage = index.passages[pid]
        cache[pid] = textnorm.fold(f"{passage['text_vi']} {passage['text_en']}")
    return cache[pid]


def features(index, question: str, candidates: list[dict], unaccented: bool) -> np.ndarray:
    """One row of FEATURES per candidate (fused order). A candidate is a dict with pid, fused, bm25,
    rank_bm25, text, rank_text, ask, rank_ask, coverage (see retrieval.candidates)."""
    from ansinh.assistant import compose

    asked = _folded_terms(question)
    unseen = math.log(len(index.vocab_folded) + 1) + 1.0
    weight = {t: index.idf.get(t, unseen) for t in asked}
    total = sum(weight.values()) or 1.0
    patterns = compose.figure_patterns(question)
    top_fused = candidates[0]["fused"] or 1.0
    top_bm25 = max(c["bm25"] for c in candidates) or 1.0
    best_text = max(c["text"] for c in candidates)
    best_ask = max(c["ask"] for c in candidates)
    topics = [index.passages[c["pid"]].get("topic") for c in candidates]
    mass = sum(c["fused"] for c in candidates) or 1.0
    rows = []
    for position, (c, topic) in enumerate(zip(candidates, topics, strict=True)):
        title = _title_terms(index, c["pid"])
        asks = _ask_terms(index, c["pid"])
        if patterns:
            text = _figure_texts(index, c["pid"])
            figure = 1.0 if any(p.search(text) for p in patterns) else -1.0
        else:
            figure = 0.0
        same = sum(o["fused"] for o, t in zip(candidates, topics, strict=True) if o is not c and t == topic)
        dense = _inverse(c["rank_text"]) + _inverse(c["rank_ask"])
        rows.append(
            [
                c["fused"] / top_fused,
                1.0 / (position + 1),
                c["bm25"] / top_bm25,
                _inverse(c["rank_bm25"]),
                c["text"] - best_text,
                _inverse(c["rank_text"]),
                (c["ask"] - best_ask) if c["ask"] > -1 else c["text"] - best_text,
                _inverse(c["rank_ask"]),
                dense if unaccented else 0.0,
                c["coverage"],
                figure,
                sum(weight[t] for t in asked if t in title) / total,
                max((sum(weight[t] for t in asked if t in a) / total for a in asks), default=0.0),
                same / mass,
            ]
        )
    return np.array(rows, dtype=float)


@lru_cache(maxsize=1)
def model() -> dict | None:
    if not RERANK_FILE.exists():
        return None
    return tomllib.loads(RERANK_FILE.read_text(encoding="utf-8"))


def scores(matrix: np.ndarray, fitted: dict) -> np.ndarray:
    weights = np.asarray(fitted["weights"]) / np.asarray(fitted["scales"])
    return matrix @ weights


def probabilities(values: np.ndarray) -> np.ndarray:
    shifted = np.exp(values - values.max())
    return shifted / shifted.sum()


def fit(lists: list[tuple[np.ndarray, np.ndarray]], steps: int = 2000, rate: float = 0.5, l2: float = 0.01) -> dict:
    """Listwise logistic regression: for each question (a matrix of candidates' FEATURES and a 0/1 vector of
    which are right) maximise the softmax probability of its right candidates, by gradient descent (a few
    hundred questions: no library needed). Questions with no right candidate, or only right ones, teach
    nothing and are left out."""
    useful = [(x, y) for x, y in lists if 0 < y.sum() < len(y)]
    stacked = np.vstack([x for x, _ in useful])
    scales = stacked.std(axis=0) + 1e-9
    depth = max(len(y) for _, y in useful)
    x = np.zeros((len(useful), depth, stacked.shape[1]))
    y = np.zeros((len(useful), depth))
    present = np.zeros((len(useful), depth), dtype=bool)
    for i, (xi, yi) in enumerate(useful):
        x[i, : len(yi)], y[i, : len(yi)], present[i, : len(yi)] = xi / scales, yi, True
    w = np.zeros(stacked.shape[1])
    for _ in range(steps):
        z = np.where(present, x @ w, -np.inf)
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        q = p * y / (p * y).sum(axis=1, keepdims=True)  # the right candidates' share of their own probability
        grad = np.einsum("nd,ndf->f", p - q, x) / len(useful)
        w -= rate * (grad + l2 * w)
    return {"weights": [round(float(v), 4) for v in w], "scales": [round(float(v), 5) for v in scales]}
