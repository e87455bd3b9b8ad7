"""Demo data for the linkage app: drift a realistic share (about 1.3%) of registry records, write the
province's population extract, and run one reconciliation so the review queue has work."""

from __future__ import annotations

from ansinh.linkage import services
from ansinh.linkage.demo.extract import write_demo_extract


def build(ctx) -> None:
    folder = services.storage_dir()
    extract_csv, truth_csv = folder / "demo-population-extract.csv", folder / "demo-population-truth.csv"
    protect = {a["person_id"] for a in getattr(ctx, "demo_accounts", {}).values() if a.get("person_id")}
    counts = write_demo_extract(extract_csv, truth_csv, seed=ctx.seed, protect=protect)
    extract, _report = services.import_extract(extract_csv)
    run = services.reconcile(extract)
    ctx.log(
        f"linkage: {counts['registry_changed']:,} registry records drifted; reconciliation #{run.pk}: "
        f"{run.synced:,} synchronised, {run.matched:,} to correct, {run.ambiguous:,} ambiguous, "
        f"{run.not_found:,} not found"
    )
