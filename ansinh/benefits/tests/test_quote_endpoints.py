"""POST /api/v1/benefits/<kind>/quote for every benefit: eligibility checks with articles, steps, sources;
out-of-bounds numbers are a 422 naming the field, never a 500; the bounds show in the OpenAPI description."""

import pytest

pytestmark = pytest.mark.django_db

PERIODS = [{"from": "2010-01", "to": "2025-12", "monthly_salary": 8_000_000}]
BODIES = {
    "pension": {"sex": "female", "birth_date": "1965-01-01", "retirement_date": "2026-01-01", "periods": PERIODS},
    "one-off": {"settlement_date": "2026-03-01", "ground": "emigration", "document": True, "periods": PERIODS},
    "sickness": {"kind": "own", "leave_start": "2026-03-02", "salary": 9_000_000, "insured_months": 120, "days": 5},
    "maternity": {
        "event": "birth",
        "birth_date": "2026-05-10",
        "children": 2,
        "periods": [{"from": "2025-01", "to": "2026-04", "monthly_salary": 8_000_000}],
    },
    "unemployment": {
        "contract_end": "2026-03-31",
        "claim_date": "2026-04-10",
        "periods": [{"from": "2023-01", "to": "2026-03", "monthly_salary": 9_000_000, "region": "II"}],
    },
    "occupational": {
        "event": "accident",
        "event_date": "2026-03-10",
        "capacity_loss_pct": 40,
        "salary": 8_000_000,
        "fund_months": 30,
    },
    "funeral": {"death_date": "2026-03-10", "status": "pensioner"},
    "social-pension": {"birth_date": "1950-01-01", "start": "2026-03-01"},
    "monthly-allowance": {
        "sex": "female",
        "birth_date": "1969-01-01",
        "start": "2026-03-01",
        "periods": [{"from": "2015-01", "to": "2019-12", "monthly_salary": 6_000_000}],
    },
}


def _post(client, path, body):
    return client.post(f"/api/v1/benefits/{path}", body, content_type="application/json")


@pytest.mark.parametrize("kind", sorted(BODIES))
def test_every_quote_answers_with_checks_citing_articles_and_steps(client, kind):
    response = _post(client, f"{kind}/quote", BODIES[kind])
    assert response.status_code == 200, response.content
    body = response.json()
    assert (
        body["eligible"] is True
        and body["checks"]
        and all(c["article"] and c["passed"] for c in body["checks"] if c["blocking"])
    )
    assert body["steps"] and body["parameters"]


def test_the_survivor_quote_gives_the_monthly_and_the_one_off_allowance(client):
    body = _post(
        client,
        "survivor/quote",
        {
            "death_date": "2026-03-10",
            "status": "pensioner",
            "pension": 5_000_000,
            "pension_start": "2020-01-01",
            "relatives": [{"relation": "spouse", "birth_date": "1960-01-01", "sex": "female"}],
        },
    ).json()
    assert body["monthly"]["monthly_amount"] == 1_170_000
    assert body["one_off"]["eligible"] is False and body["one_off"]["failed"] == ["no_monthly_relative"]


def test_an_indexation_quote_applies_each_decree_since_the_award(client):
    body = _post(client, "pension/indexation", {"amount": 5_000_000, "start": "2021-06-01", "on": "2026-12-01"}).json()
    assert body["indexed_amount"] == 6_947_438 and len(body["steps"]) == 3


@pytest.mark.parametrize(
    "path, body, field",
    [
        (
            "pension/quote",
            {**BODIES["pension"], "periods": [{**PERIODS[0], "monthly_salary": 10**30}]},
            "monthly_salary",
        ),
        ("pension/quote", {**BODIES["pension"], "hazardous_years": 61}, "hazardous_years"),
        ("sickness/quote", {**BODIES["sickness"], "days": 400}, "days"),
        ("maternity/quote", {**BODIES["maternity"], "children": 11}, "children"),
        ("occupational/quote", {**BODIES["occupational"], "capacity_loss_pct": 101}, "capacity_loss_pct"),
        ("occupational/quote", {**BODIES["occupational"], "salary": 10**30}, "salary"),
        ("survivor/quote", {"death_date": "2026-03-10", "status": "pensioner", "pension": 10**30}, "pension"),
        ("pension/indexation", {"amount": -5, "start": "2021-06-01", "on": "2026-12-01"}, "amount"),
    ],
)
def test_out_of_bounds_numbers_are_a_422_naming_the_field(client, path, body, field):
    response = _post(client, path, body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == field


def test_too_many_periods_or_relatives_are_refused(client):
    periods = [
        {
            "from": f"{1900 + i // 12:04d}-{i % 12 + 1:02d}",
            "to": f"{1900 + i // 12:04d}-{i % 12 + 1:02d}",
            "monthly_salary": 1,
        }
        for i in range(601)
    ]
    assert _post(client, "pension/quote", {**BODIES["pension"], "periods": periods}).status_code == 422
    relative = {"relation": "child", "birth_date": "2015-01-01", "sex": "male"}
    assert (
        _post(
            client, "survivor/quote", {"death_date": "2026-03-10", "status": "pensioner", "relatives": [relative] * 21}
        ).status_code
        == 422
    )


def test_the_openapi_description_shows_the_bounds(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert schemas["PeriodIn"]["properties"]["monthly_salary"]["maximum"] == 1_000_000_000
    assert schemas["PensionQuoteIn"]["properties"]["periods"]["maxItems"] == 600
    assert schemas["MaternityQuoteIn"]["properties"]["children"]["maximum"] == 10


def test_the_quotes_are_throttled_per_address(client, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "quote": "3/m"}
    statuses = [_post(client, "funeral/quote", BODIES["funeral"]).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
