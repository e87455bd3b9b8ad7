"""A closed month is not rewritten by later corrections; a re-computation is a new version with its reason."""

import pytest
from django.core.management import CommandError, call_command

from ansinh.core.models import AuditEvent
from ansinh.insights import services
from ansinh.insights.models import AreaStatistic, Snapshot, SnapshotValue
from ansinh.insights.snapshots import ReasonRequired, close_month, figures
from ansinh.insights.tests.conftest import PERIOD

pytestmark = pytest.mark.django_db


def _si(figs, area="42"):
    return next(
        r["value"]
        for r in figs.values.iter_rows(named=True)
        if r["kpi_code"] == "si_coverage" and r["area_code"] == area
    )


def _correct_the_labour_force():
    AreaStatistic.objects.filter(year=2025, commune_code="43701").update(labour_force=2900)


def test_the_snapshot_is_not_changed_by_a_later_correction(contract_rows):
    first = close_month(PERIOD)
    _correct_the_labour_force()
    contract_rows["participants_by_commune"].append({"commune_code": "43602", "compulsory": 500, "voluntary": 0})
    assert _si(figures(PERIOD)) == pytest.approx(780 * 100 / 1900)
    assert figures(PERIOD).snapshot == first
    stored = SnapshotValue.objects.get(snapshot=first, area_code="42", kpi_code="si_coverage")
    assert (stored.numerator, stored.denominator) == (780, 1900)


def test_closing_again_needs_a_reason_and_makes_a_new_version(contract_rows):
    first = close_month(PERIOD)
    _correct_the_labour_force()
    with pytest.raises(ReasonRequired):
        close_month(PERIOD)
    second = close_month(PERIOD, "Labour force of Hồng Lĩnh corrected by the statistics office")
    assert (first.version, second.version) == (1, 2)
    assert _si(figures(PERIOD)) == pytest.approx(780 * 100 / 3800)
    assert SnapshotValue.objects.get(snapshot=first, area_code="42", kpi_code="si_coverage").denominator == 1900
    table = services.kpi_table(PERIOD)
    assert table["provenance"]["version"] == 2 and "statistics office" in table["provenance"]["reason"]


def test_a_month_never_closed_is_computed_live(contract_rows):
    figs = figures(PERIOD)
    assert figs.is_live and _si(figs) == pytest.approx(780 * 100 / 1900)
    assert services.kpi_table(PERIOD)["provenance"]["source"] == "live"


def test_the_close_month_command_stores_a_version_and_audits_the_run(contract_rows, capsys):
    call_command("close_month", "--period", PERIOD)
    assert "version 1" in capsys.readouterr().out
    with pytest.raises(CommandError, match="reason"):
        call_command("close_month", "--period", PERIOD)
    call_command("close_month", "--period", PERIOD, "--reason", "late declarations")
    assert list(Snapshot.objects.filter(period=PERIOD).values_list("version", flat=True)) == [2, 1]
    assert AuditEvent.objects.filter(action="batch", object_type="insights.snapshot").count() == 2


def test_the_command_refuses_a_month_that_is_not_a_month(province):
    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("close_month", "--period", "2025-13")
