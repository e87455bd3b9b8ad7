"""Calibrated confidence: the probability that a knowledge-base answer is right, from retrieval signals.

A logistic model over a few signals of the retrieved passages (the best passage's cosine and word
coverage, how far ahead of the runner-up it is, whether the lexical and the dense lists agree on it,
whether it states the kind of figure the question asks for, whether the runner-up is on its topic, whether
the question is in English, whether the passage classifier puts it first, its probability for it and the
classifier's probability that the question is off-topic). The first
nine were chosen by five-fold cross-validation on the tuning part (folds by question group, so a question's
unaccented and English forms stay together): figure agreement lowered the wrong-but-confident share, topic
agreement raised the share answered right, and the question's language
did both once the tuning part held enough English questions (about 140); other signals tried (the dense
margin, the cosine gap to the runner-up, the runner-up's coverage, the BM25 score, the question's length,
whether it is unaccented, the overlap of the question's rarest words, the share of words the knowledge base
does not know, products of signals; later also the best passage's title and asks overlap with the question,
its topic share among the first ten candidates, its gaps to the best text and ask cosines, its BM25 score
relative to the best, its lead in coverage, title and asks overlap over the runner-up, whether it is first
by text or by asks, whether the runner-up states the figure) did not help.
The classifier's signals were added on 3 December 2026, fitted on cross-fitted answers (bench/assistant_eval.py):
its first place and probability took right and wrong-but-answered on the tuning part from 0.630 / 0.058 to
0.622 / 0.044 (on its letter batches wrong 0.017–0.114 → 0.016–0.091); its off-topic probability, once batch
2026-12-03e had joined, 0.648 / 0.058 → 0.642 / 0.057 with off-topic questions declined 189 → 192 of 196.
Its weights and the answering threshold are fitted by `bench/assistant_eval.py --calibrate` on the
evaluation set's tuning part only (never the held-out part) and stored with how they were made in
knowledge/calibration.toml. Below the threshold the assistant says it is not sure instead of answering, unless the
second model, of the probability that the first OR the second passage is right (the same signals and the runner-up's,
EITHER_FEATURES), is at its own threshold: then it gives both passages as two cases (answerer.two_cases). Of the
tuning part's 1,224 questions declined at the old threshold (0.80), the first passage was right for 735 and only the
second for 201 more (132 of them a sibling on the same topic): too unsure to give one passage alone, often sure enough
to give two. The two thresholds are chosen together, a right two-case answer counting half a right answer
of one passage (chosen on the tuning part by leave-one-batch-out cross-validation: right 0.531 → 0.627 with wrong
but answered 0.047 → 0.047; with the two-case answer given only below the old threshold, 0.635 with 0.063)."""

from __future__ import annotations

import math
import tomllib
from functools import lru_cache
from pathlib import Path

CALIBRATION_FILE = Path(__file__).parent / "knowledge" / "calibration.toml"
FEATURES = (
    "cosine",
    "coverage",
    "margin",
    "lexical_first",
    "dense_first",
    "lexical_agrees",
    "figure_agrees",
    "same_topic",
    "english",
    "learnt_first",
    "learnt",
    "off_topic",
)
# The second model, "one of the first two passages is right", reads the same signals and these of the runner-up:
# its classifier probability, the two passages' probability together, its cosine and word coverage, how far ahead of
# the third it is, and whether the classifier and BM25 put it first or second.
EITHER_FEATURES = (
    *FEATURES,
    "runner_learnt",
    "pair_learnt",
    "runner_cosine",
    "runner_coverage",
    "runner_margin",
    "runner_learnt_top2",
    "runner_lexical_top2",
)


def signals(hits: list, index, question: str) -> dict[str, float]:
    """What the model reads from a search's hits (best first), the question and the passages."""
    top = hits[0]
    runner = hits[1].fused if len(hits) > 1 else 0.0
    values = {
        "cosine": top.cosine,
        "coverage": top.coverage,
        "margin": (top.fused - runner) / top.fused if top.fused else 0.0,
        "lexical_first": 1.0 if top.rank_bm25 == 1 else 0.0,
        "dense_first": 1.0 if top.rank_dense == 1 else 0.0,
        "lexical_agrees": 1.0 / top.rank_bm25 if top.rank_bm25 else 0.0,
        "learnt_first": 1.0 if top.rank_classifier == 1 else 0.0,
        "learnt": top.learnt,
        "off_topic": top.off_topic,
    }
    return values | _agreement(index, question, hits) | {"english": _english(index, question)} | _runner_up(hits)


def _runner_up(hits: list) -> dict[str, float]:
    """The runner-up's signals, read by the model of "one of the first two is right" (all 0 when there is none)."""
    if len(hits) < 2:
        return dict.fromkeys(EITHER_FEATURES[len(FEATURES) :], 0.0)
    top, runner = hits[0], hits[1]
    third = hits[2].fused if len(hits) > 2 else 0.0
    return {
        "runner_learnt": runner.learnt,
        "pair_learnt": top.learnt + runner.learnt,
        "runner_cosine": runner.cosine,
        "runner_coverage": runner.coverage,
        "runner_margin": (runner.fused - third) / top.fused if top.fused else 0.0,
        "runner_learnt_top2": 1.0 if runner.rank_classifier in (1, 2) else 0.0,
        "runner_lexical_top2": 1.0 if runner.rank_bm25 in (1, 2) else 0.0,
    }


def _english(index, question: str) -> float:
    """1 for a question in English. Its cosines and word coverage run lower than a Vietnamese question's
    for an equally right passage (the passages' English side is a translation, and English words are
    not folded into Vietnamese syllables), so the same signals mean more confidence in English."""
    restorer = getattr(index, "restorer", None)
    if restorer is None:
        return 0.0 if not question.isascii() else 1.0
    return 0.0 if restorer.is_vietnamese(restorer.question_words(question)) else 1.0


def _agreement(index, question: str, hits: list) -> dict[str, float]:
    """Whether the best passage states the kind of figure asked for (a share, years, an amount …), and
    whether the runner-up is on the same topic (a near tie between two topics is a guess)."""
    from ansinh.assistant import compose, retrieval

    passage = index.passages[hits[0].pid]
    patterns = compose.figure_patterns(index.canonical(question))
    runner_topic = index.passages[hits[1].pid].get("topic") if len(hits) > 1 else None
    return {
        "figure_agrees": 1.0 if not patterns or retrieval.states_figure(index, hits[0].pid, patterns) else 0.0,
        "same_topic": 1.0 if runner_topic is not None and runner_topic == passage.get("topic") else 0.0,
    }


@lru_cache(maxsize=1)
def model() -> dict | None:
    if not CALIBRATION_FILE.exists():
        return None
    return tomllib.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))


def probability(values: dict[str, float], fitted: dict | None = None) -> float:
    fitted = fitted or model()
    if fitted is None:
        return round((min(max((values["cosine"] - 0.78) / 0.12, 0.0), 1.0) + values["coverage"]) / 2, 3)
    return _logistic(values, FEATURES, fitted["weights"], fitted["bias"], fitted["means"], fitted["scales"])


def either_probability(values: dict[str, float], fitted: dict | None = None) -> float:
    """The probability that the first or the second passage found is right (0 without a fitted model of it)."""
    fitted = fitted or model()
    if not fitted or "either_weights" not in fitted:
        return 0.0
    return _logistic(
        values,
        EITHER_FEATURES,
        fitted["either_weights"],
        fitted["either_bias"],
        fitted["either_means"],
        fitted["either_scales"],
    )


def _logistic(values: dict[str, float], names, weights, bias, means, scales) -> float:
    z = bias + sum(w * (values[n] - m) / s for n, w, m, s in zip(names, weights, means, scales, strict=False))
    return round(1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0))), 3)


def threshold() -> float:
    fitted = model()
    return fitted["threshold"] if fitted else 0.55


def either_threshold() -> float:
    """Below threshold(), the two-case answer is given from this probability of either_probability (never above 1
    when no model of it is fitted)."""
    fitted = model()
    return fitted["either_threshold"] if fitted and "either_threshold" in fitted else 2.0


def fit(
    rows: list[tuple[dict[str, float], bool]],
    steps: int = 3000,
    rate: float = 0.1,
    l2: float = 0.01,
    features: tuple[str, ...] = FEATURES,
) -> dict:
    """Logistic regression by gradient descent (a few thousand rows: no library needed)."""
    import numpy as np

    x = np.array([[r[0][name] for name in features] for r in rows], dtype=float)
    y = np.array([1.0 if r[1] else 0.0 for r in rows])
    means, scales = x.mean(axis=0), x.std(axis=0)
    scales[scales < 1e-6] = 1.0  # a signal constant on these rows: read as it is, never divided by a zero
    z = (x - means) / scales
    w, b = np.zeros(len(features)), 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(z @ w + b)))
        w -= rate * (z.T @ (p - y) / len(y) + l2 * w)
        b -= rate * float((p - y).mean())
    return {
        "weights": [round(float(v), 4) for v in w],
        "bias": round(b, 4),
        "means": [round(float(v), 5) for v in means],
        "scales": [round(float(v), 5) for v in scales],
    }
