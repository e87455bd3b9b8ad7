"""Reading a GIAMDINHHS envelope record by record: structure (structure.py), every field against the published rules
(fieldcheck.py), then the amounts as the standard defines them (sums.py). A record (one HOSO, one MA_LK) with any
error is refused with all its errors; the others are read. Pure: bytes in, frames and errors out, no ORM."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache

import polars as pl
from django.utils.translation import gettext as _

from ansinh.health.xml130.fieldcheck import check_fields
from ansinh.health.xml130.spec import READ_TABLES, rules, tables
from ansinh.health.xml130.structure import Limits, Refusal, read_structure
from ansinh.health.xml130.sums import ERROR_COLS, check_lines, check_records


@dataclass
class Batch:
    """What an envelope holds. Frames carry `_rec`, the record's position in the envelope (from 1)."""

    facility_code: str
    prepared_on: dt.date
    records: int
    keys: dict[int, str]  # record → MA_LK
    visits: pl.DataFrame  # XML1, one row per record
    lines: pl.DataFrame  # XML2 and XML3 (column `table`)
    details: pl.DataFrame  # XML4 and XML5 rows: _rec, table, stt, extra (JSON)
    kept: pl.DataFrame  # XML6–XML15 rows: _rec, table, _pos, fields (JSON as sent)
    errors: list[Refusal] = field(default_factory=list)

    def refused(self) -> dict[int, list[Refusal]]:
        out: dict[int, list[Refusal]] = {}
        for error in self.errors:
            out.setdefault(error.record, []).append(error)
        return out

    def accepted(self) -> list[int]:
        refused = self.refused()
        return [rec for rec in range(1, self.records + 1) if rec not in refused]


@cache
def _trimming(table: str) -> list[pl.Expr]:
    """Each field trimmed, then empty as null, in one pass; built once per table."""
    return [pl.col(r.field).str.strip_chars().replace("", None) for r in rules()[table]]


def _raw(table: str, frame: pl.DataFrame) -> pl.DataFrame:
    frame = frame.with_columns(_trimming(table))
    line = pl.col("STT").cast(pl.Int64, strict=False) if table != "XML1" else pl.lit(None, dtype=pl.Int64)
    return frame.with_columns(line.alias("_line"))


def _kept(rows: dict[str, list[dict]]) -> pl.DataFrame:
    import json

    found = [
        (row.pop("_rec"), table, row.pop("_pos"), json.dumps(row, ensure_ascii=False))
        for table, spec in tables().items()
        if not spec.read
        for row in rows.get(table, [])
    ]
    return pl.DataFrame(
        found, schema={"_rec": pl.Int64, "table": pl.String, "_pos": pl.Int64, "fields": pl.String}, orient="row"
    )


def _key_errors(raws: dict[str, pl.DataFrame], keys: dict[int, str]) -> pl.DataFrame:
    """MA_LK links the tables of one record and names it: the same in every table, and once in the envelope."""
    key_of = pl.DataFrame(
        {"_rec": list(keys), "_key": list(keys.values())}, schema={"_rec": pl.Int64, "_key": pl.String}
    )
    found = []
    for table in READ_TABLES[1:]:
        x = (
            raws[table]
            .join(key_of, on="_rec", how="inner")
            .filter(pl.col("MA_LK").is_not_null() & (pl.col("MA_LK") != pl.col("_key")))
        )
        found.append(
            x.select(
                "_rec",
                pl.lit(table).alias("table"),
                "_line",
                pl.lit("MA_LK").alias("field"),
                pl.format(_("{} differs from the record's MA_LK {}"), pl.col("MA_LK"), pl.col("_key")).alias("reason"),
            )
        )
    twice = key_of.filter(pl.col("_key").is_duplicated())
    found.append(
        twice.select(
            "_rec",
            pl.lit("XML1").alias("table"),
            pl.lit(None, dtype=pl.Int64).alias("_line"),
            pl.lit("MA_LK").alias("field"),
            pl.lit(_("the same MA_LK is in several records of the envelope")).alias("reason"),
        )
    )
    return pl.concat(found)


def _lines(typed: dict[str, pl.DataFrame]) -> pl.DataFrame:
    drugs = typed["XML2"].with_columns(
        pl.lit("XML2").alias("table"),
        pl.col("unit_price").alias("hospital_price"),
        pl.lit(100, dtype=pl.Int64).alias("service_rate"),
    )
    services = typed["XML3"].with_columns(pl.lit("XML3").alias("table"))
    return pl.concat([drugs, services], how="diagonal_relaxed")


def _details(typed: dict[str, pl.DataFrame]) -> pl.DataFrame:
    parts = [typed[t].select("_rec", pl.lit(t).alias("table"), pl.col("stt"), "extra") for t in ("XML4", "XML5")]
    return pl.concat(parts)


def read_envelope(data: bytes, limits: Limits | None = None, tolerance: float = 1.0) -> Batch:
    """The records of an envelope with the errors of those that cannot be taken, or EnvelopeRejected when the
    envelope itself cannot be read (not XML, no header, over a limit)."""
    limits = limits or Limits()
    envelope = read_structure(data, limits)
    raws = {t: _raw(t, envelope.frames[t]) for t in READ_TABLES}
    keys = {rec: key or "" for rec, key in raws["XML1"].select("_rec", "MA_LK").iter_rows()}
    typed, found = {}, []
    for table in READ_TABLES:
        typed[table], errors = check_fields(table, raws[table], limits.max_amount)
        found.append(errors.select("_rec", pl.lit(table).alias("table"), "_line", "field", "reason"))
    lines = _lines(typed)
    found += [
        _key_errors(raws, keys),
        check_lines(lines, tolerance),
        check_records(typed["XML1"], lines, envelope.facility_code, tolerance),
    ]
    errors = pl.concat([f.select(ERROR_COLS).cast({"_line": pl.Int64}) for f in found]).sort(
        "_rec", "table", "_line", nulls_last=False
    )
    batch = Batch(
        envelope.facility_code,
        envelope.prepared_on,
        envelope.records,
        keys,
        typed["XML1"],
        lines,
        _details(typed),
        _kept(envelope.rows),
        list(envelope.errors),
    )
    batch.errors += [
        Refusal(keys.get(rec, ""), table, field_, reason, line, rec)
        for rec, table, line, field_, reason in errors.iter_rows()
    ]
    return batch
