"""Cost per visit and per inpatient day against the level's average, outliers flagged, and the settlement."""

import pytest

from ansinh.health import monitoring
from ansinh.health.assessment.run import run_assessment
from ansinh.health.tests.claim_helpers import claim, covered, line, send

pytestmark = pytest.mark.django_db


def _month():
    cheap = [claim(covered(), f"A{n}", facility="42010", items=[line("02.1897")]) for n in range(3)]
    send(cheap, facility="42010")
    for code in ("42011", "42012"):
        send([claim(covered(), f"B{code}", facility=code, items=[line("02.1897")])], facility=code)
    costly = [claim(covered(), "C1", facility="42013", items=[line("02.1897"), line("18.0068", stt=2)])]
    send(costly, facility="42013")
    send(
        [claim(covered(), "N1", facility="42014", visit_type="03", days=3, items=[line("K02.1902", 3)])],
        facility="42014",
    )
    run_assessment()


def test_a_facility_far_above_its_level_average_is_flagged():
    _month()
    rows = {r["code"]: r for r in monitoring.cost_by_facility(2025, 6)}
    assert rows["42010"]["cost_per_visit"] == 45_000 and not rows["42010"]["cost_per_visit_outlier"]
    assert rows["42013"]["cost_per_visit"] == 581_000 and rows["42013"]["cost_per_visit_outlier"]
    assert rows["42014"]["cost_per_day"] == 197_200 and rows["42014"]["cost_per_visit"] is None


def test_the_settlement_pays_each_facility_what_was_allowed():
    _month()
    rows = {r["code"]: r for r in monitoring.settlement(2025, 6)}
    assert rows["42010"]["claims"] == 3 and rows["42010"]["payable"] == 3 * 45_000  # low-cost visits paid in full
    assert monitoring.settlement(2025, 7) == []


def test_diagnosis_groups_follow_the_icd10_chapters():
    assert [monitoring.chapter_of(c) for c in ("A09", "C34", "I10", "J18", "O80", "S72", "Z00")] == [
        "I",
        "II",
        "IX",
        "X",
        "XV",
        "XIX",
        "XXI",
    ]
