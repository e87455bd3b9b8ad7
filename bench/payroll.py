"""Benchmark: one month's benefits payroll for a province (~150,000 beneficiaries by default).

    DEBUG=1 .venv/bin/python bench/payroll.py [--people 150000]

Builds a scratch database (ANSINH_VAR_DIR, default a fresh temporary folder; or DATABASE_URL) with the
beneficiaries, entitlements and payment channels written in bulk, then times: pricing the pensions from
careers (Polars + the rules), indexing the pensions by every decree since their start (three raises for
awards of 2020), computing the payroll run (load, shape, bulk write), and sending it (one schema-validated
pain.001 file or bulk template per paying bank, one cash list per post-office point). Prints one JSON object."""

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
    os.environ.setdefault("ANSINH_VAR_DIR", tempfile.mkdtemp(prefix="ansinh-bench-payroll-"))

import django

django.setup()

import numpy as np
import polars as pl
from django.core.management import call_command
from django.db import transaction

from ansinh.benefits import bulk_pensions
from ansinh.benefits.demo import BANK_WEIGHTS, _account_numbers
from ansinh.benefits.entitlements import index_entitlements
from ansinh.benefits.models import Entitlement, PaymentChannel
from ansinh.benefits.payroll import run as payroll
from ansinh.benefits.payroll import send
from ansinh.core.bulk import bulk_insert, next_id, reset_sequence
from ansinh.geo.models import Commune
from ansinh.policy.services import params_on
from ansinh.registry.demo import names
from ansinh.registry.models import Person

AS_OF = dt.date(2026, 3, 1)


def full_names(sex: np.ndarray, rng) -> np.ndarray:
    """Names as varied as a province's (the bank files fold every distinct name to ASCII)."""
    family = rng.choice(list(names.FAMILY_NAMES), len(sex), p=_weights(names.FAMILY_NAMES))
    middle = np.where(
        sex == "male",
        rng.choice(list(names.MIDDLE_MALE), len(sex), p=_weights(names.MIDDLE_MALE)),
        rng.choice(list(names.MIDDLE_FEMALE), len(sex), p=_weights(names.MIDDLE_FEMALE)),
    )
    given = np.where(sex == "male", rng.choice(names.GIVEN_MALE, len(sex)), rng.choice(names.GIVEN_FEMALE, len(sex)))
    return np.char.add(np.char.add(np.char.add(family, " "), np.char.add(middle, " ")), given)


def _weights(table: dict) -> np.ndarray:
    weights = np.array(list(table.values()), dtype=float)
    return weights / weights.sum()


def people_frame(n: int, rng) -> pl.DataFrame:
    communes = list(Commune.objects.values_list("id", "code"))
    pick = rng.integers(0, len(communes), n)
    first = next_id(Person)
    sex = rng.choice(["male", "female"], n)
    birth = np.datetime64("1935-01-01") + rng.integers(0, 365 * 30, n).astype("timedelta64[D]")
    return pl.DataFrame(
        {
            "id": np.arange(first, first + n),
            "si_number": [f"9{i:09d}" for i in range(first, first + n)],
            "full_name": full_names(sex, rng),
            "birth_date": pl.Series(birth).cast(pl.Date),
            "sex": sex,
            "commune_id": [communes[i][0] for i in pick],
            "commune_code": [communes[i][1] for i in pick],
            "address": "",
            "ethnic_minority": False,
            "phone": "",
            "email": "",
        }
    )


def careers(people: pl.DataFrame, rng) -> tuple[pl.DataFrame, pl.DataFrame]:
    n = people.height
    retired = people["birth_date"].to_numpy().astype("datetime64[M]") + np.where(
        people["sex"].to_numpy() == "male", 720, 660
    ).astype("timedelta64[M]")
    years = rng.integers(20, 38, n)
    segments = 5
    cuts = np.sort(rng.integers(1, 12 * 20, (n, segments - 1)), axis=1)
    start0 = retired - (years * 12).astype("timedelta64[M]")
    bounds = np.c_[np.zeros(n, int), cuts, years * 12]
    rows = {"person_id": np.repeat(people["id"].to_numpy(), segments)}
    s = (start0[:, None] + bounds[:, :-1].astype("timedelta64[M]")).ravel()
    e = (start0[:, None] + bounds[:, 1:].astype("timedelta64[M]")).ravel().astype("datetime64[D]") - np.timedelta64(
        1, "D"
    )  # day before the next
    rows.update(
        start=pl.Series(s.astype("datetime64[D]")).cast(pl.Date),
        end=pl.Series(e.astype("datetime64[D]")).cast(pl.Date),
        insured_salary=(rng.lognormal(np.log(5_000_000), 0.4, n * segments) // 10_000 * 10_000).astype(np.int64),
        state_scale=rng.random(n * segments) < 0.15,
    )
    spells = pl.DataFrame(rows).filter(pl.col("end") >= pl.col("start"))
    pensioners = people.select(
        pl.col("id").alias("person_id"), "sex", pl.Series("retired_on", retired.astype("datetime64[D]")).cast(pl.Date)
    )
    return pensioners, spells


def build(n: int) -> dict:
    rng = np.random.default_rng(7)
    people = people_frame(n, rng)
    pensioners, spells = careers(people, rng)
    t0 = time.perf_counter()
    amounts = bulk_pensions.pensions(pensioners, spells, params_on(AS_OF))
    priced = time.perf_counter() - t0
    bank = rng.random(n) < 0.91
    codes = rng.choice(list(BANK_WEIGHTS), n, p=np.array(list(BANK_WEIGHTS.values())) / sum(BANK_WEIGHTS.values()))
    with transaction.atomic():
        bulk_insert(
            Person,
            [
                "id",
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
            people,
        )
        ents = amounts.select(
            pl.col("person_id"),
            pl.lit("pension").alias("kind"),
            pl.lit(True).alias("monthly"),
            pl.col("monthly_pension").alias("amount"),
            pl.lit(dt.date(2020, 1, 1)).alias("start"),
            pl.lit("active").alias("status"),
            pl.format("B{}/QĐ-HT", pl.col("person_id")).alias("decision_number"),
        )
        bulk_insert(Entitlement, ents.columns, ents)
        channels = people.select(pl.col("id").alias("person_id"), "commune_code").with_columns(
            pl.Series("method", np.where(bank, "bank", "cash")),
            pl.Series("bank_code", np.where(bank, codes, "")),
            pl.Series("account_number", np.where(bank, _account_numbers(rng, codes), "")),
            pl.lit(dt.datetime(2026, 1, 1)).alias("updated_at"),
        )
        channels = channels.with_columns(
            pl.when(pl.col("method") == "cash")
            .then(pl.format("VNP{}", "commune_code"))
            .otherwise(pl.lit(""))
            .alias("post_office_code")
        )
        bulk_insert(
            PaymentChannel,
            ["person_id", "method", "bank_code", "account_number", "post_office_code", "updated_at"],
            channels,
        )
    for model in (Person, Entitlement):
        reset_sequence(model)
    return {"pricing_seconds": round(priced, 2), "spells": spells.height}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=150_000, help="beneficiaries paid in the month")
    n = parser.parse_args().people
    call_command("migrate", verbosity=0)
    setup = build(n)
    t0 = time.perf_counter()
    raised = sum(index_entitlements(AS_OF).values())
    indexed = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    run = payroll.compute_run("2026-02")
    computed, computed_cpu = time.perf_counter() - t0, time.process_time() - c0
    run = send.approve_run(run, None)
    t1, c1 = time.perf_counter(), time.process_time()
    files = send.send_run(run)
    sent, sent_cpu = time.perf_counter() - t1, time.process_time() - c1
    print(
        json.dumps(
            {
                "benchmark": "payroll",
                "beneficiaries": n,
                "province_size": "Ha Tinh full scale is about 150,000 beneficiaries",
                "payments": run.instructions,
                "total_dong": run.total,
                "bank_files": sum(f.kind in ("pain001", "template") for f in files),
                "cash_lists": sum(f.kind == "cash_csv" for f in files),
                "pension_pricing_seconds": setup["pricing_seconds"],
                "career_spells": setup["spells"],
                "indexation_seconds": round(indexed, 2),
                "indexation_adjustments": raised,
                "indexation_rows_per_second": round(raised / indexed) if indexed else None,
                "compute_and_write_seconds": round(computed, 2),
                "files_seconds": round(sent, 2),
                "payroll_seconds": round(computed + sent, 2),
                "payments_per_second": round(n / (computed + sent)),
                # CPU seconds of this process (all threads): comparable across runs on a shared, loaded machine
                "compute_cpu_seconds": round(computed_cpu, 2),
                "files_cpu_seconds": round(sent_cpu, 2),
                "load_average_1min": round(os.getloadavg()[0], 1),
                "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                "database": django.db.connection.vendor,
            }
        )
    )


if __name__ == "__main__":
    main()
