"""A quote the law does not allow: 422 naming the field and the limit."""

import pytest

pytestmark = pytest.mark.django_db


def _post(client, payload):
    return client.post("/api/v1/contributions/quote", payload, content_type="application/json")


def _error(response):
    assert response.status_code == 422, response.content
    return response.json()["detail"][0]


def test_it_rejects_a_salary_below_the_regional_minimum(client):
    error = _error(_post(client, {"scheme": "compulsory", "period": "2025-06", "salary": 4_000_000, "region": "I"}))
    assert error["loc"][-1] == "salary" and error["type"] == "below_minimum"
    assert "4.960.000" in error["msg"]


def test_it_rejects_an_income_under_the_poverty_line_floor(client):
    error = _error(
        _post(client, {"scheme": "voluntary", "period": "2025-09", "income": 1_000_000, "support_group": "other"})
    )
    assert error["loc"][-1] == "income" and "1.500.000" in error["msg"]


def test_it_rejects_an_unknown_region(client):
    error = _error(_post(client, {"scheme": "compulsory", "period": "2025-06", "salary": 9_000_000, "region": "V"}))
    assert error["loc"][-1] == "region" and error["type"] == "unknown_region"


def test_it_rejects_an_unknown_support_group(client):
    error = _error(
        _post(client, {"scheme": "voluntary", "period": "2025-09", "income": 2_000_000, "support_group": "rich"})
    )
    assert error["loc"][-1] == "support_group" and "near_poor" in error["msg"]


def test_it_rejects_a_period_before_the_data_starts(client):
    error = _error(_post(client, {"scheme": "compulsory", "period": "2001-01", "salary": 9_000_000, "region": "I"}))
    assert error["loc"][-1] == "period" and error["type"] == "before_data"


def test_it_rejects_a_period_that_is_not_a_month(client):
    error = _error(_post(client, {"scheme": "family_hi", "period": "2025-13", "members": 2}))
    assert error["loc"][-1] == "period"


def test_it_names_a_missing_field_of_the_scheme(client):
    error = _error(_post(client, {"scheme": "family_hi", "period": "2025-06"}))
    assert error["loc"][-1] == "members" and error["type"] == "missing"
