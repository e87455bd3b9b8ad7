"""SQL → Polars: the one reader of the set-based batches, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import polars as pl
from django.db import connection


def read_frame(sql: str, params, schema: dict | list, chunk: int = 200_000) -> pl.DataFrame:
    """The rows of `sql` as a frame with exactly `schema`'s columns and dtypes (empty when no row matches); a
    list of names instead keeps the dtypes as inferred from the values.

    Rows are fetched `chunk` at a time so that a large table never sits in memory twice as Python tuples.
    Each chunk's dtypes are inferred from its values and cast at the end: SQLite hands back integers for
    booleans and text for dates, PostgreSQL numerics for sums, and all of them cast cleanly.
    """
    frames = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk):
            frames.append(pl.DataFrame(rows, schema=list(schema), orient="row", infer_schema_length=None))
    if not frames:
        return pl.DataFrame(schema=schema)
    frame = pl.concat(frames, how="vertical_relaxed")
    if not isinstance(schema, dict):
        return frame
    dates = [name for name, kind in schema.items() if kind == pl.Date and frame.schema[name] != pl.Date]
    return frame.with_columns(pl.col(n).cast(pl.String).str.slice(0, 10).str.to_date() for n in dates).cast(schema)
