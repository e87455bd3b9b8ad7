"""Benchmark: assessing 100,000 HI claims with their lines (set-based, Polars).

    DEBUG=1 .venv/bin/python bench/claims.py [--claims 100000] [--patients 50000]

Builds a scratch database (ANSINH_VAR_DIR, default a fresh temporary folder; or DATABASE_URL) with covered
patients and generated claims (realistic outpatient visits and inpatient stays, 12% planted errors) written in
bulk, then times the assessment engine on the loaded frames (the rules over claims and lines) and the whole
run (load from the database, assess, write outcomes, allowed amounts and findings back). Prints one JSON object."""
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
if "DATABASE_URL" not in os.environ:
    os.environ.setdefault("ANSINH_VAR_DIR", tempfile.mkdtemp(prefix="ansinh-bench-claims-"))

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
import polars as pl  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from ansinh.core.bulk import bulk_insert, next_id, reset_sequence  # noqa: E402
from ansinh.core.ids import make_cccd  # noqa: E402
from ansinh.geo.models import Commune  # noqa: E402
from ansinh.health import claim_rules, claimgen, intake  # noqa: E402
from ansinh.health.assessment import frames  # noqa: E402
from ansinh.health.assessment.run import assess_frames, run_assessment  # noqa: E402
from ansinh.health.models import CatalogueItem, Claim, ClaimLine, Coverage, Facility, Submission  # noqa: E402
from ansinh.policy.services import params_on  # noqa: E402
from ansinh.registry.models import Person  # noqa: E402

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
        cover.append((first + i, group, 4, pct, dt.date(2025, 1, 1), dt.date(2025, 12, 31), stations[commune_id], None, card, "active", "", "bench"))
        out.append(claimgen.Patient(cccd, f"Người bệnh {i}", birth, sexes[i], card, pct, codes[stations[commune_id]]))
    bulk_insert(Person, ["id", "cccd", "si_number", "full_name", "birth_date", "sex", "commune_id", "address", "ethnic_minority", "phone", "email"], rows)
    reset_sequence(Person)
    bulk_insert(Coverage, ["person_id", "group", "benefit_digit", "benefit_pct", "valid_from", "valid_to", "facility_id", "five_years_from",
                           "card_code", "status", "stop_code", "source"], cover)
    return out


def store(claims: list[dict], lines: list[dict]) -> None:
    """The generated claims straight into the tables (the XML intake is timed by the tests, not here)."""
    facilities = {f.code: f for f in Facility.objects.all()}
    for line in lines:
        line["code"] = line.get("code") or line.get("service_code") or line.get("supply_code")
    by_facility: dict[str, list[dict]] = {}
    for c in claims:
        by_facility.setdefault(c["facility_code"], []).append(c)
    ids: dict[str, int] = {}
    for n, (code, batch) in enumerate(by_facility.items()):
        submission = Submission.objects.create(facility=facilities[code], prepared_on=START, sha256=f"bench{n:059d}", claims=len(batch))
        frame = intake._claim_frame(batch, next_id(Claim), submission, facilities[code])
        bulk_insert(Claim, intake.CLAIM_COLUMNS, frame)
        ids.update({(code, k): v for k, v in zip(frame["ma_lk"].to_list(), frame["id"].to_list())})
    key = {c["ma_lk"]: (c["facility_code"], c["ma_lk"]) for c in claims}
    bulk_insert(ClaimLine, intake.LINE_COLUMNS, intake._line_frame([dict(line, ma_lk=line["ma_lk"]) for line in lines],
                                                                    {k: ids[v] for k, v in key.items()}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--patients", type=int, default=50_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    rng = np.random.default_rng(7)
    began = time.perf_counter()
    with transaction.atomic():
        people = patients(args.patients, rng)
        pay = claim_rules.PayRules.from_params(params_on(START))
        claims, lines, planted = claimgen.generate(rng, people, [], list(Facility.objects.values("code", "level", "former_district")),
                                                   list(CatalogueItem.objects.values()), START, 30, args.claims, pay, prefix="B")
        store(claims, lines)
    setup = time.perf_counter() - began
    t0 = time.perf_counter()
    data = frames.load()
    t1 = time.perf_counter()
    result = assess_frames(data, START)
    t2 = time.perf_counter()
    run = run_assessment()
    t3 = time.perf_counter()
    print(json.dumps({
        "benchmark": "claims_assessment", "claims": data["claims"].height, "lines": data["lines"].height, "patients": args.patients,
        "planted_errors": len(planted), "assess_seconds": round(t2 - t1, 3), "claims_per_s": round(data["claims"].height / (t2 - t1)),
        "lines_per_s": round(data["lines"].height / (t2 - t1)), "load_seconds": round(t1 - t0, 3),
        "end_to_end_seconds": round(t3 - t2, 3), "end_to_end_claims_per_s": round(run.claims / (t3 - t2)),
        "outcomes": {"accepted": run.accepted, "adjusted": run.adjusted, "rejected": run.rejected, "to_review": run.flagged},
        "findings": result["findings"].height, "setup_seconds": round(setup, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024), "database": django.db.connection.vendor,
    }))


if __name__ == "__main__":
    main()
