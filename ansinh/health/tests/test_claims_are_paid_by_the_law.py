"""The assessment pays what the law gives: the 5-consecutive-years exemption never for self-referred visits, the
yearly co-payment threshold (6 months of base salary) after which the fund pays the rest, visit type 09 as
inpatient, and the hand-written exports paid to the đồng."""

import datetime as dt

import pytest

from ansinh.health import claim_rules as cr
from ansinh.health import intake
from ansinh.health.assessment.run import run_assessment
from ansinh.health.models import Claim
from ansinh.health.tests import envelopes as E
from ansinh.health.tests.claim_helpers import claim, covered, line, send
from ansinh.policy.services import params_on

pytestmark = pytest.mark.django_db
BIG = 2_000_000


@pytest.fixture
def rules_2025():
    return cr.PayRules.from_params(params_on(dt.date(2025, 6, 1)))


def test_the_five_years_exemption_never_applies_to_a_self_referred_visit(rules_2025):
    exempt = cr.pay_visit(BIG, 80, "3.1", False, "03", "specialized", False, rules_2025, five_years_exempt=True)
    assert (exempt["case"], exempt["level_pct"], exempt["route_pct"], exempt["fund"]) == ("outside", 80, 40, 640_000)
    referred = cr.pay_visit(BIG, 80, "1.3", False, "03", "specialized", False, rules_2025, five_years_exempt=True)
    assert (referred["level_pct"], referred["fund"]) == (100, BIG)


def test_the_patient_kind_codes_name_their_route_case(rules_2025):
    cases = {
        kind: cr.route_case(kind, False, rules_2025.cases) for kind in ("1.1", "1.3", "1.7", "2", "3.2", "7.1", "9")
    }
    assert cases == {
        "1.1": "outside",
        "1.3": "referred",
        "1.7": "referred",
        "2": "emergency",
        "3.2": "outside",
        "7.1": "referred",
        "9": "outside",
    }
    assert cr.route_case("1.1", True, rules_2025.cases) == "registered"


def test_visit_type_09_is_paid_as_inpatient(rules_2025):
    short_stay = cr.pay_visit(BIG, 80, "3.1", False, "09", "specialized", False, rules_2025)
    outpatient = cr.pay_visit(BIG, 80, "3.1", False, "01", "specialized", False, rules_2025)
    assert (short_stay["route_pct"], outpatient["route_pct"]) == (40, 0)
    assert rules_2025.inpatient("09") and not cr.PayRules.from_params(params_on(dt.date(2023, 9, 1))).inpatient("09")


def test_the_visit_that_crosses_the_yearly_threshold_is_co_paid_only_up_to_it(rules_2025):
    cap = rules_2025.five_years_copay_cap
    assert cap == 6 * 2_340_000
    crossing = cr.pay_visit(
        BIG, 80, "1.1", True, "03", "basic", False, rules_2025, five_years=True, paid_in_year=cap - 100_000
    )
    assert (crossing["copay"], crossing["fund"], crossing["capped"]) == (100_000, BIG - 100_000, True)
    after = cr.pay_visit(BIG, 80, "1.1", True, "03", "basic", False, rules_2025, five_years=True, paid_in_year=cap + 1)
    assert (after["copay"], after["fund"]) == (0, BIG)
    before = cr.pay_visit(BIG, 80, "1.1", True, "03", "basic", False, rules_2025, five_years=True, paid_in_year=0)
    assert before["copay"] == 400_000
    self_referred = cr.pay_visit(
        BIG, 80, "3.1", False, "03", "basic", False, rules_2025, five_years=True, paid_in_year=cap + 1
    )
    assert self_referred["copay"] == BIG - self_referred["fund"] > 0


def _stay(cover, key: str, n: int, facility: str = "42010", kind: str = "1.1"):
    """The n-th stay of the year (every 15 days): 3,713,000 đồng, 742,600 of co-payment at 80 %; the facility claims
    it all from the fund (as it does for a patient it knows to be exempt), the assessment decides."""
    items = [line("10.9999", 1, stt=1), line("K03.1903", 3, stt=2)]
    return claim(
        cover,
        key,
        facility=facility,
        items=items,
        kind=kind,
        visit_type="03",
        days=3,
        fund_claimed=3_713_000,
        admitted=dt.datetime(2025, 1, 2, 8) + dt.timedelta(days=15 * n),
    )


def test_over_a_year_the_fund_takes_over_once_the_co_payments_pass_six_months_of_base_salary():
    cover = covered(benefit_pct=80, registered="42010", five_years_from=dt.date(2020, 1, 1))
    send([_stay(cover, f"LK{n}", n) for n in range(10)])
    run_assessment()
    send([_stay(cover, f"LK{n}", n) for n in range(10, 20)])  # the second half of the year, another month's envelope
    run_assessment()
    copays = [c.copay_amount for c in Claim.objects.order_by("admitted")]
    cap = 6 * 2_340_000
    assert copays[:18] == [742_600] * 18 and copays[18] == cap - 18 * 742_600 and copays[19] == 0 and sum(copays) == cap
    outcomes = [c.outcome for c in Claim.objects.order_by("admitted")]
    assert outcomes == ["adjusted"] * 19 + ["accepted"]


def test_self_referred_co_payments_count_for_nothing_and_get_no_exemption():
    cover = covered(benefit_pct=80, registered="42101", five_years_from=dt.date(2020, 1, 1))
    send([_stay(cover, f"SR{n}", n, facility="42001", kind="3.1") for n in range(20)], facility="42001")
    run_assessment()
    claims = list(Claim.objects.order_by("admitted"))
    assert {c.route_case for c in claims} == {"outside"} and len({c.copay_amount for c in claims}) == 1


def test_a_co_payment_exemption_certificate_pays_in_full_unless_self_referred():
    cover = covered(benefit_pct=80, registered="42010")
    visit, items = _stay(cover, "CERT", 4)
    visit["copay_exempt_from"] = dt.date(2025, 2, 1)
    send([(visit, items)])
    run_assessment()
    assert Claim.objects.get().copay_amount == 0


def test_the_hand_written_stay_is_paid_to_the_dong():
    E.people()
    intake.receive(E.envelope("42001", [E.tables("inpatient_supplies")]), None)
    run_assessment()
    claim = Claim.objects.get()
    assert (
        claim.outcome,
        claim.route_case,
        claim.benefit_pct,
        claim.allowed_total,
        claim.fund_amount,
        claim.copay_amount,
    ) == ("accepted", "referred", 95, 4_451_500, 4_228_925, 222_575)
    assert not claim.findings.exists()


@pytest.mark.parametrize(
    "record, facility, fund",
    [("outpatient", "42010", 151_100), ("child", "42101", 50_100), ("elderly", "42010", 80_995)],
)
def test_the_hand_written_visits_are_paid_as_claimed(record, facility, fund):
    E.people()
    intake.receive(E.envelope(facility, [E.tables(record)]), None)
    run_assessment()
    claim = Claim.objects.get()
    assert (claim.outcome, claim.fund_amount, claim.copay_amount) == ("accepted", fund, 0)
