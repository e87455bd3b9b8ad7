"""What the build does for the database inside its one transaction: planner statistics after each step (on
PostgreSQL of the tables the step changed), and on PostgreSQL foreign keys checked once at the end instead of
row by row (and never lost, even when the build fails)."""

import pytest
from django.db import IntegrityError, connection, transaction

from ansinh.core.models import AuditEvent
from ansinh.demo.keep import PlannerStatistics, add_foreign_keys, drop_foreign_keys

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite checks no foreign key row by row")


def _count(sql: str, params=()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def _foreign_keys() -> int:
    return _count(
        "SELECT COUNT(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace"
    )


def _events(n: int, actor_id=None) -> None:
    AuditEvent.objects.bulk_create(
        AuditEvent(action="batch", object_type="test", object_id=str(i), summary="row", actor_id=actor_id)
        for i in range(n)
    )


def test_on_sqlite_the_whole_database_is_analysed_inside_the_transaction():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with transaction.atomic():
        _events(40)
        assert PlannerStatistics().refresh() == ["*"]
        assert _count("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'core_auditevent'") > 0


def test_the_tables_a_step_changed_are_analysed_inside_the_transaction_and_only_they(postgresql_only):
    with transaction.atomic():
        statistics = PlannerStatistics()
        statistics.refresh()
        _events(40)
        assert "core_auditevent" in statistics.refresh()
        # the sample counted the transaction's own rows: the planner knows the table is no longer empty
        assert _count("SELECT reltuples::int FROM pg_class WHERE relname = 'core_auditevent'") >= 40
        assert statistics.refresh() == []  # nothing changed since


def test_the_keys_are_dropped_while_building_and_added_back_checked(postgresql_only):
    before = _foreign_keys()
    assert before > 20
    with transaction.atomic():
        keys = drop_foreign_keys()
        assert len(keys) == before and _foreign_keys() == 0
        _events(3)
        add_foreign_keys(keys)
        assert _foreign_keys() == before
    assert _foreign_keys() == before


def test_a_row_pointing_nowhere_fails_the_build_at_the_end_and_the_keys_stay(postgresql_only):
    before = _foreign_keys()
    with pytest.raises(IntegrityError, match="actor_id"), transaction.atomic():
        keys = drop_foreign_keys()
        _events(1, actor_id=987_654_321)  # no such user: accepted while the keys are away
        add_foreign_keys(keys)
    assert _foreign_keys() == before
    assert not AuditEvent.objects.filter(actor_id=987_654_321).exists()


def test_dropping_the_keys_outside_a_transaction_is_refused(postgresql_only):
    with pytest.raises(RuntimeError, match="transaction"):
        drop_foreign_keys()
    assert _foreign_keys() > 20
