"""Former cards: before a coverage refresh rewrites the current cards, every card that changes code (another group
or benefit level) or disappears is kept, set-based, so a check with the old code can say "new card issued" (003/004)
or "expired" instead of "no card"."""
from __future__ import annotations

import datetime as dt

import polars as pl
from django.db import connection

from ansinh.core.bulk import bulk_insert
from ansinh.health.models import Coverage, FormerCard

COLUMNS = ["person_id", "card_code", "valid_from", "valid_to", "facility_id", "status", "stop_code", "replaced_on", "new_card_code"]


def current_cards() -> pl.DataFrame:
    """The cards now in force (read before the refresh deletes them)."""
    columns = ["person_id", "card_code", "valid_from", "valid_to", "facility_id", "status", "stop_code"]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {Coverage._meta.db_table}")
        rows = cursor.fetchall()
    frame = pl.DataFrame(rows, schema=columns, orient="row", infer_schema_length=None)
    return frame.with_columns(pl.col("person_id", "facility_id").cast(pl.Int64), pl.col("card_code", "status", "stop_code").cast(pl.String),
                              *[pl.col(c).cast(pl.String).str.slice(0, 10).str.to_date("%Y-%m-%d") for c in ("valid_from", "valid_to")])


def keep_replaced(old: pl.DataFrame, new: pl.DataFrame, on: dt.date, previous_on: dt.date | None) -> int:
    """Store the old cards whose holder now has another card code or none (each old card once). Only a refresh that
    moves forward in time replaces cards: recomputing an earlier date records nothing."""
    if old.height == 0 or previous_on is None or on < previous_on:
        return 0
    successors = new.select(pl.col("person_id").cast(pl.Int64), pl.col("card_code").alias("new_card_code"))
    changed = (old.join(successors, on="person_id", how="left")
               .filter(pl.col("new_card_code").is_null() | (pl.col("new_card_code") != pl.col("card_code")))
               .with_columns(pl.col("new_card_code").fill_null(""), pl.lit(on).alias("replaced_on")))
    codes = changed["card_code"].to_list()
    keys = [key for start in range(0, len(codes), 500)
            for key in FormerCard.objects.filter(card_code__in=codes[start:start + 500]).values_list("card_code", "valid_from")]
    known = pl.DataFrame(keys, schema={"card_code": pl.String, "valid_from": pl.Date}, orient="row")
    fresh = changed.join(known, on=["card_code", "valid_from"], how="anti")
    return bulk_insert(FormerCard, COLUMNS, fresh.select(COLUMNS)) if fresh.height else 0
