"""Each assessment rule on a claim built to trigger it and on one built not to."""

import datetime as dt

import pytest

from ansinh.health.assessment.run import run_assessment
from ansinh.health.models import Claim, Coverage, Finding
from ansinh.health.tests.claim_helpers import claim, covered, line, send

pytestmark = pytest.mark.django_db


def _assess(*claims, facility="42010"):
    send(list(claims), facility=facility)
    run_assessment()
    return {c.ma_lk: (c, set(c.findings.values_list("rule", flat=True))) for c in Claim.objects.all()}


def test_a_correct_claim_is_accepted_without_findings():
    ((c, rules),) = _assess(claim(covered())).values()
    assert (c.outcome, rules, c.review, c.fund_amount) == ("accepted", set(), "none", c.fund_claimed)


def test_no_coverage_on_the_visit_dates_rejects_the_claim():
    cover = covered(valid_to=dt.date(2025, 5, 31))
    result = _assess(claim(cover, "LK1"), claim(covered(), "LK2"))
    assert result["LK1"][0].outcome == "rejected" and "C01" in result["LK1"][1]
    assert "C01" not in result["LK2"][1]


def test_a_stopped_card_is_not_coverage():
    cover = covered()
    Coverage.objects.filter(pk=cover.pk).update(status="stopped", stop_code="124")
    ((c, rules),) = _assess(claim(cover)).values()
    assert c.outcome == "rejected" and rules == {"C01"}


def test_a_duplicate_visit_is_rejected_and_the_first_kept():
    cover = covered()
    result = _assess(claim(cover, "LK1"), claim(cover, "LK2"))
    assert result["LK1"][1] == set() and result["LK2"][1] == {"C02"} and result["LK2"][0].outcome == "rejected"


def test_overlapping_inpatient_stays_are_flagged_for_review():
    cover = covered()
    stay = dict(visit_type="03", days=5, items=[line("K02.1902", 5), line("40.0013", 10, stt=2)])
    send([claim(cover, "LK1", facility="42010", **stay)], facility="42010")
    send(
        [
            claim(
                cover,
                "LK2",
                facility="42011",
                admitted=dt.datetime(2025, 6, 4, 9),
                **dict(stay, items=[line("K02.1902", 5)]),
            )
        ],
        facility="42011",
    )
    send(
        [
            claim(
                cover,
                "LK3",
                facility="42012",
                admitted=dt.datetime(2025, 6, 20, 9),
                **dict(stay, items=[line("K02.1902", 5)]),
            )
        ],
        facility="42012",
    )
    run_assessment()
    rules = {c.ma_lk: set(c.findings.values_list("rule", flat=True)) for c in Claim.objects.all()}
    assert rules == {"LK1": set(), "LK2": {"C03"}, "LK3": set()}
    assert Claim.objects.get(ma_lk="LK2").review == "to_review"


def test_a_drug_not_in_the_catalogue_is_cut_on_its_line():
    items = [line("02.1897"), line("40.9999", 10, 5000, stt=2)]
    ((c, rules),) = _assess(claim(covered(), items=items)).values()
    finding = Finding.objects.get(rule="L01")
    assert finding.line.code == "40.9999" and finding.amount == 50_000 and c.outcome == "adjusted"
    assert c.allowed_total == 45_000


def test_a_price_above_the_reference_is_cut_to_the_reference():
    items = [line("02.1897", price=60_000), line("40.0004", 30, stt=2)]
    ((c, rules),) = _assess(claim(covered(), items=items)).values()
    assert rules == {"L02"} and Finding.objects.get(rule="L02").amount == 15_000
    assert c.allowed_total == 45_000 + 30 * 480


def test_a_quantity_over_the_limit_is_cut_to_the_limit():
    items = [line("02.1897"), line("40.0004", 120, stt=2)]
    ((c, rules),) = _assess(claim(covered(), items=items)).values()
    assert rules == {"L03"} and Finding.objects.get(rule="L03").amount == 30 * 480


def test_bed_days_are_limited_per_day_of_the_stay():
    items = [line("K02.1902", 4)]
    ((c, rules),) = _assess(claim(covered(), visit_type="03", days=4, items=items)).values()
    assert "L03" not in rules


def test_a_fund_share_above_the_benefit_level_is_adjusted_with_the_reason():
    cover = covered(benefit_pct=80)
    items = [line("18.0068"), line("40.0004", 30, stt=2)]  # 550,400: above the low-cost threshold
    result = _assess(
        claim(cover, "LK1", items=items, fund_claimed=550_400), claim(covered(), "LK2", items=[line("18.0068")])
    )
    c, rules = result["LK1"]
    assert rules == {"C04"} and c.outcome == "adjusted" and c.fund_amount == 440_320 and c.benefit_pct == 80
    assert Finding.objects.get(rule="C04").reason == "80% × 100%: 440320 < 550400" and result["LK2"][1] == set()


def test_outside_the_registered_facility_the_route_share_is_applied():
    cover = covered(benefit_pct=80, registered="42101")
    ((c, rules),) = _assess(
        claim(cover, facility="42001", items=[line("18.0068")], fund_claimed=428_800), facility="42001"
    ).values()
    assert c.route_pct == 0 and c.fund_amount == 0 and rules == {"C04"}


def test_totals_that_do_not_match_the_lines_are_flagged():
    send([claim(covered(), "LK1"), claim(covered(), "LK2")])
    Claim.objects.filter(ma_lk="LK1").update(hi_total=1)
    run_assessment()
    assert set(Claim.objects.get(ma_lk="LK1").findings.values_list("rule", flat=True)) >= {"C05"}
    assert not Claim.objects.get(ma_lk="LK2").findings.exists()


def test_re_running_the_assessment_does_not_duplicate_findings():
    send([claim(covered(), items=[line("02.1897", price=60_000)])])
    run_assessment()
    run_assessment("{t}.id > 0")
    assert Finding.objects.count() == 1
