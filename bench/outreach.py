"""Benchmark: the outreach prospect lists computed for a generated province. Prints one JSON object.

    DEBUG=1 .venv/bin/python bench/outreach.py [--people 20000] [--repeat 3]

Runs on a fresh database (a temporary SQLite file unless DATABASE_URL is set, which must then point at an
empty scratch database). It builds the registry with the demo generator, the voluntary and family-HI
enrolments of the contributions demo, the HI cards (coverage refresh), the population extract (the registry
as the population database holds it) and the demo's labour-use reports; then computes the prospects
`--repeat` times and reports the median of each step: reading the sources (SQL and the extract's Parquet into
frames), computing (Polars) and writing (bulk insert of the prospects with the run record).
"""

import argparse
import datetime as dt
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
os.environ.setdefault("ANSINH_VAR_DIR", tempfile.mkdtemp(prefix="ansinh-bench-outreach-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")


def _build(people: int, seed: int):
    from django.db import transaction

    from ansinh.contributions import demo as contributions_demo
    from ansinh.demo.context import DemoContext
    from ansinh.health.services import refresh_coverage
    from ansinh.linkage import services as linkage
    from ansinh.linkage.demo.extract import write_demo_extract
    from ansinh.outreach import demo as outreach_demo
    from ansinh.registry import demo as registry_demo

    ctx = DemoContext(people=people, seed=seed, as_of=dt.date.today().replace(day=1), verbose=False)
    with transaction.atomic():
        registry_demo.build(ctx)
        first = contributions_demo._periods(ctx)[0]
        contributions_demo.voluntary_enrolments(ctx, first)
        contributions_demo.family_hi_enrolments(ctx, first)
        outreach_demo._labour_reports(ctx, ctx.rng("outreach"))
    refresh_coverage(ctx.as_of)
    extract_csv = linkage.storage_dir() / "bench-extract.csv"
    write_demo_extract(extract_csv, None, seed=seed, corrupt_registry=False)
    linkage.import_extract(extract_csv)
    return ctx


def _timed(work):
    started = time.perf_counter()
    value = work()
    return time.perf_counter() - started, value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    build_s, ctx = _timed(lambda: _build(args.people, args.seed))
    read, compute, write, total = [], [], [], []
    for _ in range(args.repeat):
        figures = _one_run(ctx.as_of)
        for store, value in zip((read, compute, write, total), figures[:4], strict=False):
            store.append(value)
    print(json.dumps(_report(args, build_s, read, compute, write, total, figures[4], figures[5])))


def _one_run(on: dt.date):
    from ansinh.outreach import prospects

    read_s, src = _timed(prospects.gather)
    compute_s, found = _timed(lambda: prospects.compute(src, prospects.settings_on(on)))
    write_s, _ = _timed(lambda: prospects.store(found, on, src.basis))
    return read_s, compute_s, write_s, read_s + compute_s + write_s, src, found


def _median(values) -> float:
    return round(statistics.median(values), 3)


def _report(args, build_s, read, compute, write, total, src, found) -> dict:
    from django.db import connection

    rows_in = src.residents.height + src.people.height + src.spells.height + src.voluntary.height + src.coverage.height
    per_reason = {r: int(n) for r, n in found.group_by("reason").len().sort("reason").iter_rows()}
    return {
        "benchmark": "outreach prospects",
        "database": connection.vendor,
        "people": args.people,
        "extract_residents": src.residents.height,
        "source_rows": rows_in,
        "prospects": found.height,
        "per_reason": per_reason,
        "repeat": args.repeat,
        "read_seconds": _median(read),
        "compute_seconds": _median(compute),
        "write_seconds": _median(write),
        "wall_seconds": _median(total),
        "source_rows_per_second": round(rows_in / statistics.median(total)),
        "compute_rows_per_second": round(rows_in / statistics.median(compute)),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "cpu_count": os.cpu_count(),
        "build_seconds": round(build_s, 1),
    }


if __name__ == "__main__":
    main()
