"""Building the demo province fast, and keeping a built one so benchmarks reuse it instead of rebuilding.

A kept province is a copy of the SQLite database (made with SQLite's online backup, so it is consistent)
or, on PostgreSQL, a `pg_dump` archive in custom format. Beside it, `<file>.json` says what was built
(people, seed, as-of date), so a caller can tell whether the copy fits before restoring it, and `<file>.logins.json`
keeps the demo log-ins. Files the province names under ANSINH_VAR_DIR (population extracts, search indexes) are
not copied: they stay where the build wrote them.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

from ansinh.demo.context import logins_file

# During the build only: the database is new and the build is one transaction, so a rollback journal in
# memory suffices (it holds only the few pages that existed before) and nothing needs syncing until the end.
# WAL would instead copy every new page twice and grow as large as the province itself.
_BULK_PRAGMAS = ("PRAGMA journal_mode=MEMORY", "PRAGMA synchronous=OFF", "PRAGMA cache_size=-1048576")
_NORMAL_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA cache_size=-131072",
    "PRAGMA optimize",
)


def analyse_after_build() -> None:
    """PostgreSQL plans from table statistics, and a province restored from a dump has none (pg_restore does not
    carry them) until autovacuum gets to it: on a province without them a coverage refresh's family-members
    query ran over 8 minutes, and was done within a minute after ANALYZE (17 s at full size). The build itself
    keeps them as it goes (PlannerStatistics). SQLite's equivalent (PRAGMA optimize) ends the build's settings."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class PlannerStatistics:
    """Planner statistics kept up to date after each step of the build, inside its one transaction, so that the
    next steps plan their queries on the province built so far and not on empty tables (or none at all).

    PostgreSQL: ANALYZE of the tables the step changed (it samples the rows the transaction inserted). Without
    it, at 30,000 people the family-HI members query took 2.2 s a call during the build and 0.7 s after it
    (health, the gateway and the monthly KPI snapshots all call it); analysing every table after every step
    instead cost 20 s at that size.
    SQLite: ANALYZE with a row limit per index (what PRAGMA optimize does: milliseconds, whatever the size).
    Without statistics SQLite chose, for the same query, the lines' (period, payer kind) index over the unique
    (period, payer code) one and read every family-HI line of the period for each bill: 2.3 s instead of
    0.15 s at 30,000 people, and the full-size build's health step ran for over 40 minutes."""

    SQLITE_ROWS_PER_INDEX = 1000

    def __init__(self):
        self._changes_analysed: dict[str, int] = {}

    def refresh(self) -> list[str]:
        """Analyse what changed since the last refresh; the tables analysed (every table on SQLite)."""
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA analysis_limit={self.SQLITE_ROWS_PER_INDEX}")
                cursor.execute("ANALYZE")
            return ["*"]
        if connection.vendor != "postgresql":
            return []
        with connection.cursor() as cursor:
            # the counters of this transaction so far (pg_stat_user_tables only has them after the commit)
            cursor.execute(
                "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables "
                "WHERE schemaname = current_schema()"
            )
            changed = {table: n for table, n in cursor.fetchall() if n > self._changes_analysed.get(table, 0)}
            if changed:
                cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(table) for table in sorted(changed)))
        self._changes_analysed.update(changed)
        return sorted(changed)


def drop_foreign_keys() -> list[tuple[str, str, str]]:
    """On PostgreSQL, inside the build's transaction: drop the foreign keys while the province is written, to
    add them back at the end (add_foreign_keys). Each row's keys are otherwise checked one by one (a trigger per
    row, queued to the commit: minutes at full size); adding a key back checks the whole table in one join, the
    way the PostgreSQL manual advises to populate a database. A failed check or a failed build rolls the
    transaction back, the dropped keys with it. Returns (table, name, definition) of each key dropped."""
    if connection.vendor != "postgresql":
        return []
    if not connection.in_atomic_block:
        raise RuntimeError("drop_foreign_keys() needs the build's transaction: a failure must bring the keys back.")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND connamespace = current_schema()::regnamespace ORDER BY 1, 2"
        )
        keys = cursor.fetchall()
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # a key with checks pending cannot be dropped
        for table, name, _ in keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    return keys


def add_foreign_keys(keys: list[tuple[str, str, str]]) -> None:
    """Add back the keys drop_foreign_keys dropped: each checks its table's rows in one pass."""
    with connection.cursor() as cursor:
        for table, name, definition in keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}")


@contextmanager
def bulk_build_settings():
    """SQLite pragmas for a bulk build, restored afterwards (whether the build succeeded or not). A no-op on
    PostgreSQL and inside an enclosing transaction (the journal mode cannot change there)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    _pragmas(_BULK_PRAGMAS)
    try:
        yield
    finally:
        _pragmas(_NORMAL_PRAGMAS)


def _pragmas(statements) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def description_of(path: Path) -> dict | None:
    """What a kept province holds (people, seed, as_of, database), or None if there is none at `path`."""
    meta = Path(f"{path}.json")
    if not (path.exists() and meta.exists()):
        return None
    return json.loads(meta.read_text(encoding="utf-8"))


def save_province(path: Path, description: dict) -> Path:
    """Copy the current database to `path` and describe it beside."""
    if connection.in_atomic_block:
        # SQLite's backup would wait for the open write transaction forever; pg_dump would not see its rows.
        raise RuntimeError("A province is kept once its build is committed, not from inside a transaction.")
    path.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif connection.vendor == "postgresql":
        _pg("pg_dump", "--format=custom", "--no-owner", "--file", str(path))
    else:
        raise RuntimeError(f"Keeping a province is not supported on {connection.vendor}.")
    Path(f"{path}.json").write_text(
        json.dumps({**description, "database": connection.vendor}, indent=1), encoding="utf-8"
    )
    if logins_file().exists():
        shutil.copyfile(logins_file(), f"{path}.logins.json")
    return path


def restore_province(path: Path) -> dict:
    """Replace the current database by the province kept at `path` (same kind of database)."""
    description = description_of(path)
    if description is None:
        raise FileNotFoundError(f"No kept province at {path} (the file and its .json description are both needed).")
    if description["database"] != connection.vendor:
        raise RuntimeError(
            f"{path} holds a {description['database']} province; the database here is {connection.vendor}."
        )
    if connection.vendor == "sqlite":
        database = Path(connection.settings_dict["NAME"])
        connection.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(path, database)
    else:
        connection.close()
        _pg("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", str(path))
    if Path(f"{path}.logins.json").exists():
        shutil.copyfile(f"{path}.logins.json", logins_file())
    return description


def _pg(program: str, *args: str) -> None:
    """Run a PostgreSQL client on the configured database (the password through the environment, never argv)."""
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    target = [
        "--host",
        db.get("HOST") or "localhost",
        "--port",
        str(db.get("PORT") or 5432),
        "--username",
        db.get("USER") or "postgres",
        "--dbname",
        db["NAME"],
    ]
    subprocess.run([program, *target, *args], env=env, check=True)
