"""The demo province's own population extract: the registry as the population database would hold it,
with realistic drift applied on the side where it happens (corruptions.py), and a ground-truth file."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from django.db import connection

from ansinh.core import audit
from ansinh.geo.models import Commune
from ansinh.linkage.demo import corruptions
from ansinh.linkage.services import registry_frame


def write_demo_extract(
    out: Path, truth_path: Path | None, seed: int = 7, corrupt_registry: bool = True, protect: set[int] = frozenset()
) -> dict:
    """Write the extract CSV (and truth CSV); with corrupt_registry, also apply the registry-side drift to
    the registry (in bulk, one batch audit event). Returns counts per kind."""
    people = registry_frame().with_columns(pl.col("birth_date").str.to_date()).rename({"uid": "person_id"})
    communes = pl.DataFrame(
        list(Commune.objects.values_list("code", "area__code")), schema=["commune_code", "area_code"], orient="row"
    )
    changes, extract, truth = corruptions.corrupt(people, communes, seed=seed)
    changes = changes.filter(~pl.col("person_id").is_in(list(protect)))  # e.g. the demo log-ins' own records
    if corrupt_registry:
        _apply(changes)
    else:
        truth = truth.with_columns(
            pl.col("kinds")
            .str.replace_all(
                r"\b(wrong_cccd_digit|missing_cccd\S*|folded_diacritics|"
                r"swapped_day_month|name_order|changed_commune)\b",
                "",
            )
            .str.strip_chars()
        )
    extract.write_csv(out)
    if truth_path:
        truth.write_csv(truth_path)
    kinds = truth.select(pl.col("kinds").str.split(" ")).explode("kinds").filter(pl.col("kinds") != "")
    counts = dict(kinds.group_by("kinds").len().iter_rows())
    counts.update(extract_rows=extract.height, registry_changed=changes.height if corrupt_registry else 0)
    return counts


def _apply(changes: pl.DataFrame) -> None:
    commune_ids = dict(Commune.objects.values_list("code", "id"))
    rows = [
        (cccd, name, born.isoformat(), commune_ids[commune], pk)
        for pk, cccd, name, born, commune in changes.select(
            "person_id", "cccd", "full_name", "birth_date", "commune_code"
        ).iter_rows()
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE registry_person SET cccd = %s, full_name = %s, birth_date = %s, commune_id = %s WHERE id = %s", rows
        )
    audit.record_batch(
        "registry.person",
        "",
        f"demo drift applied to {len(rows):,} registry records for the reconciliation demo",
        dict(changes.group_by("registry_kind").len().iter_rows()),
    )
