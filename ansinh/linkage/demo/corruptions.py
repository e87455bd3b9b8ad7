"""Realistic drift between the registry and the population database, for the demo, the extract writer,
the benchmark and the tests. Pure Polars/NumPy, no database.

Registry-side drift (what the agency typed): a wrong CCCD digit, a missing CCCD, a name without diacritics,
day and month swapped, a given name written first, an old commune after a move.
Extract-side facts (what the population database holds): a birth date known only as a year (or year and
month), people absent from the extract, namesakes (other citizens with the same name and birth year).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from ansinh.linkage.rules import FOLD_FROM, FOLD_TO

# Share of registry records per kind (each record gets at most one kind; the last is a combination).
REGISTRY_KINDS = {
    "wrong_cccd_digit": 0.002,
    "missing_cccd": 0.0025,
    "folded_diacritics": 0.003,
    "swapped_day_month": 0.002,
    "name_order": 0.0005,
    "changed_commune": 0.002,
    "missing_cccd+folded_diacritics": 0.0005,
}
EXTRACT_KINDS = {"year_only": 0.002, "year_month": 0.001, "absent": 0.0015}
NAMESAKE_SHARE = 0.001
TWIN_SHARE = 0.0002  # no CCCD in the registry, a birth year only in the extract, and a namesake twin: ambiguous
_FOLD_MAP = dict(zip(FOLD_FROM + FOLD_FROM.upper(), FOLD_TO + FOLD_TO.upper(), strict=False))


def _assign(rng, n: int, table: dict) -> np.ndarray:
    kinds = np.array([""] + list(table), dtype=object)
    p = np.array([1 - sum(table.values())] + list(table.values()))
    return kinds[rng.choice(len(kinds), size=n, p=p)]


def fold_expr(column: str) -> pl.Expr:
    return pl.col(column).str.replace_many(list(_FOLD_MAP), list(_FOLD_MAP.values()))


def _wrong_digit(rng, cccd: pl.Series) -> pl.Series:
    pos = rng.integers(6, 12, len(cccd))  # the serial: the prefix still agrees with birth year and sex
    bump = rng.integers(1, 10, len(cccd))
    chars = [list(c) for c in cccd.to_list()]
    for row, (p, b) in enumerate(zip(pos, bump, strict=False)):
        chars[row][p] = str((int(chars[row][p]) + b) % 10)
    return pl.Series(["".join(c) for c in chars], dtype=pl.String)


def corrupt(
    people: pl.DataFrame, communes: pl.DataFrame, seed: int = 7
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """people: person_id, cccd, full_name, birth_date (Date), sex, commune_code, area_code.
    communes: commune_code, area_code. Returns (registry_changes, extract, truth)."""
    rng = np.random.default_rng(seed)
    people = people.filter(pl.col("cccd").is_not_null())
    kinds = people.with_columns(
        pl.Series("registry_kind", _assign(rng, people.height, REGISTRY_KINDS), dtype=pl.String),
        pl.Series("extract_kind", _assign(rng, people.height, EXTRACT_KINDS), dtype=pl.String),
    )
    changes = _registry_changes(rng, kinds, communes)
    kinds = _with_twins(kinds, changes)
    extract, truth = _extract(rng, kinds, changes, communes)
    return changes, extract, truth


def _registry_changes(rng, kinds: pl.DataFrame, communes: pl.DataFrame) -> pl.DataFrame:
    hit = kinds.filter(pl.col("registry_kind") != "")
    kind = pl.col("registry_kind")
    day, month = pl.col("birth_date").dt.day(), pl.col("birth_date").dt.month()
    swappable = (day <= 12) & (day != month)
    other = communes["commune_code"].to_numpy()[rng.integers(0, communes.height, hit.height)]
    out = hit.with_columns(
        pl.when(kind == "wrong_cccd_digit")
        .then(_wrong_digit(rng, hit["cccd"]))
        .when(kind.str.contains("missing_cccd"))
        .then(None)
        .otherwise(pl.col("cccd"))
        .alias("new_cccd"),
        pl.when(kind.str.contains("folded"))
        .then(fold_expr("full_name"))
        .when(kind == "name_order")
        .then(pl.col("full_name").str.replace(r"^(.+) (\S+)$", "$2 $1"))
        .otherwise(pl.col("full_name"))
        .alias("new_full_name"),
        pl.when((kind == "swapped_day_month") & swappable)
        .then(pl.date(pl.col("birth_date").dt.year(), day, month))
        .otherwise(pl.col("birth_date"))
        .alias("new_birth_date"),
        pl.when(kind == "changed_commune")
        .then(pl.Series(other, dtype=pl.String))
        .otherwise(pl.col("commune_code"))
        .alias("new_commune_code"),
    )
    taken = kinds.select(pl.col("cccd").alias("new_cccd"), pl.lit(True).alias("taken"))
    out = out.join(taken, on="new_cccd", how="left").filter(
        ~((pl.col("registry_kind") == "wrong_cccd_digit") & pl.col("taken").fill_null(False))  # no collisions
        & ~((pl.col("registry_kind") == "swapped_day_month") & ~swappable)
        & ~((pl.col("registry_kind") == "changed_commune") & (pl.col("new_commune_code") == pl.col("commune_code")))
    )
    return out.select(
        "person_id",
        pl.col("new_cccd").alias("cccd"),
        pl.col("new_full_name").alias("full_name"),
        pl.col("new_birth_date").alias("birth_date"),
        pl.col("new_commune_code").alias("commune_code"),
        "registry_kind",
    )


def _extract(rng, kinds, changes, communes) -> tuple[pl.DataFrame, pl.DataFrame]:
    iso = pl.col("birth_date").dt.strftime("%Y-%m-%d")
    kind = pl.col("extract_kind")
    present = kinds.filter(kind != "absent")
    extract = present.select(
        "cccd",
        "full_name",
        pl.when(kind.str.starts_with("year_only"))
        .then(iso.str.slice(0, 4))
        .when(kind == "year_month")
        .then(iso.str.slice(0, 7))
        .otherwise(iso)
        .alias("birth_date"),
        "sex",
        "commune_code",
        pl.format("Thôn {}, {}", pl.col("person_id") % 15 + 1, pl.col("commune_code")).alias("permanent_address"),
    )
    namesakes = _namesakes(rng, kinds)
    twins = (
        kinds.filter(pl.col("twin"))
        .select(
            (pl.col("cccd").str.slice(0, 6) + pl.col("cccd").str.slice(6, 6).str.reverse()).alias("cccd"),
            "full_name",
            pl.col("birth_date").dt.year().cast(pl.String).alias("birth_date"),
            "sex",
            "commune_code",
            pl.format("Xóm {}, {}", pl.col("person_id") % 9 + 1, pl.col("commune_code")).alias("permanent_address"),
        )
        .join(kinds.select("cccd"), on="cccd", how="anti")
    )
    extract = pl.concat([extract, namesakes, twins]).sample(fraction=1.0, shuffle=True, seed=int(rng.integers(1 << 31)))
    truth = kinds.join(
        changes.select("person_id", "registry_kind"), on="person_id", how="left", suffix="_applied"
    ).select(
        "person_id",
        pl.when(kind == "absent").then(None).otherwise(pl.col("cccd")).alias("extract_cccd"),
        pl.concat_str([pl.col("registry_kind_applied").fill_null(""), kind], separator=" ")
        .str.strip_chars()
        .alias("kinds"),
    )
    return extract, truth


def _with_twins(kinds: pl.DataFrame, changes: pl.DataFrame) -> pl.DataFrame:
    """Pick a few registry records that lost their CCCD; their extract date becomes a year only, and a
    namesake twin (same name, year, sex, commune) joins the extract."""
    lost = changes.filter(pl.col("registry_kind") == "missing_cccd").select("person_id")
    wanted = max(2, round(kinds.height * TWIN_SHARE))
    chosen = kinds.join(lost, on="person_id").filter(pl.col("extract_kind") == "").head(wanted).select("person_id")
    twin = pl.col("person_id").is_in(chosen["person_id"].to_list())
    return kinds.with_columns(
        twin.alias("twin"),
        pl.when(twin).then(pl.lit("year_only+twin")).otherwise(pl.col("extract_kind")).alias("extract_kind"),
    )


def _namesakes(rng, kinds: pl.DataFrame) -> pl.DataFrame:
    """Other citizens with a registry person's name and birth year, and a CCCD nobody else holds."""
    chosen = kinds.sample(n=max(1, round(kinds.height * NAMESAKE_SHARE)), seed=int(rng.integers(1 << 31)))
    n = chosen.height
    serial = pl.Series(rng.integers(0, 10**6, n)).cast(pl.String).str.zfill(6)
    frame = chosen.select(
        (pl.col("cccd").str.slice(0, 6) + serial).alias("cccd"),
        "full_name",
        # Another day of the same year, but never later than the person's own birth (a baby born this month
        # has no namesake born next month yet).
        pl.min_horizontal(
            pl.date(
                pl.col("birth_date").dt.year(), pl.Series(rng.integers(1, 13, n)), pl.Series(rng.integers(1, 29, n))
            ),
            pl.col("birth_date"),
        )
        .dt.strftime("%Y-%m-%d")
        .alias("birth_date"),
        "sex",
        "commune_code",
        pl.format("Xóm {}, {}", pl.col("person_id") % 9 + 1, pl.col("commune_code")).alias("permanent_address"),
    )
    return frame.join(kinds.select("cccd"), on="cccd", how="anti").unique("cccd")
