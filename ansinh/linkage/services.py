"""Use cases of the reconciliation: import an extract, run a reconciliation, and the dashboard's KPI.
The review queue's decisions are in ansinh.linkage.review."""
from __future__ import annotations

import datetime as dt
import hashlib
import time
from pathlib import Path

import polars as pl
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count

from ansinh.core import audit
from ansinh.geo.models import Commune
from ansinh.linkage import importer, linking
from ansinh.linkage.models import Finding, PopulationExtract, ReconciliationRun, RunCommune
from ansinh.linkage.writeback import write_findings
from ansinh.policy.services import params_on

REGISTRY_SQL = """
SELECT p.id AS uid, p.cccd, p.full_name, p.birth_date, p.sex, c.code AS commune_code, a.code AS area_code,
       p.address AS address
FROM registry_person p JOIN geo_commune c ON c.id = p.commune_id JOIN geo_area a ON a.id = c.area_id
WHERE p.death_date IS NULL
"""
_REGISTRY_SCHEMA = {"uid": pl.Int64, "cccd": pl.String, "full_name": pl.String, "birth_date": pl.String,
                    "sex": pl.String, "commune_code": pl.String, "area_code": pl.String, "address": pl.String}


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


def import_extract(source: Path, skip_bad_rows: bool = False, by_user=None, on_rows=None) -> tuple[PopulationExtract, importer.ImportReport]:
    """Validate and store an extract; raises importer.ExtractRejected (with the report) and saves nothing."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    parquet, errors = storage_dir() / f"extract-{stamp}.parquet", storage_dir() / f"extract-{stamp}-errors.csv"
    codes = set(Commune.objects.values_list("code", flat=True))
    report = importer.read_extract(Path(source), parquet, errors, codes, skip_bad_rows, on_rows=on_rows)
    extract = PopulationExtract.objects.create(
        file_name=Path(source).name[:200], sha256=_sha256(Path(source)), parquet_path=str(parquet), rows=report.rows,
        skipped_rows=report.bad_rows, errors_path=report.errors_path if report.bad_rows else "", imported_by=by_user,
    )
    return extract, report


def thresholds(on: dt.date | None = None) -> linking.Thresholds:
    params = params_on(on or dt.date.today())
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
    return pl.concat(frames, how="vertical_relaxed").with_columns(
        pl.col("birth_date").cast(pl.String).str.slice(0, 10), pl.col("cccd").cast(pl.String)
    ).cast(_REGISTRY_SCHEMA)


def reconcile(extract: PopulationExtract, by_user=None, on_step=None) -> ReconciliationRun:
    """Link the whole registry to the extract and store the findings, in one transaction with the run."""
    started = time.perf_counter()
    limits = thresholds()
    registry = registry_frame()
    _step(on_step, "registry")
    con = linking.connect()
    con.register("registry_in", registry.to_arrow())
    area_of = pl.DataFrame(list(Commune.objects.values_list("code", "area__code")), schema=["commune_code", "area_code"], orient="row")
    con.register("areas_in", area_of.to_arrow())
    con.execute(f"""CREATE TABLE extract_in AS SELECT e.uid, e.cccd, e.full_name, e.birth_date, e.sex, e.commune_code,
                    a.area_code, e.permanent_address AS address
                    FROM read_parquet('{extract.parquet_path}') e LEFT JOIN areas_in a USING (commune_code)""").fetchall()
    result = linking.link(con, "registry_in", "extract_in", limits, on_step=on_step)
    extract_rows = con.sql("SELECT uid, cccd, full_name, birth_date, sex, commune_code, address FROM extract_in").pl()
    with transaction.atomic():
        run = ReconciliationRun.objects.create(
            extract=extract, run_by=by_user, participants=registry.height, thresholds=limits.__dict__,
            model=result.model, step_seconds=result.seconds,
        )
        counts = write_findings(run, registry, extract_rows, result)
        run.seconds = round(time.perf_counter() - started, 2)
        for name, value in counts.items():
            setattr(run, name, value)
        run.save()
        audit.record_batch("linkage.reconciliationrun", run.pk, f"reconciliation of {registry.height:,} records with {extract.file_name}", counts)
    _step(on_step, "write")
    con.close()
    return run


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
        Finding.objects.filter(run=run, status=Finding.Status.RESOLVED).values("commune_code")
        .annotate(n=Count("id")).values_list("commune_code", "n")
    )
    return [
        {"commune_code": c.commune_code, "area_code": c.area_code, "participants": c.participants,
         "synced": c.synced + resolved.get(c.commune_code, 0)}
        for c in RunCommune.objects.filter(run=run).order_by("commune_code")
    ]
