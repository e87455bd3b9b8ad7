"""The SI history as people read it: gaps between contribution months are shown, equal months fold into periods."""

from ansinh.portal.history import by_year, ranges, with_gaps


def _row(period, payer="Công ty A", salary=5_000_000, kind="compulsory"):
    return {
        "period": period,
        "kind": kind,
        "payer": payer,
        "salary": salary,
        "employee_amount": 400_000,
        "employer_amount": 1_000_000,
        "state_support": 0,
        "status": "paid",
    }


def test_months_without_contributions_appear_as_one_gap_row():
    rows = with_gaps([_row("2024-01"), _row("2024-02"), _row("2024-06")])
    gaps = [r for r in rows if r.get("gap")]
    assert gaps == [{"gap": True, "from": "2024-03", "to": "2024-05", "months": 3}]
    assert rows[0]["period"] == "2024-06"  # newest first


def test_equal_consecutive_months_fold_into_one_period_and_a_raise_starts_another():
    folded = ranges(
        [_row("2024-01"), _row("2024-02"), _row("2024-03", salary=6_000_000), _row("2024-05", salary=6_000_000)]
    )
    assert [(r["start"], r["end"], r["months"]) for r in folded] == [
        ("2024-01", "2024-02", 2),
        ("2024-03", "2024-03", 1),
        ("2024-05", "2024-05", 1),
    ]
    assert folded[0]["employee_amount"] == 800_000


def test_years_group_the_rows_with_the_gap_in_the_year_it_ends():
    years = by_year(with_gaps([_row("2023-11"), _row("2024-02")]))
    assert [y for y, _ in years] == ["2024", "2023"]
    assert years[0][1][1]["gap"] and years[0][1][1]["to"] == "2024-01"


def test_no_history_gives_no_rows():
    assert with_gaps([]) == [] and ranges([]) == []
