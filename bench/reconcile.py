"""Benchmark: reconciliation of the full demo province with its population extract. Prints one JSON object.

    DEBUG=1 .venv/bin/python bench/reconcile.py [--people 1317200] [--var-dir /tmp/ansinh-bench-reconcile]

Uses its own database under --var-dir (never the demo's). The first run builds the province's registry
there (the registry step of build_demo, about 70 s at full size) and keeps a clean copy, so later runs
start from the same registry. Each run then: applies the registry-side drift and writes the extract and
ground truth (write_population_extract), imports the extract, reconciles, and scores the links
(synchronised + matched) against the truth. `seconds` is import + reconciliation.
"""

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import _splink_peer  # beside this script, on sys.path when run as one

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")


def _args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1_317_200)
    parser.add_argument("--var-dir", default="/tmp/ansinh-bench-reconcile")
    parser.add_argument(
        "--no-ids", action="store_true", help="blank every CCCD in the extract (old records, no chip ID)"
    )
    parser.add_argument("--no-peer", action="store_true", help="skip the plain Splink model on the same extract")
    return parser.parse_args()


def _prepare(var_dir: Path, people: int) -> None:
    """A clean registry of `people` in var_dir/ansinh.sqlite3, built once and copied back each run."""
    clean = var_dir / f"clean-{people}.sqlite3"
    db = var_dir / "ansinh.sqlite3"
    var_dir.mkdir(parents=True, exist_ok=True)
    os.environ["ANSINH_VAR_DIR"] = str(var_dir)
    if clean.exists():
        shutil.copyfile(clean, db)
    import django

    django.setup()
    from django.core.management import call_command

    if clean.exists():
        call_command("migrate", verbosity=0)  # the clean copy may predate a migration
    else:
        from django.db import connection, transaction

        from ansinh.demo.context import DemoContext
        from ansinh.registry import demo

        db.unlink(missing_ok=True)
        call_command("migrate", verbosity=0)
        with transaction.atomic():
            demo.build(DemoContext(people=people, seed=42, as_of=dt.date(2025, 6, 1), verbose=False))
        connection.close()
        shutil.copyfile(db, clean)


def _score(run, truth_csv: Path) -> dict:
    import polars as pl

    from ansinh.linkage.models import Candidate

    truth = pl.read_csv(truth_csv, schema_overrides={"extract_cccd": pl.String})
    wrong_or_missing = pl.DataFrame(
        list(
            Candidate.objects.filter(finding__run=run, rank=1, finding__outcome="match").values_list(
                "finding__person_id", "cccd"
            )
        ),
        schema=["person_id", "linked_cccd"],
        orient="row",
    )
    # Linked = synchronised (linked to the citizen with its own, unchanged CCCD) + matched (rank-1 candidate).
    findings = set(run.findings.values_list("person_id", flat=True))
    linked = truth.filter(~pl.col("person_id").is_in(list(findings)) & pl.col("extract_cccd").is_not_null()).select(
        "person_id", pl.col("extract_cccd").alias("linked_cccd")
    )
    linked = pl.concat([linked, wrong_or_missing]).join(truth, on="person_id")
    tp = linked.filter(pl.col("linked_cccd") == pl.col("extract_cccd")).height
    return _splink_peer.figures(tp, linked.height - tp, truth.filter(pl.col("extract_cccd").is_not_null()).height - tp)


def main() -> None:
    args = _args()
    var_dir = Path(args.var_dir)
    _prepare(var_dir, args.people)
    from django.db import transaction

    from ansinh.linkage import services
    from ansinh.linkage.demo.extract import write_demo_extract

    extract_csv, truth_csv = var_dir / "extract.csv", var_dir / "truth.csv"
    with transaction.atomic():
        drift = write_demo_extract(extract_csv, truth_csv, seed=7)
    if args.no_ids:
        print(json.dumps(_without_ids(args, extract_csv, truth_csv, drift)))
        return
    started = time.perf_counter()
    extract, _report = services.import_extract(extract_csv)
    imported = time.perf_counter() - started
    first = services.reconcile(extract)
    seconds = time.perf_counter() - started
    again = services.reconcile(extract)  # the model trained by the first run is reused
    peer = None if args.no_peer else _peer(extract, extract_csv, truth_csv, with_ids=True)
    print(
        json.dumps(
            {
                "benchmark": "reconcile",
                "people": args.people,
                "extract_rows": extract.rows,
                "ids_in_extract": True,
                "seconds": round(seconds, 2),
                "import_seconds": round(imported, 2),
                "reconcile_seconds": first.seconds,
                "rows_per_s": round(args.people / seconds),
                "step_seconds": first.step_seconds,
                "reconcile_seconds_model_reused": again.seconds,
                "step_seconds_model_reused": again.step_seconds,
                "outcomes": {
                    "synced": first.synced,
                    "matched": first.matched,
                    "ambiguous": first.ambiguous,
                    "not_found": first.not_found,
                },
                **_score(first, truth_csv),
                "same_outcomes_with_model_reused": _outcomes(first) == _outcomes(again),
                "blocking_rules_left_out": [rule for rule, n in first.blocking.items() if not n["used"]],
                "splink": peer,
                "drift": drift,
                "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                "load_average": os.getloadavg()[0],
            }
        )
    )


def _without_ids(args, extract_csv: Path, truth_csv: Path, drift: dict) -> dict:
    """Every CCCD blanked in the extract (as in old records): linked on names, dates and places only, scored
    against the truth by extract line."""
    import polars as pl

    from ansinh.linkage import services

    extract = pl.read_csv(extract_csv, infer_schema=False)
    line_cccd = _line_cccd(extract)
    extract.with_columns(pl.lit("").alias("cccd")).write_csv(extract_csv)
    started = time.perf_counter()
    stored, _report = services.import_extract(extract_csv)
    linked = services.link(stored, retrain=True)
    seconds = time.perf_counter() - started
    truth = pl.read_csv(truth_csv, schema_overrides={"extract_cccd": pl.String}).rename({"person_id": "registry_uid"})
    links = (
        linked.result.decisions.filter(pl.col("outcome") == "linked")
        .join(line_cccd, on="extract_uid")
        .join(truth, on="registry_uid")
    )
    tp = links.filter(pl.col("true_cccd") == pl.col("extract_cccd")).height
    scored = _splink_peer.figures(tp, links.height - tp, truth.filter(pl.col("extract_cccd").is_not_null()).height - tp)
    return {
        "benchmark": "reconcile",
        "people": args.people,
        "extract_rows": stored.rows,
        "ids_in_extract": False,
        "seconds": round(seconds, 2),
        "step_seconds": linked.result.seconds,
        **scored,
        "blocking": linked.result.blocking,
        "splink": None if args.no_peer else _peer(stored, None, truth_csv, with_ids=False, line_cccd=line_cccd),
        "drift": drift,
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "load_average": os.getloadavg()[0],
    }


def _line_cccd(extract):
    """Each extract line's own CCCD as the file gave it (line 2 is the first row), the key the truth is read by."""
    import polars as pl

    return extract.select(pl.int_range(2, extract.height + 2).alias("extract_uid"), pl.col("cccd").alias("true_cccd"))


def _peer(stored, extract_csv: Path | None, truth_csv: Path, with_ids: bool, line_cccd=None) -> dict:
    """A plain Splink model on the same imported extract and registry (bench/_splink_peer.py): its seconds (the
    linkage alone, the import not counted) and its links scored against the same truth."""
    import polars as pl

    from ansinh.linkage import services

    if line_cccd is None:
        line_cccd = _line_cccd(pl.read_csv(extract_csv, infer_schema=False))
    extract = pl.read_parquet(stored.parquet_path).rename({"permanent_address": "address"})
    links, seconds = _splink_peer.link(services.registry_frame(), extract, with_ids)
    truth = pl.read_csv(truth_csv, schema_overrides={"extract_cccd": pl.String}).rename({"person_id": "registry_uid"})
    return {
        "seconds": round(seconds, 2),
        "threshold": _splink_peer.THRESHOLD,
        **_splink_peer.score(links, line_cccd, truth),
    }


def _outcomes(run) -> tuple:
    return run.synced, run.matched, run.ambiguous, run.not_found


if __name__ == "__main__":
    main()
