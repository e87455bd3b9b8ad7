"""The fund's part and the co-payment for each benefit level and each facility case (HI24 Art. 22)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansinh.health import claim_rules as cr
from ansinh.policy.services import params_on

pytestmark = pytest.mark.django_db
BIG = 2_000_000  # above the low-cost threshold (15% of 2,340,000 = 351,000)


@pytest.fixture
def rules_2025():
    return cr.PayRules.from_params(params_on(dt.date(2025, 6, 1)))


@pytest.mark.parametrize("benefit, fund", [(100, 2_000_000), (95, 1_900_000), (80, 1_600_000)])
def test_at_the_registered_facility_the_card_level_applies(rules_2025, benefit, fund):
    paid = cr.pay_visit(BIG, benefit, "1.1", True, "01", "basic", True, rules_2025)
    assert (paid["fund"], paid["copay"], paid["case"]) == (fund, BIG - fund, "registered")


def test_a_low_cost_visit_on_the_correct_route_is_paid_in_full(rules_2025):
    assert rules_2025.low_cost_threshold == 351_000
    assert cr.pay_visit(350_000, 80, "1.1", True, "01", "basic", True, rules_2025)["fund"] == 350_000
    assert cr.pay_visit(351_000, 80, "1.1", True, "01", "basic", True, rules_2025)["fund"] == 280_800


def test_primary_care_is_paid_in_full_even_outside_the_registered_facility(rules_2025):
    paid = cr.pay_visit(BIG, 80, "1.1", False, "01", "primary", False, rules_2025)
    assert (paid["level_pct"], paid["route_pct"], paid["fund"]) == (100, 100, BIG)


def test_an_emergency_anywhere_is_the_correct_route(rules_2025):
    paid = cr.pay_visit(BIG, 80, "2", False, "03", "specialized", False, rules_2025)
    assert (paid["case"], paid["fund"]) == ("emergency", 1_600_000)


def test_a_referral_is_the_correct_route(rules_2025):
    assert cr.pay_visit(BIG, 95, "1.2", False, "01", "specialized", False, rules_2025)["fund"] == 1_900_000


def test_outside_registration_a_former_district_facility_pays_in_full(rules_2025):
    assert cr.pay_visit(BIG, 80, "1.1", False, "01", "basic", True, rules_2025)["fund"] == 1_600_000


def test_outside_registration_inpatient_at_specialized_level_pays_40_percent(rules_2025):
    paid = cr.pay_visit(BIG, 80, "1.1", False, "03", "specialized", False, rules_2025)
    assert (paid["route_pct"], paid["fund"], paid["copay"]) == (40, 640_000, 1_360_000)


def test_outside_registration_inpatient_at_basic_level_pays_in_full(rules_2025):
    assert cr.pay_visit(BIG, 80, "1.1", False, "03", "basic", False, rules_2025)["fund"] == 1_600_000


def test_outside_registration_outpatient_at_basic_level_follows_the_roadmap_by_date():
    before = cr.PayRules.from_params(params_on(dt.date(2024, 6, 1)))
    during = cr.PayRules.from_params(params_on(dt.date(2025, 6, 1)))
    after = cr.PayRules.from_params(params_on(dt.date(2026, 2, 1)))
    funds = [
        cr.pay_visit(BIG, 80, "1.1", False, "01", "basic", False, rules)["fund"] for rules in (before, during, after)
    ]
    assert funds == [0, 800_000, 1_600_000]


def test_outside_registration_outpatient_at_specialized_level_is_not_paid(rules_2025):
    assert cr.pay_visit(BIG, 100, "1.1", False, "01", "specialized", False, rules_2025)["fund"] == 0


def test_the_five_years_exemption_pays_in_full(rules_2025):
    assert cr.pay_visit(BIG, 80, "1.1", True, "01", "basic", True, rules_2025, five_years_exempt=True)["fund"] == BIG


def test_the_fund_part_rounds_half_up_to_the_dong():
    assert cr.fund_part(1_001, 95, 40) == 380  # 380.38
    assert cr.fund_part(125, 80, 40) == 40  # 40.0
    assert cr.fund_part(5, 95, 100) == 5  # 4.75 → 5


@given(
    cost=st.integers(0, 500_000_000),
    benefit=st.sampled_from([80, 95, 100]),
    kind=st.sampled_from(["1.1", "1.2", "2", "3"]),
    here=st.booleans(),
    vtype=st.sampled_from(["01", "03"]),
    level=st.sampled_from(["primary", "basic", "specialized"]),
    former=st.booleans(),
)
def test_fund_and_copayment_always_add_up_to_the_cost(cost, benefit, kind, here, vtype, level, former):
    rules = cr.PayRules(
        {
            "emergency": 100,
            "primary": 100,
            "former_district": 100,
            "inpatient": {"basic": 100, "specialized": 40},
            "outpatient": {"basic": 50, "specialized": 0},
        },
        351_000,
        14_040_000,
    )
    paid = cr.pay_visit(cost, benefit, kind, here, vtype, level, former, rules)
    assert paid["fund"] + paid["copay"] == cost and 0 <= paid["fund"] <= cost
