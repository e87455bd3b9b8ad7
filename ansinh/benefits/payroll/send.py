"""Approving and sending a run: one file per paying bank (pain.001, or the bank's own bulk template),
one cash list (CSV) per post-office point."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import polars as pl
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ansinh.benefits import banks
from ansinh.benefits.models import BankFile, Method, PaymentInstruction, PayrollRun
from ansinh.benefits.payroll import bank_templates, pain001
from ansinh.core import audit
from ansinh.core.errors import DomainError
from ansinh.core.periods import Period
from ansinh.core.text import SpreadsheetSafeWriter

FILE_WORKERS = min(4, os.cpu_count() or 1)
CASH_COLUMNS = ["end_to_end_id", "si_number", "full_name", "cccd_masked", "address", "amount", "period", "benefit"]


def files_dir(period: str) -> Path:
    return Path(settings.PRIVATE_FILES_ROOT) / "benefits" / "payroll" / period


def _state(run: PayrollRun, expected: str) -> PayrollRun:
    run = PayrollRun.objects.select_for_update().get(pk=run.pk)
    if run.state != expected:
        raise DomainError.one(
            "state",
            _("The run is %(state)s, not %(expected)s.") % {"state": run.get_state_display(), "expected": expected},
            "bad_state",
        )
    return run


@transaction.atomic
def approve_run(run: PayrollRun, by_user) -> PayrollRun:
    run = _state(run, PayrollRun.State.DRAFT)
    if run.run_by_id and run.run_by_id == getattr(by_user, "pk", None):
        raise DomainError.one(
            "approved_by", _("Four eyes: the officer who computed the payroll may not approve it."), "four_eyes"
        )
    run.state, run.approved_by, run.approved_at = PayrollRun.State.APPROVED, by_user, timezone.now()
    run.save()
    return run


def _rows(run: PayrollRun) -> pl.DataFrame:
    rows = (
        run.payments.filter(status=PaymentInstruction.Status.PENDING)
        .order_by("id")
        .values_list(
            "id",
            "entitlement_id",
            "period",
            "attempt",
            "amount",
            "method",
            "bank_code",
            "account_number",
            "post_office_code",
            "person__full_name",
            "person__si_number",
            "person__cccd",
            "person__address",
            "entitlement__kind",
        )
    )
    names = [
        "instruction_id",
        "entitlement_id",
        "period",
        "attempt",
        "amount",
        "method",
        "bank_code",
        "account_number",
        "post_office_code",
        "full_name",
        "si_number",
        "cccd",
        "address",
        "kind",
    ]
    frame = pl.DataFrame(list(rows), schema=names, orient="row")
    paying = {code: banks.paying_bank(code) for code in frame["bank_code"].unique().to_list() if code}
    # Same text as models.end_to_end_id, computed for the whole frame at once.
    return frame.with_columns(
        pl.format("AS{}-{}-{}", "entitlement_id", pl.col("period").str.replace("-", ""), "attempt").alias(
            "end_to_end_id"
        ),
        pl.col("bank_code").replace_strict(paying, default="", return_dtype=pl.String).alias("paying_bank"),
    )


def _write(build, folder: Path, period: str, code: str, rows: pl.DataFrame, created) -> tuple[str, str, str, str]:
    """Build one file, write it and hash it: in the worker thread, so writes and hashing (which release the
    GIL) overlap the other files' building. Returns (kind, file name, sha256, message id)."""
    kind, name, content, message_id = build(period, code, rows, created)
    (folder / name).write_bytes(content)
    return kind, name, hashlib.sha256(content).hexdigest(), message_id


def _record(run: PayrollRun, code: str, rows: pl.DataFrame, kind: str, name: str, sha: str, message_id: str):
    return BankFile(
        run=run,
        kind=kind,
        channel_code=code,
        path=f"{run.period}/{name}",
        payments=rows.height,
        message_id=message_id,
        total=int(rows["amount"].sum()),
        sha256=sha,
    )


def _bank_file(period: str, code: str, rows: pl.DataFrame, created) -> tuple[str, str, bytes, str]:
    """(kind, file name, content, message id) of the file for one paying bank."""
    bank = banks.banks()[code]
    if bank.file_format == "xlsx":
        return "template", f"bang-ke-chi-{period}-{code}.xlsx", bank_templates.build_xlsx(period, rows), ""
    content = pain001.build(bank, period, rows, execution_date(period), created)
    return "pain001", f"pain001-{period}-{code}.xml", content, pain001.message_id(period, code)


def _cash_file(period: str, code: str, rows: pl.DataFrame, _created) -> tuple[str, str, bytes, str]:
    return "cash_csv", f"cash-{period}-{code}.csv", _cash_csv(rows), ""


def _cash_csv(rows: pl.DataFrame) -> bytes:
    out = io.StringIO()
    writer = SpreadsheetSafeWriter(out)
    writer.writerow(CASH_COLUMNS)
    for r in rows.iter_rows(named=True):
        masked = f"{r['cccd'][:3]}••••••{r['cccd'][-3:]}" if r["cccd"] else ""
        writer.writerow(
            [
                r["end_to_end_id"],
                r["si_number"],
                r["full_name"],
                masked,
                r["address"],
                r["amount"],
                r["period"],
                r["kind"],
            ]
        )
    return out.getvalue().encode("utf-8-sig")  # BOM: the post office opens it in Excel


def execution_date(period: str) -> dt.date:
    """Pensions are paid from the start of the month they belong to."""
    return max(Period.parse(period).first_day, timezone.localdate())


@transaction.atomic
def send_run(run: PayrollRun, by_user=None) -> list[BankFile]:
    run = _state(run, PayrollRun.State.APPROVED)
    rows, created = _rows(run), timezone.now()
    groups = [
        (_bank_file, code, group)
        for (code,), group in rows.filter(pl.col("method") == Method.BANK).group_by(
            ["paying_bank"], maintain_order=True
        )
    ]
    groups += [
        (_cash_file, code, group)
        for (code,), group in rows.filter(pl.col("method") == Method.CASH).group_by(
            ["post_office_code"], maintain_order=True
        )
    ]
    folder = files_dir(run.period)
    folder.mkdir(parents=True, exist_ok=True)
    # lxml and Polars release the GIL while they format, parse and validate: files of different banks build in parallel.
    # The schema is built here, before them: lxml objects are best made in the thread that shares them.
    pain001.schema()
    with ThreadPoolExecutor(FILE_WORKERS) as pool:
        built = [pool.submit(_write, build, folder, run.period, code, group, created) for build, code, group in groups]
        files = [
            _record(run, code, group, *job.result()) for (_build, code, group), job in zip(groups, built, strict=True)
        ]
    BankFile.objects.bulk_create(files)
    run.payments.filter(status=PaymentInstruction.Status.PENDING).update(status=PaymentInstruction.Status.SENT)
    run.state, run.sent_at = PayrollRun.State.SENT, timezone.now()
    run.save()
    audit.record_batch(
        "benefits.payrollrun",
        run.pk,
        f"payroll {run.period} sent: {len(files)} files",
        {"files": [f.path for f in files], "by": getattr(by_user, "username", "system")},
    )
    return files
