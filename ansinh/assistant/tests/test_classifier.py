"""The passage classifier: learnt from labelled questions, a fourth list of the search's fusion, shipped fitted for
every shipped passage, and harmless for a passage added after its fit."""

import numpy as np
import pytest

from ansinh.assistant import classifier, index, retrieval
from ansinh.assistant.knowledge import read_seed


def _cloud(rng, centre: np.ndarray, n: int) -> np.ndarray:
    points = centre + 0.35 * rng.standard_normal((n, centre.size))
    return points / np.linalg.norm(points, axis=1, keepdims=True)


def test_it_learns_which_passage_a_question_is_about_and_shares_a_doubly_labelled_question():
    rng = np.random.default_rng(7)
    centres = {pid: rng.standard_normal(16) for pid in ("a", "b", "c")}
    vectors = np.concatenate([_cloud(rng, centre, 30) for centre in centres.values()])
    labels = [[pid] for pid in centres for _ in range(30)]
    between = (centres["a"] + centres["b"]) / 2
    vectors = np.concatenate([vectors, _cloud(rng, between, 20)])
    labels += [["a", "b"]] * 20
    fitted = classifier.fit(vectors, labels, ["a", "b", "c"])
    for pid, centre in centres.items():
        chances = fitted.probabilities(_cloud(rng, centre, 1)[0])
        assert max(chances, key=chances.get) == pid
    chances = fitted.probabilities(_cloud(rng, between, 1)[0])
    assert chances["c"] < min(chances["a"], chances["b"])
    assert sum(chances.values()) == pytest.approx(1.0)


def test_a_saved_classifier_loads_as_it_was_fitted(tmp_path):
    fitted = classifier.Classifier(("a", "b"), np.eye(2, dtype=np.float32), np.array([0.5, -0.5], np.float32), 3.0)
    classifier.save(fitted, tmp_path / "c.npz", note="test")
    loaded = classifier.load(tmp_path / "c.npz")
    assert loaded.pids == fitted.pids and loaded.scale == 3.0
    assert np.array_equal(loaded.weights, fitted.weights) and np.array_equal(loaded.bias, fitted.bias)


def test_the_shipped_classifier_knows_every_shipped_passage_and_off_topic_questions():
    """Refit with bench/assistant_eval.py --calibrate after adding passages (a new one is searched without it)."""
    fitted = classifier.load(classifier.CLASSIFIER_FILE)
    shipped = {row["pid"] for row in read_seed()}
    assert set(fitted.pids) == shipped | {classifier.OFF_TOPIC}
    assert fitted.weights.shape == (384, len(fitted.pids))


def _fused(built, question: str, pid: str) -> float:
    return next(h.fused for h in retrieval.search(built, question, limit=len(built.passages)) if h.pid == pid)


def test_the_search_fuses_the_classifiers_ranking_and_a_passage_it_does_not_know_keeps_its_dense_place(db):
    built = index.current()
    question = "Đóng bảo hiểm xã hội tự nguyện thì được hưởng những chế độ gì?"
    pids = tuple(built.passages)
    favoured = "hi.newborn"  # not what the question asks
    bias = np.where(np.array(pids) == favoured, 10.0, 0.0).astype(np.float32)
    flat = classifier.Classifier(pids, np.zeros((384, len(pids)), np.float32), bias, 1.0)
    with classifier.using(None):
        alone = _fused(built, question, favoured)
        assert all(h.rank_classifier == 0 for h in retrieval.search(built, question))
    with classifier.using(flat):
        hits = retrieval.search(built, question, limit=len(pids))
        assert _fused(built, question, favoured) == pytest.approx(alone + retrieval.CLASSIFIER_WEIGHT / 6)
    assert next(h for h in hits if h.pid == favoured).rank_classifier == 1
    assert next(h for h in hits if h.pid == favoured).learnt > 0.98  # e¹⁰ against 256 passages at e⁰
    assert all(h.off_topic == 0.0 for h in hits)  # this classifier has no off-topic class
    partial = classifier.Classifier(pids[:10], np.zeros((384, 10), np.float32), np.zeros(10, np.float32), 1.0)
    with classifier.using(partial):
        unknown = [h for h in retrieval.search(built, question, limit=len(pids)) if h.pid not in pids[:10]]
    assert unknown and all(h.rank_classifier == h.rank_dense for h in unknown)


def test_the_shipped_classifier_puts_a_question_on_another_subject_off_topic(db):
    """Its probability is read by the confidence model: a question about land or marriage must not lend a passage
    the confidence that a question on insurance does. (Questions written for this test.)"""
    built = index.current()
    fitted = classifier.load(classifier.CLASSIFIER_FILE)

    def best(question: str) -> str:
        chances = fitted.probabilities(retrieval.question_vector(built, question))
        return max(chances, key=chances.get)

    assert best("Thủ tục sang tên sổ đỏ cho mảnh đất bố mẹ để lại thừa kế như thế nào?") == classifier.OFF_TOPIC
    assert best("Vợ chồng muốn ly hôn thuận tình thì nộp đơn ở tòa án nào?") == classifier.OFF_TOPIC
    assert best("Nghỉ thai sản sinh đôi được nghỉ bao nhiêu tháng?") not in (classifier.OFF_TOPIC, "hi.newborn")
    land = retrieval.search(built, "Thủ tục sang tên sổ đỏ cho mảnh đất bố mẹ để lại thừa kế như thế nào?")
    twins = retrieval.search(built, "Nghỉ thai sản sinh đôi được nghỉ bao nhiêu tháng?")
    assert land[0].off_topic > 0.5 > twins[0].off_topic
