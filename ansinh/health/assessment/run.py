"""An assessment run: load the batch once, assess set-based, write outcomes, allowed amounts and findings back
in bulk inside one transaction with the run record and one audit batch event. Re-running a batch replaces its
findings, so nothing is counted twice."""

from __future__ import annotations

import functools
import time

import polars as pl
from django.db import connection, transaction
from django.utils import timezone

from ansinh.core import audit
from ansinh.core.bulk import bulk_insert, update_from_frame
from ansinh.health.assessment import engine, frames
from ansinh.health.claim_rules import PayRules
from ansinh.health.models import Claim, ClaimAssessmentRun, ClaimLine, Finding
from ansinh.policy.services import params_on

CLAIM_UPDATE = [
    "outcome",
    "allowed_total",
    "fund_amount",
    "copay_amount",
    "benefit_pct",
    "route_pct",
    "review",
    "route_case",
    "run_id",
]


def assess_frames(data: dict[str, pl.DataFrame], on=None) -> dict[str, pl.DataFrame]:
    params = params_on(on or timezone.localdate())
    rules_on = functools.cache(lambda day: PayRules.from_params(params_on(day)))
    return engine.assess(data, PayRules.from_params(params), params.int("health.claims.totals_tolerance"), rules_on)


def run_assessment(where: str = "{t}.outcome = 'pending'", params: list | None = None) -> ClaimAssessmentRun:
    began = time.perf_counter()
    with transaction.atomic():
        data = frames.load(where, params)
        result = assess_frames(data)
        run = ClaimAssessmentRun.objects.create(claims=data["claims"].height, lines=data["lines"].height)
        _write(result, run, where, params or [])
        counts = dict(result["claims"].group_by("outcome").len().iter_rows())
        run.accepted, run.adjusted, run.rejected = (counts.get(k, 0) for k in ("accepted", "adjusted", "rejected"))
        run.flagged = result["claims"].filter(pl.col("review") == "to_review").height
        run.stop_clock(began)
        run.save()
        audit.record_batch(
            "health.assessmentrun",
            run.pk,
            f"{run.claims} claims assessed: {run.accepted} accepted, "
            f"{run.adjusted} adjusted, {run.rejected} rejected, {run.flagged} to review",
        )
    return run


def _write(result: dict[str, pl.DataFrame], run: ClaimAssessmentRun, where: str, params: list) -> None:
    batch = f"SELECT b.id FROM health_claim b WHERE {where.format(t='b')}"
    with connection.cursor() as cursor:  # findings of an earlier run of these claims are replaced, in one statement
        cursor.execute(f"DELETE FROM {Finding._meta.db_table} WHERE claim_id IN ({batch})", params)
    _write_lines(result["lines"], batch, params)  # before the claims: `where` may select on their outcome
    update_from_frame(Claim, CLAIM_UPDATE, result["claims"].with_columns(pl.lit(run.pk).alias("run_id")))
    findings = result["findings"].with_columns(pl.lit(run.pk).alias("run_id"))
    bulk_insert(Finding, ["claim_id", "line_id", "rule", "reason", "amount", "params", "run_id"], findings)


def _write_lines(lines: pl.DataFrame, batch: str, params: list) -> None:
    """Most lines are allowed in full: one statement sets those; only the cut lines are written one by one."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {ClaimLine._meta.db_table} SET allowed_amount = amount WHERE claim_id IN ({batch})", params
        )
    cut = lines.filter(pl.col("allowed") != pl.col("amount")).select(
        pl.col("line_id").alias("id"), pl.col("allowed").alias("allowed_amount")
    )
    if cut.height:
        update_from_frame(ClaimLine, ["allowed_amount"], cut)
