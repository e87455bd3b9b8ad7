import polars as pl

from ansinh.linkage import linking
from ansinh.linkage.engine import DuckDBEngine


def _table(engine, name, n):
    """n people with one family name, one given name and one birth year: what an extract without IDs
    looks like to a rule keyed on a common name."""
    frame = pl.DataFrame(
        {
            "uid": list(range(n)),
            "full_name": ["Nguyễn Văn Anh"] * n,
            "birth_date": [f"1980-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(n)],
        }
    )
    engine.load_frame(name, frame)
    engine.table(
        f"{name}_f",
        f"""SELECT uid, 'nguyen van anh' AS name_sorted, 'nguyen' AS family, 'anh' AS given,
                                  birth_date, 1980 AS birth_year, NULL AS cccd, NULL AS old_id, NULL AS cccd_head,
                                  NULL AS cccd_tail, NULL AS commune_code, NULL AS address_head, NULL AS address_tail
                                  FROM {name}""",
    )


def test_a_rule_over_the_pair_budget_is_left_out_and_reported(monkeypatch):
    monkeypatch.setattr(linking, "PAIRS_PER_RECORD", 1)
    engine = DuckDBEngine()
    _table(engine, "reg_rest", 1500)
    _table(engine, "ext_rest", 1500)
    engine.table("reg_rest", "SELECT * FROM reg_rest_f")
    engine.table("ext_rest", "SELECT * FROM ext_rest_f")
    rules, report = linking.affordable_blocking(engine)
    # 1,500 × 1,500 = 2.25 M pairs on the name: over the floor of one million;
    # the same names spread over 84 birth dates fit.
    assert report["name_sorted + birth_year"] == {"pairs": 2_250_000, "used": False}
    assert report["given + birth_date"]["used"] and report["given + birth_date"]["pairs"] < 1_000_000
    assert not any("name_sorted" in r["blocking_rule"] and "birth_year" in r["blocking_rule"] for r in rules)
