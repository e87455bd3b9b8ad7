"""Benchmark: benefit quotes, the hot path of the public calculators and the assistant.

    DEBUG=1 .venv/bin/python bench/quotes.py [--rounds 200]

Migrates a scratch database (ANSINH_VAR_DIR, default a fresh temporary folder; or DATABASE_URL), then calls
each quote function with generated careers (a career of 10–40 years in 1–8 salary periods, the state pay scale
in one career of five) and prints p50/p99 milliseconds per kind and quotes per second, with peak memory."""

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")
if "DATABASE_URL" not in os.environ:
    os.environ.setdefault("ANSINH_VAR_DIR", tempfile.mkdtemp(prefix="ansinh-bench-quotes-"))

import django

django.setup()

import numpy as np
from django.core.management import call_command

from ansinh.benefits import quoting


def _periods(rng, years: int, end=(2025, 12)) -> list[dict]:
    months = years * 12
    cuts = sorted(rng.choice(np.arange(1, months), size=int(rng.integers(0, 8)), replace=False).tolist())
    last = end[0] * 12 + end[1] - 1
    first = last - months + 1
    bounds = [first] + [first + c for c in cuts] + [last + 1]
    state = bool(rng.random() < 0.2)
    rows = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        rows.append(
            {
                "from": f"{a // 12:04d}-{a % 12 + 1:02d}",
                "to": f"{(b - 1) // 12:04d}-{(b - 1) % 12 + 1:02d}",
                "monthly_salary": int(rng.integers(2, 60)) * 1_000_000,
                "pay_scale": "state" if state else "employer",
            }
        )
    return rows


def bodies(rng) -> dict:
    years = int(rng.integers(10, 41))
    sex = str(rng.choice(["male", "female"]))
    return {
        "pension": {
            "sex": sex,
            "birth_date": "1962-01-01",
            "retirement_date": "2026-01-01",
            "periods": _periods(rng, years),
        },
        "one_off": {
            "settlement_date": "2026-03-01",
            "ground": "emigration",
            "document": True,
            "periods": _periods(rng, years),
        },
        "maternity": {
            "event": "birth",
            "birth_date": "2026-05-20",
            "children": int(rng.integers(1, 3)),
            "periods": _periods(rng, int(rng.integers(1, 6)), end=(2026, 5)),
        },
        "unemployment": {
            "contract_end": "2026-03-31",
            "claim_date": "2026-04-10",
            "periods": [
                {**p, "region": "II"}
                for p in _periods(rng, int(rng.integers(1, 15)), end=(2026, 3))
                for p in [{k: v for k, v in p.items() if k != "pay_scale"}]
            ],
        },
        "survivor": {
            "death_date": "2026-03-10",
            "status": "contributing",
            "periods": _periods(rng, years, end=(2026, 2)),
            "relatives": [{"relation": "spouse", "birth_date": "1960-01-01", "sex": "female"}],
        },
        "monthly_allowance": {
            "sex": "female",
            "birth_date": "1969-01-01",
            "start": "2026-03-01",
            "periods": _periods(rng, int(rng.integers(1, 15))),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200, help="quotes of each kind")
    rounds = parser.parse_args().rounds
    call_command("migrate", verbosity=0)
    rng = np.random.default_rng(7)
    timings: dict[str, list[float]] = {}
    for _ in range(rounds):
        for kind, body in bodies(rng).items():
            t0 = time.perf_counter()
            quoting.quote(kind, body)
            timings.setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
    total = sum(sum(v) for v in timings.values()) / 1000
    print(
        json.dumps(
            {
                "benchmark": "quotes",
                "rounds_per_kind": rounds,
                "ms": {
                    k: {"p50": round(statistics.median(v), 2), "p99": round(float(np.percentile(v, 99)), 2)}
                    for k, v in timings.items()
                },
                "quotes_per_second": round(sum(len(v) for v in timings.values()) / total),
                "load_average_1min": round(os.getloadavg()[0], 1),
                "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                "database": django.db.connection.vendor,
            }
        )
    )


if __name__ == "__main__":
    main()
