"""Former cards: before a coverage refresh rewrites the current cards, every card that changes code (another group
or benefit level) or disappears is kept, set-based, so a check with the old code can say "new card issued" (003/004)
or "expired" instead of "no card"."""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext_noop

from ansinh.core.bulk import bulk_insert
from ansinh.core.notify import Message, keep_in_inbox
from ansinh.health.models import Coverage, Facility, FormerCard
from ansinh.registry.models import Person

COLUMNS = [
    "person_id",
    "card_code",
    "valid_from",
    "valid_to",
    "facility_id",
    "status",
    "stop_code",
    "replaced_on",
    "new_card_code",
]


def current_cards() -> pl.DataFrame:
    """The cards now in force (read before the refresh deletes them)."""
    columns = ["person_id", "card_code", "valid_from", "valid_to", "facility_id", "status", "stop_code"]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM {Coverage._meta.db_table}")
        rows = cursor.fetchall()
    frame = pl.DataFrame(rows, schema=columns, orient="row", infer_schema_length=None)
    return frame.with_columns(
        pl.col("person_id", "facility_id").cast(pl.Int64),
        pl.col("card_code", "status", "stop_code").cast(pl.String),
        *[pl.col(c).cast(pl.String).str.slice(0, 10).str.to_date("%Y-%m-%d") for c in ("valid_from", "valid_to")],
    )


def keep_replaced(old: pl.DataFrame, new: pl.DataFrame, on: dt.date, previous_on: dt.date | None) -> int:
    """Store the old cards whose holder now has another card code or none (each old card once). Only a refresh that
    moves forward in time replaces cards: recomputing an earlier date records nothing."""
    if old.height == 0 or previous_on is None or on < previous_on:
        return 0
    successors = new.select(pl.col("person_id").cast(pl.Int64), pl.col("card_code").alias("new_card_code"))
    changed = (
        old.join(successors, on="person_id", how="left")
        .filter(pl.col("new_card_code").is_null() | (pl.col("new_card_code") != pl.col("card_code")))
        .with_columns(pl.col("new_card_code").fill_null(""), pl.lit(on).alias("replaced_on"))
    )
    codes = changed["card_code"].to_list()
    keys = [
        key
        for start in range(0, len(codes), 500)
        for key in FormerCard.objects.filter(card_code__in=codes[start : start + 500]).values_list(
            "card_code", "valid_from"
        )
    ]
    known = pl.DataFrame(keys, schema={"card_code": pl.String, "valid_from": pl.Date}, orient="row")
    fresh = changed.join(known, on=["card_code", "valid_from"], how="anti")
    return bulk_insert(FormerCard, COLUMNS, fresh.select(COLUMNS)) if fresh.height else 0


RENEWED_SUBJECT = gettext_noop("Health-insurance card renewed")
RENEWED_TEXT = gettext_noop(
    "Your health-insurance card %(card)s is valid until %(valid_to)s (registered facility %(facility)s)."
)


def tell_renewed(old: pl.DataFrame, new: pl.DataFrame, on: dt.date, previous_on: dt.date | None) -> int:
    """Holders with an account whose card is new or runs longer than before hear of it in their inbox. Only a
    refresh that moves forward in time tells anyone; the same refresh run again finds nothing changed."""
    if previous_on is None or on < previous_on or new.height == 0:
        return 0
    before = old.select(
        pl.col("person_id").cast(pl.Int64), pl.col("card_code").alias("old_code"), pl.col("valid_to").alias("old_to")
    )
    after = new.select(
        pl.col("person_id").cast(pl.Int64), "card_code", "valid_to", pl.col("facility_id").cast(pl.Int64)
    )
    changed = after.join(before, on="person_id", how="left").filter(
        pl.col("old_code").is_null()
        | (pl.col("old_code") != pl.col("card_code"))
        | (pl.col("valid_to") > pl.col("old_to"))
    )
    if changed.height == 0:
        return 0
    ids = changed["person_id"].to_list()
    users = {
        pid: uid
        for start in range(0, len(ids), 500)
        for pid, uid in Person.objects.filter(pk__in=ids[start : start + 500], user__isnull=False).values_list(
            "id", "user_id"
        )
    }
    facilities = dict(Facility.objects.values_list("id", "code"))
    link = reverse("portal:card")
    messages = [
        (
            users[r["person_id"]],
            Message(
                "card",
                RENEWED_SUBJECT,
                RENEWED_TEXT,
                {
                    "card": r["card_code"],
                    "valid_to": f"{r['valid_to']:%d/%m/%Y}",
                    "facility": facilities.get(r["facility_id"], ""),
                },
                link=link,
            ),
        )
        for r in changed.iter_rows(named=True)
        if r["person_id"] in users
    ]
    return keep_in_inbox(messages)
