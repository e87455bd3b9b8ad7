"""Bulk writes for batch work: COPY on PostgreSQL, executemany on SQLite.

Batches (demo build, assessment, payroll, claims) load rows once, compute set-based, and write here,
inside the caller's transaction. No per-row ORM round trips.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice

from django.db import connection

CHUNK = 20_000


def _rows_of(data) -> Iterable[Sequence]:
    if hasattr(data, "iter_rows"):  # a Polars DataFrame
        return data.iter_rows()
    return data


def bulk_insert(model, columns: Sequence[str], data) -> int:
    """Insert rows (tuples in `columns` order, or a Polars DataFrame with those columns) into model's table."""
    if hasattr(data, "select"):
        data = data.select(list(columns))
    table = connection.ops.quote_name(model._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(c) for c in columns)
    rows = iter(_rows_of(data))
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg 3 cursor: COPY is an order of magnitude faster than INSERT
            with raw.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        sql = f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(columns))})"
        while chunk := list(islice(rows, CHUNK)):
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


def reset_sequence(model) -> None:
    """After inserting explicit ids on PostgreSQL, move the id sequence past them."""
    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(sql)


def next_id(model) -> int:
    """The first free primary key, for batches that assign ids themselves before a bulk insert."""
    last = model._base_manager.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1
