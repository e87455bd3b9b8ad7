"""Without stand-ins: SI participants come from the contributions assessment, and a source whose app has
not shipped its service shows as no data (never as zero)."""

import datetime as dt

import pytest

from ansinh.contributions.assessment import assess
from ansinh.core.periods import Period
from ansinh.insights import services, sources
from ansinh.insights.compute import compute_month
from ansinh.insights.tests.conftest import PERIOD
from ansinh.testing import factories

pytestmark = pytest.mark.django_db


def test_si_participants_are_the_people_assessed_by_contributions(province):
    unit = factories.employer(wage_region="I", commune_code="43601")
    for _ in range(3):
        factories.spell(factories.person(commune_code="43601"), unit, dt.date(2024, 1, 1))
    factories.spell(factories.person(commune_code="43602"), unit, dt.date(2024, 1, 1))
    assess(Period.parse(PERIOD))
    frame, available = compute_month(PERIOD)
    assert available["participants"] and available["arrears"]
    rows = {(r["kpi_code"], r["area_code"]): r for r in frame.iter_rows(named=True)}
    assert (rows[("si_compulsory", "43601")]["numerator"], rows[("si_compulsory", "43601")]["denominator"]) == (3, 600)
    assert rows[("si_compulsory", "436")]["numerator"] == 4
    assert rows[("si_coverage", "42")]["value"] == pytest.approx(4 * 100 / 1900)
    assert rows[("e_units", "436")]["numerator"] == 1


def test_a_kpi_whose_source_is_not_there_shows_no_data(contract_rows):
    del contract_rows["hi_members_by_commune"]
    table = services.kpi_table(PERIOD)
    hi = next(k for k in table["kpis"] if k["code"] == "hi_coverage")
    assert hi["value"] is None and hi["numerator"] is None
    assert hi["status"] == "no_data"
    assert table["provenance"]["sources"]["hi"] is False


def test_a_missing_service_module_is_told_apart_from_a_broken_one():
    assert sources.service("nosuchapp", "anything") is None
    assert sources.service("contributions", "no_such_function") is None
    assert sources.service("contributions", "participants_by_commune") is not None
