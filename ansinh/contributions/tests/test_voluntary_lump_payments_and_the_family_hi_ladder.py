"""Voluntary SI paid years ahead or for the missing months at once (Law 41/2024 Art. 36); the family-HI ladder
for the household group only; the UI cap of the state pay scale; bounded quote input."""

import pytest

from ansinh.contributions.quoting import quote
from ansinh.core.errors import DomainError
from ansinh.policy.models import Parameter

pytestmark = pytest.mark.django_db


def test_paying_five_years_ahead_without_a_published_discount_rate_is_the_plain_sum_and_says_so():
    answer = quote(
        {
            "scheme": "voluntary",
            "period": "2026-03",
            "income": 2_000_000,
            "support_group": "other",
            "schedule": "advance",
            "months": 60,
        }
    )
    # 22% × 2,000,000 = 440,000 a month; state support 20% × 22% × 1,500,000 = 66,000 a month.
    assert answer["by_payer"] == {"participant": 60 * (440_000 - 66_000), "state": 60 * 66_000}
    assert "No discount rate" in answer["notes"][0]


def test_a_published_discount_rate_discounts_each_later_month():
    import datetime as dt

    Parameter.objects.create(
        key="voluntary.discount_rate",
        valid_from=dt.date(2026, 1, 1),
        value=0.5,
        unit="percent",
        source="Vietnam Social Security announcement (test)",
    )
    answer = quote(
        {
            "scheme": "voluntary",
            "period": "2026-03",
            "income": 2_000_000,
            "support_group": "other",
            "schedule": "advance",
            "months": 12,
        }
    )
    # 374,000 × Σ 1/1.005^i for i = 0..11 = 374,000 × 11.5628...
    expected = round(sum(374_000 / 1.005**i for i in range(12)))
    assert abs(answer["by_payer"]["participant"] - expected) <= 1


def test_paying_ahead_is_for_whole_years_up_to_five():
    for months in (18, 72):
        with pytest.raises(DomainError) as err:
            quote(
                {
                    "scheme": "voluntary",
                    "period": "2026-03",
                    "income": 2_000_000,
                    "support_group": "other",
                    "schedule": "advance",
                    "months": months,
                }
            )
        assert err.value.errors[0].field == "months"


def test_the_missing_months_are_paid_at_once_without_support_up_to_five_years():
    answer = quote(
        {
            "scheme": "voluntary",
            "period": "2026-03",
            "income": 3_000_000,
            "support_group": "poor",
            "schedule": "missing",
            "months": 60,
        }
    )
    assert answer["by_payer"] == {"participant": 60 * 660_000, "state": 0}
    with pytest.raises(DomainError):
        quote(
            {
                "scheme": "voluntary",
                "period": "2026-03",
                "income": 3_000_000,
                "support_group": "poor",
                "schedule": "missing",
                "months": 61,
            }
        )


def test_before_july_2025_up_to_ten_missing_years_could_be_paid():
    answer = quote(
        {
            "scheme": "voluntary",
            "period": "2025-03",
            "income": 3_000_000,
            "support_group": "other",
            "schedule": "missing",
            "months": 120,
        }
    )
    assert answer["by_payer"]["participant"] == 120 * 660_000


def test_the_household_group_pays_on_the_ladder_and_a_near_poor_household_does_not():
    household = quote({"scheme": "family_hi", "period": "2025-09", "members": 3})
    assert household["total"] == 105_300 + 73_710 + 63_180
    near_poor = quote({"scheme": "family_hi", "period": "2025-09", "members": 3, "support_group": "near_poor"})
    # Each member 4.5% × 2,340,000 = 105,300; the state pays 70% (73,710), the household 31,590.
    assert near_poor["by_payer"] == {"household": 3 * 31_590, "state": 3 * 73_710}
    assert "household group" in near_poor["notes"][0]


def test_a_state_pay_scale_worker_has_the_ui_cap_of_twenty_reference_levels():
    employer = quote({"scheme": "compulsory", "period": "2026-03", "salary": 80_000_000, "region": "IV"})
    state = quote(
        {"scheme": "compulsory", "period": "2026-03", "salary": 80_000_000, "region": "IV", "pay_scale": "state"}
    )

    def ui(q):
        return next(line for line in q["lines"] if line["fund"] == "unemployment")["basis"]

    assert ui(employer) == 20 * 3_700_000 and ui(state) == 20 * 2_340_000


@pytest.mark.parametrize(
    "field, value", [("salary", 10**30), ("members", 31), ("months", 121), ("supported_months_used", -1)]
)
def test_out_of_bounds_numbers_are_a_422_naming_the_field(client, field, value):
    body = {
        "scheme": "family_hi" if field == "members" else "compulsory",
        "period": "2026-03",
        "salary": 10_000_000,
        "region": "I",
        "members": 2,
        field: value,
    }
    response = client.post("/api/v1/contributions/quote", body, content_type="application/json")
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == field


def test_the_bounds_show_in_the_openapi_description(client):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["QuoteRequest"]["properties"]
    assert schema["members"]["anyOf"][0]["maximum"] == 30 and schema["salary"]["anyOf"][0]["maximum"] == 1_000_000_000
