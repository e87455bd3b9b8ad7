"""Benchmark: KPI computation and the dashboard on a demo province. Prints one JSON object.

    DEBUG=1 .venv/bin/python bench/kpis.py --people 1317200 [--months 3] [--requests 20]

Uses ANSINH_VAR_DIR (default: a new scratch directory) and builds the demo province there with every app's
step unless it already holds one (so a second run on the same directory measures without rebuilding).
Reports: seconds to compute one month at every level (province, former districts, communes) and per
source; seconds to close a month; dashboard and API response times per area level, from a snapshot and live.
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
os.environ.setdefault("ANSINH_VAR_DIR", tempfile.mkdtemp(prefix="ansinh-bench-kpis-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")

import django

django.setup()

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client

from ansinh.core.models import User
from ansinh.core.periods import Period
from ansinh.geo.reference import PROVINCE_CODE
from ansinh.insights import compute, sources
from ansinh.insights.models import Snapshot
from ansinh.insights.snapshots import close_month
from ansinh.registry.models import Person

CPU: dict[
    str, list[float]
] = {}  # CPU seconds of this process per timed step: steadier than wall time on a shared machine


def _timed(fn, *args, label: str = ""):
    started, began_cpu = time.perf_counter(), time.process_time()
    result = fn(*args)
    if label:
        CPU.setdefault(label, []).append(time.process_time() - began_cpu)
    return result, time.perf_counter() - started


def _ms(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 1),
    }


def _per_source(period: str) -> dict:
    seconds = {}
    for source in sources.SOURCES:
        _, took = _timed(sources.fetch, source, period, label=f"source {source.key}")
        seconds[source.key] = round(took, 3)
    return seconds


def _get(client: Client, url: str, params: dict, cpu: list | None = None) -> float:
    began_cpu = time.process_time()
    response, took = _timed(client.get, url, params)
    if cpu is not None:
        cpu.append(time.process_time() - began_cpu)
    if response.status_code != 200:
        raise SystemExit(f"{url} {params} answered {response.status_code}")
    return took


def _pages(client: Client, period: str, requests: int) -> dict:
    """Dashboard and API per area level: the province, a former district, a commune (wall and CPU time)."""
    out = {}
    for level, area in (("province", PROVINCE_CODE), ("area", "443"), ("commune", "44301")):
        page, api, page_cpu, api_cpu = [], [], [], []
        for _ in range(requests):
            page.append(_get(client, "/insights/", {"period": period, "area": area}, page_cpu))
            api.append(_get(client, "/api/v1/insights/kpis", {"period": period, "area": area}, api_cpu))
        out[level] = {
            "dashboard": _ms(page) | {"cpu_p50_ms": _ms(page_cpu)["p50_ms"]},
            "api": _ms(api) | {"cpu_p50_ms": _ms(api_cpu)["p50_ms"]},
        }
    return out


def main() -> None:
    load_before = [round(x, 1) for x in os.getloadavg()]
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1_317_200)
    parser.add_argument("--months", type=int, default=3)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if not Person.objects.exists():
        call_command("build_demo", people=args.people, quiet=True)
    last = Period.parse(Snapshot.objects.order_by("-period").values_list("period", flat=True).first() or "2025-09")
    months = [str(last.plus(-i)) for i in range(args.months)]
    compute_seconds, close_seconds = [], []
    for month in months:
        cache.clear()
        compute_seconds.append(_timed(compute.compute_month, month, label="compute_month")[1])
    fresh = str(last.plus(1))
    close_seconds.append(
        _timed(close_month, fresh, "benchmark", label="close_month")[1]
        if not Snapshot.objects.filter(period=fresh).exists()
        else _timed(close_month, fresh, "benchmark re-computation", label="close_month")[1]
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.filter(role="manager").first())
    snapshot_pages = _pages(client, str(last), args.requests)
    cache.clear()
    closed = set(Snapshot.objects.values_list("period", flat=True))
    live_month = next(
        (str(last.plus(-i)) for i in range(1, 30) if str(last.plus(-i)) not in closed), str(last.plus(-30))
    )
    live_first = _get(client, "/insights/", {"period": live_month})
    print(
        json.dumps(
            {
                "benchmark": "kpis",
                "database": connection.vendor,
                "people": Person.objects.count(),
                "seconds_per_month_all_levels": round(statistics.mean(compute_seconds), 3),
                "months_computed": months,
                "seconds_per_source": _per_source(str(last)),
                "close_month_seconds": round(close_seconds[0], 3),
                "from_snapshot": snapshot_pages,
                "dashboard_live_uncached_seconds": round(live_first, 3),
                "live_month": live_month,
                "cpu_seconds": {label: round(statistics.mean(values), 3) for label, values in CPU.items()},
                "load_average_before": load_before,
                "load_average_1min": round(os.getloadavg()[0], 1),
                "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            }
        )
    )


if __name__ == "__main__":
    main()
