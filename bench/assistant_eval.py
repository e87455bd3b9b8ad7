"""Evaluate the virtual assistant over the labelled questions in bench/assistant_questions.jsonl.

DEBUG=1 .venv/bin/python bench/assistant_eval.py [--threshold 0.55] [--details] [--skip-migrate]
Prints ONE JSON object: hit@1 / hit@3 of the expected passage (in-scope questions, overall and by style),
share of out-of-scope questions refused ("don't know"), share of in-scope questions wrongly refused,
calculator accuracy (same inputs as labelled and the quote service's amount in the answer), p50/p95
latency per question (ms, wall and CPU), peak memory. Uses its own scratch database under ANSINH_VAR_DIR.
"""
import argparse
import json
import os
import resource
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("ANSINH_VAR_DIR", "/tmp/ansinh-bench-assistant")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")
import django  # noqa: E402

django.setup()
from django.core.management import call_command  # noqa: E402
from django.utils import translation  # noqa: E402

QUESTIONS = Path(__file__).with_name("assistant_questions.jsonl")


def _setup(migrate: bool):
    from ansinh.assistant import index, services

    if migrate:
        call_command("migrate", verbosity=0)
    services.load_seed(update=True)
    index.forget()
    return index.current()


def _calc_ok(question: dict, answer) -> bool:
    from ansinh.assistant.formatting import vnd
    from ansinh.contributions import services as contributions

    expected = question["calc"]
    if answer.kind != "calculator" or not answer.inputs:
        return False
    if any(answer.inputs.get(k) != v for k, v in expected.items()):
        return False
    result = contributions.quote({**expected, "period": answer.inputs["period"]})
    payer = {"voluntary": "participant", "family_hi": "household", "compulsory": "employee"}[expected["scheme"]]
    with translation.override(question["lang"]):
        return vnd(result["by_payer"][payer]) in answer.answer


def evaluate(threshold: float, details: bool, migrate: bool = True) -> dict:
    from ansinh.assistant import answerer

    answerer.THRESHOLD = threshold
    built = _setup(migrate)
    questions = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    answerer.ask("khởi động", "vi")  # load the embedding model once, outside the timings
    by_style, latencies, cpu_times, wrong = defaultdict(lambda: [0, 0, 0]), [], [], []
    out_refused = out_total = calc_ok = calc_total = false_refusals = 0
    for q in questions:
        started, cpu = time.perf_counter(), time.process_time()
        answer = answerer.ask(q["q"], q["lang"])
        latencies.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.process_time() - cpu) * 1000)
        if q["style"] == "out":
            out_total += 1
            out_refused += answer.kind == "unknown"
            if answer.kind != "unknown":
                wrong.append({"q": q["q"], "got": answer.passage_ids, "confidence": answer.confidence})
            continue
        if q["style"] == "calc":
            calc_total += 1
            ok = _calc_ok(q, answer)
            calc_ok += ok
            if not ok:
                wrong.append({"q": q["q"], "kind": answer.kind, "inputs": answer.inputs})
            continue
        from ansinh.assistant import retrieval

        ranked = [h.pid for h in retrieval.search(built, q["q"])]
        row = by_style[q["style"]]
        row[0] += 1
        row[1] += ranked[0] in q["expect"]
        row[2] += any(pid in q["expect"] for pid in ranked[:3])
        false_refusals += answer.kind == "unknown"
        if ranked[0] not in q["expect"] or answer.kind == "unknown":
            wrong.append({"q": q["q"], "expect": q["expect"], "got": ranked, "kind": answer.kind, "confidence": answer.confidence})
    total = [sum(r[i] for r in by_style.values()) for i in range(3)]
    latencies.sort()
    cpu_times.sort()
    report = {
        "questions": len(questions), "in_scope": total[0], "out_of_scope": out_total, "calculator_questions": calc_total,
        "passages": len(built.passages), "threshold": threshold,
        "hit_at_1": round(total[1] / total[0], 3), "hit_at_3": round(total[2] / total[0], 3),
        "by_style": {k: {"n": r[0], "hit_at_1": round(r[1] / r[0], 3), "hit_at_3": round(r[2] / r[0], 3)} for k, r in by_style.items()},
        "out_of_scope_refused": round(out_refused / out_total, 3) if out_total else None,
        "in_scope_refused": round(false_refusals / total[0], 3),
        "calculator_accuracy": round(calc_ok / calc_total, 3) if calc_total else None,
        "latency_ms_p50": round(statistics.median(latencies), 1),
        "latency_ms_p95": round(latencies[int(0.95 * (len(latencies) - 1))], 1),
        "latency_ms_max": round(latencies[-1], 1),
        # CPU time (all threads of this process) per question: steadier than wall time on a shared machine.
        "cpu_ms_p50": round(statistics.median(cpu_times), 1),
        "cpu_ms_p95": round(cpu_times[int(0.95 * (len(cpu_times) - 1))], 1),
        "cpu_cores": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if details:
        report["misses"] = wrong
    return report


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=None, help="confidence below which the answer is 'don't know'")
    parser.add_argument("--details", action="store_true", help="list the questions that missed")
    parser.add_argument("--skip-migrate", action="store_true", help="reuse the scratch database as it is")
    args = parser.parse_args()
    from ansinh.assistant import answerer

    print(json.dumps(evaluate(args.threshold if args.threshold is not None else answerer.THRESHOLD, args.details, not args.skip_migrate),
                     ensure_ascii=False))
