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
    """PostgreSQL plans from table statistics, and a province built in one transaction has none until
    autovacuum gets to it: right after the full-size build, a coverage refresh's family-members query ran over
    8 minutes on a plan made without them, and was done within a minute after ANALYZE (17 s). SQLite's
    equivalent (PRAGMA optimize) ends the build's settings."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


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
