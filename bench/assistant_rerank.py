"""Fit the assistant's re-ranker on the TUNING part of bench/assistant_questions.jsonl, with cross-validation.

DEBUG=1 .venv/bin/python bench/assistant_rerank.py [--write] [--skip-migrate] [--folds 5] [--draws 1]

Reads only the questions with split == "tune" (the held-out part is never loaded). Prints ONE JSON object:
- fused: hit@1 of the fused order and how often a labelled passage is among the re-ranked candidates;
- cv: k-fold cross-validation by question group (a question and its unaccented, chat and English forms share
  their origin and labelled passages, and stay in one fold): hit@1 re-ranked, and the whole answer as the
  bench judges it (right / wrong but answered / declined) with the confidence model and its threshold also
  fitted on the other folds, for the fused order ("before") and the re-ranked one ("after");
- with --write, the model fitted on the whole tuning part, written to ansinh/assistant/knowledge/rerank.toml.
After writing, refit the confidence model (`bench/assistant_eval.py --calibrate`): its signals change with
the ranking.
"""

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import assistant_eval
import numpy as np
from django.utils import timezone


def group(q: dict) -> tuple:
    return q.get("origin", ""), tuple(sorted(q.get("expect") or []))


def folds_of(questions: list[dict], k: int, seed: int) -> list[int]:
    groups = sorted({group(q) for q in questions})
    random.Random(seed).shuffle(groups)
    fold = {g: i % k for i, g in enumerate(groups)}
    return [fold[group(q)] for q in questions]


def lists(built, questions: list[dict]) -> list[tuple[np.ndarray, np.ndarray, list[str]]]:
    from ansinh.assistant import rerank, retrieval

    out = []
    for q in questions:
        canonical, found = retrieval.candidates(built, q["q"], rerank.DEPTH)
        x = rerank.features(built, canonical, found, retrieval.unaccented_vietnamese(canonical))
        y = np.array([1.0 if c["pid"] in q.get("expect", []) else 0.0 for c in found])
        out.append((x, y, [c["pid"] for c in found]))
    return out


def judge(built, questions: list[dict], fitted) -> list[dict]:
    """Each question answered as the bench does (threshold 0), with the given re-ranker (False: none)."""
    from ansinh.assistant import answerer, calibration, retrieval

    retrieval.RERANKER, answerer.THRESHOLD = fitted, 0.0
    rows = []
    try:
        for q in questions:
            answer = answerer.ask(q["q"], q["lang"])
            hits = retrieval.search(built, q["q"])
            rows.append(
                {
                    "q": q,
                    "signals": calibration.signals(hits, built, q["q"]),
                    "right": q["style"] != "out" and assistant_eval._right(q, answer),
                    "always_answers": answer.kind in ("calculator", "personal"),
                    "first": answer.passage_ids[:1],
                }
            )
    finally:
        retrieval.RERANKER, answerer.THRESHOLD = None, None
    return rows


def outcome(rows: list[dict], fold: list[int], k: int) -> dict:
    """Right / wrong-but-answered / declined with the confidence model fitted on the other folds."""
    from ansinh.assistant import calibration

    right = wrong = declined = out_declined = 0
    for f in range(k):
        train = [r for r, g in zip(rows, fold, strict=True) if g != f and not r["always_answers"]]
        fitted = calibration.fit([(r["signals"], r["right"]) for r in train])
        fitted["threshold"] = assistant_eval._choose_threshold(train, fitted)
        for r, g in zip(rows, fold, strict=True):
            if g != f:
                continue
            answered = assistant_eval._answered(r, fitted, fitted["threshold"])
            if r["q"]["style"] == "out":
                out_declined += not answered
            elif not answered:
                declined += 1
            elif r["right"]:
                right += 1
            else:
                wrong += 1
    n = right + wrong + declined
    return {
        "right": round(right / n, 3),
        "wrong": round(wrong / n, 3),
        "declined": round(declined / n, 3),
        "right_at_threshold_0": round(sum(r["right"] for r in rows if r["q"]["style"] != "out") / n, 3),
        "out_declined": out_declined,
    }


def main() -> None:
    from ansinh.assistant import rerank

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="fit on the whole tuning part and write rerank.toml")
    parser.add_argument("--skip-migrate", action="store_true", help="reuse the scratch database as it is")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--draws", type=int, default=1, help="cross-validate this many fold assignments")
    parser.add_argument("--no-answers", action="store_true", help="cross-validate hit@1 only (fast)")
    args = parser.parse_args()
    built = assistant_eval._setup(not args.skip_migrate)
    every = [json.loads(line) for line in assistant_eval.QUESTIONS.read_text(encoding="utf-8").splitlines() if line]
    tune = [q for q in every if q["split"] == "tune" and q["style"] != "calc"]
    scope = [q for q in tune if q["style"] != "out"]
    data = lists(built, scope)
    report = {
        "questions": len(scope),
        "fused": {
            "hit_at_1": round(float(np.mean([y[0] for _, y, _ in data])), 3),
            "in_candidates": round(float(np.mean([y.max() for _, y, _ in data])), 3),
        },
        "cv": [],
    }
    before = None if args.no_answers else judge(built, tune, False)
    for draw in range(args.draws):
        fold = folds_of(scope, args.folds, 14 + draw)
        hits, models = 0, []
        for f in range(args.folds):
            fitted = rerank.fit([(x, y) for (x, y, _), g in zip(data, fold, strict=True) if g != f])
            models.append(fitted)
            for (x, y, _), g in zip(data, fold, strict=True):
                if g == f:
                    hits += y[int(np.argmax(rerank.scores(x, fitted)))]
        result = {"seed": 14 + draw, "hit_at_1": round(float(hits) / len(scope), 3)}
        if before is not None:
            all_fold = folds_of(tune, args.folds, 14 + draw)
            after = []
            for f in range(args.folds):
                after += judge(built, [q for q, g in zip(tune, all_fold, strict=True) if g == f], models[f])
            order = {id(r["q"]): r for r in after}
            after = [order[id(q)] for q in tune]
            result["before"] = outcome(before, all_fold, args.folds)
            result["after"] = outcome(after, all_fold, args.folds)
        report["cv"].append(result)
    if args.write:
        fitted = rerank.fit([(x, y) for x, y, _ in data])
        header = (
            f"# Written by bench/assistant_rerank.py --write on {timezone.localdate().isoformat()}: listwise "
            f"logistic re-ranker fitted on the\n# {len(scope)} in-scope questions of the TUNING part of "
            "bench/assistant_questions.jsonl (never the held-out part),\n"
            f"# over the first {rerank.DEPTH} fused candidates of each. Score = sum of weight × feature / scale.\n"
            f"# Features, in order: {', '.join(rerank.FEATURES)}.\n"
        )
        body = "\n".join(f"{k} = {json.dumps(v)}" for k, v in fitted.items())
        rerank.RERANK_FILE.write_text(header + body + "\n", encoding="utf-8")
        rerank.model.cache_clear()
        report["written"] = str(rerank.RERANK_FILE)
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
