"""core.frames.read_frame: the rows of a query as a Polars frame with the dtypes the caller declared, whatever
the database hands back (SQLite: text for dates, integers for booleans), read in chunks or at once alike."""

import datetime as dt

import polars as pl
import pytest

from ansinh.core.frames import read_frame

pytestmark = pytest.mark.django_db

SQL = """SELECT 7, 'x', '2026-01-31', 1 UNION ALL SELECT 8, NULL, '2026-02-01', 0 UNION ALL SELECT 9, 'z', NULL, 1"""
SCHEMA = {"id": pl.Int64, "code": pl.String, "day": pl.Date, "flag": pl.Boolean}


def test_the_frame_has_the_declared_dtypes_and_the_values():
    frame = read_frame(SQL, None, SCHEMA)
    assert frame.schema == pl.Schema(SCHEMA)
    assert frame.sort("id").rows() == [
        (7, "x", dt.date(2026, 1, 31), True),
        (8, None, dt.date(2026, 2, 1), False),
        (9, "z", None, True),
    ]


def test_reading_in_chunks_gives_the_same_frame():
    assert read_frame(SQL, None, SCHEMA, chunk=1).sort("id").equals(read_frame(SQL, None, SCHEMA).sort("id"))


def test_no_rows_give_an_empty_frame_with_the_declared_dtypes():
    frame = read_frame("SELECT 1, 'a', '2026-01-01', 1 WHERE 1 = %s", [0], SCHEMA)
    assert frame.is_empty() and frame.schema == pl.Schema(SCHEMA)


def test_a_list_of_names_keeps_the_inferred_dtypes():
    frame = read_frame("SELECT 1, 'a'", None, ["n", "s"])
    assert frame.schema == pl.Schema({"n": pl.Int64, "s": pl.String})
