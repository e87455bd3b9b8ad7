"""Use cases of the reconciliation: import an extract, run a reconciliation, and the dashboard's KPI.
The review queue's decisions are in ansinh.linkage.review."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from ansinh.core import audit
from ansinh.geo.models import Commune
from ansinh.linkage import importer, linking, splink_model
from ansinh.linkage.engine import DuckDBEngine
from ansinh.linkage.models import Finding, PopulationExtract, ReconciliationRun, RunCommune
from ansinh.linkage.writeback import write_findings
from ansinh.policy.services import params_on

REGISTRY_SQL = """
SELECT p.id AS uid, p.cccd, CAST(NULL AS VARCHAR(9)) AS old_id, p.full_name, p.birth_date, p.sex,
       c.code AS commune_code, a.code AS area_code, p.address AS address
FROM registry_person p JOIN geo_commune c ON c.id = p.commune_id JOIN geo_area a ON a.id = c.area_id
WHERE p.death_date IS NULL
"""
_REGISTRY_SCHEMA = {
    "uid": pl.Int64,
    "cccd": pl.String,
    "old_id": pl.String,
    "full_name": pl.String,
    "birth_date": pl.String,
    "sex": pl.String,
    "commune_code": pl.String,
    "area_code": pl.String,
    "address": pl.String,
}


def storage_dir() -> Path:
    path = Path(settings.VAR_DIR) / "linkage"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def import_extract(
    source: Path, skip_bad_rows: bool = False, by_user=None, on_rows=None
) -> tuple[PopulationExtract, importer.ImportReport]:
    """Validate and store an extract; raises importer.ExtractRejected (with the report) and saves nothing."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    parquet, errors = storage_dir() / f"extract-{stamp}.parquet", storage_dir() / f"extract-{stamp}-errors.csv"
    codes = set(Commune.objects.values_list("code", flat=True))
    report = importer.read_extract(Path(source), parquet, errors, codes, skip_bad_rows, on_rows=on_rows)
    extract = PopulationExtract.objects.create(
        file_name=Path(source).name[:200],
        sha256=_sha256(Path(source)),
        parquet_path=str(parquet),
        rows=report.rows,
        skipped_rows=report.bad_rows,
        errors_path=report.errors_path if report.bad_rows else "",
        imported_by=by_user,
    )
    return extract, report


def thresholds(on: dt.date | None = None) -> linking.Thresholds:
    params = params_on(on or timezone.localdate())
    return linking.Thresholds(
        match_probability=float(params.rate("linkage.match_probability")),
        candidate_probability=float(params.rate("linkage.candidate_probability")),
        ambiguity_margin=float(params.raw("linkage.ambiguity_margin")),
    )


def registry_frame() -> pl.DataFrame:
    """The living registry's linkage columns, fetched in chunks (no million-row Python list)."""
    frames = []
    with connection.cursor() as cursor:
        cursor.execute(REGISTRY_SQL)
        while rows := cursor.fetchmany(200_000):
            frames.append(pl.DataFrame(rows, schema=list(_REGISTRY_SCHEMA), orient="row", infer_schema_length=None))
    if not frames:
        return pl.DataFrame(schema=_REGISTRY_SCHEMA)
    return (
        pl.concat(frames, how="vertical_relaxed")
        .with_columns(pl.col("birth_date").cast(pl.String).str.slice(0, 10), pl.col("cccd").cast(pl.String))
        .cast(_REGISTRY_SCHEMA)
    )


@dataclass
class Linked:
    """What a linkage produced, before anything is stored."""

    registry: pl.DataFrame
    extract_rows: pl.DataFrame
    result: linking.LinkResult
    thresholds: linking.Thresholds
    fingerprint: str


def link(extract: PopulationExtract, on_step=None, retrain: bool = False, engine=None) -> Linked:
    """Link the living registry to the extract. The model trained by the latest run on the same settings is
    reused unless `retrain`; `engine` defaults to DuckDB in this process (a SparkEngine for a national run)."""
    limits = thresholds()
    registry = registry_frame()
    _step(on_step, "registry")
    engine = engine or DuckDBEngine(settings.LINKAGE_MEMORY_LIMIT, storage_dir() / "spill")
    engine.load_frame("registry_in", registry)
    engine.load_parquet("extract_raw", Path(extract.parquet_path))
    engine.load_frame(
        "areas_in",
        pl.DataFrame(
            list(Commune.objects.values_list("code", "area__code")), schema=["commune_code", "area_code"], orient="row"
        ),
    )
    engine.table(
        "extract_in",
        """SELECT e.uid, e.cccd, e.old_id, e.full_name, e.birth_date, e.sex, e.commune_code,
                                  a.area_code, e.permanent_address AS address
                                  FROM extract_raw e LEFT JOIN areas_in a ON a.commune_code = e.commune_code""",
    )
    fingerprint = model_fingerprint(engine.dialect)
    earlier = None if retrain else _reusable_model(fingerprint)
    result = linking.link(engine, "registry_in", "extract_in", limits, model=earlier, on_step=on_step)
    extract_rows = engine.frame("SELECT uid, cccd, full_name, birth_date, sex, commune_code, address FROM extract_in")
    engine.close()
    return Linked(registry, extract_rows, result, limits, fingerprint)


def reconcile(
    extract: PopulationExtract, by_user=None, on_step=None, retrain: bool = False, engine=None
) -> ReconciliationRun:
    """Link the registry to the extract and store the findings, in one transaction with the run."""
    started = time.perf_counter()
    linked = link(extract, on_step=on_step, retrain=retrain, engine=engine)
    result = linked.result
    with transaction.atomic():
        run = ReconciliationRun.objects.create(
            extract=extract,
            run_by=by_user,
            participants=linked.registry.height,
            thresholds=linked.thresholds.__dict__,
            model=result.model,
            model_fingerprint=linked.fingerprint,
            model_trained=result.trained,
            blocking=result.blocking,
            step_seconds=result.seconds,
        )
        counts = write_findings(run, linked.registry, linked.extract_rows, result)
        run.stop_clock(started)
        for name, value in counts.items():
            setattr(run, name, value)
        run.save()
        audit.record_batch(
            "linkage.reconciliationrun",
            run.pk,
            f"reconciliation of {linked.registry.height:,} records with {extract.file_name}",
            counts,
        )
    _step(on_step, "write")
    return run


def model_fingerprint(dialect: str) -> str:
    """Which settings a trained model belongs to: the comparisons and blocking rules as Splink writes them."""
    settings_dict = splink_model.settings(0.5, dialect).get_settings(dialect).as_dict()
    return hashlib.sha256(json.dumps(settings_dict, sort_keys=True, default=str).encode()).hexdigest()


def _reusable_model(fingerprint: str) -> dict | None:
    run = (
        ReconciliationRun.objects.filter(model_fingerprint=fingerprint)
        .exclude(model={})
        .order_by("-started_at", "-id")
        .first()
    )
    return run.model if run else None


def _step(on_step, name):
    if on_step:
        on_step(name)


def latest_run() -> ReconciliationRun | None:
    return ReconciliationRun.objects.order_by("-started_at", "-id").first()


def sync_by_commune() -> list[dict]:
    """Per commune, from the latest run: participants and how many are in step with the population
    database now (those synchronised by the run plus those whose corrections have all been accepted)."""
    run = latest_run()
    if run is None:
        return []
    resolved = dict(
        Finding.objects.filter(run=run, status=Finding.Status.RESOLVED)
        .values("commune_code")
        .annotate(n=Count("id"))
        .values_list("commune_code", "n")
    )
    return [
        {
            "commune_code": c.commune_code,
            "area_code": c.area_code,
            "participants": c.participants,
            "synced": c.synced + resolved.get(c.commune_code, 0),
        }
        for c in RunCommune.objects.filter(run=run).order_by("commune_code")
    ]


def latest_extract() -> PopulationExtract | None:
    return PopulationExtract.objects.order_by("-imported_at", "-id").first()


def extract_frame(extract: PopulationExtract) -> pl.LazyFrame:
    """The stored extract's rows, lazily (cccd, old_id, full_name, birth_date as written, sex, commune_code,
    permanent_address): callers select and filter before anything is read."""
    return pl.scan_parquet(extract.parquet_path)
