"""Whole-frame validation of the generated registry before anything is written: the same rules as
registry.rules, vectorised. A failure names the field and an example row, and nothing is saved."""

from __future__ import annotations

import polars as pl

from ansinh.core.ids import province_codes
from ansinh.registry.rules import WAGE_REGIONS


class DemoDataError(ValueError):
    pass


def _fail_if(frame: pl.DataFrame, bad: pl.Expr, what: str, field: str) -> None:
    found = frame.filter(bad)
    if found.height:
        raise DemoDataError(
            f"{what}: field '{field}' is invalid in {found.height} rows, e.g. {found.row(0, named=True)}"
        )


def validate(people: pl.DataFrame, employers: pl.DataFrame, spells: pl.DataFrame) -> None:
    year = pl.col("birth_date").dt.year()
    digit = pl.col("cccd").str.slice(3, 1).cast(pl.Int32)
    _fail_if(people, ~pl.col("cccd").str.contains(r"^\d{12}$"), "person", "cccd")
    _fail_if(people, ~pl.col("cccd").str.slice(0, 3).is_in(list(province_codes())), "person", "cccd (province code)")
    _fail_if(people, (digit // 2) != (year - 1900) // 100, "person", "cccd (century digit)")
    _fail_if(people, (digit % 2 == 1) != (pl.col("sex") == "female"), "person", "cccd (sex digit)")
    _fail_if(
        people,
        pl.col("cccd").str.slice(4, 2) != (year % 100).cast(pl.String).str.zfill(2),
        "person",
        "cccd (birth year)",
    )
    _fail_if(people, pl.col("cccd").is_duplicated(), "person", "cccd (duplicate)")
    _fail_if(people, pl.col("si_number").is_duplicated(), "person", "si_number (duplicate)")
    _fail_if(employers, ~pl.col("wage_region").is_in(list(WAGE_REGIONS)), "employer", "wage_region")
    _fail_if(spells, pl.col("end").is_not_null() & (pl.col("end") < pl.col("start")), "employment spell", "end")
    _fail_if(spells, pl.col("insured_salary") <= 0, "employment spell", "insured_salary")
