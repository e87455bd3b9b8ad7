"""bench/run_all.py on a tiny province: it runs the benches, keeps one JSON result and rewrites the table."""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run_all


@pytest.fixture
def sqlite_scratch(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)  # the benches build SQLite scratch databases of their own


def test_it_runs_the_chosen_benches_and_writes_one_result_and_the_table(tmp_path, sqlite_scratch):
    doc = tmp_path / "performance.md"
    doc.write_text(
        f"# Performance\n\nHand-written notes stay.\n\n{run_all.MARK_START}\nold table\n{run_all.MARK_END}\n\n"
        "Notes after.\n"
    )
    run_all.main(
        ["--people", "150", "--quick", "--only", "quotes,outbox", "--var-dir", str(tmp_path), "--doc", str(doc)]
    )
    saved = json.loads((tmp_path / "bench-results.json").read_text(encoding="utf-8"))
    assert set(saved["benches"]) == {"quotes", "outbox"}
    assert saved["benches"]["quotes"]["rc"] == 0 and saved["benches"]["quotes"]["result"]["quotes_per_second"] > 0
    assert saved["benches"]["outbox"]["result"]["sent"] == saved["benches"]["outbox"]["result"]["messages"] > 0
    assert saved["machine"]["cores"] >= 1 and len(saved["load_average_before"]) == 3
    text = doc.read_text(encoding="utf-8")
    assert "old table" not in text and "Hand-written notes stay." in text and text.rstrip().endswith("Notes after.")
    row = next(line for line in text.splitlines() if "benefit quotes per second" in line)
    assert f"{saved['benches']['quotes']['result']['quotes_per_second']:,}" in row


def test_a_figure_stands_beside_its_floor_with_their_ratio():
    results = {
        "people": 1000,
        "quick": False,
        "database": "sqlite",
        "finished": "now",
        "load_average_before": [1.0, 1.0, 1.0],
        "load_average_after": [2.0, 1.0, 1.0],
        "machine": {"cores": 2, "cpu": "x", "ram_gb": 8},
        "benches": {
            "assess": {
                "rc": 0,
                "wall_seconds": 9.0,
                "cpu_seconds": 8.0,
                "load_average_before": [1.0],
                "load_average_after": [2.0],
                "result": {"seconds": 3.0, "bare_bulk_insert_seconds": 1.5},
            }
        },
    }
    row = next(line for line in run_all.table(results).splitlines() if "one month's assessment" in line)
    cells = [cell.strip() for cell in row.split("|")]
    assert cells[3:7] == ["3.0", "bare bulk insert of the same rows, s", "1.5", "2.00×"]


def test_an_unknown_bench_is_refused_by_name(tmp_path):
    with pytest.raises(SystemExit):
        run_all.main(["--only", "nosuch", "--var-dir", str(tmp_path)])


def test_the_province_is_built_once_kept_with_its_step_timings_and_loaded_elsewhere(tmp_path, sqlite_scratch):
    import sqlite3

    from ansinh.demo.management.commands.build_demo import step_label
    from ansinh.demo.steps import STEPS

    args = [
        "--people",
        "150",
        "--seed",
        "3",
        "--build-only",
        "--var-dir",
        str(tmp_path),
        "--doc",
        str(tmp_path / "p.md"),
    ]
    first = run_all.main(args)["province"]
    assert not first["reused"] and [s["step"] for s in first["steps"]] == [step_label(step) for step in STEPS]
    assert all(s["cpu_seconds"] >= 0 and s["peak_memory_mb"] > 0 for s in first["steps"])
    assert "| contributions |" in (tmp_path / "p.md").read_text(encoding="utf-8")
    again = run_all.main(args)["province"]
    assert again["reused"] and again["steps"] == first["steps"]
    leaf = _kept_before_the_newest_contributions_migration(Path(first["file"]), tmp_path / "older")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run_all._copy_of_province(Path(first["file"]), first["as_of"], 150, 3, elsewhere, timeout=600)
    copy = sqlite3.connect(elsewhere / "ansinh.sqlite3")
    try:
        assert copy.execute("SELECT COUNT(*) FROM registry_person").fetchone()[0] == 150
        assert copy.execute("SELECT COUNT(*) FROM contributions_assessmentline").fetchone()[0] > 0
        applied = copy.execute("SELECT 1 FROM django_migrations WHERE app = 'contributions' AND name = ?", (leaf,))
        assert applied.fetchone(), f"the kept province was loaded without migration {leaf}"
    finally:
        copy.close()
    assert (elsewhere / "demo-logins.json").exists()


def _kept_before_the_newest_contributions_migration(kept: Path, work: Path) -> str:
    """Turn the kept province into one kept before the contributions app's newest migration (unapplied with
    Django's own migrate, as an older build would lack it) and return that migration's name."""
    import shutil
    import subprocess

    from django.db.migrations.loader import MigrationLoader

    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    leaf = graph.leaf_nodes("contributions")[0]
    parent = next(node for node in graph.node_map[leaf].parents if node[0] == "contributions")
    work.mkdir()
    shutil.copyfile(kept, work / "ansinh.sqlite3")
    env = run_all._env(work)
    command = [run_all.PYTHON, "manage.py", "migrate", "contributions", parent[1], "-v0"]
    subprocess.run(command, cwd=run_all.ROOT, env=env, check=True, capture_output=True)
    shutil.copyfile(work / "ansinh.sqlite3", kept)
    return leaf[1]


def test_each_database_keeps_its_own_block(tmp_path):
    doc = tmp_path / "performance.md"
    doc.write_text(f"# Performance\n\n{run_all.MARK_START}\nsqlite table\n{run_all.MARK_END}\n\nNotes.\n")
    run_all.write_doc(doc, "postgresql table", "postgresql")
    run_all.write_doc(doc, "postgresql table, newer", "postgresql")
    text = doc.read_text(encoding="utf-8")
    assert "sqlite table" in text and "Notes." in text
    assert text.count("postgresql table") == 1 and "postgresql table, newer" in text
    run_all.write_doc(doc, "sqlite table, newer")
    text = doc.read_text(encoding="utf-8")
    assert "sqlite table, newer" in text and "postgresql table, newer" in text and "sqlite table\n" not in text


def test_on_postgresql_a_bench_gets_a_database_of_its_own_dropped_afterwards(monkeypatch):
    import os

    import psycopg

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("PostgreSQL only: on SQLite each bench has the database file of its own folder")

    def databases():
        with run_all._pg_admin(url) as admin:
            return {row[0] for row in admin.execute("SELECT datname FROM pg_database")}

    with run_all._bench_database("selftest", None) as (bench_url, holds_province):
        scratch = bench_url.rsplit("/", 1)[1]
        assert scratch.endswith("_bench_selftest") and scratch in databases()
        assert not holds_province and run_all._pg_people(bench_url) == 0
        with psycopg.connect(bench_url) as conn:
            conn.execute("CREATE TABLE t (x int)")
    assert scratch not in databases()


def test_a_bench_that_pretty_prints_its_json_is_read_too():
    printed = 'warming up\n{"seconds": 1}\nmore log\n{\n "dearest_cpu_s": 0.7,\n "nested": {"a": [1, 2]}\n}\n'
    assert run_all._last_json(printed) == {"dearest_cpu_s": 0.7, "nested": {"a": [1, 2]}}
    assert run_all._last_json('{"seconds": 2}\n') == {"seconds": 2}
    assert run_all._last_json("no json here\n") is None


def _run(benches: dict, people: int = 1000, started: str = "t0") -> dict:
    return {
        "people": people,
        "seed": 42,
        "quick": False,
        "database": "sqlite",
        "started": started,
        "finished": f"{started}+1",
        "load_average_before": [1.0, 1.0, 1.0],
        "load_average_after": [1.0, 1.0, 1.0],
        "machine": {"cores": 2, "cpu": "x", "ram_gb": 8},
        "benches": {
            name: {
                "rc": 0,
                "wall_seconds": 1.0,
                "cpu_seconds": 1.0,
                "load_average_before": [1.0],
                "load_average_after": [1.0],
                "result": result,
            }
            for name, result in benches.items()
        },
    }


def test_merge_adds_a_rerun_bench_to_the_earlier_ones_and_says_so(tmp_path):
    earlier = _run({"payroll": {"payroll_seconds": 6.0}, "quotes": {"quotes_per_second": 170}}, started="morning")
    earlier["province"] = {"people": 1000, "seed": 42, "reused": False, "steps": []}
    path = tmp_path / "bench-results.json"
    path.write_text(json.dumps(earlier))
    merged = run_all.merged(path, _run({"payroll": {"payroll_seconds": 5.0}, "febrl": {"f1": 0.99}}, started="noon"))
    assert {name: run["result"] for name, run in merged["benches"].items()} == {
        "payroll": {"payroll_seconds": 5.0},
        "quotes": {"quotes_per_second": 170},
        "febrl": {"f1": 0.99},
    }
    assert merged["province"] == earlier["province"]
    assert "febrl, payroll measured then" in run_all.table(merged)
    assert "morning – morning+1" in run_all.table(merged)


def test_merge_refuses_the_figures_of_another_province(tmp_path):
    path = tmp_path / "bench-results.json"
    path.write_text(json.dumps(_run({"quotes": {"quotes_per_second": 170}}, people=20000)))
    with pytest.raises(SystemExit, match="another province"):
        run_all.merged(path, _run({"febrl": {"f1": 0.99}}))
