"""Keeping a built province: what is kept is described beside it, and only a committed build is kept.
(The whole round trip, build → keep → load elsewhere, runs through real files in bench/test_run_all.py.)"""

import pytest

from ansinh.demo.keep import description_of, save_province

pytestmark = pytest.mark.django_db


def test_nothing_is_described_where_nothing_was_kept(tmp_path):
    assert description_of(tmp_path / "none.sqlite3") is None


def test_a_build_still_in_its_transaction_is_not_kept(tmp_path):
    with pytest.raises(RuntimeError, match="committed"):
        save_province(tmp_path / "p.sqlite3", {"people": 1, "seed": 1, "as_of": "2025-11-01"})
    assert not (tmp_path / "p.sqlite3").exists()


@pytest.mark.django_db(transaction=True)
def test_a_built_province_has_statistics_for_the_planner_on_postgresql():
    from django.db import connection

    from ansinh.demo.keep import analyse_after_build

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's statistics come from PRAGMA optimize at the end of the build's settings")
    analyse_after_build()
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'registry_person'")
        assert cursor.fetchone()[0] is not None
