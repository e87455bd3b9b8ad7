"""Each KPI on the hand-built province (tests/conftest.py), at the province, a former district and a commune.
Ratios are summed numerators over summed denominators, never averages of ratios."""

import pytest

from ansinh.insights.compute import compute_month
from ansinh.insights.tests.conftest import PERIOD

pytestmark = pytest.mark.django_db

# kpi: {area code: (numerator, denominator)}; None = not available at that level.
EXPECTED = {
    "si_coverage": {"42": (780, 1900), "436": (380, 900), "437": (400, 1000), "43601": (260, 600), "43602": (120, 300)},
    "si_compulsory": {"42": (590, 1900), "436": (290, 900), "43601": (200, 600)},
    "si_voluntary": {"42": (190, 1900), "436": (90, 900), "43701": (100, 1000)},
    "hi_coverage": {"42": (3320, 3500), "436": (1420, 1500), "43601": (950, 1000)},
    "arrears_ratio": {
        "42": (40_000_000, 2_000_000_000),
        "436": (30_000_000, 1_200_000_000),
        "43601": (30_000_000, 1_000_000_000),
    },
    "e_units": {"42": (6, 7), "436": (4, 5), "43601": None},
    "e_dossiers": {"42": (45, 50), "436": (38, 40), "43701": (7, 10)},
    "postal_return": {"42": (25, 40), "436": (20, 30), "43701": (5, 10)},
    "on_time": {"42": (37, 40), "436": (27, 30), "43601": (27, 30)},
    "cashless": {"42": (140, 150), "436": (90, 100), "43701": (50, 50)},
    "population_sync": {"42": (775, 780), "436": (379, 380), "43701": (396, 400)},
}


@pytest.fixture
def values(contract_rows):
    frame, available = compute_month(PERIOD)
    assert all(available.values())
    return {(r["kpi_code"], r["area_code"]): r for r in frame.iter_rows(named=True)}


@pytest.mark.parametrize("kpi", sorted(EXPECTED))
def test_each_kpi_has_the_known_answer_at_every_level(values, kpi):
    for area, expected in EXPECTED[kpi].items():
        row = values[(kpi, area)]
        if expected is None:
            assert row["value"] is None, f"{kpi} should have no figure at {area}"
            continue
        numerator, denominator = expected
        assert (row["numerator"], row["denominator"]) == (numerator, denominator), f"{kpi} at {area}"
        assert row["value"] == pytest.approx(numerator * 100 / denominator)


def test_a_commune_without_dossiers_has_no_dossier_share_rather_than_zero(values):
    assert values[("e_dossiers", "43602")]["denominator"] == 0
    assert values[("e_dossiers", "43602")]["value"] is None


def test_every_area_of_the_province_has_a_row_for_every_kpi(values):
    areas = {area for (_kpi, area) in values}
    assert {"42", "436", "437", "43601", "43701"} <= areas
    assert len(values) == len(EXPECTED) * len(areas)
