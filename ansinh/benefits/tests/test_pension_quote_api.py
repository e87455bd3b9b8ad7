"""POST /api/v1/benefits/pension/quote and /one-off/quote: the issue's worked example and bad input."""

import pytest

pytestmark = pytest.mark.django_db

SAMPLE = {
    "sex": "female",
    "birth_date": "1969-05-10",
    "retirement_date": "2025-09-01",
    "periods": [{"from": "1995-01", "to": "2025-08", "monthly_salary": 8000000, "pay_scale": "employer"}],
    "hazardous_years": 0,
}
# Σ months × coefficient for 1995-01..2025-08 with the 2025 table = 881.12; × 8,000,000 ÷ 368 months.
SAMPLE_MBQ = 19_154_783


def test_the_issue_sample_is_four_months_short_of_her_retirement_age(client):
    response = client.post("/api/v1/benefits/pension/quote", SAMPLE, content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["eligible"] is False
    # Born 5/1969 she misses 56y8m in 2025, so her age is 57, reached 2026-05-10 (Decree 135/2020 annex).
    assert "2026-05-10" in body["reason"]
    assert (body["insured_years"], body["insured_months"], body["rate_pct"]) == (30, 8, 75.0)
    assert body["average_monthly_salary"] == SAMPLE_MBQ
    assert body["monthly_pension"] == 0


def test_the_issue_sample_with_reduced_capacity_is_paid_with_a_one_point_reduction(client):
    response = client.post(
        "/api/v1/benefits/pension/quote", {**SAMPLE, "reduced_capacity_pct": 61}, content_type="application/json"
    )
    body = response.json()
    assert body["eligible"] is True and body["reason"] is None
    assert body["early_retirement_reduction_pct"] == 1  # 8 months early: 6–12 months cost 1 point
    assert body["monthly_pension"] == round(SAMPLE_MBQ * 0.74)
    assert abs(body["retirement_lump_sum"] - SAMPLE_MBQ * 0.5) <= 1  # 30y8m counts 31 years: 1 beyond 30
    keys = {p["key"] for p in body["parameters"]}
    assert {"pension.rate", "pension.revaluation", "pension.retirement_age", "reference.base_salary"} <= keys


def test_a_period_that_ends_before_it_starts_names_the_row(client):
    bad = {**SAMPLE, "periods": [SAMPLE["periods"][0], {"from": "2020-05", "to": "2020-01", "monthly_salary": 1}]}
    response = client.post("/api/v1/benefits/pension/quote", bad, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["periods", 1, "to"]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"sex": "other"}, "sex"),
        ({"birth_date": "10/05/1969"}, "birth_date"),
        ({"periods": []}, "periods"),
        ({"hazardous_years": -1}, "hazardous_years"),
        ({"unknown": 1}, "unknown"),
    ],
)
def test_invalid_input_is_a_422_naming_the_field(client, change, field):
    response = client.post("/api/v1/benefits/pension/quote", {**SAMPLE, **change}, content_type="application/json")
    assert response.status_code == 422
    assert field in response.json()["detail"][0]["loc"]


def test_overlapping_periods_are_refused(client):
    rows = [
        {"from": "2000-01", "to": "2010-12", "monthly_salary": 5000000},
        {"from": "2010-06", "to": "2020-12", "monthly_salary": 5000000},
    ]
    response = client.post(
        "/api/v1/benefits/pension/quote", {**SAMPLE, "periods": rows}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "overlap"


def test_a_date_before_the_law_data_is_a_422(client):
    response = client.post(
        "/api/v1/benefits/pension/quote",
        {
            **SAMPLE,
            "retirement_date": "1990-01-01",
            "birth_date": "1930-01-01",
            "periods": [{"from": "1960-01", "to": "1989-12", "monthly_salary": 100}],
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "no_law"


def test_the_one_off_quote_pays_one_and_a_half_before_2014_and_two_after(client):
    rows = [{"from": "2010-01", "to": "2019-12", "monthly_salary": 6000000}]
    body = client.post(
        "/api/v1/benefits/one-off/quote",
        {"settlement_date": "2026-03-01", "periods": rows, "ground": "transitional"},
        content_type="application/json",
    ).json()
    assert body["eligible"] and [c["code"] for c in body["checks"]][:2] == ["one_off_ground", "joined_before"]
    mbq = next(s for s in body["steps"] if s["code"] == "average_salary")["values"]["mbq"]
    assert body["insured_years"] == 10
    assert abs(body["amount"] - (4 * 1.5 + 6 * 2) * mbq) <= 1


def test_a_one_off_under_a_year_returns_what_was_paid(client):
    rows = [{"from": "2025-01", "to": "2025-06", "monthly_salary": 5000000}]
    body = client.post(
        "/api/v1/benefits/one-off/quote",
        {"settlement_date": "2026-08-01", "periods": rows, "ground": "transitional"},
        content_type="application/json",
    ).json()
    assert body["amount"] == 6 * 5_000_000 * 22 // 100
