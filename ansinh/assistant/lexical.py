"""Which passage a question is about, learnt from the words of questions: Complement Naive Bayes over TF-IDF.

BM25 compares a question's words with one passage's few texts; the passage classifier (classifier.py) learns from
questions, but through e5's vector, which blurs the words that tell siblings apart in a letter ("mang thai hộ", "chốt
sổ", "dưỡng sức"). This model learns which words (syllables, their pairs and folded forms, as the search reads them)
go with which passage, from the passages' titles, texts and asks and from the labelled questions of the evaluation
set's tuning part, and its ranking is a fifth list of the search's rank fusion (retrieval.LEXICAL_WEIGHT). Chosen by
leave-one-batch-out cross-validation on the tuning part (18 folds, 3,439 questions; hit@1 of the fused search): 0.787
without it; 0.812 with Complement Naive Bayes (alpha 0.3), 0.806 with a logistic regression on the same words (75 s
a fold to fit, against 5 s), 0.797 with the nearest class centroid and 0.799 with a vote of the most similar labelled
questions.

It is fitted with scikit-learn by `bench/assistant_eval.py --calibrate` and shipped as knowledge/lexical.npz in a
sparse form that ranks the classes exactly as scikit-learn's ComplementNB does: its joint log-likelihood of class c
for a question's TF-IDF vector x is

    Σ_i x_i · log(total_c / (N_i + α − N_ci)),  total_c = Σ_i (N_i + α − N_ci)

(N_ci: the weight of word i in class c's examples, N_i: in all). Less the part every class shares, −Σ_i x_i log(N_i +
α), that is Σ_i x_i · evidence_ci + |x|₁ · log total_c with evidence_ci = log(N_i + α) − log(N_i + α − N_ci), which is
zero wherever class c never had word i: a few hundred thousand numbers instead of a dense table of every word by
every class. A passage added after the fit is unknown to it; the search ranks it there by its dense rank."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from ansinh.assistant import shipped, textnorm

LEXICAL_FILE = Path(__file__).parent / "knowledge" / "lexical.npz"
ALPHA = 0.3  # smoothing; cross-validated hit@1 of the fused search 0.812 / 0.812 / 0.811 at 0.1 / 0.3 / 1.0
MIN_DOCUMENTS = 2  # a word seen in one example only tells nothing beyond it


def terms(text: str) -> list[str]:
    """The words as the search reads them (BM25 and this model): syllables and pairs, written and folded, with the
    question-side synonyms."""
    return textnorm.tokens(textnorm.with_synonyms(text), textnorm.stopwords())


@dataclass(frozen=True)
class Lexical:
    classes: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray  # per word
    evidence: sparse.csr_matrix  # words × classes
    log_total: np.ndarray  # per class

    def scores(self, words: list[str]) -> dict[str, float]:
        """Each class's score for a question's words (`terms` of its canonical form): higher is likelier; only the
        order means anything."""
        counts = Counter(t for t in words if t in self.vocabulary)
        if not counts:
            return {}
        ids = np.array([self.vocabulary[t] for t in counts])
        weights = np.array([1.0 + math.log(n) for n in counts.values()]) * self.idf[ids]
        weights /= max(float(np.linalg.norm(weights)), 1e-12)
        joint = self.evidence[ids].T @ weights + weights.sum() * self.log_total
        return dict(zip(self.classes, np.asarray(joint).ravel().tolist(), strict=True))


def fit(texts: list[str], labels: list[list[str]]) -> Lexical:
    """Fit on examples (canonical texts), each labelled with the classes it belongs to (a question that several
    passages answer is an example of each)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.naive_bayes import ComplementNB

    rows = [(text, label) for text, answers in zip(texts, labels, strict=True) for label in answers]
    vectorizer = TfidfVectorizer(analyzer=terms, sublinear_tf=True, min_df=MIN_DOCUMENTS)
    model = ComplementNB(alpha=ALPHA).fit(vectorizer.fit_transform([t for t, _ in rows]), [c for _, c in rows])
    in_class = model.feature_count_  # classes × words, dense; only its non-zero cells are read
    everywhere = model.feature_all_ + ALPHA
    classes, words = np.nonzero(in_class)
    seen = in_class[classes, words]
    evidence = sparse.csr_matrix(
        (np.log(everywhere[words]) - np.log(everywhere[words] - seen), (words, classes)),
        shape=(in_class.shape[1], in_class.shape[0]),
        dtype=np.float32,
    )
    return Lexical(
        tuple(str(c) for c in model.classes_),
        {str(word): i for i, word in enumerate(vectorizer.get_feature_names_out())},
        vectorizer.idf_.astype(np.float32),
        evidence,
        np.log(everywhere.sum() - in_class.sum(axis=1)).astype(np.float32),
    )


def save(fitted: Lexical, path: Path = LEXICAL_FILE, note: str = "") -> None:
    words = sorted(fitted.vocabulary, key=fitted.vocabulary.get)
    np.savez_compressed(
        path,
        classes=np.array(fitted.classes),
        words=np.array(words),
        idf=fitted.idf,
        data=fitted.evidence.data.astype(np.float32),
        indices=fitted.evidence.indices.astype(np.int32),
        indptr=fitted.evidence.indptr.astype(np.int32),
        log_total=fitted.log_total,
        note=np.array(note),
    )
    _SHIPPED.reload()


def load(path: Path) -> Lexical:
    with np.load(path, allow_pickle=False) as data:
        words, classes = [str(w) for w in data["words"]], tuple(str(c) for c in data["classes"])
        evidence = sparse.csr_matrix(
            (data["data"], data["indices"], data["indptr"]), shape=(len(words), len(classes)), dtype=np.float32
        )
        return Lexical(
            classes, {w: i for i, w in enumerate(words)}, data["idf"], evidence, data["log_total"].astype(np.float32)
        )


_SHIPPED = shipped.Shipped(LEXICAL_FILE, load)
model = _SHIPPED.model  # the shipped lexical model, or one set by `using` (the evaluation's cross-fitting)
using = _SHIPPED.using
