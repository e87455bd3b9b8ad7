"""bench/assistant_eval.py keeps its three parts apart: the confidence model learns from the tuning part only,
each part is reported on its own, and the fresh part is never listed or sampled unless asked for.

Judged rows are built by hand here: the assistant answers no question in these tests.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import assistant_eval

from ansinh.assistant.calibration import FEATURES

SIGNALS = dict.fromkeys(FEATURES, 0.5)
ALWAYS_SURE = {  # a fitted model that answers every question with p ≈ 0.99
    "bias": 5.0,
    "weights": [0.0] * len(FEATURES),
    "means": [0.0] * len(FEATURES),
    "scales": [1.0] * len(FEATURES),
}


def _row(split: str, style: str = "vi", right: bool = False) -> dict:
    return {
        "q": {
            "q": f"{split} {style} {right}",
            "lang": "vi",
            "style": style,
            "expect": ["who.compulsory"],
            "split": split,
            "origin": "https://example.org/" + split,
        },
        "signals": SIGNALS,
        "right": right,
        "ranked": ["who.compulsory" if right else "contrib.rates"],
        "kind": "policy",
        "got": ["who.compulsory" if right else "contrib.rates"],
        "answer": "…",
    }


def test_the_confidence_model_learns_from_the_tuning_part_only():
    judged = [_row("tune", right=True), _row("heldout"), _row("fresh"), _row("fresh", "out")]
    assert [r["q"]["split"] for r in assistant_eval._fit_rows(judged)] == ["tune"]


def test_each_part_is_reported_from_its_own_rows():
    judged = [_row("tune", right=True), _row("tune"), _row("heldout", right=True), _row("fresh"), _row("fresh")]
    report = assistant_eval._parts(judged, ALWAYS_SURE, 0.5)
    assert list(report) == ["tune", "heldout", "fresh"]
    assert (report["tune"]["in_scope"], report["tune"]["accuracy"]) == (2, 0.5)
    assert (report["heldout"]["in_scope"], report["heldout"]["accuracy"]) == (1, 1.0)
    assert (report["fresh"]["in_scope"], report["fresh"]["accuracy"]) == (2, 0.0)
    assert report["fresh"]["wrong_confident"] == 1.0


def test_misses_of_the_held_out_and_fresh_parts_are_listed_only_with_details_all():
    judged = [_row("tune"), _row("heldout"), _row("fresh"), _row("fresh", right=True)]
    assert [m["split"] for m in assistant_eval._misses(judged, "tune", ALWAYS_SURE)] == ["tune"]
    assert [m["split"] for m in assistant_eval._misses(judged, "all", ALWAYS_SURE)] == ["tune", "heldout", "fresh"]


def test_the_concurrent_users_never_ask_a_fresh_question():
    questions = [json.loads(line) for line in assistant_eval.QUESTIONS.read_text(encoding="utf-8").splitlines()]
    pool = assistant_eval._latency_pool(questions)
    assert any(q["split"] == "fresh" for q in questions)
    assert pool and all(q["split"] != "fresh" and q["style"] != "calc" for q in pool)


def test_only_the_parts_asked_for_are_reported():
    judged = [_row("tune", right=True), _row("tune")]
    assert list(assistant_eval._parts(judged, ALWAYS_SURE, 0.5, ("tune",))) == ["tune"]


def test_a_later_collection_is_reported_beside_its_part():
    letter = _row("tune", right=True)
    letter["q"]["batch"] = "2026-12-02"
    judged = [letter, _row("tune"), _row("tune")]
    batch = assistant_eval._parts(judged, ALWAYS_SURE, 0.5, ("tune",))["tune"]["by_batch"]
    assert batch == {"2026-12-02": {"n": 1, "accuracy": 1.0, "wrong_confident": 0.0, "hit_at_1": 1.0}}


def test_a_question_and_its_folded_copy_are_compared_by_what_the_citizen_gets():
    accented, folded = _row("tune", "vi", right=True), _row("tune", "folded", right=True)
    accented["q"]["q"], folded["q"]["q"] = "Đóng BHXH bao nhiêu năm?", "dong bhxh bao nhieu nam"
    other_accented, other_folded = _row("tune", "vi", right=True), _row("tune", "folded")
    other_accented["q"]["q"], other_folded["q"]["q"] = "Thẻ BHYT hết hạn?", "the bhyt het han"
    lone = _row("tune", "folded")
    lone["q"]["q"] = "khong co cap"
    report = assistant_eval._parts([accented, folded, other_accented, other_folded, lone], ALWAYS_SURE, 0.5)
    assert report["tune"]["same_without_diacritics"] == {"pairs": 2, "share": 0.5}


def test_each_tuning_question_is_answered_by_a_classifier_that_never_learnt_it(monkeypatch):
    """Cross-fitting: a tuning question is answered with a classifier and a lexical model fitted on the other folds
    (its page's other forms left out with it), and restored with citizens' wording learnt from the other folds only;
    the held-out and fresh parts with the models fitted on the whole tuning part and the shipped restorer."""
    from ansinh.assistant import classifier, index, lexical, retrieval

    questions = [
        {"q": f"{page} {style}", "style": style, "lang": "en" if style == "en" else "vi", "split": split}
        | {"expect": ["who.compulsory"], "origin": page}
        | ({"batch": batch} if batch else {})
        for page, split, batch in [
            ("https://a.example/1", "tune", None),
            ("https://a.example/2", "tune", None),
            ("https://a.example/3", "tune", "2026-12-02"),
            ("https://a.example/4", "heldout", None),
            ("https://a.example/5", "fresh", "2026-12-03f"),
        ]
        for style in ("vi", "folded", "en")
    ]

    class Built:
        passages = {"who.compulsory": {}}
        restorer = "shipped"

    answered_by, restored_by = {}, {}
    monkeypatch.setattr(retrieval, "question_vector", lambda built, q: q)
    monkeypatch.setattr(
        assistant_eval, "_fit_classifier", lambda built, learn, vectors: frozenset(q["q"] for q in learn)
    )
    monkeypatch.setattr(assistant_eval, "_fit_lexical", lambda built, learn: frozenset(q["q"] for q in learn))
    monkeypatch.setattr(assistant_eval, "_wording", lambda tune: frozenset(q["q"] for q in tune))
    monkeypatch.setattr(index, "restorer", lambda passages, wording: wording)

    def judge(built, qs):
        for q in qs:
            answered_by[q["q"]], restored_by[q["q"]] = classifier.model(), built.restorer
            assert lexical.model() == classifier.model()  # fitted on the same questions
        return [{} for _ in qs]

    monkeypatch.setattr(assistant_eval, "_judge", judge)
    built = Built()
    _, (full, full_lexical) = assistant_eval._judge_cross_fitted(built, questions, refit=True)
    tune = {q["q"] for q in questions if q["split"] == "tune"}
    assert full == full_lexical == tune and built.restorer == "shipped"
    for q in questions:
        learnt, restorer = answered_by[q["q"]], restored_by[q["q"]]
        if q["split"] == "tune":
            same_page = {other["q"] for other in questions if other["origin"] == q["origin"]}
            assert not learnt & same_page and learnt  # the other folds only
            assert not restorer & same_page and restorer <= tune and restorer
        else:
            assert learnt == full and restorer == "shipped"


def test_declined_questions_are_scored_by_the_suggestions_they_are_offered():
    never_sure = ALWAYS_SURE | {"bias": -5.0}
    on_topic = SIGNALS | {"off_topic": 0.1}
    second = _row("fresh") | {"ranked": ["contrib.rates", "who.compulsory", "who.probation"], "signals": on_topic}
    missed = _row("fresh") | {"ranked": ["contrib.rates", "who.probation", "vsi.rate"], "signals": on_topic}
    off = _row("fresh", "out") | {"signals": SIGNALS | {"off_topic": 0.9}}
    report = assistant_eval._parts([second, missed, off], never_sure, 0.5)["fresh"]["suggestions"]
    assert report == {"declined_offered_a_right_passage": 0.5, "off_topic_offered_suggestions": 0.0}


def test_a_question_declined_alone_may_be_answered_with_two_cases_and_counts_right_when_either_is():
    from ansinh.assistant.calibration import EITHER_FEATURES

    sure_of_two = (
        ALWAYS_SURE
        | {"bias": -5.0}
        | {
            "either_weights": [0.0] * len(EITHER_FEATURES),
            "either_bias": 5.0,
            "either_means": [0.0] * len(EITHER_FEATURES),
            "either_scales": [1.0] * len(EITHER_FEATURES),
            "either_threshold": 0.9,
        }
    )
    signals = dict.fromkeys(EITHER_FEATURES, 0.5)
    second = _row("fresh") | {
        "signals": signals,
        "got_either": ["contrib.rates", "who.compulsory"],
        "right_either": True,
    }
    neither = _row("fresh") | {"signals": signals, "got_either": ["contrib.rates", "vsi.rate"], "right_either": False}
    report = assistant_eval._parts([second, neither], sure_of_two, 0.5)["fresh"]
    assert (report["accuracy"], report["wrong_confident"], report["declined"]) == (0.5, 0.5, 0.0)
    assert report["two_cases"] == {"answered": 1.0, "right": 0.5}
    assert assistant_eval._outcome(second, sure_of_two, 0.5) == ("two cases", "contrib.rates", "who.compulsory")
    # without a model of the two cases the same rows are declined
    assert assistant_eval._parts([second, neither], ALWAYS_SURE | {"bias": -5.0}, 0.5)["fresh"]["declined"] == 1.0


def test_the_thresholds_are_chosen_together_and_a_two_case_answer_counts_half():
    from ansinh.assistant.calibration import EITHER_FEATURES, FEATURES

    def row(one: float, two: float, right: bool, right_either: bool) -> dict:
        signals = dict.fromkeys(EITHER_FEATURES, 0.0) | {"learnt": one, "pair_learnt": two}
        return _row("tune", right=right) | {"signals": signals, "right_either": right_either}

    fitted = {
        "weights": [10.0 if f == "learnt" else 0.0 for f in FEATURES],
        "bias": -5.0,
        "means": [0.0] * len(FEATURES),
        "scales": [1.0] * len(FEATURES),
        "either_weights": [10.0 if f == "pair_learnt" else 0.0 for f in EITHER_FEATURES],
        "either_bias": -5.0,
        "either_means": [0.0] * len(EITHER_FEATURES),
        "either_scales": [1.0] * len(EITHER_FEATURES),
    }
    rows = [row(0.9, 0.95, True, True)] * 4 + [row(0.3, 0.8, False, True)] * 10 + [row(0.3, 0.2, False, False)] * 2
    one, two = assistant_eval._choose_thresholds(rows, fitted)
    # the sure ones alone; the ten right in one of two cases as two cases, the two wrong either way declined
    assert 0.119 < one <= 0.982 and 0.5 <= two <= 0.953  # the rows' probabilities: 0.119, 0.982; 0.047, 0.953
    given = [assistant_eval._given(r, fitted | {"either_threshold": two}, one) for r in rows]
    assert given == ["one"] * 4 + ["two"] * 10 + [None] * 2


def test_the_thresholds_chosen_never_answer_wrong_more_than_the_cap(monkeypatch):
    from ansinh.assistant.calibration import FEATURES

    def row(one: float, right: bool) -> dict:
        return _row("tune", right=right) | {"signals": dict.fromkeys(FEATURES, 0.0) | {"learnt": one}}

    fitted = {
        "weights": [10.0 if f == "learnt" else 0.0 for f in FEATURES],
        "bias": -5.0,
        "means": [0.0] * len(FEATURES),
        "scales": [1.0] * len(FEATURES),
    }
    # 90 sure and right, 10 less sure of which 9 right: answering those too scores 90 + 9 - 4 = 95 > 90, but is
    # wrong for one row in a hundred
    rows = [row(0.9, True)] * 90 + [row(0.6, True)] * 9 + [row(0.6, False)]
    monkeypatch.setattr(assistant_eval, "WRONG_CAP", 0.02)
    assert assistant_eval._choose_thresholds(rows, fitted)[0] <= 0.73  # p(0.6) = 0.731: all answered
    monkeypatch.setattr(assistant_eval, "WRONG_CAP", 0.005)
    assert 0.731 < assistant_eval._choose_thresholds(rows, fitted)[0] <= 0.982  # only the sure ones
    monkeypatch.setattr(assistant_eval, "WRONG_CAP", 0.0)
    rows[0] = row(0.9, False)
    assert assistant_eval._choose_thresholds(rows, fitted)[0] > 0.982  # none can be answered
