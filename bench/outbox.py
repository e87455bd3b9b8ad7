"""Benchmark: delivering the outbox to the national portal (a stand-in adapter on loopback that checks each
message as the real one does). Prints one JSON object.

    .venv/bin/python bench/outbox.py [--dossiers 1000] [--batch 500]

Builds a scratch SQLite database (ANSINH_VAR_DIR, default a new temporary directory), files the dossiers at
the counter through the workflow and moves each one to "in progress" (so 2 messages per step, 4 per
dossier), then runs the deliverer until the queue is empty. Reports messages delivered per second, HTTP
calls per second (a dossier sync is TraCuuHoSo + DongBoHoSoMC), p50/p99 per delivery, enqueue cost per
workflow step, and peak memory.
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
os.environ.setdefault("ANSINH_VAR_DIR", tempfile.mkdtemp(prefix="ansinh-bench-outbox-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")

import django

django.setup()

from django.conf import settings
from django.core.management import call_command

from ansinh.core.models import User
from ansinh.procedures import workflow
from ansinh.procedures.integration_models import OutboxDelivery, OutboxMessage
from ansinh.procedures.integrations import portal
from ansinh.procedures.models import Procedure, State
from ansinh.testing import factories
from ansinh.testing.national import PortalStandIn


def _queue(n: int) -> float:
    """File n counter dossiers and take each up; returns ms of workflow time per step (enqueue included)."""
    Procedure.objects.filter(code="D1").update(national_code="1.001667")
    procedure = Procedure.objects.get(code="D1")
    desk = User.objects.create_user("bench-desk", password="x" * 12, role="service_desk")
    person = factories.person(full_name="Nguyễn Văn An")
    started = time.perf_counter()
    for _ in range(n):
        dossier = workflow.submit(
            procedure=procedure, channel="counter", person=person, delivery="counter", by_user=desk
        )
        workflow.move(dossier, State.IN_PROGRESS, desk)
    return (time.perf_counter() - started) * 1000 / (2 * n)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    step_ms = _queue(args.dossiers)
    with PortalStandIn() as standin:
        settings.PORTAL_ADAPTER_URL, settings.PORTAL_AGENCY_CODE = standin.url, standin.agency_code
        settings.PORTAL_USERNAME, settings.PORTAL_PASSWORD = standin.username, standin.password
        client = portal.PortalClient.from_settings()
        started, runs = time.perf_counter(), 0
        while OutboxMessage.objects.filter(status="pending").exists() and runs < 1000:
            portal.deliver(limit=args.batch, client=client)
            runs += 1
        seconds = time.perf_counter() - started
        calls = sum(1 for method, path, body in standin.requests if path == "/integration")
        accepted = len(standin.dossiers)
    durations = sorted(OutboxDelivery.objects.values_list("duration_ms", flat=True))
    sent = OutboxMessage.objects.filter(status="sent").count()
    print(
        json.dumps(
            {
                "benchmark": "outbox",
                "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
                "dossiers": args.dossiers,
                "messages": OutboxMessage.objects.count(),
                "sent": sent,
                "portal_dossiers": accepted,
                "runs": runs,
                "seconds": round(seconds, 2),
                "messages_per_s": round(sent / seconds, 1),
                "http_calls_per_s": round(calls / seconds, 1),
                "delivery_p50_ms": statistics.median(durations) if durations else None,
                "delivery_p99_ms": durations[min(len(durations) - 1, int(len(durations) * 0.99))]
                if durations
                else None,
                "workflow_step_ms": round(step_ms, 2),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "load_average": [round(x, 2) for x in os.getloadavg()],
            }
        )
    )


if __name__ == "__main__":
    main()
