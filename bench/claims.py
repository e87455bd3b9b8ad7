"""Benchmark: claims intake (parse + checks + store) of 10,000-record envelopes, and assessing 100,000 HI claims
with their lines (set-based, Polars).

    DEBUG=1 .venv/bin/python bench/claims.py [--claims 100000] [--patients 50000] [--batch 10000] [--wrap 76]
        [--database URL]

Builds a scratch database (--database or DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/claims_bench, an empty
database; without either a SQLite file in ANSINH_VAR_DIR, default a fresh temporary folder) with covered
patients, then generated claims (outpatient visits and inpatient stays with results and clinical course, 12%
planted errors) written as GIAMDINHHS envelopes of --batch records the way hospital software exports them (every
field, BOM, base64, with --wrap in lines) and received through the real intake, each envelope timed: the intake figures
(records per second of wall time and per CPU-second of this process and its children, p50/p99 seconds per envelope, the
load average around it; the CPU figure is the one to compare on a shared machine; on a PostgreSQL server on this machine
the CPU of the session's server process is counted as well, reported apart). The envelope-size and record limits of the
policy pack are raised for the benchmark (a monthly file is split smaller in production). Then times the assessment
engine on the loaded frames and the whole run (load, assess, write back). Prints one JSON object."""

import argparse
import datetime as dt
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")
_database = argparse.ArgumentParser(add_help=False)
_database.add_argument("--database")
if _url := _database.parse_known_args()[0].database:  # before Django reads its settings
    os.environ["DATABASE_URL"] = _url
if "DATABASE_URL" not in os.environ:
    os.environ.setdefault("ANSINH_VAR_DIR", tempfile.mkdtemp(prefix="ansinh-bench-claims-"))

import django

django.setup()

import numpy as np
from django.core.management import call_command
from django.db import transaction

from ansinh.core.bulk import bulk_insert, next_id, reset_sequence
from ansinh.core.ids import make_cccd
from ansinh.geo.models import Commune
from ansinh.health import claim_rules, intake
from ansinh.health.assessment import frames
from ansinh.health.assessment.run import assess_frames, run_assessment
from ansinh.health.demo import claims as claimgen
from ansinh.health.models import CatalogueItem, ClaimLine, Coverage, Facility
from ansinh.health.xml130 import Limits, envelope
from ansinh.policy.services import params_on
from ansinh.registry.models import Person

START = dt.date(2025, 9, 1)


def patients(n: int, rng) -> list[claimgen.Patient]:
    """n people in bulk, each covered (group DN/HT/TE by chance) and registered at a facility of their area."""
    communes = list(Commune.objects.values_list("id", "area_id"))
    stations = dict(Facility.objects.filter(level="primary").values_list("commune_id", "id"))
    codes = dict(Facility.objects.values_list("id", "code"))
    first = next_id(Person)
    years = rng.integers(1940, 2024, n)
    sexes = rng.choice(["male", "female"], n)
    rows, cover, out = [], [], []
    for i in range(n):
        commune_id = communes[i % len(communes)][0]
        birth = dt.date(int(years[i]), 1 + i % 12, 1 + i % 28)
        cccd = make_cccd("042", birth.year, sexes[i], 100000 + i)
        rows.append((first + i, cccd, f"{i:010d}", f"Người bệnh {i}", birth, sexes[i], commune_id, "", False, "", ""))
        group, pct = ("HT", 95) if birth.year < 1962 else ("TE", 100) if birth.year > 2019 else ("DN", 80)
        card = f"{group}{4 if pct == 80 else 3 if pct == 95 else 1}42{i:010d}"
        cover.append(
            (
                first + i,
                group,
                4,
                pct,
                dt.date(2025, 1, 1),
                dt.date(2025, 12, 31),
                stations[commune_id],
                None,
                card,
                "active",
                "",
                "bench",
            )
        )
        out.append(claimgen.Patient(cccd, f"Người bệnh {i}", birth, sexes[i], card, pct, codes[stations[commune_id]]))
    bulk_insert(
        Person,
        [
            "id",
            "cccd",
            "si_number",
            "full_name",
            "birth_date",
            "sex",
            "commune_id",
            "address",
            "ethnic_minority",
            "phone",
            "email",
        ],
        rows,
    )
    reset_sequence(Person)
    bulk_insert(
        Coverage,
        [
            "person_id",
            "group",
            "benefit_digit",
            "benefit_pct",
            "valid_from",
            "valid_to",
            "facility_id",
            "five_years_from",
            "card_code",
            "status",
            "stop_code",
            "source",
        ],
        cover,
    )
    return out


def envelopes(claims: list[dict], lines: list[dict], size: int, wrap: int | None = None):
    """(facility, records, GIAMDINHHS bytes): each facility's claims in envelopes of at most `size` records, written
    one at a time as they are received (one envelope in memory, as on a server)."""
    rows: dict[str, list[dict]] = {}
    for line in lines:
        rows.setdefault(line["ma_lk"], []).append(line)
    by_facility: dict[str, list[dict]] = {}
    for c in claims:
        by_facility.setdefault(c["facility_code"], []).append(c)
    for code, batch in by_facility.items():
        for start in range(0, len(batch), size):
            part = batch[start : start + size]
            yield (
                code,
                len(part),
                envelope(code, START, part, [r for c in part for r in rows.get(c["ma_lk"], [])], wrap=wrap),
            )


def cpu_seconds() -> float:
    """CPU time of this process and its children (user + system): the steadier figure on a shared machine. A
    PostgreSQL server's own time is not in it (another process), only in the wall time."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def server_cpu_seconds() -> float:
    """CPU time of the PostgreSQL server process serving this connection, when it runs on this machine (Linux /proc);
    0 for SQLite (in this process) or a server elsewhere."""
    if django.db.connection.vendor != "postgresql":
        return 0.0
    with django.db.connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def receive_all(parts) -> list[tuple[int, float, int, float, float]]:
    """Each envelope through the real intake: (records, wall seconds, bytes, CPU seconds, database server CPU
    seconds)."""
    limits = Limits(envelope_bytes=2**31, records=1_000_000)
    timed = []
    for _code, records, data in parts:
        t0, c0, s0 = time.perf_counter(), cpu_seconds(), server_cpu_seconds()
        intake.receive(data, None, channel="bench", limits=limits)
        timed.append((records, time.perf_counter() - t0, len(data), cpu_seconds() - c0, server_cpu_seconds() - s0))
    return timed


def nearest_rank(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * pct // 100) - 1)]


def intake_figures(timed: list[tuple[int, float, int, float, float]], load_before: tuple, load_after: tuple) -> dict:
    records, wall, cpu, server = (
        sum(t[0] for t in timed),
        sum(t[1] for t in timed),
        sum(t[3] for t in timed),
        sum(t[4] for t in timed),
    )
    largest = max(timed, key=lambda t: t[0])
    return {
        "envelopes": len(timed),
        "records": records,
        "mb_per_envelope_max": round(max(t[2] for t in timed) / 2**20, 1),
        "records_per_s": round(records / wall),
        "records_per_cpu_s": round(records / cpu),
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "server_cpu_s": round(server, 2),
        "records_per_cpu_s_with_server": round(records / (cpu + server)),
        "p50_s": round(nearest_rank([t[1] for t in timed], 50), 3),
        "p99_s": round(nearest_rank([t[1] for t in timed], 99), 3),
        "largest_envelope": {
            "records": largest[0],
            "wall_s": round(largest[1], 2),
            "cpu_s": round(largest[3], 2),
            "records_per_s": round(largest[0] / largest[1]),
            "records_per_cpu_s": round(largest[0] / largest[3]),
        },
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "cpus": os.cpu_count(),
        "stored_lines": ClaimLine.objects.count(),
    }


def database() -> str:
    """Which database was used: the vendor and its name (a file path for SQLite), never the credentials."""
    return f"{django.db.connection.vendor} {django.db.connection.settings_dict['NAME']}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--patients", type=int, default=50_000)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument(
        "--wrap",
        type=int,
        help="base64 wrapped in lines of this many characters (MIME style), as some exporters write it",
    )
    parser.add_argument(
        "--database", help="database URL (else DATABASE_URL, else a scratch SQLite file); read before Django starts"
    )
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    rng = np.random.default_rng(7)
    began = time.perf_counter()
    with transaction.atomic():
        people = patients(args.patients, rng)
    pay = claim_rules.PayRules.from_params(params_on(START))
    items = list(CatalogueItem.objects.values())
    provincial = list(Facility.objects.filter(code="42001").values("code", "level", "former_district"))
    hospitals = list(
        Facility.objects.filter(level__in=["basic", "specialized"]).values("code", "level", "former_district")
    )
    month, month_lines, planted = claimgen.generate(
        rng, people, [], provincial, items, START, 30, args.batch, pay, prefix="H"
    )
    rest, rest_lines, planted_rest = claimgen.generate(
        rng, people, [], hospitals, items, START, 30, max(0, args.claims - args.batch), pay, prefix="B"
    )
    planted.update(planted_rest)
    setup = time.perf_counter() - began
    load_before = os.getloadavg()
    timed = receive_all(
        envelopes(month, month_lines, args.batch, args.wrap)
    )  # the provincial hospital's month: one envelope
    timed += receive_all(envelopes(rest, rest_lines, args.batch, args.wrap))
    figures = intake_figures(timed, load_before, os.getloadavg())
    t0 = time.perf_counter()
    data = frames.load()
    t1 = time.perf_counter()
    result = assess_frames(data, START)
    t2 = time.perf_counter()
    run = run_assessment()
    t3 = time.perf_counter()
    print(
        json.dumps(
            {
                "benchmark": "claims_intake_and_assessment",
                "claims": data["claims"].height,
                "lines": data["lines"].height,
                "patients": args.patients,
                "intake": {"records_per_envelope_max": args.batch, "base64_wrapped_at": args.wrap, **figures},
                "planted_errors": len(planted),
                "assess_seconds": round(t2 - t1, 3),
                "claims_per_s": round(data["claims"].height / (t2 - t1)),
                "lines_per_s": round(data["lines"].height / (t2 - t1)),
                "load_seconds": round(t1 - t0, 3),
                "end_to_end_seconds": round(t3 - t2, 3),
                "end_to_end_claims_per_s": round(run.claims / (t3 - t2)),
                "outcomes": {
                    "accepted": run.accepted,
                    "adjusted": run.adjusted,
                    "rejected": run.rejected,
                    "to_review": run.flagged,
                },
                "findings": result["findings"].height,
                "setup_seconds": round(setup, 1),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                "peak_rss_children_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
                "database": database(),
            }
        )
    )


if __name__ == "__main__":
    main()
