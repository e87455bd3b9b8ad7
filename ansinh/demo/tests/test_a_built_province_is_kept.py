"""build_demo --save keeps the built province (and what it is), --timings each step's wall and CPU seconds."""
import json
import sqlite3

import pytest
from django.core.management import call_command
from django.db import connection

from ansinh.demo.keep import description_of
from ansinh.demo.management.commands.build_demo import step_label
from ansinh.demo.steps import STEPS

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(connection.vendor != "sqlite", reason="pg_dump reads committed data; the test's is not")]


def test_the_province_is_kept_with_its_description_and_the_steps_timed(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    kept, timings = tmp_path / "kept" / "province.sqlite3", tmp_path / "timings.json"
    call_command("build_demo", people=150, seed=2, as_of="2025-11-01", quiet=True, save=str(kept), timings=str(timings))
    copy = sqlite3.connect(kept)
    try:
        assert copy.execute("SELECT COUNT(*) FROM registry_person").fetchone()[0] == 150
        assert copy.execute("SELECT COUNT(*) FROM contributions_assessmentline").fetchone()[0] > 0
    finally:
        copy.close()
    assert description_of(kept) == {"people": 150, "seed": 2, "as_of": "2025-11-01", "database": "sqlite"}
    assert (tmp_path / "kept" / "province.sqlite3.logins.json").exists()
    steps = json.loads(timings.read_text(encoding="utf-8"))["steps"]
    assert [s["step"] for s in steps] == [step_label(step) for step in STEPS]
    assert all(s["seconds"] >= 0 and s["cpu_seconds"] >= 0 and s["peak_memory_mb"] > 0 for s in steps)


def test_nothing_is_described_where_nothing_was_kept(tmp_path):
    assert description_of(tmp_path / "none.sqlite3") is None
