"""Benchmark: building the demo province. Prints one JSON object.

    DEBUG=1 .venv/bin/python bench/build_demo.py --people 1317200 [--all-steps]

Runs on a fresh database (a temporary SQLite file unless DATABASE_URL is set, which must then point at an
empty scratch database). Without --all-steps it measures the registry step (households, people, employers,
employment histories); with it, the whole `build_demo` with every app's data, each step's wall and CPU seconds
and peak memory. `bench/run_all.py` builds the province once with the same steps and keeps it.
"""

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("ANSINH_VAR_DIR", tempfile.mkdtemp(prefix="ansinh-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1_317_200)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--all-steps", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    import datetime as dt

    from django.core.management import call_command
    from django.db import connection, transaction

    from ansinh.demo.context import DemoContext
    from ansinh.registry import demo as registry_demo
    from ansinh.registry.models import EmploymentSpell, Person

    call_command("migrate", verbosity=0)
    started, cpu_started = time.perf_counter(), time.process_time()
    timings = Path(os.environ["ANSINH_VAR_DIR"]) / "build-timings.json"
    if args.all_steps:
        call_command("build_demo", people=args.people, seed=args.seed, quiet=True, timings=str(timings))
    else:
        ctx = DemoContext(people=args.people, seed=args.seed, as_of=dt.date.today().replace(day=1), verbose=False)
        with transaction.atomic():
            registry_demo.build(ctx)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    print(
        json.dumps(
            {
                "benchmark": "build_demo" + (" (all steps)" if args.all_steps else " (registry step)"),
                "database": connection.vendor,
                "people": Person.objects.count(),
                "employment_spells": EmploymentSpell.objects.count(),
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu_seconds, 2),
                "steps": json.loads(timings.read_text())["steps"] if args.all_steps else [],
                "load_average": [round(x, 2) for x in os.getloadavg()],
                "people_per_second": round(args.people / seconds),
                "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            }
        )
    )


if __name__ == "__main__":
    main()
