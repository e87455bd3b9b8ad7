"""Benchmark: one month's contribution assessment at province scale, against a bare bulk insert of the same
number of rows into the same tables, in the same run. Prints one JSON object.

    DEBUG=1 .venv/bin/python bench/assess.py [--people 1317200] [--repeat 3]

Runs on a fresh database (a temporary SQLite file unless DATABASE_URL is set, which must then point at an
empty scratch database). It builds the registry with the demo generator (about 310,000 insured workers in
6,111 units at full scale) and the voluntary and family-HI enrolments of the contributions demo, then
assesses the last full month `--repeat` times, each inside a transaction that is rolled back, and inserts
the same rows again (as another period) the same number of times. The ratio of the two medians is the
figure to bring down (aim: under 3×).
"""

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("ANSINH_VAR_DIR", tempfile.mkdtemp(prefix="ansinh-bench-assess-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")


class Rollback(Exception):
    pass


def _timed_and_rolled_back(work) -> tuple[float, object]:
    from django.db import transaction

    result = {}
    started = time.perf_counter()
    try:
        with transaction.atomic():
            result["value"] = work()
            result["seconds"] = time.perf_counter() - started
            raise Rollback
    except Rollback:
        pass
    return result["seconds"], result["value"]


def _build(people: int, seed: int):
    import datetime as dt

    from django.db import transaction

    from ansinh.contributions import demo as contributions_demo
    from ansinh.demo.context import DemoContext
    from ansinh.registry import demo as registry_demo

    ctx = DemoContext(people=people, seed=seed, as_of=dt.date.today().replace(day=1), verbose=False)
    with transaction.atomic():
        registry_demo.build(ctx)
        first = contributions_demo._periods(ctx)[0]
        contributions_demo.voluntary_enrolments(ctx, first)
        contributions_demo.family_hi_enrolments(ctx, first)
    return ctx


def _frames(period: str):
    """The rows an assessment wrote, read back (outside the timing) for the bare insert."""
    import polars as pl

    from ansinh.contributions.assessment import BILL_COLUMNS, LINE_COLUMNS, assess
    from ansinh.core.frames import read_frame
    from ansinh.core.periods import Period

    def work():
        run = assess(Period.parse(period))
        lines = read_frame(
            f"SELECT {', '.join(LINE_COLUMNS)} FROM contributions_assessmentline WHERE run_id = %s",
            [run.pk],
            list(LINE_COLUMNS),
        )
        bills = read_frame(
            f"SELECT {', '.join(BILL_COLUMNS)} FROM contributions_receivable WHERE run_id = %s",
            [run.pk],
            list(BILL_COLUMNS),
        )
        return run.pk, lines, bills

    _, (run_id, lines, bills) = _timed_and_rolled_back(work)
    other = pl.lit("1999-01")
    return lines.with_columns(period=other), bills.with_columns(period=other), run_id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1_317_200)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command

    from ansinh.contributions.assessment import BILL_COLUMNS, LINE_COLUMNS, assess
    from ansinh.contributions.models import AssessmentLine, AssessmentRun, Receivable
    from ansinh.core.bulk import bulk_insert
    from ansinh.core.periods import Period

    call_command("migrate", verbosity=0)
    ctx = _build(args.people, args.seed)
    period = Period.of(ctx.as_of).plus(-1)
    lines, bills, _ = _frames(str(period))

    assess_times, insert_times = [], []
    for _ in range(args.repeat):
        seconds, run = _timed_and_rolled_back(lambda: assess(period))
        assess_times.append(seconds)

        def bare_insert():
            holder = AssessmentRun.objects.create(period="1999-01")
            bulk_insert(AssessmentLine, LINE_COLUMNS, lines.with_columns(run_id=holder.pk))
            bulk_insert(Receivable, BILL_COLUMNS, bills.with_columns(run_id=holder.pk))

        insert_times.append(_timed_and_rolled_back(bare_insert)[0])
    print(json.dumps(_report(args, period, lines, bills, assess_times, insert_times)))


def _report(args, period, lines, bills, assess_times, insert_times) -> dict:
    from django.db import connection

    from ansinh.registry.models import Employer, EmploymentSpell

    assess_s, insert_s = statistics.median(assess_times), statistics.median(insert_times)
    rows = lines.height + bills.height
    return {
        "benchmark": "assess_contributions (one month)",
        "database": connection.vendor,
        "people": args.people,
        "employer_units": Employer.objects.count(),
        "insured_workers": EmploymentSpell.objects.filter(end__isnull=True).count(),
        "period": str(period),
        "person_lines": lines.height,
        "bill_lines": bills.height,
        "rows": rows,
        "seconds": round(assess_s, 3),
        "rows_per_second": round(rows / assess_s),
        "bare_bulk_insert_seconds": round(insert_s, 3),
        "ratio_to_bare_insert": round(assess_s / insert_s, 2),
        "runs_seconds": [round(s, 3) for s in assess_times],
        "p50_ms": round(assess_s * 1000),
        "p99_ms": round(max(assess_times) * 1000),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


if __name__ == "__main__":
    main()
