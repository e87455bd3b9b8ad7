"""Streaming import of a population extract (CSV, UTF-8) into Parquet, chunk by chunk.

Columns: cccd, full_name, birth_date (YYYY-MM-DD, YYYY-MM or YYYY), sex (male/female or Nam/Nữ), commune_code,
permanent_address, and optionally old_id. Only full_name must be filled: old records carry no chip ID (or the
9-digit ID card number, in `cccd` or `old_id`), some no exact birth date, sex or commune; the linkage then
relies on what is there. Each chunk is checked with vectorised rules; every bad row is written to a report
with its line number and reasons. A file with bad rows is rejected whole unless the caller skips them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.parquet as pq
from django.utils import timezone
from django.utils.translation import gettext as _

from ansinh.core.ids import province_codes
from ansinh.core.text import SpreadsheetSafeWriter

COLUMNS = ("cccd", "full_name", "birth_date", "sex", "commune_code", "permanent_address")
OPTIONAL_COLUMNS = ("old_id",)
OUTPUT_COLUMNS = ("cccd", "old_id", "full_name", "birth_date", "sex", "commune_code", "permanent_address")
_SEX = {"male": "male", "female": "female", "nam": "male", "nữ": "female", "nu": "female", "": ""}
CHUNK_ROWS = 100_000
SHOWN_ERRORS = 20


class ExtractRejected(Exception):
    def __init__(self, report: ImportReport):
        super().__init__(_("The extract has %(n)s bad rows; nothing was imported.") % {"n": report.bad_rows})
        self.report = report


@dataclass
class ImportReport:
    rows: int = 0
    bad_rows: int = 0
    first_errors: list[tuple[int, str]] = field(default_factory=list)
    errors_path: str = ""


class _ErrorLog:
    """Bad rows go straight to a CSV report; only the first few stay in memory for display."""

    def __init__(self, path: Path, report: ImportReport):
        self.handle = path.open("w", newline="", encoding="utf-8")
        self.writer = SpreadsheetSafeWriter(self.handle)  # reasons quote the extract's own text
        self.writer.writerow(["line", "reason"])
        self.report = report
        report.errors_path = str(path)

    def add(self, line: int, reason: str) -> None:
        self.writer.writerow([line, reason])
        self.report.bad_rows += 1
        if len(self.report.first_errors) < SHOWN_ERRORS:
            self.report.first_errors.append((line, reason))


def read_extract(
    source: Path, parquet: Path, errors: Path, commune_codes: set[str], skip_bad_rows: bool, on_rows=None
) -> ImportReport:
    """Validate `source` and write its good rows to `parquet` (with their line numbers as `uid`)."""
    report = ImportReport()
    log = _ErrorLog(errors, report)
    writer = None
    try:
        with source.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            reader = csv.reader(handle)
            header = [h.strip().lower() for h in next(reader, [])]
            missing = [c for c in COLUMNS if c not in header]
            if missing:
                log.add(1, _("The header lacks the columns: %(cols)s.") % {"cols": ", ".join(missing)})
                raise ExtractRejected(report)
            positions = [header.index(c) if c in header else None for c in COLUMNS + OPTIONAL_COLUMNS]
            for chunk in _chunks(reader, positions, len(header), log):
                good = _checked(chunk, commune_codes, log)
                report.rows += good.height
                if writer is None:
                    writer = pq.ParquetWriter(parquet, good.to_arrow().schema)
                writer.write_table(good.to_arrow())
                if on_rows:
                    on_rows(chunk.height)
        if writer is not None:
            writer.close()
            report.rows -= _drop_duplicates(parquet, log)
    finally:
        log.handle.close()
    if report.bad_rows and not skip_bad_rows or report.rows == 0:
        parquet.unlink(missing_ok=True)
        raise ExtractRejected(report)
    return report


def _chunks(reader, positions, width, log):
    rows, lines = [], []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != width:
            log.add(line, _("Expected %(want)s fields, found %(got)s.") % {"want": width, "got": len(row)})
            continue
        rows.append(["" if i is None else row[i] for i in positions])
        lines.append(line)
        if len(rows) == CHUNK_ROWS:
            yield _frame(rows, lines)
            rows, lines = [], []
    if rows:
        yield _frame(rows, lines)


def _frame(rows, lines) -> pl.DataFrame:
    frame = pl.DataFrame(rows, schema=list(COLUMNS + OPTIONAL_COLUMNS), orient="row")
    return frame.with_columns(pl.Series("uid", lines, dtype=pl.Int64), pl.all().exclude("uid").str.strip_chars())


def _checked(frame: pl.DataFrame, commune_codes: set[str], log: _ErrorLog) -> pl.DataFrame:
    old_in_cccd = pl.col("cccd").str.contains(r"^\d{9}$")
    frame = frame.with_columns(
        pl.col("full_name").str.normalize("NFC").str.replace_all(r"\s+", " "),
        pl.col("sex").str.to_lowercase().replace_strict(_SEX, default=pl.col("sex")),
        pl.when(old_in_cccd & (pl.col("old_id") == ""))
        .then(pl.col("cccd"))
        .otherwise(pl.col("old_id"))
        .alias("old_id"),
        pl.when(old_in_cccd).then(pl.lit("")).otherwise(pl.col("cccd")).alias("cccd"),
        pl.col("birth_date").str.slice(0, 4).cast(pl.Int32, strict=False).alias("_year"),
    )
    reasons = pl.concat_list(_reason_exprs(commune_codes)).list.drop_nulls().list.join("; ")
    frame = frame.with_columns(reasons.alias("_reason"))
    for line, reason in frame.filter(pl.col("_reason") != "").select("uid", "_reason").iter_rows():
        log.add(line, reason)
    empty_as_null = [pl.when(pl.col(c) == "").then(None).otherwise(pl.col(c)).alias(c) for c in OUTPUT_COLUMNS]
    return frame.filter(pl.col("_reason") == "").select("uid", *empty_as_null)


def _reason_exprs(commune_codes: set[str]) -> list[pl.Expr]:
    cccd, name, birth, year, sex = (
        pl.col("cccd"),
        pl.col("full_name"),
        pl.col("birth_date"),
        pl.col("_year"),
        pl.col("sex"),
    )
    today = timezone.localdate()
    full = birth.str.to_date("%Y-%m-%d", strict=False)
    month = birth.str.to_date("%Y-%m", strict=False)
    shaped = birth.str.contains(r"^\d{4}(-\d{2}(-\d{2})?)?$")
    real = (birth.str.len_chars() == 4) | ((birth.str.len_chars() == 7) & month.is_not_null()) | full.is_not_null()
    dated = (birth != "") & shaped & real
    twelve = cccd.str.contains(r"^\d{12}$")
    digit = cccd.str.slice(3, 1).cast(pl.Int32, strict=False)
    century = (year - 1900) // 100 * 2

    def reason(bad: pl.Expr, message: str) -> pl.Expr:
        return pl.when(bad.fill_null(True)).then(pl.lit(message))

    return [
        reason((cccd != "") & ~twelve, _("CCCD must be 12 digits (or the old ID card's 9 digits)")),
        reason(
            twelve & ~cccd.str.slice(0, 3).is_in(list(province_codes())), _("CCCD starts with an unknown province code")
        ),
        reason(
            twelve
            & dated
            & ((digit // 2 * 2 != century) | (cccd.str.slice(4, 2) != (year % 100).cast(pl.String).str.zfill(2))),
            _("CCCD does not agree with the birth year"),
        ),
        reason(
            twelve & (sex != "") & (digit % 2 != (sex == "female").cast(pl.Int32)),
            _("CCCD does not agree with the sex"),
        ),
        reason((pl.col("old_id") != "") & ~pl.col("old_id").str.contains(r"^\d{9}$"), _("old ID must be 9 digits")),
        reason(name.str.len_chars() == 0, _("full name is empty")),
        reason(name.str.len_chars() > 100, _("full name is longer than 100 characters")),
        reason(name.str.contains(r"[0-9\uFFFD]"), _("full name has digits or characters that are not valid UTF-8")),
        reason((birth != "") & (~shaped | ~real), _("birth date must be YYYY-MM-DD, YYYY-MM or YYYY")),
        reason(
            dated & ((year < 1900) | (birth.str.slice(0, 10) > today.isoformat())),
            _("birth date is before 1900 or in the future"),
        ),
        reason(~sex.is_in(["male", "female", ""]), _("sex must be male or female")),
        reason(
            (pl.col("commune_code") != "") & ~pl.col("commune_code").is_in(sorted(commune_codes)),
            _("unknown commune code"),
        ),
        reason(pl.col("permanent_address").str.len_chars() > 200, _("permanent address is longer than 200 characters")),
    ]


def _drop_duplicates(parquet: Path, log: _ErrorLog) -> int:
    """A CCCD twice in one extract: the later rows are bad (the first is kept)."""
    con = duckdb.connect()
    rows = con.sql(f"""
        SELECT uid, first_line FROM (
            SELECT uid, min(uid) OVER (PARTITION BY cccd) AS first_line FROM read_parquet('{parquet}')
            WHERE cccd IS NOT NULL
        ) WHERE uid > first_line ORDER BY uid""").fetchall()
    for line, first in rows:
        log.add(line, _("CCCD repeats the one on line %(line)s") % {"line": first})
    if rows:
        kept = parquet.with_suffix(".tmp.parquet")
        con.execute(f"""COPY (SELECT * FROM read_parquet('{parquet}') WHERE cccd IS NULL OR uid IN
            (SELECT min(uid) FROM read_parquet('{parquet}') GROUP BY cccd)
            ORDER BY uid) TO '{kept}' (FORMAT parquet)""").fetchall()
        kept.replace(parquet)
    con.close()
    return len(rows)
