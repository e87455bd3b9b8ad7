"""Which passage a question is about, learnt from questions: a softmax (multinomial logistic) regression over the
question's e5 vector, one class per passage.

The search's nearest-neighbour lists compare a question with a passage's few texts and asks one at a time; on letters
never seen the right passage's sibling on the same topic was often nearer. A linear model trained on many questions
per passage (its texts and asks, and the labelled questions of the evaluation set's tuning part) learns which
directions of the vector tell siblings apart. Its ranking is a fourth list of the search's rank fusion
(retrieval.CLASSIFIER_WEIGHT).

Fitted by `bench/assistant_eval.py --calibrate` on the tuning part only and shipped as knowledge/classifier.npz with
the passage ids it knows. A passage added after the fit is unknown to it: the search ranks it there by its dense
rank instead, until the next fit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ansinh.assistant import shipped

CLASSIFIER_FILE = Path(__file__).parent / "knowledge" / "classifier.npz"
# One more class, learnt from the tuning part's off-topic questions (land, marriage, wages …): without it the
# softmax gives all of an off-topic question's probability to some passage, and the confidence model, which reads
# that probability, declined 30 of the held-out part's 38 off-topic questions instead of 35.
OFF_TOPIC = "(off-topic)"
# Chosen by leave-one-batch-out cross-validation on the tuning part (11 folds; hit@1 of the fused search 0.821 →
# 0.849): the vector's scale (the softmax's inverse temperature), the L2 penalty and the steps of Adam. Scales 10-30,
# penalties 1e-4-1e-3 and 400 or 800 steps were within 0.01 of each other.
SCALE = 20.0
L2 = 1e-3
STEPS = 400
LEARNING_RATE = 0.005


@dataclass(frozen=True)
class Classifier:
    pids: tuple[str, ...]
    weights: np.ndarray  # dimensions × passages, float32
    bias: np.ndarray  # passages
    scale: float

    def probabilities(self, vector: np.ndarray) -> dict[str, float]:
        """Each class's probability for a question's (normalised) e5 vector."""
        logits = (vector.astype(np.float32) * self.scale) @ self.weights + self.bias
        return dict(zip(self.pids, _softmax(logits).tolist(), strict=True))


def _softmax(logits: np.ndarray) -> np.ndarray:
    odds = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return odds / odds.sum(axis=-1, keepdims=True)


def fit(vectors: np.ndarray, labels: list[list[str]], pids: list[str]) -> Classifier:
    """Softmax regression by Adam. A question labelled with several passages (each answers it) spreads its target
    over them. Every label must be one of `pids`."""
    column = {pid: i for i, pid in enumerate(pids)}
    n, classes = len(labels), len(pids)
    targets = np.zeros((n, classes), np.float32)
    for row, answers in enumerate(labels):
        for pid in answers:
            targets[row, column[pid]] = 1.0 / len(answers)
    x = np.asarray(vectors, np.float32) * SCALE
    weights, bias = np.zeros((x.shape[1], classes), np.float32), np.zeros(classes, np.float32)
    first, second = np.zeros_like(weights), np.zeros_like(weights)
    for step in range(1, STEPS + 1):
        error = _softmax(x @ weights + bias) - targets
        gradient = x.T @ error / n + L2 * weights
        first = 0.9 * first + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient * gradient
        weights -= LEARNING_RATE * (first / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
        bias -= LEARNING_RATE * error.mean(axis=0)
    return Classifier(tuple(pids), weights, bias, SCALE)


def save(fitted: Classifier, path: Path = CLASSIFIER_FILE, note: str = "") -> None:
    np.savez_compressed(
        path,
        pids=np.array(fitted.pids),
        weights=fitted.weights,
        bias=fitted.bias,
        scale=np.float32(fitted.scale),
        note=np.array(note),
    )
    _SHIPPED.reload()


def load(path: Path) -> Classifier:
    with np.load(path, allow_pickle=False) as data:
        return Classifier(
            tuple(str(p) for p in data["pids"]),
            data["weights"].astype(np.float32),
            data["bias"].astype(np.float32),
            float(data["scale"]),
        )


_SHIPPED = shipped.Shipped(CLASSIFIER_FILE, load)
model = _SHIPPED.model  # the shipped classifier, or one set by `using` (the evaluation's cross-fitting)
using = _SHIPPED.using
