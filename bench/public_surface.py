"""Benchmark: the dearest requests anyone can send without an account, and what each costs the server.

    DEBUG=1 .venv/bin/python bench/public_surface.py [--repeat 3]

Migrates a scratch database (ANSINH_VAR_DIR, default a fresh temporary folder; or DATABASE_URL) with the rate limits
lifted (every request is served, not refused with 429), then calls the WSGI application in this process with the
largest bodies and values each public endpoint accepts (quotes, the assistant, dossier look-up, activation, log-in,
the eligibility API without a token, declarations without an account, the gateway's token and card check) and
with bodies just over each limit. The request (environ and body) is built before the clock starts, so only the
server's work is counted. Per request: the status, CPU seconds (time.process_time, worst of --repeat calls), wall
seconds, and peak Python memory (tracemalloc, a separate call: tracing slows the CPU). Prints one JSON object with
the budget (1 CPU second, 50 MB) and whether every request kept within it.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
import tracemalloc
import urllib.parse
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CPU_BUDGET_S = 1.0
MEMORY_BUDGET_MB = 50
CSRF = "a" * 32  # an unmasked CSRF secret, sent as cookie and field alike: the form is judged, not the token
KB, MB = 1024, 1024 * 1024


def _months(n: int) -> list[dict]:
    """n salary periods of one month each, from January 1975, at the largest salary a quote accepts."""
    return [
        {
            "from": f"{1975 + i // 12}-{i % 12 + 1:02d}",
            "to": f"{1975 + i // 12}-{i % 12 + 1:02d}",
            "monthly_salary": 1_000_000_000,
        }
        for i in range(n)
    ]


def _json(path: str, body: dict | bytes, **extra) -> dict:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return {"method": "POST", "path": path, "body": data, "content_type": "application/json", **extra}


def _form(path: str, fields: dict, **extra) -> dict:
    data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": CSRF}).encode()
    return {
        "method": "POST",
        "path": path,
        "body": data,
        "content_type": "application/x-www-form-urlencoded",
        "cookie": f"csrftoken={CSRF}",
        **extra,
    }


def _multipart(path: str, name: str, content: bytes) -> dict:
    boundary = "ansinhbench"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: text/csv\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return {"method": "POST", "path": path, "body": body, "content_type": f"multipart/form-data; boundary={boundary}"}


def _padded(body: dict, size: int) -> bytes:
    """The JSON body grown to `size` bytes by an ignored field."""
    text = json.dumps({**body, "pad": ""})
    return text.replace('"pad": ""', '"pad": "' + "x" * (size - len(text)) + '"').encode()


def worst_requests() -> dict[str, Callable[[], dict]]:
    """The dearest request each public endpoint accepts, every list at its longest and every value at its largest
    (each built when called: some bodies are tens of megabytes)."""
    question = "Tôi đóng bảo hiểm xã hội tự nguyện 20 năm thì lương hưu bao nhiêu và đóng thêm bao lâu nữa? " * 11
    relatives = [{"relation": "child", "birth_date": "2015-01-01", "sex": "male"}] * 20
    return {
        "contributions quote, 30 members": lambda: _json(
            "/api/v1/contributions/quote", {"scheme": "family_hi", "period": "2025-06", "members": 30}
        ),
        "contributions quote, 120 months ahead": lambda: _json(
            "/api/v1/contributions/quote",
            {
                "scheme": "voluntary",
                "period": "2025-06",
                "income": 46_800_000,
                "support_group": "near_poor",
                "schedule": "missing",
                "months": 120,
            },
        ),
        "pension quote, 600 periods": lambda: _json(
            "/api/v1/benefits/pension/quote",
            {"sex": "male", "birth_date": "1962-01-01", "retirement_date": "2026-01-01", "periods": _months(600)},
        ),
        "one-off quote, 600 periods": lambda: _json(
            "/api/v1/benefits/one-off/quote",
            {"settlement_date": "2026-03-01", "ground": "emigration", "document": True, "periods": _months(600)},
        ),
        "survivor quote, 600 periods and 20 relatives": lambda: _json(
            "/api/v1/benefits/survivor/quote",
            {"death_date": "2026-03-10", "status": "contributing", "periods": _months(600), "relatives": relatives},
        ),
        "pension indexation, from 1995": lambda: _json(
            "/api/v1/benefits/pension/indexation",
            {"kind": "pension", "amount": 1_000_000_000, "start": "1995-01-01", "on": "2026-01-01"},
        ),
        "assistant question, 1,000 characters": lambda: _json(
            "/api/v1/assistant/ask", {"question": question[:1000], "lang": "vi"}
        ),
        "dossier status API": lambda: _json("/api/v1/services/status", {"receipt_code": "H" * 16, "cccd": "0" * 14}),
        "dossier look-up page": lambda: _form("/services/lookup/", {"receipt_code": "H" * 16, "cccd": "042090000001"}),
        "activation, a CCCD": lambda: _form("/portal/activate/", {"cccd": "042090000001"}),
        "log-in, wrong password": lambda: _form("/accounts/login/", {"username": "u" * 150, "password": "p" * 4000}),
        "eligibility API without a token": lambda: {
            "method": "GET",
            "path": "/api/v1/health/eligibility",
            "query": urllib.parse.urlencode({"cccd": "0" * 20, "full_name": "N" * 100, "birth_date": "1990-01-01"}),
        },
        "declarations without an account, 60 MB": lambda: _multipart(
            "/api/v1/contributions/declarations", "d02.csv", b"x;" * (30 * MB)
        ),
        "gateway token, 64 KB body": lambda: _json(
            "/api/token/take", _padded({"username": "u" * 50, "password": "F" * 64}, 64 * KB)
        ),
        "gateway card check, no session": lambda: _json(
            "/api/egw/KQNhanLichSuKCB2024?token=x&id_token=y", _padded({"maThe": "0" * 15}, 64 * KB)
        ),
        "partner payment look-up, 1 MB": lambda: _json(
            "/api/v1/services/payments/lookup", _padded({"MaHoSo": "H"}, MB)
        ),
    }


def over_limits() -> dict[str, Callable[[], tuple[dict, int, str]]]:
    """Bodies over each limit: (request, the status expected, a word the refusal names)."""
    return {
        "contributions quote body over 16 KB": lambda: (
            _json("/api/v1/contributions/quote", _padded({"scheme": "family_hi"}, 16 * KB + 1)),
            413,
            "16 KB",
        ),
        "benefit quote body over 128 KB": lambda: (
            _json("/api/v1/benefits/pension/quote", _padded({"sex": "male"}, 128 * KB + 1)),
            413,
            "128 KB",
        ),
        "assistant body over 8 KB": lambda: (
            _json("/api/v1/assistant/ask", _padded({"question": "?"}, 8 * KB + 1)),
            413,
            "8 KB",
        ),
        "dossier status body over 4 KB": lambda: (
            _json("/api/v1/services/status", _padded({"receipt_code": "H"}, 4 * KB + 1)),
            413,
            "4 KB",
        ),
        "activation form over 8 KB": lambda: (_form("/portal/activate/", {"cccd": "0" * (8 * KB)}), 413, "8 KB"),
        "log-in form over 8 KB": lambda: (
            _form("/accounts/login/", {"username": "u", "password": "p" * (8 * KB)}),
            413,
            "8 KB",
        ),
        "household of 31": lambda: (
            _json("/api/v1/contributions/quote", {"scheme": "family_hi", "period": "2025-06", "members": 31}),
            422,
            "members",
        ),
        "601 salary periods": lambda: (
            _json(
                "/api/v1/benefits/pension/quote",
                {"sex": "male", "birth_date": "1962-01-01", "retirement_date": "2026-01-01", "periods": _months(601)},
            ),
            422,
            "periods",
        ),
        "salary over 1 billion": lambda: (
            _json(
                "/api/v1/benefits/pension/quote",
                {
                    "sex": "male",
                    "birth_date": "1962-01-01",
                    "retirement_date": "2026-01-01",
                    "periods": [{**_months(1)[0], "monthly_salary": 10**30}],
                },
            ),
            422,
            "monthly_salary",
        ),
        "question over 1,000 characters": lambda: (
            _json("/api/v1/assistant/ask", {"question": "a" * 1001}),
            422,
            "question",
        ),
        "gateway token body over 64 KB": lambda: (
            _json("/api/token/take", _padded({"username": "u", "password": "F"}, 64 * KB + 1)),
            413,
            "64 KB",
        ),
        "gateway token, 60 MB body": lambda: (
            _json("/api/token/take", _padded({"username": "u", "password": "F"}, 60 * MB)),
            413,
            "64 KB",
        ),
        "gateway card check, 60 MB body": lambda: (
            _json("/api/egw/KQNhanLichSuKCB2024?token=x&id_token=y", _padded({"maThe": "0"}, 60 * MB)),
            413,
            "64 KB",
        ),
        "partner call over 1 MB": lambda: (
            _json("/api/v1/services/payments/lookup", _padded({"MaHoSo": "H"}, MB + 1)),
            413,
            "1 MB",
        ),
        "partner call, 60 MB body": lambda: (
            _json("/api/v1/services/portal/dossiers", _padded({"MaHoSo": "H"}, 60 * MB)),
            413,
            "1 MB",
        ),
        "a page, 29 MB form": lambda: (_form("/", {"q": "x" * (29 * MB)}), 413, "64 KB"),
    }


def environ(request: dict) -> dict:
    """A WSGI environ for the request, its body already in memory (built before the measurement)."""
    body = request.get("body", b"")
    env = {
        "REQUEST_METHOD": request["method"],
        "PATH_INFO": request["path"].split("?")[0],
        "QUERY_STRING": request.get("query", request["path"].partition("?")[2]),
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "203.0.113.7",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": request.get("content_type", ""),
    }
    if request.get("cookie"):
        env["HTTP_COOKIE"] = request["cookie"]
    return env


def measure(application, request: dict, repeat: int) -> dict:
    _serve(application, environ(request))  # warm: what a process pays once (imports, tables read) is not per request
    cpu, wall = [], []
    for _ in range(repeat):
        env = environ(request)
        t_cpu, t_wall = time.process_time(), time.perf_counter()
        code, _answer = _serve(application, env)
        cpu.append(time.process_time() - t_cpu)
        wall.append(time.perf_counter() - t_wall)
    env = environ(request)
    tracemalloc.start()
    tracemalloc.reset_peak()
    _serve(application, env)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "status": code,
        "body_bytes": len(request.get("body", b"")),
        "cpu_s": round(max(cpu), 4),
        "wall_s": round(max(wall), 4),
        "peak_python_mb": round(peak / MB, 2),
    }


def _serve(application, env: dict) -> tuple[int, bytes]:
    status = []
    chunks = application(env, lambda line, headers, exc_info=None: status.append(int(line.split()[0])))
    try:
        return status[0], b"".join(chunks)
    finally:
        getattr(chunks, "close", lambda: None)()


def lift_rate_limits(settings) -> None:
    settings.THROTTLE_RATES = {scope: "1000000/m" for scope in settings.THROTTLE_RATES}
    settings.HEALTH_GATEWAY_TAKE_RATE = settings.HEALTH_CHECK_RATE = "1000000/min"
    settings.AXES_FAILURE_LIMIT = 1_000_000
    settings.ALLOWED_HOSTS = ["testserver"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3, help="calls per request; the dearest is reported")
    repeat = parser.parse_args().repeat
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")
    if "DATABASE_URL" not in os.environ:
        os.environ.setdefault("ANSINH_VAR_DIR", tempfile.mkdtemp(prefix="ansinh-bench-public-"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from ansinh.wsgi import application

    call_command("migrate", verbosity=0)
    lift_rate_limits(settings)
    load_before, cpu_start = os.getloadavg()[0], time.process_time()
    results = {name: measure(application, build(), repeat) for name, build in worst_requests().items()}
    refused = {name: measure(application, build()[0], repeat) for name, build in over_limits().items()}
    everything = [*results.values(), *refused.values()]
    print(
        json.dumps(
            {
                "benchmark": "public_surface",
                "repeat": repeat,
                "budget": {"cpu_s": CPU_BUDGET_S, "peak_python_mb": MEMORY_BUDGET_MB},
                "largest_accepted": results,
                "over_the_limits": refused,
                "dearest_cpu_s": max(r["cpu_s"] for r in everything),
                "largest_peak_python_mb": max(r["peak_python_mb"] for r in everything),
                "within_budget": all(
                    r["cpu_s"] <= CPU_BUDGET_S and r["peak_python_mb"] <= MEMORY_BUDGET_MB for r in everything
                ),
                "server_errors": sorted(name for name, r in {**results, **refused}.items() if r["status"] >= 500),
                "process_cpu_s": round(time.process_time() - cpu_start, 2),
                "load_average_1min": {"before": round(load_before, 1), "after": round(os.getloadavg()[0], 1)},
                "database": django.db.connection.vendor,
            },
            ensure_ascii=False,
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
