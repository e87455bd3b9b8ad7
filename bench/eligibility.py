"""Benchmark: the card check through both doors, An Sinh's REST API and the e-gateway, under a real production server
(gunicorn on loopback) at a steady rate, and where the time of one check goes.

    DEBUG=1 .venv/bin/python bench/eligibility.py [--people 20000] [--rate 100] [--seconds 15]
        [--workers 2] [--connections 4] [--port N]

Uses ANSINH_VAR_DIR (default: a new scratch directory), builds the demo province there unless it holds one,
refreshes coverage, issues a facility token and a gateway session, then:
1. profile: in-process, N checks each through the service alone, the service with its log insert, the service with
   the history, the REST request and the gateway request (Django test client: middleware, auth, audit, JSON), median
   and p99 per step, so the overhead around the check is measured rather than guessed;
2. load: GET /healthz (the floor: the same server's trivial endpoint), GET /api/v1/health/eligibility and POST
   /api/egw/KQNhanLichSuKCB2024 at a fixed rate each (open loop: each request has a scheduled send time and latency
   counts from it, so a slow server cannot hide its queueing);
3. throughput: each of the three flat out from a few keep-alive connections (closed loop), and each door's share of
   the trivial endpoint's.
The mix: 90% covered patients, 5% a name typed without diacritics, 5% unknown CCCDs. Prints one JSON object.
"""

import argparse
import hashlib
import http.client
import json
import os
import random
import resource
import socket
import statistics
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
os.environ.setdefault(
    "HEALTH_CHECK_RATE", "1000000/min"
)  # one facility sends the whole load: its limit is not measured here

import django

django.setup()

from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from ansinh.core import audit
from ansinh.core.models import ApiToken, User
from ansinh.core.roles import Role
from ansinh.health import eligibility
from ansinh.health.api import EligibilityOut, answer
from ansinh.health.coverage import refresh_coverage
from ansinh.health.gateway import accounts, receptionists, replies
from ansinh.health.models import Coverage, GatewayAccount
from ansinh.health.rules import normalise_name
from ansinh.registry.models import Person

GATEWAY_PASSWORD = "bench-gateway-password"
RECEPTIONIST = ("Phạm Thị Thơm", "042186002959")


def prepare(people: int) -> tuple[str, dict, list[dict], dict]:
    call_command("migrate", verbosity=0)
    if Person.objects.count() < people // 2:
        call_command("build_demo", people=people, verbosity=0)
    run = refresh_coverage(timezone.localdate())
    account, _ = User.objects.get_or_create(
        username="bench.facility", defaults={"role": Role.FACILITY, "org_code": "42001"}
    )
    token = ApiToken.issue(account, "eligibility benchmark")[1]
    if not GatewayAccount.objects.filter(username="bench_BV").exists():
        accounts.create_account("42001", "bench_BV", GATEWAY_PASSWORD)
    receptionists.register("42001", *RECEPTIONIST)
    md5 = hashlib.md5(GATEWAY_PASSWORD.encode()).hexdigest().upper()
    issued = accounts.take("bench_BV", md5, "127.0.0.1")[1]
    session = {"token": issued.access_token, "id_token": issued.id_token, "username": "bench_BV", "password": md5}
    sample = list(
        Coverage.objects.filter(person__cccd__isnull=False).values_list(
            "person__cccd", "person__full_name", "person__birth_date"
        )[:5000]
    )
    rng = random.Random(42)
    queries = []
    for _ in range(4000):
        cccd, name, born = rng.choice(sample)
        roll = rng.random()
        if roll < 0.05:
            name = normalise_name(name).lower()
        elif roll < 0.10:
            cccd = f"042{rng.randrange(10**9):09d}"
        queries.append({"cccd": cccd, "full_name": name, "birth_date": born})
    return token, session, queries, {"population": run.by_source.get("population"), "covered": run.members}


def rest_path(q: dict) -> str:
    return "/api/v1/health/eligibility?" + urllib.parse.urlencode({**q, "birth_date": q["birth_date"].isoformat()})


def gateway_request(session: dict, q: dict) -> tuple[str, bytes]:
    body = {
        "maThe": q["cccd"],
        "hoTen": q["full_name"],
        "ngaySinh": f"{q['birth_date']:%d/%m/%Y}",
        "hoTenCb": RECEPTIONIST[0],
        "cccdCb": RECEPTIONIST[1],
    }
    return "/api/egw/KQNhanLichSuKCB2024?" + urllib.parse.urlencode(session), json.dumps(
        body, ensure_ascii=False
    ).encode()


def _timed(calls: int, step) -> dict:
    """Wall time (median, p99) and CPU time of this process (median): on a shared machine the CPU time is the steadier
    figure of what a step costs, the wall time what a caller waits."""
    wall, cpu = [], []
    for i in range(calls):
        began, began_cpu = time.perf_counter(), time.process_time()
        step(i)
        wall.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    wall.sort()
    return {
        "median_ms": round(statistics.median(wall) * 1000, 3),
        "p99_ms": round(wall[int(len(wall) * 0.99)] * 1000, 3),
        "cpu_median_ms": round(statistics.median(cpu) * 1000, 3),
    }


def profile(token: str, session: dict, queries: list[dict], calls: int) -> dict:
    """Each layer around the check, timed alone in this process (no network), on the same queries."""

    def query(i):
        q = queries[i % len(queries)]
        return eligibility.Query(q["cccd"], q["full_name"], q["birth_date"], "42001", *RECEPTIONIST)

    client = Client(HTTP_HOST="127.0.0.1")
    rest_auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    answered = eligibility.with_history(eligibility.evaluate(query(0), channel="gateway"))
    steps = {
        "service_evaluate": lambda i: eligibility.evaluate(query(i)),
        "service_check_with_log": lambda i: eligibility.check(query(i)),
        "service_check_with_history": lambda i: eligibility.check(query(i), channel="gateway", history=True),
        "auth_rest_token": lambda i: ApiToken.user_for(token),
        "auth_gateway_session": lambda i: accounts.authenticate(session["token"], session["id_token"]),
        "audit_record": lambda i: audit.record("read", "bench", i, "eligibility benchmark"),
        "reply_rest_schema": lambda i: EligibilityOut.model_validate(answer(answered)).model_dump(mode="json"),
        "reply_gateway": lambda i: json.dumps(replies.card_check(answered), ensure_ascii=False),
        "rest_request": lambda i: client.get(rest_path(queries[i % len(queries)]), **rest_auth),
        "gateway_request": lambda i: client.post(
            *gateway_request(session, queries[i % len(queries)]), content_type="application/json"
        ),
    }
    # As the server runs: with DEBUG, every query would also be kept in connection.queries.
    with override_settings(DEBUG=False):
        for step in steps.values():  # warm-up: imports, the law tables, prepared statements
            _timed(50, step)
        return {name: _timed(calls, step) for name, step in steps.items()}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env() -> dict:
    """The server runs as in production: DEBUG off, a secret key, loopback as the only allowed host."""
    from django.conf import settings

    # TLS ends at the proxy in front of gunicorn; on loopback there is none, so no HTTPS redirect.
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
    }


def start_server(port: int, workers: int) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen(
        [gunicorn, "ansinh.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers), "--log-level", "warning"],
        cwd=ROOT,
        env=production_env(),
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def stop_server(server: subprocess.Popen) -> None:
    """A server still answering a queue of requests may take longer than its graceful stop allows: then it is killed,
    and the figures already taken are kept."""
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


class Driver:
    """Open-loop load: request i is due at start + i / rate; each thread keeps one keep-alive connection.
    `request(i)` gives (method, path, body, headers); `code(reply)` reads the result code of a 200 reply."""

    def __init__(self, port, request, code, rate, seconds):
        self.port, self.request, self.code, self.rate, self.seconds = port, request, code, rate, seconds
        self.local = threading.local()
        self.latencies, self.codes, self.errors = [], {}, 0
        self.lock = threading.Lock()

    def _conn(self):
        if not hasattr(self.local, "conn"):
            self.local.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        return self.local.conn

    def one(self, i: int, due: float) -> None:
        time.sleep(max(0.0, due - time.perf_counter()))
        method, path, body, headers = self.request(i)
        try:
            conn = self._conn()
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            reply = response.read()
            ok, code = (
                response.status == 200,
                self.code(json.loads(reply)) if response.status == 200 else str(response.status),
            )
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


def throughput(port: int, request, connections: int, seconds: float) -> dict:
    """Closed loop: `connections` clients each send the next request as soon as the last is answered, for `seconds`;
    what the server sustains flat out (the load generator runs on the same machine and takes its share)."""
    stop = time.perf_counter() + seconds
    counts, failures = [0] * connections, [0] * connections

    def client(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        i = k
        while time.perf_counter() < stop:
            method, path, body, headers = request(i)
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            counts[k] += 1
            failures[k] += response.status != 200
            i += connections
        conn.close()

    began = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return {
        "connections": connections,
        "seconds": round(elapsed, 2),
        "requests": sum(counts),
        "errors": sum(failures),
        "requests_per_s": round(sum(counts) / elapsed, 1),
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000, 2)


def load(port: int, request, code, rate: int, seconds: int) -> dict:
    Driver(port, request, code, rate, 2).run()  # warm-up: imports, connections, caches
    driver = Driver(port, request, code, rate, seconds)
    elapsed = driver.run()
    return {
        "rate_per_s": rate,
        "seconds": round(elapsed, 2),
        "requests": len(driver.latencies),
        "achieved_per_s": round(len(driver.latencies) / elapsed, 1),
        "errors": driver.errors,
        "p50_ms": percentile(driver.latencies, 0.50),
        "p99_ms": percentile(driver.latencies, 0.99),
        "max_ms": percentile(driver.latencies, 1.0),
        "result_codes": driver.codes,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--rate", type=int, default=100, help="requests per second of the steady (open-loop) load")
    parser.add_argument(
        "--connections", type=int, default=4, help="clients of the flat-out (closed-loop) throughput test"
    )
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--profile-calls", type=int, default=1000)
    parser.add_argument("--port", type=int, default=0, help="the server's port (default: any free one)")
    args = parser.parse_args()
    token, session, queries, province = prepare(args.people)
    load_before = [round(x, 2) for x in os.getloadavg()]
    layers = profile(token, session, queries, args.profile_calls)

    def rest(i):
        return ("GET", rest_path(queries[i % len(queries)]), None, {"Authorization": f"Bearer {token}"})

    def gateway(i):
        return (
            "POST",
            *gateway_request(session, queries[i % len(queries)]),
            {"Content-Type": "application/json"},
        )

    def trivial(i):
        """The floor: the same server's cheapest database round trip."""
        return ("GET", "/healthz", None, {})

    port = args.port or free_port()
    server = start_server(port, args.workers)
    try:
        trivial_load = load(port, trivial, lambda reply: reply.get("status"), args.rate, args.seconds)
        rest_load = load(port, rest, lambda reply: reply.get("result_code"), args.rate, args.seconds)
        gateway_load = load(port, gateway, lambda reply: reply.get("maKetQua"), args.rate, args.seconds)
        flat_out = {
            name: throughput(port, request, args.connections, args.seconds)
            for name, request in (("trivial", trivial), ("rest_api", rest), ("gateway", gateway))
        }
    finally:
        stop_server(server)
    print(
        json.dumps(
            {
                "benchmark": "eligibility",
                "server": f"gunicorn, {args.workers} workers, loopback",
                "people": args.people,
                **province,
                "profile_in_process": {"calls": args.profile_calls, **layers},
                "trivial_endpoint": trivial_load,
                "rest_api": rest_load,
                "gateway": gateway_load,
                "throughput": flat_out,
                "throughput_share_of_trivial": {
                    name: round(flat_out[name]["requests_per_s"] / flat_out["trivial"]["requests_per_s"], 3)
                    for name in ("rest_api", "gateway")
                },
                "database": django.db.connection.vendor,
                "cpu_count": os.cpu_count(),
                "load_average_before": load_before,
                "load_average_after": [round(x, 2) for x in os.getloadavg()],
                "peak_rss_mb_driver": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
