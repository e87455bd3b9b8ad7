"""Worked examples from the domain facts (shared/domain §2–4), through the service and the API."""

import pytest

from ansinh.contributions.services import quote

pytestmark = pytest.mark.django_db


def test_a_salary_of_ten_million_costs_the_employer_2_150_000_and_the_employee_1_050_000():
    answer = quote({"scheme": "compulsory", "period": "2025-06", "salary": 10_000_000, "region": "I"})
    assert answer["by_payer"] == {"employer": 2_150_000, "employee": 1_050_000}
    assert answer["total"] == 3_200_000
    assert answer["by_fund"]["retirement"] == 2_200_000


def test_the_salary_basis_stops_at_twenty_times_the_base_salary():
    answer = quote({"scheme": "compulsory", "period": "2025-06", "salary": 100_000_000, "region": "I"})
    retirement = [line for line in answer["lines"] if line["fund"] == "retirement"]
    assert {line["basis"] for line in retirement} == {46_800_000}


def test_family_hi_follows_the_ladder_for_five_members():
    answer = quote({"scheme": "family_hi", "period": "2025-06", "members": 5})
    amounts = [line["amount"] for line in answer["lines"] if line["payer"] == "household"]
    assert amounts == [105_300, 73_710, 63_180, 52_650, 42_120]
    assert answer["total"] == 105_300 + 73_710 + 63_180 + 52_650 + 42_120


def test_voluntary_support_after_july_2025_is_50_40_30_20_percent():
    expected = {"poor": 165_000, "near_poor": 132_000, "ethnic_minority": 99_000, "other": 66_000}
    for group, support in expected.items():
        answer = quote(
            {"scheme": "voluntary", "period": "2025-09", "income": 1_500_000, "support_group": group, "months": 1}
        )
        assert answer["by_payer"] == {"participant": 330_000 - support, "state": support}


def test_voluntary_support_before_july_2025_is_30_25_10_percent():
    expected = {"poor": 99_000, "near_poor": 82_500, "other": 33_000}
    for group, support in expected.items():
        answer = quote(
            {"scheme": "voluntary", "period": "2025-06", "income": 1_500_000, "support_group": group, "months": 3}
        )
        assert answer["by_payer"]["state"] == support * 3
        assert answer["total"] == 990_000


def test_state_support_stops_after_120_months():
    answer = quote(
        {
            "scheme": "voluntary",
            "period": "2025-09",
            "income": 2_000_000,
            "support_group": "poor",
            "months": 6,
            "supported_months_used": 117,
        }
    )
    assert answer["by_payer"]["state"] == 3 * 165_000


def test_the_answer_cites_the_parameter_versions_it_used():
    answer = quote({"scheme": "compulsory", "period": "2025-06", "salary": 10_000_000, "region": "I"})
    keys = {c["key"] for c in answer["parameters"]}
    assert {"rate.employer.retirement", "min_wage.I", "reference.base_salary", "cap.si_hi_multiple"} <= keys
    base = next(c for c in answer["parameters"] if c["key"] == "reference.base_salary")
    assert base["value"] == 2_340_000 and "73/2024" in base["source"]


def test_the_deadline_is_the_last_day_of_the_next_month_from_july_2025():
    answer = quote({"scheme": "compulsory", "period": "2025-09", "salary": 10_000_000, "region": "I"})
    assert answer["due_date"] == "2025-10-31"


def test_the_api_answers_a_quote_without_logging_in(client):
    response = client.post(
        "/api/v1/contributions/quote",
        {"scheme": "family_hi", "period": "2025-06", "members": 3},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["total"] == 105_300 + 73_710 + 63_180
