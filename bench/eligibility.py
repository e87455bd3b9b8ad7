"""Benchmark: the eligibility check under a real production server (gunicorn on loopback) at a steady rate.

    DEBUG=1 .venv/bin/python bench/eligibility.py [--people 20000] [--rate 200] [--seconds 15] [--workers 2]

Uses ANSINH_VAR_DIR (default: a new scratch directory), builds the demo province there unless it holds one,
refreshes coverage, issues a facility token, then sends GET /api/v1/health/eligibility at a fixed rate (open
loop: each request has a scheduled send time, and latency is counted from that time, so a slow server cannot
hide its queueing). The mix: 90% covered patients, 5% a name typed without diacritics, 5% unknown CCCDs.
Prints one JSON object with p50/p99 latency, errors and the result codes seen.
"""
import argparse
import http.client
import json
import os
import random
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("ANSINH_VAR_DIR", tempfile.mkdtemp(prefix="ansinh-bench-eligibility-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from ansinh.core.models import ApiToken, User  # noqa: E402
from ansinh.core.roles import Role  # noqa: E402
from ansinh.health.coverage import refresh_coverage  # noqa: E402
from ansinh.health.models import Coverage  # noqa: E402
from ansinh.health.rules import normalise_name  # noqa: E402
from ansinh.registry.models import Person  # noqa: E402


def prepare(people: int) -> tuple[str, list[dict], dict]:
    call_command("migrate", verbosity=0)
    if Person.objects.count() < people // 2:
        call_command("build_demo", people=people, verbosity=0)
    run = refresh_coverage(timezone.localdate())
    account, _ = User.objects.get_or_create(username="bench.facility", defaults={"role": Role.FACILITY, "org_code": "42001"})
    token = ApiToken.issue(account, "eligibility benchmark")[1]
    sample = list(Coverage.objects.filter(person__cccd__isnull=False).values_list(
        "person__cccd", "person__full_name", "person__birth_date")[:5000])
    rng = random.Random(42)
    queries = []
    for _ in range(4000):
        cccd, name, born = rng.choice(sample)
        roll = rng.random()
        if roll < 0.05:
            name = normalise_name(name).lower()
        elif roll < 0.10:
            cccd = f"042{rng.randrange(10**9):09d}"
        queries.append({"cccd": cccd, "full_name": name, "birth_date": born.isoformat()})
    return token, queries, {"population": run.by_source.get("population"), "covered": run.members}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env() -> dict:
    """The server runs as in production: DEBUG off, a secret key, loopback as the only allowed host."""
    from django.conf import settings

    # TLS ends at the proxy in front of gunicorn; on loopback there is none, so no HTTPS redirect.
    return {**os.environ, "DEBUG": "0", "SECRET_KEY": settings.SECRET_KEY, "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0"}


def start_server(port: int, workers: int) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen([gunicorn, "ansinh.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers), "--log-level", "warning"],
                              cwd=ROOT, env=production_env())
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start")


class Driver:
    """Open-loop load: request i is due at start + i / rate; each thread keeps one keep-alive connection."""

    def __init__(self, port, token, queries, rate, seconds):
        self.port, self.token, self.queries, self.rate, self.seconds = port, token, queries, rate, seconds
        self.local = threading.local()
        self.latencies, self.codes, self.errors = [], {}, 0
        self.lock = threading.Lock()

    def _conn(self):
        if not hasattr(self.local, "conn"):
            self.local.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        return self.local.conn

    def one(self, i: int, due: float) -> None:
        time.sleep(max(0.0, due - time.perf_counter()))
        path = "/api/v1/health/eligibility?" + urllib.parse.urlencode(self.queries[i % len(self.queries)])
        try:
            conn = self._conn()
            conn.request("GET", path, headers={"Authorization": f"Bearer {self.token}"})
            response = conn.getresponse()
            body = response.read()
            ok, code = response.status == 200, json.loads(body).get("result_code") if response.status == 200 else str(response.status)
        except (OSError, http.client.HTTPException, ValueError):
            self.local.__dict__.pop("conn", None)
            ok, code = False, "connection error"
        took = time.perf_counter() - due
        with self.lock:
            self.latencies.append(took)
            self.codes[code] = self.codes.get(code, 0) + 1
            self.errors += 0 if ok else 1

    def run(self) -> float:
        total = int(self.rate * self.seconds)
        start = time.perf_counter() + 0.2
        with ThreadPoolExecutor(max_workers=64) as pool:
            for i in range(total):
                pool.submit(self.one, i, start + i / self.rate)
        return time.perf_counter() - start


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000, 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--rate", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    token, queries, province = prepare(args.people)
    port = free_port()
    server = start_server(port, args.workers)
    try:
        Driver(port, token, queries, args.rate, 2).run()  # warm-up: imports, connections, caches
        driver = Driver(port, token, queries, args.rate, args.seconds)
        elapsed = driver.run()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(json.dumps({
        "benchmark": "eligibility", "server": f"gunicorn, {args.workers} workers, loopback", "people": args.people,
        **province, "rate_per_s": args.rate, "seconds": round(elapsed, 2), "requests": len(driver.latencies),
        "achieved_per_s": round(len(driver.latencies) / elapsed, 1), "errors": driver.errors,
        "p50_ms": percentile(driver.latencies, 0.50), "p99_ms": percentile(driver.latencies, 0.99),
        "max_ms": percentile(driver.latencies, 1.0), "result_codes": driver.codes,
        "database": django.db.connection.vendor, "cpu_count": os.cpu_count(),
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "peak_rss_mb_driver": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))


if __name__ == "__main__":
    main()
